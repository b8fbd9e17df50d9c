package dx_test

import (
	"testing"
	"time"

	"github.com/dxsim/dxsim/dx"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// lag is a plain 10 Gbps LAG at EqDC2 with one member, dxcon-m1.
func lag() *dx.LagRecord {
	return &dx.LagRecord{ID: "dxlag-a", Location: "EqDC2", Bandwidth: "10Gbps", Device: "EqDC2-dev1", MinimumLinks: 0}
}

func macLag() *dx.LagRecord {
	l := lag()
	l.MacSecCapable, l.EncryptionMode = true, dx.MustEncrypt
	return l
}

var oneMember = dx.LagFacts{Members: []string{"dxcon-m1"}}

// candidate is a standalone dedicated connection that fits lag().
func candidate() *dx.ConnectionRecord {
	return &dx.ConnectionRecord{ID: "dxcon-a", Location: "EqDC2", Bandwidth: "10Gbps", Device: "EqDC2-dev1"}
}

func with(f func(*dx.ConnectionRecord)) *dx.ConnectionRecord { c := candidate(); f(c); return c }

func TestLagAdmitAcceptsAMatchingConnection(t *testing.T) {
	wantRule(t, lag().Admit(candidate(), oneMember), "", "")
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.MacSecCapable = true }), oneMember), "", "")
}

func TestLagAdmitRefusesAMemberAlready(t *testing.T) {
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.LagID = "dxlag-a" }), oneMember), dx.ClientException, "Connection dxcon-a is already a member of LAG dxlag-a")
}

func TestLagAdmitRefusesAHostedConnection(t *testing.T) {
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.HostedOn = "dxcon-ic" }), oneMember), dx.ClientException, "is a hosted connection; only dedicated connections and interconnects can join a LAG")
}

func TestLagAdmitRefusesAnotherLocationBandwidthOrDevice(t *testing.T) {
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.Location = "CSVA1" }), oneMember), dx.ClientException, "LAG dxlag-a is at location EqDC2; connection dxcon-a is at CSVA1")
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.Bandwidth = "1Gbps" }), oneMember), dx.ClientException, "connection dxcon-a has bandwidth 1Gbps")
	wantRule(t, lag().Admit(with(func(c *dx.ConnectionRecord) { c.Device = "EqDC2-dev2" }), oneMember), dx.ClientException, "same Direct Connect endpoint")
}

func TestLagAdmitRefusesAPlainConnectionInAMacSecLag(t *testing.T) {
	wantRule(t, macLag().Admit(candidate(), oneMember), dx.ClientException, "every connection of a MACsec LAG must be")
}

func TestLagAdmitRefusesAFullLag(t *testing.T) {
	full := dx.LagFacts{Members: []string{"m1", "m2", "m3", "m4"}}
	wantRule(t, lag().Admit(candidate(), full), dx.ClientException, "LAG dxlag-a already has 4 connections, the most a LAG of 10Gbps connections can have")
	big := lag()
	big.Bandwidth = "100Gbps"
	wantRule(t, big.Admit(with(func(c *dx.ConnectionRecord) { c.Bandwidth = "100Gbps" }), dx.LagFacts{Members: []string{"m1", "m2"}}), dx.ClientException, "already has 2")
}

func TestLagAdmitNamesALagToBeCreated(t *testing.T) {
	l := lag()
	l.ID = ""
	// A connection with no LAG is not "already a member" of a LAG with no ID.
	wantRule(t, l.Admit(candidate(), dx.LagFacts{}), "", "")
	wantRule(t, l.Admit(with(func(c *dx.ConnectionRecord) { c.Location = "CSVA1" }), dx.LagFacts{}), dx.ClientException, "LAG to be created is at location EqDC2")
}

func TestLagAdmitNewTakesTheDeviceButNotMacSecOfAPlainLag(t *testing.T) {
	fresh := func(macSec bool) *dx.ConnectionRecord {
		return &dx.ConnectionRecord{Location: "EqDC2", Bandwidth: "10Gbps", MacSecCapable: macSec}
	}
	wantRule(t, lag().AdmitNew(fresh(false), oneMember), "", "")
	wantRule(t, macLag().AdmitNew(fresh(false), oneMember), "", "")
	wantRule(t, macLag().AdmitNew(fresh(true), oneMember), "", "")
	wantRule(t, lag().AdmitNew(fresh(true), oneMember), dx.ClientException, "LAG dxlag-a is not MACsec capable; the new connection cannot request MACsec in it")
	c := fresh(false)
	c.Bandwidth = "1Gbps"
	wantRule(t, lag().AdmitNew(c, oneMember), dx.ClientException, "the new connection has bandwidth 1Gbps")
}

func TestLagSeatGivesAMacSecMemberTheLagEncryptionMode(t *testing.T) {
	l := macLag()
	c := with(func(c *dx.ConnectionRecord) { c.MacSecCapable, c.EncryptionMode = true, dx.NoEncrypt })
	l.Seat(c, t0)
	if c.LagID != l.ID || c.EncryptionMode != dx.MustEncrypt {
		t.Errorf("seated: lag %q mode %q, want %s and %s", c.LagID, c.EncryptionMode, l.ID, dx.MustEncrypt)
	}
	if len(l.Memberships) != 1 || l.Memberships[0].ConnectionID != c.ID || !l.Memberships[0].From.Equal(t0) {
		t.Errorf("memberships %+v", l.Memberships)
	}
	plain := candidate()
	lag().Seat(plain, t0)
	if plain.EncryptionMode != "" {
		t.Errorf("a plain member took mode %q", plain.EncryptionMode)
	}
	l.Unseat(c, t0.Add(time.Hour))
	if c.LagID != "" || !l.Memberships[0].Until.Equal(t0.Add(time.Hour)) {
		t.Errorf("unseated: lag %q, memberships %+v", c.LagID, l.Memberships)
	}
}

func TestLagSeatNewTakesTheLagMacSecCapability(t *testing.T) {
	c := &dx.ConnectionRecord{ID: "dxcon-n"}
	macLag().SeatNew(c, t0)
	if !c.MacSecCapable || c.EncryptionMode != dx.MustEncrypt {
		t.Errorf("new member of a MACsec LAG: capable %v mode %q", c.MacSecCapable, c.EncryptionMode)
	}
}

func TestLagReleaseKeepsMinimumLinks(t *testing.T) {
	l := lag()
	l.MinimumLinks = 2
	two := dx.LagFacts{Members: []string{"dxcon-a", "dxcon-b"}}
	wantRule(t, l.Release("dxcon-a", two), dx.ClientException, "Removing connection dxcon-a from LAG dxlag-a would leave it 1 connection(s), below its minimumLinks of 2")
	// A last member may always leave, and deletion ignores minimumLinks.
	wantRule(t, l.Release("dxcon-a", dx.LagFacts{Members: []string{"dxcon-a"}}), "", "")
	wantRule(t, l.ReleaseDeleted("dxcon-a", two), "", "")
}

func TestLagReleaseKeepsHostedCapacity(t *testing.T) {
	l := lag()
	f := dx.LagFacts{Members: []string{"dxcon-a", "dxcon-b"}, HostedMbps: 15000}
	want := "Connection dxcon-a cannot leave LAG dxlag-a: its hosted connections use 15000 Mbps and the 1 member(s) left would give 10000 Mbps of capacity"
	wantRule(t, l.Release("dxcon-a", f), dx.ClientException, want)
	wantRule(t, l.ReleaseDeleted("dxcon-a", f), dx.ClientException, want)
	f.HostedMbps = 10000
	wantRule(t, l.Release("dxcon-a", f), "", "")
}

func TestLagCheckMember(t *testing.T) {
	wantRule(t, lag().CheckMember(with(func(c *dx.ConnectionRecord) { c.LagID = "dxlag-a" })), "", "")
	wantRule(t, lag().CheckMember(candidate()), dx.ClientException, "Connection does not exist in LAG dxlag-a: dxcon-a is not a member of it")
	wantRule(t, lag().CheckMember(with(func(c *dx.ConnectionRecord) { c.LagID = "dxlag-b" })), dx.ClientException, "Connection does not exist in LAG dxlag-a: dxcon-a is a member of LAG dxlag-b")
}

func TestLagRenameRefusesAnEmptyName(t *testing.T) {
	l := lag()
	wantRule(t, l.Rename(""), dx.ClientException, "lagName must not be empty")
	wantRule(t, l.Rename("core"), "", "")
	if l.Name != "core" {
		t.Errorf("name %q", l.Name)
	}
}

func TestLagChangeMinimumLinksWithinItsMembers(t *testing.T) {
	l := lag()
	wantRule(t, l.ChangeMinimumLinks(3, 2, t0), dx.ClientException, "minimumLinks 3 is out of range")
	wantRule(t, l.ChangeMinimumLinks(2, 2, t0), "", "")
	if l.MinimumLinks != 2 || l.MinimumLinksAt(t0.Add(-time.Second)) != 0 {
		t.Errorf("minimumLinks %d, before %d", l.MinimumLinks, l.MinimumLinksAt(t0.Add(-time.Second)))
	}
}

func TestLagEncryptionModeAppliesToEveryMember(t *testing.T) {
	l := macLag()
	a, b := candidate(), candidate()
	wantRule(t, l.SetEncryptionMode(dx.ShouldEncrypt, []*dx.ConnectionRecord{a, b}), "", "")
	if l.EncryptionMode != dx.ShouldEncrypt || a.EncryptionMode != dx.ShouldEncrypt || b.EncryptionMode != dx.ShouldEncrypt {
		t.Errorf("modes %q %q %q", l.EncryptionMode, a.EncryptionMode, b.EncryptionMode)
	}
	wantRule(t, lag().SetEncryptionMode(dx.MustEncrypt, nil), dx.ClientException, "LAG dxlag-a was not created with requestMACSec")
}

func TestConnectionEncryptionModeFollowsItsLag(t *testing.T) {
	member := with(func(c *dx.ConnectionRecord) { c.MacSecCapable, c.LagID = true, "dxlag-a" })
	wantRule(t, member.SetEncryptionMode(dx.MustEncrypt), dx.ClientException, "Connection dxcon-a is a member of LAG dxlag-a; set encryptionMode on the LAG with UpdateLag")
	alone := with(func(c *dx.ConnectionRecord) { c.MacSecCapable = true })
	wantRule(t, alone.SetEncryptionMode(dx.MustEncrypt), "", "")
	wantRule(t, alone.SetEncryptionMode("sometimes"), dx.ClientException, "encryptionMode \"sometimes\" is not valid")
}

func TestLagHostCapacityOnlyForAPartnerLag(t *testing.T) {
	l := lag()
	_, err := l.HostCapacity(oneMember)
	wantRule(t, err, dx.ClientException, "LAG dxlag-a is not enabled to host connections")
	l.AllowsHostedConnections = true
	if mbps, err := l.HostCapacity(dx.LagFacts{Members: []string{"a", "b"}}); err != nil || mbps != 20000 {
		t.Errorf("capacity %d, %v; want 20000", mbps, err)
	}
	ic := with(func(c *dx.ConnectionRecord) { c.Interconnect, c.LagID = true, "dxlag-a" })
	_, err = ic.HostCapacity()
	wantRule(t, err, dx.ClientException, "Interconnect dxcon-a is a member of LAG dxlag-a; hosted connections go on the LAG")
}

func TestLagAdoptHostedRefusesAVlanClash(t *testing.T) {
	l := lag()
	moving := []*dx.ConnectionRecord{{ID: "dxcon-h1", HostedOn: "dxcon-ic", Vlan: 101}}
	wantRule(t, l.AdoptHosted("dxcon-ic", moving, nil, t0), dx.ClientException, "Interconnect dxcon-ic has hosted connections and LAG dxlag-a is not enabled to host connections")
	l.AllowsHostedConnections = true
	staying := []*dx.ConnectionRecord{{ID: "dxcon-h2", HostedOn: "dxlag-a", Vlan: 101}}
	wantRule(t, l.AdoptHosted("dxcon-ic", moving, staying, t0), dx.ClientException, "Hosted connection dxcon-h1 of dxcon-ic and dxcon-h2 of LAG dxlag-a both use VLAN 101")
	if moving[0].HostedOn != "dxcon-ic" {
		t.Errorf("a refused move moved %s", moving[0].ID)
	}
	wantRule(t, l.AdoptHosted("dxcon-ic", moving, nil, t0), "", "")
	if m := moving[0]; m.HostedOn != "dxlag-a" || m.Device != l.Device || len(m.PastHosts) != 1 || m.PastHosts[0].ID != "dxcon-ic" {
		t.Errorf("moved: %+v", m)
	}
}

func TestPortOrderCheck(t *testing.T) {
	cat := dx.DefaultCatalog()
	var region, code, macSpeed, plainSpeed string
	for _, r := range cat.Regions() {
		for _, loc := range cat.Locations(r) {
			site, _ := cat.Site(r, loc.LocationCode)
			if len(site.AvailableMacSecPortSpeeds) == 0 {
				continue
			}
			for _, sp := range site.AvailablePortSpeeds {
				if site.OffersMacSec(sp) {
					macSpeed = sp
				} else {
					plainSpeed = sp
				}
			}
			if macSpeed != "" && plainSpeed != "" {
				region, code = r, loc.LocationCode
				break
			}
			macSpeed, plainSpeed = "", ""
		}
		if code != "" {
			break
		}
	}
	if code == "" {
		t.Skip("the default catalog has no location with both MACsec and plain port speeds")
	}
	ok := dx.PortOrder{Location: code, Bandwidth: macSpeed, RequestMACSec: true}
	if site, err := ok.Check(cat, region); err != nil || site.LocationCode != code {
		t.Fatalf("a valid order: %v, %v", site, err)
	}
	check := func(o dx.PortOrder, want string) {
		t.Helper()
		_, err := o.Check(cat, region)
		wantRule(t, err, dx.ClientException, want)
	}
	o := ok
	o.Location = "NOPE1"
	check(o, `Location "NOPE1" is not a Direct Connect location in region `+region)
	o = ok
	o.Bandwidth = "3Gbps"
	check(o, "is not a dedicated connection bandwidth")
	o = ok
	o.Bandwidth = plainSpeed
	check(o, "does not offer MACsec on "+plainSpeed)
	o = ok
	o.BillingMode = "Free"
	check(o, "billingMode")
	o = ok
	o.Tags = []dx.Tag{{Key: "aws:x"}}
	check(o, "reserved prefix aws:")
	// A LAG's order checks its size before its tags, and its members' tags.
	o = ok
	o.ForLag, o.Connections, o.Tags = true, 0, []dx.Tag{{Key: "aws:x"}}
	check(o, "numberOfConnections 0 is out of range")
	o = ok
	o.ForLag, o.Connections, o.MemberTags = true, 1, []dx.Tag{{Key: "aws:x"}}
	check(o, "reserved prefix aws:")
}

func TestPortOrderRecords(t *testing.T) {
	o := dx.PortOrder{Location: "EqDC2", Bandwidth: "10Gbps", ProviderName: "p", RequestMACSec: true, BillingMode: "FlatRateTier1",
		Tags: []dx.Tag{{Key: "lag"}}, MemberTags: []dx.Tag{{Key: "member"}}}
	caller := dx.Caller{Account: "111122223333", Region: "us-east-1"}
	c := o.NewConnection(caller, "c", t0)
	if !c.MacSecCapable || c.EncryptionMode != dx.NoEncrypt || c.Owner != caller.Account || c.Location != "EqDC2" || !c.CreatedAt.Equal(t0) {
		t.Errorf("connection %+v", c)
	}
	l := o.NewLag(caller, "l", t0)
	l.ID, l.Device = "dxlag-a", "EqDC2-dev1"
	if !l.MacSecCapable || l.EncryptionMode != dx.NoEncrypt || l.Tags[0].Key != "lag" {
		t.Errorf("lag %+v", l)
	}
	m := o.NewMember(l, 2, t0)
	if m.Name != "Requested Connection 2 for Lag dxlag-a" || m.Tags[0].Key != "member" || m.Device != l.Device || m.BillingMode != l.BillingMode {
		t.Errorf("member %+v", m)
	}
}
func TestCheckLagSize(t *testing.T) {
	for _, tc := range []struct {
		bandwidth string
		max       int
	}{{"1Gbps", 4}, {"10Gbps", 4}, {"100Gbps", 2}, {"400Gbps", 2}} {
		if got := dx.MaxLagConnections(tc.bandwidth); got != tc.max {
			t.Errorf("MaxLagConnections(%s) = %d, want %d", tc.bandwidth, got, tc.max)
		}
		wantRule(t, dx.CheckLagSize(tc.bandwidth, 1), "", "")
		wantRule(t, dx.CheckLagSize(tc.bandwidth, tc.max), "", "")
		wantRule(t, dx.CheckLagSize(tc.bandwidth, tc.max+1), dx.ClientException, "has 1 to")
		wantRule(t, dx.CheckLagSize(tc.bandwidth, 0), dx.ClientException, "numberOfConnections 0 is out of range")
	}
}

func TestCheckMinimumLinks(t *testing.T) {
	for _, tc := range []struct {
		links, members int
		want           string
	}{
		{0, 0, ""}, {0, 2, ""}, {2, 2, ""},
		{3, 2, "minimumLinks 3 is out of range: it must be between 0 and the LAG's 2 member connections"},
		{-1, 2, "minimumLinks -1 is out of range"},
		{1, 0, "between 0 and the LAG's 0"},
	} {
		wantRule(t, dx.CheckMinimumLinks(tc.links, tc.members), dx.ClientException, tc.want)
	}
}

func TestLagIssueLoaRefusesALagWithoutMembers(t *testing.T) {
	l := lag()
	wantRule(t, l.IssueLoa(0, t0), dx.ClientException, "LAG dxlag-a has no connections, so there is no port to issue an LOA-CFA for")
	wantRule(t, l.IssueLoa(1, t0), "", "")
	if !l.LoaIssuedAt.Equal(t0) {
		t.Errorf("issued at %v", l.LoaIssuedAt)
	}
}

func TestVirtualInterfacesGoOnTheLagNotItsMembers(t *testing.T) {
	wantRule(t, candidate().CheckVIFParent(), "", "")
	wantRule(t, with(func(c *dx.ConnectionRecord) { c.LagID = "dxlag-a" }).CheckVIFParent(), dx.ClientException, "Connection dxcon-a is a member of LAG dxlag-a; create the virtual interface on the LAG")
	wantRule(t, with(func(c *dx.ConnectionRecord) { c.Interconnect = true }).CheckVIFParent(), dx.ClientException, "dxcon-a is an interconnect")
}

func TestAPartnerLagVirtualInterfaceIsAllocatedNotConfigured(t *testing.T) {
	wantRule(t, dx.CheckPartnerLagVIF("dxlag-a", true, false), dx.ClientException, "LAG dxlag-a belongs to a Direct Connect Partner")
	wantRule(t, dx.CheckPartnerLagVIF("dxlag-a", true, true), "", "")
	wantRule(t, dx.CheckPartnerLagVIF("dxlag-a", false, false), "", "")
	l := lag()
	wantRule(t, l.CheckVIFConfigurable("dxvif-a"), "", "")
	l.AllowsHostedConnections = true
	wantRule(t, l.CheckVIFConfigurable("dxvif-a"), dx.ClientException, "Virtual interface dxvif-a is on LAG dxlag-a of a Direct Connect Partner")
}

func TestCheckHostRoomRefusesATakenVlanOrTooMuchBandwidth(t *testing.T) {
	hosted := []*dx.ConnectionRecord{{ID: "dxcon-h1", Vlan: 101, Bandwidth: "500Mbps"}}
	wantRule(t, dx.CheckHostRoom("dxlag-a", 1000, hosted, 102, "500Mbps"), "", "")
	wantRule(t, dx.CheckHostRoom("dxlag-a", 1000, hosted, 101, "50Mbps"), dx.ClientException, "VLAN 101 is already in use on dxlag-a by hosted connection dxcon-h1")
	wantRule(t, dx.CheckHostRoom("dxlag-a", 1000, hosted, 102, "1Gbps"), dx.ClientException, "dxlag-a has 1000 Mbps of capacity, 500 Mbps of it allocated; a 1Gbps hosted connection does not fit")
}
