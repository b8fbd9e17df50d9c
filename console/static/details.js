// dxsim console: the details of the node last clicked in the drawing: its
// record as the AWS API answers it (the Describe call's JSON, or EC2's
// XML) and its recent events.
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
