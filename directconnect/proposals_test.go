package directconnect_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestAcceptedProposalShowsTheAcceptedPrefixes(t *testing.T) {
	// terraform-provider-aws gateway_association_proposal.go reads an
	// accepted proposal's requestedAllowedPrefixesToDirectConnectGateway
	// as its allowed_prefixes; "Accepting the proposal with overridden
	// prefixes changes the returned RequestedAllowedPrefixesToDirectConnectGateway
	// value", so TestAccDirectConnectGatewayAssociation_allowedPrefixesVPNGatewayCrossAccount
	// (proposal 10.255.255.0/30 and .8/30, accepted with the override
	// .8/29) expects a non-empty plan on the proposer's side.
	w := dxsimtest.GwWorld(t)
	owner, proposer := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	g := dxsimtest.GwCreate(t, owner, "shared", nil).DirectConnectGatewayId
	dxsimtest.GwSettle(w)
	p := gwPropose(t, proposer, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), []string{"10.200.0.0/30", "10.200.0.8/30"}, nil)
	if _, err := owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount),
		OverrideAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.200.0.8/29"),
	}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*directconnect.Client{"proposer": proposer, "owner": owner} {
		ps := gwProposals(t, c, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: p.ProposalId})
		if len(ps) != 1 {
			t.Fatalf("%s lists %d proposals", name, len(ps))
		}
		got := ps[0]
		if got.ProposalState != types.DirectConnectGatewayAssociationProposalStateAccepted ||
			gwPrefixString(got.RequestedAllowedPrefixesToDirectConnectGateway) != "10.200.0.8/29" || len(got.ExistingAllowedPrefixesToDirectConnectGateway) != 0 {
			t.Errorf("%s sees the accepted proposal %s with requested [%s], existing [%s]; want accepted, [10.200.0.8/29], []", name, got.ProposalState,
				gwPrefixString(got.RequestedAllowedPrefixesToDirectConnectGateway), gwPrefixString(got.ExistingAllowedPrefixesToDirectConnectGateway))
		}
	}

	// Accepted as proposed, the requested prefixes stay; a change proposal
	// keeps the prefixes it found as existing.
	change := gwPropose(t, proposer, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), []string{"10.200.1.0/24"}, nil)
	if _, err := owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: change.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount),
	}); err != nil {
		t.Fatal(err)
	}
	got := gwProposals(t, proposer, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: change.ProposalId})[0]
	if r, e := gwPrefixString(got.RequestedAllowedPrefixesToDirectConnectGateway), gwPrefixString(got.ExistingAllowedPrefixesToDirectConnectGateway); r != "10.200.0.8/29,10.200.1.0/24" || e != "10.200.0.8/29" {
		t.Errorf("the change accepted as proposed: requested [%s], existing [%s]; want [10.200.0.8/29,10.200.1.0/24], [10.200.0.8/29]", r, e)
	}
}
