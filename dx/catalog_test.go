package dx_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func TestBuiltInCatalogParses(t *testing.T) {
	b, err := os.ReadFile("locations.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := dx.ParseCatalog(b)
	if err != nil {
		t.Fatalf("locations.json: %v", err)
	}
	dx.DefaultCatalog() // panics if the embedded copy does not parse

	// Every location in the file is listed for its Region, and nowhere else.
	var doc struct {
		Locations []struct {
			LocationCode string `json:"locationCode"`
			Region       string `json:"region"`
			Devices      []struct {
				AwsDevice string `json:"awsDevice"`
			} `json:"devices"`
		} `json:"locations"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	regions := map[string]bool{}
	for _, l := range doc.Locations {
		regions[l.Region] = true
		site, ok := c.Site(l.Region, l.LocationCode)
		if !ok {
			t.Errorf("Site(%s, %s) not found", l.Region, l.LocationCode)
			continue
		}
		if _, ok := c.Site("xx-nowhere-1", l.LocationCode); ok {
			t.Errorf("location %s found in a Region it is not in", l.LocationCode)
		}
		if len(site.Devices) == 0 {
			t.Errorf("location %s has no devices", l.LocationCode)
		}
		for _, d := range l.Devices {
			dev, at, ok := c.Device(d.AwsDevice)
			if !ok || at.LocationCode != l.LocationCode {
				t.Errorf("Device(%s) = %v at %v, want a device at %s", d.AwsDevice, ok, at, l.LocationCode)
				continue
			}
			if dev.AwsDeviceV2 == "" || dev.AwsLogicalDeviceID == "" || dev.HasLogicalRedundancy == "" {
				t.Errorf("device %s lacks awsDeviceV2/awsLogicalDeviceId/hasLogicalRedundancy", d.AwsDevice)
			}
		}
	}
	if len(regions) < 3 {
		t.Errorf("built-in catalog covers %d Regions, want several", len(regions))
	}
	total := 0
	for r := range regions {
		locs := c.Locations(r)
		total += len(locs)
		if !slices.IsSortedFunc(locs, func(a, b dx.Location) int { return strings.Compare(a.LocationCode, b.LocationCode) }) {
			t.Errorf("Locations(%s) is not ordered by code", r)
		}
		for _, l := range locs {
			if l.Region != r {
				t.Errorf("Locations(%s) lists %s of %s", r, l.LocationCode, l.Region)
			}
		}
	}
	if total != len(doc.Locations) {
		t.Errorf("Regions list %d locations in all, file has %d", total, len(doc.Locations))
	}
	if n := len(c.Locations("xx-nowhere-1")); n != 0 {
		t.Errorf("a Region without locations lists %d", n)
	}
}

// catalogJSON is a valid one-location catalog that the rejection tests edit.
func catalogJSON(edit func(loc map[string]any, devs []map[string]any)) []byte {
	devs := []map[string]any{
		{"awsDevice": "TST1-aaaa", "portSpeeds": []string{"1Gbps", "10Gbps"}, "ports": 4},
		{"awsDevice": "TST1-bbbb", "portSpeeds": []string{"10Gbps", "100Gbps"}, "ports": 2},
	}
	loc := map[string]any{
		"locationCode": "TST1", "locationName": "Test Site", "region": "us-east-1",
		"availablePortSpeeds":       []string{"1Gbps", "10Gbps", "100Gbps"},
		"availableMacSecPortSpeeds": []string{"10Gbps"},
		"availableProviders":        []string{"Megaport"},
	}
	if edit != nil {
		edit(loc, devs)
	}
	loc["devices"] = devs
	b, err := json.Marshal(map[string]any{"locations": []any{loc}})
	if err != nil {
		panic(err)
	}
	return b
}

func TestParseCatalogAcceptsValidAndFillsDefaults(t *testing.T) {
	c, err := dx.ParseCatalog(catalogJSON(func(loc map[string]any, _ []map[string]any) {
		delete(loc, "availableProviders")
	}))
	if err != nil {
		t.Fatal(err)
	}
	d, site, ok := c.Device("TST1-aaaa")
	if !ok || site.LocationCode != "TST1" {
		t.Fatalf("Device(TST1-aaaa) = %v at %v", ok, site)
	}
	// awsDeviceV2 and awsLogicalDeviceId default to the device name, so the
	// wire never shows them empty.
	if d.AwsDeviceV2 != "TST1-aaaa" || d.AwsLogicalDeviceID != "TST1-aaaa" || d.HasLogicalRedundancy != "unknown" {
		t.Errorf("defaults: awsDeviceV2 %q, awsLogicalDeviceId %q, hasLogicalRedundancy %q", d.AwsDeviceV2, d.AwsLogicalDeviceID, d.HasLogicalRedundancy)
	}
	if l := c.Locations("us-east-1"); len(l) != 1 || l[0].AvailableProviders == nil {
		t.Errorf("Locations = %+v, want TST1 with an empty (not null) provider list", l)
	}
}

func TestParseCatalogRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		doc  []byte
		want []string
	}{
		"not JSON": {[]byte(`{"locations": [`), []string{"location catalog"}},
		"location without code": {catalogJSON(func(loc map[string]any, _ []map[string]any) {
			delete(loc, "locationCode")
		}), []string{"locationCode"}},
		"location without region": {catalogJSON(func(loc map[string]any, _ []map[string]any) {
			delete(loc, "region")
		}), []string{"region"}},
		"duplicate location": {
			[]byte(strings.Replace(string(catalogJSON(nil)), `"locations":[`, `"locations":[{"locationCode":"TST1","region":"us-west-2","devices":[]},`, 1)),
			[]string{"TST1", "twice"},
		},
		"duplicate device": {catalogJSON(func(_ map[string]any, devs []map[string]any) {
			devs[1]["awsDevice"] = "TST1-aaaa"
		}), []string{"TST1-aaaa", "twice"}},
		"device serves a speed the location does not offer": {catalogJSON(func(_ map[string]any, devs []map[string]any) {
			devs[1]["portSpeeds"] = []string{"10Gbps", "400Gbps"}
		}), []string{"TST1-bbbb", "400Gbps", "TST1"}},
		"MACsec at a speed not offered": {catalogJSON(func(loc map[string]any, _ []map[string]any) {
			loc["availableMacSecPortSpeeds"] = []string{"10Gbps", "400Gbps"}
		}), []string{"TST1", "MACsec", "400Gbps"}},
		"zero ports": {catalogJSON(func(_ map[string]any, devs []map[string]any) {
			devs[0]["ports"] = 0
		}), []string{"ports > 0", "TST1"}},
		"negative ports": {catalogJSON(func(_ map[string]any, devs []map[string]any) {
			devs[1]["ports"] = -3
		}), []string{"ports > 0", "TST1"}},
		"device without name": {catalogJSON(func(_ map[string]any, devs []map[string]any) {
			delete(devs[0], "awsDevice")
		}), []string{"awsDevice"}},
		"speed that is not a port speed": {catalogJSON(func(loc map[string]any, _ []map[string]any) {
			loc["availablePortSpeeds"] = []string{"1Gbps", "10Gbps", "100Gbps", "10 Gbps"}
		}), []string{"TST1", `"10 Gbps"`}},
		"offered speed no device serves": {catalogJSON(func(loc map[string]any, _ []map[string]any) {
			loc["availablePortSpeeds"] = []string{"1Gbps", "10Gbps", "100Gbps", "400Gbps"}
		}), []string{"TST1", "400Gbps", "none of its devices"}},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := dx.ParseCatalog(tc.doc)
			if err == nil {
				t.Fatalf("ParseCatalog accepted %s", tc.doc)
			}
			if c != nil {
				t.Error("a catalog came back with the error")
			}
			for _, p := range tc.want {
				if !strings.Contains(err.Error(), p) {
					t.Errorf("error %q does not mention %q", err, p)
				}
			}
		})
	}
}

func TestReadCatalog(t *testing.T) {
	if _, err := dx.ReadCatalog(strings.NewReader(string(catalogJSON(nil)))); err != nil {
		t.Fatalf("ReadCatalog of a valid catalog: %v", err)
	}
	if _, err := dx.ReadCatalog(strings.NewReader("")); err == nil {
		t.Error("ReadCatalog accepted an empty document")
	}
}
