// Helpers shared by the tests of this package.
package directconnect_test

import (
	"context"
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

func wantConnectionState(t *testing.T, c *directconnect.Client, id *string, want types.ConnectionState) {
	t.Helper()
	if got := dxsimtest.DescribeConnection(t, c, id).ConnectionState; got != want {
		t.Fatalf("connection %s is %s, want %s", aws.ToString(id), got, want)
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

func memberIDs(l types.Lag) []string {
	var ids []string
	for _, c := range l.Connections {
		ids = append(ids, aws.ToString(c.ConnectionId))
	}
	sort.Strings(ids)
	return ids
}
