package ec2

import (
	"context"
	"net/netip"
	"slices"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// checkVpcCidr checks a VPC's IPv4 CIDR: a network between /16 and /28.
func checkVpcCidr(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return Errorf(InvalidParameterValue, "Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s)
	}
	if p.Bits() < 16 || p.Bits() > 28 {
		return Errorf(InvalidVpcRange, "The CIDR '%s' is invalid: a VPC's netmask must be between /16 and /28", s)
	}
	if p != p.Masked() {
		return Errorf(InvalidParameterValue, "Value (%s) for parameter cidrBlock is invalid. The address bits past the prefix length must be zero (%s)", s, p.Masked())
	}
	return nil
}

// CreateVpc creates a VPC with its main route table, default network ACL
// and default security group.
func (s *Service) CreateVpc(ctx context.Context, caller dx.Caller, in *CreateVpcInput) (*VpcOutput, error) {
	switch {
	case in.Ipv4IpamPoolID != "":
		return nil, Errorf(InvalidParameterValue, "dxsim has no IPAM pools (Ipv4IpamPoolId %s); give CidrBlock instead", in.Ipv4IpamPoolID)
	case in.CidrBlock == "":
		return nil, Errorf(MissingParameter, "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.")
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
		return nil, Errorf(InvalidParameterValue, "Value (%s) for parameter instanceTenancy is invalid; it must be default or dedicated", tenancy)
	}
	if in.AmazonProvidedIpv6CidrBlock != nil && *in.AmazonProvidedIpv6CidrBlock {
		return nil, Errorf(InvalidParameterValue, "dxsim's VPCs have IPv4 CIDRs only; leave AmazonProvidedIpv6CidrBlock unset")
	}
	tags, err := SpecifiedTags(in.TagSpecifications, TypeVpc)
	if err != nil {
		return nil, err
	}
	var out VpcOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		v := &VpcRecord{
			Owner: caller.Account, Region: caller.Region, CidrBlock: in.CidrBlock, InstanceTenancy: tenancy,
			CidrAssociationID: NewID(CidrBlockAssocPrefix), DhcpOptionsID: NewID(DhcpOptionsPrefix),
			EnableDnsSupport: true, MainRouteTableID: NewID(RouteTablePrefix), MainRouteTableAssocID: NewID(RouteTableAssocPrefix),
			DefaultNetworkAclID: NewID(NetworkAclPrefix), DefaultSecurityGroupID: NewID(SecurityGroupPrefix),
			Tags: tags, CreatedAt: now,
		}
		_, err := core.InsertWithNewID(tx, NewID, VpcPrefix, func(id string) (store.Row, error) {
			v.ID = id
			return store.Encode(vpcKey(v), v)
		})
		out.Vpc = VpcView(v, s.vpcState(v, now))
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// vpcFilters are DescribeVpcs' filters: those EC2 documents, and
// cidr-block, which EC2 accepts as the primary CIDR (cidr) though it does
// not document it: amazon.aws.ec2_vpc_net finds an existing VPC by
// tag:Name and cidr-block (vpc_exists), and moto answers it as cidr. dxsim's
// VPCs have no IPv6 CIDR, so the ipv6-cidr-block-association filters match
// none.
var vpcFilters = []string{"vpc-id", "state", "cidr", "cidr-block", "cidr-block-association.cidr-block", "cidr-block-association.state",
	"cidr-block-association.association-id", "ipv6-cidr-block-association.ipv6-cidr-block", "ipv6-cidr-block-association.ipv6-pool",
	"ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state", "dhcp-options-id", "is-default", "owner-id",
	"instance-tenancy"}

func (s *Service) vpcFields(v *VpcRecord, state string) Fields {
	return Fields{
		"vpc-id": {v.ID}, "state": {state}, "cidr": {v.CidrBlock}, "cidr-block": {v.CidrBlock}, "cidr-block-association.cidr-block": {v.CidrBlock},
		"cidr-block-association.state": {"associated"}, "cidr-block-association.association-id": {v.CidrAssociationID},
		"dhcp-options-id": {v.DhcpOptionsID}, "is-default": Bool(false), "owner-id": {v.Owner}, "instance-tenancy": {v.InstanceTenancy},
	}
}

// callerVpcs lists the caller's VPCs in its Region.
func callerVpcs(tx store.Tx, caller dx.Caller) ([]*VpcRecord, error) {
	all, err := store.LoadAll[VpcRecord](tx, store.Query{Kind: store.Vpcs, Account: caller.Account, Region: caller.Region})
	return slices.DeleteFunc(all, (*VpcRecord).Deleted), err
}

// DescribeVpcs lists the caller's VPCs in its Region.
func (s *Service) DescribeVpcs(ctx context.Context, caller dx.Caller, in *DescribeVpcsInput) (*DescribeVpcsOutput, error) {
	if err := CheckFilters(in.Filters, vpcFilters...); err != nil {
		return nil, err
	}
	out := &DescribeVpcsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		now := tx.Now
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.VpcIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *VpcRecord) bool { return v.ID == id })
		}, InvalidVpcIDNotFound, "vpc"); err != nil {
			return err
		}
		var vpcs []Vpc
		for _, v := range all {
			state := s.vpcState(v, now)
			if (len(in.VpcIDs) == 0 || slices.Contains(in.VpcIDs, v.ID)) && Match(in.Filters, s.vpcFields(v, state), v.Tags) {
				vpcs = append(vpcs, VpcView(v, state))
			}
		}
		out.Vpcs, out.NextToken, err = ec2Page(vpcs, func(v Vpc) string { return v.VpcID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteVpc deletes a VPC that has no virtual private gateway attached.
func (s *Service) DeleteVpc(ctx context.Context, caller dx.Caller, in *VpcIDInput) (*ReturnOutput, error) {
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		gws, err := store.LoadAll[VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Parent: v.ID})
		if err != nil {
			return err
		}
		now := tx.Now
		for _, g := range gws {
			for _, a := range g.Attachments {
				if a.VpcID == v.ID && s.attachmentState(a, now) != dx.Detached {
					return Errorf(DependencyViolation, "The vpc '%s' has dependencies and cannot be deleted: virtual private gateway %s is %s to it; detach it (DetachVpnGateway) and wait until it is detached",
						v.ID, g.ID, s.attachmentState(a, now))
				}
			}
		}
		v.DeletedAt = now
		if err := s.Doom(tx, string(store.Vpcs), v.ID, v.DeletedAt); err != nil {
			return err
		}
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
		return nil, Errorf(InvalidParameterCombination, "Specify exactly one of EnableDnsSupport, EnableDnsHostnames and EnableNetworkAddressUsageMetrics per call; %d were given", len(set))
	}
	if set[0].Value == nil {
		return nil, Errorf(MissingParameter, "The attribute to modify needs its Value (true or false)")
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
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
				return Errorf(InvalidParameterValue, "DNS hostnames need DNS support: enable EnableDnsSupport on %s first", v.ID)
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
		return nil, Errorf(MissingParameter, "The request must contain the parameter attribute")
	}
	out := &DescribeVpcAttributeOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		v, err := ownVpc(tx, caller, in.VpcID)
		if err != nil {
			return err
		}
		out.VpcID = v.ID
		switch in.Attribute {
		case "enableDnsSupport":
			out.EnableDnsSupport = &BoolValue{Value: v.EnableDnsSupport}
		case "enableDnsHostnames":
			out.EnableDnsHostnames = &BoolValue{Value: v.EnableDnsHostnames}
		case "enableNetworkAddressUsageMetrics":
			out.EnableNetworkAddressUsageMetrics = &BoolValue{Value: v.EnableNetworkAddressUsage}
		default:
			return Errorf(InvalidParameterValue, "Value (%s) for parameter attribute is invalid; it must be enableDnsSupport, enableDnsHostnames or enableNetworkAddressUsageMetrics", in.Attribute)
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
	if err := CheckFilters(in.Filters, "vpc-id", "route-table-id", "association.main", "association.route-table-association-id", "association.route-table-id", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeRouteTablesOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.RouteTableIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *VpcRecord) bool { return v.MainRouteTableID == id })
		}, InvalidRouteTableNotFound, "route table"); err != nil {
			return err
		}
		var rts []RouteTable
		for _, v := range all {
			rt := MainRouteTable(v)
			f := Fields{"vpc-id": {v.ID}, "route-table-id": {rt.RouteTableID}, "association.main": Bool(true),
				"association.route-table-association-id": {v.MainRouteTableAssocID}, "association.route-table-id": {rt.RouteTableID}, "owner-id": {v.Owner}}
			if (len(in.RouteTableIDs) == 0 || slices.Contains(in.RouteTableIDs, rt.RouteTableID)) && Match(in.Filters, f, rt.Tags) {
				rts = append(rts, rt)
			}
		}
		out.RouteTables, out.NextToken, err = ec2Page(rts, func(r RouteTable) string { return r.RouteTableID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeNetworkAcls lists the default network ACLs of the caller's VPCs.
func (s *Service) DescribeNetworkAcls(ctx context.Context, caller dx.Caller, in *DescribeNetworkAclsInput) (*DescribeNetworkAclsOutput, error) {
	if err := CheckFilters(in.Filters, "vpc-id", "network-acl-id", "default", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeNetworkAclsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.NetworkAclIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *VpcRecord) bool { return v.DefaultNetworkAclID == id })
		}, InvalidNetworkAclNotFound, "network ACL"); err != nil {
			return err
		}
		var acls []NetworkAcl
		for _, v := range all {
			acl := DefaultNetworkAcl(v)
			f := Fields{"vpc-id": {v.ID}, "network-acl-id": {acl.NetworkAclID}, "default": Bool(true), "owner-id": {v.Owner}}
			if (len(in.NetworkAclIDs) == 0 || slices.Contains(in.NetworkAclIDs, acl.NetworkAclID)) && Match(in.Filters, f, acl.Tags) {
				acls = append(acls, acl)
			}
		}
		out.NetworkAcls, out.NextToken, err = ec2Page(acls, func(a NetworkAcl) string { return a.NetworkAclID }, in.DescribeInput)
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
	if err := CheckFilters(in.Filters, "vpc-id", "group-id", "group-name", "description", "owner-id"); err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := callerVpcs(tx, caller)
		if err != nil {
			return err
		}
		if err := missingIDs(in.GroupIDs, func(id string) bool {
			return slices.ContainsFunc(all, func(v *VpcRecord) bool { return v.DefaultSecurityGroupID == id })
		}, InvalidGroupNotFound, "security group"); err != nil {
			return err
		}
		var sgs []SecurityGroup
		for _, v := range all {
			sg := DefaultSecurityGroup(v)
			f := Fields{"vpc-id": {v.ID}, "group-id": {sg.GroupID}, "group-name": {sg.GroupName}, "description": {sg.GroupDescription}, "owner-id": {v.Owner}}
			if (len(in.GroupIDs) == 0 || slices.Contains(in.GroupIDs, sg.GroupID)) && (len(in.GroupNames) == 0 || slices.Contains(in.GroupNames, sg.GroupName)) &&
				Match(in.Filters, f, sg.Tags) {
				sgs = append(sgs, sg)
			}
		}
		out.SecurityGroups, out.NextToken, err = ec2Page(sgs, func(g SecurityGroup) string { return g.GroupID }, in.DescribeInput)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
