package dx_test

import (
	"testing"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/google/uuid"
)

func TestCheckIDAcceptsEveryIDDxsimDraws(t *testing.T) {
	// Worlds exported by any dxsim hold IDs drawn by these same functions
	// (dx.NewID since the first version, uuid.NewString for gateways,
	// associations and proposals, ec2.NewID for EC2's gateways, and
	// declared gateways of 8 or 17 hexadecimal digits); each must stay
	// well-formed, or an imported world's resources could not be named.
	for range 200 {
		for _, tc := range []struct {
			kind dx.IDKind
			id   string
		}{
			{dx.ConnectionID, dx.NewID(dx.ConnectionPrefix)},
			{dx.ConnectionID, dx.NewID(dx.LagPrefix)},
			{dx.InterconnectID, dx.NewID(dx.ConnectionPrefix)},
			{dx.LagID, dx.NewID(dx.LagPrefix)},
			{dx.VirtualInterfaceID, dx.NewID(dx.VirtualInterfacePrefix)},
			{dx.BGPPeerID, dx.NewID(dx.BGPPeerPrefix)},
			{dx.DirectConnectGatewayID, uuid.NewString()},
			{dx.AssociationID, uuid.NewString()},
			{dx.ProposalID, uuid.NewString()},
			{dx.VirtualGatewayID, ec2.NewID(ec2.VpnGatewayPrefix)},
			{dx.VirtualGatewayID, "vgw-aba37db6"},
			{dx.GatewayID, ec2.NewID(ec2.TransitGatewayPrefix)},
			{dx.GatewayID, "vgw-aba37db6"},
		} {
			if err := dx.CheckID(tc.kind, tc.id); err != nil {
				t.Fatalf("CheckID(%s, %s): %v", tc.kind.Name, tc.id, err)
			}
		}
	}
}

func TestCheckIDRefusesMalformedIDs(t *testing.T) {
	for _, tc := range []struct {
		kind dx.IDKind
		id   string
		want string
	}{
		{dx.ConnectionID, "fake-connection", "Connection ID fake-connection has an invalid format"},
		{dx.ConnectionID, "dxvif-fgh0hcrk", "Connection ID dxvif-fgh0hcrk has an invalid format"},
		{dx.ConnectionID, "dxcon-fg5pmr7", "dxcon- (or dxlag- for a LAG) and 8 lowercase letters and digits"},
		{dx.ConnectionID, "dxcon-fg5pmr7lx", "has an invalid format"},
		{dx.ConnectionID, "DXCON-FG5PMR7L", "has an invalid format"},
		{dx.LagID, "dxcon-fg5pmr7l", "Lag ID dxcon-fg5pmr7l has an invalid format"},
		{dx.VirtualInterfaceID, "dxvif-fgh0hcr!", "Virtual interface ID dxvif-fgh0hcr! has an invalid format"},
		{dx.BGPPeerID, "dxpeer-", "BGP peer ID dxpeer- has an invalid format"},
		{dx.DirectConnectGatewayID, "5f294f92-bafb-4011-916d-9b0bexample", "Direct Connect gateway ID 5f294f92-bafb-4011-916d-9b0bexample has an invalid format. It must be a UUID"},
		{dx.AssociationID, "ga-dd695e31-7713-4bbd-aa74-6cf82b330894", "Association ID ga-dd695e31-7713-4bbd-aa74-6cf82b330894 has an invalid format"},
		{dx.ProposalID, "c2ede9b4bbc64d33923cbc4fe2f4d1a7", "Proposal ID c2ede9b4bbc64d33923cbc4fe2f4d1a7 has an invalid format"},
		{dx.VirtualGatewayID, "tgw-0123456789abcdef0", "Virtual gateway ID tgw-0123456789abcdef0 has an invalid format"},
		{dx.VirtualGatewayID, "vgw-0123456789abcdefg", "vgw- and 8 or 17 hexadecimal digits"},
		{dx.GatewayID, "vpc-0123456789abcdef0", "Gateway ID vpc-0123456789abcdef0 has an invalid format"},
	} {
		wantRule(t, dx.CheckID(tc.kind, tc.id), dx.ClientException, tc.want)
	}
}
