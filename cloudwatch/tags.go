package cloudwatch

import (
	"context"
	"slices"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Tags of alarms, by the alarm's ARN. Contributor Insights rules, the
// other resource CloudWatch tags, are not served.

// taggedAlarm loads the caller's alarm of arn, or answers
// ResourceNotFoundException.
func taggedAlarm(tx store.Tx, caller dx.Caller, arn string) (*AlarmRecord, error) {
	if arn == "" {
		return nil, missing("ResourceARN")
	}
	missingAlarm := notFound(ResourceNotFoundException, "The specified resource %s does not exist in account %s, %s; a taggable resource is an alarm ARN such as %s", arn, caller.Account, caller.Region, AlarmARN(caller.Region, caller.Account, "my-alarm"))
	if alarmNameOf(arn, caller) == "" {
		return nil, missingAlarm
	}
	return core.LoadOwned[AlarmRecord](tx, store.Alarms, arn, caller, missingAlarm, nil)
}

// TagResource adds tags to an alarm, replacing the values of keys it has.
func (s *Service) TagResource(ctx context.Context, caller dx.Caller, in *TagResourceInput) (*Empty, error) {
	if len(in.Tags) == 0 {
		return nil, missing("Tags")
	}
	if err := checkTags("Tags", in.Tags); err != nil {
		return nil, err
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		a, err := taggedAlarm(tx, caller, in.ResourceARN)
		if err != nil {
			return err
		}
		tags := slices.Clone(a.Tags)
		for _, t := range in.Tags {
			if i := slices.IndexFunc(tags, func(o Tag) bool { return o.Key == t.Key }); i >= 0 {
				tags[i] = t
			} else {
				tags = append(tags, t)
			}
		}
		if len(tags) > maxTags {
			return errorf(LimitExceeded, "Alarm %s would have %d tags; a resource has at most %d.", a.Name, len(tags), maxTags)
		}
		a.Tags = tags
		return saveAlarm(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

// UntagResource removes tags from an alarm; keys it lacks are ignored.
func (s *Service) UntagResource(ctx context.Context, caller dx.Caller, in *UntagResourceInput) (*Empty, error) {
	if len(in.TagKeys) == 0 {
		return nil, missing("TagKeys")
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		a, err := taggedAlarm(tx, caller, in.ResourceARN)
		if err != nil {
			return err
		}
		a.Tags = slices.DeleteFunc(slices.Clone(a.Tags), func(t Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
		return saveAlarm(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

// ListTagsForResource lists an alarm's tags.
func (s *Service) ListTagsForResource(ctx context.Context, caller dx.Caller, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	out := &ListTagsForResourceOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		a, err := taggedAlarm(tx, caller, in.ResourceARN)
		if err != nil {
			return err
		}
		out.Tags = append([]Tag{}, a.Tags...)
		return nil
	})
	return out, err
}
