package directconnect_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// Ansible's community.aws directconnect_gateway (plugins/modules/
// directconnect_gateway.py), state=absent: ensure_absent deletes each
// association by gateway pair, then polls
// describe_direct_connect_gateway_associations(directConnectGatewayId) every
// 15 s until the list is empty (at most wait_timeout, 320 s) and deletes the
// gateway. state=present associates a virtual private gateway only when
// the pair lists nothing (check_dxgw_association). A disassociated
// association therefore has to leave the list soon after it is
// disassociated, as on AWS, where the Terraform provider also reads it as
// gone (gateway_association.go findNonDisassociatedGatewayAssociation,
// waitGatewayAssociationDeleted: pending disassociating, target none).
// dxsim listed it for --deleted-retention (24 h): every gateway delete
// through Ansible waited out its timeout, and a gateway once detached from
// a virtual private gateway could not be attached to it again.
func TestAnsibleDirectConnectGatewaySeesDisassociatedAssociationsLeave(t *testing.T) {
	const poll, waitTimeout = 15 * time.Second, 320 * time.Second
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "ansible-dxgw", aws.Int64(64700)).DirectConnectGatewayId
	vgw := aws.String(dxsimtest.Vgw(1))
	associate := func() {
		t.Helper()
		if _, err := c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, VirtualGatewayId: vgw}); err != nil {
			t.Fatal(err)
		}
		dxsimtest.GwSettle(w)
	}
	list := func(in *directconnect.DescribeDirectConnectGatewayAssociationsInput) []types.DirectConnectGatewayAssociation {
		t.Helper()
		out, err := c.DescribeDirectConnectGatewayAssociations(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return out.DirectConnectGatewayAssociations
	}
	byGateway := &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: g}
	byPair := &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: g, VirtualGatewayId: vgw}
	associate()
	first := list(byGateway)
	if len(first) != 1 || first[0].AssociationState != types.DirectConnectGatewayAssociationStateAssociated {
		t.Fatalf("before state=absent: %s", gwAssociationString(first))
	}

	// ensure_absent.
	del, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, VirtualGatewayId: vgw})
	if err != nil {
		t.Fatal(err)
	}
	if del.DirectConnectGatewayAssociation.AssociationState != types.DirectConnectGatewayAssociationStateDisassociating {
		t.Errorf("DeleteDirectConnectGatewayAssociation answered %s", del.DirectConnectGatewayAssociation.AssociationState)
	}
	waited := time.Duration(0)
	for len(list(byGateway)) != 0 && waited < waitTimeout {
		w.Clock.Advance(poll)
		waited += poll
	}
	if limit := w.Config.Service.Timings.Gateway + w.Config.Service.Timings.Deleting + poll; waited > limit {
		t.Errorf("the association left the list after %s of polling, want at most %s (--gateway-delay, then --deleting-delay listed as disassociated)", waited, limit)
	}
	// Asked for by ID, a disassociated association that left the list is
	// unknown: an empty list, as for any unknown ID.
	if got := list(&directconnect.DescribeDirectConnectGatewayAssociationsInput{AssociationId: first[0].AssociationId}); len(got) != 0 {
		t.Errorf("by association ID after it left the list: %s", gwAssociationString(got))
	}

	// state=present again: the pair lists nothing, so the module
	// associates, and the new association is the only one listed.
	if got := list(byPair); len(got) != 0 {
		t.Fatalf("the pair still lists %s", gwAssociationString(got))
	}
	associate()
	if got := list(byPair); len(got) != 1 || aws.ToString(got[0].AssociationId) == aws.ToString(first[0].AssociationId) ||
		got[0].AssociationState != types.DirectConnectGatewayAssociationStateAssociated {
		t.Errorf("after associating again: %s", gwAssociationString(got))
	}

	// And state=absent once more, through to the gateway's deletion.
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, VirtualGatewayId: vgw}); err != nil {
		t.Fatal(err)
	}
	for waited = 0; len(list(byGateway)) != 0 && waited < waitTimeout; waited += poll {
		w.Clock.Advance(poll)
	}
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g}); err != nil {
		t.Errorf("deleting the gateway once its list is empty: %v", err)
	}
}
