package directconnect_test

// The contract the Terraform AWS provider (hashicorp/terraform-provider-aws,
// internal/service/directconnect) relies on: the errors and message
// substrings it reads as "gone", the empty lists it expects for unknown IDs,
// the states its waiters poll for, and the fields it reads back. Each test
// names the provider file and function whose behaviour it protects.

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// lagStatus is lag.go statusLag.
func lagStatus(t *testing.T, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: id})
		if err != nil {
			dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID "+aws.ToString(id))
			return ""
		}
		if len(out.Lags) != 1 {
			t.Fatalf("DescribeLags(%s) listed %d LAGs", aws.ToString(id), len(out.Lags))
		}
		if s := out.Lags[0].LagState; s != types.LagStateDeleted {
			return string(s)
		}
		return ""
	}
}

// vifStatus is vif.go statusVirtualInterface: any error is fatal, an empty
// list or state deleted is gone.
func vifStatus(t *testing.T, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: id})
		if err != nil {
			t.Fatalf("DescribeVirtualInterfaces(%s): %v", aws.ToString(id), err)
		}
		if len(out.VirtualInterfaces) == 0 {
			return ""
		}
		if s := out.VirtualInterfaces[0].VirtualInterfaceState; s != types.VirtualInterfaceStateDeleted {
			return string(s)
		}
		return ""
	}
}

// gatewayStatus is gateway.go statusGateway.
func gatewayStatus(t *testing.T, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: id})
		if err != nil {
			t.Fatalf("DescribeDirectConnectGateways(%s): %v", aws.ToString(id), err)
		}
		if len(out.DirectConnectGateways) == 0 {
			return ""
		}
		if s := out.DirectConnectGateways[0].DirectConnectGatewayState; s != types.DirectConnectGatewayStateDeleted {
			return string(s)
		}
		return ""
	}
}

// associationStatus is gateway_association.go statusGatewayAssociation.
func associationStatus(t *testing.T, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeDirectConnectGatewayAssociations(ctx, &directconnect.DescribeDirectConnectGatewayAssociationsInput{AssociationId: id})
		if err != nil {
			t.Fatalf("DescribeDirectConnectGatewayAssociations(%s): %v", aws.ToString(id), err)
		}
		if len(out.DirectConnectGatewayAssociations) == 0 {
			return ""
		}
		if s := out.DirectConnectGatewayAssociations[0].AssociationState; s != types.DirectConnectGatewayAssociationStateDisassociated {
			return string(s)
		}
		return ""
	}
}

var (
	connectionDeletePending = []string{"pending", "ordering", "available", "requested", "deleting"}
	vifDeletePending        = []string{"available", "confirming", "deleting", "down", "pending", "rejected", "verifying"}
	gone                    = []string{}
)

func TestProviderConnectionNotFoundOnRefresh(t *testing.T) {
	// connection.go findConnections, deleteConnection: "Could not find
	// Connection with ID" means gone, for a missing ID and for another
	// account's connection alike.
	w := dxsimtest.Start(t)
	c := w.Client()
	theirs := dxsimtest.CreateConnection(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), "EqDC2", "1Gbps")
	for _, id := range []string{"dxcon-fgaaaaaa", aws.ToString(theirs.ConnectionId)} {
		_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID "+id)
		_, err = c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID "+id)
		_, err = c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: aws.String(id), ConnectionName: aws.String("x")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID "+id)
	}
}

func TestProviderConnectionDeleteWaiterEnds(t *testing.T) {
	// connection.go waitConnectionDeleted: 10 minutes, target gone.
	w := dxsimtest.Start(t)
	c := w.Client()
	for _, provisioned := range []bool{false, true} {
		conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
		if provisioned {
			dxsimtest.DownloadLoa(t, c, conn.ConnectionId)
			w.Provision()
		}
		if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId}); err != nil {
			t.Fatal(err)
		}
		dxsimtest.WaitLike(t, w, 10*time.Minute, connectionDeletePending, gone, dxsimtest.ConnectionStatus(t, c, conn.ConnectionId))
		// Deleting it again is "already gone" to the provider.
		_, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID")
	}
}

func TestProviderConnectionReadsItsFields(t *testing.T) {
	// connection.go resourceConnectionRead builds the ARN from region and
	// ownerAccount and reads these fields.
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId)
	if aws.ToString(got.Region) != dxsimtest.Region || aws.ToString(got.OwnerAccount) != dxsimtest.Account ||
		aws.ToString(got.AwsDeviceV2) == "" || got.HasLogicalRedundancy == "" || got.JumboFrameCapable == nil ||
		aws.ToString(got.Location) != "EqDC2" || got.MacSecCapable == nil || aws.ToString(got.ConnectionName) == "" ||
		aws.ToString(got.Bandwidth) != "10Gbps" {
		t.Errorf("connection lacks a field the provider reads: %+v", got)
	}
}

func TestProviderLagNotFoundOnRefresh(t *testing.T) {
	// lag.go findLags, resourceLagDelete: "Could not find Lag with ID".
	w := dxsimtest.Start(t)
	c := w.Client()
	theirs := dxsimtest.CreateLag(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	for _, id := range []string{"dxlag-fgaaaaaa", aws.ToString(theirs.LagId)} {
		_, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID "+id)
		_, err = c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID "+id)
		_, err = c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: aws.String(id), LagName: aws.String("x")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID "+id)
	}
}

func TestProviderLagCreateAndDeleteWaiters(t *testing.T) {
	// lag.go resourceLagCreate deletes the connection CreateLag made with
	// waitConnectionDeleted, then resourceLagDelete waits with
	// waitLagDeleted (10 minutes, target gone).
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	if len(lag.Connections) != 1 {
		t.Fatalf("CreateLag answered %d connections", len(lag.Connections))
	}
	member := lag.Connections[0].ConnectionId
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: member}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, connectionDeletePending, gone, dxsimtest.ConnectionStatus(t, c, member))
	got := dxsimtest.DescribeLag(t, c, lag.LagId)
	if aws.ToString(got.Region) != dxsimtest.Region || aws.ToString(got.OwnerAccount) != dxsimtest.Account ||
		got.HasLogicalRedundancy == "" || got.JumboFrameCapable == nil || got.MacSecCapable == nil || aws.ToString(got.ConnectionsBandwidth) != "10Gbps" {
		t.Errorf("LAG lacks a field the provider reads: %+v", got)
	}
	if _, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"available", "requested", "pending", "deleting"}, gone, lagStatus(t, c, lag.LagId))
}

func TestProviderConnectionAssociationGone(t *testing.T) {
	// connection_association.go deleteConnectionLAGAssociation: "Connection
	// does not exist" or "Lag does not exist" means already disassociated.
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	_, err := c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: aws.String("dxcon-fgaaaaaa"), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Connection does not exist")
	_, err = c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: conn.ConnectionId, LagId: aws.String("dxlag-fgaaaaaa")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Lag does not exist")
}

func TestProviderHostedConnectionOnLagHasLagID(t *testing.T) {
	// hosted_connection.go resourceHostedConnectionRead sets lag_id from
	// DescribeHostedConnections; waitHostedConnectionDeleted ends when the
	// connection is gone.
	w, partner, customer, _ := dxsimtest.StartPartners(t)
	lag := dxsimtest.CreateLag(t, partner, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	dxsimtest.DownloadLoa(t, partner, lag.LagId)
	w.Provision()
	hc := dxsimtest.Allocate(t, partner, lag.LagId, "500Mbps", 10)
	if aws.ToString(hc.LagId) != aws.ToString(lag.LagId) {
		t.Errorf("AllocateHostedConnection on a LAG answered lagId %q, want %s", aws.ToString(hc.LagId), aws.ToString(lag.LagId))
	}
	out, err := partner.DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Connections) != 1 || aws.ToString(out.Connections[0].LagId) != aws.ToString(lag.LagId) {
		t.Errorf("DescribeHostedConnections of a LAG: %+v, want lagId %s", out.Connections, aws.ToString(lag.LagId))
	}
	// findHostedConnections: a parent that is gone is "Could not find
	// Connection with ID".
	_, err = partner.DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: aws.String("dxcon-fgaaaaaa")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID dxcon-fgaaaaaa")
	// Moved onto the LAG from an interconnect, it carries the LAG's ID too.
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	moved := dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 20)
	if moved.LagId != nil {
		t.Errorf("hosted connection on an interconnect outside LAGs has lagId %q", aws.ToString(moved.LagId))
	}
	assoc, err := partner.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: moved.ConnectionId, ParentConnectionId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(assoc.LagId) != aws.ToString(lag.LagId) {
		t.Errorf("AssociateHostedConnection onto a LAG answered lagId %q, want %s", aws.ToString(assoc.LagId), aws.ToString(lag.LagId))
	}
	// connection_confirmation.go waitConnectionConfirmed: ordering, then
	// pending, then available within 10 minutes.
	if _, err := customer.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending", "ordering", "requested"}, []string{"available"}, dxsimtest.ConnectionStatus(t, customer, hc.ConnectionId))
	if _, err := partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: hc.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, connectionDeletePending, gone, dxsimtest.ConnectionStatus(t, partner, hc.ConnectionId))
}

func TestProviderVirtualInterfaceUnknownIsAnEmptyList(t *testing.T) {
	// vif.go findVirtualInterfaces treats any error as fatal, so an unknown
	// ID must answer an empty list; virtualInterfaceDelete reads "does not
	// exist" as already deleted.
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), "EqDC2", "10Gbps")
	theirs := dxsimtest.CreatePublicVIF(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), conn.ConnectionId, 10)
	for _, id := range []string{"dxvif-fgaaaaaa", aws.ToString(theirs.VirtualInterfaceId)} {
		out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: aws.String(id)})
		if err != nil || len(out.VirtualInterfaces) != 0 {
			t.Errorf("DescribeVirtualInterfaces(%s) = %v, %v; want an empty list", id, out, err)
		}
		_, err = c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	}
}

func TestProviderVirtualInterfaceWaiters(t *testing.T) {
	// private_virtual_interface.go and public_virtual_interface.go wait
	// from pending (and verifying) to available or down within 10 minutes;
	// vif.go waitVirtualInterfaceDeleted until gone.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	w.Provision()
	dxgw := dxsimtest.GwCreate(t, c, "gw", nil)
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available"}, gatewayStatus(t, c, dxgw.DirectConnectGatewayId))
	private := dxsimtest.GwPrivateVIF(t, c, conn.ConnectionId, dxgw.DirectConnectGatewayId, 10)
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available", "down"}, vifStatus(t, c, private))
	public := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 11).VirtualInterfaceId
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending", "verifying"}, []string{"available", "down"}, vifStatus(t, c, public))
	for _, id := range []*string{private, public} {
		if _, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: id}); err != nil {
			t.Fatal(err)
		}
		dxsimtest.WaitLike(t, w, 10*time.Minute, vifDeletePending, gone, vifStatus(t, c, id))
	}
}

func TestProviderHostedVirtualInterfaceAccepterWaiters(t *testing.T) {
	// hosted_private_virtual_interface.go waits for available, confirming
	// or down; hosted_private_virtual_interface_accepter.go, after
	// ConfirmPrivateVirtualInterface, from confirming or pending to
	// available or down.
	w := dxsimtest.GwWorld(t)
	owner, other := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	conn := dxsimtest.ReadyConnection(t, owner, "EqDC2", "10Gbps")
	w.Provision()
	out, err := owner.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("hosted"), Vlan: 30, Asn: 65000},
	})
	if err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available", "confirming", "down"}, vifStatus(t, owner, out.VirtualInterfaceId))
	if _, err := other.ConfirmPrivateVirtualInterface(ctx, &directconnect.ConfirmPrivateVirtualInterfaceInput{
		VirtualInterfaceId: out.VirtualInterfaceId, VirtualGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther)),
	}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"confirming", "pending"}, []string{"available", "down"}, vifStatus(t, other, out.VirtualInterfaceId))

	// hosted_public_virtual_interface_accepter.go: confirming or pending
	// to available, down or verifying.
	in := dxsimtest.PublicVIF(31)
	pub, err := owner.AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{VirtualInterfaceName: in.VirtualInterfaceName, Vlan: 31, Asn: 65000,
			AmazonAddress: in.AmazonAddress, CustomerAddress: in.CustomerAddress, RouteFilterPrefixes: in.RouteFilterPrefixes},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: pub.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"confirming", "pending"}, []string{"available", "down", "verifying"}, vifStatus(t, other, pub.VirtualInterfaceId))

	// hosted_transit_virtual_interface_accepter.go: confirming or pending
	// to available or down, on the accepter's Direct Connect gateway.
	tr, err := owner.AllocateTransitVirtualInterface(ctx, &directconnect.AllocateTransitVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewTransitVirtualInterfaceAllocation: &types.NewTransitVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("transit"), Vlan: 32, Asn: 65000},
	})
	if err != nil {
		t.Fatal(err)
	}
	dxgw := dxsimtest.GwCreate(t, other, "accepter", nil)
	dxsimtest.GwSettle(w)
	if _, err := other.ConfirmTransitVirtualInterface(ctx, &directconnect.ConfirmTransitVirtualInterfaceInput{
		VirtualInterfaceId: tr.VirtualInterface.VirtualInterfaceId, DirectConnectGatewayId: dxgw.DirectConnectGatewayId,
	}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"confirming", "pending"}, []string{"available", "down"}, vifStatus(t, other, tr.VirtualInterface.VirtualInterfaceId))
}

func TestProviderGatewayDeletedIsListedAsDeleted(t *testing.T) {
	// gateway.go: waitGatewayDeleted ends on state deleted or an empty
	// list; an unknown ID answers an empty list; DeleteDirectConnectGateway
	// of an unknown one answers "does not exist".
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "gw", nil)
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available"}, gatewayStatus(t, c, g.DirectConnectGatewayId))
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g.DirectConnectGatewayId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending", "available", "deleting"}, gone, gatewayStatus(t, c, g.DirectConnectGatewayId))
	out, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: g.DirectConnectGatewayId})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.DirectConnectGateways) != 1 || out.DirectConnectGateways[0].DirectConnectGatewayState != types.DirectConnectGatewayStateDeleted {
		t.Errorf("a deleted gateway is listed as %+v, want state deleted", out.DirectConnectGateways)
	}
	// Well-formed and unknown: the documentation's 5f294f92-...-9b0bexample
	// is not a UUID, and a malformed ID is refused (ids_test.go).
	unknown := "5f294f92-bafb-4011-916d-9b0b4b5e3f2a"
	out, err = c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: aws.String(unknown)})
	if err != nil || len(out.DirectConnectGateways) != 0 {
		t.Errorf("DescribeDirectConnectGateways(unknown) = %v, %v; want an empty list", out, err)
	}
	for _, id := range []string{unknown, aws.ToString(g.DirectConnectGatewayId)} {
		_, err = c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: aws.String(id)})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	}
}

func TestProviderGatewayAssociationUnknownIsAnEmptyList(t *testing.T) {
	// gateway_association.go: waitGatewayAssociationCreated (associating ->
	// associated), waitGatewayAssociationUpdated (updating -> associated),
	// waitGatewayAssociationDeleted (disassociating -> gone); unknown IDs
	// and pairs answer empty lists; delete of an unknown one answers "does
	// not exist".
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "gw", nil)
	dxsimtest.GwSettle(w)
	a := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Vgw(1))
	dxsimtest.WaitLike(t, w, 30*time.Minute, []string{"associating"}, []string{"associated"}, associationStatus(t, c, a.AssociationId))
	if _, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{
		AssociationId: a.AssociationId, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.1.0.0/24"),
	}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 30*time.Minute, []string{"updating"}, []string{"associated"}, associationStatus(t, c, a.AssociationId))
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 30*time.Minute, []string{"disassociating"}, gone, associationStatus(t, c, a.AssociationId))

	unknown := "e5f4f4d4-0000-4000-8000-000000000000"
	for _, in := range []*directconnect.DescribeDirectConnectGatewayAssociationsInput{
		{AssociationId: aws.String(unknown)},
		{DirectConnectGatewayId: g.DirectConnectGatewayId, AssociatedGatewayId: aws.String(dxsimtest.Vgw(2))},
		{DirectConnectGatewayId: g.DirectConnectGatewayId, VirtualGatewayId: aws.String(dxsimtest.Vgw(2))},
	} {
		out, err := c.DescribeDirectConnectGatewayAssociations(ctx, in)
		if err != nil || len(out.DirectConnectGatewayAssociations) != 0 {
			t.Errorf("DescribeDirectConnectGatewayAssociations(%+v) = %v, %v; want an empty list", in, out, err)
		}
	}
	_, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: aws.String(unknown)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}

func TestProviderGatewayAssociationProposalNotFound(t *testing.T) {
	// gateway_association_proposal.go resourceGatewayAssociationProposalDelete:
	// "is not found" means already gone.
	w := dxsimtest.GwWorld(t)
	unknown := aws.String("c2ede9b4-bbc6-4d33-923c-bc4fe2f4d1a7") // well-formed; the documentation's ...-bc4feEXAMPLE is not a UUID
	_, err := w.Client().DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{
		ProposalId: unknown,
	})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "is not found")
	// gateway_association_proposal.go FindGatewayAssociationProposalByID
	// treats any error as fatal: an unknown ID lists nothing.
	out, err := w.Client().DescribeDirectConnectGatewayAssociationProposals(ctx, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{
		ProposalId: unknown,
	})
	if err != nil || len(out.DirectConnectGatewayAssociationProposals) != 0 {
		t.Errorf("DescribeDirectConnectGatewayAssociationProposals(unknown) = %v, %v; want an empty list", out, err)
	}
}

func TestProviderBGPPeerLastCannotBeDeleted(t *testing.T) {
	// bgp_peer.go resourceBGPPeerDelete reads "The last BGP Peer on a
	// Virtual Interface cannot be deleted" as already gone; its create
	// waiter goes from pending to available or verifying, its delete waiter
	// to deleted (or the peer no longer listed).
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	w.Provision()
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 10)
	w.Provision()
	first := vif.BgpPeers[0]
	_, err := c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, BgpPeerId: first.BgpPeerId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "The last BGP Peer on a Virtual Interface cannot be deleted")

	added, err := c.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{
		VirtualInterfaceId: vif.VirtualInterfaceId,
		NewBGPPeer:         &types.NewBGPPeer{Asn: 65001, AddressFamily: types.AddressFamilyIPv6},
	})
	if err != nil {
		t.Fatal(err)
	}
	// bgpPeerStateRefresh finds the peer by address family and ASN; a peer
	// no longer listed is deleted.
	peerState := func() string {
		for _, p := range dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers {
			if p.AddressFamily == types.AddressFamilyIPv6 && p.Asn == 65001 {
				return string(p.BgpPeerState)
			}
		}
		return "deleted"
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available", "verifying"}, peerState)
	// resourceBGPPeerDelete names the peer by ASN and customer address.
	var addr *string
	for _, p := range added.VirtualInterface.BgpPeers {
		if p.AddressFamily == types.AddressFamilyIPv6 {
			addr = p.CustomerAddress
		}
	}
	if _, err := c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, Asn: 65001, CustomerAddress: addr}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"available", "deleting", "pending", "verifying"}, []string{"deleted"}, peerState)

	// TestAccDirectConnectBGPPeer_disappears deletes the peer out of band,
	// then destroys without a refresh: resourceBGPPeerDelete deletes it
	// again, and that succeeds on AWS (the test ends cleanly there). A
	// peer that never was is still refused.
	again, err := c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, Asn: 65001, CustomerAddress: addr})
	if err != nil {
		t.Fatalf("deleting a deleted BGP peer again: %v", err)
	}
	if n := len(again.VirtualInterface.BgpPeers); n != 1 {
		t.Errorf("after deleting a deleted peer again the interface lists %d peers, want its 1", n)
	}
	_, err = c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, Asn: 65002, CustomerAddress: addr})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "has no BGP peer with ASN 65002")
}

func TestProviderMacSecKeyAssociationReadsItsKey(t *testing.T) {
	// macsec_key_association.go: the create takes the secret ARN from the
	// last of AssociateMacSecKey's macSecKeys; the read finds the key by
	// secret ARN in DescribeConnections and reads ckn, secretARN, startOn
	// and state.
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	out := dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	arn := out.MacSecKeys[len(out.MacSecKeys)-1].SecretARN
	if aws.ToString(arn) == "" {
		t.Fatalf("AssociateMacSecKey answered keys without a secret ARN: %+v", out.MacSecKeys)
	}
	var found *types.MacSecKey
	for _, k := range dxsimtest.DescribeConnection(t, c, conn.ConnectionId).MacSecKeys {
		if aws.ToString(k.SecretARN) == aws.ToString(arn) {
			found = &k
		}
	}
	if found == nil || aws.ToString(found.Ckn) != dxsimtest.MacsecCkn || aws.ToString(found.State) == "" || found.StartOn == nil {
		t.Errorf("the key as the provider reads it: %+v", found)
	}
}

func TestProviderVirtualInterfaceReadsItsFields(t *testing.T) {
	// private_virtual_interface.go (and the other *_virtual_interface.go
	// files) build the ARN from region and ownerAccount and read these
	// fields after create and on refresh; bgp_peer.go reads its peer's.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	w.Provision()
	dxgw := dxsimtest.GwCreate(t, c, "gw", aws.Int64(64600))
	dxsimtest.GwSettle(w)
	id := dxsimtest.GwPrivateVIF(t, c, conn.ConnectionId, dxgw.DirectConnectGatewayId, 10)
	v := dxsimtest.DescribeVIF(t, c, id)
	if aws.ToString(v.Region) != dxsimtest.Region || aws.ToString(v.OwnerAccount) != dxsimtest.Account || aws.ToString(v.AwsDeviceV2) == "" ||
		v.AddressFamily == "" || aws.ToString(v.AmazonAddress) == "" || aws.ToString(v.CustomerAddress) == "" || v.AmazonSideAsn == nil ||
		*v.AmazonSideAsn != 64600 || v.Asn == 0 || aws.ToString(v.AuthKey) == "" || aws.ToString(v.DirectConnectGatewayId) != aws.ToString(dxgw.DirectConnectGatewayId) ||
		v.JumboFrameCapable == nil || v.Mtu == nil || aws.ToString(v.VirtualInterfaceName) == "" || v.SiteLinkEnabled == nil || v.Vlan != 10 ||
		v.VirtualGatewayId == nil || aws.ToString(v.ConnectionId) != aws.ToString(conn.ConnectionId) {
		t.Errorf("interface lacks a field the provider reads: %+v", v)
	}
	if len(v.BgpPeers) != 1 {
		t.Fatalf("interface has %d peers", len(v.BgpPeers))
	}
	p := v.BgpPeers[0]
	if aws.ToString(p.BgpPeerId) == "" || aws.ToString(p.AmazonAddress) == "" || aws.ToString(p.CustomerAddress) == "" ||
		aws.ToString(p.AuthKey) == "" || p.BgpStatus == "" || aws.ToString(p.AwsDeviceV2) == "" || p.AddressFamily == "" {
		t.Errorf("BGP peer lacks a field bgp_peer.go reads: %+v", p)
	}
	// gateway.go reads amazonSideAsn, name and owner; gateway_association.go
	// the association ID, the associated gateway and its allowed prefixes.
	g := gwDescribe(t, c, dxgw.DirectConnectGatewayId)
	if g.AmazonSideAsn == nil || *g.AmazonSideAsn != 64600 || aws.ToString(g.DirectConnectGatewayName) != "gw" || aws.ToString(g.OwnerAccount) != dxsimtest.Account {
		t.Errorf("gateway lacks a field the provider reads: %+v", g)
	}
	a := dxsimtest.GwAssociate(t, c, dxgw.DirectConnectGatewayId, dxsimtest.Vgw(1))
	got := gwAssociation(t, c, a.AssociationId)
	if aws.ToString(got.AssociationId) == "" || got.AssociatedGateway == nil || aws.ToString(got.AssociatedGateway.Id) != dxsimtest.Vgw(1) ||
		got.AssociatedGateway.Type == "" || aws.ToString(got.AssociatedGateway.OwnerAccount) != dxsimtest.Account ||
		aws.ToString(got.DirectConnectGatewayOwnerAccount) != dxsimtest.Account || len(got.AllowedPrefixesToDirectConnectGateway) == 0 {
		t.Errorf("association lacks a field the provider reads: %+v", got)
	}
}

func TestProviderRefreshAfterTheRetentionSeesEverythingGone(t *testing.T) {
	// The plan after a destroy, once deleted resources are no longer
	// listed: connection.go and lag.go read "Could not find ... with ID",
	// vif.go, gateway.go and gateway_association.go an empty list.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	w.Provision()
	dxgw := dxsimtest.GwCreate(t, c, "gw", nil)
	dxsimtest.GwSettle(w)
	vif := dxsimtest.GwPrivateVIF(t, c, conn.ConnectionId, dxgw.DirectConnectGatewayId, 10)
	a := dxsimtest.GwAssociate(t, c, dxgw.DirectConnectGatewayId, dxsimtest.Vgw(1))
	w.Provision()
	if _, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vif}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId}); err != nil {
		t.Fatal(err)
	}
	w.Provision()
	for _, del := range []func() error{
		func() error {
			_, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: dxgw.DirectConnectGatewayId})
			return err
		},
		func() error {
			_, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId})
			return err
		},
		func() error { _, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId}); return err },
	} {
		if err := del(); err != nil {
			t.Fatal(err)
		}
	}
	w.Provision()
	w.Clock.Advance(w.Config.Service.DeletedRetention)
	for name, state := range map[string]func() string{
		"connection":  dxsimtest.ConnectionStatus(t, c, conn.ConnectionId),
		"LAG":         lagStatus(t, c, lag.LagId),
		"interface":   vifStatus(t, c, vif),
		"gateway":     gatewayStatus(t, c, dxgw.DirectConnectGatewayId),
		"association": associationStatus(t, c, a.AssociationId),
	} {
		if s := state(); s != "" {
			t.Errorf("after the retention the %s is %q to the provider, want gone", name, s)
		}
	}
	_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: conn.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID")
	_, err = c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID")
}
