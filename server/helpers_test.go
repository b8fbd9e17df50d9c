// Helpers shared by the tests of this package.
package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

var ctx = context.Background()

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

// startSmall starts a world on smallCatalog.
func startSmall(t *testing.T, adjust ...func(*server.Config)) *dxsimtest.World {
	path := filepath.Join(t.TempDir(), "locations.json")
	if err := os.WriteFile(path, []byte(smallCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return dxsimtest.Start(t, append([]func(*server.Config){func(c *server.Config) { c.LocationsFile = path }}, adjust...)...)
}

func createConnection(t *testing.T, c *directconnect.Client, location, bandwidth string) *directconnect.CreateConnectionOutput {
	t.Helper()
	out, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String(location), Bandwidth: aws.String(bandwidth), ConnectionName: aws.String("test connection"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// readyConnection creates a connection and downloads its LOA-CFA, so that
// it becomes available as the clock advances.
func readyConnection(t *testing.T, c *directconnect.Client, location, bandwidth string) *directconnect.CreateConnectionOutput {
	t.Helper()
	out := createConnection(t, c, location, bandwidth)
	downloadLoa(t, c, out.ConnectionId)
	return out
}

// downloadLoa downloads the LOA-CFA of a connection, interconnect or LAG,
// which orders its cross-connect.
func downloadLoa(t *testing.T, c *directconnect.Client, id *string) {
	t.Helper()
	if _, err := c.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: id}); err != nil {
		t.Fatal(err)
	}
}

func describeConnections(t *testing.T, c *directconnect.Client) []types.Connection {
	t.Helper()
	out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Connections
}

func describeConnection(t *testing.T, c *directconnect.Client, id *string) types.Connection {
	t.Helper()
	out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Connections) != 1 {
		t.Fatalf("DescribeConnections(%s) returned %d connections", aws.ToString(id), len(out.Connections))
	}
	return out.Connections[0]
}

func createLag(t *testing.T, c *directconnect.Client, in *directconnect.CreateLagInput) *directconnect.CreateLagOutput {
	t.Helper()
	if in.LagName == nil {
		in.LagName = aws.String("test lag")
	}
	out, err := c.CreateLag(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func newLag(location, bandwidth string, n int32) *directconnect.CreateLagInput {
	return &directconnect.CreateLagInput{Location: aws.String(location), ConnectionsBandwidth: aws.String(bandwidth), NumberOfConnections: n, LagName: aws.String("test lag")}
}

func describeLag(t *testing.T, c *directconnect.Client, id *string) types.Lag {
	t.Helper()
	out, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Lags) != 1 {
		t.Fatalf("DescribeLags(%s) returned %d LAGs", aws.ToString(id), len(out.Lags))
	}
	return out.Lags[0]
}

func describeLags(t *testing.T, c *directconnect.Client) []types.Lag {
	t.Helper()
	out, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Lags
}

func memberIDs(l types.Lag) []string {
	var ids []string
	for _, c := range l.Connections {
		ids = append(ids, aws.ToString(c.ConnectionId))
	}
	sort.Strings(ids)
	return ids
}

// counts is how many connections and LAGs the account has, for checking that
// a refused request created nothing.
func counts(t *testing.T, c *directconnect.Client) string {
	t.Helper()
	return fmt.Sprintf("%d connections, %d LAGs", len(describeConnections(t, c)), len(describeLags(t, c)))
}
