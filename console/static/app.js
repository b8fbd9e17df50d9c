// dxsim console: draws one account's world in one Region from
// /console/api/world, follows /console/api/events (server-sent events) and
// drives the world through the admin API under /_dxsim/. The drawing is
// topology.js, the chart chart.js, the node details details.js.
"use strict";

let stream = null;
let redraw = null;

// log is the account's events the page got, oldest first; now the
// simulated clock's time the stream last sent.
const log = [];
let now = "";

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
  redraw = setTimeout(() => { redraw = null; refresh(); drawChart(log, now); showDetails(); }, 150);
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

function forget() {
  $("#timeline").replaceChildren();
  shown.clear();
  log.length = 0;
}

function follow() {
  if (stream) stream.close();
  forget();
  stream = new EventSource("/console/api/events?" + query());
  stream.addEventListener("change", (m) => {
    const key = eventKey(m.lastEventId);
    if (shown.has(key)) return;
    shown.add(key);
    const e = JSON.parse(m.data);
    log.push(e);
    $("#timeline").prepend(eventItem(e));
    soon();
  });
  stream.addEventListener("history", () => {
    forget();
    soon();
  });
  let chartedAt = 0;
  stream.addEventListener("clock", (m) => {
    now = JSON.parse(m.data).now;
    $("#clock-now").textContent = clockText(now) + " UTC";
    // The chart's right edge is now: move it along, once a second.
    if (Date.now() - chartedAt > 1000) {
      chartedAt = Date.now();
      drawChart(log, now);
    }
  });
}

function switchTo(account, region) {
  view.account = account;
  view.region = region;
  $("#account").value = account;
  $("#region").value = region;
  history.replaceState(null, "", "?" + query());
  drawn = "";
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
  // A click on a node (not on its controls) shows its details.
  $("#world").addEventListener("click", (e) => {
    if (e.target.closest("button, a")) return;
    const n = e.target.closest("[data-key]");
    if (n) select(n.dataset.key);
  });
  $("#world").addEventListener("keydown", (e) => {
    const n = e.target.closest("[data-key]");
    if ((e.key === "Enter" || e.key === " ") && n && !e.target.closest("button, a")) {
      e.preventDefault();
      select(n.dataset.key);
    }
  });
  // The drawing and the chart fit the page's width.
  let width = 0;
  new ResizeObserver(() => {
    const w = $("#world").clientWidth;
    if (w === width) return;
    width = w;
    if (lastWorld) draw(lastWorld);
    drawChart(log, now);
  }).observe($("#world"));
  switchTo(params.get("account") || d.account, params.get("region") || d.region);
}

start().catch((e) => say("starting the console: " + e.message, true));
