package dxsimtest

// Steps through the EC2 client that the tests of several packages (ec2,
// directconnect, operator) take.

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func CreateVpc(t testing.TB, c *ec2.Client, cidr string, tags ...types.Tag) *types.Vpc {
	t.Helper()
	in := &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)}
	if len(tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: tags}}
	}
	out, err := c.CreateVpc(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out.Vpc
}

func CreateVpnGateway(t testing.TB, c *ec2.Client, asn int64) *types.VpnGateway {
	t.Helper()
	in := &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpnGateway, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("vgw")}}}}}
	if asn != 0 {
		in.AmazonSideAsn = aws.Int64(asn)
	}
	out, err := c.CreateVpnGateway(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out.VpnGateway
}

func DescribeVpnGateway(t testing.TB, c *ec2.Client, id string) types.VpnGateway {
	t.Helper()
	out, err := c.DescribeVpnGateways(context.Background(), &ec2.DescribeVpnGatewaysInput{VpnGatewayIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.VpnGateways) != 1 {
		t.Fatalf("DescribeVpnGateways %s answered %d gateways", id, len(out.VpnGateways))
	}
	return out.VpnGateways[0]
}

// AttachedVpnGateway creates a VPC with cidr and a virtual private gateway
// attached to it, and waits until it is attached.
func AttachedVpnGateway(t testing.TB, w *World, c *ec2.Client, cidr string, asn int64) (vpc, vgw string) {
	t.Helper()
	vpc = aws.ToString(CreateVpc(t, c, cidr).VpcId)
	vgw = aws.ToString(CreateVpnGateway(t, c, asn).VpnGatewayId)
	if _, err := c.AttachVpnGateway(context.Background(), &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	return vpc, vgw
}

// EC2Filter is the EC2 filter on name that matches any of values.
func EC2Filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}
