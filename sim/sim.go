// Package sim is dxsim's simulated physical world. Lifecycle states are not
// written by timers: they are derived from timestamps stamped on the
// simulated clock and the timings of the world, so every dxsim process that
// reads the same records at the same simulated time sees the same states.
// It may import dx only.
package sim

import (
	"slices"
	"time"
)

// Clock tells simulated time.
type Clock interface {
	Now() time.Time
}

// Timings are how long the stages of a resource's life take in simulated
// time.
type Timings struct {
	CrossConnect     time.Duration // connections, interconnects: LOA downloaded -> pending
	Pending          time.Duration // connections, interconnects, hosted connections: pending -> available
	VirtualInterface time.Duration // virtual interfaces and BGP peers: pending -> available
	Verifying        time.Duration // public virtual interfaces: verifying -> pending
	MacSecKey        time.Duration // MACsec keys: associating -> associated
	Gateway          time.Duration // Direct Connect gateways and their associations: pending or associating -> available or associated
	Deleting         time.Duration // every resource: deleting -> deleted
	EC2              time.Duration // VPCs, virtual private and transit gateways: pending -> available, attaching -> attached, detaching -> detached
}

// DefaultTimings are short enough to watch a connection come up in a demo.
var DefaultTimings = Timings{
	CrossConnect: 10 * time.Second, Pending: 20 * time.Second, VirtualInterface: 20 * time.Second, Verifying: 10 * time.Second,
	MacSecKey: 5 * time.Second, Gateway: 20 * time.Second, Deleting: 5 * time.Second, EC2: 5 * time.Second,
}

// Connection states.
const (
	Ordering  = "ordering"
	Requested = "requested"
	Pending   = "pending"
	Available = "available"
	Down      = "down"
	Deleting  = "deleting"
	Deleted   = "deleted"
	Rejected  = "rejected"
)

// Causes of state changes, as the event log words them: the kind of cause,
// a colon, and what happened.
const (
	CauseCreated      = "api: created"
	CauseConfirmed    = "api: confirmed by its owner"
	CauseDeleted      = "api: deleted"
	CauseDeleteDone   = "timeline: deletion finished"
	CauseCrossConnect = "timeline: LOA downloaded and cross-connect delivered"
	// CauseAutoCrossConnect is a cross-connect the world ordered itself
	// (its autoCrossConnect setting).
	CauseAutoCrossConnect = "timeline: cross-connect delivered without an LOA (autoCrossConnect)"
	CauseTurnedUp         = "timeline: turned up"
	CauseVerified         = "timeline: prefixes verified"
	CauseKeyInForce       = "timeline: MACsec key in force"
	CauseTestStarted      = "api: BGP failover test started"
	CauseTestEnded        = "timeline: BGP failover test ended"
)

// deletion is the state of a resource deleted at deleted, at t (not before
// deleted).
func (t Timings) deletion(deleted time.Time, rejected bool, at time.Time) string {
	switch {
	case rejected:
		return Rejected
	case at.Before(deleted.Add(t.Deleting)):
		return Deleting
	}
	return Deleted
}

// deletionPoints are the moments a deletion changes a state.
func (t Timings) deletionPoints(deleted time.Time) []Point {
	if deleted.IsZero() {
		return nil
	}
	return []Point{{At: deleted, Cause: CauseDeleted}, {At: deleted.Add(t.Deleting), Cause: CauseDeleteDone}}
}

// ConnectionTimeline is what a connection's state follows from: a dedicated
// connection or interconnect waits for its LOA to be downloaded, then for the
// cross-connect; a hosted connection waits for its owner to confirm it.
type ConnectionTimeline struct {
	Created       time.Time
	LoaDownloaded time.Time
	// AutoOrdered is when the cross-connect was ordered without an LOA
	// download (zero if it waits for one).
	AutoOrdered time.Time
	Hosted      bool
	Confirmed   time.Time
	Rejected    bool // its owner declined it by deleting it
	Deleted     time.Time
	Provisioning
}

// ConnectionState is the state of connection c at t from its own timeline,
// before faults ("" before it was created).
func (t Timings) ConnectionState(c ConnectionTimeline, at time.Time) string {
	switch {
	case at.Before(c.Created):
		return ""
	case !c.Deleted.IsZero() && !at.Before(c.Deleted):
		if c.neverProvisioned(t) {
			return Deleted
		}
		return t.deletion(c.Deleted, c.Rejected, at)
	}
	p, done := c.progress(at)
	switch {
	case done:
		return Available
	case c.Hosted && (c.Confirmed.IsZero() || p.Before(c.Confirmed)):
		return Ordering
	case c.Hosted && p.Before(c.Confirmed.Add(t.Pending)):
		return Pending
	case c.Hosted:
		return Available
	}
	ordered, _ := c.ordered()
	switch {
	case ordered.IsZero() || p.Before(ordered.Add(t.CrossConnect)):
		return Requested
	case p.Before(ordered.Add(t.CrossConnect + t.Pending)):
		return Pending
	}
	return Available
}

// neverProvisioned reports whether a deleted dedicated connection or
// interconnect was still requested when it was deleted: no cross-connect
// was ever made, so AWS answers it deleted at once, without deleting first
// (the aws CLI's delete-connection and delete-interconnect examples).
func (c ConnectionTimeline) neverProvisioned(t Timings) bool {
	if c.Hosted {
		return false
	}
	before := c
	before.Deleted = time.Time{}
	return t.ConnectionState(before, c.Deleted) == Requested
}

// ordered is when a dedicated connection's cross-connect was ordered: the
// earlier of its LOA download and its automatic order, and the cause of
// its arrival.
func (c ConnectionTimeline) ordered() (time.Time, string) {
	if !c.AutoOrdered.IsZero() && (c.LoaDownloaded.IsZero() || c.AutoOrdered.Before(c.LoaDownloaded)) {
		return c.AutoOrdered, CauseAutoCrossConnect
	}
	return c.LoaDownloaded, CauseCrossConnect
}

// ConnectionPoints are the moments c's own timeline may change its state.
func (t Timings) ConnectionPoints(c ConnectionTimeline) []Point {
	p := []Point{{At: c.Created, Cause: CauseCreated}}
	if c.Hosted && !c.Confirmed.IsZero() {
		p = append(p, Point{At: c.Confirmed, Cause: CauseConfirmed}, Point{At: c.Confirmed.Add(t.Pending), Cause: CauseTurnedUp})
	}
	if ordered, cause := c.ordered(); !c.Hosted && !ordered.IsZero() {
		ready := ordered.Add(t.CrossConnect)
		p = append(p, Point{At: ready, Cause: cause}, Point{At: ready.Add(t.Pending), Cause: CauseTurnedUp})
	}
	p = append(p, c.Provisioning.Points()...)
	return append(p, t.deletionPoints(c.Deleted)...)
}

// LagTimeline is what a LAG's own state follows from; the rest follows from
// its members.
type LagTimeline struct {
	Created, Deleted time.Time
	MinimumLinks     int
}

// LagState derives a LAG's state at t from its members' states then:
// available while at least max(minimumLinks, 1) members are available; while
// members are still being provisioned, the earliest stage any of them is in;
// down otherwise, which includes a LAG left with no members.
func (t Timings) LagState(l LagTimeline, members []string, at time.Time) string {
	switch {
	case at.Before(l.Created):
		return ""
	case !l.Deleted.IsZero() && !at.Before(l.Deleted):
		return t.deletion(l.Deleted, false, at)
	}
	available, requested, pending := 0, 0, 0
	for _, s := range members {
		switch s {
		case Available:
			available++
		case Requested:
			requested++
		case Pending:
			pending++
		}
	}
	switch {
	case available > 0 && available >= l.MinimumLinks:
		return Available
	case requested > 0:
		return Requested
	case pending > 0:
		return Pending
	default:
		return Down
	}
}

// LagPoints are the moments a LAG's own timeline may change its state.
func (t Timings) LagPoints(l LagTimeline) []Point {
	return append([]Point{{At: l.Created, Cause: CauseCreated}}, t.deletionPoints(l.Deleted)...)
}

// MacSec key states.
const (
	KeyAssociating   = "associating"
	KeyAssociated    = "associated"
	KeyDisassociated = "disassociated"
)

// KeyState is the state at t of a MACsec key associated at associatedAt
// (and disassociated at disassociatedAt, if not zero).
func (t Timings) KeyState(associatedAt, disassociatedAt, at time.Time) string {
	switch {
	case at.Before(associatedAt):
		return ""
	case !disassociatedAt.IsZero() && !at.Before(disassociatedAt):
		return KeyDisassociated
	case at.Before(associatedAt.Add(t.MacSecKey)):
		return KeyAssociating
	}
	return KeyAssociated
}

// KeyPoints are the moments a key association changes state.
func (t Timings) KeyPoints(associatedAt, disassociatedAt time.Time) []Point {
	return []Point{
		{At: associatedAt, Cause: "api: MACsec key associated"}, {At: associatedAt.Add(t.MacSecKey), Cause: CauseKeyInForce},
		{At: disassociatedAt, Cause: "api: MACsec key disassociated"},
	}
}

// Virtual interface states besides the connection states.
const (
	Confirming = "confirming"
	Verifying  = "verifying"
	Testing    = "testing"
)

// VirtualInterfaceTimeline is what a virtual interface's state follows from.
type VirtualInterfaceTimeline struct {
	Created, Confirmed, Deleted time.Time
	Allocated                   bool // waits for its owner to confirm
	Public                      bool // waits for prefix verification
	Rejected                    bool // its owner declined it
	// Associated are the moments it was moved to another connection or
	// LAG (AssociateVirtualInterface); it is pending again after each.
	Associated []time.Time
	Provisioning
}

// reassociating reports whether v is being provisioned again at t after a
// move to another connection or LAG.
func (t Timings) reassociating(v VirtualInterfaceTimeline, at time.Time) bool {
	return slices.ContainsFunc(v.Associated, func(m time.Time) bool {
		return !at.Before(m) && at.Before(m.Add(t.VirtualInterface))
	})
}

// Ready is when the interface's own provisioning is done, or the zero time
// while it waits for confirmation.
func (t Timings) Ready(v VirtualInterfaceTimeline) time.Time {
	start := v.Created
	if v.Allocated {
		if v.Confirmed.IsZero() {
			return time.Time{}
		}
		start = v.Confirmed
	}
	if v.Public {
		start = start.Add(t.Verifying)
	}
	return start.Add(t.VirtualInterface)
}

// VirtualInterfaceState derives a virtual interface's state at t: its own
// provisioning first, then down while its connection or LAG (parentState)
// is not available, testing during a BGP failover test.
func (t Timings) VirtualInterfaceState(v VirtualInterfaceTimeline, parentState string, testing bool, at time.Time) string {
	switch {
	case at.Before(v.Created):
		return ""
	case v.Rejected && (v.Deleted.IsZero() || !at.Before(v.Deleted)):
		return Rejected
	case !v.Deleted.IsZero() && !at.Before(v.Deleted):
		return t.deletion(v.Deleted, false, at)
	case v.Allocated && (v.Confirmed.IsZero() || at.Before(v.Confirmed)):
		return Confirming
	}
	if p, done := v.progress(at); !done {
		ready := t.Ready(v)
		switch {
		case v.Public && p.Before(ready.Add(-t.VirtualInterface)):
			return Verifying
		case p.Before(ready), t.reassociating(v, p):
			return Pending
		}
	}
	switch {
	case parentState != Available:
		return Down
	case testing:
		return Testing
	}
	return Available
}

// VirtualInterfacePoints are the moments v's own timeline may change its
// state.
func (t Timings) VirtualInterfacePoints(v VirtualInterfaceTimeline) []Point {
	p := []Point{{At: v.Created, Cause: CauseCreated}}
	if ready := t.Ready(v); !ready.IsZero() {
		if v.Allocated {
			p = append(p, Point{At: v.Confirmed, Cause: CauseConfirmed})
		}
		if v.Public {
			p = append(p, Point{At: ready.Add(-t.VirtualInterface), Cause: CauseVerified})
		}
		p = append(p, Point{At: ready, Cause: CauseTurnedUp})
	}
	// The move itself is a point of the interface's parents.
	for _, m := range v.Associated {
		p = append(p, Point{At: m.Add(t.VirtualInterface), Cause: CauseTurnedUp})
	}
	p = append(p, v.Provisioning.Points()...)
	return append(p, t.deletionPoints(v.Deleted)...)
}

// BGP peer states and statuses.
const (
	BGPUp   = "up"
	BGPDown = "down"
)

// BGPPeerState derives a BGP peer's state at t from its creation, its
// interface's state and when the interface became ready.
func (t Timings) BGPPeerState(created, deleted time.Time, vifState string, vifReady, at time.Time) string {
	switch {
	case at.Before(created) || vifState == "":
		return ""
	case !deleted.IsZero() && !at.Before(deleted):
		return t.deletion(deleted, false, at)
	case vifState == Deleting || vifState == Deleted || vifState == Rejected:
		return vifState
	case vifState == Verifying:
		return Verifying
	case vifState == Confirming || vifState == Pending:
		return Pending
	case at.Before(created.Add(t.VirtualInterface)) && created.After(vifReady):
		return Pending
	}
	return Available
}

// BGPPeerPoints are the moments a peer's own timeline may change its state.
func (t Timings) BGPPeerPoints(created, deleted time.Time) []Point {
	p := []Point{{At: created, Cause: CauseCreated}, {At: created.Add(t.VirtualInterface), Cause: CauseTurnedUp}}
	return append(p, t.deletionPoints(deleted)...)
}
