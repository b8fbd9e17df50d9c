package dx

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheckVirtualInterfaceQuota(t *testing.T) {
	many := func(n int, typ string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = typ
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		hosted   bool
		typ      string
		existing []string
		want     string
	}{
		{"the 50th private interface", false, PrivateVIF, many(49, PublicVIF), ""},
		{"a 51st private interface", false, PrivateVIF, many(50, PublicVIF), "50 private and public"},
		{"a transit interface next to 50 others", false, TransitVIF, many(50, PrivateVIF), ""},
		{"a 52nd interface", false, TransitVIF, append(many(50, PrivateVIF), TransitVIF), "51 virtual interfaces"},
		{"a fifth transit interface", false, TransitVIF, many(4, TransitVIF), "4 transit"},
		{"a private interface next to 4 transit ones", false, PrivateVIF, many(4, TransitVIF), ""},
		{"the first on a hosted connection", true, PrivateVIF, nil, ""},
		{"a second on a hosted connection", true, PublicVIF, many(1, PrivateVIF), "carries 1"},
	} {
		err := CheckVirtualInterfaceQuota("dxcon-a", tc.hosted, tc.typ, tc.existing)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want an error about %q", tc.name, err, tc.want)
		}
	}
}

func TestCheckAllocationOwner(t *testing.T) {
	if err := CheckAllocationOwner("111122223333", "111122223333"); err == nil || !strings.Contains(err.Error(), "Cannot allocate VirtualInterface for the connection owner.") {
		t.Errorf("allocating for the connection owner: %v", err)
	}
	if err := CheckAllocationOwner("444455556666", "111122223333"); err != nil {
		t.Errorf("allocating for another account: %v", err)
	}
}

func TestCheckRouteFilterPrefixesHoldsTheRouteQuota(t *testing.T) {
	prefixes := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("44.%d.%d.0/24", i/256, i%256)
		}
		return out
	}
	if err := CheckRouteFilterPrefixes(prefixes(RoutesPerPublicSession)); err != nil {
		t.Errorf("%d prefixes: %v", RoutesPerPublicSession, err)
	}
	if err := CheckRouteFilterPrefixes(prefixes(RoutesPerPublicSession + 1)); err == nil || !strings.Contains(err.Error(), "1001 routeFilterPrefixes exceed the quota of 1000") {
		t.Errorf("%d prefixes: %v, want the quota named", RoutesPerPublicSession+1, err)
	}
}
