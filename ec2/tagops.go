package ec2

import (
	"context"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// taggedResource is an EC2 resource whose tags CreateTags and DeleteTags
// change.
type taggedResource struct {
	tags *[]Tag
	save func() error
}

// loadTagged loads the caller's resource id by its prefix.
func loadTagged(tx store.Tx, caller dx.Caller, id string) (taggedResource, error) {
	switch {
	case strings.HasPrefix(id, TransitGatewayRTBPrefix):
		all, err := store.LoadAll[TransitGatewayRecord](tx, store.Query{Kind: store.TransitGateways, Account: caller.Account, Region: caller.Region})
		if err != nil {
			return taggedResource{}, err
		}
		for _, g := range all {
			if g.RouteTableID == id && !g.Deleted() {
				return taggedResource{&g.RouteTableTags, func() error { return store.Save(tx, transitGatewayKey(g), g) }}, nil
			}
		}
		return taggedResource{}, Errorf(InvalidTGWRouteTableNF, "Transit Gateway Route Table %s was deleted or does not exist.", id)
	case strings.HasPrefix(id, TransitGatewayPrefix):
		g, err := ownTransitGateway(tx, caller, id)
		if err != nil {
			return taggedResource{}, err
		}
		return taggedResource{&g.Tags, func() error { return store.Save(tx, transitGatewayKey(g), g) }}, nil
	case strings.HasPrefix(id, VpnGatewayPrefix):
		g, err := ownVpnGateway(tx, caller, id)
		if err != nil {
			return taggedResource{}, err
		}
		return taggedResource{&g.Tags, func() error { return store.Save(tx, vpnGatewayKey(g), g) }}, nil
	case strings.HasPrefix(id, VpcPrefix):
		v, err := ownVpc(tx, caller, id)
		if err != nil {
			return taggedResource{}, err
		}
		return taggedResource{&v.Tags, func() error { return store.Save(tx, vpcKey(v), v) }}, nil
	case strings.HasPrefix(id, RouteTablePrefix), strings.HasPrefix(id, NetworkAclPrefix), strings.HasPrefix(id, SecurityGroupPrefix):
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return taggedResource{}, err
		}
		for _, v := range all {
			if id == v.MainRouteTableID || id == v.DefaultNetworkAclID || id == v.DefaultSecurityGroupID {
				if v.ChildTags == nil {
					v.ChildTags = map[string][]Tag{}
				}
				tags := v.ChildTags[id]
				return taggedResource{&tags, func() error {
					v.ChildTags[id] = tags
					return store.Save(tx, vpcKey(v), v)
				}}, nil
			}
		}
		code := map[string]string{RouteTablePrefix: InvalidRouteTableNotFound, NetworkAclPrefix: InvalidNetworkAclNotFound, SecurityGroupPrefix: InvalidGroupNotFound}[id[:strings.Index(id, "-")+1]]
		return taggedResource{}, Errorf(code, "The ID '%s' does not exist", id)
	}
	return taggedResource{}, Errorf(InvalidID, "The ID '%s' is not valid: dxsim tags VPCs (vpc-), their route tables (rtb-), network ACLs (acl-) and security groups (sg-), virtual private gateways (vgw-), transit gateways (tgw-) and their route tables (tgw-rtb-)", id)
}

// CreateTags adds or overwrites tags on resources.
func (s *Service) CreateTags(ctx context.Context, caller dx.Caller, in *CreateTagsInput) (*ReturnOutput, error) {
	if len(in.ResourceIDs) == 0 {
		return nil, Errorf(MissingParameter, "The request must contain the parameter resourceIdSet")
	}
	if len(in.Tags) == 0 {
		return nil, Errorf(MissingParameter, "The request must contain the parameter tagSet")
	}
	set := make([]Tag, len(in.Tags))
	for i, t := range in.Tags {
		set[i] = Tag{Key: t.Key}
		if t.Value != nil {
			set[i].Value = *t.Value
		}
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		for _, id := range in.ResourceIDs {
			r, err := loadTagged(tx, caller, id)
			if err != nil {
				return err
			}
			if *r.tags, err = ApplyTags(*r.tags, set); err != nil {
				return err
			}
			if err := r.save(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DeleteTags removes tags from resources.
func (s *Service) DeleteTags(ctx context.Context, caller dx.Caller, in *CreateTagsInput) (*ReturnOutput, error) {
	if len(in.ResourceIDs) == 0 {
		return nil, Errorf(MissingParameter, "The request must contain the parameter resourceIdSet")
	}
	for _, t := range in.Tags {
		if err := CheckTagKey(t.Key); err != nil {
			return nil, err
		}
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		for _, id := range in.ResourceIDs {
			r, err := loadTagged(tx, caller, id)
			if err != nil {
				return err
			}
			if len(in.Tags) == 0 {
				*r.tags = nil // no Tag.N: every tag goes
			} else {
				*r.tags = RemoveTags(*r.tags, in.Tags)
			}
			if err := r.save(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DescribeEC2Tags (EC2 DescribeTags) lists the tags of the caller's EC2 resources in its Region.
func (s *Service) DescribeEC2Tags(ctx context.Context, caller dx.Caller, in *DescribeInput) (*DescribeEC2TagsOutput, error) {
	if err := CheckFilters(in.Filters, "resource-id", "resource-type", "key", "value"); err != nil {
		return nil, err
	}
	out := &DescribeEC2TagsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		var all []TagDescription
		add := func(id, typ string, tags []Tag) {
			for _, t := range tags {
				all = append(all, TagDescription{ResourceID: id, ResourceType: typ, Key: t.Key, Value: t.Value})
			}
		}
		vpcs, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		for _, v := range vpcs {
			add(v.ID, TypeVpc, v.Tags)
			add(v.MainRouteTableID, TypeRouteTable, v.ChildTags[v.MainRouteTableID])
			add(v.DefaultNetworkAclID, TypeNetworkAcl, v.ChildTags[v.DefaultNetworkAclID])
			add(v.DefaultSecurityGroupID, TypeSecurityGroup, v.ChildTags[v.DefaultSecurityGroupID])
		}
		vgws, err := store.LoadAll[VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Account: caller.Account, Region: caller.Region})
		if err != nil {
			return err
		}
		for _, g := range vgws {
			if !g.Deleted() {
				add(g.ID, TypeVpnGateway, g.Tags)
			}
		}
		tgws, err := s.callerTransitGateways(tx, caller)
		if err != nil {
			return err
		}
		for _, g := range tgws {
			if !g.Deleted() {
				add(g.ID, TypeTransitGateway, g.Tags)
				add(g.RouteTableID, TypeTransitGatewayRouteTable, g.RouteTableTags)
			}
		}
		var match []TagDescription
		for _, t := range all {
			if Match(in.Filters, Fields{"resource-id": {t.ResourceID}, "resource-type": {t.ResourceType}, "key": {t.Key}, "value": {t.Value}}, nil) {
				match = append(match, t)
			}
		}
		out.Tags, out.NextToken, err = ec2Page(match, func(t TagDescription) string { return t.ResourceID + "\x00" + t.Key }, *in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
