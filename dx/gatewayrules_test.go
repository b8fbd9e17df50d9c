package dx_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dx"
)

func TestResolveGatewayAsn(t *testing.T) {
	asn := func(v int64) *int64 { return &v }
	if got, err := dx.ResolveGatewayAsn(nil); got != 64512 || err != nil {
		t.Errorf("default ASN = %d, %v; want 64512", got, err)
	}
	for _, tc := range []struct {
		asn  int64
		want string
	}{
		{64512, ""}, {65534, ""}, {4200000000, ""}, {4294967294, ""},
		{64511, "not a private ASN"}, {65535, "64512 and 65534"}, {4199999999, "4200000000"}, {4294967295, "4294967294"}, {7224, "not a private ASN"},
	} {
		got, err := dx.ResolveGatewayAsn(asn(tc.asn))
		wantRule(t, err, dx.ClientException, tc.want)
		if tc.want == "" && got != tc.asn {
			t.Errorf("ResolveGatewayAsn(%d) = %d", tc.asn, got)
		}
	}
}

func TestCheckAllowedPrefixes(t *testing.T) {
	for _, tc := range []struct {
		cidrs []string
		want  string
	}{
		{nil, ""},
		{[]string{"10.0.0.0/16", "2001:db8::/32"}, ""},
		{[]string{"10.0.0.1/16"}, "not a CIDR"},
		{[]string{"10.0.0.0"}, "not a CIDR"},
		{[]string{"10.0.0.0/8", "10.0.0.0/8"}, "twice"},
	} {
		wantRule(t, dx.CheckAllowedPrefixes("addAllowedPrefixesToDirectConnectGateway", tc.cidrs), dx.ClientException, tc.want)
	}
}

func TestChangePrefixes(t *testing.T) {
	have := []string{"10.0.0.0/16", "10.1.0.0/16"}
	got, err := dx.ChangePrefixes(have, []string{"10.2.0.0/16", "10.0.0.0/16"}, []string{"10.1.0.0/16"})
	if err != nil || !slices.Equal(got, []string{"10.0.0.0/16", "10.2.0.0/16"}) {
		t.Errorf("ChangePrefixes = %v, %v", got, err)
	}
	if !slices.Equal(have, []string{"10.0.0.0/16", "10.1.0.0/16"}) {
		t.Errorf("ChangePrefixes changed its input: %v", have)
	}
	_, err = dx.ChangePrefixes(have, nil, []string{"192.168.0.0/16"})
	wantRule(t, err, dx.ClientException, "192.168.0.0/16 is not an allowed prefix")
	_, err = dx.ChangePrefixes(have, []string{"10.1.0.0/16"}, []string{"10.1.0.0/16"})
	wantRule(t, err, dx.ClientException, "both added and removed")
}

func TestCheckAssociationPrefixes(t *testing.T) {
	many := make([]string, 201)
	for i := range many {
		many[i] = fmt.Sprintf("10.%d.0.0/16", i)
	}
	wantRule(t, dx.CheckAssociationPrefixes(dx.VirtualPrivateGateway, nil), dx.ClientException, "")
	wantRule(t, dx.CheckAssociationPrefixes(dx.TransitGateway, nil), dx.ClientException, "needs allowed prefixes")
	wantRule(t, dx.CheckAssociationPrefixes(dx.TransitGateway, many[:200]), dx.ClientException, "")
	wantRule(t, dx.CheckAssociationPrefixes(dx.TransitGateway, many), dx.ClientException, "quota of 200")
}

func TestCheckAssociationFits(t *testing.T) {
	g := &dx.DirectConnectGatewayRecord{ID: "dxgw", AmazonSideAsn: 64512}
	vgw := func(id string, cidrs ...string) *dx.VirtualGatewayRecord {
		return &dx.VirtualGatewayRecord{ID: id, Type: dx.VirtualPrivateGateway, Region: "us-east-1", VpcCidrs: cidrs}
	}
	tgw := func(id, region string, asn int64) *dx.VirtualGatewayRecord {
		return &dx.VirtualGatewayRecord{ID: id, Type: dx.TransitGateway, Region: region, AmazonSideAsn: asn}
	}
	n := func(k int, mk func(i int) *dx.VirtualGatewayRecord) []*dx.VirtualGatewayRecord {
		var out []*dx.VirtualGatewayRecord
		for i := range k {
			out = append(out, mk(i))
		}
		return out
	}
	vgws := func(i int) *dx.VirtualGatewayRecord {
		return vgw(fmt.Sprintf("vgw-%d", i), fmt.Sprintf("10.%d.0.0/16", i))
	}
	tgws := func(i int) *dx.VirtualGatewayRecord {
		return tgw(fmt.Sprintf("tgw-%d", i), "us-east-1", int64(65000+i))
	}
	for name, tc := range map[string]struct {
		target           *dx.VirtualGatewayRecord
		associated       []*dx.VirtualGatewayRecord
		private, transit int
		want             string
	}{
		"first virtual private gateway":           {vgw("vgw-new", "172.16.0.0/16"), nil, 3, 0, ""},
		"19 virtual private gateways, room for 1": {vgw("vgw-new", "172.16.0.0/16"), n(19, vgws), 0, 0, ""},
		"20 virtual private gateways":             {vgw("vgw-new", "172.16.0.0/16"), n(20, vgws), 0, 0, "already has 20 virtual private gateways"},
		"vgw where a transit gateway is":          {vgw("vgw-new"), n(1, tgws), 0, 0, "either transit gateways or virtual private gateways"},
		"vgw where transit interfaces are":        {vgw("vgw-new"), nil, 0, 1, "transit virtual interfaces attached"},
		"overlapping VPCs":                        {vgw("vgw-new", "10.3.128.0/17"), n(5, vgws), 0, 0, "overlaps the VPC of vgw-3"},
		"first transit gateway":                   {tgw("tgw-new", "us-west-2", 65100), nil, 0, 2, ""},
		"5 transit gateways, room for 1":          {tgw("tgw-new", "us-east-1", 65100), n(5, tgws), 0, 0, ""},
		"6 transit gateways":                      {tgw("tgw-new", "us-east-1", 65100), n(6, tgws), 0, 0, "already has 6 transit gateways"},
		"tgw where a vgw is":                      {tgw("tgw-new", "us-east-1", 65100), n(1, vgws), 0, 0, "either transit gateways or virtual private gateways"},
		"tgw where private interfaces are":        {tgw("tgw-new", "us-east-1", 65100), nil, 1, 0, "private virtual interfaces attached"},
		"tgw with the gateway's ASN":              {tgw("tgw-new", "us-east-1", 0), nil, 0, 0, "both use ASN 64512"},
		"tgw ASN taken in another Region":         {tgw("tgw-new", "us-west-2", 65001), n(2, tgws), 0, 0, "need unique ASNs"},
		"tgw ASN shared in the same Region":       {tgw("tgw-new", "us-east-1", 65001), n(2, tgws), 0, 0, ""},
	} {
		t.Run(name, func(t *testing.T) {
			wantRule(t, dx.CheckAssociationFits(g, tc.target, tc.associated, tc.private, tc.transit), dx.ClientException, tc.want)
		})
	}
}

func TestCheckAttachmentFits(t *testing.T) {
	g := &dx.DirectConnectGatewayRecord{ID: "dxgw"}
	wantRule(t, dx.CheckAttachmentFits(g, dx.PrivateVIF, 29, []string{dx.VirtualPrivateGateway}), dx.ClientException, "")
	wantRule(t, dx.CheckAttachmentFits(g, dx.PrivateVIF, 30, nil), dx.ClientException, "already has 30 virtual interfaces")
	wantRule(t, dx.CheckAttachmentFits(g, dx.PrivateVIF, 0, []string{dx.TransitGateway}), dx.ClientException, "associated with transit gateways")
	wantRule(t, dx.CheckAttachmentFits(g, dx.TransitVIF, 0, []string{dx.VirtualPrivateGateway}), dx.ClientException, "associated with virtual private gateways")
	wantRule(t, dx.CheckAttachmentFits(g, dx.TransitVIF, 0, []string{dx.TransitGateway}), dx.ClientException, "")
}

func TestCheckVirtualGateways(t *testing.T) {
	ok := []dx.VirtualGatewayRecord{
		{ID: "vgw-0123456789abcdef0", Owner: "111122223333", Region: "us-east-1", VpcCidrs: []string{"10.0.0.0/16"}},
		{ID: "tgw-01234567", Owner: "111122223333", Region: "us-east-1", Type: dx.TransitGateway, AmazonSideAsn: 65000},
	}
	if err := dx.CheckVirtualGateways(ok); err != nil {
		t.Fatal(err)
	}
	if ok[0].Type != dx.VirtualPrivateGateway {
		t.Errorf("type of %s = %q, want it from the ID", ok[0].ID, ok[0].Type)
	}
	for _, tc := range []struct {
		g    dx.VirtualGatewayRecord
		want string
	}{
		{dx.VirtualGatewayRecord{ID: "vgw-xyz", Owner: "111122223333", Region: "us-east-1"}, "8 or 17 hexadecimal digits"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "1", Region: "us-east-1"}, "12 digits"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "111122223333"}, "region is missing"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "111122223333", Region: "us-east-1", Type: dx.TransitGateway}, "does not match"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "111122223333", Region: "us-east-1", Type: "vpn"}, "is not virtualPrivateGateway"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "111122223333", Region: "us-east-1", AmazonSideAsn: 100}, "amazonSideAsn 100"},
		{dx.VirtualGatewayRecord{ID: "tgw-01234567", Owner: "111122223333", Region: "us-east-1", VpcCidrs: []string{"10.0.0.0/16"}}, "vpcCidrs belong to virtual private gateways"},
		{dx.VirtualGatewayRecord{ID: "vgw-01234567", Owner: "111122223333", Region: "us-east-1", VpcCidrs: []string{"10.0.0.0/33"}}, "not a CIDR"},
		{ok[0], "declared twice"},
	} {
		err := dx.CheckVirtualGateways(append(slices.Clone(ok[:1]), tc.g))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckVirtualGateways(%+v) = %v, want an error about %q", tc.g, err, tc.want)
		}
	}
}

// An association is listed while it exists and until linger after it is
// disassociated, whatever the deleted-resource retention.
func TestGatewayAssociationListed(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const d, linger = 20 * time.Second, 5 * time.Second
	a := &dx.GatewayAssociationRecord{CreatedAt: t0}
	if !a.Listed(d, linger, t0.Add(1000*time.Hour)) {
		t.Error("a live association is not listed")
	}
	a.DeletedAt = t0.Add(time.Hour)
	for _, tc := range []struct {
		after time.Duration
		state string
		want  bool
	}{
		{0, dx.Disassociating, true}, {d - time.Second, dx.Disassociating, true},
		{d, dx.Disassociated, true}, {d + linger - time.Second, dx.Disassociated, true},
		{d + linger, dx.Disassociated, false}, {24 * time.Hour, dx.Disassociated, false},
	} {
		now := a.DeletedAt.Add(tc.after)
		if got, state := a.Listed(d, linger, now), a.StateAt(d, now); got != tc.want || state != tc.state {
			t.Errorf("%s after deletion: listed %v in state %s, want %v in %s", tc.after, got, state, tc.want, tc.state)
		}
	}
}
