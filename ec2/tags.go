package ec2

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxTags is EC2's quota of tags per resource.
const MaxTags = 50

// TagSpecification is TagSpecification.N of a create call.
type TagSpecification struct {
	ResourceType string `query:"ResourceType"`
	Tags         []Tag  `query:"Tag"`
}

// InputTag is Tag.N of CreateTags and DeleteTags; a DeleteTags tag
// without Value removes the key whatever its value.
type InputTag struct {
	Key   string  `query:"Key"`
	Value *string `query:"Value"`
}

// SpecifiedTags are the tags the specifications give a new resource of
// type typ; a specification for another type is refused, as EC2 does.
func SpecifiedTags(specs []TagSpecification, typ string) ([]Tag, error) {
	var out []Tag
	for _, s := range specs {
		if s.ResourceType != typ {
			return nil, Errorf(InvalidParameterValue, "'%s' is not a valid taggable resource type for this operation; use ResourceType %s", s.ResourceType, typ)
		}
		var err error
		if out, err = ApplyTags(out, s.Tags); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CheckTagKey checks a key a caller sets.
func CheckTagKey(k string) error {
	switch {
	case k == "":
		return Errorf(InvalidParameterValue, "Tag keys must not be empty")
	case utf8.RuneCountInString(k) > 128:
		return Errorf(InvalidParameterValue, "Tag key %q is longer than 128 characters", k)
	case strings.HasPrefix(strings.ToLower(k), "aws:"):
		return Errorf(InvalidParameterValue, "Tag key %q starts with aws:, which is reserved for AWS use", k)
	}
	return nil
}

// ApplyTags sets tags on have: a key already there takes the new value.
func ApplyTags(have, set []Tag) ([]Tag, error) {
	out := slices.Clone(have)
	for _, t := range set {
		if err := CheckTagKey(t.Key); err != nil {
			return nil, err
		}
		if utf8.RuneCountInString(t.Value) > 256 {
			return nil, Errorf(InvalidParameterValue, "The value of tag %q is longer than 256 characters", t.Key)
		}
		if i := slices.IndexFunc(out, func(o Tag) bool { return o.Key == t.Key }); i >= 0 {
			out[i].Value = t.Value
		} else {
			out = append(out, t)
		}
	}
	if len(out) > MaxTags {
		return nil, Errorf(TagLimitExceeded, "The maximum number of tags per resource is %d; this request would leave %d", MaxTags, len(out))
	}
	return out, nil
}

// RemoveTags removes the keys of del from have; a tag with a value is
// removed only when its value matches.
func RemoveTags(have []Tag, del []InputTag) []Tag {
	return slices.DeleteFunc(slices.Clone(have), func(t Tag) bool {
		return slices.ContainsFunc(del, func(d InputTag) bool { return d.Key == t.Key && (d.Value == nil || *d.Value == t.Value) })
	})
}
