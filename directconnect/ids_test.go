package directconnect_test

// Malformed IDs are malformed, not unknown. The AWS SDKs' integration tests
// record the real service's answer to an ID that is not of its kind's form:
// aws-sdk-go's awstesting/integration/smoke/directconnect/directconnect.feature
// calls DescribeConnections with connectionId fake-connection and expects a
// DirectConnectClientException whose message includes "Connection ID
// fake-connection has an invalid format"; aws-sdk-ruby's
// features/direct_connect/client.feature expects "Connection ID abc has an
// invalid format." for connectionId abc. The Terraform AWS provider's users
// met the same answer for a gateway association
// (hashicorp/terraform-provider-aws#9317: DescribeDirectConnectGatewayAssociations
// answered "Association ID has an invalid format."). A well-formed ID that
// names nothing keeps the "not found" answers of provider_test.go.

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestMalformedIDsHaveAnInvalidFormat(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	w.Provision()
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 10)
	before := dxsimtest.Counts(t, c)
	for _, tc := range []struct {
		name, want string
		call       func() error
	}{
		{"DescribeConnections connectionId (aws-sdk-go smoke test)", "Connection ID fake-connection has an invalid format", func() error {
			_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String("fake-connection")})
			return err
		}},
		{"DescribeConnections connectionId (aws-sdk-ruby feature)", "Connection ID abc has an invalid format", func() error {
			_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String("abc")})
			return err
		}},
		{"UpdateConnection, a suffix too short", "Connection ID dxcon-abc has an invalid format", func() error {
			_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: aws.String("dxcon-abc"), ConnectionName: aws.String("x")})
			return err
		}},
		{"DescribeInterconnects interconnectId", "Interconnect ID ic-1 has an invalid format", func() error {
			_, err := c.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{InterconnectId: aws.String("ic-1")})
			return err
		}},
		{"DescribeLags lagId", "Lag ID dxlag-FGKK4DJA has an invalid format", func() error {
			_, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: aws.String("dxlag-FGKK4DJA")})
			return err
		}},
		{"DeleteLag lagId of a connection", "Lag ID " + aws.ToString(conn.ConnectionId) + " has an invalid format", func() error {
			_, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: conn.ConnectionId})
			return err
		}},
		{"DescribeVirtualInterfaces virtualInterfaceId", "Virtual interface ID dxvif-123 has an invalid format", func() error {
			_, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: aws.String("dxvif-123")})
			return err
		}},
		{"DeleteBGPPeer bgpPeerId", "BGP peer ID peer-1 has an invalid format", func() error {
			_, err := c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, BgpPeerId: aws.String("peer-1")})
			return err
		}},
		{"StartBgpFailoverTest bgpPeers, a list's element", "BGP peer ID peer-2 has an invalid format", func() error {
			_, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId, BgpPeers: []string{"peer-2"}})
			return err
		}},
		{"DescribeDirectConnectGateways directConnectGatewayId (the documentation's example)", "Direct Connect gateway ID 5f294f92-bafb-4011-916d-9b0bexample has an invalid format", func() error {
			_, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: aws.String("5f294f92-bafb-4011-916d-9b0bexample")})
			return err
		}},
		{"DescribeDirectConnectGatewayAssociations associationId (terraform-provider-aws#9317)", "Association ID ga-dd695e31-7713-4bbd-aa74-6cf82b330894vgw-0886ff71ad6933949 has an invalid format", func() error {
			_, err := c.DescribeDirectConnectGatewayAssociations(ctx, &directconnect.DescribeDirectConnectGatewayAssociationsInput{
				AssociationId: aws.String("ga-dd695e31-7713-4bbd-aa74-6cf82b330894vgw-0886ff71ad6933949")})
			return err
		}},
		{"DescribeDirectConnectGatewayAssociations virtualGatewayId of a transit gateway", "Virtual gateway ID " + dxsimtest.Tgw(1) + " has an invalid format", func() error {
			_, err := c.DescribeDirectConnectGatewayAssociations(ctx, &directconnect.DescribeDirectConnectGatewayAssociationsInput{VirtualGatewayId: aws.String(dxsimtest.Tgw(1))})
			return err
		}},
		{"DeleteDirectConnectGatewayAssociationProposal proposalId (the documentation's example)", "Proposal ID c2ede9b4-bbc6-4d33-923c-bc4feEXAMPLE has an invalid format", func() error {
			_, err := c.DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{ProposalId: aws.String("c2ede9b4-bbc6-4d33-923c-bc4feEXAMPLE")})
			return err
		}},
		{"CreateDirectConnectGatewayAssociation gatewayId", "Gateway ID vgw-xyz has an invalid format", func() error {
			_, err := c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{
				DirectConnectGatewayId: aws.String("5f294f92-bafb-4011-916d-9b0b4b5e3f2a"), GatewayId: aws.String("vgw-xyz")})
			return err
		}},
		{"CreatePrivateVirtualInterface, a nested virtualGatewayId", "Virtual gateway ID vgw-12 has an invalid format", func() error {
			_, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
				NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("p"), Vlan: 20, Asn: 65000, VirtualGatewayId: aws.String("vgw-12")}})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dxsimtest.WantError(t, tc.call(), "DirectConnectClientException", tc.want)
		})
	}
	if after := dxsimtest.Counts(t, c); after != before {
		t.Errorf("refused calls changed the world: %s, then %s", before, after)
	}
}

func TestWellFormedIDsAreLookedUp(t *testing.T) {
	// The other side of the rule: IDs of the right form reach the
	// operation, which finds them or answers "not found"; an empty optional
	// ID is no ID, as before.
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	// connectionId names a LAG where the operation takes one.
	if _, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: lag.LagId}); err != nil {
		t.Errorf("DescribeLoa of LAG %s: %v", aws.ToString(lag.LagId), err)
	}
	out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String("")})
	if err != nil || len(out.Connections) < 1 {
		t.Errorf("DescribeConnections with an empty connectionId = %v, %v; want every connection", out, err)
	}
	_, err = c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String("dxcon-0a1b2c3d")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID dxcon-0a1b2c3d")
	gws, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: aws.String("5F294F92-BAFB-4011-916D-9B0B4B5E3F2A")})
	if err != nil || len(gws.DirectConnectGateways) != 0 {
		t.Errorf("DescribeDirectConnectGateways of an unknown upper-case UUID = %v, %v; want an empty list", gws, err)
	}
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); aws.ToString(got.ConnectionId) != aws.ToString(conn.ConnectionId) {
		t.Errorf("DescribeConnections(%s) answered %s", aws.ToString(conn.ConnectionId), aws.ToString(got.ConnectionId))
	}
}
