// Package routerconfig renders what Direct Connect tells a customer to
// configure on their router: DescribeRouterConfiguration's configuration
// for each router type, and the customerRouterConfig document every virtual
// interface answer carries. It is pure: a virtual interface's wire shape
// in, text out. The templates are data, embedded from templates/. It may
// import dx and sim.
package routerconfig

import (
	_ "embed"
	"fmt"
	"net/netip"
	"strings"
	"text/template"

	"github.com/dxsim/dxsim/dx"
)

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

// Render is the configuration of the customer's router for interface v,
// in the syntax of router.
func Render(router dx.RouterType, v dx.VirtualInterface) (string, error) {
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
//
//go:embed templates/routers.tmpl
var routersText string

var routerTemplates = template.Must(template.New("").Funcs(template.FuncMap{"commented": headerArgs}).Parse(routersText))
