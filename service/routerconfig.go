package service

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"text/template"

	"github.com/dxsim/dxsim/dx"
)

type DescribeRouterConfigurationInput struct {
	VirtualInterfaceID   string `json:"virtualInterfaceId" required:"true"`
	RouterTypeIdentifier string `json:"routerTypeIdentifier"`
}

type DescribeRouterConfigurationOutput struct {
	CustomerRouterConfig string         `json:"customerRouterConfig"`
	Router               *dx.RouterType `json:"router"`
	VirtualInterfaceID   string         `json:"virtualInterfaceId"`
	VirtualInterfaceName string         `json:"virtualInterfaceName"`
}

// DescribeRouterConfiguration renders the configuration of the customer's
// router for a virtual interface the caller can see, in the syntax of the
// router type asked for (the vendor-neutral text when none is).
func (s *Service) DescribeRouterConfiguration(ctx context.Context, caller dx.Caller, in *DescribeRouterConfigurationInput) (*DescribeRouterConfigurationOutput, error) {
	router, err := dx.LookupRouterType(in.RouterTypeIdentifier)
	if err != nil {
		return nil, err
	}
	var view dx.VirtualInterface
	err = s.view(ctx, func(tx *txn) error {
		v, err := visibleVIF(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		view, err = s.world(tx).vifView(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	text, err := renderRouterConfig(router, view)
	if err != nil {
		return nil, err
	}
	return &DescribeRouterConfigurationOutput{
		CustomerRouterConfig: text, Router: &router,
		VirtualInterfaceID: view.VirtualInterfaceID, VirtualInterfaceName: view.VirtualInterfaceName,
	}, nil
}

// routerConfig is what the templates see: the virtual interface with its
// addresses already split into the forms each vendor's syntax needs.
type routerConfig struct {
	Router       dx.RouterType
	ID, Name     string
	Type         string
	ConnectionID string
	Location     string
	Vlan         int
	Mtu          int
	Jumbo        bool
	// AmazonAsn is empty until an allocated interface is confirmed and
	// attached to a gateway; the templates then print a placeholder.
	AmazonAsn   string
	CustomerAsn int64
	RouterID    string // an IPv4 address of the router, for BGP router IDs
	Peers       []routerPeer
	IPv4Peers   []routerPeer
	IPv6Peers   []routerPeer
	// Advertise4 and Advertise6 are a public interface's route filter
	// prefixes: what the customer announces to Amazon.
	Advertise4 []routerPrefix
	Advertise6 []routerPrefix
	Public     bool
}

type routerPeer struct {
	N               int // 1-based, for names
	IPv6            bool
	Family          string
	AmazonAddress   string // with prefix length
	CustomerAddress string
	AmazonIP        string
	CustomerIP      string
	Netmask         string // dotted, IPv4 only
	Asn             int64
	// LocalAs is set when this peer's customer ASN differs from the one the
	// router's BGP process runs with.
	LocalAs   bool
	AuthKey   string
	Secondary bool // a further IPv4 address on the same subinterface
}

type routerPrefix struct {
	Cidr, IP, Netmask string
}

func newRouterConfig(router dx.RouterType, v dx.VirtualInterface) routerConfig {
	c := routerConfig{
		Router: router, ID: v.VirtualInterfaceID, Name: v.VirtualInterfaceName, Type: v.VirtualInterfaceType,
		ConnectionID: v.ConnectionID, Location: v.Location, Vlan: v.Vlan, Mtu: v.Mtu, Jumbo: v.Mtu > 1500,
		Public: v.VirtualInterfaceType == dx.PublicVIF,
	}
	if c.Mtu == 0 {
		c.Mtu = 1500
	}
	if v.AmazonSideAsn != 0 {
		c.AmazonAsn = fmt.Sprint(v.AmazonSideAsn)
	}
	for i, p := range v.BGPPeers {
		asn := p.AsnLong
		if asn == 0 {
			asn = p.Asn
		}
		if i == 0 {
			c.CustomerAsn = asn
		}
		rp := routerPeer{
			N: i + 1, IPv6: p.AddressFamily == dx.IPv6, Family: p.AddressFamily, AmazonAddress: p.AmazonAddress,
			CustomerAddress: p.CustomerAddress, Asn: asn, LocalAs: asn != c.CustomerAsn, AuthKey: p.AuthKey,
		}
		if a, err := netip.ParsePrefix(p.AmazonAddress); err == nil {
			rp.AmazonIP = a.Addr().String()
		}
		if cu, err := netip.ParsePrefix(p.CustomerAddress); err == nil {
			rp.CustomerIP = cu.Addr().String()
			if cu.Addr().Is4() {
				rp.Netmask = netmask(cu.Bits())
			}
		}
		if rp.IPv6 {
			c.IPv6Peers = append(c.IPv6Peers, rp)
		} else {
			rp.Secondary = len(c.IPv4Peers) > 0
			if c.RouterID == "" {
				c.RouterID = rp.CustomerIP
			}
			c.IPv4Peers = append(c.IPv4Peers, rp)
		}
		c.Peers = append(c.Peers, rp)
	}
	for _, f := range v.RouteFilterPrefixes {
		p, err := netip.ParsePrefix(f.Cidr)
		if err != nil {
			continue
		}
		rp := routerPrefix{Cidr: p.String(), IP: p.Addr().String()}
		if p.Addr().Is4() {
			rp.Netmask = netmask(p.Bits())
			c.Advertise4 = append(c.Advertise4, rp)
		} else {
			c.Advertise6 = append(c.Advertise6, rp)
		}
	}
	return c
}

// netmask is the dotted form of an IPv4 prefix length.
func netmask(bits int) string {
	m := ^uint32(0) << (32 - bits)
	if bits == 0 {
		m = 0
	}
	return fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)
}

// headerArgs passes the header template its comment marker and the
// configuration.
func headerArgs(comment string, c routerConfig) map[string]any {
	return map[string]any{"C": comment, "V": c}
}

func renderRouterConfig(router dx.RouterType, v dx.VirtualInterface) (string, error) {
	t := routerTemplates.Lookup(router.XsltTemplateName)
	if t == nil {
		return "", fmt.Errorf("router type %s has no configuration template %s", router.RouterTypeIdentifier, router.XsltTemplateName)
	}
	var b strings.Builder
	if err := t.Execute(&b, newRouterConfig(router, v)); err != nil {
		return "", fmt.Errorf("rendering %s for %s: %w", router.XsltTemplateName, v.VirtualInterfaceID, err)
	}
	return b.String(), nil
}

// routerTemplates holds one template per configuration family, named by the
// router type's xsltTemplateName. The shared header and the placeholder for
// a not yet known Amazon ASN, and the CIDR-form discard routes of NX-OS and
// EOS, are defined once.
var routerTemplates = template.Must(template.New("").Funcs(template.FuncMap{"commented": headerArgs}).Parse(`
{{- define "nullRoutes"}}
{{- range .Advertise4}}
ip route {{.Cidr}} Null0
{{- end}}
{{- range .Advertise6}}
ipv6 route {{.Cidr}} Null0
{{- end}}
{{- if or .Advertise4 .Advertise6}}
!
{{- end}}
{{- end}}
{{- define "amazonAsn"}}{{if .AmazonAsn}}{{.AmazonAsn}}{{else}}AMAZON_SIDE_ASN{{end}}{{end}}
{{- define "header"}}{{.C}} AWS Direct Connect: customer router configuration
{{.C}}
{{.C}} Virtual interface  {{.V.ID}} ({{.V.Name}}), {{.V.Type}}
{{.C}} Connection         {{.V.ConnectionID}} at {{.V.Location}}
{{.C}} Router             {{.V.Router.Vendor}}, {{.V.Router.Platform}}, {{.V.Router.Software}}
{{.C}} VLAN {{.V.Vlan}}, MTU {{.V.Mtu}}
{{- if not .V.AmazonAsn}}
{{.C}}
{{.C}} The Amazon side ASN is known once the owner confirms this virtual interface
{{.C}} and attaches it to a gateway; replace AMAZON_SIDE_ASN with it.
{{- end}}
{{.C}}
{{.C}} Replace the interface names below with the port cabled to Direct Connect.
{{.C}} AWS recommends BFD with a 300 ms interval and a multiplier of 3 for fast
{{.C}} failure detection; Amazon's side runs BFD asynchronous mode.
{{- end}}

{{- define "customer-router-generic.xslt" -}}
AWS Direct Connect: customer router configuration (vendor agnostic)

Virtual interface   {{.ID}} ({{.Name}})
Type                {{.Type}}
Connection          {{.ConnectionID}} at {{.Location}}
{{- if not .AmazonAsn}}

The Amazon side ASN is known once the owner confirms this virtual interface and
attaches it to a gateway.
{{- end}}

1. Interface
   Create a subinterface on the port cabled to Direct Connect, tagged with
   802.1Q VLAN {{.Vlan}}, with an MTU of {{.Mtu}} bytes.
{{- range .Peers}}
   {{if .IPv6}}IPv6{{else}}IPv4{{end}} address   {{.CustomerAddress}}
{{- end}}

2. BGP
{{- range .Peers}}

   Session {{.N}} ({{.Family}})
   Customer address      {{.CustomerAddress}}
   Amazon address        {{.AmazonAddress}}
   Customer (local) ASN  {{.Asn}}
   Amazon (remote) ASN   {{template "amazonAsn" $}}
   MD5 authentication    {{.AuthKey}}
   Run an external BGP session from {{.CustomerIP}} to {{.AmazonIP}}, with the key above.
{{- end}}

3. Routes
{{- if .Public}}
   Advertise to Amazon only the public prefixes approved for this interface:
{{- range .Advertise4}}
     {{.Cidr}}
{{- end}}
{{- range .Advertise6}}
     {{.Cidr}}
{{- end}}
   Each prefix must be in your routing table (a static route to a discard
   interface will do) for BGP to announce it. Amazon advertises its public
   prefixes for this Region to you over the same session.
{{- else}}
   Advertise the prefixes of your network that the {{.Type}} virtual interface
   should reach; Amazon advertises the prefixes of the attached gateway.
{{- end}}

4. Bidirectional Forwarding Detection (recommended)
   Enable BFD on each session with a 300 ms minimum interval and a multiplier
   of 3. Amazon's side runs BFD asynchronous mode.
{{end}}

{{- define "customer-router-cisco-generic.xslt" -}}
{{template "header" (commented "!" .)}}
!
{{- if .IPv6Peers}}
ipv6 unicast-routing
!
{{- end}}
interface GigabitEthernet0/1
 no ip address
{{- if .Jumbo}}
 mtu {{.Mtu}}
{{- end}}
 no shutdown
!
interface GigabitEthernet0/1.{{.Vlan}}
 description AWS Direct Connect {{.ID}}
 encapsulation dot1Q {{.Vlan}}
{{- range .IPv4Peers}}
 ip address {{.CustomerIP}} {{.Netmask}}{{if .Secondary}} secondary{{end}}
{{- end}}
{{- range .IPv6Peers}}
 ipv6 address {{.CustomerAddress}}
{{- end}}
 bfd interval 300 min_rx 300 multiplier 3
 no shutdown
!
{{- range .Advertise4}}
ip route {{.IP}} {{.Netmask}} Null0
{{- end}}
{{- range .Advertise6}}
ipv6 route {{.Cidr}} Null0
{{- end}}
{{- if or .Advertise4 .Advertise6}}
!
{{- end}}
router bgp {{.CustomerAsn}}
 bgp log-neighbor-changes
 no bgp default ipv4-unicast
{{- range .Peers}}
 neighbor {{.AmazonIP}} remote-as {{template "amazonAsn" $}}
{{- if .LocalAs}}
 neighbor {{.AmazonIP}} local-as {{.Asn}} no-prepend replace-as
{{- end}}
 neighbor {{.AmazonIP}} password {{.AuthKey}}
 neighbor {{.AmazonIP}} description AWS {{$.ID}} session {{.N}}
 neighbor {{.AmazonIP}} fall-over bfd
{{- end}}
 !
 address-family ipv4
{{- range .IPv4Peers}}
  neighbor {{.AmazonIP}} activate
{{- end}}
{{- range .Advertise4}}
  network {{.IP}} mask {{.Netmask}}
{{- end}}
{{- if not .Public}}
  ! network <your prefix> mask <mask>   (the prefixes you advertise to AWS)
{{- end}}
 exit-address-family
{{- if .IPv6Peers}}
 !
 address-family ipv6
{{- range .IPv6Peers}}
  neighbor {{.AmazonIP}} activate
{{- end}}
{{- range .Advertise6}}
  network {{.Cidr}}
{{- end}}
 exit-address-family
{{- end}}
!
end
{{end}}

{{- define "customer-switch-cisco-nexus-generic.xslt" -}}
{{template "header" (commented "!" .)}}
!
feature bgp
feature bfd
!
interface Ethernet1/1
  no switchport
{{- if .Jumbo}}
  mtu 9216
{{- end}}
  no shutdown
!
interface Ethernet1/1.{{.Vlan}}
  description AWS Direct Connect {{.ID}}
  encapsulation dot1q {{.Vlan}}
{{- if .Jumbo}}
  mtu {{.Mtu}}
{{- end}}
{{- range .IPv4Peers}}
  ip address {{.CustomerAddress}}{{if .Secondary}} secondary{{end}}
{{- end}}
{{- range .IPv6Peers}}
  ipv6 address {{.CustomerAddress}}
{{- end}}
  bfd interval 300 min_rx 300 multiplier 3
  no bfd echo
  no shutdown
!
{{- template "nullRoutes" .}}
router bgp {{.CustomerAsn}}
{{- if .RouterID}}
  router-id {{.RouterID}}
{{- end}}
  log-neighbor-changes
  address-family ipv4 unicast
{{- range .Advertise4}}
    network {{.Cidr}}
{{- end}}
{{- if not .Public}}
    ! network <your prefix>   (the prefixes you advertise to AWS)
{{- end}}
{{- if .IPv6Peers}}
  address-family ipv6 unicast
{{- range .Advertise6}}
    network {{.Cidr}}
{{- end}}
{{- end}}
{{- range .Peers}}
  neighbor {{.AmazonIP}}
    remote-as {{template "amazonAsn" $}}
{{- if .LocalAs}}
    local-as {{.Asn}} no-prepend replace-as
{{- end}}
    description AWS {{$.ID}} session {{.N}}
    password 0 {{.AuthKey}}
    update-source Ethernet1/1.{{$.Vlan}}
    bfd
    address-family {{if .IPv6}}ipv6{{else}}ipv4{{end}} unicast
{{- end}}
{{end}}

{{- define "customer-router-juniper-generic.xslt" -}}
{{template "header" (commented "#" .)}}
#
set interfaces xe-0/0/0 vlan-tagging
{{- if .Jumbo}}
set interfaces xe-0/0/0 mtu 9192
{{- end}}
set interfaces xe-0/0/0 unit {{.Vlan}} description "AWS Direct Connect {{.ID}}"
set interfaces xe-0/0/0 unit {{.Vlan}} vlan-id {{.Vlan}}
{{- range .IPv4Peers}}
set interfaces xe-0/0/0 unit {{$.Vlan}} family inet address {{.CustomerAddress}}
{{- end}}
{{- if and .Jumbo .IPv4Peers}}
set interfaces xe-0/0/0 unit {{.Vlan}} family inet mtu {{.Mtu}}
{{- end}}
{{- range .IPv6Peers}}
set interfaces xe-0/0/0 unit {{$.Vlan}} family inet6 address {{.CustomerAddress}}
{{- end}}
#
set routing-options autonomous-system {{.CustomerAsn}}
{{- if .RouterID}}
set routing-options router-id {{.RouterID}}
{{- end}}
{{- range .Advertise4}}
set routing-options static route {{.Cidr}} discard
{{- end}}
{{- range .Advertise6}}
set routing-options rib inet6.0 static route {{.Cidr}} discard
{{- end}}
#
{{- range .Advertise4}}
set policy-options prefix-list AWS-{{$.ID}}-OUT {{.Cidr}}
{{- end}}
{{- range .Advertise6}}
set policy-options prefix-list AWS-{{$.ID}}-OUT {{.Cidr}}
{{- end}}
{{- if not .Public}}
set policy-options prefix-list AWS-{{.ID}}-OUT
# set policy-options prefix-list AWS-{{.ID}}-OUT <your prefix>   (the prefixes you advertise to AWS)
{{- end}}
set policy-options policy-statement AWS-{{.ID}}-EXPORT term advertise from prefix-list AWS-{{.ID}}-OUT
set policy-options policy-statement AWS-{{.ID}}-EXPORT term advertise then accept
set policy-options policy-statement AWS-{{.ID}}-EXPORT term others then reject
#
set protocols bgp group AWS-{{.ID}} type external
set protocols bgp group AWS-{{.ID}} peer-as {{template "amazonAsn" .}}
set protocols bgp group AWS-{{.ID}} export AWS-{{.ID}}-EXPORT
set protocols bgp group AWS-{{.ID}} bfd-liveness-detection minimum-interval 300
set protocols bgp group AWS-{{.ID}} bfd-liveness-detection multiplier 3
{{- range .Peers}}
set protocols bgp group AWS-{{$.ID}} neighbor {{.AmazonIP}} description "AWS session {{.N}}"
set protocols bgp group AWS-{{$.ID}} neighbor {{.AmazonIP}} local-address {{.CustomerIP}}
set protocols bgp group AWS-{{$.ID}} neighbor {{.AmazonIP}} authentication-key "{{.AuthKey}}"
{{- if .LocalAs}}
set protocols bgp group AWS-{{$.ID}} neighbor {{.AmazonIP}} local-as {{.Asn}} private
{{- end}}
set protocols bgp group AWS-{{$.ID}} neighbor {{.AmazonIP}} family {{if .IPv6}}inet6{{else}}inet{{end}} unicast
{{- end}}
{{- if eq .Router.Platform "SRX Series Routers"}}
#
set security zones security-zone untrust interfaces xe-0/0/0.{{.Vlan}} host-inbound-traffic protocols bgp
set security zones security-zone untrust interfaces xe-0/0/0.{{.Vlan}} host-inbound-traffic protocols bfd
{{- end}}
{{end}}

{{- define "customer-router-palo-alto-generic.xslt" -}}
{{template "header" (commented "#" .)}}
# Paste in configure mode, then commit.
#
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{.Vlan}} tag {{.Vlan}}
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{.Vlan}} comment "AWS Direct Connect {{.ID}}"
{{- if .Jumbo}}
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{.Vlan}} mtu {{.Mtu}}
{{- end}}
{{- range .IPv4Peers}}
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{$.Vlan}} ip {{.CustomerAddress}}
{{- end}}
{{- if .IPv6Peers}}
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{.Vlan}} ipv6 enabled yes
{{- end}}
{{- range .IPv6Peers}}
set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{{$.Vlan}} ipv6 address {{.CustomerAddress}}
{{- end}}
set zone AWS-DX network layer3 ethernet1/1.{{.Vlan}}
set network virtual-router default interface ethernet1/1.{{.Vlan}}
#
set network virtual-router default protocol bgp enable yes
set network virtual-router default protocol bgp local-as {{.CustomerAsn}}
set network virtual-router default protocol bgp router-id {{if .RouterID}}{{.RouterID}}{{else}}ROUTER_ID{{end}}
set network virtual-router default protocol bgp install-route yes
set network virtual-router default protocol bgp peer-group AWS-{{.ID}} type ebgp
{{- range .Peers}}
{{- if .LocalAs}}
# Session {{.N}} uses ASN {{.Asn}}, not the virtual router's {{$.CustomerAsn}}: give it a virtual router of its own.
{{- end}}
set network virtual-router default protocol bgp auth-profile AWS-{{$.ID}}-{{.N}} secret {{.AuthKey}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} enable yes
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} peer-as {{template "amazonAsn" $}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} address-family-identifier {{.Family}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} local-address interface ethernet1/1.{{$.Vlan}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} local-address ip {{.CustomerAddress}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} peer-address ip {{.AmazonIP}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} connection-options authentication AWS-{{$.ID}}-{{.N}}
set network virtual-router default protocol bgp peer-group AWS-{{$.ID}} peer aws-{{.N}} bfd profile Inherit-vr-global-setting
{{- end}}
#
{{- range $i, $p := .Advertise4}}
set network virtual-router default routing-table ip static-route aws-out-{{$i}} destination {{$p.Cidr}} nexthop discard
{{- end}}
{{- if .Advertise4}}
set network virtual-router default protocol redist-profile AWS-{{.ID}}-OUT priority 1 action redist
set network virtual-router default protocol redist-profile AWS-{{.ID}}-OUT filter type static destination [{{range .Advertise4}} {{.Cidr}}{{end}} ]
set network virtual-router default protocol bgp redist-rules AWS-{{.ID}}-OUT enable yes set-origin igp address-family-identifier ipv4
{{- end}}
{{- range $i, $p := .Advertise6}}
set network virtual-router default routing-table ipv6 static-route aws-out6-{{$i}} destination {{$p.Cidr}} nexthop discard
{{- end}}
{{- if .Advertise6}}
set network virtual-router default protocol redist-profile-ipv6 AWS-{{.ID}}-OUT6 priority 1 action redist
set network virtual-router default protocol redist-profile-ipv6 AWS-{{.ID}}-OUT6 filter type static destination [{{range .Advertise6}} {{.Cidr}}{{end}} ]
set network virtual-router default protocol bgp redist-rules AWS-{{.ID}}-OUT6 enable yes set-origin igp address-family-identifier ipv6
{{- end}}
{{- if not .Public}}
# Redistribute the prefixes you advertise to AWS with redist-rules entries.
{{- end}}
set network virtual-router default protocol bgp allow-redist-default-route no
{{end}}

{{- define "customer-switch-arista-generic.xslt" -}}
{{template "header" (commented "!" .)}}
!
interface Ethernet1
   no switchport
{{- if .Jumbo}}
   mtu 9214
{{- end}}
   no shutdown
!
interface Ethernet1.{{.Vlan}}
   description AWS Direct Connect {{.ID}}
   encapsulation dot1q vlan {{.Vlan}}
{{- if .Jumbo}}
   mtu {{.Mtu}}
{{- end}}
{{- range .IPv4Peers}}
   ip address {{.CustomerAddress}}{{if .Secondary}} secondary{{end}}
{{- end}}
{{- range .IPv6Peers}}
   ipv6 address {{.CustomerAddress}}
{{- end}}
   bfd interval 300 min-rx 300 multiplier 3
   no shutdown
!
{{- if .IPv6Peers}}
ipv6 unicast-routing
!
{{- end}}
{{- template "nullRoutes" .}}
router bgp {{.CustomerAsn}}
{{- if .RouterID}}
   router-id {{.RouterID}}
{{- end}}
{{- range .Peers}}
   neighbor {{.AmazonIP}} remote-as {{template "amazonAsn" $}}
{{- if .LocalAs}}
   neighbor {{.AmazonIP}} local-as {{.Asn}} no-prepend replace-as
{{- end}}
   neighbor {{.AmazonIP}} description AWS {{$.ID}} session {{.N}}
   neighbor {{.AmazonIP}} password 0 {{.AuthKey}}
   neighbor {{.AmazonIP}} bfd
{{- end}}
   !
   address-family ipv4
{{- range .IPv4Peers}}
      neighbor {{.AmazonIP}} activate
{{- end}}
{{- range .IPv6Peers}}
      no neighbor {{.AmazonIP}} activate
{{- end}}
{{- range .Advertise4}}
      network {{.Cidr}}
{{- end}}
{{- if not .Public}}
      ! network <your prefix>   (the prefixes you advertise to AWS)
{{- end}}
{{- if .IPv6Peers}}
   !
   address-family ipv6
{{- range .IPv6Peers}}
      neighbor {{.AmazonIP}} activate
{{- end}}
{{- range .Advertise6}}
      network {{.Cidr}}
{{- end}}
{{- end}}
!
end
{{end}}
`))
