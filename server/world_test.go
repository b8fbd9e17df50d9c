package server_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dxsim/dxsim/internal/dxtest"
	"github.com/dxsim/dxsim/server"
)

// smallCatalog is a one-location catalog whose single device has few ports,
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
func startSmall(t *testing.T, adjust ...func(*server.Config)) *dxtest.World {
	path := filepath.Join(t.TempDir(), "locations.json")
	if err := os.WriteFile(path, []byte(smallCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return dxtest.Start(t, append([]func(*server.Config){func(c *server.Config) { c.LocationsFile = path }}, adjust...)...)
}
