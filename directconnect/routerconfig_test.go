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

func routerConfig(t *testing.T, c *directconnect.Client, vif *string, routerType string) *directconnect.DescribeRouterConfigurationOutput {
	t.Helper()
	in := &directconnect.DescribeRouterConfigurationInput{VirtualInterfaceId: vif}
	if routerType != "" {
		in.RouterTypeIdentifier = aws.String(routerType)
	}
	out, err := c.DescribeRouterConfiguration(ctx, in)
	if err != nil {
		t.Fatalf("DescribeRouterConfiguration(%s, %q): %v", aws.ToString(vif), routerType, err)
	}
	return out
}

// wantLines checks that config holds every line of want (after trimming
// indentation), printing the configuration when one is missing.
func wantLines(t *testing.T, name, config string, want ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, l := range strings.Split(config, "\n") {
		have[strings.TrimSpace(l)] = true
	}
	missing := false
	for _, w := range want {
		if !have[w] {
			t.Errorf("%s: no line %q", name, w)
			missing = true
		}
	}
	if missing {
		t.Logf("%s configuration:\n%s", name, config)
	}
}

func addr(p *string) string { return netip.MustParsePrefix(aws.ToString(p)).Addr().String() }

func TestDescribeRouterConfigurationForEachRouterType(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 345)
	if _, err := c.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId,
		NewBGPPeer: &types.NewBGPPeer{Asn: 65000, AddressFamily: types.AddressFamilyIPv6}}); err != nil {
		t.Fatal(err)
	}
	v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if len(v.BgpPeers) != 2 || v.AmazonSideAsn == nil {
		t.Fatalf("public VIF has peers %+v and Amazon side ASN %v, want an IPv4 and an IPv6 peer and an ASN", v.BgpPeers, v.AmazonSideAsn)
	}
	v4, v6 := v.BgpPeers[0], v.BgpPeers[1]
	amazon, customer, key := addr(v4.AmazonAddress), addr(v4.CustomerAddress), aws.ToString(v4.AuthKey)
	amazon6, customer6, key6 := addr(v6.AmazonAddress), aws.ToString(v6.CustomerAddress), aws.ToString(v6.AuthKey)
	amazonAsn := aws.ToInt64(v.AmazonSideAsn)
	id := aws.ToString(vif.VirtualInterfaceId)
	if customer != "203.0.95.2" || amazon != "203.0.95.1" {
		t.Fatalf("peer addresses %s and %s, want those createPublicVIF gives VLAN 345", amazon, customer)
	}

	// What each family of configuration must say, in its own syntax.
	want := map[string][]string{
		"customer-router-generic.xslt": {
			"802.1Q VLAN 345, with an MTU of 1500 bytes.",
			"Customer address      203.0.95.2/30", "Amazon address        203.0.95.1/30",
			"Customer (local) ASN  65000", fmt.Sprintf("Amazon (remote) ASN   %d", amazonAsn),
			"MD5 authentication    " + key, "MD5 authentication    " + key6,
			"Customer address      " + customer6, "198.51.100.0/24",
		},
		"customer-router-cisco-generic.xslt": {
			"interface GigabitEthernet0/1.345", "encapsulation dot1Q 345",
			"ip address 203.0.95.2 255.255.255.252", "ipv6 address " + customer6,
			"router bgp 65000",
			fmt.Sprintf("neighbor 203.0.95.1 remote-as %d", amazonAsn), "neighbor 203.0.95.1 password " + key,
			fmt.Sprintf("neighbor %s remote-as %d", amazon6, amazonAsn), fmt.Sprintf("neighbor %s password %s", amazon6, key6),
			"neighbor 203.0.95.1 fall-over bfd",
			"network 198.51.100.0 mask 255.255.255.0", "ip route 198.51.100.0 255.255.255.0 Null0",
		},
		"customer-switch-cisco-nexus-generic.xslt": {
			"interface Ethernet1/1.345", "encapsulation dot1q 345",
			"ip address 203.0.95.2/30", "ipv6 address " + customer6,
			"router bgp 65000", "neighbor 203.0.95.1", fmt.Sprintf("remote-as %d", amazonAsn),
			"password 0 " + key, "neighbor " + amazon6, "password 0 " + key6, "network 198.51.100.0/24",
		},
		"customer-router-juniper-generic.xslt": {
			"set interfaces xe-0/0/0 unit 345 vlan-id 345",
			"set interfaces xe-0/0/0 unit 345 family inet address 203.0.95.2/30",
			"set interfaces xe-0/0/0 unit 345 family inet6 address " + customer6,
			"set routing-options autonomous-system 65000",
			fmt.Sprintf("set protocols bgp group AWS-%s peer-as %d", id, amazonAsn),
			fmt.Sprintf("set protocols bgp group AWS-%s neighbor 203.0.95.1 authentication-key \"%s\"", id, key),
			fmt.Sprintf("set protocols bgp group AWS-%s neighbor %s authentication-key \"%s\"", id, amazon6, key6),
			fmt.Sprintf("set policy-options prefix-list AWS-%s-OUT 198.51.100.0/24", id),
		},
		"customer-router-palo-alto-generic.xslt": {
			"set network interface ethernet ethernet1/1 layer3 units ethernet1/1.345 tag 345",
			"set network interface ethernet ethernet1/1 layer3 units ethernet1/1.345 ip 203.0.95.2/30",
			"set network interface ethernet ethernet1/1 layer3 units ethernet1/1.345 ipv6 address " + customer6,
			"set network virtual-router default protocol bgp local-as 65000",
			fmt.Sprintf("set network virtual-router default protocol bgp peer-group AWS-%s peer aws-1 peer-as %d", id, amazonAsn),
			fmt.Sprintf("set network virtual-router default protocol bgp peer-group AWS-%s peer aws-1 peer-address ip 203.0.95.1", id),
			fmt.Sprintf("set network virtual-router default protocol bgp peer-group AWS-%s peer aws-2 peer-address ip %s", id, amazon6),
			fmt.Sprintf("set network virtual-router default protocol bgp auth-profile AWS-%s-1 secret %s", id, key),
			fmt.Sprintf("set network virtual-router default protocol bgp auth-profile AWS-%s-2 secret %s", id, key6),
			fmt.Sprintf("set network virtual-router default protocol redist-profile AWS-%s-OUT filter type static destination [ 198.51.100.0/24 ]", id),
		},
		"customer-switch-arista-generic.xslt": {
			"interface Ethernet1.345", "encapsulation dot1q vlan 345",
			"ip address 203.0.95.2/30", "ipv6 address " + customer6, "router bgp 65000",
			fmt.Sprintf("neighbor 203.0.95.1 remote-as %d", amazonAsn), "neighbor 203.0.95.1 password 0 " + key,
			fmt.Sprintf("neighbor %s password 0 %s", amazon6, key6), "network 198.51.100.0/24",
		},
		"customer-router-frr.xslt": {
			"!   ip link add link eth0 name eth0.345 type vlan id 345", "interface eth0.345",
			"ip address 203.0.95.2/30", "ipv6 address " + customer6, "router bgp 65000",
			"bgp router-id 203.0.95.2", "no bgp ebgp-requires-policy",
			fmt.Sprintf("neighbor 203.0.95.1 remote-as %d", amazonAsn), "neighbor 203.0.95.1 password " + key,
			fmt.Sprintf("neighbor %s password %s", amazon6, key6), "neighbor " + amazon6 + " activate",
			"ip route 198.51.100.0/24 blackhole", "network 198.51.100.0/24",
		},
	}
	for _, rt := range dx.RouterTypes() {
		t.Run(rt.RouterTypeIdentifier, func(t *testing.T) {
			out := routerConfig(t, c, vif.VirtualInterfaceId, rt.RouterTypeIdentifier)
			r := out.Router
			if r == nil || aws.ToString(r.RouterTypeIdentifier) != rt.RouterTypeIdentifier || aws.ToString(r.Vendor) != rt.Vendor ||
				aws.ToString(r.Platform) != rt.Platform || aws.ToString(r.Software) != rt.Software ||
				aws.ToString(r.XsltTemplateName) != rt.XsltTemplateName || aws.ToString(r.XsltTemplateNameForMacSec) != rt.XsltTemplateNameForMacSec {
				t.Errorf("router %+v, want %+v", r, rt)
			}
			if aws.ToString(out.VirtualInterfaceId) != id || aws.ToString(out.VirtualInterfaceName) != aws.ToString(vif.VirtualInterfaceName) {
				t.Errorf("answer names %s (%s), want %s (%s)", aws.ToString(out.VirtualInterfaceId), aws.ToString(out.VirtualInterfaceName), id, aws.ToString(vif.VirtualInterfaceName))
			}
			lines, ok := want[rt.XsltTemplateName]
			if !ok {
				t.Fatalf("no expectations for template %s", rt.XsltTemplateName)
			}
			wantLines(t, rt.RouterTypeIdentifier, aws.ToString(out.CustomerRouterConfig), lines...)
		})
	}

	// The SRX configuration also lets BGP into the interface's security zone.
	srx := routerConfig(t, c, vif.VirtualInterfaceId, "JuniperNetworksInc-SRXSeriesRouters-JunOS95")
	wantLines(t, "SRX", aws.ToString(srx.CustomerRouterConfig),
		"set security zones security-zone untrust interfaces xe-0/0/0.345 host-inbound-traffic protocols bgp")
}

func TestDescribeRouterConfigurationWithoutRouterTypeIsGeneric(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 120)
	out := routerConfig(t, c, vif.VirtualInterfaceId, "")
	if r := out.Router; r == nil || aws.ToString(r.RouterTypeIdentifier) != dx.GenericRouterTypeIdentifier || aws.ToString(r.XsltTemplateName) != "customer-router-generic.xslt" {
		t.Errorf("router %+v, want the generic router type", out.Router)
	}
	cfg := aws.ToString(out.CustomerRouterConfig)
	if !strings.Contains(cfg, "vendor agnostic") || !strings.Contains(cfg, "802.1Q VLAN 120") {
		t.Errorf("configuration without a router type is not the generic text:\n%s", cfg)
	}
}

func TestDescribeRouterConfigurationRefusals(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 130)

	_, err := c.DescribeRouterConfiguration(ctx, &directconnect.DescribeRouterConfigurationInput{
		VirtualInterfaceId: vif.VirtualInterfaceId, RouterTypeIdentifier: aws.String("AcmeInc-Router9000-AcmeOS1")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "AcmeInc-Router9000-AcmeOS1", "CiscoSystemsInc-2900SeriesRouters-IOS124", "JuniperNetworksInc-MMXSeriesRouters-JunOS95")

	// Another account's virtual interface is indistinguishable from a missing one.
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	_, err = other.DescribeRouterConfiguration(ctx, &directconnect.DescribeRouterConfigurationInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(vif.VirtualInterfaceId), "does not exist", dxsimtest.OtherAccount)
	_, err = c.DescribeRouterConfiguration(ctx, &directconnect.DescribeRouterConfigurationInput{VirtualInterfaceId: aws.String("dxvif-nothere1")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "dxvif-nothere1", "does not exist")

	// A deleted interface has no configuration.
	if _, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeRouterConfiguration(ctx, &directconnect.DescribeRouterConfigurationInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(vif.VirtualInterfaceId), "does not exist")
}

func TestDescribeRouterConfigurationOfAllocatedInterface(t *testing.T) {
	w := dxsimtest.Start(t)
	allocator, owner := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	conn := dxsimtest.ReadyConnection(t, allocator, "EqDC2", "10Gbps")
	a, err := allocator.AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{
			VirtualInterfaceName: aws.String("hosted"), Vlan: 400, AsnLong: aws.Int64(4200000001), Mtu: aws.Int32(9001)},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := a.BgpPeers[0]
	// Both the owner and the allocator may configure their routers; until
	// the owner confirms it on a gateway, the Amazon side ASN is 7224, as
	// the aws CLI's allocate-private-virtual-interface example shows.
	for name, c := range map[string]*directconnect.Client{"owner": owner, "allocator": allocator} {
		out := routerConfig(t, c, a.VirtualInterfaceId, "CiscoSystemsInc-2900SeriesRouters-IOS124")
		cfg := aws.ToString(out.CustomerRouterConfig)
		wantLines(t, name, cfg,
			"encapsulation dot1Q 400", "mtu 9001", "router bgp 4200000001",
			fmt.Sprintf("ip address %s 255.255.255.252", addr(p.CustomerAddress)),
			fmt.Sprintf("neighbor %s remote-as 7224", addr(p.AmazonAddress)),
			fmt.Sprintf("neighbor %s password %s", addr(p.AmazonAddress), aws.ToString(p.AuthKey)),
			"! network <your prefix> mask <mask>   (the prefixes you advertise to AWS)")
		if strings.Contains(cfg, "198.51.100.0") || strings.Contains(cfg, "Null0") {
			t.Errorf("%s: a private interface's configuration advertises public prefixes:\n%s", name, cfg)
		}
	}
	_, err = w.ClientFor("999988887777", dxsimtest.Region).DescribeRouterConfiguration(ctx,
		&directconnect.DescribeRouterConfigurationInput{VirtualInterfaceId: a.VirtualInterfaceId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}
