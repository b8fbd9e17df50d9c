// dxsim console: the details of the node last clicked in the drawing: its
// record as the AWS API answers it (the Describe call's JSON, or EC2's
// XML) and its recent events; for a CloudWatch alarm, also its latest
// history as DescribeAlarmHistory answers it.
"use strict";

let selected = "";

function select(key) {
  selected = key;
  for (const n of document.querySelectorAll("#world .selected")) n.classList.remove("selected");
  const n = document.querySelector('#world [data-key="' + CSS.escape(key) + '"]');
  if (n) n.classList.add("selected");
  showDetails();
}

function showDetails() {
  const panel = $("#details");
  const r = records.get(selected);
  if (!r) {
    panel.replaceChildren(el("h2", {}, "Details"), el("p", { class: "empty" }, "click a node of the drawing"));
    return;
  }
  const id = selected.replace(/^[a-z]+:/, "");
  const recent = log.filter((e) => e.resource === id || e.parent === id).slice(-12).reverse();
  panel.replaceChildren(el("h2", {}, r.title),
    ...r.calls.map((c) => el("details", { open: true }, el("summary", {}, c.name), el("pre", { class: "record" }, c.text))),
    r.history ? alarmHistory(r.history) : null,
    el("h3", {}, "Recent events"),
    recent.length ? el("ol", { class: "recent" }, recent.map(eventItem)) : el("p", { class: "empty" }, "none in this page's log"));
}

function eventItem(e) {
  return el("li", { "data-resource": e.resource },
    el("time", { datetime: e.time }, clockText(e.time)), " ",
    e.resourceType + " ", el("span", { class: "id" }, e.resource), " ",
    e.oldState ? [stateBadge(e.oldState), " → "] : "", stateBadge(e.newState),
    e.cause ? el("span", { class: "detail" }, " " + e.cause) : "");
}

// histories holds the last history read of each alarm, by page and name,
// so that a redraw shows it while the next read is on its way.
const histories = new Map();
let historyRead = 0;

// alarmHistory lists an alarm's latest history items, newest first, and
// reads them again: a transition or an action may have added one.
function alarmHistory(name) {
  const url = "/console/api/alarm-history?" + query() + "&name=" + encodeURIComponent(name);
  const list = el("ol", { class: "history" });
  const fill = (h) => list.replaceChildren(...(h.AlarmHistoryItems.length ? h.AlarmHistoryItems.map(historyItem) : [el("li", { class: "empty" }, "no history")]));
  if (histories.has(url)) fill(histories.get(url));
  const n = ++historyRead;
  call("GET", url).then((h) => {
    histories.set(url, h);
    if (n === historyRead) fill(h);
  }).catch((e) => {
    if (n === historyRead) list.replaceChildren(el("li", { class: "empty" }, "reading the history: " + e.message));
  });
  return el("details", { open: true, class: "alarm-history" }, el("summary", {}, "DescribeAlarmHistory (the latest items)"), list);
}

function historyItem(i) {
  // Timestamps are epoch seconds, as CloudWatch's JSON protocols answer them.
  const t = new Date(i.Timestamp * 1000).toISOString();
  return el("li", { "data-type": i.HistoryItemType, title: i.HistoryData },
    el("time", { datetime: t }, clockText(t)), " " + i.HistoryItemType + " ", el("span", { class: "detail" }, i.HistorySummary));
}
