package console_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"

	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The world the console draws has, behind the Direct Connect gateways,
// the virtual private gateway with its VPC and the transit gateway, as
// EC2 describes them, and each interface's routes as
// ListVirtualInterfaceRoutes lists them.
func TestWorldHasTheGatewaysAndVPCsBehindAndEachInterfacesRoutes(t *testing.T) {
	w := dxsimtest.Start(t)
	n := buildNetwork(t, w)
	var world console.World
	resp, body := get(t, w.URL+"/console/api/world?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	if err := json.Unmarshal(body, &world); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("world answered %d %s (%v)", resp.StatusCode, body, err)
	}
	find := func(id string) console.Behind {
		i := slices.IndexFunc(world.Behind, func(b console.Behind) bool { return b.ID == id })
		if i < 0 {
			t.Fatalf("the world has nothing behind named %s: %+v", id, world.Behind)
		}
		return world.Behind[i]
	}
	vgw := find(n.vgw)
	if vgw.Type != dx.VirtualPrivateGateway || vgw.State != "available" || !slices.Equal(vgw.Cidrs, []string{"10.1.0.0/16"}) ||
		len(vgw.Vpcs) != 1 || vgw.Vpcs[0].VpcID != n.vpc || vgw.Vpcs[0].Attachment != "attached" {
		t.Errorf("the virtual private gateway is %+v, want available, attached to %s with 10.1.0.0/16", vgw, n.vpc)
	}
	if !strings.Contains(vgw.Record, "<vpnGatewayId>"+n.vgw+"</vpnGatewayId>") || !strings.Contains(vgw.Vpcs[0].Record, "<cidrBlock>10.1.0.0/16</cidrBlock>") {
		t.Errorf("the records are not EC2's items:\n%s\n%s", vgw.Record, vgw.Vpcs[0].Record)
	}
	tgw := find(n.tgw)
	if tgw.Type != dx.TransitGateway || tgw.State != "available" || tgw.AmazonSideAsn != 64600 || !strings.Contains(tgw.Record, "<transitGatewayId>"+n.tgw+"<") {
		t.Errorf("the transit gateway is %+v, want available with ASN 64600 and DescribeTransitGateways' item", tgw)
	}
	dc := w.Client()
	for _, v := range []string{n.privateVIF, n.transitVIF} {
		want, err := dc.ListVirtualInterfaceRoutes(context.Background(), &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: aws.String(v)})
		if err != nil {
			t.Fatal(err)
		}
		got := world.Routes[v]
		if len(got) == 0 || len(got) != len(want.Routes) {
			t.Fatalf("the world has %d routes of %s, ListVirtualInterfaceRoutes %d", len(got), v, len(want.Routes))
		}
		for i, r := range want.Routes {
			if got[i].Cidr != *r.Cidr || got[i].RouteDirection != string(r.RouteDirection) {
				t.Errorf("route %d of %s is %s %s in the world, %s %s in ListVirtualInterfaceRoutes", i, v, got[i].Cidr, got[i].RouteDirection, *r.Cidr, r.RouteDirection)
			}
		}
	}
}

// Another account's gateway is drawn without EC2's word on it: EC2
// describes a gateway only to its owner.
func TestWorldDoesNotDescribeAnotherAccountsGateway(t *testing.T) {
	w := dxsimtest.Start(t)
	ctx := context.Background()
	_, vgw := dxsimtest.AttachedVpnGateway(t, w, w.EC2For(dxsimtest.OtherAccount, dxsimtest.Region), "10.9.0.0/16", 0)
	g, err := w.Client().CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("shared")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).CreateDirectConnectGatewayAssociationProposal(ctx, &directconnect.CreateDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g.DirectConnectGateway.DirectConnectGatewayId, DirectConnectGatewayOwnerAccount: aws.String(dxsimtest.Account), GatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	props, err := w.Client().DescribeDirectConnectGatewayAssociationProposals(ctx, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{})
	if err != nil || len(props.DirectConnectGatewayAssociationProposals) != 1 {
		t.Fatalf("proposals %+v (%v)", props, err)
	}
	if _, err := w.Client().AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g.DirectConnectGateway.DirectConnectGatewayId, ProposalId: props.DirectConnectGatewayAssociationProposals[0].ProposalId,
		AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)}); err != nil {
		t.Fatal(err)
	}
	var world console.World
	_, body := get(t, w.URL+"/console/api/world?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	if err := json.Unmarshal(body, &world); err != nil {
		t.Fatal(err)
	}
	if len(world.Behind) != 1 || world.Behind[0].ID != vgw || world.Behind[0].Owner != dxsimtest.OtherAccount ||
		world.Behind[0].State != "" || world.Behind[0].Record != "" || len(world.Behind[0].Cidrs) != 0 {
		t.Errorf("behind the gateway of %s: %+v; want %s of %s, not described", dxsimtest.Account, world.Behind, vgw, dxsimtest.OtherAccount)
	}
}
