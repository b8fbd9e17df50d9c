package directconnect_test

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The gateways created through EC2 are the ones Direct Connect sees: a VPC
// and virtual private gateway made with the EC2 client associate with a
// Direct Connect gateway, which then allows the VPC's CIDR; the virtual
// private gateway cannot be deleted while associated.
func TestEC2GatewaysAreTheGatewaysDirectConnectSees(t *testing.T) {
	w := dxsimtest.Start(t)
	e, c := w.EC2For(dxsimtest.Account, dxsimtest.Region), w.Client()
	_, vgw := dxsimtest.AttachedVpnGateway(t, w, e, "10.5.0.0/16", 64600)
	unattached := aws.ToString(dxsimtest.CreateVpnGateway(t, e, 0).VpnGatewayId)

	vgws, err := c.DescribeVirtualGateways(ctx, &directconnect.DescribeVirtualGatewaysInput{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, g := range vgws.VirtualGateways {
		states[aws.ToString(g.VirtualGatewayId)] = aws.ToString(g.VirtualGatewayState)
	}
	if states[vgw] != "available" || states[unattached] != "pending" || len(states) != 2 {
		t.Errorf("DescribeVirtualGateways = %v, want %s available and %s pending", states, vgw, unattached)
	}

	g1 := dxsimtest.GwCreate(t, c, "with-vpc", nil).DirectConnectGatewayId
	a := dxsimtest.GwAssociate(t, c, g1, vgw)
	if got := gwPrefixString(a.AllowedPrefixesToDirectConnectGateway); got != "10.5.0.0/16" {
		t.Errorf("association of an attached gateway allows %q, want the VPC CIDR 10.5.0.0/16", got)
	}
	if a.AssociatedGateway == nil || aws.ToString(a.AssociatedGateway.OwnerAccount) != dxsimtest.Account || aws.ToString(a.AssociatedGateway.Region) != dxsimtest.Region ||
		a.AssociatedGateway.Type != dxtypes.GatewayTypeVirtualPrivateGateway {
		t.Errorf("associated gateway = %+v", a.AssociatedGateway)
	}
	// A gateway not yet attached to a VPC has no VPC CIDR to advertise.
	g2 := dxsimtest.GwCreate(t, c, "without-vpc", nil).DirectConnectGatewayId
	if got := gwPrefixString(dxsimtest.GwAssociate(t, c, g2, unattached).AllowedPrefixesToDirectConnectGateway); got != "" {
		t.Errorf("association of an unattached gateway allows %q, want nothing", got)
	}
	dxsimtest.GwSettle(w)

	_, err = e.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(vgw)})
	dxsimtest.WantError(t, err, "IncorrectState", vgw, aws.ToString(a.AssociationId), aws.ToString(g1))
	if got := dxsimtest.DescribeVpnGateway(t, e, vgw); got.State != types.VpnStateAvailable {
		t.Errorf("refused delete left the gateway %s", got.State)
	}

	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId}); err != nil {
		t.Fatal(err)
	}
	_, err = e.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(vgw)})
	dxsimtest.WantError(t, err, "IncorrectState") // still disassociating, and attached
	dxsimtest.GwSettle(w)
	if _, err := e.DetachVpnGateway(ctx, &ec2.DetachVpnGatewayInput{VpcId: dxsimtest.DescribeVpnGateway(t, e, vgw).VpcAttachments[0].VpcId, VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	if _, err := e.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Errorf("deleting a detached, disassociated gateway: %v", err)
	}
	_, err = c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g1, GatewayId: aws.String(vgw)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", vgw, "does not exist")
}

func TestEC2TransitGatewayAssociatesAndIsNotDeletedWhileAssociated(t *testing.T) {
	w := dxsimtest.Start(t)
	e, c := w.EC2For(dxsimtest.Account, dxsimtest.Region), w.Client()
	out, err := e.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(64701)}})
	if err != nil {
		t.Fatal(err)
	}
	tgw := aws.ToString(out.TransitGateway.TransitGatewayId)
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	g := dxsimtest.GwCreate(t, c, "hub", nil).DirectConnectGatewayId
	// A transit gateway's prefixes are given on its association.
	_, err = c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, GatewayId: aws.String(tgw)})
	dxsimtest.WantError(t, err, "DirectConnectClientException")
	a := dxsimtest.GwAssociate(t, c, g, tgw, "10.99.0.0/16")
	if a.AssociatedGateway.Type != dxtypes.GatewayTypeTransitGateway {
		t.Errorf("associated gateway type = %s", a.AssociatedGateway.Type)
	}
	_, err = e.DeleteTransitGateway(ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(tgw)})
	dxsimtest.WantError(t, err, "IncorrectState", "has non-deleted DirectConnect Gateway Attachments")

	// The association is the transit gateway's attachment of type
	// direct-connect-gateway, as aws_ec2_transit_gateway_dx_gateway_attachment
	// finds it.
	attachment := func() types.TransitGatewayAttachment {
		t.Helper()
		out, err := e.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{Filters: []types.Filter{
			dxsimtest.EC2Filter("resource-type", "direct-connect-gateway"), dxsimtest.EC2Filter("resource-id", aws.ToString(g)), dxsimtest.EC2Filter("transit-gateway-id", tgw)}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.TransitGatewayAttachments) != 1 {
			t.Fatalf("DescribeTransitGatewayAttachments answered %d attachments", len(out.TransitGatewayAttachments))
		}
		return out.TransitGatewayAttachments[0]
	}
	att := attachment()
	if att.State != types.TransitGatewayAttachmentStatePending || aws.ToString(att.ResourceOwnerId) != dxsimtest.Account ||
		att.Association == nil || aws.ToString(att.Association.TransitGatewayRouteTableId) != aws.ToString(out.TransitGateway.Options.AssociationDefaultRouteTableId) {
		t.Errorf("attachment while associating = %+v", att)
	}
	if !regexp.MustCompile(`^tgw-attach-[0-9a-f]{17}$`).MatchString(aws.ToString(att.TransitGatewayAttachmentId)) {
		t.Errorf("attachment ID %s", aws.ToString(att.TransitGatewayAttachmentId))
	}
	dxsimtest.GwSettle(w)
	if got := attachment(); got.State != types.TransitGatewayAttachmentStateAvailable || aws.ToString(got.TransitGatewayAttachmentId) != aws.ToString(att.TransitGatewayAttachmentId) {
		t.Errorf("attachment once associated = %s %s", aws.ToString(got.TransitGatewayAttachmentId), got.State)
	}
	_, err = e.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{TransitGatewayAttachmentIds: []string{"tgw-attach-0123456789abcdef0"}})
	dxsimtest.WantError(t, err, "InvalidTransitGatewayAttachmentID.NotFound")
	_, err = e.ModifyTransitGateway(ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: aws.String(tgw), Options: &types.ModifyTransitGatewayOptions{AmazonSideAsn: aws.Int64(64702)}})
	dxsimtest.WantError(t, err, "IncorrectState", "ASN")
}

// A private virtual interface attaches straight to an EC2 virtual private
// gateway, with its ASN, and keeps the gateway from being deleted.
func TestPrivateVirtualInterfaceOnAnEC2VirtualPrivateGateway(t *testing.T) {
	w := dxsimtest.Start(t)
	e, c := w.EC2For(dxsimtest.Account, dxsimtest.Region), w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	w.Provision()
	_, vgw := dxsimtest.AttachedVpnGateway(t, w, e, "10.7.0.0/16", 64610)
	out, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn,
		NewPrivateVirtualInterface: &dxtypes.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("to-vgw"), Vlan: 101, Asn: 65000, VirtualGatewayId: aws.String(vgw)}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.VirtualGatewayId) != vgw || out.AmazonSideAsn == nil || *out.AmazonSideAsn != 64610 {
		t.Errorf("virtual interface: gateway %s, Amazon side ASN %v; want %s and 64610", aws.ToString(out.VirtualGatewayId), out.AmazonSideAsn, vgw)
	}
	// Once BGP is up, Amazon advertises the VPC's CIDR on it.
	w.Provision()
	if got := routeCidrs(t, c, out.VirtualInterfaceId, &dxtypes.RouteFilters{RouteDirection: "advertised"}); len(got) != 1 || got[0] != "advertised 10.7.0.0/16" {
		t.Errorf("advertised routes = %v, want the VPC CIDR 10.7.0.0/16", got)
	}
	_, err = e.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(vgw)})
	dxsimtest.WantError(t, err, "IncorrectState", aws.ToString(out.VirtualInterfaceId))
	_, err = c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn,
		NewPrivateVirtualInterface: &dxtypes.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("nowhere"), Vlan: 102, Asn: 65000, VirtualGatewayId: aws.String("vgw-0123456789abcdef0")}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "vgw-0123456789abcdef0", "does not exist")
}

// The owner of an EC2 virtual private gateway proposes it to another
// account's Direct Connect gateway, whose owner accepts.
func TestProposalOfAnEC2VirtualPrivateGateway(t *testing.T) {
	w := dxsimtest.Start(t)
	owner := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	_, vgw := dxsimtest.AttachedVpnGateway(t, w, w.EC2For(dxsimtest.OtherAccount, dxsimtest.Region), "10.8.0.0/16", 0)
	g := dxsimtest.GwCreate(t, w.Client(), "shared", nil).DirectConnectGatewayId
	p := gwPropose(t, owner, g, dxsimtest.Account, vgw, []string{"10.8.0.0/16"}, nil)
	out, err := w.Client().AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)})
	if err != nil {
		t.Fatal(err)
	}
	if a := out.DirectConnectGatewayAssociation; aws.ToString(a.AssociatedGateway.Id) != vgw || aws.ToString(a.AssociatedGateway.OwnerAccount) != dxsimtest.OtherAccount {
		t.Errorf("accepted association = %+v", a.AssociatedGateway)
	}
}

// aws_dx_gateway_association made by accepting a cross-account proposal
// (TestAccDirectConnectGatewayAssociation_basicTransitGatewayCrossAccount,
// TestAccDirectConnectGatewayAssociationProposal_endOfLifeTgw): the
// accepter, who owns the Direct Connect gateway, reads
// transit_gateway_attachment_id with its own EC2 client
// (gateway_association.go findTransitGatewayAttachmentForDxGateway:
// resource-type direct-connect-gateway, resource-id, transit-gateway-id)
// and fails on "empty result" when EC2 shows the attachment only to the
// transit gateway's owner. EC2 shows it to both accounts: the provider's
// acceptance test checks the attribute is set in the accepter's state.
func TestEC2TransitGatewayAttachmentOfAnAcceptedProposalIsSeenByBothAccounts(t *testing.T) {
	w := dxsimtest.Start(t)
	creator, accepter := w.EC2For(dxsimtest.OtherAccount, dxsimtest.Region), w.EC2For(dxsimtest.Account, dxsimtest.Region)
	tgwOut, err := creator.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{})
	if err != nil {
		t.Fatal(err)
	}
	tgw := aws.ToString(tgwOut.TransitGateway.TransitGatewayId)
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	g := dxsimtest.GwCreate(t, w.Client(), "accepter", aws.Int64(64600)).DirectConnectGatewayId
	p := gwPropose(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), g, dxsimtest.Account, tgw, []string{"10.255.255.0/30", "10.255.255.8/30"}, nil)
	acc, err := w.Client().AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)})
	if err != nil {
		t.Fatal(err)
	}
	dxsimtest.GwSettle(w)

	providerFilters := []types.Filter{dxsimtest.EC2Filter("resource-type", "direct-connect-gateway"),
		dxsimtest.EC2Filter("resource-id", aws.ToString(g)), dxsimtest.EC2Filter("transit-gateway-id", tgw)}
	attachments := func(c *ec2.Client) []types.TransitGatewayAttachment {
		t.Helper()
		out, err := c.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{Filters: providerFilters})
		if err != nil {
			t.Fatal(err)
		}
		return out.TransitGatewayAttachments
	}
	mine, theirs := attachments(accepter), attachments(creator)
	if len(mine) != 1 || len(theirs) != 1 {
		t.Fatalf("the Direct Connect gateway's owner sees %d attachments, the transit gateway's owner %d; want 1 each", len(mine), len(theirs))
	}
	a := mine[0]
	if aws.ToString(a.TransitGatewayAttachmentId) != aws.ToString(theirs[0].TransitGatewayAttachmentId) || a.State != types.TransitGatewayAttachmentStateAvailable ||
		aws.ToString(a.ResourceOwnerId) != dxsimtest.Account || aws.ToString(a.TransitGatewayOwnerId) != dxsimtest.OtherAccount ||
		a.ResourceType != types.TransitGatewayAttachmentResourceTypeDirectConnectGateway {
		t.Errorf("accepter's attachment %+v, creator's %+v", a, theirs[0])
	}
	// Only the two accounts see it, and only in the transit gateway's Region.
	if got := attachments(w.EC2For("777788889999", dxsimtest.Region)); len(got) != 0 {
		t.Errorf("a third account sees %d attachments", len(got))
	}
	if got := attachments(w.EC2For(dxsimtest.Account, "us-west-2")); len(got) != 0 {
		t.Errorf("the accepter sees %d attachments in another Region", len(got))
	}
	out, err := accepter.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{TransitGatewayAttachmentIds: []string{aws.ToString(a.TransitGatewayAttachmentId)}})
	if err != nil || len(out.TransitGatewayAttachments) != 1 {
		t.Errorf("the accepter describing the attachment by ID: %+v, %v", out, err)
	}

	// Disassociated, the attachment is deleted for both.
	if _, err := w.Client().DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{
		AssociationId: acc.DirectConnectGatewayAssociation.AssociationId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.GwSettle(w)
	for who, c := range map[string]*ec2.Client{"accepter": accepter, "creator": creator} {
		if got := attachments(c); len(got) != 1 || got[0].State != types.TransitGatewayAttachmentStateDeleted {
			t.Errorf("%s after disassociation: %+v", who, got)
		}
	}
}
