package ec2_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestWhatACallerStoresOnEC2IsBounded: a transit gateway's description
// (255 characters) on create and modify, its CIDR blocks (5, EC2's quota),
// a virtual private gateway's Availability Zone, and tag keys and values
// (128 and 256 characters, counted as characters, not bytes).
func TestWhatACallerStoresOnEC2IsBounded(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	long := strings.Repeat("d", 256)
	_, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Description: aws.String(long)})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "description", "255")
	six := []string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24"}
	_, err = c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{TransitGatewayCidrBlocks: six}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "at most 5 CIDR blocks", "6")
	out, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Description: aws.String(strings.Repeat("é", 255)),
		Options: &types.TransitGatewayRequestOptions{TransitGatewayCidrBlocks: six[:5]}})
	if err != nil {
		t.Fatal(err)
	}
	id := out.TransitGateway.TransitGatewayId
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	_, err = c.ModifyTransitGateway(ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: id, Description: aws.String(long)})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "description", "255")
	_, err = c.ModifyTransitGateway(ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: id, Options: &types.ModifyTransitGatewayOptions{AddTransitGatewayCidrBlocks: six[5:]}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "at most 5 CIDR blocks")
	got, err := c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{aws.ToString(id)}})
	if err != nil {
		t.Fatal(err)
	}
	if g := got.TransitGateways[0]; aws.ToString(g.Description) != strings.Repeat("é", 255) || len(g.Options.TransitGatewayCidrBlocks) != 5 {
		t.Errorf("after refused changes: description of %d bytes, %d CIDR blocks", len(aws.ToString(g.Description)), len(g.Options.TransitGatewayCidrBlocks))
	}

	_, err = c.CreateVpnGateway(ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1, AvailabilityZone: aws.String(strings.Repeat("z", 65))})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "Availability Zone", "64")

	vpc := dxsimtest.CreateVpc(t, c, "10.9.0.0/16")
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{aws.ToString(vpc.VpcId)},
		Tags: []types.Tag{{Key: aws.String(strings.Repeat("ké", 64)), Value: aws.String(strings.Repeat("vé", 128))}}}); err != nil {
		t.Errorf("a key of 128 and a value of 256 two-byte characters: %v", err)
	}
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{aws.ToString(vpc.VpcId)}, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String(strings.Repeat("v", 257))}}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "256")
}
