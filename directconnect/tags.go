package directconnect

import (
	"context"
	"slices"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// taggable is a resource addressed by ARN for tagging.
type taggable struct {
	tags *[]dx.Tag
	save func(store.Tx) error
}

// loadTaggable loads the resource an ARN names, if the caller may see it.
func loadTaggable(tx store.Tx, caller dx.Caller, arn string) (taggable, error) {
	a, err := dx.ParseARN(arn)
	if err != nil {
		return taggable{}, err
	}
	missing := dx.Errorf("Resource %s does not exist for account %s in region %s", arn, caller.Account, caller.Region)
	region := caller.Region
	if a.Type == dx.ARNGateway || a.Type == dx.ARNResiliencyGroup {
		region = "" // their ARNs name no Region
	}
	if !core.IsAccount(caller, a.Account) || a.Region != region {
		return taggable{}, missing
	}
	switch a.Type {
	case dx.ARNConnection:
		c, err := ownConnection(tx, caller, a.ID)
		if err != nil {
			return taggable{}, missing
		}
		return taggable{&c.Tags, func(tx store.Tx) error { return core.SaveConnection(tx, c) }}, nil
	case dx.ARNVirtualInterface:
		v, err := ownVIF(tx, caller, a.ID)
		if err != nil {
			return taggable{}, missing
		}
		return taggable{&v.Tags, func(tx store.Tx) error { return core.SaveVirtualInterface(tx, v) }}, nil
	case dx.ARNGateway:
		g, err := ownGateway(tx, caller, a.ID)
		if err != nil {
			return taggable{}, missing
		}
		return taggable{&g.Tags, func(tx store.Tx) error { return putGateway(tx, g) }}, nil
	case dx.ARNResiliencyGroup:
		g, err := ownResiliencyGroup(tx, caller, a.ID)
		if err != nil {
			return taggable{}, missing
		}
		return taggable{&g.Tags, func(tx store.Tx) error { return putResiliencyGroup(tx, g) }}, nil
	case dx.ARNLag:
		l, err := ownLag(tx, caller, a.ID)
		if err != nil {
			return taggable{}, missing
		}
		return taggable{&l.Tags, func(tx store.Tx) error { return core.SaveLag(tx, l) }}, nil
	}
	return taggable{}, dx.Errorf("Resource type %q of %s cannot be tagged; taggable types are dxcon, dxlag, dxvif, dx-gateway and dx-resiliency-group", a.Type, arn)
}

// TagResource adds or replaces tags on a resource.
func (s *Service) TagResource(ctx context.Context, caller dx.Caller, in *TagResourceInput) (*Empty, error) {
	if len(in.Tags) == 0 {
		return nil, dx.Errorf("tags must list at least one tag to add to %s", in.ResourceArn)
	}
	if err := dx.CheckTags(in.Tags); err != nil {
		return nil, err
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		r, err := loadTaggable(tx, caller, in.ResourceArn)
		if err != nil {
			return err
		}
		if *r.tags, err = dx.MergeTags(*r.tags, in.Tags); err != nil {
			return err
		}
		return r.save(tx)
	})
	return &Empty{}, err
}

// UntagResource removes the named tag keys from a resource.
func (s *Service) UntagResource(ctx context.Context, caller dx.Caller, in *UntagResourceInput) (*Empty, error) {
	for _, k := range in.TagKeys {
		if err := dx.CheckTagKey(k); err != nil {
			return nil, err
		}
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		r, err := loadTaggable(tx, caller, in.ResourceArn)
		if err != nil {
			return err
		}
		*r.tags = slices.DeleteFunc(*r.tags, func(t dx.Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
		return r.save(tx)
	})
	return &Empty{}, err
}

// DescribeTags lists the tags of each resource named.
func (s *Service) DescribeTags(ctx context.Context, caller dx.Caller, in *DescribeTagsInput) (*DescribeTagsOutput, error) {
	out := &DescribeTagsOutput{ResourceTags: []ResourceTag{}}
	err := s.View(ctx, func(tx *core.Txn) error {
		for _, arn := range in.ResourceArns {
			r, err := loadTaggable(tx, caller, arn)
			if err != nil {
				return err
			}
			tags := *r.tags
			if tags == nil {
				tags = []dx.Tag{}
			}
			out.ResourceTags = append(out.ResourceTags, ResourceTag{ResourceArn: arn, Tags: tags})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
