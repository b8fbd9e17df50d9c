// Helpers shared by the tests of this package.
package operator_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// waitLike runs a provider waiter on dxsim's clock: it polls state, which
// answers "" once the provider would find the resource gone, advancing the
// clock by providerPoll between polls. It fails t if a state is neither
// pending nor target, or if target is not reached within timeout. An empty
// target means "gone", as the provider's delete waiters mean it.
func waitLike(t *testing.T, w *dxsimtest.World, timeout time.Duration, pending, target []string, state func() string) string {
	t.Helper()
	for waited := time.Duration(0); ; waited += providerPoll {
		s := state()
		switch {
		case len(target) == 0 && s == "", slices.Contains(target, s):
			return s
		case s == "" && len(target) > 0:
			t.Fatalf("resource gone while waiting for %v", target)
		case !slices.Contains(pending, s):
			t.Fatalf("state %q is neither pending %v nor target %v", s, pending, target)
		case waited >= timeout:
			t.Fatalf("still %q after %s of simulated time, the provider's timeout; want %v", s, timeout, target)
		}
		w.Clock.Advance(providerPoll)
	}
}

// providerPoll is how often the provider's waiters refresh (their
// StateChangeConf MinTimeout); dxsim's manual clock moves by it between polls.
const providerPoll = 5 * time.Second

// connectionStatus is connection.go statusConnection: a deleted or rejected
// connection, or an error containing "Could not find Connection with ID",
// is gone.
func connectionStatus(t *testing.T, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: id})
		if err != nil {
			dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID "+aws.ToString(id))
			return ""
		}
		if len(out.Connections) != 1 {
			t.Fatalf("DescribeConnections(%s) listed %d connections", aws.ToString(id), len(out.Connections))
		}
		if s := out.Connections[0].ConnectionState; s != types.ConnectionStateDeleted && s != types.ConnectionStateRejected {
			return string(s)
		}
		return ""
	}
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
