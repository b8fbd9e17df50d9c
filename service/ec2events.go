package service

import (
	"slices"
	"time"

	"github.com/dxsim/dxsim/ec2"
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

// ec2Events adds the state changes of VPCs, virtual private gateways,
// their attachments and transit gateways.
func (s *Service) ec2Events(tx store.Tx, scope func(store.Kind) store.Query, log *eventLog) error {
	t := s.cfg.Timings
	lifecycle := func(created, deleted time.Time) []sim.Point {
		return slices.Concat(stage(created, t.EC2, sim.CauseCreated, sim.CauseTurnedUp), stage(deleted, t.Deleting, sim.CauseDeleted, sim.CauseDeleteDone))
	}
	err := each(tx, scope(store.Vpcs), func(v *ec2.VpcRecord) error {
		points := append(stage(v.CreatedAt, t.EC2, sim.CauseCreated, sim.CauseTurnedUp), sim.Point{At: v.DeletedAt, Cause: sim.CauseDeleted})
		log.add(Event{Resource: v.ID, ResourceType: EventVpc, Account: v.Owner, Region: v.Region}, points,
			func(at time.Time) string { return s.vpcState(v, at) })
		return nil
	})
	if err != nil {
		return err
	}
	err = each(tx, scope(store.VpnGateways), func(g *ec2.VpnGatewayRecord) error {
		log.add(Event{Resource: g.ID, ResourceType: EventVpnGateway, Account: g.Owner, Region: g.Region}, lifecycle(g.CreatedAt, g.DeletedAt),
			func(at time.Time) string { return s.ec2State(g.CreatedAt, g.DeletedAt, at) })
		for _, a := range g.Attachments {
			points := slices.Concat(stage(a.AttachedAt, t.EC2, "api: attached", "timeline: attached"), stage(a.DetachedAt, t.EC2, "api: detached", "timeline: detached"))
			log.add(Event{Resource: a.VpcID, ResourceType: EventVpnGatewayAttachment, Account: g.Owner, Region: g.Region, Parent: g.ID}, points,
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
	return each(tx, scope(store.TransitGateways), func(g *ec2.TransitGatewayRecord) error {
		log.add(Event{Resource: g.ID, ResourceType: EventTransitGateway, Account: g.Owner, Region: g.Region}, lifecycle(g.CreatedAt, g.DeletedAt),
			func(at time.Time) string { return s.ec2State(g.CreatedAt, g.DeletedAt, at) })
		return nil
	})
}
