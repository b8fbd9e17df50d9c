// Helpers shared by the tests of this package.
package operator_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
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

// startPartners starts a world in which dxsimtest.PartnerAccount (sub-gigabit,
// named) and dxsimtest.GigaPartnerAccount (gigabit) are Direct Connect Partners.
func startPartners(t *testing.T) (w *dxsimtest.World, partner, customer, third *directconnect.Client) {
	w = dxsimtest.Start(t, func(c *server.Config) {
		c.Service.Partners = []dx.Partner{{Account: dxsimtest.PartnerAccount, Name: "Example Networks"}, {Account: dxsimtest.GigaPartnerAccount, Gigabit: true}}
	})
	return w, w.ClientFor(dxsimtest.PartnerAccount, dxsimtest.Region), w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
}

// startSmall starts a world on smallCatalog.
func startSmall(t *testing.T, adjust ...func(*server.Config)) *dxsimtest.World {
	path := filepath.Join(t.TempDir(), "locations.json")
	if err := os.WriteFile(path, []byte(smallCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return dxsimtest.Start(t, append([]func(*server.Config){func(c *server.Config) { c.LocationsFile = path }}, adjust...)...)
}

// smallCatalog is one location with two devices of few ports each,
// to run a location out of ports.
const smallCatalog = `{"locations": [{
	"locationCode": "TST1", "locationName": "Test Site 1, Anytown", "region": "us-east-1",
	"availablePortSpeeds": ["1Gbps", "10Gbps", "100Gbps"], "availableProviders": ["Megaport"],
	"availableMacSecPortSpeeds": ["10Gbps"],
	"devices": [
		{"awsDevice": "TST1-aaaaaaaaaaaa", "awsDeviceV2": "TST1-bbbbbbbbbbbbb", "portSpeeds": ["1Gbps", "10Gbps", "100Gbps"], "ports": 3, "hasLogicalRedundancy": "no", "jumboFrameCapable": true},
		{"awsDevice": "TST1-cccccccccccc", "awsDeviceV2": "TST1-ddddddddddddd", "portSpeeds": ["10Gbps"], "ports": 2, "hasLogicalRedundancy": "yes", "jumboFrameCapable": true}
	]}]}`

func newResiliencyGroup(t *testing.T, c *directconnect.Client, name string) *types.ResiliencyGroup {
	t.Helper()
	out, err := c.CreateResiliencyGroup(ctx, &directconnect.CreateResiliencyGroupInput{
		ResiliencyGroupName: aws.String(name), IntendedResiliencyModel: types.ResiliencyModelHighResiliency,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.ResiliencyGroup
}

func associateToGroup(t *testing.T, c *directconnect.Client, group *string, conns ...string) []types.ResiliencyGroupAssociation {
	t.Helper()
	out, err := c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{
		ResiliencyGroupId: group, ConnectionIdentifiers: conns,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.ResiliencyGroupAssociations
}
