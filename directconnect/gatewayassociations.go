package directconnect

import (
	"context"
	"errors"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Associations link a Direct Connect gateway with a virtual private gateway
// or transit gateway. Within one account they are created directly; across
// accounts the gateway's owner proposes and the Direct Connect gateway's
// owner accepts. Association rows are kept under the associated gateway's
// account and Region, with the Direct Connect gateway as parent, so both
// sides find them by index.

// associationState derives an association's state at now.
func (s *Service) associationState(a *dx.GatewayAssociationRecord, now time.Time) string {
	return a.StateAt(s.gatewayDelay(), now)
}

func (s *Service) associationView(a *dx.GatewayAssociationRecord, now time.Time) dx.DirectConnectGatewayAssociation {
	out := dx.DirectConnectGatewayAssociation{
		DirectConnectGatewayID: a.GatewayID, DirectConnectGatewayOwnerAccount: a.GatewayOwner,
		AssociationState: s.associationState(a, now), AssociationID: a.ID,
		AssociatedGateway:                     &dx.AssociatedGateway{ID: a.AssociatedID, Type: a.AssociatedType, OwnerAccount: a.AssociatedOwner, Region: a.AssociatedRegion},
		AllowedPrefixesToDirectConnectGateway: prefixList(a.AllowedPrefixes),
	}
	if a.AssociatedType == dx.VirtualPrivateGateway {
		out.VirtualGatewayID, out.VirtualGatewayRegion, out.VirtualGatewayOwnerAccount = a.AssociatedID, a.AssociatedRegion, a.AssociatedOwner
	}
	return out
}

func putAssociation(tx store.Tx, a *dx.GatewayAssociationRecord) error {
	return store.Save(tx, core.AssociationRow(a), a)
}

// liveAssociations lists the associations of Direct Connect gateway id that
// are not yet disassociated.
func (s *Service) liveAssociations(tx store.Tx, id string, now time.Time) ([]*dx.GatewayAssociationRecord, error) {
	all, err := store.LoadAll[dx.GatewayAssociationRecord](tx, store.Query{Kind: store.GatewayAssociations, Parent: id})
	if err != nil {
		return nil, err
	}
	var out []*dx.GatewayAssociationRecord
	for _, a := range all {
		if s.associationState(a, now) != dx.Disassociated {
			out = append(out, a)
		}
	}
	return out, nil
}

// associatedGateway is the declared gateway an association names, or what
// the association records of it once it is no longer declared.
func (s *Service) associatedGateway(tx *core.Txn, a *dx.GatewayAssociationRecord) (*dx.VirtualGatewayRecord, error) {
	g, ok, err := s.ec2.VirtualGateway(tx, a.AssociatedOwner, a.AssociatedRegion, a.AssociatedID)
	if ok || err != nil {
		return g, err
	}
	return &dx.VirtualGatewayRecord{ID: a.AssociatedID, Owner: a.AssociatedOwner, Region: a.AssociatedRegion, Type: a.AssociatedType}, nil
}

// associate associates target with g, allowing prefixes, unless a rule
// refuses it.
func (s *Service) associate(tx *core.Txn, g *dx.DirectConnectGatewayRecord, target *dx.VirtualGatewayRecord, prefixes []string, now time.Time) (*dx.GatewayAssociationRecord, error) {
	if err := dx.CheckAssociationPrefixes(target.Type, prefixes); err != nil {
		return nil, err
	}
	live, err := s.liveAssociations(tx, g.ID, now)
	if err != nil {
		return nil, err
	}
	var others []*dx.VirtualGatewayRecord
	for _, a := range live {
		if a.AssociatedID == target.ID {
			return nil, dx.Errorf("%s is already associated with Direct Connect gateway %s (association %s, %s); change its allowed prefixes with UpdateDirectConnectGatewayAssociation",
				target.ID, g.ID, a.ID, s.associationState(a, now))
		}
		other, err := s.associatedGateway(tx, a)
		if err != nil {
			return nil, err
		}
		others = append(others, other)
	}
	if target.Type == dx.VirtualPrivateGateway {
		elsewhere, err := core.AssociationsOf(tx, s.gatewayDelay(), target, now)
		if err != nil {
			return nil, err
		}
		if len(elsewhere) > 0 {
			return nil, dx.Errorf("Virtual private gateway %s is already associated with Direct Connect gateway %s (association %s); a virtual private gateway associates with one Direct Connect gateway: disassociate it there first",
				target.ID, elsewhere[0].GatewayID, elsewhere[0].ID)
		}
	}
	vifs, err := attachedVIFs(tx, g)
	if err != nil {
		return nil, err
	}
	private, transit := 0, 0
	for _, v := range vifs {
		if v.Type == dx.TransitVIF {
			transit++
		} else {
			private++
		}
	}
	if err := dx.CheckAssociationFits(g, target, others, private, transit); err != nil {
		return nil, err
	}
	a := &dx.GatewayAssociationRecord{
		GatewayID: g.ID, GatewayOwner: g.Owner, AssociatedID: target.ID, AssociatedType: target.Type,
		AssociatedOwner: target.Owner, AssociatedRegion: target.Region, AllowedPrefixes: prefixes, CreatedAt: now,
	}
	a.ID, err = insertWithUUID(tx, func(id string) (store.Row, error) {
		a.ID = id
		return store.Encode(core.AssociationRow(a), a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// missingTarget is the error for a gateway the caller does not have in its
// Region.
func missingTarget(caller dx.Caller, id string) *dx.Error {
	return dx.Errorf("Gateway %s does not exist for account %s in region %s; create virtual private and transit gateways through dxsim's EC2 API (CreateVpnGateway, CreateTransitGateway) or declare them in the dxsim configuration (virtualGateways), and call in the gateway's Region. A gateway of another account is associated through a proposal its owner makes (CreateDirectConnectGatewayAssociationProposal)",
		id, caller.Account, caller.Region)
}

// CreateDirectConnectGatewayAssociation associates a Direct Connect gateway
// with a virtual private gateway or transit gateway of the same account.
func (s *Service) CreateDirectConnectGatewayAssociation(ctx context.Context, caller dx.Caller, in *CreateDirectConnectGatewayAssociationInput) (*DirectConnectGatewayAssociationOutput, error) {
	targetID := in.GatewayID
	if in.VirtualGatewayID != "" {
		if targetID != "" && targetID != in.VirtualGatewayID {
			return nil, dx.Errorf("gatewayId %s and virtualGatewayId %s name different gateways; give gatewayId only", targetID, in.VirtualGatewayID)
		}
		targetID = in.VirtualGatewayID
	}
	if targetID == "" {
		return nil, dx.Errorf("Specify gatewayId: the virtual private gateway or transit gateway to associate with Direct Connect gateway %s", in.DirectConnectGatewayID)
	}
	add := cidrs(in.AddAllowedPrefixes)
	if err := dx.CheckAllowedPrefixes("addAllowedPrefixesToDirectConnectGateway", add); err != nil {
		return nil, err
	}
	var out dx.DirectConnectGatewayAssociation
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownGateway(tx, caller, in.DirectConnectGatewayID)
		if err != nil {
			return err
		}
		target, ok, err := s.ec2.VirtualGateway(tx, caller.Account, caller.Region, targetID)
		if err != nil {
			return err
		}
		if !ok {
			return missingTarget(caller, targetID)
		}
		prefixes := add
		if len(prefixes) == 0 && target.Type == dx.VirtualPrivateGateway {
			prefixes = target.VpcCidrs // a VPC's CIDRs are advertised by default
		}
		now := tx.Now
		a, err := s.associate(tx, g, target, prefixes, now)
		if err != nil {
			return err
		}
		out = s.associationView(a, now)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationOutput{DirectConnectGatewayAssociation: out}, nil
}

// associationVisible reports whether caller is on either side of a.
func associationVisible(a *dx.GatewayAssociationRecord, caller dx.Caller) bool {
	return core.OwnsOrShares(caller, a)
}

func missingAssociation(id string, caller dx.Caller) *dx.Error {
	return dx.Errorf("Direct Connect gateway association %s does not exist for account %s", id, caller.Account)
}

// DescribeDirectConnectGatewayAssociations lists the associations of the
// caller's Direct Connect gateways and of its virtual private and transit
// gateways, narrowed by the filters given. A disassociated association
// leaves the list after --deleting-delay; asked for by ID, it is then
// unknown (an empty list).
func (s *Service) DescribeDirectConnectGatewayAssociations(ctx context.Context, caller dx.Caller, in *DescribeDirectConnectGatewayAssociationsInput) (*DirectConnectGatewayAssociationsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	var now time.Time // the transaction's
	keep := func(a *dx.GatewayAssociationRecord) bool {
		return associationVisible(a, caller) && a.Listed(s.gatewayDelay(), s.Config.Timings.Deleting, now) &&
			(in.DirectConnectGatewayID == "" || a.GatewayID == in.DirectConnectGatewayID) &&
			(in.AssociatedGatewayID == "" || a.AssociatedID == in.AssociatedGatewayID) &&
			(in.VirtualGatewayID == "" || a.AssociatedID == in.VirtualGatewayID)
	}
	out := &DirectConnectGatewayAssociationsOutput{DirectConnectGatewayAssociations: []dx.DirectConnectGatewayAssociation{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		now = tx.Now
		var rows []*dx.GatewayAssociationRecord
		switch {
		case in.AssociationID != "":
			// An unknown ID lists nothing, as on AWS.
			a, err := core.LoadIf(tx, store.GatewayAssociations, in.AssociationID, store.ErrNotFound, keep)
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			{
				rows = append(rows, a)
			}
		default:
			q := store.Query{Kind: store.GatewayAssociations, Parent: in.DirectConnectGatewayID}
			if rows, out.NextToken, err = core.Scan(tx, q, p, func(a *dx.GatewayAssociationRecord) string { return a.ID }, keep); err != nil {
				return err
			}
		}
		for _, a := range rows {
			out.DirectConnectGatewayAssociations = append(out.DirectConnectGatewayAssociations, s.associationView(a, now))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// liveAssociation loads an association the caller is a side of and that is
// not being disassociated.
func liveAssociation(tx store.Tx, caller dx.Caller, id string) (*dx.GatewayAssociationRecord, error) {
	a, err := store.Load[dx.GatewayAssociationRecord](tx, store.GatewayAssociations, id)
	if err != nil || !associationVisible(a, caller) || !a.DeletedAt.IsZero() {
		return nil, core.NotFoundAs(orNotFound(err), missingAssociation(id, caller))
	}
	return a, nil
}

// UpdateDirectConnectGatewayAssociation adds and removes allowed prefixes of
// an association of the caller's Direct Connect gateway. With neither list
// it answers the association as it is: the Terraform AWS provider sends
// that when only a cross-account association's proposal changed
// (gateway_association.go resourceGatewayAssociationUpdate,
// TestAccDirectConnectGatewayAssociation_recreateProposal), and AWS accepts it.
func (s *Service) UpdateDirectConnectGatewayAssociation(ctx context.Context, caller dx.Caller, in *UpdateDirectConnectGatewayAssociationInput) (*DirectConnectGatewayAssociationOutput, error) {
	if in.AssociationID == "" {
		return nil, dx.Errorf("Specify associationId: the association whose allowed prefixes change")
	}
	add, remove := cidrs(in.AddAllowedPrefixes), cidrs(in.RemoveAllowedPrefixes)
	if err := dx.CheckAllowedPrefixes("addAllowedPrefixesToDirectConnectGateway", add); err != nil {
		return nil, err
	}
	if err := dx.CheckAllowedPrefixes("removeAllowedPrefixesToDirectConnectGateway", remove); err != nil {
		return nil, err
	}
	var out dx.DirectConnectGatewayAssociation
	err := s.Update(ctx, func(tx *core.Txn) error {
		a, err := liveAssociation(tx, caller, in.AssociationID)
		if err != nil {
			return err
		}
		if !core.Owns(caller, a) {
			return dx.Errorf("Association %s is of Direct Connect gateway %s of account %s, which changes its allowed prefixes; as the owner of %s, propose new ones with CreateDirectConnectGatewayAssociationProposal",
				a.ID, a.GatewayID, a.GatewayOwner, a.AssociatedID)
		}
		if len(add) == 0 && len(remove) == 0 {
			out = s.associationView(a, tx.Now)
			return nil
		}
		prefixes, err := dx.ChangePrefixes(a.AllowedPrefixes, add, remove)
		if err != nil {
			return err
		}
		if err := dx.CheckAssociationPrefixes(a.AssociatedType, prefixes); err != nil {
			return err
		}
		now := tx.Now
		a.AllowedPrefixes, a.UpdatedAt = prefixes, now
		out = s.associationView(a, now)
		return putAssociation(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationOutput{DirectConnectGatewayAssociation: out}, nil
}

// DeleteDirectConnectGatewayAssociation disassociates a gateway from a
// Direct Connect gateway; the owner of either may.
func (s *Service) DeleteDirectConnectGatewayAssociation(ctx context.Context, caller dx.Caller, in *DeleteDirectConnectGatewayAssociationInput) (*DirectConnectGatewayAssociationOutput, error) {
	var out dx.DirectConnectGatewayAssociation
	err := s.Update(ctx, func(tx *core.Txn) error {
		var a *dx.GatewayAssociationRecord
		switch {
		case in.AssociationID != "":
			var err error
			if a, err = liveAssociation(tx, caller, in.AssociationID); err != nil {
				return err
			}
		case in.DirectConnectGatewayID != "" && in.VirtualGatewayID != "":
			all, err := store.LoadAll[dx.GatewayAssociationRecord](tx, store.Query{Kind: store.GatewayAssociations, Parent: in.DirectConnectGatewayID})
			if err != nil {
				return err
			}
			for _, o := range all {
				if o.AssociatedID == in.VirtualGatewayID && o.DeletedAt.IsZero() && associationVisible(o, caller) {
					a = o
				}
			}
			if a == nil {
				return dx.Errorf("%s is not associated with Direct Connect gateway %s for account %s", in.VirtualGatewayID, in.DirectConnectGatewayID, caller.Account)
			}
		default:
			return dx.Errorf("Specify associationId, or directConnectGatewayId and virtualGatewayId, to name the association to delete")
		}
		now := tx.Now
		a.DeletedAt = now
		out = s.associationView(a, now)
		if err := s.Doom(tx, string(store.GatewayAssociations), a.ID, s.associationGone(a)); err != nil {
			return err
		}
		return putAssociation(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationOutput{DirectConnectGatewayAssociation: out}, nil
}

// Proposals.

func proposalView(p *dx.GatewayProposalRecord) dx.DirectConnectGatewayAssociationProposal {
	return dx.DirectConnectGatewayAssociationProposal{
		ProposalID: p.ID, DirectConnectGatewayID: p.GatewayID, DirectConnectGatewayOwnerAccount: p.GatewayOwner,
		ProposalState:     p.State(),
		AssociatedGateway: &dx.AssociatedGateway{ID: p.AssociatedID, Type: p.AssociatedType, OwnerAccount: p.AssociatedOwner, Region: p.AssociatedRegion},
		ExistingAllowedPrefixesToDirectConnectGateway:  prefixList(p.Existing),
		RequestedAllowedPrefixesToDirectConnectGateway: prefixList(p.Requested),
	}
}

// proposalKey is how a proposal is found: by its proposer's account and
// Region, and under the Direct Connect gateway it proposes to.
func proposalKey(p *dx.GatewayProposalRecord) store.Row {
	return store.Row{Kind: store.GatewayProposals, ID: p.ID, Account: p.AssociatedOwner, Region: p.AssociatedRegion, Parent: p.GatewayID}
}

func putProposal(tx store.Tx, p *dx.GatewayProposalRecord) error {
	return store.Save(tx, proposalKey(p), p)
}

// proposalVisible reports whether caller made p or owns its Direct Connect
// gateway.
func proposalVisible(p *dx.GatewayProposalRecord, caller dx.Caller) bool {
	return core.OwnsOrShares(caller, p)
}

// missingProposal is the answer for a proposal the caller cannot see; the
// Terraform provider (gateway_association_proposal.go) reads "is not found".
func missingProposal(id string, caller dx.Caller) *dx.Error {
	return dx.Errorf("Direct Connect gateway association proposal %s is not found for account %s", id, caller.Account)
}

// associationBetween finds the live association of gateway gwID with
// Direct Connect gateway dxgwID, or nil.
func (s *Service) associationBetween(tx store.Tx, dxgwID, gwID string, now time.Time) (*dx.GatewayAssociationRecord, error) {
	live, err := s.liveAssociations(tx, dxgwID, now)
	if err != nil {
		return nil, err
	}
	for _, a := range live {
		if a.AssociatedID == gwID && a.DeletedAt.IsZero() {
			return a, nil
		}
	}
	return nil, nil
}

// CreateDirectConnectGatewayAssociationProposal proposes to associate the
// caller's virtual private or transit gateway with another account's Direct
// Connect gateway, or to change the allowed prefixes of their association.
func (s *Service) CreateDirectConnectGatewayAssociationProposal(ctx context.Context, caller dx.Caller, in *CreateDirectConnectGatewayAssociationProposalInput) (*DirectConnectGatewayAssociationProposalOutput, error) {
	if err := dx.CheckAccountID("directConnectGatewayOwnerAccount", in.DirectConnectGatewayOwnerAccount); err != nil {
		return nil, err
	}
	if core.IsAccount(caller, in.DirectConnectGatewayOwnerAccount) {
		return nil, dx.Errorf("Direct Connect gateway %s is of your own account %s; associate your gateways with it directly with CreateDirectConnectGatewayAssociation", in.DirectConnectGatewayID, caller.Account)
	}
	add, remove := cidrs(in.AddAllowedPrefixes), cidrs(in.RemoveAllowedPrefixes)
	if err := dx.CheckAllowedPrefixes("addAllowedPrefixesToDirectConnectGateway", add); err != nil {
		return nil, err
	}
	if err := dx.CheckAllowedPrefixes("removeAllowedPrefixesToDirectConnectGateway", remove); err != nil {
		return nil, err
	}
	var out dx.DirectConnectGatewayAssociationProposal
	err := s.Update(ctx, func(tx *core.Txn) error {
		target, ok, err := s.ec2.VirtualGateway(tx, caller.Account, caller.Region, in.GatewayID)
		if err != nil {
			return err
		}
		if !ok {
			return missingTarget(caller, in.GatewayID)
		}
		g, err := store.Load[dx.DirectConnectGatewayRecord](tx, store.DirectConnectGateways, in.DirectConnectGatewayID)
		if err != nil || !core.Owns(dx.Caller{Account: in.DirectConnectGatewayOwnerAccount}, g) || g.Deleted() {
			return core.NotFoundAs(orNotFound(err), missingGateway(in.DirectConnectGatewayID, in.DirectConnectGatewayOwnerAccount))
		}
		now := tx.Now
		p := &dx.GatewayProposalRecord{
			GatewayID: g.ID, GatewayOwner: g.Owner, AssociatedID: target.ID, AssociatedType: target.Type,
			AssociatedOwner: target.Owner, AssociatedRegion: target.Region, CreatedAt: now,
		}
		existing, err := s.associationBetween(tx, g.ID, target.ID, now)
		if err != nil {
			return err
		}
		if existing != nil {
			p.Existing = existing.AllowedPrefixes
			if p.Requested, err = dx.ChangePrefixes(existing.AllowedPrefixes, add, remove); err != nil {
				return err
			}
		} else {
			if len(remove) > 0 {
				return dx.Errorf("%s is not associated with Direct Connect gateway %s, so it has no allowed prefixes to remove; give addAllowedPrefixesToDirectConnectGateway only", target.ID, g.ID)
			}
			p.Requested = add
			if len(add) == 0 && target.Type == dx.VirtualPrivateGateway {
				p.Requested = target.VpcCidrs
			}
		}
		if err := dx.CheckAssociationPrefixes(target.Type, p.Requested); err != nil {
			return err
		}
		p.ID, err = insertWithUUID(tx, func(id string) (store.Row, error) {
			p.ID = id
			return store.Encode(proposalKey(p), p)
		})
		out = proposalView(p)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationProposalOutput{DirectConnectGatewayAssociationProposal: out}, nil
}

// DescribeDirectConnectGatewayAssociationProposals lists the proposals the
// caller made or received, narrowed by the filters given.
func (s *Service) DescribeDirectConnectGatewayAssociationProposals(ctx context.Context, caller dx.Caller, in *DescribeDirectConnectGatewayAssociationProposalsInput) (*DirectConnectGatewayAssociationProposalsOutput, error) {
	pg, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	var now time.Time // the transaction's
	keep := func(p *dx.GatewayProposalRecord) bool {
		return proposalVisible(p, caller) && s.Visible(p.DeletedAt, now) &&
			(in.DirectConnectGatewayID == "" || p.GatewayID == in.DirectConnectGatewayID) &&
			(in.AssociatedGatewayID == "" || p.AssociatedID == in.AssociatedGatewayID)
	}
	out := &DirectConnectGatewayAssociationProposalsOutput{DirectConnectGatewayAssociationProposals: []dx.DirectConnectGatewayAssociationProposal{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		now = tx.Now
		var rows []*dx.GatewayProposalRecord
		if in.ProposalID != "" {
			// An unknown ID lists nothing, as on AWS (the Terraform
			// provider's proposal finder treats any error as fatal).
			p, err := core.LoadIf(tx, store.GatewayProposals, in.ProposalID, store.ErrNotFound, keep)
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			rows = append(rows, p)
		} else {
			q := store.Query{Kind: store.GatewayProposals, Parent: in.DirectConnectGatewayID}
			if rows, out.NextToken, err = core.Scan(tx, q, pg, func(p *dx.GatewayProposalRecord) string { return p.ID }, keep); err != nil {
				return err
			}
		}
		for _, p := range rows {
			out.DirectConnectGatewayAssociationProposals = append(out.DirectConnectGatewayAssociationProposals, proposalView(p))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteDirectConnectGatewayAssociationProposal withdraws a proposal (its
// maker) or rejects it (the Direct Connect gateway's owner).
func (s *Service) DeleteDirectConnectGatewayAssociationProposal(ctx context.Context, caller dx.Caller, in *ProposalIDInput) (*DirectConnectGatewayAssociationProposalOutput, error) {
	var out dx.DirectConnectGatewayAssociationProposal
	err := s.Update(ctx, func(tx *core.Txn) error {
		p, err := store.Load[dx.GatewayProposalRecord](tx, store.GatewayProposals, in.ProposalID)
		if err != nil || !proposalVisible(p, caller) || p.State() == dx.ProposalDeleted {
			return core.NotFoundAs(orNotFound(err), missingProposal(in.ProposalID, caller))
		}
		p.DeletedAt = tx.Now
		out = proposalView(p)
		if err := s.Doom(tx, string(store.GatewayProposals), p.ID, s.DeletedGone(p.DeletedAt)); err != nil {
			return err
		}
		return putProposal(tx, p)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationProposalOutput{DirectConnectGatewayAssociationProposal: out}, nil
}

// AcceptDirectConnectGatewayAssociationProposal accepts a proposal made to
// the caller's Direct Connect gateway: the association is created, or its
// allowed prefixes change, with the requested prefixes or the override.
func (s *Service) AcceptDirectConnectGatewayAssociationProposal(ctx context.Context, caller dx.Caller, in *AcceptDirectConnectGatewayAssociationProposalInput) (*DirectConnectGatewayAssociationOutput, error) {
	override := cidrs(in.OverrideAllowedPrefixes)
	if err := dx.CheckAllowedPrefixes("overrideAllowedPrefixesToDirectConnectGateway", override); err != nil {
		return nil, err
	}
	var out dx.DirectConnectGatewayAssociation
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownGateway(tx, caller, in.DirectConnectGatewayID)
		if err != nil {
			return err
		}
		p, err := store.Load[dx.GatewayProposalRecord](tx, store.GatewayProposals, in.ProposalID)
		if err != nil || p.GatewayID != g.ID || p.State() == dx.ProposalDeleted {
			return core.NotFoundAs(orNotFound(err), dx.Errorf("Proposal %s does not exist for Direct Connect gateway %s", in.ProposalID, g.ID))
		}
		if !core.Owns(dx.Caller{Account: in.AssociatedGatewayOwnerAccount}, p) {
			return dx.Errorf("Proposal %s was made by account %s, the owner of %s, not by account %s; give associatedGatewayOwnerAccount %s",
				p.ID, p.AssociatedOwner, p.AssociatedID, in.AssociatedGatewayOwnerAccount, p.AssociatedOwner)
		}
		if p.State() == dx.ProposalAccepted {
			return dx.Errorf("Proposal %s was already accepted; its owner proposes again to change the association", p.ID)
		}
		prefixes := p.Requested
		if len(override) > 0 {
			prefixes = override
		}
		target, ok, err := s.ec2.VirtualGateway(tx, p.AssociatedOwner, p.AssociatedRegion, p.AssociatedID)
		if err != nil {
			return err
		}
		if !ok {
			return dx.Errorf("Gateway %s of account %s in region %s no longer exists; the proposal cannot be accepted", p.AssociatedID, p.AssociatedOwner, p.AssociatedRegion)
		}
		now := tx.Now
		a, err := s.associationBetween(tx, g.ID, target.ID, now)
		if err != nil {
			return err
		}
		if a != nil {
			if err := dx.CheckAssociationPrefixes(a.AssociatedType, prefixes); err != nil {
				return err
			}
			a.AllowedPrefixes, a.UpdatedAt = prefixes, now
			if err := putAssociation(tx, a); err != nil {
				return err
			}
		} else if a, err = s.associate(tx, g, target, prefixes, now); err != nil {
			return err
		}
		// The accepted proposal shows the prefixes accepted: an override
		// replaces what was requested. The Terraform AWS provider reads
		// them as the proposal's allowed_prefixes, and its
		// TestAccDirectConnectGatewayAssociation_allowedPrefixesVPNGatewayCrossAccount
		// expects the proposer's plan to show the difference
		// (gateway_association_proposal.go: "Accepting the proposal with
		// overridden prefixes changes the returned
		// RequestedAllowedPrefixesToDirectConnectGateway value").
		p.AcceptedAt, p.Requested = now, prefixes
		out = s.associationView(a, now)
		return putProposal(tx, p)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayAssociationOutput{DirectConnectGatewayAssociation: out}, nil
}
