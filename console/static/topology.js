// dxsim console: the drawing of one account's world in one Region, left to
// right: the customer's routers, the locations with their devices, the
// connections and LAGs, the virtual interfaces with their BGP peers, the
// Direct Connect gateways, the virtual private and transit gateways, and
// the VPCs (or allowed prefixes) behind them.
//
// Plain DOM and SVG, no library. The layers are fixed, so the layout is a
// column per layer and a band per connection or LAG; a graph-layout
// library (dagre, ELK) would order arbitrary graphs to minimise crossings,
// which this drawing does not need, at the cost of a bundled dependency.
// Nodes are HTML boxes, so their text wraps and their controls are real
// buttons; the edges are one SVG layer under them, drawn from where the
// boxes land.
"use strict";

const GAP = 30;  // between columns
const VGAP = 14; // between nodes of a column
const COLUMNS = 7;

// records holds, by node key, what the details panel shows of a node.
const records = new Map();
let lastWorld = null;
// alarmsOn holds the world's CloudWatch alarms by the resource they watch.
let alarmsOn = new Map();

function box(o) {
  const state = o.state || "";
  return el("div", {
    class: (o.cls || "node") + " t-" + tone(state) + (o.key === selected ? " selected" : ""),
    "data-key": o.key, "data-id": o.id, "data-kind": o.kind, "data-state": state, tabindex: o.cls === "sub" ? null : "0",
  },
  el("div", { class: "row" }, el("span", { class: "kind" }, o.kind), o.name ? el("span", { class: "name" }, o.name) : null,
    o.badge === false ? null : stateBadge(state)),
  o.id && o.cls !== "sub" ? el("div", { class: "id" }, o.id) : null,
  alarmBadges(o.key),
  (o.lines || []).map((l) => el("div", { class: "detail" }, l)),
  o.actions && o.actions.flat().some(Boolean) ? el("div", { class: "actions" }, o.actions) : null,
  o.subs || []);
}

// alarmBadges are a badge per alarm on the resource of key: its name and
// state. A click shows the alarm's record (details.js).
function alarmBadges(key) {
  const alarms = alarmsOn.get(key);
  if (!alarms) return null;
  return el("div", { class: "alarms" }, alarms.map((a) => {
    const akey = "alarm:" + a.AlarmArn;
    record(akey, "alarm " + a.AlarmName, json("DescribeAlarms", a));
    records.get(akey).history = a.AlarmName;
    return el("button", {
      type: "button", class: "alarm a-" + a.StateValue + (akey === selected ? " selected" : ""), "data-key": akey,
      "data-alarm": a.AlarmName, "data-state": a.StateValue, title: a.MetricName + " · " + a.StateReason, onclick: () => select(akey),
    }, el("span", { class: "alarm-name" }, a.AlarmName), " ", el("span", { class: "alarm-state" }, a.StateValue));
  }));
}

function macsec(r) {
  if (!r.macSecCapable) return "MACsec: not capable";
  const keys = (r.macSecKeys || []).map((k) => k.state).join(", ");
  return "MACsec: " + (r.encryptionMode || "no encryption mode") + (r.portEncryptionStatus ? " · port " + r.portEncryptionStatus : "") + (keys ? " · key " + keys : " · no key");
}

// prefixCounts counts what a BGP peer's family carries.
function prefixCounts(w, vif, peer) {
  const routes = ((w.routes || {})[vif.virtualInterfaceId] || []).filter((r) => r.addressFamily === peer.addressFamily);
  const n = (dir) => routes.filter((r) => r.routeDirection === dir).length;
  return n("advertised") + " advertised · " + n("accepted") + " accepted";
}

function record(key, title, ...calls) {
  records.set(key, { title, calls: calls.filter((c) => c && c.text) });
}
const json = (name, v) => ({ name, text: JSON.stringify(v, null, 2) });

function draw(w) {
  lastWorld = w;
  records.clear();
  alarmsOn = new Map();
  for (const a of w.alarms || []) {
    if (!a.resource) continue;
    if (!alarmsOn.has(a.resource)) alarmsOn.set(a.resource, []);
    alarmsOn.get(a.resource).push(a.record);
  }
  const world = $("#world");
  const down = new Set(w.down.map((f) => f.target));
  const byId = new Map([...w.connections.map((c) => [c.connectionId, c]), ...w.interconnects.map((i) => [i.interconnectId, i])]);
  const inLag = new Set(w.lags.flatMap((l) => (l.connections || []).map((m) => m.connectionId)));
  const hosted = new Set(Object.values(w.hostedConnections).flat().map((h) => h.connectionId));
  const edges = [];
  const edge = (from, to, state, extra) => edges.push(Object.assign({ from, to, state }, extra));

  // One band per LAG, interconnect or connection that no LAG holds.
  const primaries = [
    ...w.lags.map((l) => ({ id: l.lagId, kind: "LAG", rec: l, state: l.lagState, members: (l.connections || []).map((m) => byId.get(m.connectionId) || m) })),
    ...w.interconnects.filter((i) => !inLag.has(i.interconnectId)).map((i) => ({ id: i.interconnectId, kind: "interconnect", rec: i, state: i.interconnectState, members: [i] })),
    ...w.connections.filter((c) => !inLag.has(c.connectionId) && !hosted.has(c.connectionId) && !w.interconnects.some((i) => i.interconnectId === c.connectionId))
      .map((c) => ({ id: c.connectionId, kind: c.partnerName && c.vlan ? "hosted connection" : "connection", rec: c, state: c.connectionState, members: [c] })),
  ];
  const vifsOn = (ids) => w.virtualInterfaces.filter((v) => ids.includes(v.connectionId));

  const nodes = []; // {col, el, top (desired), band}
  const add = (col, e, group) => { nodes.push({ col, el: e, group }); return e; };

  // Locations in use, with their devices; the others are listed below.
  const usedSites = w.sites.filter((s) => primaries.some((p) => p.rec.location === s.locationCode));
  const groups = [...usedSites.map((s) => ({ site: s, primaries: primaries.filter((p) => p.rec.location === s.locationCode) })),
    { site: null, primaries: primaries.filter((p) => !usedSites.some((s) => s.locationCode === p.rec.location)) }];
  const onDevice = (r, d) => r.awsDevice === d.awsDevice || (d.awsDeviceV2 && r.awsDeviceV2 === d.awsDeviceV2);

  groups.forEach((g, gi) => {
    if (g.site) {
      const s = g.site;
      const devices = s.devices.filter((d) => g.primaries.some((p) => p.members.some((m) => onDevice(m, d)) || onDevice(p.rec, d)));
      add(1, locationNode(s, devices, down), gi);
    }
    for (const p of g.primaries) {
      const hostedHere = w.hostedConnections[p.id] || [];
      const vifs = vifsOn([p.id, ...p.members.map((m) => m.connectionId || m.interconnectId), ...hostedHere.map((h) => h.connectionId)]);
      add(0, routerNode(p, vifs), gi);
      add(2, linkNode(w, p, hostedHere, down), gi);
      p.members.forEach((m, i) => {
        const id = m.connectionId || m.interconnectId;
        const st = m.connectionState || m.interconnectState;
        const dev = m.awsDevice || p.rec.awsDevice;
        edge("router:" + p.id, "device:" + dev, st, { id, spread: [i, p.members.length], title: "cross-connect of " + id });
        edge("device:" + dev, id, st, { id, spread: [i, p.members.length], title: "port of " + id });
      });
      for (const v of vifs) {
        add(3, vifNode(w, v), gi);
        edge(v.connectionId === p.id || !hostedHere.some((h) => h.connectionId === v.connectionId) ? p.id : v.connectionId, v.virtualInterfaceId, v.virtualInterfaceState, { title: "VLAN " + v.vlan });
      }
    }
  });
  // Interfaces of this account on connections it cannot see (allocated to
  // it by another account).
  const drawn = new Set([...primaries.flatMap((p) => [p.id, ...p.members.map((m) => m.connectionId || m.interconnectId)]), ...hosted]);
  for (const v of w.virtualInterfaces.filter((v) => !drawn.has(v.connectionId))) add(3, vifNode(w, v), groups.length);

  for (const v of w.virtualInterfaces) {
    if (v.directConnectGatewayId) edge(v.virtualInterfaceId, v.directConnectGatewayId, v.virtualInterfaceState, { title: "attachment" });
    else if (v.virtualGatewayId) edge(v.virtualInterfaceId, v.virtualGatewayId, v.virtualInterfaceState, { title: "attachment" });
  }
  for (const g of w.gateways) {
    add(4, box({ key: g.directConnectGatewayId, id: g.directConnectGatewayId, kind: "Direct Connect gateway", name: g.directConnectGatewayName,
      state: g.directConnectGatewayState, lines: ["Amazon ASN " + g.amazonSideAsn] }));
    record(g.directConnectGatewayId, "Direct Connect gateway " + g.directConnectGatewayId, json("DescribeDirectConnectGateways", g),
      json("DescribeDirectConnectGatewayAssociations", w.associations.filter((a) => a.directConnectGatewayId === g.directConnectGatewayId)));
  }
  for (const a of w.associations) {
    const to = a.associatedGateway ? a.associatedGateway.id : a.virtualGatewayId;
    edge(a.directConnectGatewayId, to, a.associationState, { id: a.associationId, title: "association " + a.associationId });
  }
  for (const b of w.behind || []) {
    const assocs = w.associations.filter((a) => a.associatedGateway && a.associatedGateway.id === b.id);
    add(5, behindNode(b));
    record(b.id, b.type + " " + b.id, b.record ? { name: b.type === "transitGateway" ? "DescribeTransitGateways (EC2 answers in XML)" : "DescribeVpnGateways (EC2 answers in XML)", text: b.record }
      : json(b.declared ? "declared in dxsim's configuration (EC2 does not list it)" : "not this account's: EC2 describes it only to " + b.owner, b));
    for (const v of b.vpcs) {
      const key = "vpc:" + v.vpcId;
      add(6, box({ key, id: v.vpcId, kind: "VPC", state: v.state, lines: [v.cidrs.join(", "), "attachment " + v.attachment] }));
      record(key, "VPC " + v.vpcId, { name: "DescribeVpcs (EC2 answers in XML)", text: v.record });
      edge(b.id, key, v.attachment, { title: "attachment to " + v.vpcId });
    }
    if (b.declared && b.cidrs.length) {
      add(6, box({ key: "cidrs:" + b.id, kind: "VPC CIDRs", badge: false, state: "available", lines: [b.cidrs.join(", ")] }));
      edge(b.id, "cidrs:" + b.id, "available");
    }
    // No VPC attachments of transit gateways are simulated: what the
    // drawing can show behind one is what each association allows.
    for (const a of assocs.filter(() => b.type === "transitGateway")) {
      const key = "prefixes:" + a.associationId;
      add(6, box({ key, kind: "allowed prefixes", badge: false, state: a.associationState,
        lines: [(a.allowedPrefixesToDirectConnectGateway || []).map((p) => p.cidr).join(", ") || "none"] }));
      record(key, "allowed prefixes of " + a.associationId, json("DescribeDirectConnectGatewayAssociations", a));
      edge(b.id, key, a.associationState);
    }
  }

  if (!nodes.length) nodes.push({ col: 2, el: el("p", { class: "empty" }, "nothing of account " + w.account + " in " + w.region) });
  layout(world, nodes, edges);
  drawSites(w, usedSites, down);
  world.dataset.account = w.account;
  world.dataset.region = w.region;
  showDetails();
}

function routerNode(p, vifs) {
  const peers = vifs.flatMap((v) => (v.bgpPeers || []).map((b) => Object.assign({ vlan: v.vlan }, b)));
  const asns = [...new Set(peers.map((b) => b.asnLong || b.asn))];
  const key = "router:" + p.id;
  record(key, "customer router for " + p.id, json("the customer side of the BGP peers (DescribeVirtualInterfaces)", peers.map((b) => ({
    vlan: b.vlan, asn: b.asnLong || b.asn, customerAddress: b.customerAddress, amazonAddress: b.amazonAddress, bgpStatus: b.bgpStatus }))));
  return box({ key, kind: "customer router", badge: false, state: p.state,
    lines: [asns.length ? "AS " + asns.join(", ") : "no BGP peers", ...peers.map((b) => "VLAN " + b.vlan + " " + (b.customerAddress || b.addressFamily))] });
}

function locationNode(s, devices, down) {
  record("location:" + s.locationCode, "location " + s.locationCode, json("the console's site (ports held by every account; not an AWS call)", s));
  return el("div", { class: "node location" + (down.has(s.locationCode) ? " t-bad" : ""), "data-key": "location:" + s.locationCode, "data-location": s.locationCode, tabindex: "0" },
    el("div", { class: "row" }, el("span", { class: "kind" }, "location"), el("span", { class: "name" }, s.locationName),
      down.has(s.locationCode) ? stateBadge("down") : null),
    el("div", { class: "id" }, s.locationCode),
    el("div", { class: "actions" }, linkButton(s.locationCode, down)),
    devices.map((d) => deviceRow(d, down)));
}

function deviceRow(d, down) {
  const used = d.ports ? Math.round(100 * d.portsInUse / d.ports) : 0;
  const isDown = down.has(d.awsDevice);
  return el("div", { class: "sub device t-" + (isDown ? "bad" : "ok"), "data-key": "device:" + d.awsDevice, "data-device": d.awsDevice },
    el("div", { class: "row" }, el("span", { class: "kind" }, "device"), el("span", { class: "id" }, d.awsDevice), isDown ? stateBadge("down") : null),
    el("div", { class: "detail ports", title: "ports held by every account" }, d.portsInUse + "/" + d.ports + " ports ",
      el("span", { class: "meter" }, el("i", { style: { width: used + "%" } })), " " + d.portSpeeds.join(", ")),
    el("div", { class: "actions" }, linkButton(d.awsDevice, down)));
}

function linkNode(w, p, hostedHere, down) {
  const r = p.rec;
  record(p.id, p.kind + " " + p.id, json(p.kind === "LAG" ? "DescribeLags" : p.kind === "interconnect" ? "DescribeInterconnects" : "DescribeConnections", r));
  const memberRow = (m) => {
    const id = m.connectionId || m.interconnectId;
    const st = m.connectionState || m.interconnectState;
    record(id, "connection " + id, json(m.interconnectId ? "DescribeInterconnects" : "DescribeConnections", m));
    return box({ cls: "sub", key: id, id, kind: "member", name: id, state: st, lines: [m.bandwidth + " · " + macsec(m)],
      actions: [linkButton(id, down), ...provisionButtons(id)] });
  };
  const hostedRow = (h) => {
    record(h.connectionId, "hosted connection " + h.connectionId, json("DescribeHostedConnections", h));
    return box({ cls: "sub", key: h.connectionId, id: h.connectionId, kind: "hosted", name: h.connectionId, state: h.connectionState,
      lines: [h.bandwidth + " · VLAN " + h.vlan + " · account " + h.ownerAccount], actions: [linkButton(h.connectionId, down), ...provisionButtons(h.connectionId)] });
  };
  if (p.kind === "LAG") {
    return box({ key: p.id, id: p.id, kind: "LAG", name: r.lagName, state: p.state,
      lines: [p.members.length + " × " + r.connectionsBandwidth + " · minimum links " + r.minimumLinks, macsec(r)],
      actions: [...provisionButtons(p.id), loaLink(p.id)], subs: [...p.members.map(memberRow), ...hostedHere.map(hostedRow)] });
  }
  const isIc = p.kind === "interconnect";
  return box({ key: p.id, id: p.id, kind: p.kind, name: r.connectionName || r.interconnectName, state: p.state,
    lines: [r.bandwidth + (r.vlan ? " · VLAN " + r.vlan : "") + (r.partnerName ? " · " + r.partnerName : ""), isIc ? null : macsec(r)].filter(Boolean),
    // A hosted connection has no port of its own, so no LOA.
    actions: [linkButton(p.id, down), ...provisionButtons(p.id), p.kind === "hosted connection" ? null : loaLink(p.id)],
    subs: hostedHere.map(hostedRow) });
}

function vifNode(w, v) {
  record(v.virtualInterfaceId, "virtual interface " + v.virtualInterfaceId, json("DescribeVirtualInterfaces", v),
    json("ListVirtualInterfaceRoutes", (w.routes || {})[v.virtualInterfaceId] || []));
  const peers = (v.bgpPeers || []).map((p) => {
    record(p.bgpPeerId, "BGP peer " + p.bgpPeerId, json("DescribeVirtualInterfaces (bgpPeers)", p));
    return el("div", { class: "sub peer t-" + tone(p.bgpStatus), "data-key": p.bgpPeerId, "data-id": p.bgpPeerId, "data-state": p.bgpPeerState },
      el("div", { class: "row" }, el("span", { class: "kind" }, "BGP " + p.addressFamily), el("span", { class: "name" }, "AS " + (p.asnLong || p.asn)), stateBadge(p.bgpPeerState)),
      el("div", { class: "detail session", "data-session": p.bgpStatus }, "session ", stateBadge(p.bgpStatus), " " + prefixCounts(w, v, p)),
      el("div", { class: "actions" }, bgpButton(p)));
  });
  return box({ key: v.virtualInterfaceId, id: v.virtualInterfaceId, kind: v.virtualInterfaceType + " VIF", name: v.virtualInterfaceName,
    state: v.virtualInterfaceState, lines: ["VLAN " + v.vlan + " · Amazon AS " + v.amazonSideAsn + " · MTU " + v.mtu],
    actions: provisionButtons(v.virtualInterfaceId), subs: peers });
}

function behindNode(b) {
  const kind = b.type === "transitGateway" ? "transit gateway" : "virtual private gateway";
  const lines = [b.region + (b.owner ? " · account " + b.owner : ""), b.amazonSideAsn ? "Amazon AS " + b.amazonSideAsn : null];
  if (b.declared) lines.push("declared in the configuration");
  else if (!b.state) lines.push("not described to this account");
  return box({ key: b.id, id: b.id, kind, state: b.state, badge: !!b.state, lines: lines.filter(Boolean) });
}

// layout places the nodes column by column and draws the edges between
// them. Columns 0 to 3 go in bands (a group per location, a band per
// connection or LAG); the later columns put each node level with the
// first node that leads to it.
function layout(world, nodes, edges) {
  const width = Math.max(world.clientWidth, 1100);
  const colW = (width - GAP * (COLUMNS - 1)) / COLUMNS;
  const layer = svg("svg", { class: "edges", "aria-hidden": "true" });
  world.replaceChildren(layer, ...nodes.map((n) => n.el));
  for (const n of nodes) {
    n.el.style.left = n.col * (colW + GAP) + "px";
    n.el.style.width = colW + "px";
  }
  // Heights do not depend on where a box goes: read them all in one
  // layout, before any box moves.
  for (const n of nodes) n.height = n.el.offsetHeight;
  const bottom = new Array(COLUMNS).fill(0);
  const put = (n, y) => { n.el.style.top = y + "px"; n.top = y; bottom[n.col] = y + n.height + VGAP; };
  // Bands: each group starts below everything of the groups before it.
  let y = 0;
  for (const g of [...new Set(nodes.filter((n) => n.group !== undefined).map((n) => n.group))]) {
    const here = nodes.filter((n) => n.group === g);
    for (const n of here) put(n, Math.max(y, bottom[n.col]));
    y = Math.max(...bottom.slice(0, 4));
  }
  // The rest follow what leads to them.
  const topOf = new Map(nodes.filter((n) => n.top !== undefined).map((n) => [n.el.dataset.key, n.top]));
  for (let col = 4; col < COLUMNS; col++) {
    const here = nodes.filter((n) => n.col === col).map((n) => {
      const from = edges.filter((e) => e.to === n.el.dataset.key && topOf.has(e.from)).map((e) => topOf.get(e.from));
      return { n, want: from.length ? Math.min(...from) : Infinity };
    }).sort((a, b) => a.want - b.want);
    for (const { n, want } of here) {
      put(n, Math.max(bottom[col], want === Infinity ? bottom[col] : want));
      topOf.set(n.el.dataset.key, n.top);
    }
  }
  for (const n of nodes) if (n.top === undefined) put(n, bottom[n.col]);
  const height = Math.max(...bottom, 40);
  world.style.height = height + "px";
  layer.setAttribute("width", width);
  layer.setAttribute("height", height);
  layer.setAttribute("viewBox", "0 0 " + width + " " + height);
  drawEdges(world, layer, edges);
}

// drawEdges draws each edge from the right side of the box it leaves to
// the left side of the box it reaches, level with the rows they name.
function drawEdges(world, layer, edges) {
  const origin = world.getBoundingClientRect();
  const byKey = new Map([...world.querySelectorAll("[data-key]")].map((e) => [e.dataset.key, e]));
  const find = (key) => byKey.get(key);
  for (const e of edges) {
    const a = find(e.from), b = find(e.to);
    if (!a || !b) continue;
    const mid = (x) => { const r = (x.classList.contains("sub") ? x : x.querySelector(".row") || x).getBoundingClientRect(); return r.top + r.height / 2 - origin.top; };
    const off = e.spread ? (e.spread[0] - (e.spread[1] - 1) / 2) * 7 : 0;
    const x1 = a.closest(".node").getBoundingClientRect().right - origin.left, y1 = mid(a) + off;
    const x2 = b.closest(".node").getBoundingClientRect().left - origin.left, y2 = mid(b) + off;
    const bend = Math.max(20, (x2 - x1) / 2);
    layer.append(svg("path", {
      class: "edge t-" + tone(e.state), "data-from": e.from, "data-to": e.to, "data-state": e.state || "", "data-id": e.id,
      d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
    }, svg("title", {}, (e.title || e.from + " → " + e.to) + ": " + (e.state || "no state"))));
  }
}

// drawSites lists the Region's locations the account has nothing at, so
// that any location or device can be taken down.
function drawSites(w, used, down) {
  const rest = w.sites.filter((s) => !used.includes(s));
  $("#sites").replaceChildren(rest.length ? el("h2", {}, "Other locations in " + w.region) : "",
    ...rest.map((s) => el("div", { class: "site" + (down.has(s.locationCode) ? " t-bad" : ""), "data-location": s.locationCode },
      el("span", { class: "name" }, s.locationName + " "), el("span", { class: "id" }, s.locationCode), " ",
      down.has(s.locationCode) ? stateBadge("down") : null, linkButton(s.locationCode, down),
      s.devices.map((d) => el("span", { class: "chip" + (down.has(d.awsDevice) ? " t-bad" : ""), "data-device": d.awsDevice },
        el("span", { class: "id" }, d.awsDevice), " " + d.portsInUse + "/" + d.ports + " ", down.has(d.awsDevice) ? stateBadge("down") : null, linkButton(d.awsDevice, down))))));
}
