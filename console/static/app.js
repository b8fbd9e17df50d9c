// dxsim console: draws one account's world in one Region from
// /console/api/world, follows /console/api/events (server-sent events) and
// drives the world through the admin API under /_dxsim/.
"use strict";

const $ = (sel) => document.querySelector(sel);
const view = { account: "", region: "" };
let stream = null;
let redraw = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "style") Object.assign(e.style, v); // not an attribute: the CSP allows no inline style
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

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

function linkButtons(id, down) {
  return down.has(id)
    ? button("Up", "link-up", "end the outage of " + id, () => control(id + " up", "POST", "/_dxsim/links/" + encodeURIComponent(id) + "/up"))
    : button("Down", "link-down", "take " + id + " down", () => control(id + " down", "POST", "/_dxsim/links/" + encodeURIComponent(id) + "/down"));
}

function provisionButtons(id) {
  return [
    button("Complete", "complete", "complete the provisioning of " + id, () => control(id + " provisioned", "POST", "/_dxsim/provisioning/" + id + "/complete")),
    button("Stall", "stall", "hold " + id + " where its provisioning is", () => control(id + " stalled", "POST", "/_dxsim/provisioning/" + id + "/stall")),
  ];
}

function loaLink(id) {
  return el("a", { href: "/console/api/loa/" + encodeURIComponent(id) + "?" + query(), download: id + "-loa.pdf", class: "loa", title: "download the LOA-CFA (starts the cross-connect)" }, "LOA");
}

function stateBadge(state) {
  state = state || "unknown";
  return el("span", { class: "state s-" + state, "data-state": state }, state);
}

function res(kind, id, name, state, detail, actions, children) {
  return el("div", { class: "res s-" + (state || "unknown"), "data-kind": kind, "data-id": id },
    el("div", { class: "row" },
      el("span", { class: "kind" }, kind),
      el("span", { class: "name" }, name || ""),
      el("span", { class: "id" }, id),
      stateBadge(state),
      detail ? el("span", { class: "detail" }, detail) : null,
      el("span", { class: "actions" }, actions || [])),
    children || []);
}

function vifNodes(w, parentId) {
  return w.virtualInterfaces.filter((v) => v.connectionId === parentId).map((v) =>
    res("vif", v.virtualInterfaceId, v.virtualInterfaceName, v.virtualInterfaceState,
      v.virtualInterfaceType + " · VLAN " + v.vlan + (v.directConnectGatewayId ? " · gateway " + v.directConnectGatewayId : "") + (v.virtualGatewayId ? " · " + v.virtualGatewayId : ""),
      provisionButtons(v.virtualInterfaceId),
      (v.bgpPeers || []).map((p) =>
        res("bgp peer", p.bgpPeerId, p.addressFamily + " ASN " + (p.asnLong || p.asn), p.bgpPeerState,
          el("span", { class: "session", "data-session": p.bgpStatus }, "session ", stateBadge(p.bgpStatus)),
          [button("BGP down", "bgp-down", "hold the session down", () => control(p.bgpPeerId + " BGP down", "PUT", "/_dxsim/bgp-peers/" + p.bgpPeerId + "/status", { status: "down" })),
           button("BGP up", "bgp-up", "let the session come up", () => control(p.bgpPeerId + " BGP up", "PUT", "/_dxsim/bgp-peers/" + p.bgpPeerId + "/status", { status: "up" }))]))));
}

function connectionNode(w, c, down, kind) {
  const hosted = w.hostedConnections[c.connectionId] || [];
  kind = kind || (c.partnerName && c.vlan ? "hosted connection" : "connection");
  // A hosted connection has no port of its own, so no LOA.
  return res(kind, c.connectionId, c.connectionName, c.connectionState,
    c.bandwidth + (c.vlan ? " · VLAN " + c.vlan : "") + (c.partnerName ? " · " + c.partnerName : ""),
    [linkButtons(c.connectionId, down), ...provisionButtons(c.connectionId), kind === "connection" ? loaLink(c.connectionId) : null],
    [...vifNodes(w, c.connectionId), ...hosted.map((h) => connectionNode(w, h, down, "hosted connection"))]);
}

function interconnectNode(w, ic, down) {
  const hosted = w.hostedConnections[ic.interconnectId] || [];
  return res("interconnect", ic.interconnectId, ic.interconnectName, ic.interconnectState, ic.bandwidth,
    [linkButtons(ic.interconnectId, down), ...provisionButtons(ic.interconnectId), loaLink(ic.interconnectId)],
    hosted.map((h) => connectionNode(w, h, down, "hosted connection")));
}

function lagNode(w, l, byId, down) {
  const members = (l.connections || []).map((m) => byId.get(m.connectionId) || m);
  const hosted = w.hostedConnections[l.lagId] || [];
  return res("lag", l.lagId, l.lagName, l.lagState,
    members.length + " × " + l.connectionsBandwidth + " · minimum links " + l.minimumLinks,
    [...provisionButtons(l.lagId), loaLink(l.lagId)],
    [...members.map((m) => connectionNode(w, m, down)), ...vifNodes(w, l.lagId), ...hosted.map((h) => connectionNode(w, h, down, "hosted connection"))]);
}

function draw(w) {
  const down = new Set(w.down.map((f) => f.target));
  const byId = new Map(w.connections.map((c) => [c.connectionId, c]));
  const inLag = new Set(w.lags.flatMap((l) => (l.connections || []).map((m) => m.connectionId)));
  const icIds = new Set(w.interconnects.map((i) => i.interconnectId));
  const placed = new Set();
  const onDevice = (r, d) => r.awsDevice === d.awsDevice || (d.awsDeviceV2 && r.awsDeviceV2 === d.awsDeviceV2);

  const sites = w.sites.map((s) => {
    const here = (r) => r.location === s.locationCode;
    const devices = s.devices.map((d) => {
      const nodes = [];
      for (const l of w.lags.filter((l) => here(l) && onDevice(l, d))) { nodes.push(lagNode(w, l, byId, down)); placed.add(l.lagId); }
      for (const ic of w.interconnects.filter((i) => here(i) && onDevice(i, d) && !i.lagId)) { nodes.push(interconnectNode(w, ic, down)); placed.add(ic.interconnectId); }
      for (const c of w.connections.filter((c) => here(c) && onDevice(c, d) && !inLag.has(c.connectionId) && !icIds.has(c.connectionId))) { nodes.push(connectionNode(w, c, down)); placed.add(c.connectionId); }
      const used = d.ports ? Math.round(100 * d.portsInUse / d.ports) : 0;
      return el("div", { class: "device" + (down.has(d.awsDevice) ? " down" : ""), "data-device": d.awsDevice },
        el("h3", {}, "device ", el("span", { class: "id" }, d.awsDevice),
          el("span", { class: "ports", title: "ports held by every account" }, d.portsInUse + "/" + d.ports + " ports ",
            el("span", { class: "meter" }, el("i", { style: { width: used + "%" } }))),
          el("span", { class: "detail" }, d.portSpeeds.join(", ")),
          down.has(d.awsDevice) ? stateBadge("down") : null,
          el("span", { class: "actions" }, linkButtons(d.awsDevice, down))),
        nodes.length ? nodes : el("p", { class: "empty" }, "nothing of this account"));
    });
    return el("div", { class: "site" + (down.has(s.locationCode) ? " down" : ""), "data-location": s.locationCode },
      el("h2", {}, s.locationName + " ", el("span", { class: "id" }, s.locationCode), " ",
        down.has(s.locationCode) ? stateBadge("down") : null,
        el("span", { class: "actions" }, linkButtons(s.locationCode, down))),
      el("div", { class: "devices" }, devices));
  });

  // Interfaces of this account on connections it cannot see (allocated to
  // it by another account) are drawn on their own.
  const drawnParents = new Set([...w.connections.map((c) => c.connectionId), ...w.lags.map((l) => l.lagId),
    ...w.interconnects.map((i) => i.interconnectId), ...Object.values(w.hostedConnections).flat().map((h) => h.connectionId)]);
  const orphans = [...new Set(w.virtualInterfaces.filter((v) => !drawnParents.has(v.connectionId)).map((v) => v.connectionId))];
  const rest = [
    ...w.lags.filter((l) => !placed.has(l.lagId)).map((l) => lagNode(w, l, byId, down)),
    ...w.connections.filter((c) => !placed.has(c.connectionId) && !inLag.has(c.connectionId) && !icIds.has(c.connectionId)).map((c) => connectionNode(w, c, down)),
    ...orphans.flatMap((id) => vifNodes(w, id)),
  ];
  const gateways = el("div", { class: "gateways" }, el("h2", {}, "Direct Connect gateways"),
    w.gateways.length ? w.gateways.map((g) =>
      res("gateway", g.directConnectGatewayId, g.directConnectGatewayName, g.directConnectGatewayState, "Amazon ASN " + g.amazonSideAsn, [],
        [...w.associations.filter((a) => a.directConnectGatewayId === g.directConnectGatewayId).map((a) =>
          res("association", a.associationId, (a.associatedGateway && a.associatedGateway.id) || a.virtualGatewayId, a.associationState,
            a.associatedGateway ? a.associatedGateway.type + " in " + a.associatedGateway.region : "", [])),
         ...w.virtualInterfaces.filter((v) => v.directConnectGatewayId === g.directConnectGatewayId).map((v) =>
           el("p", { class: "detail attached" }, "attached: " + v.virtualInterfaceId + " (" + v.virtualInterfaceState + ")"))]))
      : el("p", { class: "empty" }, "none"));

  const world = $("#world");
  world.replaceChildren(...sites,
    rest.length ? el("div", { class: "site" }, el("h2", {}, "Elsewhere"), rest) : "",
    gateways);
  world.dataset.account = w.account;
  world.dataset.region = w.region;
}

// drawn is the world last drawn: an unchanged world is not drawn again, so
// that buttons stay put under the pointer.
let drawn = "";

async function refresh() {
  const want = query();
  try {
    const w = await call("GET", "/console/api/world?" + want);
    const text = JSON.stringify(w);
    if (want === query() && text !== drawn) {
      drawn = text;
      draw(w);
    }
  } catch (e) {
    say("reading the world: " + e.message, true);
  }
  try {
    const c = await call("GET", "/_dxsim/clock");
    $("#clock-mode").textContent = c.mode + (c.mode === "scaled" ? " ×" + c.factor : "");
    $("#mode").value = c.mode;
  } catch (e) { /* a world on a clock it cannot drive */ }
}

// soon coalesces the redraws a burst of events asks for.
function soon() {
  if (redraw) return;
  redraw = setTimeout(() => { redraw = null; refresh(); }, 150);
}

// shown names the events the timeline lists. An event's id is its place in
// the log: its time, then digests of the events at that time, its own last;
// time and own digest name the event. The stream resumes after the last id
// when the browser reconnects, so nothing comes twice; shown makes sure.
const shown = new Set();

function eventKey(id) {
  const parts = id.split(" ");
  return parts[0] + " " + parts[parts.length - 1];
}

function follow() {
  if (stream) stream.close();
  $("#timeline").replaceChildren();
  shown.clear();
  stream = new EventSource("/console/api/events?" + query());
  stream.addEventListener("change", (m) => {
    const key = eventKey(m.lastEventId);
    if (shown.has(key)) return;
    shown.add(key);
    const e = JSON.parse(m.data);
    $("#timeline").prepend(el("li", { "data-resource": e.resource },
      el("time", { datetime: e.time }, e.time.replace("T", " ").replace(/\.\d+/, "").replace("Z", "")), " ",
      e.resourceType + " ", el("span", { class: "id" }, e.resource), " ",
      e.oldState ? [stateBadge(e.oldState), " → "] : "", stateBadge(e.newState),
      e.cause ? el("span", { class: "detail" }, " " + e.cause) : ""));
    soon();
  });
  stream.addEventListener("history", () => {
    $("#timeline").replaceChildren();
    shown.clear();
    soon();
  });
  stream.addEventListener("clock", (m) => {
    const now = JSON.parse(m.data).now;
    $("#clock-now").textContent = now.replace("T", " ").replace(/\.\d+/, "").replace("Z", " UTC");
  });
}

function switchTo(account, region) {
  view.account = account;
  view.region = region;
  $("#account").value = account;
  $("#region").value = region;
  history.replaceState(null, "", "?" + query());
  follow();
  refresh();
}

async function start() {
  const d = await call("GET", "/console/api/defaults");
  const params = new URLSearchParams(location.search);
  $("#region").replaceChildren(...d.regions.map((r) => el("option", { value: r }, r)));
  $("#account").addEventListener("change", (e) => {
    if (/^\d{12}$/.test(e.target.value)) switchTo(e.target.value, view.region);
    else say("an account is a 12-digit account ID", true);
  });
  $("#region").addEventListener("change", (e) => switchTo(view.account, e.target.value));
  $("#clock-mode-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const mode = $("#mode").value;
    control("clock " + mode, "PUT", "/_dxsim/clock", { mode, factor: mode === "scaled" ? Number($("#factor").value) : 0 });
  });
  $("#set-time-form").addEventListener("submit", (e) => {
    e.preventDefault();
    control("clock set to " + $("#set-time").value, "PUT", "/_dxsim/clock", { now: $("#set-time").value });
  });
  $("#advance-form").addEventListener("submit", (e) => {
    e.preventDefault();
    control("clock advanced " + $("#advance").value, "POST", "/_dxsim/clock/advance", { duration: $("#advance").value });
  });
  $("#reset").addEventListener("click", () => {
    if (confirm("Delete every resource of every account?")) control("world reset", "POST", "/_dxsim/reset").then(follow);
  });
  switchTo(params.get("account") || d.account, params.get("region") || d.region);
}

start().catch((e) => say("starting the console: " + e.message, true));
