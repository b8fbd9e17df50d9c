package ec2

import (
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Resource types of the event log for the EC2 resources.
const (
	EventVpc                  = "vpc"
	EventVpnGateway           = "vpn-gateway"
	EventVpnGatewayAttachment = "vpn-gateway-attachment" // its resource is the VPC, its parent the gateway
	EventTransitGateway       = "transit-gateway"
)

// Walk tells log the state changes of VPCs, virtual private gateways,
// their attachments and transit gateways.
func (s *Service) Walk(tx *core.Txn, log *core.EventLog) error {
	scope := log.Scope
	t := s.Config.Timings
	lifecycle := func(created, deleted time.Time) []sim.Point {
		return slices.Concat(core.Stage(created, t.EC2, sim.CauseCreated, sim.CauseTurnedUp), core.Stage(deleted, t.Deleting, sim.CauseDeleted, sim.CauseDeleteDone))
	}
	err := core.Each(tx, scope(store.Vpcs), func(v *VpcRecord) error {
		points := append(core.Stage(v.CreatedAt, t.EC2, sim.CauseCreated, sim.CauseTurnedUp), sim.Point{At: v.DeletedAt, Cause: sim.CauseDeleted})
		log.Add(core.Event{Resource: v.ID, ResourceType: EventVpc, Account: v.Owner, Region: v.Region}, points,
			func(at time.Time) string { return s.vpcState(v, at) })
		return nil
	})
	if err != nil {
		return err
	}
	err = core.Each(tx, scope(store.VpnGateways), func(g *VpnGatewayRecord) error {
		log.Add(core.Event{Resource: g.ID, ResourceType: EventVpnGateway, Account: g.Owner, Region: g.Region}, lifecycle(g.CreatedAt, g.DeletedAt),
			func(at time.Time) string { return s.ec2State(g.CreatedAt, g.DeletedAt, at) })
		for _, a := range g.Attachments {
			points := slices.Concat(core.Stage(a.AttachedAt, t.EC2, "api: attached", "timeline: attached"), core.Stage(a.DetachedAt, t.EC2, "api: detached", "timeline: detached"))
			log.Add(core.Event{Resource: a.VpcID, ResourceType: EventVpnGatewayAttachment, Account: g.Owner, Region: g.Region, Parent: g.ID}, points,
				func(at time.Time) string {
					if at.Before(a.AttachedAt) {
						return ""
					}
					return s.attachmentState(a, at)
				})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return core.Each(tx, scope(store.TransitGateways), func(g *TransitGatewayRecord) error {
		log.Add(core.Event{Resource: g.ID, ResourceType: EventTransitGateway, Account: g.Owner, Region: g.Region}, lifecycle(g.CreatedAt, g.DeletedAt),
			func(at time.Time) string { return s.ec2State(g.CreatedAt, g.DeletedAt, at) })
		return nil
	})
}
