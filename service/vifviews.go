package service

import (
	"slices"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
)

func timeline(v *dx.VirtualInterfaceRecord) sim.VirtualInterfaceTimeline {
	return sim.VirtualInterfaceTimeline{
		Created: v.CreatedAt, Confirmed: v.ConfirmedAt, Deleted: v.DeletedAt,
		Allocated: v.Allocator != "", Public: v.Type == dx.PublicVIF, Rejected: v.Rejected,
	}
}

// activeTest is the failover test running on v at now, if any.
func activeTest(v *dx.VirtualInterfaceRecord, now time.Time) *dx.FailoverTestRecord {
	for i := range v.Tests {
		t := &v.Tests[i]
		if t.StoppedAt.IsZero() && now.Before(t.EndsAt) && !now.Before(t.StartedAt) {
			return t
		}
	}
	return nil
}

// vifView is the wire shape of v whose parent is in parentState at now.
func (s *Service) vifView(v *dx.VirtualInterfaceRecord, parentState string, now time.Time) dx.VirtualInterface {
	test := activeTest(v, now)
	tl := timeline(v)
	state := s.cfg.Timings.VirtualInterfaceState(tl, parentState, test != nil, now)
	out := dx.VirtualInterface{
		OwnerAccount: v.Owner, VirtualInterfaceID: v.ID, Location: v.Location, ConnectionID: v.ConnectionID,
		VirtualInterfaceType: v.Type, VirtualInterfaceName: v.Name, Vlan: v.Vlan, AmazonSideAsn: v.AmazonSideAsn,
		VirtualInterfaceState: state, Mtu: v.Mtu, VirtualGatewayID: v.VirtualGatewayID,
		DirectConnectGatewayID: v.DirectConnectGatewayID, BGPPeers: []dx.BGPPeer{}, Region: v.Region, Tags: v.Tags,
		SiteLinkEnabled: v.SiteLinkEnabled, RateLimit: v.RateLimit,
	}
	for _, p := range v.RouteFilterPrefixes {
		out.RouteFilterPrefixes = append(out.RouteFilterPrefixes, dx.RouteFilterPrefix{Cidr: p})
	}
	d, _, _ := s.catalog.Device(v.Device)
	if d != nil {
		out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
	}
	ready := s.cfg.Timings.Ready(tl)
	for _, p := range liveBGPPeers(v) {
		legacy, long := dx.AsnFields(p.Asn)
		peer := dx.BGPPeer{
			BGPPeerID: p.ID, Asn: legacy, AsnLong: long, AuthKey: p.AuthKey, AddressFamily: p.AddressFamily,
			AmazonAddress: p.AmazonAddress, CustomerAddress: p.CustomerAddress,
			BGPPeerState: s.cfg.Timings.BGPPeerState(p.CreatedAt, p.DeletedAt, state, ready, now), BGPStatus: sim.BGPDown,
		}
		if d != nil {
			peer.AwsDeviceV2, peer.AwsLogicalDeviceID = d.AwsDeviceV2, d.AwsLogicalDeviceID
		}
		inTest := test != nil && slices.Contains(test.BGPPeers, p.ID)
		if (state == sim.Available || state == sim.Testing) && peer.BGPPeerState == sim.Available && !inTest {
			peer.BGPStatus = sim.BGPUp
		}
		out.BGPPeers = append(out.BGPPeers, peer)
	}
	// The interface-level BGP members describe its first peer.
	if len(out.BGPPeers) > 0 {
		first := out.BGPPeers[0]
		out.Asn, out.AsnLong, out.AuthKey, out.AddressFamily = first.Asn, first.AsnLong, first.AuthKey, first.AddressFamily
		out.AmazonAddress, out.CustomerAddress = first.AmazonAddress, first.CustomerAddress
	}
	return out
}
