package ec2

import (
	"errors"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func code(err error) string {
	var e *dx.Error
	if errors.As(err, &e) {
		return e.Type
	}
	return ""
}

func TestNewIDHas17HexDigitsAndIsID(t *testing.T) {
	for _, p := range []string{VpcPrefix, VpnGatewayPrefix, TransitGatewayRTBPrefix} {
		id := NewID(p)
		if len(id) != len(p)+17 || !IsID(id, p) {
			t.Errorf("NewID(%q) = %q", p, id)
		}
	}
	for id, want := range map[string]bool{"vpc-0123abcd": true, "vpc-0123456789abcdef0": true, "vpc-0123456789ABCDEF0": false, "vpc-0123": false, "vgw-0123abcd": false} {
		if IsID(id, VpcPrefix) != want {
			t.Errorf("IsID(%q, vpc-) = %v", id, !want)
		}
	}
}

func TestFilterMatchesAnyValueOfEachFilter(t *testing.T) {
	fields := Fields{"state": {"available"}, "attachment.vpc-id": {"vpc-a", "vpc-b"}}
	tags := []Tag{{Key: "env", Value: "prod"}}
	for _, tc := range []struct {
		filters []Filter
		want    bool
	}{
		{nil, true},
		{[]Filter{{Name: "state", Values: []string{"pending", "available"}}}, true},
		{[]Filter{{Name: "attachment.vpc-id", Values: []string{"vpc-b"}}}, true},
		{[]Filter{{Name: "state", Values: []string{"available"}}, {Name: "tag:env", Values: []string{"test"}}}, false},
		{[]Filter{{Name: "tag:env", Values: []string{"pr*"}}}, true},
		{[]Filter{{Name: "tag:env", Values: []string{"p?od"}}}, true},
		{[]Filter{{Name: "tag-key", Values: []string{"team"}}}, false},
		{[]Filter{{Name: "tag-value", Values: []string{"prod"}}}, true},
	} {
		if got := Match(tc.filters, fields, tags); got != tc.want {
			t.Errorf("Match(%v) = %v, want %v", tc.filters, got, tc.want)
		}
	}
}

func TestCheckFiltersRefusesUnknownNamesAndEmptyValues(t *testing.T) {
	if err := CheckFilters([]Filter{{Name: "tag:x", Values: []string{"y"}}, {Name: "state", Values: []string{"a"}}}, "state"); err != nil {
		t.Errorf("known filters refused: %v", err)
	}
	if code(CheckFilters([]Filter{{Name: "colour", Values: []string{"y"}}}, "state")) != InvalidParameterValue {
		t.Error("an unknown filter name is not InvalidParameterValue")
	}
	if code(CheckFilters([]Filter{{Name: "state"}}, "state")) != InvalidParameterValue {
		t.Error("a filter without values is not InvalidParameterValue")
	}
}

func TestApplyTagsOverwritesAndKeepsTheQuota(t *testing.T) {
	got, err := ApplyTags([]Tag{{Key: "a", Value: "1"}}, []Tag{{Key: "a", Value: "2"}, {Key: "b", Value: "3"}})
	if err != nil || len(got) != 2 || got[0].Value != "2" {
		t.Errorf("ApplyTags = %v, %v", got, err)
	}
	many := make([]Tag, MaxTags+1)
	for i := range many {
		many[i] = Tag{Key: string(rune('A' + i))}
	}
	if _, err := ApplyTags(nil, many); code(err) != TagLimitExceeded {
		t.Errorf("%d tags: %v, want TagLimitExceeded", len(many), err)
	}
	if _, err := ApplyTags(nil, []Tag{{Key: "aws:x"}}); code(err) != InvalidParameterValue {
		t.Errorf("an aws: key: %v, want InvalidParameterValue", err)
	}
}

func TestRemoveTagsMatchesValuesWhenGiven(t *testing.T) {
	v := "1"
	other := "2"
	have := []Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "1"}, {Key: "c", Value: "1"}}
	got := RemoveTags(have, []InputTag{{Key: "a", Value: &v}, {Key: "b", Value: &other}, {Key: "c"}})
	if len(got) != 1 || got[0].Key != "b" {
		t.Errorf("RemoveTags = %v, want b only", got)
	}
}

func TestSpecifiedTagsRefuseAnotherResourceType(t *testing.T) {
	if _, err := SpecifiedTags([]TagSpecification{{ResourceType: TypeVpnGateway, Tags: []Tag{{Key: "a"}}}}, TypeVpc); code(err) != InvalidParameterValue {
		t.Errorf("a vpn-gateway specification on a VPC: %v", err)
	}
	tags, err := SpecifiedTags([]TagSpecification{{ResourceType: TypeVpc, Tags: []Tag{{Key: "a", Value: "b"}}}}, TypeVpc)
	if err != nil || len(tags) != 1 {
		t.Errorf("SpecifiedTags = %v, %v", tags, err)
	}
}
