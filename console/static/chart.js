// dxsim console: the chart of the account's states over time. A row per
// connection, LAG, virtual interface, BGP session and CloudWatch alarm
// (green OK, red ALARM, grey INSUFFICIENT_DATA); the simulated clock
// runs across; each stretch is coloured by the state the resource was in
// (green up, amber on its way, red down, grey gone). It is drawn from the
// events the page got from the event stream, in plain SVG.
"use strict";

// charted are the event types the chart has rows for, in the order of
// its rows.
const charted = ["lag", "interconnect", "connection", "hosted-connection", "virtual-interface", "bgp-session", "cloudwatch-alarm"];
const rowLabel = { lag: "LAG", interconnect: "interconnect", connection: "connection", "hosted-connection": "hosted", "virtual-interface": "VIF", "bgp-session": "BGP", "cloudwatch-alarm": "alarm" };
const LABEL_W = 250, ROW_H = 18, AXIS_H = 22;

function drawChart(log, now) {
  const chart = $("#chart");
  const rows = new Map(); // resource -> {type, parent, events}
  for (const e of log) {
    if (!charted.includes(e.resourceType)) continue;
    const key = e.resourceType + " " + e.resource;
    if (!rows.has(key)) rows.set(key, { type: e.resourceType, resource: e.resource, parent: e.parent, events: [] });
    rows.get(key).events.push(e);
  }
  const list = [...rows.values()].sort((a, b) => charted.indexOf(a.type) - charted.indexOf(b.type));
  if (!list.length) {
    chart.replaceChildren(el("p", { class: "empty" }, "no connection, LAG or interface events yet"));
    return;
  }
  const times = list.flatMap((r) => r.events.map((e) => Date.parse(e.time)));
  const t0 = Math.min(...times);
  // Room right of the last change, so that the state it started shows.
  const last = Math.max(now ? Date.parse(now) : 0, ...times);
  const t1 = Math.max(last + (last - t0) / 12, t0 + 60000);
  const width = Math.max(chart.clientWidth, 600);
  const plot = width - LABEL_W - 10;
  const x = (t) => LABEL_W + (plot * (t - t0)) / (t1 - t0);
  const height = AXIS_H + list.length * ROW_H + 4;

  const ticks = [], over = [];
  // Ticks from the first change to now; the current states run on past
  // now to the right edge.
  for (let i = 0; i <= 4; i++) {
    const t = t0 + ((last - t0) * i) / 4;
    (i === 4 ? over : ticks).push(svg("line", { class: i === 4 ? "tick now" : "tick", x1: x(t), x2: x(t), y1: AXIS_H - 4, y2: height }));
    ticks.push(svg("text", { class: "axis", x: x(t), y: AXIS_H - 8, "text-anchor": i === 0 ? "start" : "middle" },
        (i === 4 ? "now " : "") + clockText(new Date(t).toISOString()).slice(i === 0 ? 0 : 11)));
  }
  const drawnRows = list.map((r, i) => {
    const y = AXIS_H + i * ROW_H;
    const events = r.events.slice().sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    const segments = events.map((e, j) => {
      const from = Date.parse(e.time), to = j + 1 < events.length ? Date.parse(events[j + 1].time) : t1;
      const state = e.newState || "deleted";
      return svg("rect", {
        class: "seg t-" + tone(state), x: x(from), y: y + 3, width: Math.max(1, x(to) - x(from)), height: ROW_H - 6,
        "data-resource": r.resource, "data-state": state,
      }, svg("title", {}, r.resource + " " + state + " from " + clockText(e.time) + (e.cause ? " (" + e.cause + ")" : "")));
    });
    return svg("g", { class: "chart-row", "data-resource": r.resource },
      svg("text", { class: "label", x: 4, y: y + ROW_H - 5 }, rowLabel[r.type] + " " + rowName(r)),
      segments);
  });
  chart.replaceChildren(svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "states over time" }, ticks, drawnRows, over));
}

// rowName names a row's resource: an alarm by its name (its ARN's last
// part), a BGP session with its interface.
function rowName(r) {
  if (r.type === "cloudwatch-alarm") return r.resource.replace(/^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, "");
  return r.resource + (r.type === "bgp-session" && r.parent ? " on " + r.parent : "");
}
