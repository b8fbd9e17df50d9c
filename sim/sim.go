// Package sim is dxsim's simulated physical world. Lifecycle states are not
// written by timers: they are derived from timestamps stamped on the
// simulated clock and the timings of the world, so every dxsim process that
// reads the same records at the same simulated time sees the same states.
package sim

import (
	"sync"
	"time"
)

// Clock tells simulated time.
type Clock interface {
	Now() time.Time
}

// ManualClock stands still until advanced; tests use it to step through a
// lifecycle deterministically.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock frozen at start.
func NewManualClock(start time.Time) *ManualClock { return &ManualClock{now: start.UTC()} }

// Now returns the frozen time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Timings are how long the stages of provisioning take in simulated time.
type Timings struct {
	Requested time.Duration // requested -> pending (LOA and cross-connect)
	Pending   time.Duration // pending -> available (port turned up)
	MacSecKey time.Duration // associating -> associated
	Verifying time.Duration // public virtual interface prefix verification
}

// DefaultTimings are short enough to watch a connection come up in a demo.
var DefaultTimings = Timings{Requested: 10 * time.Second, Pending: 20 * time.Second, MacSecKey: 5 * time.Second, Verifying: 10 * time.Second}

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

// ConnectionState is the state of a connection created at created (and
// deleted at deleted, if not zero) at simulated time now.
func (t Timings) ConnectionState(created, deleted, now time.Time) string {
	switch {
	case !deleted.IsZero():
		return Deleted
	case now.Before(created.Add(t.Requested)):
		return Requested
	case now.Before(created.Add(t.Requested + t.Pending)):
		return Pending
	default:
		return Available
	}
}

// LagState derives a LAG's state from its members' states: available while
// at least max(minimumLinks, 1) members are available; while members are
// still being provisioned, the earliest stage any of them is in; down
// otherwise, which includes a LAG left with no members.
func LagState(deleted bool, minimumLinks int, members []string) string {
	if deleted {
		return Deleted
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
	case available > 0 && available >= minimumLinks:
		return Available
	case requested > 0:
		return Requested
	case pending > 0:
		return Pending
	default:
		return Down
	}
}

// MacSec key states.
const (
	KeyAssociating   = "associating"
	KeyAssociated    = "associated"
	KeyDisassociated = "disassociated"
)

// KeyState is the state of a MACsec key associated at associatedAt.
func (t Timings) KeyState(associatedAt, now time.Time) string {
	if now.Before(associatedAt.Add(t.MacSecKey)) {
		return KeyAssociating
	}
	return KeyAssociated
}

// HostedConnectionState is the state of a hosted connection: ordering until
// its owner confirms it (rejected if the owner declines by deleting it), then
// pending and available as the partner's port is configured.
func (t Timings) HostedConnectionState(confirmed, deleted time.Time, rejected bool, now time.Time) string {
	switch {
	case rejected:
		return Rejected
	case !deleted.IsZero():
		return Deleted
	case confirmed.IsZero():
		return Ordering
	case now.Before(confirmed.Add(t.Pending)):
		return Pending
	default:
		return Available
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
	return start.Add(t.Pending)
}

// VirtualInterfaceState derives a virtual interface's state: its own
// provisioning first, then down while its connection or LAG (parentState)
// is not available, testing during a BGP failover test.
func (t Timings) VirtualInterfaceState(v VirtualInterfaceTimeline, parentState string, testing bool, now time.Time) string {
	switch {
	case v.Rejected:
		return Rejected
	case !v.Deleted.IsZero():
		return Deleted
	case v.Allocated && v.Confirmed.IsZero():
		return Confirming
	}
	ready := t.Ready(v)
	start := ready.Add(-t.Pending)
	switch {
	case v.Public && now.Before(start):
		return Verifying
	case now.Before(ready):
		return Pending
	case parentState != Available:
		return Down
	case testing:
		return Testing
	}
	return Available
}

// BGP peer states and statuses.
const (
	BGPUp   = "up"
	BGPDown = "down"
)

// BGPPeerState derives a BGP peer's state from its creation, its interface's
// state and when the interface became ready.
func (t Timings) BGPPeerState(created, deleted time.Time, vifState string, vifReady, now time.Time) string {
	switch {
	case !deleted.IsZero() || vifState == Deleted || vifState == Rejected:
		return Deleted
	case vifState == Verifying:
		return Verifying
	case vifState == Confirming || vifState == Pending:
		return Pending
	case now.Before(created.Add(t.Pending)) && created.After(vifReady):
		return Pending
	}
	return Available
}
