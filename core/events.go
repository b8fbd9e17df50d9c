package core

import (
	"time"

	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// The event log is not written as things happen: it is derived from the
// same timelines that states are, sampled at every moment something could
// change, so it agrees with what Describe calls answered then, and every
// dxsim process sharing a database tells the same history. Changes at one
// simulated instant are one moment: a state that lasted no simulated time
// (a fault raised and cleared without the manual clock moving) is not in it.

// Event is one state change of a resource.
type Event struct {
	Time         time.Time `json:"time"`
	Resource     string    `json:"resource"`
	ResourceType string    `json:"resourceType"`
	Account      string    `json:"account"`
	Region       string    `json:"region,omitempty"`
	Parent       string    `json:"parent,omitempty"` // e.g. the virtual interface of a BGP peer
	OldState     string    `json:"oldState"`
	NewState     string    `json:"newState"`
	Cause        string    `json:"cause"`
}

// EventFilter selects events; zero fields match everything.
type EventFilter struct {
	Resource     string // the resource or its parent
	ResourceType string
	Account      string
	Since, Until time.Time // Since <= time < Until
	Limit        int       // the newest Limit events
}

// Match reports whether f selects e.
func (f EventFilter) Match(e Event) bool {
	return (f.Resource == "" || f.Resource == e.Resource || f.Resource == e.Parent) &&
		(f.ResourceType == "" || f.ResourceType == e.ResourceType) &&
		(f.Account == "" || f.Account == e.Account) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since)) &&
		(f.Until.IsZero() || e.Time.Before(f.Until))
}

// EventLog collects the changes of resources up to Now, or with States
// set, only counts the resources by type and state at Now. Each service
// tells it the history of its own resources (their Walk methods).
type EventLog struct {
	Now    time.Time
	Filter EventFilter
	Events []Event
	States map[[2]string]int
}

// Scope selects the records of kind the log is about: every account's, or
// the filter's account only (an indexed lookup).
func (l *EventLog) Scope(kind store.Kind) store.Query {
	return store.Query{Kind: kind, Account: l.Filter.Account}
}

// Add tells the log of a resource (base) whose state is state(t), which
// may change at points.
func (l *EventLog) Add(base Event, points []sim.Point, state func(time.Time) string) {
	if l.States != nil {
		if st := state(l.Now); st != "" {
			l.States[[2]string{base.ResourceType, st}]++
		}
		return
	}
	for _, c := range sim.Changes(points, state, l.Now) {
		e := base
		e.Time, e.OldState, e.NewState, e.Cause = c.At, c.From, c.To, c.Cause
		if l.Filter.Match(e) {
			l.Events = append(l.Events, e)
		}
	}
}

// Each walks the records q selects a page at a time.
func Each[T any](tx store.Tx, q store.Query, fn func(*T) error) error {
	return store.Each(tx, q, 500, fn)
}

// Stage is a change at, and its end after d, as points of a timeline; none
// if at is zero.
func Stage(at time.Time, d time.Duration, cause, done string) []sim.Point {
	if at.IsZero() {
		return nil
	}
	return []sim.Point{{At: at, Cause: cause}, {At: at.Add(d), Cause: done}}
}
