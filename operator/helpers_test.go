// Helpers shared by the tests of this package.
package operator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

// attachedVpnGateway creates a VPC with cidr and a virtual private gateway
// attached to it, and waits until it is attached.
func attachedVpnGateway(t *testing.T, w *dxsimtest.World, c *ec2.Client, cidr string, asn int64) (vpc, vgw string) {
	t.Helper()
	vpc = aws.ToString(dxsimtest.CreateVpc(t, c, cidr).VpcId)
	vgw = aws.ToString(dxsimtest.CreateVpnGateway(t, c, asn).VpnGatewayId)
	if _, err := c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	return vpc, vgw
}
