package directconnect

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// world is the simulated world as one transaction sees it. It loads what a
// resource's state depends on (its faults, the interconnect or LAG under it)
// into nodes once; a node then tells the state at any instant without
// touching the store, and the moments that state may change.
type world struct {
	s        *Service
	tx       store.Tx
	now      time.Time
	faults   map[string][]*dx.FaultRecord // by target, as loaded
	noFaults bool                         // the world has none
	// The parents of hosted connections and virtual interfaces, and the
	// LAGs whose MACsec keys apply to their members, loaded once.
	conns      map[string]*connNode
	lags       map[string]*lagNode
	lagRecords map[string]*dx.LagRecord
	// The customer router's history (the customerRouter setting), loaded
	// once when a state depends on it.
	unconfigured sim.UnconfiguredRouter
	routerLoaded bool
}

func (s *Service) world(tx *core.Txn) *world {
	return &world{s: s, tx: tx, now: tx.Now}
}

// router is the history of the customer router as the transaction's clock
// sees it.
func (w *world) router() (sim.UnconfiguredRouter, error) {
	if !w.routerLoaded {
		ws, err := core.LoadSettings(w.tx)
		if err != nil {
			return nil, err
		}
		w.unconfigured, w.routerLoaded = ws.UnconfiguredRouter.AsOf(w.now), true
	}
	return w.unconfigured, nil
}

// stateNode is a resource whose state is a function of simulated time.
type stateNode interface {
	at(t time.Time) string
	points() []sim.Point
}

// outages are the faults, in force or past, of targets that match accepts.
// Faults are found by their target (an indexed lookup), each target's
// once per transaction.
func (w *world) outages(match func(*dx.FaultRecord) bool, targets ...string) ([]sim.Outage, error) {
	if w.faults == nil {
		// Most worlds have no faults at all: the count kept with the
		// settings the transaction reads anyway spares a lookup per
		// target.
		any, err := core.AnyFaults(w.tx)
		if err != nil {
			return nil, err
		}
		w.faults = map[string][]*dx.FaultRecord{}
		w.noFaults = !any
	}
	if w.noFaults {
		return nil, nil
	}
	var out []sim.Outage
	for _, target := range targets {
		fs, ok := w.faults[target]
		if !ok {
			var err error
			if fs, err = store.LoadAll[dx.FaultRecord](w.tx, store.Query{Kind: store.Faults, Parent: target}); err != nil {
				return nil, err
			}
			w.faults[target] = fs
		}
		for _, f := range fs {
			if match(f) {
				out = append(out, sim.Outage{From: f.From, Until: f.Until, Cause: "fault: " + f.TargetKind + " " + f.Target + " down"})
			}
		}
	}
	return out, nil
}

// hits reports whether fault f takes down connection c's port: the
// connection itself, its device or its location.
func hits(f *dx.FaultRecord, c *dx.ConnectionRecord) bool {
	switch f.TargetKind {
	case dx.FaultConnection:
		return f.Target == c.ID
	case dx.FaultDevice:
		return f.Target == c.Device
	case dx.FaultLocation:
		return f.Target == c.Location
	}
	return false
}

// connNode is a connection, interconnect or hosted connection.
type connNode struct {
	rec     *dx.ConnectionRecord
	tm      *sim.Timings
	tl      sim.ConnectionTimeline
	outages []sim.Outage
	hosts   []timedParent // the interconnects or LAGs a hosted connection was and is on
}

func (w *world) conn(c *dx.ConnectionRecord) (*connNode, error) {
	out, err := w.outages(func(f *dx.FaultRecord) bool { return hits(f, c) }, c.ID, c.Device, c.Location)
	if err != nil {
		return nil, err
	}
	n := &connNode{rec: c, tm: &w.s.Config.Timings, outages: out, tl: sim.ConnectionTimeline{
		Created: c.CreatedAt, LoaDownloaded: c.LoaDownloadedAt, AutoOrdered: c.CrossConnectOrderedAt, Hosted: c.Hosted(), Confirmed: c.ConfirmedAt,
		Rejected: c.Rejected, Deleted: c.DeletedAt,
		Provisioning: sim.Provisioning{Stalled: c.Provisioning.StalledAt, Completed: c.Provisioning.CompletedAt},
	}}
	if c.Hosted() {
		if n.hosts, err = w.parents(c.PastHosts, c.HostedOn); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (n *connNode) at(t time.Time) string {
	s := n.tm.ConnectionState(n.tl, t)
	if s == sim.Available && (sim.AnyCovers(n.outages, t) || n.hosts != nil && parentAt(n.hosts, t).at(t) != sim.Available) {
		return sim.Down
	}
	return s
}

func (n *connNode) points() []sim.Point {
	p := append(n.tm.ConnectionPoints(n.tl), sim.OutagePoints(n.outages)...)
	return append(p, parentPoints(n.hosts)...)
}

// lagNode is a LAG with its member connections: the current ones, which
// DescribeLags lists, and every membership it had, which its state at any
// moment follows from.
type lagNode struct {
	rec     *dx.LagRecord
	tm      *sim.Timings
	tl      sim.LagTimeline
	members []*connNode
	spans   []memberSpan
}

type memberSpan struct {
	member *connNode
	dx.LagMembership
}

func (s memberSpan) covers(t time.Time) bool {
	return !t.Before(s.From) && (s.Until.IsZero() || t.Before(s.Until))
}

func (w *world) lag(l *dx.LagRecord) (*lagNode, error) {
	members, err := LagMembers(w.tx, l.ID)
	if err != nil {
		return nil, err
	}
	return w.lagOf(l, members)
}

// lagOf is the node of LAG l with members, its live members as LagMembers
// loads them (in ID order).
func (w *world) lagOf(l *dx.LagRecord, members []*dx.ConnectionRecord) (*lagNode, error) {
	n := &lagNode{rec: l, tm: &w.s.Config.Timings, tl: sim.LagTimeline{Created: l.CreatedAt, Deleted: l.DeletedAt}}
	byID := map[string]*connNode{}
	for _, m := range members {
		mn, err := w.conn(m)
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, mn)
		byID[m.ID] = mn
	}
	for _, span := range l.Memberships {
		mn := byID[span.ConnectionID]
		if mn == nil { // a past member
			c, err := store.Load[dx.ConnectionRecord](w.tx, store.Connections, span.ConnectionID)
			if errors.Is(err, store.ErrNotFound) {
				// Purged: deleted longer ago than the retention period,
				// so it left before anything the LAG shows now.
				continue
			}
			if err != nil {
				return nil, err
			}
			if mn, err = w.conn(c); err != nil {
				return nil, err
			}
			byID[c.ID] = mn
		}
		n.spans = append(n.spans, memberSpan{member: mn, LagMembership: span})
	}
	return n, nil
}

func (n *lagNode) at(t time.Time) string {
	if d := n.tl.Deleted; !d.IsZero() && !t.Before(d) && n.neverProvisioned() {
		return sim.Deleted
	}
	return n.live(t, n.tl)
}

// live is the LAG's state at t on timeline tl.
func (n *lagNode) live(t time.Time, tl sim.LagTimeline) string {
	var states []string
	for _, s := range n.spans {
		if s.covers(t) {
			states = append(states, s.member.at(t))
		}
	}
	tl.MinimumLinks = n.rec.MinimumLinksAt(t)
	return n.tm.LagState(tl, states, t)
}

// neverProvisioned reports whether the deleted LAG had no member, or only
// members still requested, just before it was deleted: nothing to take
// down, so it is deleted at once, as the aws CLI's delete-lag example
// answers.
func (n *lagNode) neverProvisioned() bool {
	before := n.tl.Deleted.Add(-time.Nanosecond)
	undeleted := n.tl
	undeleted.Deleted = time.Time{}
	members := 0
	for _, s := range n.spans {
		if s.covers(before) {
			members++
		}
	}
	return members == 0 || n.live(before, undeleted) == sim.Requested
}

func (n *lagNode) points() []sim.Point {
	p := n.tm.LagPoints(n.tl)
	for _, s := range n.spans {
		p = append(p, s.member.points()...)
		if s.From.After(n.tl.Created) { // founding members are part of "created"
			p = append(p, sim.Point{At: s.From, Cause: "api: connection " + s.member.rec.ID + " joined"})
		}
		p = append(p, sim.Point{At: s.Until, Cause: "api: connection " + s.member.rec.ID + " left"})
	}
	for _, c := range n.rec.MinimumLinksChanges {
		p = append(p, sim.Point{At: c.At, Cause: "api: minimumLinks changed"})
	}
	return p
}

// parent loads the connection, interconnect, hosted connection or LAG a
// virtual interface or hosted connection is on, or was on.
func (w *world) parent(id string) (stateNode, error) {
	if strings.HasPrefix(id, dx.LagPrefix) {
		if n, ok := w.lags[id]; ok {
			return n, nil
		}
		l, err := store.Load[dx.LagRecord](w.tx, store.Lags, id)
		if errors.Is(err, store.ErrNotFound) {
			return purgedNode{}, nil
		}
		if err != nil {
			return nil, err
		}
		n, err := w.lag(l)
		if err == nil {
			if w.lags == nil {
				w.lags = map[string]*lagNode{}
			}
			w.lags[id] = n
		}
		return n, err
	}
	if n, ok := w.conns[id]; ok {
		return n, nil
	}
	c, err := store.Load[dx.ConnectionRecord](w.tx, store.Connections, id)
	if errors.Is(err, store.ErrNotFound) {
		return purgedNode{}, nil
	}
	if err != nil {
		return nil, err
	}
	n, err := w.conn(c)
	if err == nil {
		if w.conns == nil {
			w.conns = map[string]*connNode{}
		}
		w.conns[id] = n
	}
	return n, err
}

// purgedNode stands for a parent purged from the store (core.Purge). It
// was deleted longer ago than the retention period, and a resource is
// never on a deleted parent, so only history older than that depended on
// it: that is derived as if the parent had been available.
type purgedNode struct{}

func (purgedNode) at(time.Time) string { return sim.Available }
func (purgedNode) points() []sim.Point { return nil }

// timedParent is a parent a resource was on until a moment, or is on now
// (until zero).
type timedParent struct {
	node  stateNode
	id    string
	until time.Time
}

// parents loads the parents a resource moved away from, in order, and the
// one it is on.
func (w *world) parents(past []dx.ParentSpan, current string) ([]timedParent, error) {
	out := make([]timedParent, 0, len(past)+1)
	for _, p := range append(slices.Clip(past), dx.ParentSpan{ID: current}) {
		n, err := w.parent(p.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, timedParent{node: n, id: p.ID, until: p.Until})
	}
	return out, nil
}

// parentAt is the parent a resource was on at t.
func parentAt(ps []timedParent, t time.Time) stateNode {
	for _, p := range ps {
		if p.until.IsZero() || t.Before(p.until) {
			return p.node
		}
	}
	return ps[len(ps)-1].node
}

// parentPoints are the moments parents changed state, and the moves.
func parentPoints(ps []timedParent) []sim.Point {
	var p []sim.Point
	for i, tp := range ps {
		p = append(p, tp.node.points()...)
		if !tp.until.IsZero() && i+1 < len(ps) {
			p = append(p, sim.Point{At: tp.until, Cause: "api: moved from " + tp.id + " to " + ps[i+1].id})
		}
	}
	return p
}

// vifNode is a virtual interface on its connection or LAG, with its BGP
// peers' sessions.
type vifNode struct {
	rec     *dx.VirtualInterfaceRecord
	tm      *sim.Timings
	tl      sim.VirtualInterfaceTimeline
	parents []timedParent
	peers   map[string][]sim.Outage // BGP sessions an operator set down, by peer ID
	live    map[string]*LiveSession // real sessions by peer ID, when a speaker serves the port
	// When the customer router was unconfigured; nil when a speaker
	// serves the port, since its real sessions are the customer side.
	router sim.UnconfiguredRouter
}

func (w *world) vif(v *dx.VirtualInterfaceRecord) (*vifNode, error) {
	parents, err := w.parents(v.PastParents, v.ConnectionID)
	if err != nil {
		return nil, err
	}
	n := &vifNode{rec: v, tm: &w.s.Config.Timings, parents: parents, peers: map[string][]sim.Outage{}, tl: sim.VirtualInterfaceTimeline{
		Created: v.CreatedAt, Confirmed: v.ConfirmedAt, Deleted: v.DeletedAt,
		Allocated: v.Allocator != "", Public: v.Type == dx.PublicVIF, Rejected: v.Rejected, Associated: v.AssociatedAt,
		Provisioning: sim.Provisioning{Stalled: v.Provisioning.StalledAt, Completed: v.Provisioning.CompletedAt},
	}}
	for _, p := range v.BGPPeers {
		if n.peers[p.ID], err = w.outages(func(f *dx.FaultRecord) bool { return f.TargetKind == dx.FaultBGPPeer && f.Target == p.ID }, p.ID); err != nil {
			return nil, err
		}
	}
	w.s.live(n)
	if n.live == nil {
		if n.router, err = w.router(); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// test is the failover test running at t, if any.
func (n *vifNode) test(t time.Time) *dx.FailoverTestRecord { return activeTest(n.rec, t) }

// activeTest is the failover test running on v at t, if any.
func activeTest(v *dx.VirtualInterfaceRecord, t time.Time) *dx.FailoverTestRecord {
	for i := range v.Tests {
		ft := &v.Tests[i]
		if !t.Before(ft.StartedAt) && t.Before(testEnd(ft)) {
			return ft
		}
	}
	return nil
}

// testEnd is when a failover test ended or will end.
func testEnd(ft *dx.FailoverTestRecord) time.Time {
	if !ft.StoppedAt.IsZero() && ft.StoppedAt.Before(ft.EndsAt) {
		return ft.StoppedAt
	}
	return ft.EndsAt
}

// at is the interface's state at t: down once provisioned while the
// customer router is unconfigured, since no BGP session comes up (AWS: "A
// virtual interface that is BGP down").
func (n *vifNode) at(t time.Time) string {
	s := n.tm.VirtualInterfaceState(n.tl, parentAt(n.parents, t).at(t), n.test(t) != nil, t)
	if s == sim.Available && n.router.At(t) {
		return sim.Down
	}
	return s
}

func (n *vifNode) points() []sim.Point {
	p := append(n.tm.VirtualInterfacePoints(n.tl), parentPoints(n.parents)...)
	p = append(p, n.router.Points()...)
	for _, ft := range n.rec.Tests {
		end := sim.Point{At: testEnd(&ft), Cause: sim.CauseTestEnded}
		if end.At.Equal(ft.StoppedAt) {
			end.Cause = "api: BGP failover test stopped"
		}
		p = append(p, sim.Point{At: ft.StartedAt, Cause: sim.CauseTestStarted}, end)
	}
	return p
}

// peerState is the bgpPeerState of peer p at t.
func (n *vifNode) peerState(p *dx.BGPPeerRecord, t time.Time) string {
	return n.tm.BGPPeerState(p.CreatedAt, p.DeletedAt, n.at(t), n.tm.Ready(n.tl), t)
}

// peerStatus is the bgpStatus of peer p at t: up while the peer and its
// interface are available, unless a failover test or an operator holds the
// session down, or the customer router is unconfigured.
func (n *vifNode) peerStatus(p *dx.BGPPeerRecord, t time.Time) string {
	vif := n.at(t)
	if n.peerState(p, t) != sim.Available || vif != sim.Available && vif != sim.Testing || sim.AnyCovers(n.peers[p.ID], t) || n.router.At(t) {
		return sim.BGPDown
	}
	if ft := n.test(t); ft != nil && slices.Contains(ft.BGPPeers, p.ID) {
		return sim.BGPDown
	}
	if l, ok := n.live[p.ID]; ok && !l.upAt(t) {
		return sim.BGPDown
	}
	return sim.BGPUp
}

func (n *vifNode) peerPoints(p *dx.BGPPeerRecord) []sim.Point {
	p2 := append(append(n.tm.BGPPeerPoints(p.CreatedAt, p.DeletedAt), n.points()...), sim.OutagePoints(n.peers[p.ID])...)
	if l, ok := n.live[p.ID]; ok {
		p2 = append(p2, l.points()...)
	}
	return p2
}

// fresh is the node of a connection just created: nothing under it matters
// until it is available, so it needs no faults or host.
func (s *Service) fresh(c *dx.ConnectionRecord) *connNode {
	return &connNode{rec: c, tm: &s.Config.Timings, tl: sim.ConnectionTimeline{Created: c.CreatedAt, Hosted: c.Hosted()}}
}

// connectionView is the wire shape of c now, with the MACsec keys of the
// LAG it belongs to.
func (w *world) connectionView(c *dx.ConnectionRecord) (dx.Connection, error) {
	n, err := w.conn(c)
	if err != nil {
		return dx.Connection{}, err
	}
	var lag *dx.LagRecord
	if c.LagID != "" && c.MacSecCapable { // only its MACsec keys are shown
		if lag = w.lagRecords[c.LagID]; lag == nil {
			if lag, err = store.Load[dx.LagRecord](w.tx, store.Lags, c.LagID); err != nil {
				return dx.Connection{}, err
			}
			if w.lagRecords == nil {
				w.lagRecords = map[string]*dx.LagRecord{}
			}
			w.lagRecords[c.LagID] = lag
		}
	}
	var router sim.UnconfiguredRouter
	if c.MacSecCapable {
		if router, err = w.router(); err != nil {
			return dx.Connection{}, err
		}
	}
	return w.s.connectionView(n, lag, router, w.now), nil
}

// connectionState is the state of c now.
func (w *world) connectionState(c *dx.ConnectionRecord) (string, error) {
	n, err := w.conn(c)
	if err != nil {
		return "", err
	}
	return n.at(w.now), nil
}

// lagView is the wire shape of l now.
func (w *world) lagView(l *dx.LagRecord) (dx.Lag, error) {
	n, err := w.lag(l)
	if err != nil {
		return dx.Lag{}, err
	}
	router, err := w.router()
	if err != nil {
		return dx.Lag{}, err
	}
	return w.s.lagView(n, router, w.now), nil
}

// vifView is the wire shape of v now.
func (w *world) vifView(v *dx.VirtualInterfaceRecord) (dx.VirtualInterface, error) {
	n, err := w.vif(v)
	if err != nil {
		return dx.VirtualInterface{}, err
	}
	return w.s.vifView(n, w.now), nil
}

// vifState is the state of v now.
func (w *world) vifState(v *dx.VirtualInterfaceRecord) (string, error) {
	n, err := w.vif(v)
	if err != nil {
		return "", err
	}
	return n.at(w.now), nil
}
