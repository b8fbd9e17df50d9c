package directconnect_test

import (
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func routeCidrs(t *testing.T, c *directconnect.Client, id *string, f *types.RouteFilters) []string {
	t.Helper()
	out, err := c.ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: id, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	var cidrs []string
	for _, r := range out.Routes {
		cidrs = append(cidrs, string(r.RouteDirection)+" "+aws.ToString(r.Cidr))
	}
	sort.Strings(cidrs)
	return cidrs
}

// TestPrivateVirtualInterfaceOnDirectConnectGateway is the README's
// walkthrough: a connection, a Direct Connect gateway associated with a
// virtual private gateway, a private virtual interface on it, and the routes
// it carries once BGP is up.
func TestPrivateVirtualInterfaceOnDirectConnectGateway(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	gw := dxsimtest.GwCreate(t, c, "core", aws.Int64(64600))
	dxsimtest.GwAssociate(t, c, gw.DirectConnectGatewayId, dxsimtest.Vgw(1), "10.1.0.0/16")
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("to-vpc"), Vlan: 100, Asn: 65000, Mtu: aws.Int32(9001),
			DirectConnectGatewayId: gw.DirectConnectGatewayId,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if vif.AmazonSideAsn == nil || *vif.AmazonSideAsn != 64600 || aws.ToInt32(vif.Mtu) != 9001 || aws.ToString(vif.DirectConnectGatewayId) != aws.ToString(gw.DirectConnectGatewayId) {
		t.Errorf("private VIF: amazonSideAsn %v, mtu %d, gateway %s", vif.AmazonSideAsn, aws.ToInt32(vif.Mtu), aws.ToString(vif.DirectConnectGatewayId))
	}
	if got := routeCidrs(t, c, vif.VirtualInterfaceId, nil); len(got) != 0 {
		t.Errorf("routes before BGP is up: %v", got)
	}
	w.Provision()
	if got := routeCidrs(t, c, vif.VirtualInterfaceId, nil); len(got) != 1 || got[0] != "advertised 10.1.0.0/16" {
		t.Errorf("routes = %v, want the association's allowed prefix advertised", got)
	}
	att, err := c.DescribeDirectConnectGatewayAttachments(ctx, &directconnect.DescribeDirectConnectGatewayAttachmentsInput{DirectConnectGatewayId: gw.DirectConnectGatewayId})
	if err != nil || len(att.DirectConnectGatewayAttachments) != 1 || att.DirectConnectGatewayAttachments[0].AttachmentState != types.DirectConnectGatewayAttachmentStateAttached {
		t.Errorf("attachments = %+v, %v", att, err)
	}
	// MTU 9001 is for private interfaces; transit ones take 8500.
	_, err = c.CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
		NewTransitVirtualInterface: &types.NewTransitVirtualInterface{VirtualInterfaceName: aws.String("t"), Vlan: 101, Asn: 65000, Mtu: aws.Int32(9001), DirectConnectGatewayId: gw.DirectConnectGatewayId}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "9001")
	// A private interface on a declared virtual private gateway.
	direct, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("vgw"), Vlan: 102, Asn: 65000, VirtualGatewayId: aws.String(dxsimtest.Vgw(2))}})
	if err != nil {
		t.Fatal(err)
	}
	w.Provision()
	if got := routeCidrs(t, c, direct.VirtualInterfaceId, nil); len(got) != 1 || got[0] != "advertised 10.2.0.0/16" {
		t.Errorf("routes on a VGW interface = %v, want its VPC CIDR", got)
	}
}

func TestPublicVirtualInterfaceRoutes(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 5)
	w.Provision()
	w.Clock.Advance(w.Config.Service.Timings.Verifying)
	all := routeCidrs(t, c, vif.VirtualInterfaceId, nil)
	accepted := routeCidrs(t, c, vif.VirtualInterfaceId, &types.RouteFilters{RouteDirection: types.RouteDirectionAccepted})
	if len(accepted) != 1 || accepted[0] != "accepted 198.51.100.0/24" {
		t.Errorf("accepted routes = %v, want the route filter prefix", accepted)
	}
	advertised := routeCidrs(t, c, vif.VirtualInterfaceId, &types.RouteFilters{RouteDirection: types.RouteDirectionAdvertised, AddressFamily: types.AddressFamilyIPv4})
	if len(advertised) == 0 || len(all) != len(advertised)+1 {
		t.Errorf("advertised IPv4 routes %v of all %v", advertised, all)
	}
	// During a failover test the sessions are down and carry nothing.
	if _, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	if got := routeCidrs(t, c, vif.VirtualInterfaceId, nil); len(got) != 0 {
		t.Errorf("routes during a failover test: %v", got)
	}
	_, err := c.ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: vif.VirtualInterfaceId, Filters: &types.RouteFilters{RouteDirection: "sideways"}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "routeDirection")
	_, err = w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}
