package directconnect

import (
	"errors"
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Resource types of the event log (see core.EventLog) of Direct Connect's
// resources.
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

// Walk tells log the history of every Direct Connect resource of the
// world, or of the log's account only.
func (s *Service) Walk(tx *core.Txn, log *core.EventLog) error {
	w := s.world(tx)
	scope := log.Scope
	err := core.Each(tx, scope(store.Connections), func(c *dx.ConnectionRecord) error {
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
		log.Add(core.Event{Resource: c.ID, ResourceType: typ, Account: c.Owner, Region: c.Region, Parent: c.Parent()}, n.points(), n.at)
		return s.keyEvents(w, log, c.ID, c.Owner, c.Region, slices.Concat(c.MacSecKeys, c.PastMacSecKeys))
	})
	if err != nil {
		return err
	}
	err = core.Each(tx, scope(store.Lags), func(l *dx.LagRecord) error {
		n, err := w.lag(l)
		if err != nil {
			return err
		}
		log.Add(core.Event{Resource: l.ID, ResourceType: EventLag, Account: l.Owner, Region: l.Region}, n.points(), n.at)
		return s.keyEvents(w, log, l.ID, l.Owner, l.Region, slices.Concat(l.MacSecKeys, l.PastMacSecKeys))
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
	return s.gatewayEvents(tx, scope, log)
}

func (s *Service) keyEvents(w *world, log *core.EventLog, holder, owner, region string, keys []dx.KeyLink) error {
	if len(keys) == 0 {
		return nil
	}
	router, err := w.router()
	if err != nil {
		return err
	}
	for _, k := range keys {
		log.Add(core.Event{Resource: k.SecretARN, ResourceType: EventMacSecKey, Account: owner, Region: region, Parent: holder},
			append(s.Config.Timings.KeyPoints(k.AssociatedAt, k.DisassociatedAt), router.Points()...),
			func(t time.Time) string { return s.keyState(k, router, t) })
	}
	return nil
}

func (s *Service) vifEvents(w *world, q store.Query, log *core.EventLog) error {
	return core.Each(w.tx, q, func(v *dx.VirtualInterfaceRecord) error {
		n, err := w.vif(v)
		if err != nil {
			return err
		}
		log.Add(core.Event{Resource: v.ID, ResourceType: EventVirtualInterface, Account: v.Owner, Region: v.Region, Parent: v.ConnectionID}, n.points(), n.at)
		for i := range v.BGPPeers {
			p := &v.BGPPeers[i]
			base := core.Event{Resource: p.ID, ResourceType: EventBGPPeer, Account: v.Owner, Region: v.Region, Parent: v.ID}
			points := n.peerPoints(p)
			log.Add(base, points, func(t time.Time) string { return n.peerState(p, t) })
			base.ResourceType = EventBGPSession
			log.Add(base, points, func(t time.Time) string {
				if n.peerState(p, t) == "" {
					return ""
				}
				return n.peerStatus(p, t)
			})
		}
		return nil
	})
}

func (s *Service) resiliencyEvents(tx store.Tx, q store.Query, log *core.EventLog) error {
	t := s.resiliencyTimings()
	return core.Each(tx, q, func(g *dx.ResiliencyGroupRecord) error {
		points := append(core.Stage(g.CreatedAt, t.Setup, sim.CauseCreated, sim.CauseTurnedUp), core.Stage(g.DeletingAt, t.Teardown, sim.CauseDeleted, sim.CauseDeleteDone)...)
		log.Add(core.Event{Resource: g.ID, ResourceType: EventResiliencyGroup, Account: g.Owner, Region: g.Region}, points,
			func(at time.Time) string { return t.GroupState(g, at) })
		for _, a := range g.Associations {
			c, err := store.Load[dx.ConnectionRecord](tx, store.Connections, a.ConnectionID)
			if errors.Is(err, store.ErrNotFound) {
				continue // purged, with its events
			}
			if err != nil {
				return err
			}
			points := append(core.Stage(a.AssociatedAt, t.Association, "api: associated", "timeline: associated"),
				core.Stage(a.DisassociatedAt, t.Association, "api: disassociated", "timeline: disassociated")...)
			if !c.DeletedAt.IsZero() {
				points = append(points, sim.Point{At: c.DeletedAt, Cause: "api: connection deleted"})
			}
			log.Add(core.Event{Resource: c.ID, ResourceType: EventResiliencyMember, Account: g.Owner, Region: g.Region, Parent: g.ID}, points,
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

func (s *Service) gatewayEvents(tx store.Tx, scope func(store.Kind) store.Query, log *core.EventLog) error {
	d := s.gatewayDelay()
	stages := func(created, updated, deleted time.Time) []sim.Point {
		return slices.Concat(core.Stage(created, d, sim.CauseCreated, sim.CauseTurnedUp),
			core.Stage(updated, d, "api: updated", "timeline: update applied"), core.Stage(deleted, d, sim.CauseDeleted, sim.CauseDeleteDone))
	}
	err := core.Each(tx, scope(store.DirectConnectGateways), func(g *dx.DirectConnectGatewayRecord) error {
		log.Add(core.Event{Resource: g.ID, ResourceType: EventGateway, Account: g.Owner}, stages(g.CreatedAt, time.Time{}, g.DeletedAt),
			func(t time.Time) string { return s.gatewayState(g, t) })
		return nil
	})
	if err != nil {
		return err
	}
	return core.Each(tx, scope(store.GatewayAssociations), func(a *dx.GatewayAssociationRecord) error {
		log.Add(core.Event{Resource: a.ID, ResourceType: EventAssociation, Account: a.AssociatedOwner, Region: a.AssociatedRegion, Parent: a.GatewayID},
			stages(a.CreatedAt, a.UpdatedAt, a.DeletedAt), func(t time.Time) string { return s.associationState(a, t) })
		return nil
	})
}
