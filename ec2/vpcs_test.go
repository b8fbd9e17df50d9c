package ec2_test

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The EC2 API as the Terraform provider's aws_vpc, aws_vpn_gateway,
// aws_vpn_gateway_attachment and aws_ec2_transit_gateway call it
// (internal/service/ec2/vpc_.go, vpnsite_gateway.go,
// vpnsite_gateway_attachment.go, transitgateway_.go and their find/wait
// functions).

func describeVpc(t *testing.T, c *ec2.Client, id string) types.Vpc {
	t.Helper()
	out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Vpcs) != 1 {
		t.Fatalf("DescribeVpcs %s answered %d VPCs", id, len(out.Vpcs))
	}
	return out.Vpcs[0]
}

var ec2IDs = map[string]*regexp.Regexp{
	"vpc": regexp.MustCompile(`^vpc-[0-9a-f]{17}$`), "rtb": regexp.MustCompile(`^rtb-[0-9a-f]{17}$`),
	"acl": regexp.MustCompile(`^acl-[0-9a-f]{17}$`), "sg": regexp.MustCompile(`^sg-[0-9a-f]{17}$`),
	"vgw": regexp.MustCompile(`^vgw-[0-9a-f]{17}$`), "tgw": regexp.MustCompile(`^tgw-[0-9a-f]{17}$`),
	"tgw-rtb": regexp.MustCompile(`^tgw-rtb-[0-9a-f]{17}$`), "dopt": regexp.MustCompile(`^dopt-[0-9a-f]{17}$`),
}

func wantID(t *testing.T, kind, id string) {
	t.Helper()
	if !ec2IDs[kind].MatchString(id) {
		t.Errorf("%s ID %q is not of the form %s", kind, id, ec2IDs[kind])
	}
}

// aws_vpc: create waits for available, then reads the VPC, its DNS and
// network address usage attributes, and its main route table, default
// network ACL and default security group.
func TestAwsVpcCreateAndReadFindsWhatTheProviderReads(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	vpc := dxsimtest.CreateVpc(t, c, "10.1.0.0/16", types.Tag{Key: aws.String("Name"), Value: aws.String("core")})
	wantID(t, "vpc", aws.ToString(vpc.VpcId))
	wantID(t, "dopt", aws.ToString(vpc.DhcpOptionsId))
	if vpc.State != types.VpcStatePending || aws.ToString(vpc.OwnerId) != dxsimtest.Account || aws.ToString(vpc.CidrBlock) != "10.1.0.0/16" ||
		vpc.InstanceTenancy != types.TenancyDefault || aws.ToBool(vpc.IsDefault) || len(vpc.CidrBlockAssociationSet) != 1 {
		t.Errorf("CreateVpc answered %+v", vpc)
	}
	id := aws.ToString(vpc.VpcId)
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	got := describeVpc(t, c, id)
	if got.State != types.VpcStateAvailable || len(got.Tags) != 1 || aws.ToString(got.Tags[0].Value) != "core" {
		t.Errorf("DescribeVpcs answered state %s, tags %v", got.State, got.Tags)
	}

	attr := func(a types.VpcAttributeName) *ec2.DescribeVpcAttributeOutput {
		out, err := c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: a})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if out := attr(types.VpcAttributeNameEnableDnsSupport); !aws.ToBool(out.EnableDnsSupport.Value) || aws.ToString(out.VpcId) != id {
		t.Errorf("enableDnsSupport = %v, want true", out.EnableDnsSupport)
	}
	if out := attr(types.VpcAttributeNameEnableDnsHostnames); aws.ToBool(out.EnableDnsHostnames.Value) {
		t.Error("enableDnsHostnames is true on a new VPC")
	}
	if out := attr(types.VpcAttributeNameEnableNetworkAddressUsageMetrics); out.EnableNetworkAddressUsageMetrics == nil || aws.ToBool(out.EnableNetworkAddressUsageMetrics.Value) {
		t.Errorf("enableNetworkAddressUsageMetrics = %v, want false", out.EnableNetworkAddressUsageMetrics)
	}
	if _, err := c.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	if out := attr(types.VpcAttributeNameEnableDnsHostnames); !aws.ToBool(out.EnableDnsHostnames.Value) {
		t.Error("enableDnsHostnames stayed false after ModifyVpcAttribute")
	}

	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{dxsimtest.EC2Filter("association.main", "true"), dxsimtest.EC2Filter("vpc-id", id)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rts.RouteTables) != 1 || len(rts.RouteTables[0].Routes) != 1 || aws.ToString(rts.RouteTables[0].Routes[0].GatewayId) != "local" ||
		!aws.ToBool(rts.RouteTables[0].Associations[0].Main) {
		t.Fatalf("main route table = %+v", rts.RouteTables)
	}
	wantID(t, "rtb", aws.ToString(rts.RouteTables[0].RouteTableId))
	acls, err := c.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{dxsimtest.EC2Filter("default", "true"), dxsimtest.EC2Filter("vpc-id", id)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(acls.NetworkAcls) != 1 || !aws.ToBool(acls.NetworkAcls[0].IsDefault) || len(acls.NetworkAcls[0].Entries) != 4 {
		t.Fatalf("default network ACL = %+v", acls.NetworkAcls)
	}
	wantID(t, "acl", aws.ToString(acls.NetworkAcls[0].NetworkAclId))
	sgs, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{dxsimtest.EC2Filter("group-name", "default"), dxsimtest.EC2Filter("vpc-id", id)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(sgs.SecurityGroups) != 1 || aws.ToString(sgs.SecurityGroups[0].GroupName) != "default" || len(sgs.SecurityGroups[0].IpPermissionsEgress) != 1 {
		t.Fatalf("default security group = %+v", sgs.SecurityGroups)
	}
	wantID(t, "sg", aws.ToString(sgs.SecurityGroups[0].GroupId))

	// Another VPC's tables are not the first one's.
	other := dxsimtest.CreateVpc(t, c, "10.2.0.0/16")
	rts, err = c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{dxsimtest.EC2Filter("vpc-id", aws.ToString(other.VpcId))}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rts.RouteTables) != 1 || aws.ToString(rts.RouteTables[0].VpcId) != aws.ToString(other.VpcId) {
		t.Errorf("route tables of %s = %+v", aws.ToString(other.VpcId), rts.RouteTables)
	}
}

func TestDescribeVpcsFilters(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	a := dxsimtest.CreateVpc(t, c, "10.1.0.0/16", types.Tag{Key: aws.String("env"), Value: aws.String("prod")})
	dxsimtest.CreateVpc(t, c, "10.2.0.0/16", types.Tag{Key: aws.String("env"), Value: aws.String("test")})
	for _, tc := range []struct {
		filters []types.Filter
		want    int
	}{
		{[]types.Filter{dxsimtest.EC2Filter("tag:env", "prod")}, 1},
		{[]types.Filter{dxsimtest.EC2Filter("tag:env", "prod", "test")}, 2},
		{[]types.Filter{dxsimtest.EC2Filter("tag-key", "env")}, 2},
		{[]types.Filter{dxsimtest.EC2Filter("vpc-id", aws.ToString(a.VpcId))}, 1},
		{[]types.Filter{dxsimtest.EC2Filter("cidr-block-association.cidr-block", "10.2.*")}, 1},
		{[]types.Filter{dxsimtest.EC2Filter("state", "pending")}, 2},
		{[]types.Filter{dxsimtest.EC2Filter("state", "available")}, 0},
		{[]types.Filter{dxsimtest.EC2Filter("tag:env", "prod"), dxsimtest.EC2Filter("cidr", "10.2.0.0/16")}, 0},
	} {
		out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: tc.filters})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Vpcs) != tc.want {
			t.Errorf("filters %v matched %d VPCs, want %d", tc.filters, len(out.Vpcs), tc.want)
		}
	}
	_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{dxsimtest.EC2Filter("colour", "blue")}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "colour")
}

func TestDescribeVpcsPages(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	for i := range 7 {
		dxsimtest.CreateVpc(t, c, "10."+string(rune('0'+i))+".0.0/16")
	}
	seen := map[string]bool{}
	p := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, v := range out.Vpcs {
			seen[aws.ToString(v.VpcId)] = true
		}
	}
	if pages != 2 || len(seen) != 7 {
		t.Errorf("paging by 5 took %d pages and saw %d VPCs, want 2 pages and 7", pages, len(seen))
	}
	_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(2)})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "maxResults")
}

func TestVpcErrors(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	for _, tc := range []struct {
		cidr, code string
	}{
		{"10.0.0.0/8", "InvalidVpc.Range"},
		{"10.0.0.0/29", "InvalidVpc.Range"},
		{"10.0.0.1/16", "InvalidParameterValue"},
		{"not-a-cidr", "InvalidParameterValue"},
		{"", "MissingParameter"},
	} {
		in := &ec2.CreateVpcInput{}
		if tc.cidr != "" {
			in.CidrBlock = aws.String(tc.cidr)
		}
		_, err := c.CreateVpc(ctx, in)
		dxsimtest.WantError(t, err, tc.code)
	}
	_, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpnGateway, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "vpn-gateway")

	vpc := dxsimtest.CreateVpc(t, c, "10.0.0.0/16")
	id := aws.ToString(vpc.VpcId)
	_, err = c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-0123456789abcdef0"}})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound", "vpc-0123456789abcdef0")
	_, err = c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String("vpc-nothex")})
	dxsimtest.WantError(t, err, "InvalidVpcID.Malformed", "vpc-nothex")
	// Another account and another Region do not see it.
	_, err = w.EC2For(dxsimtest.OtherAccount, dxsimtest.Region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound")
	out, err := w.EC2For(dxsimtest.Account, "eu-west-1").DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(out.Vpcs) != 0 {
		t.Errorf("eu-west-1 lists %v (err %v), want none", out, err)
	}
	_, err = c.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidParameterCombination")
	_, err = c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: "colour"})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "colour")
	_, err = c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), DryRun: aws.Bool(true)})
	dxsimtest.WantError(t, err, "DryRunOperation")

	if _, err := c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound", id)
	_, err = c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound", id)
}
