package service

import (
	"context"
	"net/netip"
	"slices"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/store"
)

// checkVpcCidr checks a VPC's IPv4 CIDR: a network between /16 and /28.
func checkVpcCidr(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return ec2.Errorf(ec2.InvalidParameterValue, "Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s)
	}
	if p.Bits() < 16 || p.Bits() > 28 {
		return ec2.Errorf(ec2.InvalidVpcRange, "The CIDR '%s' is invalid: a VPC's netmask must be between /16 and /28", s)
	}
	if p != p.Masked() {
		return ec2.Errorf(ec2.InvalidParameterValue, "Value (%s) for parameter cidrBlock is invalid. The address bits past the prefix length must be zero (%s)", s, p.Masked())
	}
	return nil
}

// CreateVpc creates a VPC with its main route table, default network ACL
// and default security group.
func (s *Service) CreateVpc(ctx context.Context, caller dx.Caller, in *CreateVpcInput) (*VpcOutput, error) {
	switch {
	case in.Ipv4IpamPoolID != "":
		return nil, ec2.Errorf(ec2.InvalidParameterValue, "dxsim has no IPAM pools (Ipv4IpamPoolId %s); give CidrBlock instead", in.Ipv4IpamPoolID)
	case in.CidrBlock == "":
		return nil, ec2.Errorf(ec2.MissingParameter, "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.")
	}
	if err := checkVpcCidr(in.CidrBlock); err != nil {
		return nil, err
	}
	tenancy := in.InstanceTenancy
	switch tenancy {
	case "":
		tenancy = "default"
	case "default", "dedicated":
	default:
		return nil, ec2.Errorf(ec2.InvalidParameterValue, "Value (%s) for parameter instanceTenancy is invalid; it must be default or dedicated", tenancy)
	}
	if in.AmazonProvidedIpv6CidrBlock != nil && *in.AmazonProvidedIpv6CidrBlock {
		return nil, ec2.Errorf(ec2.InvalidParameterValue, "dxsim's VPCs have IPv4 CIDRs only; leave AmazonProvidedIpv6CidrBlock unset")
	}
	tags, err := ec2.SpecifiedTags(in.TagSpecifications, ec2.TypeVpc)
	if err != nil {
		return nil, err
	}
	var out VpcOutput
	err = s.update(ctx, func(tx *txn) error {
		now := tx.now
		v := &ec2.VpcRecord{
			Owner: caller.Account, Region: caller.Region, CidrBlock: in.CidrBlock, InstanceTenancy: tenancy,
			CidrAssociationID: ec2.NewID(ec2.CidrBlockAssocPrefix), DhcpOptionsID: ec2.NewID(ec2.DhcpOptionsPrefix),
			EnableDnsSupport: true, MainRouteTableID: ec2.NewID(ec2.RouteTablePrefix), MainRouteTableAssocID: ec2.NewID(ec2.RouteTableAssocPrefix),
			DefaultNetworkAclID: ec2.NewID(ec2.NetworkAclPrefix), DefaultSecurityGroupID: ec2.NewID(ec2.SecurityGroupPrefix),
			Tags: tags, CreatedAt: now,
		}
		_, err := insertEC2(tx, ec2.VpcPrefix, func(id string) (store.Row, error) {
			v.ID = id
			return store.Encode(vpcKey(v), v)
		})
		out.Vpc = ec2.VpcView(v, s.vpcState(v, now))
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

var vpcFilters = []string{"vpc-id", "state", "cidr", "cidr-block-association.cidr-block", "cidr-block-association.state",
	"cidr-block-association.association-id", "dhcp-options-id", "is-default", "owner-id", "instance-tenancy"}

func (s *Service) vpcFields(v *ec2.VpcRecord, state string) ec2.Fields {
	return ec2.Fields{
		"vpc-id": {v.ID}, "state": {state}, "cidr": {v.CidrBlock}, "cidr-block-association.cidr-block": {v.CidrBlock},
		"cidr-block-association.state": {"associated"}, "cidr-block-association.association-id": {v.CidrAssociationID},
		"dhcp-options-id": {v.DhcpOptionsID}, "is-default": ec2.Bool(false), "owner-id": {v.Owner}, "instance-tenancy": {v.InstanceTenancy},
	}
}

// callerVpcs lists the caller's VPCs in its Region.
func callerVpcs(tx store.Tx, caller dx.Caller) ([]*ec2.VpcRecord, error) {
	all, err := store.LoadAll[ec2.VpcRecord](tx, store.Query{Kind: store.Vpcs, Account: caller.Account, Region: caller.Region})
	return slices.DeleteFunc(all, (*ec2.VpcRecord).Deleted), err
}

// DescribeVpcs lists the caller's VPCs in its Region.
func (s *Service) DescribeVpcs(ctx context.Context, caller dx.Caller, in *DescribeVpcsInput) (*DescribeVpcsOutput, error) {
	if err := ec2.CheckFilters(in.Filters, vpcFilters...); err != nil {
		return nil, err
	}
	out := &DescribeVpcsOutput{}
	err := s.view(ctx, func(tx *txn) error {
		now := tx.now
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.VpcIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *ec2.VpcRecord) bool { return v.ID == id })
		}, ec2.InvalidVpcIDNotFound, "vpc"); err != nil {
			return err
		}
		var vpcs []ec2.Vpc
		for _, v := range all {
			state := s.vpcState(v, now)
			if (len(in.VpcIDs) == 0 || slices.Contains(in.VpcIDs, v.ID)) && ec2.Match(in.Filters, s.vpcFields(v, state), v.Tags) {
				vpcs = append(vpcs, ec2.VpcView(v, state))
			}
		}
		out.Vpcs, out.NextToken, err = ec2Page(vpcs, func(v ec2.Vpc) string { return v.VpcID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteVpc deletes a VPC that has no virtual private gateway attached.
func (s *Service) DeleteVpc(ctx context.Context, caller dx.Caller, in *VpcIDInput) (*ReturnOutput, error) {
	err := s.update(ctx, func(tx *txn) error {
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		gws, err := store.LoadAll[ec2.VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Parent: v.ID})
		if err != nil {
			return err
		}
		now := tx.now
		for _, g := range gws {
			for _, a := range g.Attachments {
				if a.VpcID == v.ID && s.attachmentState(a, now) != dx.Detached {
					return ec2.Errorf(ec2.DependencyViolation, "The vpc '%s' has dependencies and cannot be deleted: virtual private gateway %s is %s to it; detach it (DetachVpnGateway) and wait until it is detached",
						v.ID, g.ID, s.attachmentState(a, now))
				}
			}
		}
		v.DeletedAt = now
		return store.Save(tx, vpcKey(v), v)
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// ModifyVpcAttribute sets one attribute of a VPC.
func (s *Service) ModifyVpcAttribute(ctx context.Context, caller dx.Caller, in *ModifyVpcAttributeInput) (*ReturnOutput, error) {
	var set []*ec2BoolParam
	for _, p := range []*ec2BoolParam{in.EnableDnsSupport, in.EnableDnsHostnames, in.EnableNetworkAddressUsageMetrics} {
		if p != nil {
			set = append(set, p)
		}
	}
	if len(set) != 1 {
		return nil, ec2.Errorf(ec2.InvalidParameterCombination, "Specify exactly one of EnableDnsSupport, EnableDnsHostnames and EnableNetworkAddressUsageMetrics per call; %d were given", len(set))
	}
	if set[0].Value == nil {
		return nil, ec2.Errorf(ec2.MissingParameter, "The attribute to modify needs its Value (true or false)")
	}
	err := s.update(ctx, func(tx *txn) error {
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		on := *set[0].Value
		switch set[0] {
		case in.EnableDnsSupport:
			v.EnableDnsSupport = on
		case in.EnableDnsHostnames:
			if on && !v.EnableDnsSupport {
				return ec2.Errorf(ec2.InvalidParameterValue, "DNS hostnames need DNS support: enable EnableDnsSupport on %s first", v.ID)
			}
			v.EnableDnsHostnames = on
		default:
			v.EnableNetworkAddressUsage = on
		}
		return store.Save(tx, vpcKey(v), v)
	})
	if err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DescribeVpcAttribute answers one attribute of a VPC.
func (s *Service) DescribeVpcAttribute(ctx context.Context, caller dx.Caller, in *DescribeVpcAttributeInput) (*DescribeVpcAttributeOutput, error) {
	if in.Attribute == "" {
		return nil, ec2.Errorf(ec2.MissingParameter, "The request must contain the parameter attribute")
	}
	out := &DescribeVpcAttributeOutput{}
	err := s.view(ctx, func(tx *txn) error {
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		out.VpcID = v.ID
		switch in.Attribute {
		case "enableDnsSupport":
			out.EnableDnsSupport = &ec2.BoolValue{Value: v.EnableDnsSupport}
		case "enableDnsHostnames":
			out.EnableDnsHostnames = &ec2.BoolValue{Value: v.EnableDnsHostnames}
		case "enableNetworkAddressUsageMetrics":
			out.EnableNetworkAddressUsageMetrics = &ec2.BoolValue{Value: v.EnableNetworkAddressUsage}
		default:
			return ec2.Errorf(ec2.InvalidParameterValue, "Value (%s) for parameter attribute is invalid; it must be enableDnsSupport, enableDnsHostnames or enableNetworkAddressUsageMetrics", in.Attribute)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeRouteTables lists the main route tables of the caller's VPCs.
func (s *Service) DescribeRouteTables(ctx context.Context, caller dx.Caller, in *DescribeRouteTablesInput) (*DescribeRouteTablesOutput, error) {
	if err := ec2.CheckFilters(in.Filters, "vpc-id", "route-table-id", "association.main", "association.route-table-association-id", "association.route-table-id", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeRouteTablesOutput{}
	err := s.view(ctx, func(tx *txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.RouteTableIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *ec2.VpcRecord) bool { return v.MainRouteTableID == id })
		}, ec2.InvalidRouteTableNotFound, "route table"); err != nil {
			return err
		}
		var rts []ec2.RouteTable
		for _, v := range all {
			rt := ec2.MainRouteTable(v)
			f := ec2.Fields{"vpc-id": {v.ID}, "route-table-id": {rt.RouteTableID}, "association.main": ec2.Bool(true),
				"association.route-table-association-id": {v.MainRouteTableAssocID}, "association.route-table-id": {rt.RouteTableID}, "owner-id": {v.Owner}}
			if (len(in.RouteTableIDs) == 0 || slices.Contains(in.RouteTableIDs, rt.RouteTableID)) && ec2.Match(in.Filters, f, rt.Tags) {
				rts = append(rts, rt)
			}
		}
		out.RouteTables, out.NextToken, err = ec2Page(rts, func(r ec2.RouteTable) string { return r.RouteTableID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeNetworkAcls lists the default network ACLs of the caller's VPCs.
func (s *Service) DescribeNetworkAcls(ctx context.Context, caller dx.Caller, in *DescribeNetworkAclsInput) (*DescribeNetworkAclsOutput, error) {
	if err := ec2.CheckFilters(in.Filters, "vpc-id", "network-acl-id", "default", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeNetworkAclsOutput{}
	err := s.view(ctx, func(tx *txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.NetworkAclIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *ec2.VpcRecord) bool { return v.DefaultNetworkAclID == id })
		}, ec2.InvalidNetworkAclNotFound, "network ACL"); err != nil {
			return err
		}
		var acls []ec2.NetworkAcl
		for _, v := range all {
			acl := ec2.DefaultNetworkAcl(v)
			f := ec2.Fields{"vpc-id": {v.ID}, "network-acl-id": {acl.NetworkAclID}, "default": ec2.Bool(true), "owner-id": {v.Owner}}
			if (len(in.NetworkAclIDs) == 0 || slices.Contains(in.NetworkAclIDs, acl.NetworkAclID)) && ec2.Match(in.Filters, f, acl.Tags) {
				acls = append(acls, acl)
			}
		}
		out.NetworkAcls, out.NextToken, err = ec2Page(acls, func(a ec2.NetworkAcl) string { return a.NetworkAclID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeSecurityGroups lists the default security groups of the
// caller's VPCs.
func (s *Service) DescribeSecurityGroups(ctx context.Context, caller dx.Caller, in *DescribeSecurityGroupsInput) (*DescribeSecurityGroupsOutput, error) {
	if err := ec2.CheckFilters(in.Filters, "vpc-id", "group-id", "group-name", "description", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupsOutput{}
	err := s.view(ctx, func(tx *txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.GroupIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *ec2.VpcRecord) bool { return v.DefaultSecurityGroupID == id })
		}, ec2.InvalidGroupNotFound, "security group"); err != nil {
			return err
		}
		var sgs []ec2.SecurityGroup
		for _, v := range all {
			sg := ec2.DefaultSecurityGroup(v)
			f := ec2.Fields{"vpc-id": {v.ID}, "group-id": {sg.GroupID}, "group-name": {sg.GroupName}, "description": {sg.GroupDescription}, "owner-id": {v.Owner}}
			if (len(in.GroupIDs) == 0 || slices.Contains(in.GroupIDs, sg.GroupID)) && (len(in.GroupNames) == 0 || slices.Contains(in.GroupNames, sg.GroupName)) &&
				ec2.Match(in.Filters, f, sg.Tags) {
				sgs = append(sgs, sg)
			}
		}
		out.SecurityGroups, out.NextToken, err = ec2Page(sgs, func(g ec2.SecurityGroup) string { return g.GroupID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
