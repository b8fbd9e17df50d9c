package dxsimtest

// Worlds set up in particular ways, that the tests of several packages
// (directconnect, operator) start.

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/server"
)

// StartPartners starts a world in which PartnerAccount (sub-gigabit, named)
// and GigaPartnerAccount (gigabit) are Direct Connect Partners. It answers
// the world and clients of the partner, the customer (Account) and a third
// account (OtherAccount).
func StartPartners(t testing.TB) (w *World, partner, customer, third *directconnect.Client) {
	w = Start(t, func(c *server.Config) {
		c.Service.Partners = []dx.Partner{{Account: PartnerAccount, Name: "Example Networks"}, {Account: GigaPartnerAccount, Gigabit: true}}
	})
	return w, w.ClientFor(PartnerAccount, Region), w.Client(), w.ClientFor(OtherAccount, Region)
}

// StartSmall starts a world on smallCatalog, one location (TST1) with few
// ports, to run a location out of ports; adjust changes its configuration
// further, as Start's does.
func StartSmall(t testing.TB, adjust ...func(*server.Config)) *World {
	path := filepath.Join(t.TempDir(), "locations.json")
	if err := os.WriteFile(path, []byte(smallCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return Start(t, append([]func(*server.Config){func(c *server.Config) { c.LocationsFile = path }}, adjust...)...)
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
