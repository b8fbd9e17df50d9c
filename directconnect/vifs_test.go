package directconnect_test

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestPublicVirtualInterfaceLifecycle(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
	if !dx.IsID(aws.ToString(vif.VirtualInterfaceId), "dxvif-") {
		t.Errorf("virtualInterfaceId %q is not dxvif- and 8 lowercase letters and digits", aws.ToString(vif.VirtualInterfaceId))
	}
	if vif.VirtualInterfaceState != types.VirtualInterfaceStateVerifying || aws.ToString(vif.VirtualInterfaceType) != "public" ||
		aws.ToString(vif.ConnectionId) != aws.ToString(conn.ConnectionId) || vif.Vlan != 101 || aws.ToString(vif.OwnerAccount) != dxsimtest.Account {
		t.Errorf("new public VIF: state %s type %s on %s vlan %d owner %s", vif.VirtualInterfaceState, aws.ToString(vif.VirtualInterfaceType),
			aws.ToString(vif.ConnectionId), vif.Vlan, aws.ToString(vif.OwnerAccount))
	}
	if len(vif.BgpPeers) != 1 || aws.ToString(vif.BgpPeers[0].AuthKey) == "" || vif.BgpPeers[0].AddressFamily != types.AddressFamilyIPv4 || !strings.HasPrefix(aws.ToString(vif.BgpPeers[0].BgpPeerId), "dxpeer-") {
		t.Fatalf("BGP peers %+v, want one IPv4 peer with a generated auth key", vif.BgpPeers)
	}
	if len(vif.RouteFilterPrefixes) != 1 || aws.ToString(vif.RouteFilterPrefixes[0].Cidr) != "198.51.100.0/24" {
		t.Errorf("route filter prefixes = %+v", vif.RouteFilterPrefixes)
	}
	tm := w.Config.Service.Timings
	// verifying -> pending -> down while the connection is not available -> available.
	w.Clock.Advance(tm.Verifying)
	if s := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceState; s != types.VirtualInterfaceStatePending {
		t.Errorf("after verification: %s, want pending", s)
	}
	w.Clock.Advance(tm.Pending)
	got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if conn := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); conn.ConnectionState != types.ConnectionStateAvailable {
		if got.VirtualInterfaceState != types.VirtualInterfaceStateDown || got.BgpPeers[0].BgpStatus != types.BGPStatusDown {
			t.Errorf("VIF on a %s connection is %s with BGP %s, want down/down", conn.ConnectionState, got.VirtualInterfaceState, got.BgpPeers[0].BgpStatus)
		}
	}
	w.Provision()
	got = dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if got.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || got.BgpPeers[0].BgpStatus != types.BGPStatusUp || got.BgpPeers[0].BgpPeerState != types.BGPPeerStateAvailable {
		t.Errorf("provisioned VIF is %s, BGP %s/%s; want available, available/up", got.VirtualInterfaceState, got.BgpPeers[0].BgpPeerState, got.BgpPeers[0].BgpStatus)
	}
	// A connection with a virtual interface cannot be deleted.
	_, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "virtual interfaces", aws.ToString(vif.VirtualInterfaceId))
	del, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if del.VirtualInterfaceState != types.VirtualInterfaceStateDeleting {
		t.Errorf("DeleteVirtualInterface answered %s, want deleting", del.VirtualInterfaceState)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	if got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); got.VirtualInterfaceState != types.VirtualInterfaceStateDeleted {
		t.Errorf("%v after DeleteVirtualInterface: %s, want deleted", w.Config.Service.Timings.Deleting, got.VirtualInterfaceState)
	}
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId}); err != nil {
		t.Errorf("connection without live VIFs: %v", err)
	}
}

func TestVirtualInterfaceRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
	mutate := func(f func(*types.NewPublicVirtualInterface)) *types.NewPublicVirtualInterface {
		in := dxsimtest.PublicVIF(200)
		f(in)
		return in
	}
	for name, tc := range map[string]struct {
		in   *types.NewPublicVirtualInterface
		want []string
	}{
		"vlan taken":      {mutate(func(v *types.NewPublicVirtualInterface) { v.Vlan = 101 }), []string{"VLAN 101", "already used"}},
		"vlan range":      {mutate(func(v *types.NewPublicVirtualInterface) { v.Vlan = 4095 }), []string{"4094"}},
		"asn and asnLong": {mutate(func(v *types.NewPublicVirtualInterface) { v.AsnLong = aws.Int64(65001) }), []string{"not both"}},
		"asnLong range":   {mutate(func(v *types.NewPublicVirtualInterface) { v.Asn = 0; v.AsnLong = aws.Int64(4294967295) }), []string{"4294967294"}},
		"no asn":          {mutate(func(v *types.NewPublicVirtualInterface) { v.Asn = 0 }), []string{"ASN is required"}},
		"no prefixes":     {mutate(func(v *types.NewPublicVirtualInterface) { v.RouteFilterPrefixes = nil }), []string{"routeFilterPrefixes"}},
		"private prefix":  {mutate(func(v *types.NewPublicVirtualInterface) { v.RouteFilterPrefixes[0].Cidr = aws.String("10.0.0.0/8") }), []string{"10.0.0.0/8", "not public"}},
		"private addresses": {mutate(func(v *types.NewPublicVirtualInterface) {
			v.AmazonAddress, v.CustomerAddress = aws.String("10.0.0.1/30"), aws.String("10.0.0.2/30")
		}), []string{"public IPv4"}},
		"no addresses":   {mutate(func(v *types.NewPublicVirtualInterface) { v.AmazonAddress, v.CustomerAddress = nil, nil }), []string{"public IPv4"}},
		"one address":    {mutate(func(v *types.NewPublicVirtualInterface) { v.AmazonAddress = nil }), []string{"both"}},
		"short auth key": {mutate(func(v *types.NewPublicVirtualInterface) { v.AuthKey = aws.String("abc") }), []string{"6 to 80"}},
		"bad family":     {mutate(func(v *types.NewPublicVirtualInterface) { v.AddressFamily = "ipv5" }), []string{"ipv4 and ipv6"}},
		"custom ipv6":    {mutate(func(v *types.NewPublicVirtualInterface) { v.AddressFamily = types.AddressFamilyIPv6 }), []string{"Amazon pool"}},
	} {
		_, err := c.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: conn.ConnectionId, NewPublicVirtualInterface: tc.in})
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)
	}
	if n := dxsimtest.VifCount(t, c); n != 1 {
		t.Errorf("%d virtual interfaces after refused creates, want 1", n)
	}
	// Another account's connection is not found.
	_, err := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: conn.ConnectionId, NewPublicVirtualInterface: dxsimtest.PublicVIF(300)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	// A private interface attaches to exactly one gateway; a transit one to a Direct Connect gateway.
	_, err = c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("p"), Vlan: 300, Asn: 65000}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "exactly one")
	_, err = c.CreateTransitVirtualInterface(ctx, &directconnect.CreateTransitVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
		NewTransitVirtualInterface: &types.NewTransitVirtualInterface{VirtualInterfaceName: aws.String("t"), Vlan: 301, Asn: 65000}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Direct Connect gateway")
	_, err = c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("p"), Vlan: 300, Asn: 65000, VirtualGatewayId: aws.String("vgw-unknown")}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "vgw-unknown")
	if n := dxsimtest.VifCount(t, c); n != 1 {
		t.Errorf("%d virtual interfaces after refused creates, want 1", n)
	}
}

func TestBGPPeers(t *testing.T) {
	w := dxsimtest.StartSmall(t)
	c := w.Client()
	// TST1-aaaaaaaaaaaa has no logical redundancy; TST1-cccccccccccc has.
	plain := dxsimtest.ReadyConnection(t, c, "TST1", "1Gbps")
	var redundant *directconnect.CreateConnectionOutput
	for redundant == nil || aws.ToString(redundant.AwsDevice) != "TST1-cccccccccccc" {
		redundant = dxsimtest.ReadyConnection(t, c, "TST1", "10Gbps")
	}
	vif := dxsimtest.CreatePublicVIF(t, c, plain.ConnectionId, 10)
	peer := func(id *string, p *types.NewBGPPeer) (*directconnect.CreateBGPPeerOutput, error) {
		return c.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: id, NewBGPPeer: p})
	}
	_, err := peer(vif.VirtualInterfaceId, &types.NewBGPPeer{Asn: 65000, AmazonAddress: aws.String("203.0.10.5/30"), CustomerAddress: aws.String("203.0.10.6/30")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "logical redundancy")
	// A peer of the other family is fine; IPv6 addresses come from the Amazon pool.
	out, err := peer(vif.VirtualInterfaceId, &types.NewBGPPeer{Asn: 65000, AddressFamily: types.AddressFamilyIPv6})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.VirtualInterface.BgpPeers); n != 2 {
		t.Fatalf("%d peers, want 2", n)
	}
	v6 := out.VirtualInterface.BgpPeers[1]
	if a, err := netip.ParsePrefix(aws.ToString(v6.AmazonAddress)); err != nil || !a.Addr().Is6() || aws.ToString(v6.AuthKey) == "" {
		t.Errorf("IPv6 peer addresses %q/%q, auth key %q", aws.ToString(v6.AmazonAddress), aws.ToString(v6.CustomerAddress), aws.ToString(v6.AuthKey))
	}
	// A public interface only takes private ASNs or those already allowed.
	_, err = peer(vif.VirtualInterfaceId, &types.NewBGPPeer{Asn: 7224, AddressFamily: types.AddressFamilyIPv6})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "7224")

	// Where the device has logical redundancy, a second IPv4 peer is allowed.
	rv := dxsimtest.CreatePublicVIF(t, c, redundant.ConnectionId, 11)
	if _, err := peer(rv.VirtualInterfaceId, &types.NewBGPPeer{AsnLong: aws.Int64(4200000001), AmazonAddress: aws.String("203.0.11.5/30"), CustomerAddress: aws.String("203.0.11.6/30")}); err != nil {
		t.Fatal(err)
	}
	got := dxsimtest.DescribeVIF(t, c, rv.VirtualInterfaceId)
	if len(got.BgpPeers) != 2 || got.BgpPeers[1].Asn != 0 || aws.ToInt64(got.BgpPeers[1].AsnLong) != 4200000001 {
		t.Errorf("4-byte ASN peer: %+v, want asn 0 and asnLong 4200000001", got.BgpPeers)
	}

	// Deleting: by ID or ASN and address; never the last peer.
	del, err := c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: rv.VirtualInterfaceId, AsnLong: aws.Int64(4200000001), CustomerAddress: aws.String("203.0.11.6/30")})
	if err != nil {
		t.Fatal(err)
	}
	if ps := del.VirtualInterface.BgpPeers; len(ps) != 2 || ps[1].BgpPeerState != types.BGPPeerStateDeleting || ps[1].BgpStatus != types.BGPStatusDown {
		t.Errorf("DeleteBGPPeer answered peers %+v, want the deleted one deleting and down", ps)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	if n := len(dxsimtest.DescribeVIF(t, c, rv.VirtualInterfaceId).BgpPeers); n != 1 {
		t.Errorf("%d peers once the deleted one is gone, want 1", n)
	}
	_, err = c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: rv.VirtualInterfaceId, BgpPeerId: del.VirtualInterface.BgpPeers[0].BgpPeerId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "The last BGP Peer on a Virtual Interface cannot be deleted")
	_, err = c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: rv.VirtualInterfaceId, BgpPeerId: aws.String("dxpeer-nothere1")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "no BGP peer")
	if n := len(dxsimtest.DescribeVIF(t, c, rv.VirtualInterfaceId).BgpPeers); n != 1 {
		t.Errorf("%d peers after refused deletes, want 1", n)
	}
}

func TestOmittedIPv4AddressesAreLinkLocal(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	seen := map[string]bool{}
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	for vlan := int32(10); vlan < 14; vlan++ {
		out, err := c.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
			ConnectionId: lag.LagId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
			NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("hosted vif"), Vlan: vlan, Asn: 65000},
		})
		if err != nil {
			t.Fatal(err)
		}
		p := out.BgpPeers[0]
		a, err1 := netip.ParsePrefix(aws.ToString(p.AmazonAddress))
		cu, err2 := netip.ParsePrefix(aws.ToString(p.CustomerAddress))
		if err1 != nil || err2 != nil || a.Bits() != 30 || !netip.MustParsePrefix("169.254.0.0/16").Contains(a.Addr()) || !a.Masked().Contains(cu.Addr()) {
			t.Errorf("auto-assigned addresses %s and %s are not a /30 of 169.254.0.0/16", aws.ToString(p.AmazonAddress), aws.ToString(p.CustomerAddress))
		}
		if seen[a.Masked().String()] {
			t.Errorf("/30 %s assigned twice on one LAG", a.Masked())
		}
		seen[a.Masked().String()] = true
		if out.VirtualInterfaceState != types.VirtualInterfaceStateConfirming || aws.ToString(out.OwnerAccount) != dxsimtest.OtherAccount {
			t.Errorf("allocated VIF is %s owned by %s, want confirming, owned by the other account", out.VirtualInterfaceState, aws.ToString(out.OwnerAccount))
		}
	}
}

func TestFailoverTest(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 7)
	_, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "available")
	w.Provision()
	w.Clock.Advance(w.Config.Service.Timings.Verifying)
	_, err = c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId, TestDurationInMinutes: aws.Int32(4321)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "4320")
	started, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	test := started.VirtualInterfaceTest
	if aws.ToInt32(test.TestDurationInMinutes) != 180 || aws.ToString(test.Status) != "in-progress" || len(test.BgpPeers) != 1 {
		t.Errorf("test = %+v; want 180 minutes, in-progress, the one peer", test)
	}
	got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if got.VirtualInterfaceState != types.VirtualInterfaceStateTesting || got.BgpPeers[0].BgpStatus != types.BGPStatusDown {
		t.Errorf("during the test: %s, BGP %s; want testing, down", got.VirtualInterfaceState, got.BgpPeers[0].BgpStatus)
	}
	_, err = c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "already in failover test")
	// The test ends by itself after its duration.
	w.Clock.Advance(180 * 60e9)
	got = dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if got.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || got.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Errorf("after the test: %s, BGP %s; want available, up", got.VirtualInterfaceState, got.BgpPeers[0].BgpStatus)
	}
	// A stopped test ends at once.
	if _, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId, TestDurationInMinutes: aws.Int32(60)}); err != nil {
		t.Fatal(err)
	}
	stopped, err := c.StopBgpFailoverTest(ctx, &directconnect.StopBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(stopped.VirtualInterfaceTest.Status) != "completed" {
		t.Errorf("stopped test status %q", aws.ToString(stopped.VirtualInterfaceTest.Status))
	}
	if got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); got.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Errorf("after stopping: BGP %s", got.BgpPeers[0].BgpStatus)
	}
	_, err = c.StopBgpFailoverTest(ctx, &directconnect.StopBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "no failover test")
	hist, err := c.ListVirtualInterfaceTestHistory(ctx, &directconnect.ListVirtualInterfaceTestHistoryInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.VirtualInterfaceTestHistory) != 2 {
		t.Errorf("%d tests in the history, want 2", len(hist.VirtualInterfaceTestHistory))
	}
	page, err := c.ListVirtualInterfaceTestHistory(ctx, &directconnect.ListVirtualInterfaceTestHistoryInput{MaxResults: aws.Int32(1)})
	if err != nil || len(page.VirtualInterfaceTestHistory) != 1 || page.NextToken == nil {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	next, err := c.ListVirtualInterfaceTestHistory(ctx, &directconnect.ListVirtualInterfaceTestHistoryInput{MaxResults: aws.Int32(1), NextToken: page.NextToken})
	if err != nil || len(next.VirtualInterfaceTestHistory) != 1 || next.NextToken != nil ||
		aws.ToString(next.VirtualInterfaceTestHistory[0].TestId) == aws.ToString(page.VirtualInterfaceTestHistory[0].TestId) {
		t.Errorf("second page: %+v, %v", next, err)
	}
}

func TestAllocatedVirtualInterfaceConfirmation(t *testing.T) {
	w := dxsimtest.Start(t)
	owner, other := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	conn := dxsimtest.ReadyConnection(t, owner, "EqDC2", "10Gbps")
	alloc := func(vlan int32) *directconnect.AllocatePublicVirtualInterfaceOutput {
		in := dxsimtest.PublicVIF(vlan)
		out, err := owner.AllocatePublicVirtualInterface(ctx, &directconnect.AllocatePublicVirtualInterfaceInput{
			ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
			NewPublicVirtualInterfaceAllocation: &types.NewPublicVirtualInterfaceAllocation{
				VirtualInterfaceName: in.VirtualInterfaceName, Vlan: vlan, Asn: in.Asn, RouteFilterPrefixes: in.RouteFilterPrefixes,
				AmazonAddress: aws.String(fmt.Sprintf("203.0.%d.1/30", vlan)), CustomerAddress: aws.String(fmt.Sprintf("203.0.%d.2/30", vlan)),
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	a := alloc(50)
	if a.VirtualInterfaceState != types.VirtualInterfaceStateConfirming {
		t.Fatalf("allocated VIF is %s", a.VirtualInterfaceState)
	}
	// The allocator cannot confirm; the owner can, once.
	_, err := owner.ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "only its owner")
	_, err = other.ConfirmPrivateVirtualInterface(ctx, &directconnect.ConfirmPrivateVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "public", "ConfirmPublicVirtualInterface")
	conf, err := other.ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if conf.VirtualInterfaceState != types.VirtualInterfaceStateVerifying {
		t.Errorf("confirmed public VIF is %s, want verifying", conf.VirtualInterfaceState)
	}
	_, err = other.ConfirmPublicVirtualInterface(ctx, &directconnect.ConfirmPublicVirtualInterfaceInput{VirtualInterfaceId: a.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "not waiting")
	// The owner declining by deleting makes it rejected.
	b := alloc(51)
	del, err := other.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: b.VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if del.VirtualInterfaceState != types.VirtualInterfaceStateRejected {
		t.Errorf("declined VIF is %s, want rejected", del.VirtualInterfaceState)
	}
	// A third account sees nothing: the ID lists no interface.
	seen, err := w.ClientFor("999988887777", dxsimtest.Region).DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: a.VirtualInterfaceId})
	if err != nil || len(seen.VirtualInterfaces) != 0 {
		t.Errorf("a third account describing the interface: %v, %v; want an empty list", seen, err)
	}
}

func TestVirtualInterfacesFollowConnectionsIntoLags(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 42)
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 1)
	in.ConnectionId = conn.ConnectionId
	lag := dxsimtest.CreateLag(t, c, in)
	if got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); aws.ToString(got.ConnectionId) != aws.ToString(lag.LagId) {
		t.Errorf("VIF on %s after its connection joined LAG %s", aws.ToString(got.ConnectionId), aws.ToString(lag.LagId))
	}
	_, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "virtual interfaces")
	// AssociateVirtualInterface moves it back to a standalone connection.
	other := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	moved, err := c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId, ConnectionId: other.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(moved.ConnectionId) != aws.ToString(other.ConnectionId) {
		t.Errorf("AssociateVirtualInterface left it on %s", aws.ToString(moved.ConnectionId))
	}
	// A VLAN clash on the target refuses the move.
	clash := dxsimtest.CreatePublicVIF(t, c, lag.LagId, 42)
	_, err = c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: clash.VirtualInterfaceId, ConnectionId: other.ConnectionId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "VLAN 42")
	if got := dxsimtest.DescribeVIF(t, c, clash.VirtualInterfaceId); aws.ToString(got.ConnectionId) != aws.ToString(lag.LagId) {
		t.Errorf("refused move left the VIF on %s", aws.ToString(got.ConnectionId))
	}
	// A LAG member takes no interfaces of its own.
	_, err = c.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: conn.ConnectionId, NewPublicVirtualInterface: dxsimtest.PublicVIF(77)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "member of LAG")
}

func TestUpdateVirtualInterfaceAttributes(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 9)
	_, err := c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId, Mtu: aws.Int32(9001)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "9001", "public")
	_, err = c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId, EnableSiteLink: aws.Bool(true)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "SiteLink")
	out, err := c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId, VirtualInterfaceName: aws.String("renamed")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.VirtualInterfaceName) != "renamed" || aws.ToInt32(out.Mtu) != 1500 {
		t.Errorf("after update: name %q, mtu %d", aws.ToString(out.VirtualInterfaceName), aws.ToInt32(out.Mtu))
	}
}

func TestAssociateConnectionWithLagBringsItsVirtualInterfaces(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag, same, _ := lagAndStrays(t, c, "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, same.ConnectionId, 61)
	clash := dxsimtest.CreatePublicVIF(t, c, lag.LagId, 62)
	// A VLAN already used on the LAG refuses the association and changes nothing.
	blocker := dxsimtest.CreatePublicVIF(t, c, same.ConnectionId, 62)
	_, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: same.ConnectionId, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "VLAN 62")
	if got := dxsimtest.DescribeConnection(t, c, same.ConnectionId); got.LagId != nil {
		t.Fatalf("refused association put the connection in %s", aws.ToString(got.LagId))
	}
	if _, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: blocker.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: same.ConnectionId, LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []*string{vif.VirtualInterfaceId, clash.VirtualInterfaceId} {
		if got := dxsimtest.DescribeVIF(t, c, id); aws.ToString(got.ConnectionId) != aws.ToString(lag.LagId) {
			t.Errorf("VIF %s is on %s, want the LAG", aws.ToString(id), aws.ToString(got.ConnectionId))
		}
	}
}
