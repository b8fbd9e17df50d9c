package directconnect

import (
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/routerconfig"
)

// vifView is the wire shape of virtual interface n at now.
func (s *Service) vifView(n *vifNode, now time.Time) dx.VirtualInterface {
	v := n.rec
	state := n.at(now)
	out := dx.VirtualInterface{
		OwnerAccount: v.Owner, VirtualInterfaceID: v.ID, Location: v.Location, ConnectionID: v.ConnectionID,
		VirtualInterfaceType: v.Type, VirtualInterfaceName: v.Name, Vlan: v.Vlan, AmazonSideAsn: v.AmazonSideAsn,
		VirtualInterfaceState: state, Mtu: v.Mtu, VirtualGatewayID: v.VirtualGatewayID,
		DirectConnectGatewayID: v.DirectConnectGatewayID, BGPPeers: []dx.BGPPeer{}, Region: v.Region, Tags: v.Tags,
		SiteLinkEnabled: v.SiteLinkEnabled, RateLimit: v.RateLimit, RouteFilterPrefixes: []dx.RouteFilterPrefix{},
	}
	if out.Tags == nil {
		out.Tags = []dx.Tag{} // AWS sends "tags": [] on interfaces without tags
	}
	for _, p := range v.RouteFilterPrefixes {
		out.RouteFilterPrefixes = append(out.RouteFilterPrefixes, dx.RouteFilterPrefix{Cidr: p})
	}
	d, _, _ := s.Catalog.Device(v.Device)
	if d != nil {
		out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
	}
	for _, p := range v.BGPPeers {
		if !p.DeletedAt.IsZero() && !now.Before(p.DeletedAt.Add(s.Config.Timings.Deleting)) {
			continue // deleted peers are listed while deleting
		}
		legacy, long := dx.AsnFields(p.Asn)
		peer := dx.BGPPeer{
			BGPPeerID: p.ID, Asn: legacy, AsnLong: long, AuthKey: p.AuthKey, AddressFamily: p.AddressFamily,
			AmazonAddress: p.AmazonAddress, CustomerAddress: p.CustomerAddress,
			BGPPeerState: n.peerState(&p, now), BGPStatus: n.peerStatus(&p, now),
		}
		if d != nil {
			peer.AwsDeviceV2, peer.AwsLogicalDeviceID = d.AwsDeviceV2, d.AwsLogicalDeviceID
		}
		out.BGPPeers = append(out.BGPPeers, peer)
	}
	// The interface-level BGP members describe its first peer.
	if len(out.BGPPeers) > 0 {
		first := out.BGPPeers[0]
		out.Asn, out.AsnLong, out.AuthKey, out.AddressFamily = first.Asn, first.AsnLong, first.AuthKey, first.AddressFamily
		out.AmazonAddress, out.CustomerAddress = first.AmazonAddress, first.CustomerAddress
	}
	out.CustomerRouterConfig = routerconfig.Customer(out)
	return out
}
