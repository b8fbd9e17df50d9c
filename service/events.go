package service

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// The event log is not written as things happen: it is derived from the
// same timelines that states are, sampled at every moment something could
// change, so it agrees with what Describe calls answered then, and every
// dxsim process sharing a database tells the same history. Changes at one
// simulated instant are one moment: a state that lasted no simulated time
// (a fault raised and cleared without the manual clock moving) is not in it.

// Resource types of the event log.
const (
	EventConnection       = "connection"
	EventInterconnect     = "interconnect"
	EventHostedConnection = "hosted-connection"
	EventLag              = "lag"
	EventVirtualInterface = "virtual-interface"
	EventBGPPeer          = "bgp-peer"    // its bgpPeerState
	EventBGPSession       = "bgp-session" // a BGP peer's bgpStatus
	EventMacSecKey        = "macsec-key"
	EventGateway          = "direct-connect-gateway"
	EventAssociation      = "gateway-association"
	EventResiliencyGroup  = "resiliency-group"
	EventResiliencyMember = "resiliency-association" // a connection's membership of a group
)

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

func (f EventFilter) match(e Event) bool {
	return (f.Resource == "" || f.Resource == e.Resource || f.Resource == e.Parent) &&
		(f.ResourceType == "" || f.ResourceType == e.ResourceType) &&
		(f.Account == "" || f.Account == e.Account) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since)) &&
		(f.Until.IsZero() || e.Time.Before(f.Until))
}

// eventLog collects the changes of resources up to now, or with states
// set, only counts the resources by type and state at now.
type eventLog struct {
	now    time.Time
	filter EventFilter
	events []Event
	states map[[2]string]int
}

func (l *eventLog) add(base Event, points []sim.Point, state func(time.Time) string) {
	if l.states != nil {
		if st := state(l.now); st != "" {
			l.states[[2]string{base.ResourceType, st}]++
		}
		return
	}
	for _, c := range sim.Changes(points, state, l.now) {
		e := base
		e.Time, e.OldState, e.NewState, e.Cause = c.At, c.From, c.To, c.Cause
		if l.filter.match(e) {
			l.events = append(l.events, e)
		}
	}
}

// Events lists the state changes of every resource of the world up to now,
// oldest first.
func (s *Service) Events(ctx context.Context, f EventFilter) ([]Event, error) {
	var log *eventLog
	err := s.view(ctx, func(tx *txn) error {
		log = &eventLog{now: tx.now, filter: f}
		return s.walk(tx, log)
	})
	if err != nil {
		return nil, err
	}
	events := log.events
	if events == nil {
		events = []Event{}
	}
	slices.SortStableFunc(events, func(a, b Event) int {
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
func (s *Service) ResourceStates(ctx context.Context) (map[[2]string]int, error) {
	log := &eventLog{states: map[[2]string]int{}}
	err := s.view(ctx, func(tx *txn) error {
		clear(log.states)
		log.now = tx.now
		return s.walk(tx, log)
	})
	return log.states, err
}

// each walks the records q selects a page at a time.
func each[T any](tx store.Tx, q store.Query, fn func(*T) error) error {
	return store.Each(tx, q, 500, fn)
}

// walk tells log the history of every resource of the world, or of the
// filter's account only (an indexed lookup).
func (s *Service) walk(tx *txn, log *eventLog) error {
	w := s.world(tx)
	scope := func(kind store.Kind) store.Query { return store.Query{Kind: kind, Account: log.filter.Account} }
	err := each(tx, scope(store.Connections), func(c *dx.ConnectionRecord) error {
		n, err := w.conn(c)
		if err != nil {
			return err
		}
		typ := EventConnection
		switch {
		case c.Interconnect:
			typ = EventInterconnect
		case c.Hosted():
			typ = EventHostedConnection
		}
		log.add(Event{Resource: c.ID, ResourceType: typ, Account: c.Owner, Region: c.Region, Parent: c.Parent()}, n.points(), n.at)
		s.keyEvents(log, c.ID, c.Owner, c.Region, slices.Concat(c.MacSecKeys, c.PastMacSecKeys))
		return nil
	})
	if err != nil {
		return err
	}
	err = each(tx, scope(store.Lags), func(l *dx.LagRecord) error {
		n, err := w.lag(l)
		if err != nil {
			return err
		}
		log.add(Event{Resource: l.ID, ResourceType: EventLag, Account: l.Owner, Region: l.Region}, n.points(), n.at)
		s.keyEvents(log, l.ID, l.Owner, l.Region, slices.Concat(l.MacSecKeys, l.PastMacSecKeys))
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.vifEvents(w, scope(store.VirtualInterfaces), log); err != nil {
		return err
	}
	if err := s.resiliencyEvents(tx, scope(store.ResiliencyGroups), log); err != nil {
		return err
	}
	if err := s.ec2Events(tx, scope, log); err != nil {
		return err
	}
	return s.gatewayEvents(tx, scope, log)
}

func (s *Service) keyEvents(log *eventLog, holder, owner, region string, keys []dx.KeyLink) {
	for _, k := range keys {
		log.add(Event{Resource: k.SecretARN, ResourceType: EventMacSecKey, Account: owner, Region: region, Parent: holder},
			s.cfg.Timings.KeyPoints(k.AssociatedAt, k.DisassociatedAt), func(t time.Time) string { return s.cfg.Timings.KeyState(k.AssociatedAt, k.DisassociatedAt, t) })
	}
}

func (s *Service) vifEvents(w *world, q store.Query, log *eventLog) error {
	return each(w.tx, q, func(v *dx.VirtualInterfaceRecord) error {
		n, err := w.vif(v)
		if err != nil {
			return err
		}
		log.add(Event{Resource: v.ID, ResourceType: EventVirtualInterface, Account: v.Owner, Region: v.Region, Parent: v.ConnectionID}, n.points(), n.at)
		for i := range v.BGPPeers {
			p := &v.BGPPeers[i]
			base := Event{Resource: p.ID, ResourceType: EventBGPPeer, Account: v.Owner, Region: v.Region, Parent: v.ID}
			points := n.peerPoints(p)
			log.add(base, points, func(t time.Time) string { return n.peerState(p, t) })
			base.ResourceType = EventBGPSession
			log.add(base, points, func(t time.Time) string {
				if n.peerState(p, t) == "" {
					return ""
				}
				return n.peerStatus(p, t)
			})
		}
		return nil
	})
}

// stage is a change at, and its end after d, as points of a timeline; none
// if at is zero.
func stage(at time.Time, d time.Duration, cause, done string) []sim.Point {
	if at.IsZero() {
		return nil
	}
	return []sim.Point{{At: at, Cause: cause}, {At: at.Add(d), Cause: done}}
}

func (s *Service) resiliencyEvents(tx store.Tx, q store.Query, log *eventLog) error {
	t := s.resiliencyTimings()
	return each(tx, q, func(g *dx.ResiliencyGroupRecord) error {
		points := append(stage(g.CreatedAt, t.Setup, sim.CauseCreated, sim.CauseTurnedUp), stage(g.DeletingAt, t.Teardown, sim.CauseDeleted, sim.CauseDeleteDone)...)
		log.add(Event{Resource: g.ID, ResourceType: EventResiliencyGroup, Account: g.Owner, Region: g.Region}, points,
			func(at time.Time) string { return t.GroupState(g, at) })
		for _, a := range g.Associations {
			c, err := store.Load[dx.ConnectionRecord](tx, store.Connections, a.ConnectionID)
			if err != nil {
				return err
			}
			points := append(stage(a.AssociatedAt, t.Association, "api: associated", "timeline: associated"),
				stage(a.DisassociatedAt, t.Association, "api: disassociated", "timeline: disassociated")...)
			if !c.DeletedAt.IsZero() {
				points = append(points, sim.Point{At: c.DeletedAt, Cause: "api: connection deleted"})
			}
			log.add(Event{Resource: c.ID, ResourceType: EventResiliencyMember, Account: g.Owner, Region: g.Region, Parent: g.ID}, points,
				func(at time.Time) string {
					if at.Before(a.AssociatedAt) {
						return ""
					}
					return t.AssociationState(a, c.DeletedAt, at)
				})
		}
		return nil
	})
}

func (s *Service) gatewayEvents(tx store.Tx, scope func(store.Kind) store.Query, log *eventLog) error {
	d := s.gatewayDelay()
	stages := func(created, updated, deleted time.Time) []sim.Point {
		return slices.Concat(stage(created, d, sim.CauseCreated, sim.CauseTurnedUp),
			stage(updated, d, "api: updated", "timeline: update applied"), stage(deleted, d, sim.CauseDeleted, sim.CauseDeleteDone))
	}
	err := each(tx, scope(store.DirectConnectGateways), func(g *dx.DirectConnectGatewayRecord) error {
		log.add(Event{Resource: g.ID, ResourceType: EventGateway, Account: g.Owner}, stages(g.CreatedAt, time.Time{}, g.DeletedAt),
			func(t time.Time) string { return s.gatewayState(g, t) })
		return nil
	})
	if err != nil {
		return err
	}
	return each(tx, scope(store.GatewayAssociations), func(a *dx.GatewayAssociationRecord) error {
		log.add(Event{Resource: a.ID, ResourceType: EventAssociation, Account: a.AssociatedOwner, Region: a.AssociatedRegion, Parent: a.GatewayID},
			stages(a.CreatedAt, a.UpdatedAt, a.DeletedAt), func(t time.Time) string { return s.associationState(a, t) })
		return nil
	})
}
