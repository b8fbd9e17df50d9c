package sim

import (
	"slices"
	"strings"
	"time"
)

// A resource's state is a function of simulated time. Its timeline is that
// function sampled at the moments where something could change it: its own
// stamps (created, LOA downloaded, deleted...), the start and end of faults,
// and the moments its parents change. Describe calls evaluate the function
// at now; the event log samples it at every point, so both always agree.

// Point is a moment at which a resource's state may change, and why.
type Point struct {
	At    time.Time
	Cause string
}

// Change is one state change on a resource's timeline. From is "" when the
// resource comes into existence.
type Change struct {
	At    time.Time
	From  string
	To    string
	Cause string
}

// Changes samples state at each point up to and including now, in time
// order, and returns the changes it finds. Points at the same instant are
// one sample whose cause names all of them.
func Changes(points []Point, state func(time.Time) string, now time.Time) []Change {
	points = slices.Clone(points)
	slices.SortStableFunc(points, func(a, b Point) int { return a.At.Compare(b.At) })
	var out []Change
	prev := ""
	for i := 0; i < len(points); {
		at := points[i].At
		if at.After(now) || at.IsZero() {
			if at.IsZero() {
				i++
				continue
			}
			break
		}
		var causes []string
		for ; i < len(points) && points[i].At.Equal(at); i++ {
			if c := points[i].Cause; c != "" && !slices.Contains(causes, c) {
				causes = append(causes, c)
			}
		}
		if s := state(at); s != prev {
			out = append(out, Change{At: at, From: prev, To: s, Cause: strings.Join(causes, "; ")})
			prev = s
		}
	}
	return out
}

// Outage is a span of simulated time during which something is down; Until
// is zero while it lasts.
type Outage struct {
	From, Until time.Time
	Cause       string // what is down, e.g. "device EqDC2-abc12 down"
}

// Covers reports whether the outage is in force at t.
func (o Outage) Covers(t time.Time) bool {
	return !t.Before(o.From) && (o.Until.IsZero() || t.Before(o.Until))
}

// Points are the outage's start and end.
func (o Outage) Points() []Point {
	p := []Point{{At: o.From, Cause: o.Cause}}
	if !o.Until.IsZero() {
		p = append(p, Point{At: o.Until, Cause: strings.Replace(o.Cause, " down", " up", 1)})
	}
	return p
}

// AnyCovers reports whether any of outages is in force at t.
func AnyCovers(outages []Outage, t time.Time) bool {
	return slices.ContainsFunc(outages, func(o Outage) bool { return o.Covers(t) })
}

// OutagePoints are the start and end points of outages.
func OutagePoints(outages []Outage) []Point {
	var p []Point
	for _, o := range outages {
		p = append(p, o.Points()...)
	}
	return p
}

// Provisioning is what an operator did to a resource's provisioning: stalled
// it at Stalled (its next stage never comes), or completed it at Completed
// (it is ready from then on, stalled or not).
type Provisioning struct {
	Stalled   time.Time `json:"stalledAt,omitzero"`
	Completed time.Time `json:"completedAt,omitzero"`
}

// progress is the instant whose stage a provisioning timeline shows at t:
// t itself, or the moment it was stalled. done reports a completed one.
func (p Provisioning) progress(t time.Time) (at time.Time, done bool) {
	if !p.Completed.IsZero() && !t.Before(p.Completed) {
		return t, true
	}
	if !p.Stalled.IsZero() && t.After(p.Stalled) {
		return p.Stalled, false
	}
	return t, false
}

// Points are the operator's interventions.
func (p Provisioning) Points() []Point {
	return []Point{{At: p.Stalled, Cause: "operator: provisioning stalled"}, {At: p.Completed, Cause: "operator: provisioning completed"}}
}
