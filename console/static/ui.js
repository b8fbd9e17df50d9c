// dxsim console: what the other scripts share (DOM and SVG builders, calls
// to the console's and the admin API, the buttons that drive the world).
// The scripts are classic scripts loaded in order (ui.js, topology.js,
// chart.js, details.js, app.js); their top-level names are shared.
"use strict";

const $ = (sel) => document.querySelector(sel);
const view = { account: "", region: "" };
const SVG = "http://www.w3.org/2000/svg";

// build makes an element of namespace ns (null: HTML) with attributes and
// children. style is set through the CSSOM: the CSP allows no inline style
// attribute.
function build(ns, tag, attrs, children) {
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.setAttribute("class", v);
    else if (k === "style") Object.assign(e.style, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === "") continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const el = (tag, attrs, ...children) => build(null, tag, attrs, children);
const svg = (tag, attrs, ...children) => build(SVG, tag, attrs, children);

function say(text, error) {
  const m = $("#message");
  m.textContent = text || "";
  m.className = error ? "error" : "";
}

function query() {
  return "account=" + encodeURIComponent(view.account) + "&region=" + encodeURIComponent(view.region);
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  // The admin API takes state changes only as JSON (its guard against
  // cross-site requests), so every one carries a JSON body.
  if (method !== "GET") {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body === undefined ? {} : body);
  }
  const resp = await fetch(path, init);
  const text = await resp.text();
  let data = {};
  try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { error: text }; }
  if (!resp.ok) throw new Error(data.error || resp.status + " " + resp.statusText);
  return data;
}

// control runs an admin call, says how it went and redraws.
async function control(what, method, path, body) {
  try {
    await call(method, path, body);
    say(what);
  } catch (e) {
    say(what + ": " + e.message, true);
  }
  await refresh();
}

function button(label, cls, title, onclick) {
  return el("button", { type: "button", class: cls, title, onclick }, label);
}

// linkButton takes a connection, interconnect, device or location down,
// or ends its outage.
function linkButton(id, down) {
  const path = "/_dxsim/links/" + encodeURIComponent(id);
  return down.has(id)
    ? button("Up", "link-up", "end the outage of " + id, () => control(id + " up", "POST", path + "/up"))
    : button("Down", "link-down", "take " + id + " down", () => control(id + " down", "POST", path + "/down"));
}

function provisionButtons(id) {
  return [
    button("Complete", "complete", "complete the provisioning of " + id, () => control(id + " provisioned", "POST", "/_dxsim/provisioning/" + id + "/complete")),
    button("Stall", "stall", "hold " + id + " where its provisioning is", () => control(id + " stalled", "POST", "/_dxsim/provisioning/" + id + "/stall")),
  ];
}

function bgpButton(peer) {
  const path = "/_dxsim/bgp-peers/" + peer.bgpPeerId + "/status";
  return peer.bgpStatus === "down"
    ? button("BGP up", "bgp-up", "let the session come up", () => control(peer.bgpPeerId + " BGP up", "PUT", path, { status: "up" }))
    : button("BGP down", "bgp-down", "hold the session down", () => control(peer.bgpPeerId + " BGP down", "PUT", path, { status: "down" }));
}

function loaLink(id) {
  return el("a", { href: "/console/api/loa/" + encodeURIComponent(id) + "?" + query(), download: id + "-loa.pdf", class: "loa", title: "download the LOA-CFA (starts the cross-connect)" }, "LOA");
}

function stateBadge(state) {
  state = state || "unknown";
  return el("span", { class: "state s-" + state, "data-state": state }, state);
}

// tone is the colour a state is drawn in: ok, wait, bad or gone (a
// CloudWatch alarm's OK, ALARM and INSUFFICIENT_DATA too).
function tone(state) {
  switch (state) {
    case "available": case "associated": case "attached": case "up": case "OK": return "ok";
    case "down": case "rejected": case "unavailable": case "failed": case "ALARM": return "bad";
    case "deleted": case "disassociated": case "detached": case "INSUFFICIENT_DATA": case undefined: case "": return "gone";
    default: return "wait";
  }
}

function clockText(t) {
  return t.replace("T", " ").replace(/\.\d+/, "").replace("Z", "");
}
