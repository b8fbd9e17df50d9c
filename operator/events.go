package operator

import (
	"cmp"
	"context"
	"slices"

	"github.com/dxsim/dxsim/core"
)

// The event log is not written as things happen: it is derived from the
// same timelines that states are, sampled at every moment something could
// change, so it agrees with what Describe calls answered then, and every
// dxsim process sharing a database tells the same history. Changes at one
// simulated instant are one moment: a state that lasted no simulated time
// (a fault raised and cleared without the manual clock moving) is not in it.

// Events lists the state changes of every resource of the world up to now,
// oldest first.
func (s *Controls) Events(ctx context.Context, f core.EventFilter) ([]core.Event, error) {
	var log *core.EventLog
	err := s.View(ctx, func(tx *core.Txn) error {
		log = &core.EventLog{Now: tx.Now, Filter: f}
		return s.walk(tx, log)
	})
	if err != nil {
		return nil, err
	}
	events := log.Events
	if events == nil {
		events = []core.Event{}
	}
	slices.SortStableFunc(events, func(a, b core.Event) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Resource, b.Resource))
	})
	if f.Limit > 0 && len(events) > f.Limit {
		events = events[len(events)-f.Limit:]
	}
	return events, nil
}

// ResourceStates counts the world's resources by resource type (those of
// the event log) and current state. It walks the world as Events does but
// keeps only the counts, so its memory does not grow with the world.
func (s *Controls) ResourceStates(ctx context.Context) (map[[2]string]int, error) {
	log := &core.EventLog{States: map[[2]string]int{}}
	err := s.View(ctx, func(tx *core.Txn) error {
		clear(log.States)
		log.Now = tx.Now
		return s.walk(tx, log)
	})
	return log.States, err
}

// walk tells log the history of every resource of the world: each
// service's own.
func (s *Controls) walk(tx *core.Txn, log *core.EventLog) error {
	if err := s.dx.Walk(tx, log); err != nil {
		return err
	}
	if err := s.ec2.Walk(tx, log); err != nil {
		return err
	}
	return s.cw.Walk(tx, log)
}
