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

// RealClock is wall-clock time.
type RealClock struct{}

// Now returns the current UTC time.
func (RealClock) Now() time.Time { return time.Now().UTC() }

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
}

// DefaultTimings are short enough to watch a connection come up in a demo.
var DefaultTimings = Timings{Requested: 10 * time.Second, Pending: 20 * time.Second, MacSecKey: 5 * time.Second}

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
