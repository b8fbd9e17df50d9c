package sim

import (
	"slices"
	"sort"
	"time"
)

// The customer's router at the far end of every connection. Configured (the
// default), it brings BGP sessions up and MACsec keys into force as soon as
// AWS's side is ready. Unconfigured, as on a new AWS connection, it does
// neither: sessions stay down, virtual interfaces are down once
// provisioned and keys stay associating. The world's customerRouter setting
// may change at any moment, so the world keeps the spans of simulated time
// the router was unconfigured, and a state at any moment follows from them.

// Span is a span of simulated time; Until is zero while it lasts.
type Span struct {
	From  time.Time `json:"from"`
	Until time.Time `json:"until,omitzero"`
}

// UnconfiguredRouter are the spans of simulated time the customer router was
// unconfigured, oldest first; only the last may be open.
type UnconfiguredRouter []Span

// MaxRouterSpans bounds the history of the setting: older spans are
// forgotten, so that the settings row every state derivation reads stays
// small however often an operator switches it.
const MaxRouterSpans = 32

// Causes of the setting's changes in the event log.
const (
	CauseRouterUnconfigured = "setting: customer router unconfigured"
	CauseRouterConfigured   = "setting: customer router configured"
)

// Open reports whether the router is unconfigured since its last change.
func (u UnconfiguredRouter) Open() bool { return len(u) > 0 && u[len(u)-1].Until.IsZero() }

// changed is when the setting last changed.
func (u UnconfiguredRouter) changed() time.Time {
	last := u[len(u)-1]
	if last.Until.IsZero() {
		return last.From
	}
	return last.Until
}

// AsOf is u as a clock at now sees it. If simulated time was moved back
// before the setting's last change (an import, or the clock set earlier),
// that history no longer fits the clock: the current value holds for all
// time, so that the setting and the states it shows agree.
func (u UnconfiguredRouter) AsOf(now time.Time) UnconfiguredRouter {
	if len(u) == 0 || !u.changed().After(now) {
		return u
	}
	if u.Open() {
		return UnconfiguredRouter{{}} // since the beginning of time
	}
	return nil
}

// Switch is u with the router unconfigured (or configured) from now on.
func (u UnconfiguredRouter) Switch(unconfigured bool, now time.Time) UnconfiguredRouter {
	u = slices.Clone(u.AsOf(now))
	switch {
	case unconfigured && !u.Open():
		u = append(u, Span{From: now})
	case !unconfigured && u.Open():
		if last := &u[len(u)-1]; last.From.Equal(now) {
			u = u[:len(u)-1] // it lasted no simulated time
		} else {
			last.Until = now
		}
	}
	if len(u) > MaxRouterSpans {
		u = slices.Delete(u, 0, len(u)-MaxRouterSpans)
	}
	return u
}

// At reports whether the router was unconfigured at t.
func (u UnconfiguredRouter) At(t time.Time) bool {
	// The spans are in time order: the last that starts at or before t is
	// the only one that may cover it.
	i := sort.Search(len(u), func(i int) bool { return u[i].From.After(t) }) - 1
	return i >= 0 && (u[i].Until.IsZero() || t.Before(u[i].Until))
}

// Points are the moments the setting changed.
func (u UnconfiguredRouter) Points() []Point {
	p := make([]Point, 0, 2*len(u))
	for _, s := range u {
		p = append(p, Point{At: s.From, Cause: CauseRouterUnconfigured}, Point{At: s.Until, Cause: CauseRouterConfigured})
	}
	return p
}
