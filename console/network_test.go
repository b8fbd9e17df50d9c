package console_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/dxsim/dxsim/dxsimtest"
)

// network is a world with a LAG of two members carrying a private and a
// transit interface; the private one reaches a VPC through a Direct
// Connect gateway and a virtual private gateway, the transit one a transit
// gateway through another Direct Connect gateway (one gateway takes either
// kind, not both).
type network struct {
	lag, device, vpc, vgw, tgw     string
	members                        []string
	privateVIF, transitVIF         string
	privateGW, transitGW, tgwAssoc string
}

func buildNetwork(t *testing.T, w *dxsimtest.World) network {
	t.Helper()
	ctx := context.Background()
	dc, e := w.Client(), w.EC2For(dxsimtest.Account, dxsimtest.Region)
	lag := dxsimtest.CreateLag(t, dc, &directconnect.CreateLagInput{LagName: aws.String("core"), Location: aws.String("EqDC2"),
		ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 2})
	dxsimtest.DownloadLoa(t, dc, lag.LagId)
	n := network{lag: *lag.LagId, device: *lag.AwsDevice, members: []string{*lag.Connections[0].ConnectionId, *lag.Connections[1].ConnectionId}}
	n.vpc, n.vgw = dxsimtest.AttachedVpnGateway(t, w, e, "10.1.0.0/16", 0)
	tgw, err := e.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Description: aws.String("core"),
		Options: &ec2types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(64600)}})
	if err != nil {
		t.Fatal(err)
	}
	n.tgw = *tgw.TransitGateway.TransitGatewayId
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	gateway := func(name, target string, prefixes ...string) (string, string) {
		g, err := dc.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		in := &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g.DirectConnectGateway.DirectConnectGatewayId, GatewayId: aws.String(target)}
		for _, p := range prefixes {
			in.AddAllowedPrefixesToDirectConnectGateway = append(in.AddAllowedPrefixesToDirectConnectGateway, types.RouteFilterPrefix{Cidr: aws.String(p)})
		}
		a, err := dc.CreateDirectConnectGatewayAssociation(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return *g.DirectConnectGateway.DirectConnectGatewayId, *a.DirectConnectGatewayAssociation.AssociationId
	}
	n.privateGW, _ = gateway("to-vpc", n.vgw)
	n.transitGW, n.tgwAssoc = gateway("to-tgw", n.tgw, "10.2.0.0/16")
	vif, err := dc.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: lag.LagId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("private"), Vlan: 100, Asn: 65000,
			DirectConnectGatewayId: aws.String(n.privateGW)}})
	if err != nil {
		t.Fatal(err)
	}
	n.privateVIF = *vif.VirtualInterfaceId
	tvif, err := dc.CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: lag.LagId,
		NewTransitVirtualInterface: &types.NewTransitVirtualInterface{VirtualInterfaceName: aws.String("transit"), Vlan: 200, Asn: 65000,
			DirectConnectGatewayId: aws.String(n.transitGW)}})
	if err != nil {
		t.Fatal(err)
	}
	n.transitVIF = *tvif.VirtualInterface.VirtualInterfaceId
	w.Provision()
	w.Provision()
	return n
}
