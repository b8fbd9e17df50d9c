package ec2

import (
	"context"
	"slices"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// The transit gateway attachments of type direct-connect-gateway: each
// Direct Connect gateway association of a transit gateway is one, and EC2
// shows it to both of its accounts, the transit gateway's owner and the
// Direct Connect gateway's (resourceOwnerId), in the transit gateway's
// Region.

// attachmentStates are the states of the transit gateway attachment a
// Direct Connect gateway association makes, by the association's state.
var attachmentStates = map[string]string{dx.Associating: ec2Pending, dx.Associated: ec2Available, dx.Updating: "modifying", dx.Disassociating: ec2Deleting, dx.Disassociated: ec2Deleted}

// attachedAssociations lists the transit gateway associations in the
// caller's Region that the caller is a side of: those of its transit
// gateways, and those of its Direct Connect gateways with another account's
// transit gateway (accepted proposals). The Terraform provider reads the
// latter: aws_dx_gateway_association, made by the Direct Connect gateway's
// owner accepting a proposal, reads transit_gateway_attachment_id with that
// owner's EC2 client (gateway_association.go
// findTransitGatewayAttachmentForDxGateway).
func attachedAssociations(tx store.Tx, caller dx.Caller) ([]*dx.GatewayAssociationRecord, error) {
	own, err := store.LoadAll[dx.GatewayAssociationRecord](tx, store.Query{Kind: store.GatewayAssociations, Account: caller.Account, Region: caller.Region})
	if err != nil {
		return nil, err
	}
	gws, err := store.LoadAll[dx.DirectConnectGatewayRecord](tx, store.Query{Kind: store.DirectConnectGateways, Account: caller.Account})
	if err != nil {
		return nil, err
	}
	for _, g := range gws {
		assocs, err := store.LoadAll[dx.GatewayAssociationRecord](tx, store.Query{Kind: store.GatewayAssociations, Parent: g.ID})
		if err != nil {
			return nil, err
		}
		for _, a := range assocs {
			// The caller's own transit gateways' associations are listed
			// already; these are in the caller's Region for another account.
			if a.AssociatedRegion == caller.Region && !core.IsAccount(caller, a.AssociatedOwner) {
				own = append(own, a)
			}
		}
	}
	return slices.DeleteFunc(own, func(a *dx.GatewayAssociationRecord) bool { return a.AssociatedType != dx.TransitGateway }), nil
}

// DescribeTransitGatewayAttachments lists the attachments of the caller's
// transit gateways and of its Direct Connect gateways: those their
// associations make. A deleted attachment stays listed as deleted for the
// retention period, as EC2 keeps it (terraform-provider-aws#46716).
func (s *Service) DescribeTransitGatewayAttachments(ctx context.Context, caller dx.Caller, in *DescribeTransitGatewayAttachmentsInput) (*DescribeTransitGatewayAttachmentsOutput, error) {
	if err := CheckFilters(in.Filters, "transit-gateway-attachment-id", "transit-gateway-id", "transit-gateway-owner-id", "resource-type",
		"resource-id", "resource-owner-id", "state", "association.state", "association.transit-gateway-route-table-id"); err != nil {
		return nil, err
	}
	out := &DescribeTransitGatewayAttachmentsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		assocs, err := attachedAssociations(tx, caller)
		if err != nil {
			return err
		}
		var atts []TransitGatewayAttachment
		var ids []string
		for _, a := range assocs {
			state := a.StateAt(s.Config.Timings.Gateway, now)
			if state == dx.Disassociated && !s.Retained(a.DeletedAt.Add(s.Config.Timings.Gateway), tx.Now) {
				continue
			}
			att := TransitGatewayAttachment{TransitGatewayAttachmentID: DirectConnectAttachmentID(a.ID), TransitGatewayID: a.AssociatedID,
				TransitGatewayOwnerID: a.AssociatedOwner, ResourceOwnerID: a.GatewayOwner, ResourceType: "direct-connect-gateway", ResourceID: a.GatewayID,
				State: attachmentStates[state], CreationTime: a.CreatedAt.UTC().Format(TimeFormat)}
			if g, err := store.Load[TransitGatewayRecord](tx, store.TransitGateways, a.AssociatedID); err == nil && g.Options.DefaultRouteTableAssociation == Enable && g.RouteTableID != "" {
				assocState := "associated"
				if state != dx.Associated && state != dx.Updating {
					assocState = map[string]string{dx.Associating: "associating", dx.Disassociating: "disassociating", dx.Disassociated: "disassociated"}[state]
				}
				att.Association = &TransitGatewayAttachmentAssociation{TransitGatewayRouteTableID: g.RouteTableID, State: assocState}
			}
			ids = append(ids, att.TransitGatewayAttachmentID)
			f := Fields{"transit-gateway-attachment-id": {att.TransitGatewayAttachmentID}, "transit-gateway-id": {att.TransitGatewayID},
				"transit-gateway-owner-id": {att.TransitGatewayOwnerID}, "resource-type": {att.ResourceType}, "resource-id": {att.ResourceID},
				"resource-owner-id": {att.ResourceOwnerID}, "state": {att.State}}
			if att.Association != nil {
				f["association.state"] = []string{att.Association.State}
				f["association.transit-gateway-route-table-id"] = []string{att.Association.TransitGatewayRouteTableID}
			}
			if (len(in.AttachmentIDs) == 0 || slices.Contains(in.AttachmentIDs, att.TransitGatewayAttachmentID)) && Match(in.Filters, f, nil) {
				atts = append(atts, att)
			}
		}
		if err := missingIDs(in.AttachmentIDs, func(id string) bool { return slices.Contains(ids, id) },
			"InvalidTransitGatewayAttachmentID.NotFound", "transit gateway attachment"); err != nil {
			return err
		}
		out.Attachments, out.NextToken, err = ec2Page(atts, func(a TransitGatewayAttachment) string { return a.TransitGatewayAttachmentID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
