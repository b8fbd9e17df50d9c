package directconnect_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
)

func hostedIDs(t *testing.T, partner *directconnect.Client, hostID *string) []string {
	t.Helper()
	out, err := partner.DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: hostID})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range out.Connections {
		ids = append(ids, aws.ToString(c.ConnectionId))
	}
	return ids
}

func TestHostedConnectionAcrossAccounts(t *testing.T) {
	w, partner, customer, third := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	if !dx.IsID(aws.ToString(ic.InterconnectId), "dxcon-") || ic.InterconnectState != types.InterconnectStateRequested {
		t.Errorf("interconnect %s in state %s, want a dxcon- ID in state requested", aws.ToString(ic.InterconnectId), ic.InterconnectState)
	}
	ics, err := partner.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{})
	if err != nil || len(ics.Interconnects) != 1 || aws.ToString(ics.Interconnects[0].AwsDevice) == "" {
		t.Fatalf("DescribeInterconnects = %+v, %v", ics, err)
	}
	if n := len(dxsimtest.DescribeConnections(t, partner)); n != 0 {
		t.Errorf("partner's DescribeConnections lists %d connections; interconnects belong to DescribeInterconnects", n)
	}

	in := dxsimtest.Allocation(ic.InterconnectId, "500Mbps", 101)
	in.Tags = []types.Tag{{Key: aws.String("customer"), Value: aws.String("acme")}}
	hc, err := partner.AllocateHostedConnection(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if hc.ConnectionState != types.ConnectionStateOrdering || aws.ToString(hc.OwnerAccount) != dxsimtest.Account || hc.Vlan != 101 ||
		aws.ToString(hc.PartnerName) != "Example Networks" || aws.ToString(hc.Bandwidth) != "500Mbps" || aws.ToString(hc.Location) != "EqDC2" {
		t.Errorf("allocated hosted connection = state %s owner %s vlan %d partner %q bandwidth %s location %s",
			hc.ConnectionState, aws.ToString(hc.OwnerAccount), hc.Vlan, aws.ToString(hc.PartnerName), aws.ToString(hc.Bandwidth), aws.ToString(hc.Location))
	}
	if hc.PartnerInterconnectMacSecCapable == nil || *hc.PartnerInterconnectMacSecCapable {
		t.Errorf("partnerInterconnectMacSecCapable = %v, want false", hc.PartnerInterconnectMacSecCapable)
	}

	// The customer sees it in its own connections; the partner through its interconnect.
	if got := dxsimtest.DescribeConnection(t, customer, hc.ConnectionId); got.ConnectionState != types.ConnectionStateOrdering || len(got.Tags) != 1 {
		t.Errorf("customer sees %s with tags %+v", got.ConnectionState, got.Tags)
	}
	if ids := hostedIDs(t, partner, ic.InterconnectId); len(ids) != 1 || ids[0] != aws.ToString(hc.ConnectionId) {
		t.Errorf("DescribeHostedConnections = %v", ids)
	}
	old, err := partner.DescribeConnectionsOnInterconnect(ctx, &directconnect.DescribeConnectionsOnInterconnectInput{InterconnectId: ic.InterconnectId})
	if err != nil || len(old.Connections) != 1 {
		t.Errorf("DescribeConnectionsOnInterconnect = %+v, %v", old, err)
	}

	// No other account sees or changes it.
	if n := len(dxsimtest.DescribeConnections(t, third)); n != 0 {
		t.Errorf("a third account sees %d connections", n)
	}
	_, err = third.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	_, err = third.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	_, err = third.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	_, err = third.DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: ic.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	// Only the owner confirms.
	_, err = partner.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	if got := dxsimtest.DescribeConnection(t, customer, hc.ConnectionId); got.ConnectionState != types.ConnectionStateOrdering {
		t.Fatalf("refused confirmations changed the state to %s", got.ConnectionState)
	}

	conf, err := customer.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if conf.ConnectionState != types.ConnectionStatePending {
		t.Errorf("ConfirmConnection answered %s, want pending", conf.ConnectionState)
	}
	_, err = customer.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "pending", "ordering")
	w.Provision()
	if got := dxsimtest.DescribeConnection(t, customer, hc.ConnectionId); got.ConnectionState != types.ConnectionStateDown {
		t.Errorf("hosted connection on an interconnect without its cross-connect is %s, want down", got.ConnectionState)
	}
	dxsimtest.DownloadLoa(t, partner, ic.InterconnectId)
	w.Provision()
	if got := dxsimtest.DescribeConnection(t, customer, hc.ConnectionId); got.ConnectionState != types.ConnectionStateAvailable {
		t.Errorf("confirmed hosted connection is %s after provisioning, want available", got.ConnectionState)
	}
}

func TestOnlyPartnersAllocate(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	_, err := customer.CreateInterconnect(ctx, &directconnect.CreateInterconnectInput{InterconnectName: aws.String("x"), Bandwidth: aws.String("10Gbps"), Location: aws.String("EqDC2")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "not a registered partner")
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	_, err = customer.AllocateHostedConnection(ctx, dxsimtest.Allocation(ic.InterconnectId, "100Mbps", 5))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "not a registered partner")
	if ids := hostedIDs(t, partner, ic.InterconnectId); len(ids) != 0 {
		t.Errorf("refused allocation created %v", ids)
	}
	out, err := customer.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{})
	if err != nil || len(out.Interconnects) != 0 {
		t.Errorf("customer sees interconnects %+v, %v", out, err)
	}
}

func TestHostedConnectionRules(t *testing.T) {
	w, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "1Gbps", false)
	for _, tc := range []struct {
		in   *directconnect.AllocateHostedConnectionInput
		want []string
	}{
		{dxsimtest.Allocation(ic.InterconnectId, "750Mbps", 10), []string{"750Mbps", "50Mbps, 100Mbps"}},
		{dxsimtest.Allocation(ic.InterconnectId, "1Gbps", 10), []string{"additional requirements"}},
		{dxsimtest.Allocation(ic.InterconnectId, "100Mbps", 4095), []string{"4094"}},
		{dxsimtest.Allocation(ic.InterconnectId, "100Mbps", -3), []string{"4094"}},
		{dxsimtest.Allocation(ic.InterconnectId, "100Mbps", 0), []string{"VLAN 0", "4094"}},
		{&directconnect.AllocateHostedConnectionInput{ConnectionId: ic.InterconnectId, OwnerAccount: aws.String("12345"), Bandwidth: aws.String("100Mbps"), ConnectionName: aws.String("x"), Vlan: 10}, []string{"12345", "12 digits"}},
		{dxsimtest.Allocation(aws.String("dxcon-zzzzzzzz"), "100Mbps", 10), []string{"dxcon-zzzzzzzz", "does not exist"}},
	} {
		_, err := partner.AllocateHostedConnection(ctx, tc.in)
		dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)
	}
	dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 10)
	_, err := partner.AllocateHostedConnection(ctx, dxsimtest.Allocation(ic.InterconnectId, "50Mbps", 10))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "VLAN 10", "already in use")
	dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 11)
	// 1000 of 1000 Mbps are allocated.
	_, err = partner.AllocateHostedConnection(ctx, dxsimtest.Allocation(ic.InterconnectId, "50Mbps", 12))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "1000 Mbps", "does not fit")
	if ids := hostedIDs(t, partner, ic.InterconnectId); len(ids) != 2 {
		t.Errorf("%d hosted connections after refused allocations, want 2", len(ids))
	}
	if n := len(dxsimtest.DescribeConnections(t, customer)); n != 2 {
		t.Errorf("customer has %d connections, want 2", n)
	}

	// A gigabit partner allocates 1-10 Gbps within its interconnect's capacity.
	giga := w.ClientFor(dxsimtest.GigaPartnerAccount, dxsimtest.Region)
	gic := dxsimtest.CreateInterconnect(t, giga, "10Gbps", true)
	hc := dxsimtest.Allocate(t, giga, gic.InterconnectId, "5Gbps", 7)
	if hc.PartnerInterconnectMacSecCapable == nil || !*hc.PartnerInterconnectMacSecCapable {
		t.Errorf("hosted connection on a MACsec interconnect: partnerInterconnectMacSecCapable = %v", hc.PartnerInterconnectMacSecCapable)
	}
	if aws.ToString(hc.PartnerName) != "Partner "+dxsimtest.GigaPartnerAccount {
		t.Errorf("unnamed partner's partnerName = %q", aws.ToString(hc.PartnerName))
	}
	_, err = giga.AllocateHostedConnection(ctx, dxsimtest.Allocation(gic.InterconnectId, "10Gbps", 8))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not fit")

	// MAC Security is unavailable on hosted connections.
	_, err = customer.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: hc.ConnectionId, SecretARN: aws.String("arn:aws:secretsmanager:us-east-1:111122223333:secret:x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "hosted connection")
	_, err = customer.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: hc.ConnectionId, EncryptionMode: aws.String("must_encrypt")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "MACsec")
	// The partner, not the customer, holds the LOA of a hosted connection's port.
	_, err = customer.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "hosted connection")
}

func TestHostedConnectionDeletion(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	declined := dxsimtest.Allocate(t, partner, ic.InterconnectId, "100Mbps", 1)
	dropped := dxsimtest.Allocate(t, partner, ic.InterconnectId, "100Mbps", 2)

	out, err := customer.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: declined.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if out.ConnectionState != types.ConnectionStateRejected {
		t.Errorf("owner deleting an ordering hosted connection: %s, want rejected", out.ConnectionState)
	}
	_, err = partner.DeleteInterconnect(ctx, &directconnect.DeleteInterconnectInput{InterconnectId: ic.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "hosted connections", aws.ToString(dropped.ConnectionId))
	if ids := hostedIDs(t, partner, ic.InterconnectId); len(ids) != 2 {
		t.Errorf("hosted connections after a refused DeleteInterconnect: %v", ids)
	}
	// The partner may delete what it allocated.
	gone, err := partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: dropped.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if gone.ConnectionState != types.ConnectionStateDeleting {
		t.Errorf("partner deleting a hosted connection: %s, want deleting", gone.ConnectionState)
	}
	del, err := partner.DeleteInterconnect(ctx, &directconnect.DeleteInterconnectInput{InterconnectId: ic.InterconnectId})
	if err != nil {
		t.Fatal(err)
	}
	// Its cross-connect was never made, so it is deleted at once.
	if del.InterconnectState != types.InterconnectStateDeleted {
		t.Errorf("DeleteInterconnect of a requested interconnect answered %s, want deleted", del.InterconnectState)
	}
	_, err = partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: ic.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}

func TestDeleteConnectionRefusesInterconnects(t *testing.T) {
	_, partner, _, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	_, err := partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: ic.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "DeleteInterconnect")
}

func TestAssociateHostedConnection(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	from := dxsimtest.CreateInterconnect(t, partner, "1Gbps", false)
	to := dxsimtest.CreateInterconnect(t, partner, "1Gbps", false)
	hc := dxsimtest.Allocate(t, partner, from.InterconnectId, "500Mbps", 100)
	clash := dxsimtest.Allocate(t, partner, to.InterconnectId, "100Mbps", 100)

	_, err := partner.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: hc.ConnectionId, ParentConnectionId: to.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "VLAN 100")
	if _, err := partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: clash.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.Allocate(t, partner, to.InterconnectId, "500Mbps", 200)
	dxsimtest.Allocate(t, partner, to.InterconnectId, "100Mbps", 201)
	_, err = partner.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: hc.ConnectionId, ParentConnectionId: to.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not fit")
	if ids := hostedIDs(t, partner, from.InterconnectId); len(ids) != 1 {
		t.Fatalf("refused moves changed the source: %v", ids)
	}
	_, err = customer.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: hc.ConnectionId, ParentConnectionId: to.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "not a registered partner")

	third := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	out, err := partner.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: hc.ConnectionId, ParentConnectionId: third.InterconnectId})
	if err != nil {
		t.Fatal(err)
	}
	if out.Vlan != 100 || aws.ToString(out.ConnectionId) != aws.ToString(hc.ConnectionId) {
		t.Errorf("moved hosted connection: %+v", out)
	}
	if ids := hostedIDs(t, partner, third.InterconnectId); len(ids) != 1 || ids[0] != aws.ToString(hc.ConnectionId) {
		t.Errorf("target hosts %v", ids)
	}
	if ids := hostedIDs(t, partner, from.InterconnectId); len(ids) != 0 {
		t.Errorf("source still hosts %v", ids)
	}
}

func TestInterconnectsInLags(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	custLag := dxsimtest.CreateLag(t, customer, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	if custLag.AllowsHostedConnections {
		t.Errorf("a customer's LAG allows hosted connections")
	}
	// CreateLag with an interconnect's ID moves its hosted connections to the LAG.
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	hc := dxsimtest.Allocate(t, partner, ic.InterconnectId, "200Mbps", 300)
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 2)
	in.ConnectionId = ic.InterconnectId
	lag := dxsimtest.CreateLag(t, partner, in)
	if !lag.AllowsHostedConnections {
		t.Errorf("a partner's LAG does not allow hosted connections")
	}
	if ids := hostedIDs(t, partner, lag.LagId); len(ids) != 1 || ids[0] != aws.ToString(hc.ConnectionId) {
		t.Errorf("LAG hosts %v, want the interconnect's hosted connection", ids)
	}
	// Hosted connections on a LAG are not members, and keep the LAG from deletion.
	if got := dxsimtest.DescribeLag(t, partner, lag.LagId); got.NumberOfConnections != 2 {
		t.Errorf("LAG has %d members, want 2", got.NumberOfConnections)
	}
	_, err := partner.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "hosted connections")

	// AssociateConnectionWithLag moves an interconnect's hosted connections
	// too; those of the LAG it came from stay there.
	other := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	for aws.ToString(other.AwsDevice) != aws.ToString(lag.AwsDevice) {
		other = dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	}
	hc2 := dxsimtest.Allocate(t, partner, other.InterconnectId, "300Mbps", 301)
	second := dxsimtest.CreateLag(t, partner, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	for aws.ToString(second.AwsDevice) != aws.ToString(lag.AwsDevice) {
		second = dxsimtest.CreateLag(t, partner, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	}
	if _, err := partner.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: other.InterconnectId, LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	if ids := hostedIDs(t, partner, lag.LagId); len(ids) != 2 || !slices.Contains(ids, aws.ToString(hc2.ConnectionId)) {
		t.Errorf("LAG hosts %v, want both hosted connections", ids)
	}
	if _, err := partner.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: other.InterconnectId, LagId: second.LagId}); err != nil {
		t.Fatal(err)
	}
	if ids := hostedIDs(t, partner, lag.LagId); len(ids) != 2 {
		t.Errorf("after the interconnect moved on, the original LAG hosts %v, want both still", ids)
	}
	if ids := hostedIDs(t, partner, second.LagId); len(ids) != 0 {
		t.Errorf("the second LAG took hosted connections %v", ids)
	}

	// A partner's connection leaves a LAG as an interconnect.
	member := second.Connections[0].ConnectionId
	if _, err := partner.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: member, LagId: second.LagId}); err != nil {
		t.Fatal(err)
	}
	ics, err := partner.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{InterconnectId: member})
	if err != nil || len(ics.Interconnects) != 1 {
		t.Errorf("disassociated partner connection is not an interconnect: %+v, %v", ics, err)
	}
}

func TestInterconnectLoa(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	out, err := partner.DescribeInterconnectLoa(ctx, &directconnect.DescribeInterconnectLoaInput{InterconnectId: ic.InterconnectId, ProviderName: aws.String("Example Networks")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Loa == nil || out.Loa.LoaContentType != types.LoaContentTypePdf || !bytes.HasPrefix(out.Loa.LoaContent, []byte("%PDF-")) ||
		!bytes.Contains(out.Loa.LoaContent, []byte(aws.ToString(ic.InterconnectId))) {
		t.Errorf("interconnect LOA is not a PDF naming the interconnect")
	}
	_, err = customer.DescribeInterconnectLoa(ctx, &directconnect.DescribeInterconnectLoaInput{InterconnectId: ic.InterconnectId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}

func TestPartnerTypeInCustomerMetadata(t *testing.T) {
	w, partner, customer, _ := dxsimtest.StartPartners(t)
	for c, want := range map[*directconnect.Client]string{partner: "v1", w.ClientFor(dxsimtest.GigaPartnerAccount, dxsimtest.Region): "v2", customer: "nonPartner"} {
		out, err := c.DescribeCustomerMetadata(ctx, &directconnect.DescribeCustomerMetadataInput{})
		if err != nil {
			t.Fatal(err)
		}
		if string(out.NniPartnerType) != want {
			t.Errorf("nniPartnerType %s, want %s", out.NniPartnerType, want)
		}
	}
}

func TestVirtualInterfacesOnPartnerResources(t *testing.T) {
	_, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	hc := dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 321)
	// A hosted connection's VLAN is fixed by its partner.
	_, err := customer.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: hc.ConnectionId, NewPublicVirtualInterface: dxsimtest.PublicVIF(322)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "VLAN 321")
	vif := dxsimtest.CreatePublicVIF(t, customer, hc.ConnectionId, 321)
	// It moves with its hosted connection, and keeps the hosted connection from deletion.
	_, err = customer.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: hc.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "virtual interfaces")
	lag := dxsimtest.CreateLag(t, customer, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	_, err = customer.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId, ConnectionId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "AssociateHostedConnection")

	// On a partner's LAG, interfaces are allocated for their owner and not configured directly.
	plag := dxsimtest.CreateLag(t, partner, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	_, err = partner.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: plag.LagId, NewPublicVirtualInterface: dxsimtest.PublicVIF(400)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "cannot be configured directly")
	in := dxsimtest.PublicVIF(400)
	alloc, err := partner.AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{ConnectionId: plag.LagId, OwnerAccount: aws.String(dxsimtest.Account),
		NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{VirtualInterfaceName: in.VirtualInterfaceName, Vlan: 400, Asn: 65000,
			AmazonAddress: in.AmazonAddress, CustomerAddress: in.CustomerAddress, RouteFilterPrefixes: in.RouteFilterPrefixes}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := customer.ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: alloc.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	_, err = customer.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: alloc.VirtualInterfaceId, VirtualInterfaceName: aws.String("x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "cannot be configured directly")
	_, err = customer.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: alloc.VirtualInterfaceId, NewBGPPeer: &types.NewBGPPeer{Asn: 65000, AddressFamily: types.AddressFamilyIPv6}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "cannot be configured directly")
	if got := dxsimtest.DescribeVIF(t, customer, alloc.VirtualInterfaceId); aws.ToString(got.VirtualInterfaceName) != "public-400" || len(got.BgpPeers) != 1 {
		t.Errorf("refused changes changed the interface: %q with %d peers", aws.ToString(got.VirtualInterfaceName), len(got.BgpPeers))
	}
}
