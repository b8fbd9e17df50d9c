package ec2

import (
	"context"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// ClassicLink is retired: EC2 still answers its Describe calls, and no VPC
// is enabled for it. Clients still ask: amazon.aws.ec2_vpc_net reads
// DescribeVpcClassicLink for every VPC it returns (get_classic_link_status),
// and ec2_vpc_net_info reads DescribeVpcClassicLinkDnsSupport too.

// VpcClassicLink is EC2's VpcClassicLink shape.
type VpcClassicLink struct {
	VpcID              string `xml:"vpcId"`
	ClassicLinkEnabled bool   `xml:"classicLinkEnabled"`
	Tags               []Tag  `xml:"tagSet>item,omitempty"`
}

// ClassicLinkDnsSupport is EC2's ClassicLinkDnsSupport shape.
type ClassicLinkDnsSupport struct {
	VpcID                   string `xml:"vpcId"`
	ClassicLinkDnsSupported bool   `xml:"classicLinkDnsSupported"`
}

type DescribeVpcClassicLinkInput struct {
	Filters []Filter `query:"Filter"`
	VpcIDs  []string `query:"VpcId"`
}

type DescribeVpcClassicLinkOutput struct {
	Vpcs []VpcClassicLink `xml:"vpcSet>item"`
}

type DescribeVpcClassicLinkDnsSupportInput struct {
	VpcIDs     []string `query:"VpcIds"`
	MaxResults *int32   `query:"MaxResults"`
	NextToken  string   `query:"NextToken"`
}

type DescribeVpcClassicLinkDnsSupportOutput struct {
	Vpcs      []ClassicLinkDnsSupport `xml:"vpcs>item"`
	NextToken string                  `xml:"nextToken,omitempty"`
}

// maxClassicLinkDnsResults is the largest MaxResults of
// DescribeVpcClassicLinkDnsSupport (EC2's model: 5 to 255).
const maxClassicLinkDnsResults = 255

// namedVpcs lists the caller's VPCs, those of ids when ids are given, each
// of which must exist.
func namedVpcs(tx *core.Txn, caller dx.Caller, ids []string) ([]*VpcRecord, error) {
	all, err := callerVpcs(tx, caller)
	if err != nil {
		return nil, err
	}
	if err := missingIDs(ids, func(id string) bool {
		return slices.ContainsFunc(all, func(v *VpcRecord) bool { return v.ID == id })
	}, InvalidVpcIDNotFound, "vpc"); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return all, nil
	}
	return slices.DeleteFunc(all, func(v *VpcRecord) bool { return !slices.Contains(ids, v.ID) }), nil
}

// DescribeVpcClassicLink answers the ClassicLink status of the caller's
// VPCs: disabled for every one.
func (s *Service) DescribeVpcClassicLink(ctx context.Context, caller dx.Caller, in *DescribeVpcClassicLinkInput) (*DescribeVpcClassicLinkOutput, error) {
	if err := CheckFilters(in.Filters, "is-classic-link-enabled"); err != nil {
		return nil, err
	}
	out := &DescribeVpcClassicLinkOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		vpcs, err := namedVpcs(tx, caller, in.VpcIDs)
		if err != nil {
			return err
		}
		for _, v := range vpcs {
			if Match(in.Filters, Fields{"is-classic-link-enabled": Bool(false)}, v.Tags) {
				out.Vpcs = append(out.Vpcs, VpcClassicLink{VpcID: v.ID, Tags: v.Tags})
			}
		}
		slices.SortFunc(out.Vpcs, func(a, b VpcClassicLink) int { return strings.Compare(a.VpcID, b.VpcID) })
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeVpcClassicLinkDnsSupport answers the ClassicLink DNS support of
// the caller's VPCs: off for every one.
func (s *Service) DescribeVpcClassicLinkDnsSupport(ctx context.Context, caller dx.Caller, in *DescribeVpcClassicLinkDnsSupportInput) (*DescribeVpcClassicLinkDnsSupportOutput, error) {
	if in.MaxResults != nil && *in.MaxResults > maxClassicLinkDnsResults {
		return nil, Errorf(InvalidParameterValue, "Value ( %d ) for parameter maxResults is invalid. Expecting a value between 5 and %d", *in.MaxResults, maxClassicLinkDnsResults)
	}
	out := &DescribeVpcClassicLinkDnsSupportOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		vpcs, err := namedVpcs(tx, caller, in.VpcIDs)
		if err != nil {
			return err
		}
		var all []ClassicLinkDnsSupport
		for _, v := range vpcs {
			all = append(all, ClassicLinkDnsSupport{VpcID: v.ID})
		}
		out.Vpcs, out.NextToken, err = ec2Page(all, func(c ClassicLinkDnsSupport) string { return c.VpcID },
			DescribeInput{MaxResults: in.MaxResults, NextToken: in.NextToken})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
