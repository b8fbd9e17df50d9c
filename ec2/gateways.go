package ec2

import (
	"context"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Virtual private gateways and transit gateways created through EC2. They
// are the gateways Direct Connect associates with and attaches virtual
// interfaces to (see virtualgateways.go).

// checkAmazonSideAsn checks the ASN of a new gateway; 0 is the default.
func checkAmazonSideAsn(asn *int64) (int64, error) {
	if asn == nil {
		return dx.DefaultGatewayAsn, nil
	}
	if !dx.PrivateAsn(*asn) {
		return 0, Errorf(InvalidParameterValue, "Value ( %d ) for parameter amazonSideAsn is invalid. It must be a private ASN: 64512 to 65534 or 4200000000 to 4294967294", *asn)
	}
	return *asn, nil
}

func (s *Service) vpnGatewayView(g *VpnGatewayRecord, now time.Time) VpnGateway {
	out := VpnGateway{VpnGatewayID: g.ID, State: s.ec2State(g.CreatedAt, g.DeletedAt, now), Type: g.Type,
		AvailabilityZone: g.AvailabilityZone, AmazonSideAsn: g.AmazonSideAsn, Tags: g.Tags, Attachments: []VpcAttachmentOut{}}
	for _, a := range g.Attachments {
		out.Attachments = append(out.Attachments, VpcAttachmentOut{VpcID: a.VpcID, State: s.attachmentState(a, now)})
	}
	return out
}

// CreateVpnGateway creates a virtual private gateway.
func (s *Service) CreateVpnGateway(ctx context.Context, caller dx.Caller, in *CreateVpnGatewayInput) (*VpnGatewayOutput, error) {
	if n := utf8.RuneCountInString(in.AvailabilityZone); n > maxZoneName {
		return nil, Errorf(InvalidParameterValue, "The Availability Zone name is %d characters long; at most %d are allowed", n, maxZoneName)
	}
	switch in.Type {
	case "":
		return nil, Errorf(MissingParameter, "The request must contain the parameter type (ipsec.1)")
	case "ipsec.1":
	default:
		return nil, Errorf(InvalidParameterValue, "Value (%s) for parameter type is invalid; the only gateway type is ipsec.1", in.Type)
	}
	asn, err := checkAmazonSideAsn(in.AmazonSideAsn)
	if err != nil {
		return nil, err
	}
	tags, err := SpecifiedTags(in.TagSpecifications, TypeVpnGateway)
	if err != nil {
		return nil, err
	}
	var out VpnGatewayOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		g := &VpnGatewayRecord{Owner: caller.Account, Region: caller.Region, Type: in.Type, AvailabilityZone: in.AvailabilityZone,
			AmazonSideAsn: asn, Tags: tags, CreatedAt: now}
		_, err := core.InsertWithNewID(tx, NewID, VpnGatewayPrefix, func(id string) (store.Row, error) {
			g.ID = id
			return store.Encode(vpnGatewayKey(g), g)
		})
		out.VpnGateway = s.vpnGatewayView(g, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

var vpnGatewayFilters = []string{"vpn-gateway-id", "state", "type", "availability-zone", "amazon-side-asn", "attachment.vpc-id", "attachment.state"}

// DescribeVpnGateways lists the caller's virtual private gateways in its
// Region, deleted ones for a while in state deleted.
func (s *Service) DescribeVpnGateways(ctx context.Context, caller dx.Caller, in *DescribeVpnGatewaysInput) (*DescribeVpnGatewaysOutput, error) {
	if err := CheckFilters(in.Filters, vpnGatewayFilters...); err != nil {
		return nil, err
	}
	out := &DescribeVpnGatewaysOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		all, err := store.LoadAll[VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Account: caller.Account, Region: caller.Region})
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(g *VpnGatewayRecord) bool { return !s.Visible(g.DeletedAt, tx.Now) })
		if err := missingIDs(in.VpnGatewayIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(g *VpnGatewayRecord) bool { return g.ID == id })
		}, InvalidVpnGatewayNotFound, "vpnGateway"); err != nil {
			return err
		}
		for _, g := range all {
			v := s.vpnGatewayView(g, now)
			f := Fields{"vpn-gateway-id": {g.ID}, "state": {v.State}, "type": {g.Type}, "availability-zone": {g.AvailabilityZone},
				"amazon-side-asn": {strconv.FormatInt(g.AmazonSideAsn, 10)}}
			for _, a := range v.Attachments {
				f["attachment.vpc-id"] = append(f["attachment.vpc-id"], a.VpcID)
				f["attachment.state"] = append(f["attachment.state"], a.State)
			}
			if (len(in.VpnGatewayIDs) == 0 || slices.Contains(in.VpnGatewayIDs, g.ID)) && Match(in.Filters, f, g.Tags) {
				out.VpnGateways = append(out.VpnGateways, v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AttachVpnGateway attaches a virtual private gateway to a VPC: attaching,
// then attached. A gateway attaches to one VPC, and a VPC has one gateway.
func (s *Service) AttachVpnGateway(ctx context.Context, caller dx.Caller, in *VpnGatewayAttachmentInput) (*AttachVpnGatewayOutput, error) {
	var out AttachVpnGatewayOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownVpnGateway(tx, caller, in.VpnGatewayID)
		if err != nil {
			return err
		}
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		now := tx.Now
		if a, ok := g.Attachment(); ok {
			return Errorf(AttachmentLimitExceeded, "Virtual private gateway %s is already %s to %s; a virtual private gateway attaches to one VPC: detach it first",
				g.ID, s.attachmentState(a, now), a.VpcID)
		}
		others, err := store.LoadAll[VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Parent: v.ID})
		if err != nil {
			return err
		}
		for _, o := range others {
			if a, ok := o.Attachment(); ok && a.VpcID == v.ID {
				return Errorf(AttachmentLimitExceeded, "VPC %s already has virtual private gateway %s %s; a VPC has one virtual private gateway: detach that one first",
					v.ID, o.ID, s.attachmentState(a, now))
			}
		}
		a := VpcAttachment{VpcID: v.ID, AttachedAt: now}
		g.Attachments = append(g.Attachments, a)
		out.Attachment = VpcAttachmentOut{VpcID: v.ID, State: s.attachmentState(a, now)}
		return store.Save(tx, vpnGatewayKey(g), g)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DetachVpnGateway detaches a virtual private gateway from a VPC:
// detaching, then detached.
func (s *Service) DetachVpnGateway(ctx context.Context, caller dx.Caller, in *VpnGatewayAttachmentInput) (*ReturnOutput, error) {
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownVpnGateway(tx, caller, in.VpnGatewayID)
		if err != nil {
			return err
		}
		if in.VpcID == "" {
			return Errorf(MissingParameter, "The request must contain the parameter vpcId")
		}
		now := tx.Now
		for i := range g.Attachments {
			if a := &g.Attachments[i]; a.VpcID == in.VpcID && a.Live() {
				a.DetachedAt = now
				return store.Save(tx, vpnGatewayKey(g), g)
			}
		}
		return Errorf(InvalidAttachmentNotFound, "The attachment with vpn gateway ID '%s' and vpc ID '%s' does not exist", g.ID, in.VpcID)
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DeleteVpnGateway deletes a virtual private gateway that is attached to
// no VPC and used by no Direct Connect gateway association or virtual
// interface: deleting, then deleted.
func (s *Service) DeleteVpnGateway(ctx context.Context, caller dx.Caller, in *VpnGatewayIDInput) (*ReturnOutput, error) {
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownVpnGateway(tx, caller, in.VpnGatewayID)
		if err != nil {
			return err
		}
		now := tx.Now
		if err := s.checkGatewayUnused(tx, g.ID, g.Owner, g.Region, dx.VirtualPrivateGateway, now); err != nil {
			return err
		}
		for _, a := range g.Attachments {
			if st := s.attachmentState(a, now); st != dx.Detached {
				return Errorf(IncorrectState, "The vpnGateway '%s' is %s to %s; detach it (DetachVpnGateway) and wait until it is detached before deleting it", g.ID, st, a.VpcID)
			}
		}
		g.DeletedAt = now
		if err := s.Doom(tx, string(store.VpnGateways), g.ID, s.DeletedGone(g.DeletedAt)); err != nil {
			return err
		}
		return store.Save(tx, vpnGatewayKey(g), g)
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// checkGatewayUnused refuses to delete a gateway that a Direct Connect
// gateway association or a virtual interface still uses, with the code
// and words EC2 uses for a transit gateway in that case.
func (s *Service) checkGatewayUnused(tx store.Tx, id, owner, region, typ string, now time.Time) error {
	assocs, err := core.AssociationsOf(tx, s.Config.Timings.Gateway, &dx.VirtualGatewayRecord{ID: id, Owner: owner, Region: region, Type: typ}, now)
	if err != nil {
		return err
	}
	if len(assocs) > 0 {
		return Errorf(IncorrectState, "%s has non-deleted DirectConnect Gateway Attachments: association %s with Direct Connect gateway %s; delete the association (DeleteDirectConnectGatewayAssociation) first",
			id, assocs[0].ID, assocs[0].GatewayID)
	}
	if typ != dx.VirtualPrivateGateway {
		return nil
	}
	vifs, err := store.LoadAll[dx.VirtualInterfaceRecord](tx, store.Query{Kind: store.VirtualInterfaces, Account: owner, Region: region, Key: core.VirtualGatewayKey(id)})
	if err != nil {
		return err
	}
	for _, v := range vifs {
		if v.VirtualGatewayID == id && !v.Deleted() {
			return Errorf(IncorrectState, "%s has non-deleted DirectConnect virtual interfaces: %s is attached to it; delete the virtual interface (DeleteVirtualInterface) first", id, v.ID)
		}
	}
	return nil
}

// Transit gateways.

func (s *Service) transitGatewayView(g *TransitGatewayRecord, now time.Time) TransitGateway {
	return TransitGatewayView(g, s.ec2State(g.CreatedAt, g.DeletedAt, now))
}

// enableDisable checks an option that is enable or disable, with def
// when it is not given.
func enableDisable(name, v, def string) (string, error) {
	switch v {
	case "":
		return def, nil
	case Enable, Disable:
		return v, nil
	}
	return "", Errorf(InvalidParameterValue, "Value (%s) for parameter %s is invalid; it must be enable or disable", v, name)
}

// applyTransitGatewayOptions sets the options in on o, each from its
// default when creating.
func applyTransitGatewayOptions(o *TransitGatewayOptions, in *TransitGatewayOptionsInput) error {
	if in == nil {
		in = &TransitGatewayOptionsInput{}
	}
	if in.AmazonSideAsn != nil {
		asn, err := checkAmazonSideAsn(in.AmazonSideAsn)
		if err != nil {
			return err
		}
		o.AmazonSideAsn = asn
	}
	for _, f := range []struct {
		name string
		in   string
		out  *string
	}{
		{"AutoAcceptSharedAttachments", in.AutoAcceptSharedAttachments, &o.AutoAcceptSharedAttachments},
		{"DefaultRouteTableAssociation", in.DefaultRouteTableAssociation, &o.DefaultRouteTableAssociation},
		{"DefaultRouteTablePropagation", in.DefaultRouteTablePropagation, &o.DefaultRouteTablePropagation},
		{"DnsSupport", in.DnsSupport, &o.DnsSupport},
		{"MulticastSupport", in.MulticastSupport, &o.MulticastSupport},
		{"VpnEcmpSupport", in.VpnEcmpSupport, &o.VpnEcmpSupport},
		{"SecurityGroupReferencingSupport", in.SecurityGroupReferencingSupport, &o.SecurityGroupReferencingSupport},
	} {
		v, err := enableDisable(f.name, f.in, *f.out)
		if err != nil {
			return err
		}
		*f.out = v
	}
	blocks := slices.Concat(o.TransitGatewayCidrBlocks, in.TransitGatewayCidrBlocks, in.AddTransitGatewayCidrBlocks)
	blocks = slices.DeleteFunc(blocks, func(b string) bool { return slices.Contains(in.RemoveTransitGatewayCidrBlocks, b) })
	if err := dx.CheckAllowedPrefixes("TransitGatewayCidrBlocks", blocks); err != nil {
		return Errorf(InvalidParameterValue, "%s", err.(*dx.Error).Message)
	}
	if len(blocks) > MaxTransitGatewayCidrBlocks {
		return Errorf(InvalidParameterValue, "A transit gateway has at most %d CIDR blocks (a quota that cannot be increased); this request would give it %d", MaxTransitGatewayCidrBlocks, len(blocks))
	}
	o.TransitGatewayCidrBlocks = blocks
	return nil
}

// defaultTransitGatewayOptions are what CreateTransitGateway gives options
// not set.
var defaultTransitGatewayOptions = TransitGatewayOptions{
	AmazonSideAsn: dx.DefaultGatewayAsn, AutoAcceptSharedAttachments: Disable, DefaultRouteTableAssociation: Enable,
	DefaultRouteTablePropagation: Enable, DnsSupport: Enable, MulticastSupport: Disable, VpnEcmpSupport: Enable,
	SecurityGroupReferencingSupport: Disable,
}

// CreateTransitGateway creates a transit gateway and, when default route
// table association or propagation is enabled, its default route table.
func (s *Service) CreateTransitGateway(ctx context.Context, caller dx.Caller, in *CreateTransitGatewayInput) (*TransitGatewayOutput, error) {
	o := defaultTransitGatewayOptions
	if err := applyTransitGatewayOptions(&o, in.Options); err != nil {
		return nil, err
	}
	tags, err := SpecifiedTags(in.TagSpecifications, TypeTransitGateway)
	if err != nil {
		return nil, err
	}
	if err := checkDescription(in.Description); err != nil {
		return nil, err
	}
	var out TransitGatewayOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		g := &TransitGatewayRecord{Owner: caller.Account, Region: caller.Region, Description: in.Description, Options: o, Tags: tags, CreatedAt: now}
		if o.DefaultRouteTableAssociation == Enable || o.DefaultRouteTablePropagation == Enable {
			g.RouteTableID = NewID(TransitGatewayRTBPrefix)
		}
		_, err := core.InsertWithNewID(tx, NewID, TransitGatewayPrefix, func(id string) (store.Row, error) {
			g.ID = id
			return store.Encode(transitGatewayKey(g), g)
		})
		out.TransitGateway = s.transitGatewayView(g, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// callerTransitGateways lists the caller's visible transit gateways.
func (s *Service) callerTransitGateways(tx *core.Txn, caller dx.Caller) ([]*TransitGatewayRecord, error) {
	all, err := store.LoadAll[TransitGatewayRecord](tx, store.Query{Kind: store.TransitGateways, Account: caller.Account, Region: caller.Region})
	return slices.DeleteFunc(all, func(g *TransitGatewayRecord) bool { return !s.Visible(g.DeletedAt, tx.Now) }), err
}

// DescribeTransitGateways lists the caller's transit gateways in its
// Region, deleted ones for a while in state deleted.
func (s *Service) DescribeTransitGateways(ctx context.Context, caller dx.Caller, in *DescribeTransitGatewaysInput) (*DescribeTransitGatewaysOutput, error) {
	if err := CheckFilters(in.Filters, "transit-gateway-id", "state", "owner-id", "options.amazon-side-asn",
		"options.association-default-route-table-id", "options.propagation-default-route-table-id", "options.default-route-table-association",
		"options.default-route-table-propagation", "options.dns-support", "options.vpn-ecmp-support", "options.auto-accept-shared-attachments"); err != nil {
		return nil, err
	}
	out := &DescribeTransitGatewaysOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		all, err := s.callerTransitGateways(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.TransitGatewayIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(g *TransitGatewayRecord) bool { return g.ID == id })
		}, InvalidTransitGatewayNF, "transitGateway"); err != nil {
			return err
		}
		var tgws []TransitGateway
		for _, g := range all {
			v := s.transitGatewayView(g, now)
			o := v.Options
			f := Fields{"transit-gateway-id": {g.ID}, "state": {v.State}, "owner-id": {g.Owner}, "options.amazon-side-asn": {strconv.FormatInt(o.AmazonSideAsn, 10)},
				"options.association-default-route-table-id": {o.AssociationDefaultRouteTableID}, "options.propagation-default-route-table-id": {o.PropagationDefaultRouteTableID},
				"options.default-route-table-association": {o.DefaultRouteTableAssociation}, "options.default-route-table-propagation": {o.DefaultRouteTablePropagation},
				"options.dns-support": {o.DnsSupport}, "options.vpn-ecmp-support": {o.VpnEcmpSupport}, "options.auto-accept-shared-attachments": {o.AutoAcceptSharedAttachments}}
			if (len(in.TransitGatewayIDs) == 0 || slices.Contains(in.TransitGatewayIDs, g.ID)) && Match(in.Filters, f, g.Tags) {
				tgws = append(tgws, v)
			}
		}
		out.TransitGateways, out.NextToken, err = ec2Page(tgws, func(g TransitGateway) string { return g.TransitGatewayID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ModifyTransitGateway changes a transit gateway's description and options.
func (s *Service) ModifyTransitGateway(ctx context.Context, caller dx.Caller, in *ModifyTransitGatewayInput) (*TransitGatewayOutput, error) {
	if in.Description != nil {
		if err := checkDescription(*in.Description); err != nil {
			return nil, err
		}
	}
	var out TransitGatewayOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownTransitGateway(tx, caller, in.TransitGatewayID)
		if err != nil {
			return err
		}
		now := tx.Now
		if st := s.ec2State(g.CreatedAt, g.DeletedAt, now); st != ec2Available {
			return Errorf(IncorrectState, "Transit Gateway %s is %s; it can be modified once it is available", g.ID, st)
		}
		if in.Description != nil {
			g.Description = *in.Description
		}
		if in.Options != nil && in.Options.AmazonSideAsn != nil && *in.Options.AmazonSideAsn != g.Options.AmazonSideAsn {
			if assocs, err := core.AssociationsOf(tx, s.Config.Timings.Gateway, &dx.VirtualGatewayRecord{ID: g.ID, Owner: g.Owner, Region: g.Region, Type: dx.TransitGateway}, now); err != nil || len(assocs) > 0 {
				if err != nil {
					return err
				}
				return Errorf(IncorrectState, "The Amazon side ASN of %s cannot change while it is associated with Direct Connect gateway %s", g.ID, assocs[0].GatewayID)
			}
		}
		if err := applyTransitGatewayOptions(&g.Options, in.Options); err != nil {
			return err
		}
		out.TransitGateway = s.transitGatewayView(g, now)
		return store.Save(tx, transitGatewayKey(g), g)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteTransitGateway deletes a transit gateway that no Direct Connect
// gateway association uses: deleting, then deleted.
func (s *Service) DeleteTransitGateway(ctx context.Context, caller dx.Caller, in *TransitGatewayIDInput) (*TransitGatewayOutput, error) {
	var out TransitGatewayOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownTransitGateway(tx, caller, in.TransitGatewayID)
		if err != nil {
			return err
		}
		now := tx.Now
		if err := s.checkGatewayUnused(tx, g.ID, g.Owner, g.Region, dx.TransitGateway, now); err != nil {
			return err
		}
		g.DeletedAt = now
		out.TransitGateway = s.transitGatewayView(g, now)
		if err := s.Doom(tx, string(store.TransitGateways), g.ID, s.DeletedGone(g.DeletedAt)); err != nil {
			return err
		}
		return store.Save(tx, transitGatewayKey(g), g)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DescribeTransitGatewayRouteTables lists the default route tables of the
// caller's transit gateways.
func (s *Service) DescribeTransitGatewayRouteTables(ctx context.Context, caller dx.Caller, in *DescribeTransitGatewayRouteTablesInput) (*DescribeTransitGatewayRouteTablesOutput, error) {
	if err := CheckFilters(in.Filters, "transit-gateway-id", "transit-gateway-route-table-id", "state",
		"default-association-route-table", "default-propagation-route-table"); err != nil {
		return nil, err
	}
	out := &DescribeTransitGatewayRouteTablesOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		all, err := s.callerTransitGateways(tx, caller)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(g *TransitGatewayRecord) bool { return g.RouteTableID == "" })
		if err := missingIDs(in.RouteTableIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(g *TransitGatewayRecord) bool { return g.RouteTableID == id })
		}, InvalidTGWRouteTableNF, "transit gateway route table"); err != nil {
			return err
		}
		var rts []TransitGatewayRouteTable
		for _, g := range all {
			rt := RouteTableView(g, s.ec2State(g.CreatedAt, g.DeletedAt, now))
			f := Fields{"transit-gateway-id": {g.ID}, "transit-gateway-route-table-id": {rt.TransitGatewayRouteTableID}, "state": {rt.State},
				"default-association-route-table": Bool(rt.DefaultAssociationRouteTable), "default-propagation-route-table": Bool(rt.DefaultPropagationRouteTable)}
			if (len(in.RouteTableIDs) == 0 || slices.Contains(in.RouteTableIDs, rt.TransitGatewayRouteTableID)) && Match(in.Filters, f, rt.Tags) {
				rts = append(rts, rt)
			}
		}
		out.RouteTables, out.NextToken, err = ec2Page(rts, func(r TransitGatewayRouteTable) string { return r.TransitGatewayRouteTableID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Bounds of what a caller stores on EC2's gateways.
const (
	// MaxTransitGatewayCidrBlocks is EC2's quota of CIDR blocks per
	// transit gateway.
	MaxTransitGatewayCidrBlocks = 5
	maxDescription              = 255 // a transit gateway's description
	maxZoneName                 = 64  // longer than every zone's name
)

// checkDescription checks a transit gateway's description.
func checkDescription(d string) error {
	if n := utf8.RuneCountInString(d); n > maxDescription {
		return Errorf(InvalidParameterValue, "The description is %d characters long; at most %d are allowed", n, maxDescription)
	}
	return nil
}
