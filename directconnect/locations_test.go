package directconnect_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// locCatalogEntry is a location as dx/locations.json writes it, read here
// independently of package dx so the test checks the catalog code too.
type locCatalogEntry struct {
	LocationCode              string   `json:"locationCode"`
	LocationName              string   `json:"locationName"`
	Region                    string   `json:"region"`
	AvailablePortSpeeds       []string `json:"availablePortSpeeds"`
	AvailableProviders        []string `json:"availableProviders"`
	AvailableMacSecPortSpeeds []string `json:"availableMacSecPortSpeeds"`
}

// locBuiltIn returns the built-in catalog's locations of region, by code.
func locBuiltIn(t *testing.T, region string) map[string]locCatalogEntry {
	t.Helper()
	b, err := os.ReadFile("../dx/locations.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Locations []locCatalogEntry }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]locCatalogEntry{}
	for _, l := range doc.Locations {
		if l.Region == region {
			out[l.LocationCode] = l
		}
	}
	return out
}

func locDescribe(t *testing.T, c *directconnect.Client) []types.Location {
	t.Helper()
	out, err := c.DescribeLocations(ctx, &directconnect.DescribeLocationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Locations
}

// locSame reports differences between a listed location and the catalog's.
func locSame(t *testing.T, got types.Location, want locCatalogEntry) {
	t.Helper()
	code := aws.ToString(got.LocationCode)
	if aws.ToString(got.LocationName) != want.LocationName || aws.ToString(got.Region) != want.Region {
		t.Errorf("%s: name %q region %q, want %q %q", code, aws.ToString(got.LocationName), aws.ToString(got.Region), want.LocationName, want.Region)
	}
	for _, f := range []struct {
		name      string
		got, want []string
	}{
		{"availablePortSpeeds", got.AvailablePortSpeeds, want.AvailablePortSpeeds},
		{"availableProviders", got.AvailableProviders, want.AvailableProviders},
		{"availableMacSecPortSpeeds", got.AvailableMacSecPortSpeeds, want.AvailableMacSecPortSpeeds},
	} {
		if !slices.Equal(f.got, f.want) {
			t.Errorf("%s: %s = %q, want %q", code, f.name, f.got, f.want)
		}
	}
}

func TestDescribeLocationsListsTheCallersRegion(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, region := range []string{"us-east-1", "us-west-2", "eu-central-1"} {
		t.Run(region, func(t *testing.T) {
			want := locBuiltIn(t, region)
			if len(want) == 0 {
				t.Fatalf("built-in catalog has no locations in %s", region)
			}
			got := locDescribe(t, w.ClientFor(dxsimtest.Account, region))
			if len(got) != len(want) {
				t.Errorf("DescribeLocations in %s listed %d locations, catalog has %d", region, len(got), len(want))
			}
			seen := map[string]bool{}
			for _, l := range got {
				code := aws.ToString(l.LocationCode)
				wl, ok := want[code]
				if !ok {
					t.Errorf("%s lists %s, which the catalog puts in another Region or nowhere", region, code)
					continue
				}
				if seen[code] {
					t.Errorf("%s listed twice", code)
				}
				seen[code] = true
				locSame(t, l, wl)
			}
		})
	}
}

func TestDescribeLocationsIsTheSameForEveryAccount(t *testing.T) {
	w := dxsimtest.Start(t)
	a := locDescribe(t, w.ClientFor(dxsimtest.Account, "us-west-2"))
	b := locDescribe(t, w.ClientFor(dxsimtest.OtherAccount, "us-west-2"))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("accounts see %d and %d locations in us-west-2", len(a), len(b))
	}
	for i := range a {
		if aws.ToString(a[i].LocationCode) != aws.ToString(b[i].LocationCode) {
			t.Errorf("location %d: %s vs %s", i, aws.ToString(a[i].LocationCode), aws.ToString(b[i].LocationCode))
		}
	}
}

func TestDescribeLocationsOfARegionWithoutLocations(t *testing.T) {
	w := dxsimtest.Start(t)
	if len(locBuiltIn(t, "af-south-1")) != 0 {
		t.Fatal("the test needs a Region the built-in catalog has no location in")
	}
	if got := locDescribe(t, w.ClientFor(dxsimtest.Account, "af-south-1")); len(got) != 0 {
		t.Errorf("af-south-1 lists %d locations, want none", len(got))
	}
}

// locInventory is what an account has in a Region, for checking that a
// refused request created nothing.
func locInventory(t *testing.T, c *directconnect.Client) (conns, lags []string) {
	t.Helper()
	for _, cn := range dxsimtest.DescribeConnections(t, c) {
		conns = append(conns, aws.ToString(cn.ConnectionId))
	}
	out, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range out.Lags {
		lags = append(lags, aws.ToString(l.LagId))
	}
	return conns, lags
}

func TestCreateRefusesLocationsAndBandwidthsNotOffered(t *testing.T) {
	east, west := locBuiltIn(t, "us-east-1"), locBuiltIn(t, "us-west-2")
	// The cases below rest on these catalog facts.
	if slices.Contains(east["CSVA1"].AvailablePortSpeeds, "400Gbps") || !slices.Contains(east["EqDC2"].AvailablePortSpeeds, "400Gbps") {
		t.Fatal("catalog: want CSVA1 without and EqDC2 with 400Gbps")
	}
	if p := west["PEH51"].AvailablePortSpeeds; len(p) == 0 || slices.Contains(p, "100Gbps") {
		t.Fatal("catalog: want PEH51 in us-west-2 without 100Gbps")
	}
	for _, tc := range []struct {
		name, region, location, bandwidth string
		want                              []string
	}{
		{"unknown location", "us-east-1", "XYZ99", "10Gbps", []string{`"XYZ99"`, "us-east-1", "DescribeLocations"}},
		{"location of another Region", "us-east-1", "PEH51", "1Gbps", []string{`"PEH51"`, "us-east-1"}},
		{"400Gbps at CSVA1", "us-east-1", "CSVA1", "400Gbps", []string{"CSVA1", "400Gbps", "1Gbps, 10Gbps, 100Gbps"}},
		{"100Gbps at PEH51", "us-west-2", "PEH51", "100Gbps", []string{"PEH51", "100Gbps", "1Gbps, 10Gbps"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := dxsimtest.Start(t)
			c := w.ClientFor(dxsimtest.Account, tc.region)
			// An existing connection elsewhere shows that the refusal leaves
			// the account as it was, not merely empty.
			home := "EqDC2"
			if tc.region == "us-west-2" {
				home = "CSDE1"
			}
			dxsimtest.CreateConnection(t, c, home, "1Gbps")
			conns0, lags0 := locInventory(t, c)

			_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
				Location: aws.String(tc.location), Bandwidth: aws.String(tc.bandwidth), ConnectionName: aws.String("refused"),
			})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)
			_, err = c.CreateLag(ctx, &directconnect.CreateLagInput{
				Location: aws.String(tc.location), ConnectionsBandwidth: aws.String(tc.bandwidth), NumberOfConnections: 1, LagName: aws.String("refused"),
			})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)

			conns, lags := locInventory(t, c)
			if !slices.Equal(conns, conns0) || !slices.Equal(lags, lags0) {
				t.Errorf("after refusals: connections %v LAGs %v, before: %v %v", conns, lags, conns0, lags0)
			}
		})
	}
}

func TestCreateAtTheLocationsOwnSpeeds(t *testing.T) {
	// The same speed refused at CSVA1 is taken at EqDC2, which offers it, on
	// a device that serves it.
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "400Gbps")
	if aws.ToString(conn.Bandwidth) != "400Gbps" || aws.ToString(conn.Location) != "EqDC2" {
		t.Errorf("connection %s at %s, want 400Gbps at EqDC2", aws.ToString(conn.Bandwidth), aws.ToString(conn.Location))
	}
	lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("400Gbps"), NumberOfConnections: 2, LagName: aws.String("big"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lag.Connections) != 2 || aws.ToString(lag.AwsDevice) != aws.ToString(conn.AwsDevice) {
		t.Errorf("LAG has %d members on %s; want 2 on %s, the only 400Gbps device at EqDC2", len(lag.Connections), aws.ToString(lag.AwsDevice), aws.ToString(conn.AwsDevice))
	}
	w2 := w.ClientFor(dxsimtest.Account, "us-west-2")
	if got := dxsimtest.CreateConnection(t, w2, "PEH51", "10Gbps"); aws.ToString(got.Region) != "us-west-2" {
		t.Errorf("connection at PEH51 is in %s", aws.ToString(got.Region))
	}
}
