package directconnect_test

// AWS's own answers, from the aws CLI's documented examples and the Direct
// Connect user guide, where they are not covered by the example-by-example
// test (server/cliexamples_test.go).

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

func TestDeleteConnectionNeverProvisionedIsDeletedAtOnce(t *testing.T) {
	// delete-connection example: a requested connection answers deleted.
	w := dxsimtest.Start(t)
	c := w.Client()
	never := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	del, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: never.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if del.ConnectionState != types.ConnectionStateDeleted {
		t.Errorf("deleting a requested connection answered %s, want deleted", del.ConnectionState)
	}
	dxsimtest.WantConnectionState(t, c, never.ConnectionId, types.ConnectionStateDeleted)
	// A provisioned one is deleting first.
	up := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps")
	w.Provision()
	del, err = c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: up.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if del.ConnectionState != types.ConnectionStateDeleting {
		t.Errorf("deleting an available connection answered %s, want deleting", del.ConnectionState)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	dxsimtest.WantConnectionState(t, c, up.ConnectionId, types.ConnectionStateDeleted)
	// So is one whose cross-connect is on its way (pending).
	coming := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps")
	w.Clock.Advance(w.Config.Service.Timings.CrossConnect)
	dxsimtest.WantConnectionState(t, c, coming.ConnectionId, types.ConnectionStatePending)
	del, err = c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: coming.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if del.ConnectionState != types.ConnectionStateDeleting {
		t.Errorf("deleting a pending connection answered %s, want deleting", del.ConnectionState)
	}
}

func TestAssociateVirtualInterfaceSetsUpBGPAgain(t *testing.T) {
	// associate-virtual-interface example: the interface answers pending,
	// its old BGP session deleting and a new one pending with the same
	// settings; then it is available again with one peer.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	from := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Provision()
	vif, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: from.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("VIF1A"), Vlan: 123, Asn: 65000, VirtualGatewayId: aws.String(dxsimtest.Vgw(1)),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Provision()
	before := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers[0]
	moved, err := c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId, ConnectionId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if moved.VirtualInterfaceState != types.VirtualInterfaceStatePending || aws.ToString(moved.ConnectionId) != aws.ToString(lag.LagId) {
		t.Errorf("AssociateVirtualInterface answered %s on %s, want pending on %s", moved.VirtualInterfaceState, aws.ToString(moved.ConnectionId), aws.ToString(lag.LagId))
	}
	var states []string
	for _, p := range moved.BgpPeers {
		states = append(states, string(p.BgpPeerState)+"/"+string(p.BgpStatus))
		if aws.ToString(p.CustomerAddress) != aws.ToString(before.CustomerAddress) || aws.ToString(p.AuthKey) != aws.ToString(before.AuthKey) || p.Asn != before.Asn {
			t.Errorf("peer %+v does not keep the session's settings %+v", p, before)
		}
	}
	if got := strings.Join(states, " "); got != "deleting/down pending/down" {
		t.Errorf("BGP peers after the move are %q, want the old one deleting and a new one pending", got)
	}
	if !strings.Contains(aws.ToString(moved.CustomerRouterConfig), "<customer_address>"+aws.ToString(before.CustomerAddress)+"</customer_address>") {
		t.Errorf("customerRouterConfig after the move: %q", aws.ToString(moved.CustomerRouterConfig))
	}
	w.Provision()
	after := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if after.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || len(after.BgpPeers) != 1 || after.BgpPeers[0].BgpPeerState != types.BGPPeerStateAvailable {
		t.Errorf("once provisioned again the interface is %s with peers %+v", after.VirtualInterfaceState, after.BgpPeers)
	}
}

func TestAllocateVirtualInterfaceForTheConnectionOwnerIsRefused(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	before := dxsimtest.VifCount(t, c)
	_, err := c.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.Account),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("self"), Vlan: 10, Asn: 65000},
	})
	dxsimtest.WantError(t, err, dx.ClientException, "Cannot allocate VirtualInterface for the connection owner.")
	in := dxsimtest.PublicVIF(11)
	_, err = c.AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.Account),
		NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{
			VirtualInterfaceName: in.VirtualInterfaceName, Vlan: 11, Asn: 65000, RouteFilterPrefixes: in.RouteFilterPrefixes,
			AmazonAddress: in.AmazonAddress, CustomerAddress: in.CustomerAddress,
		},
	})
	dxsimtest.WantError(t, err, dx.ClientException, "Cannot allocate VirtualInterface for the connection owner.")
	_, err = c.AllocateTransitVirtualInterface(ctx, &directconnect.AllocateTransitVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.Account),
		NewTransitVirtualInterfaceAllocation: &types.NewTransitVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("self"), Vlan: 12, Asn: 65000},
	})
	dxsimtest.WantError(t, err, dx.ClientException, "Cannot allocate VirtualInterface for the connection owner.")
	if n := dxsimtest.VifCount(t, c); n != before {
		t.Errorf("refused allocations left %d interfaces, want %d", n, before)
	}
}

// quotaVIF creates a virtual interface of typ on parent with VLAN vlan.
func quotaVIF(c *directconnect.Client, parent *string, typ string, vlan int32, dxgw *string) error {
	name := aws.String(fmt.Sprintf("%s-%d", typ, vlan))
	var err error
	switch typ {
	case dx.PrivateVIF:
		_, err = c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: parent,
			NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: name, Vlan: vlan, Asn: 65000, VirtualGatewayId: aws.String(dxsimtest.Vgw(1))}})
	case dx.TransitVIF:
		_, err = c.CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: parent,
			NewTransitVirtualInterface: &types.NewTransitVirtualInterface{VirtualInterfaceName: name, Vlan: vlan, Asn: 65000, DirectConnectGatewayId: dxgw}})
	}
	return err
}

func TestVirtualInterfaceQuotasPerConnection(t *testing.T) {
	// The user guide's quotas: 50 private or public and 4 transit virtual
	// interfaces per dedicated connection, 51 in all.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	w.Provision()
	dxgw := dxsimtest.GwCreate(t, c, "transit", nil).DirectConnectGatewayId
	for vlan := int32(1); vlan <= dx.PrivatePublicVIFsPerConnection; vlan++ {
		if err := quotaVIF(c, conn, dx.PrivateVIF, vlan, nil); err != nil {
			t.Fatalf("private interface %d: %v", vlan, err)
		}
	}
	dxsimtest.WantError(t, quotaVIF(c, conn, dx.PrivateVIF, 100, nil), dx.ClientException, "50 private and public virtual interfaces", "cannot be increased")
	if err := quotaVIF(c, conn, dx.TransitVIF, 101, dxgw); err != nil {
		t.Fatalf("the 51st interface, a transit one: %v", err)
	}
	dxsimtest.WantError(t, quotaVIF(c, conn, dx.TransitVIF, 102, dxgw), dx.ClientException, "51 virtual interfaces")

	other := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	w.Provision()
	for vlan := int32(1); vlan <= dx.TransitVIFsPerConnection; vlan++ {
		if err := quotaVIF(c, other, dx.TransitVIF, vlan, dxgw); err != nil {
			t.Fatalf("transit interface %d: %v", vlan, err)
		}
	}
	dxsimtest.WantError(t, quotaVIF(c, other, dx.TransitVIF, 10, dxgw), dx.ClientException, "4 transit virtual interfaces")
	// Moving an interface onto a full connection is refused too.
	spare := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	w.Provision()
	if err := quotaVIF(c, spare, dx.TransitVIF, 20, dxgw); err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{ConnectionId: spare})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: out.VirtualInterfaces[0].VirtualInterfaceId, ConnectionId: other})
	dxsimtest.WantError(t, err, dx.ClientException, "4 transit virtual interfaces")
}

func TestVirtualInterfaceQuotaPerHostedConnection(t *testing.T) {
	// One virtual interface per hosted connection.
	w, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	dxsimtest.DownloadLoa(t, partner, ic.InterconnectId)
	hc := dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 300)
	if _, err := customer.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	w.Provision()
	if _, err := customer.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: hc.ConnectionId, NewPublicVirtualInterface: dxsimtest.PublicVIF(300)}); err != nil {
		t.Fatal(err)
	}
	second := dxsimtest.PublicVIF(300)
	second.AmazonAddress, second.CustomerAddress = aws.String("203.0.113.5/30"), aws.String("203.0.113.6/30")
	_, err := customer.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: hc.ConnectionId, NewPublicVirtualInterface: second})
	dxsimtest.WantError(t, err, dx.ClientException, "already has a virtual interface", "carries 1")
}

func TestLagQuotaPerRegion(t *testing.T) {
	// The user guide's quota: 10 LAGs per Region.
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 100 })
	c := w.Client()
	var first *string
	for i := range dx.LagsPerRegion {
		lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
		if i == 0 {
			first = lag.LagId
		}
	}
	before := dxsimtest.Counts(t, c)
	_, err := c.CreateLag(ctx, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	dxsimtest.WantError(t, err, dx.ClientException, "already has 10 LAGs", dxsimtest.Region)
	if after := dxsimtest.Counts(t, c); after != before {
		t.Errorf("a refused CreateLag changed the account: %s, then %s", before, after)
	}
	// Another Region has its own quota; a deleted LAG frees its place.
	dxsimtest.CreateLag(t, w.ClientFor(dxsimtest.Account, "us-west-2"), dxsimtest.NewLag("EqSe2-EQ", "1Gbps", 1))
	if _, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: first}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
}

func TestAllocatedInterfaceHasAmazonsASNUntilConfirmed(t *testing.T) {
	// The aws CLI's allocate-transit-virtual-interface example answers
	// amazonSideAsn 7224 and a customerRouterConfig with
	// <amazon_bgp_asn>7224</amazon_bgp_asn> for the new, unconfirmed
	// interface; allocate-private-virtual-interface shows the same
	// amazon_bgp_asn. Confirming it on a gateway gives it the gateway's ASN.
	w := dxsimtest.GwWorld(t)
	allocator, owner := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	conn := dxsimtest.ReadyConnection(t, allocator, "EqDC2", "10Gbps")
	w.Provision()
	tr, err := allocator.AllocateTransitVirtualInterface(ctx, &directconnect.AllocateTransitVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewTransitVirtualInterfaceAllocation: &types.NewTransitVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("transit"), Vlan: 126, Asn: 65110},
	})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := allocator.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("private"), Vlan: 1000, Asn: 65000},
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]types.VirtualInterface{
		"AllocateTransitVirtualInterface": *tr.VirtualInterface, "AllocatePrivateVirtualInterface": allocatedView(*pr),
		"the owner's DescribeVirtualInterfaces": dxsimtest.DescribeVIF(t, owner, tr.VirtualInterface.VirtualInterfaceId),
	} {
		if aws.ToInt64(v.AmazonSideAsn) != 7224 || !strings.Contains(aws.ToString(v.CustomerRouterConfig), "<amazon_bgp_asn>7224</amazon_bgp_asn>") {
			t.Errorf("%s: amazonSideAsn %d, customerRouterConfig %q; want 7224 in both", name, aws.ToInt64(v.AmazonSideAsn), aws.ToString(v.CustomerRouterConfig))
		}
	}
	if _, err := owner.ConfirmPrivateVirtualInterface(ctx, &directconnect.ConfirmPrivateVirtualInterfaceInput{
		VirtualInterfaceId: pr.VirtualInterfaceId, VirtualGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther)),
	}); err != nil {
		t.Fatal(err)
	}
	// Vgw(GwOther) has no ASN of its own: the default, 64512.
	if got := dxsimtest.DescribeVIF(t, owner, pr.VirtualInterfaceId); aws.ToInt64(got.AmazonSideAsn) != 64512 ||
		!strings.Contains(aws.ToString(got.CustomerRouterConfig), "<amazon_bgp_asn>64512</amazon_bgp_asn>") {
		t.Errorf("confirmed on %s: amazonSideAsn %d, customerRouterConfig %q; want the gateway's 64512", dxsimtest.Vgw(dxsimtest.GwOther), aws.ToInt64(got.AmazonSideAsn), aws.ToString(got.CustomerRouterConfig))
	}
}

// allocatedView is AllocatePrivateVirtualInterface's answer as a VirtualInterface.
func allocatedView(o directconnect.AllocatePrivateVirtualInterfaceOutput) types.VirtualInterface {
	return types.VirtualInterface{AmazonSideAsn: o.AmazonSideAsn, CustomerRouterConfig: o.CustomerRouterConfig}
}
