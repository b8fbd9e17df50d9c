package server_test

// Every example of the aws CLI's documentation for Direct Connect
// (aws/aws-cli, awscli/examples/directconnect/*.rst) run against dxsim: the
// example's call is made through the SDK with IDs of real resources, and
// dxsim's JSON answer must carry every member path the example's output
// shows, each with a value of the same kind, and the example's fixed values
// (states, types, enums, and the members AWS sends empty). The table holds
// the paths and values read from each example, not the examples' text.
// examples-1.json beside the service model holds no examples.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// answerRecorder keeps the body of the last answer a client received.
type answerRecorder struct {
	next interface {
		Do(*http.Request) (*http.Response, error)
	}
	body []byte
}

func (r *answerRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if err != nil {
		return resp, err
	}
	r.body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(r.body))
	return resp, err
}

// exampleWorld is a world with partners and virtual gateways, and clients
// of the customer (dxsimtest.Account), the partner and another account.
type exampleWorld struct {
	*dxsimtest.World
	customer, partner, other *directconnect.Client
	rec                      *answerRecorder
}

// recording returns c's twin that records its answers in x.rec.
func (x *exampleWorld) recording(c *directconnect.Client) *directconnect.Client {
	return directconnect.New(c.Options(), func(o *directconnect.Options) {
		x.rec = &answerRecorder{next: o.HTTPClient}
		o.HTTPClient = x.rec
	})
}

func newExampleWorld(t *testing.T) *exampleWorld {
	w := dxsimtest.Start(t, func(c *server.Config) {
		c.Service.VirtualGateways = dxsimtest.GwDeclared()
		c.Service.Partners = []dx.Partner{{Account: dxsimtest.PartnerAccount, Name: "Example Networks"}}
	})
	return &exampleWorld{World: w, customer: w.Client(), partner: w.ClientFor(dxsimtest.PartnerAccount, dxsimtest.Region), other: w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)}
}

// cliExample is one example: the call it makes, the member paths of its
// output ("a.b[].c:k", k the kind of value: s string, n number, b bool, a
// array), and the values it shows at paths whose value has a fixed form
// (the set of values at a path; "[]" is an empty array).
type cliExample struct {
	file  string
	call  func(t *testing.T, x *exampleWorld) error
	paths []string
	fixed map[string][]string
	// differs says which of the example's values dxsim answers otherwise,
	// and why; those are not in fixed.
	differs string
}

// paths splits space-separated paths, each under prefix.
func paths(prefix string, groups ...string) []string {
	var out []string
	for _, g := range groups {
		for _, p := range strings.Fields(g) {
			out = append(out, prefix+p)
		}
	}
	return out
}

// Member paths shared by several examples.
const (
	connPaths    = "ownerAccount:s connectionId:s connectionState:s bandwidth:s location:s connectionName:s region:s"
	hostedPaths  = connPaths + " partnerName:s vlan:n"
	lagTopPaths  = "awsDevice:s numberOfConnections:n lagState:s ownerAccount:s lagName:s connections:a lagId:s minimumLinks:n connectionsBandwidth:s region:s location:s"
	vifOldPaths  = "virtualInterfaceState:s asn:n vlan:n customerAddress:s ownerAccount:s connectionId:s virtualInterfaceId:s authKey:s routeFilterPrefixes:a location:s customerRouterConfig:s amazonAddress:s virtualInterfaceType:s virtualInterfaceName:s"
	oldPeerPaths = "bgpStatus:s customerAddress:s addressFamily:s authKey:s bgpPeerState:s amazonAddress:s asn:n"
	vifNewPaths  = "ownerAccount:s virtualInterfaceId:s location:s connectionId:s virtualInterfaceType:s virtualInterfaceName:s vlan:n asn:n amazonSideAsn:n authKey:s amazonAddress:s customerAddress:s addressFamily:s virtualInterfaceState:s customerRouterConfig:s mtu:n jumboFrameCapable:b virtualGatewayId:s directConnectGatewayId:s routeFilterPrefixes:a bgpPeers:a region:s awsDeviceV2:s tags:a"
	newPeerPaths = "bgpPeerId:s asn:n authKey:s addressFamily:s amazonAddress:s customerAddress:s bgpPeerState:s bgpStatus:s awsDeviceV2:s"
	assocPaths   = "associationState:s virtualGatewayOwnerAccount:s directConnectGatewayId:s virtualGatewayId:s virtualGatewayRegion:s"
	dxgwPaths    = "amazonSideAsn:n directConnectGatewayId:s ownerAccount:s directConnectGatewayName:s directConnectGatewayState:s"
	icPaths      = "region:s bandwidth:s location:s interconnectName:s interconnectId:s interconnectState:s"
)

var (
	lagPaths    = append(paths("", lagTopPaths), paths("connections[].", connPaths, "lagId:s")...)
	privatePath = paths("", vifOldPaths, "virtualGatewayId:s")
	publicPaths = paths("", vifOldPaths, "routeFilterPrefixes[].cidr:s")
	transitNew  = append(paths("virtualInterface.", vifNewPaths, "tags[].key:s tags[].value:s"), paths("virtualInterface.bgpPeers[].", newPeerPaths)...)
)

// Resources the examples' calls need.

func (x *exampleWorld) ready(t *testing.T) *string {
	t.Helper()
	id := dxsimtest.ReadyConnection(t, x.customer, "EqDC2", "10Gbps").ConnectionId
	x.Provision()
	return id
}

func (x *exampleWorld) privateVIF(t *testing.T, conn *string, vlan int32) *string {
	t.Helper()
	return x.privateVIFBy(t, x.customer, conn, vlan)
}

// privateVIFBy creates the examples' private interface through client c.
func (x *exampleWorld) privateVIFBy(t *testing.T, c *directconnect.Client, conn *string, vlan int32) *string {
	t.Helper()
	out, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("PrivateVirtualInterface"), Vlan: vlan, Asn: 65000, AuthKey: aws.String("asdf34example"),
			AmazonAddress: aws.String("192.168.1.1/30"), CustomerAddress: aws.String("192.168.1.2/30"), VirtualGatewayId: aws.String(dxsimtest.Vgw(1)),
		}})
	if err != nil {
		t.Fatal(err)
	}
	return out.VirtualInterfaceId
}

func (x *exampleWorld) publicVIF(c *directconnect.Client, conn *string) error {
	_, err := c.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: conn,
		NewPublicVirtualInterface: &types.NewPublicVirtualInterface{
			VirtualInterfaceName: aws.String("PublicVirtualInterface"), Vlan: 2000, Asn: 65000, AuthKey: aws.String("asdf34example"),
			AmazonAddress: aws.String("203.0.113.1/30"), CustomerAddress: aws.String("203.0.113.2/30"),
			RouteFilterPrefixes: []types.RouteFilterPrefix{{Cidr: aws.String("203.0.113.0/30")}, {Cidr: aws.String("203.0.113.4/30")}},
		}})
	return err
}

func (x *exampleWorld) interconnect(t *testing.T) *string {
	t.Helper()
	return dxsimtest.CreateInterconnect(t, x.partner, "1Gbps", false).InterconnectId
}

func (x *exampleWorld) hosted(t *testing.T) (ic, hc *string) {
	t.Helper()
	ic = x.interconnect(t)
	return ic, dxsimtest.Allocate(t, x.partner, ic, "500Mbps", 101).ConnectionId
}

func (x *exampleWorld) dxgw(t *testing.T, asn int64) *string {
	t.Helper()
	g := dxsimtest.GwCreate(t, x.customer, "DxGateway1", aws.Int64(asn))
	x.Clock.Advance(x.Config.Service.Timings.Gateway)
	return g.DirectConnectGatewayId
}

func (x *exampleWorld) allocateOn(c *directconnect.Client, conn *string) (*directconnect.AllocatePrivateVirtualInterfaceOutput, error) {
	return c.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{
			VirtualInterfaceName: aws.String("PrivateVirtualInterface"), Vlan: 1000, Asn: 65000, AuthKey: aws.String("asdf34example"),
			AmazonAddress: aws.String("192.168.1.1/30"), CustomerAddress: aws.String("192.168.1.2/30"),
		}})
}

var cliExamples = []cliExample{
	{file: "allocate-connection-on-interconnect", paths: paths("", hostedPaths),
		fixed: map[string][]string{"connectionState": {"ordering"}, "bandwidth": {"500Mbps"}, "vlan": {"101"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.partner).AllocateConnectionOnInterconnect(ctx, &directconnect.AllocateConnectionOnInterconnectInput{
				Bandwidth: aws.String("500Mbps"), ConnectionName: aws.String("mydcinterconnect"), OwnerAccount: aws.String(dxsimtest.Account),
				InterconnectId: x.interconnect(t), Vlan: 101,
			})
			return err
		}},
	{file: "allocate-hosted-connection", paths: paths("", hostedPaths),
		fixed: map[string][]string{"connectionState": {"ordering"}, "bandwidth": {"500Mbps"}, "vlan": {"101"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.partner).AllocateHostedConnection(ctx, dxsimtest.Allocation(x.interconnect(t), "500Mbps", 101))
			return err
		}},
	{file: "allocate-private-virtual-interface", paths: paths("", vifOldPaths),
		fixed: map[string][]string{"virtualInterfaceState": {"confirming"}, "virtualInterfaceType": {"private"}, "routeFilterPrefixes": {"[]"}, "vlan": {"1000"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.allocateOn(x.recording(x.customer), x.ready(t))
			return err
		}},
	{file: "allocate-public-virtual-interface", paths: publicPaths,
		fixed: map[string][]string{"virtualInterfaceState": {"confirming"}, "virtualInterfaceType": {"public"}, "routeFilterPrefixes[].cidr": {"203.0.113.0/30", "203.0.113.4/30"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{
				ConnectionId: x.ready(t), OwnerAccount: aws.String(dxsimtest.OtherAccount),
				NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{
					VirtualInterfaceName: aws.String("PublicVirtualInterface"), Vlan: 2000, Asn: 65000, AuthKey: aws.String("asdf34example"),
					AmazonAddress: aws.String("203.0.113.1/30"), CustomerAddress: aws.String("203.0.113.2/30"),
					RouteFilterPrefixes: []types.RouteFilterPrefix{{Cidr: aws.String("203.0.113.0/30")}, {Cidr: aws.String("203.0.113.4/30")}},
				}})
			return err
		}},
	{file: "allocate-transit-virtual-interface", paths: transitNew,
		fixed: map[string][]string{
			"virtualInterface.virtualInterfaceState": {"confirming"}, "virtualInterface.virtualInterfaceType": {"transit"},
			"virtualInterface.virtualGatewayId": {""}, "virtualInterface.directConnectGatewayId": {""}, "virtualInterface.routeFilterPrefixes": {"[]"},
			"virtualInterface.mtu": {"1500"}, "virtualInterface.bgpPeers[].bgpPeerState": {"pending"}, "virtualInterface.bgpPeers[].bgpStatus": {"down"},
			"virtualInterface.addressFamily": {"ipv4"}, "virtualInterface.amazonSideAsn": {"7224"},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).AllocateTransitVirtualInterface(ctx, &directconnect.AllocateTransitVirtualInterfaceInput{
				ConnectionId: x.ready(t), OwnerAccount: aws.String(dxsimtest.OtherAccount),
				NewTransitVirtualInterfaceAllocation: &types.NewTransitVirtualInterfaceAllocation{
					VirtualInterfaceName: aws.String("Example Transit Virtual Interface"), Vlan: 126, Asn: 65110, Mtu: aws.Int32(1500),
					AuthKey: aws.String("0xzxgA9YoW9h58u8SEXAMPLE"), AmazonAddress: aws.String("192.168.1.1/30"), CustomerAddress: aws.String("192.168.1.2/30"),
					AddressFamily: types.AddressFamilyIPv4, Tags: []types.Tag{{Key: aws.String("Tag"), Value: aws.String("Example")}},
				}})
			return err
		}},
	{file: "associate-connection-with-lag", paths: paths("", connPaths, "lagId:s"),
		fixed: map[string][]string{"connectionState": {"requested"}, "bandwidth": {"1Gbps"}},
		call: func(t *testing.T, x *exampleWorld) error {
			lag := dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{LagId: lag.LagId, ConnectionId: conn.ConnectionId})
			return err
		}},
	{file: "associate-hosted-connection", paths: paths("", hostedPaths, "lagId:s"),
		fixed: map[string][]string{"connectionState": {"ordering"}, "vlan": {"101"}, "bandwidth": {"500Mbps"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, hc := x.hosted(t)
			lag := dxsimtest.CreateLag(t, x.partner, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
			_, err := x.recording(x.partner).AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ParentConnectionId: lag.LagId, ConnectionId: hc})
			return err
		}},
	{file: "associate-virtual-interface", paths: append(paths("", vifOldPaths, "virtualGatewayId:s addressFamily:s bgpPeers:a"), paths("bgpPeers[].", oldPeerPaths)...),
		fixed: map[string][]string{
			"virtualInterfaceState": {"pending"}, "virtualInterfaceType": {"private"}, "routeFilterPrefixes": {"[]"}, "addressFamily": {"ipv4"},
			"bgpPeers[].bgpPeerState": {"deleting", "pending"}, "bgpPeers[].bgpStatus": {"down"}, "bgpPeers[].addressFamily": {"ipv4"},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			from := x.ready(t)
			lag := dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
			dxsimtest.DownloadLoa(t, x.customer, lag.LagId)
			vif := x.privateVIF(t, from, 123)
			x.Provision()
			_, err := x.recording(x.customer).AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{ConnectionId: lag.LagId, VirtualInterfaceId: vif})
			return err
		}},
	{file: "confirm-connection", paths: []string{"connectionState:s"}, fixed: map[string][]string{"connectionState": {"pending"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, hc := x.hosted(t)
			_, err := x.recording(x.customer).ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc})
			return err
		}},
	{file: "confirm-private-virtual-interface", paths: []string{"virtualInterfaceState:s"}, fixed: map[string][]string{"virtualInterfaceState": {"pending"}},
		call: func(t *testing.T, x *exampleWorld) error {
			a, err := x.allocateOn(x.customer, x.ready(t))
			if err != nil {
				return err
			}
			_, err = x.recording(x.other).ConfirmPrivateVirtualInterface(ctx, &directconnect.ConfirmPrivateVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId, VirtualGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))})
			return err
		}},
	{file: "confirm-public-virtual-interface", paths: []string{"virtualInterfaceState:s"}, fixed: map[string][]string{"virtualInterfaceState": {"verifying"}},
		call: func(t *testing.T, x *exampleWorld) error {
			in := dxsimtest.PublicVIF(2000)
			a, err := x.customer.AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{
				ConnectionId: x.ready(t), OwnerAccount: aws.String(dxsimtest.OtherAccount),
				NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{VirtualInterfaceName: in.VirtualInterfaceName, Vlan: 2000, Asn: 65000,
					AmazonAddress: in.AmazonAddress, CustomerAddress: in.CustomerAddress, RouteFilterPrefixes: in.RouteFilterPrefixes}})
			if err != nil {
				return err
			}
			_, err = x.recording(x.other).ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId})
			return err
		}},
	{file: "create-bgp-peer", paths: append(paths("virtualInterface.", vifOldPaths, "virtualGatewayId:s addressFamily:s bgpPeers:a"), paths("virtualInterface.bgpPeers[].", oldPeerPaths)...),
		fixed: map[string][]string{
			"virtualInterface.virtualInterfaceState": {"available"}, "virtualInterface.routeFilterPrefixes": {"[]"},
			"virtualInterface.bgpPeers[].bgpPeerState": {"available", "pending"}, "virtualInterface.bgpPeers[].addressFamily": {"ipv4", "ipv6"},
		},
		differs: "bgpStatus: the example shows down on an available peer, whose router was not configured; dxsim's simulated routers bring an available session up",
		call: func(t *testing.T, x *exampleWorld) error {
			vif := x.privateVIF(t, x.ready(t), 125)
			x.Provision()
			_, err := x.recording(x.customer).CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: vif,
				NewBGPPeer: &types.NewBGPPeer{Asn: 64600, AddressFamily: types.AddressFamilyIPv6}})
			return err
		}},
	{file: "create-connection", paths: paths("", connPaths), fixed: map[string][]string{"connectionState": {"requested"}, "bandwidth": {"1Gbps"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).CreateConnection(ctx, &directconnect.CreateConnectionInput{
				Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("Connection to AWS")})
			return err
		}},
	{file: "create-direct-connect-gateway-association", paths: paths("directConnectGatewayAssociation.", assocPaths),
		fixed: map[string][]string{"directConnectGatewayAssociation.associationState": {"associating"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{
				DirectConnectGatewayId: x.dxgw(t, 64512), VirtualGatewayId: aws.String(dxsimtest.Vgw(1))})
			return err
		}},
	{file: "create-direct-connect-gateway", paths: paths("directConnectGateway.", dxgwPaths),
		fixed:   map[string][]string{"directConnectGateway.amazonSideAsn": {"64512"}},
		differs: "directConnectGatewayState: the example shows available; the API reference calls pending the state after CreateDirectConnectGateway, and the Terraform provider waits from pending to available, so dxsim answers pending",
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("DxGateway1")})
			return err
		}},
	{file: "create-interconnect", paths: paths("", icPaths), fixed: map[string][]string{"interconnectState": {"requested"}, "bandwidth": {"1Gbps"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.partner).CreateInterconnect(ctx, &directconnect.CreateInterconnectInput{
				InterconnectName: aws.String("1G Interconnect to AWS"), Bandwidth: aws.String("1Gbps"), Location: aws.String("EqDC2")})
			return err
		}},
	{file: "create-lag", paths: lagPaths,
		fixed:   map[string][]string{"numberOfConnections": {"2"}, "minimumLinks": {"0"}, "connections[].connectionState": {"requested"}, "connectionsBandwidth": {"1Gbps"}},
		differs: "lagState: the example shows pending for a LAG of requested connections; dxsim derives a LAG's state from its members, so it is requested until they are provisioned",
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).CreateLag(ctx, &directconnect.CreateLagInput{
				Location: aws.String("EqDC2"), NumberOfConnections: 2, ConnectionsBandwidth: aws.String("1Gbps"), LagName: aws.String("1GBLag")})
			return err
		}},
	{file: "create-lag", paths: lagPaths,
		fixed:   map[string][]string{"numberOfConnections": {"2"}, "minimumLinks": {"0"}, "connections[].connectionState": {"requested", "down"}},
		differs: "lagState, as above; this is the file's second example, a LAG made from an existing connection (down) and a new one",
		call: func(t *testing.T, x *exampleWorld) error {
			existing := dxsimtest.ReadyConnection(t, x.customer, "EqDC2", "1Gbps").ConnectionId
			x.Provision()
			dxsimtest.Admin(t, x.World, http.MethodPost, "/_dxsim/links/"+aws.ToString(existing)+"/down", "")
			_, err := x.recording(x.customer).CreateLag(ctx, &directconnect.CreateLagInput{
				Location: aws.String("EqDC2"), NumberOfConnections: 2, ConnectionsBandwidth: aws.String("1Gbps"), LagName: aws.String("2ConnLAG"), ConnectionId: existing})
			return err
		}},
	{file: "create-private-virtual-interface", paths: privatePath,
		fixed: map[string][]string{"virtualInterfaceState": {"pending"}, "virtualInterfaceType": {"private"}, "routeFilterPrefixes": {"[]"}},
		call: func(t *testing.T, x *exampleWorld) error {
			x.privateVIFBy(t, x.recording(x.customer), x.ready(t), 101)
			return nil
		}},
	{file: "create-public-virtual-interface", paths: publicPaths,
		fixed: map[string][]string{"virtualInterfaceState": {"verifying"}, "virtualInterfaceType": {"public"}, "routeFilterPrefixes[].cidr": {"203.0.113.0/30", "203.0.113.4/30"}},
		call: func(t *testing.T, x *exampleWorld) error {
			return x.publicVIF(x.recording(x.customer), x.ready(t))
		}},
	{file: "create-transit-virtual-interface", paths: transitNew,
		fixed: map[string][]string{
			"virtualInterface.virtualInterfaceState": {"pending"}, "virtualInterface.virtualInterfaceType": {"transit"},
			"virtualInterface.virtualGatewayId": {""}, "virtualInterface.routeFilterPrefixes": {"[]"}, "virtualInterface.amazonSideAsn": {"4200000000"},
			"virtualInterface.mtu": {"1500"}, "virtualInterface.bgpPeers[].bgpPeerState": {"pending"}, "virtualInterface.bgpPeers[].bgpStatus": {"down"},
			"virtualInterface.tags[].key": {"Tag"}, "virtualInterface.jumboFrameCapable": {"true"},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			conn, dxgw := x.ready(t), x.dxgw(t, 4200000000)
			_, err := x.recording(x.customer).CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: conn,
				NewTransitVirtualInterface: &types.NewTransitVirtualInterface{
					VirtualInterfaceName: aws.String("Example Transit Virtual Interface"), Vlan: 126, Asn: 65110, Mtu: aws.Int32(1500),
					AuthKey: aws.String("0xzxgA9YoW9h58u8SvEXAMPLE"), AmazonAddress: aws.String("192.168.1.1/30"), CustomerAddress: aws.String("192.168.1.2/30"),
					AddressFamily: types.AddressFamilyIPv4, DirectConnectGatewayId: dxgw, Tags: []types.Tag{{Key: aws.String("Tag"), Value: aws.String("Example")}},
				}})
			return err
		}},
	{file: "delete-bgp-peer", paths: append(paths("virtualInterface.", vifOldPaths, "virtualGatewayId:s addressFamily:s bgpPeers:a"), paths("virtualInterface.bgpPeers[].", oldPeerPaths)...),
		fixed: map[string][]string{
			"virtualInterface.virtualInterfaceState": {"available"}, "virtualInterface.bgpPeers[].bgpPeerState": {"available", "deleting"},
			"virtualInterface.bgpPeers[].addressFamily": {"ipv4", "ipv6"},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			vif := x.privateVIF(t, x.ready(t), 125)
			x.Provision()
			added, err := x.customer.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: vif, NewBGPPeer: &types.NewBGPPeer{Asn: 64600, AddressFamily: types.AddressFamilyIPv6}})
			if err != nil {
				return err
			}
			x.Provision()
			peer := added.VirtualInterface.BgpPeers[1]
			_, err = x.recording(x.customer).DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif, Asn: 64600, CustomerAddress: peer.CustomerAddress})
			return err
		}},
	{file: "delete-connection", paths: paths("", connPaths), fixed: map[string][]string{"connectionState": {"deleted"}},
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId})
			return err
		}},
	{file: "delete-direct-connect-gateway-association", paths: paths("directConnectGatewayAssociation.", assocPaths),
		fixed: map[string][]string{"directConnectGatewayAssociation.associationState": {"disassociating"}},
		call: func(t *testing.T, x *exampleWorld) error {
			g := x.dxgw(t, 64512)
			dxsimtest.GwAssociate(t, x.customer, g, dxsimtest.Vgw(1))
			x.Clock.Advance(x.Config.Service.Timings.Gateway)
			_, err := x.recording(x.customer).DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{
				DirectConnectGatewayId: g, VirtualGatewayId: aws.String(dxsimtest.Vgw(1))})
			return err
		}},
	{file: "delete-direct-connect-gateway", paths: paths("directConnectGateway.", dxgwPaths),
		fixed: map[string][]string{"directConnectGateway.directConnectGatewayState": {"deleting"}, "directConnectGateway.amazonSideAsn": {"64512"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: x.dxgw(t, 64512)})
			return err
		}},
	{file: "delete-interconnect", paths: []string{"interconnectState:s"}, fixed: map[string][]string{"interconnectState": {"deleted"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.partner).DeleteInterconnect(ctx, &directconnect.DeleteInterconnectInput{InterconnectId: x.interconnect(t)})
			return err
		}},
	{file: "delete-lag", paths: paths("", lagTopPaths),
		fixed: map[string][]string{"numberOfConnections": {"0"}, "connections": {"[]"}, "minimumLinks": {"0"}, "lagState": {"deleted"}},
		call: func(t *testing.T, x *exampleWorld) error {
			lag := dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
			if _, err := x.customer.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: lag.Connections[0].ConnectionId}); err != nil {
				return err
			}
			_, err := x.recording(x.customer).DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
			return err
		}},
	{file: "delete-virtual-interface", paths: []string{"virtualInterfaceState:s"}, fixed: map[string][]string{"virtualInterfaceState": {"deleting"}},
		call: func(t *testing.T, x *exampleWorld) error {
			vif := x.privateVIF(t, x.ready(t), 101)
			_, err := x.recording(x.customer).DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vif})
			return err
		}},
	{file: "describe-connection-loa", paths: []string{"loa.loaContent:s", "loa.loaContentType:s"}, fixed: map[string][]string{"loa.loaContentType": {"application/pdf"}},
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).DescribeConnectionLoa(ctx, &directconnect.DescribeConnectionLoaInput{ConnectionId: conn.ConnectionId})
			return err
		}},
	{file: "describe-connections-on-interconnect", paths: paths("connections[].", hostedPaths),
		fixed: map[string][]string{"connections[].connectionState": {"ordering"}, "connections[].vlan": {"101"}},
		call: func(t *testing.T, x *exampleWorld) error {
			ic, _ := x.hosted(t)
			_, err := x.recording(x.partner).DescribeConnectionsOnInterconnect(ctx, &directconnect.DescribeConnectionsOnInterconnectInput{InterconnectId: ic})
			return err
		}},
	{file: "describe-connections", paths: paths("connections[].", connPaths), fixed: map[string][]string{"connections[].connectionState": {"requested"}},
		call: func(t *testing.T, x *exampleWorld) error {
			dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
			return err
		}},
	{file: "describe-direct-connect-gateway-associations", paths: append(paths("directConnectGatewayAssociations[].", assocPaths), "nextToken:s"),
		call: func(t *testing.T, x *exampleWorld) error {
			g := x.dxgw(t, 64512)
			for i := 1; i <= 3; i++ {
				dxsimtest.GwAssociate(t, x.customer, g, dxsimtest.Vgw(i))
			}
			// The example's answer is a page with more to come.
			_, err := x.recording(x.customer).DescribeDirectConnectGatewayAssociations(ctx, &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: g, MaxResults: aws.Int32(2)})
			return err
		}},
	{file: "describe-direct-connect-gateway-attachments",
		paths: append(paths("directConnectGatewayAttachments[].", "virtualInterfaceOwnerAccount:s directConnectGatewayId:s virtualInterfaceRegion:s attachmentState:s virtualInterfaceId:s"), "nextToken:s"),
		fixed: map[string][]string{"directConnectGatewayAttachments[].attachmentState": {"attaching"}},
		call: func(t *testing.T, x *exampleWorld) error {
			conn, g := x.ready(t), x.dxgw(t, 64512)
			dxsimtest.GwPrivateVIF(t, x.customer, conn, g, 10)
			dxsimtest.GwPrivateVIF(t, x.customer, conn, g, 11)
			_, err := x.recording(x.customer).DescribeDirectConnectGatewayAttachments(ctx, &directconnect.DescribeDirectConnectGatewayAttachmentsInput{DirectConnectGatewayId: g, MaxResults: aws.Int32(1)})
			return err
		}},
	{file: "describe-direct-connect-gateways", paths: paths("directConnectGateways[].", dxgwPaths),
		fixed: map[string][]string{"directConnectGateways[].directConnectGatewayState": {"available"}, "directConnectGateways[].amazonSideAsn": {"64512"}},
		call: func(t *testing.T, x *exampleWorld) error {
			x.dxgw(t, 64512)
			_, err := x.recording(x.customer).DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{})
			return err
		}},
	{file: "describe-hosted-connections", paths: paths("connections[].", hostedPaths),
		fixed: map[string][]string{"connections[].connectionState": {"ordering"}, "connections[].bandwidth": {"500Mbps"}},
		call: func(t *testing.T, x *exampleWorld) error {
			ic, _ := x.hosted(t)
			_, err := x.recording(x.partner).DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: ic})
			return err
		}},
	{file: "describe-interconnect-loa", paths: []string{"loa.loaContent:s", "loa.loaContentType:s"},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.partner).DescribeInterconnectLoa(ctx, &directconnect.DescribeInterconnectLoaInput{InterconnectId: x.interconnect(t)})
			return err
		}},
	{file: "describe-interconnects", paths: paths("interconnects[].", icPaths), fixed: map[string][]string{"interconnects[].interconnectState": {"down"}},
		call: func(t *testing.T, x *exampleWorld) error {
			ic := x.interconnect(t)
			dxsimtest.DownloadLoa(t, x.partner, ic)
			x.Provision()
			dxsimtest.Admin(t, x.World, http.MethodPost, "/_dxsim/links/"+aws.ToString(ic)+"/down", "")
			_, err := x.recording(x.partner).DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{})
			return err
		}},
	{file: "describe-lags", paths: paths("lags[].", strings.Join(lagPaths, " ")),
		fixed:   map[string][]string{"lags[].connections[].connectionState": {"requested"}, "lags[].numberOfConnections": {"2"}, "lags[].minimumLinks": {"0"}},
		differs: "lagState: the example shows down for a LAG of requested connections; dxsim answers requested until its members are provisioned",
		call: func(t *testing.T, x *exampleWorld) error {
			dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
			_, err := x.recording(x.customer).DescribeLags(ctx, &directconnect.DescribeLagsInput{})
			return err
		}},
	{file: "describe-loa", paths: []string{"loaContent:s", "loaContentType:s"},
		differs: "the example queries loa.loaContent; the service model's DescribeLoa answers the Loa shape itself (loaContent at the top), as DescribeConnectionLoa and DescribeInterconnectLoa answer it under loa; dxsim follows the model",
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId})
			return err
		}},
	{file: "describe-locations", paths: []string{"locations[].locationName:s", "locations[].locationCode:s"},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).DescribeLocations(ctx, &directconnect.DescribeLocationsInput{})
			return err
		}},
	{file: "describe-tags", paths: []string{"resourceTags[].resourceArn:s", "resourceTags[].tags[].value:s", "resourceTags[].tags[].key:s"},
		fixed: map[string][]string{"resourceTags[].tags[].key": {"Name"}, "resourceTags[].tags[].value": {"VAConnection"}},
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			arn := aws.String(fmt.Sprintf("arn:aws:directconnect:%s:%s:dxcon/%s", dxsimtest.Region, dxsimtest.Account, aws.ToString(conn.ConnectionId)))
			if _, err := x.customer.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("VAConnection")}}}); err != nil {
				return err
			}
			_, err := x.recording(x.customer).DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{aws.ToString(arn)}})
			return err
		}},
	{file: "describe-virtual-gateways", paths: []string{"virtualGateways[].virtualGatewayId:s", "virtualGateways[].virtualGatewayState:s"},
		fixed: map[string][]string{"virtualGateways[].virtualGatewayState": {"available"}},
		call: func(t *testing.T, x *exampleWorld) error {
			_, err := x.recording(x.customer).DescribeVirtualGateways(ctx, &directconnect.DescribeVirtualGatewaysInput{})
			return err
		}},
	{file: "describe-virtual-interfaces", paths: paths("virtualInterfaces[].", vifOldPaths, "virtualGatewayId:s routeFilterPrefixes[].cidr:s"),
		fixed: map[string][]string{
			"virtualInterfaces[].virtualInterfaceState": {"down", "verifying"}, "virtualInterfaces[].virtualInterfaceType": {"private", "public"},
			"virtualInterfaces[].virtualGatewayId": {dxsimtest.Vgw(1), ""},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			conn := x.ready(t)
			x.privateVIF(t, conn, 101)
			x.Provision()
			dxsimtest.Admin(t, x.World, http.MethodPost, "/_dxsim/links/"+aws.ToString(conn)+"/down", "")
			if err := x.publicVIF(x.customer, conn); err != nil {
				return err
			}
			_, err := x.recording(x.customer).DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{ConnectionId: conn})
			return err
		}},
	{file: "disassociate-connection-from-lag", paths: paths("", connPaths), fixed: map[string][]string{"connectionState": {"requested"}},
		call: func(t *testing.T, x *exampleWorld) error {
			lag := dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
			_, err := x.recording(x.customer).DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{LagId: lag.LagId, ConnectionId: lag.Connections[0].ConnectionId})
			return err
		}},
	{file: "tag-resource", paths: nil,
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			_, err := x.recording(x.customer).TagResource(ctx, &directconnect.TagResourceInput{
				ResourceArn: aws.String(fmt.Sprintf("arn:aws:directconnect:%s:%s:dxcon/%s", dxsimtest.Region, dxsimtest.Account, aws.ToString(conn.ConnectionId))),
				Tags:        []types.Tag{{Key: aws.String("Name"), Value: aws.String("VAConnection")}}})
			return err
		}},
	{file: "untag-resource", paths: nil,
		call: func(t *testing.T, x *exampleWorld) error {
			conn := dxsimtest.CreateConnection(t, x.customer, "EqDC2", "1Gbps")
			arn := aws.String(fmt.Sprintf("arn:aws:directconnect:%s:%s:dxcon/%s", dxsimtest.Region, dxsimtest.Account, aws.ToString(conn.ConnectionId)))
			if _, err := x.customer.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}}); err != nil {
				return err
			}
			_, err := x.recording(x.customer).UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"Name"}})
			return err
		}},
	{file: "update-lag", paths: lagPaths,
		fixed:   map[string][]string{"lagName": {"2ConnLag"}, "numberOfConnections": {"2"}, "connections[].connectionState": {"requested"}},
		differs: "lagState: the example shows down for a LAG of requested connections; dxsim answers requested",
		call: func(t *testing.T, x *exampleWorld) error {
			lag := dxsimtest.CreateLag(t, x.customer, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
			_, err := x.recording(x.customer).UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, LagName: aws.String("2ConnLag")})
			return err
		}},
	{file: "update-virtual-interface-attributes", paths: append(paths("", vifNewPaths), paths("bgpPeers[].", newPeerPaths)...),
		fixed: map[string][]string{
			"virtualInterfaceState": {"down"}, "virtualInterfaceType": {"transit"}, "mtu": {"1500"}, "virtualGatewayId": {""},
			"routeFilterPrefixes": {"[]"}, "tags": {"[]"}, "bgpPeers[].bgpPeerState": {"available"}, "bgpPeers[].bgpStatus": {"down"},
		},
		call: func(t *testing.T, x *exampleWorld) error {
			conn, g := x.ready(t), x.dxgw(t, 64512)
			out, err := x.customer.CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: conn,
				NewTransitVirtualInterface: &types.NewTransitVirtualInterface{VirtualInterfaceName: aws.String("example transit virtual interface"), Vlan: 125, Asn: 65001, Mtu: aws.Int32(8500), DirectConnectGatewayId: g}})
			if err != nil {
				return err
			}
			x.Provision()
			dxsimtest.Admin(t, x.World, http.MethodPost, "/_dxsim/links/"+aws.ToString(conn)+"/down", "")
			_, err = x.recording(x.customer).UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{
				VirtualInterfaceId: out.VirtualInterface.VirtualInterfaceId, Mtu: aws.Int32(1500)})
			return err
		}},
}

// cliExamplesLeftOut are the files of awscli/examples/directconnect that
// show no Direct Connect call: describe-identity-id-format is an EC2
// command filed there.
var cliExamplesLeftOut = []string{"describe-identity-id-format"}

// answerPaths flattens a JSON answer into its member paths, each with the
// kind of its value and the values found at it.
func answerPaths(v any, path string, out map[string]*pathValues) {
	add := func(kind, value string) {
		pv := out[path]
		if pv == nil {
			pv = &pathValues{kind: kind}
			out[path] = pv
		}
		if !slices.Contains(pv.values, value) {
			pv.values = append(pv.values, value)
		}
	}
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			answerPaths(child, join(k), out)
		}
	case []any:
		if len(v) == 0 {
			add("a", "[]")
		} else {
			add("a", fmt.Sprintf("[%d]", len(v)))
		}
		for _, e := range v {
			answerPaths(e, path+"[]", out)
		}
	case string:
		add("s", v)
	case float64:
		add("n", fmt.Sprint(v))
	case json.Number:
		add("n", v.String())
	case bool:
		add("b", fmt.Sprint(v))
	}
}

type pathValues struct {
	kind   string
	values []string
}

// valueForms are the forms AWS's values take at members of these names, in
// every example: IDs with their prefixes, UUIDs, account IDs, and the
// router configuration document.
var valueForms = map[string]*regexp.Regexp{
	"connectionId":           regexp.MustCompile(`^dx(con|lag)-[0-9a-z]{8}$`),
	"interconnectId":         regexp.MustCompile(`^dxcon-[0-9a-z]{8}$`),
	"lagId":                  regexp.MustCompile(`^dxlag-[0-9a-z]{8}$`),
	"virtualInterfaceId":     regexp.MustCompile(`^dxvif-[0-9a-z]{8}$`),
	"bgpPeerId":              regexp.MustCompile(`^dxpeer-[0-9a-z]{8}$`),
	"directConnectGatewayId": regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$`),
	"ownerAccount":           regexp.MustCompile(`^[0-9]{12}$`),
	"virtualGatewayId":       regexp.MustCompile(`^(vgw-[0-9a-f]+)?$`),
	"customerRouterConfig":   regexp.MustCompile(`(?s)^<\?xml version="1.0" encoding="UTF-8"\?>\n<logical_connection id="dxvif-[0-9a-z]{8}">.*<connection_type>(private|public|transit)</connection_type>\n</logical_connection>\n$`),
	"region":                 regexp.MustCompile(`^[a-z]{2}-[a-z]+-[0-9]$`),
}

func TestEveryCLIExampleAnswersWithTheExamplesMembers(t *testing.T) {
	for _, ex := range cliExamples {
		t.Run(ex.file, func(t *testing.T) {
			x := newExampleWorld(t)
			if err := ex.call(t, x); err != nil {
				t.Fatalf("the example's call: %v", err)
			}
			if x.rec == nil || x.rec.body == nil {
				t.Fatal("the example's call was not recorded")
			}
			dec := json.NewDecoder(bytes.NewReader(x.rec.body))
			dec.UseNumber()
			var answer any
			if err := dec.Decode(&answer); err != nil {
				t.Fatalf("answer %q is not JSON: %v", x.rec.body, err)
			}
			got := map[string]*pathValues{}
			answerPaths(answer, "", got)
			for _, p := range ex.paths {
				path, kind, _ := strings.Cut(p, ":")
				pv, ok := got[path]
				switch {
				case !ok:
					t.Errorf("the answer lacks %s, which the example shows", path)
				case pv.kind != kind:
					t.Errorf("%s is of kind %s, the example's of kind %s", path, pv.kind, kind)
				}
			}
			for path, want := range ex.fixed {
				pv, ok := got[path]
				if !ok {
					t.Errorf("the answer lacks %s (the example shows %q)", path, want)
					continue
				}
				have, wantSorted := slices.Clone(pv.values), slices.Clone(want)
				sort.Strings(have)
				sort.Strings(wantSorted)
				if !slices.Equal(have, wantSorted) {
					t.Errorf("%s is %q, the example shows %q", path, have, wantSorted)
				}
			}
			for path, pv := range got {
				form, ok := valueForms[path[strings.LastIndex(path, ".")+1:]]
				if !ok || pv.kind != "s" {
					continue
				}
				for _, v := range pv.values {
					if !form.MatchString(v) {
						t.Errorf("%s is %q, not of the form AWS sends (%s)", path, v, form)
					}
				}
			}
			if len(ex.paths) == 0 && len(got) != 0 {
				t.Errorf("the example shows no output; the answer is %s", x.rec.body)
			}
		})
	}
}

// TestCLIExampleTableCoversEveryExample keeps the table in step with the
// example files: every file has a case (or is left out, with the reason).
func TestCLIExampleTableCoversEveryExample(t *testing.T) {
	files := []string{
		"allocate-connection-on-interconnect", "allocate-hosted-connection", "allocate-private-virtual-interface",
		"allocate-public-virtual-interface", "allocate-transit-virtual-interface", "associate-connection-with-lag",
		"associate-hosted-connection", "associate-virtual-interface", "confirm-connection", "confirm-private-virtual-interface",
		"confirm-public-virtual-interface", "create-bgp-peer", "create-connection", "create-direct-connect-gateway-association",
		"create-direct-connect-gateway", "create-interconnect", "create-lag", "create-private-virtual-interface",
		"create-public-virtual-interface", "create-transit-virtual-interface", "delete-bgp-peer", "delete-connection",
		"delete-direct-connect-gateway-association", "delete-direct-connect-gateway", "delete-interconnect", "delete-lag",
		"delete-virtual-interface", "describe-connection-loa", "describe-connections-on-interconnect", "describe-connections",
		"describe-direct-connect-gateway-associations", "describe-direct-connect-gateway-attachments", "describe-direct-connect-gateways",
		"describe-hosted-connections", "describe-identity-id-format", "describe-interconnect-loa", "describe-interconnects",
		"describe-lags", "describe-loa", "describe-locations", "describe-tags", "describe-virtual-gateways",
		"describe-virtual-interfaces", "disassociate-connection-from-lag", "tag-resource", "untag-resource", "update-lag",
		"update-virtual-interface-attributes",
	}
	var have []string
	for _, ex := range cliExamples {
		if !slices.Contains(have, ex.file) { // a file may hold several examples
			have = append(have, ex.file)
		}
	}
	have = append(have, cliExamplesLeftOut...)
	sort.Strings(have)
	sort.Strings(files)
	if !slices.Equal(have, files) {
		t.Errorf("the table covers %q,\nthe examples are %q", have, files)
	}
}
