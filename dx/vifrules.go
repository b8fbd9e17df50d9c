package dx

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
	"strings"
)

// Address families of BGP peers.
const (
	IPv4 = "ipv4"
	IPv6 = "ipv6"
)

// ResolveAsn checks the two ways of giving a BGP ASN, asn (1 to 2147483647)
// or asnLong (1 to 4294967294), exactly one of them, and returns it.
func ResolveAsn(asn int64, asnLong *int64) (int64, error) {
	switch {
	case asn != 0 && asnLong != nil:
		return 0, Errorf("Give the BGP ASN as asn or asnLong, not both (got asn %d and asnLong %d); asnLong takes 2- and 4-byte ASNs", asn, *asnLong)
	case asnLong != nil:
		if *asnLong < 1 || *asnLong > 4294967294 {
			return 0, Errorf("asnLong %d is out of range; it must be between 1 and 4294967294", *asnLong)
		}
		return *asnLong, nil
	case asn == 0:
		return 0, Errorf("A BGP ASN is required: give asn (1 to 2147483647) or asnLong (1 to 4294967294)")
	case asn < 1 || asn > 2147483647:
		return 0, Errorf("asn %d is out of range; it must be between 1 and 2147483647 (use asnLong for 4-byte ASNs)", asn)
	}
	return asn, nil
}

// AsnFields is how an ASN appears on the wire: a 4-byte ASN does not fit the
// legacy asn member, which then reads 0.
func AsnFields(asn int64) (legacy, long int64) {
	if asn > 2147483647 {
		return 0, asn
	}
	return asn, asn
}

// CheckAddressFamily returns the address family, ipv4 when none is given.
func CheckAddressFamily(family string) (string, error) {
	switch family {
	case "":
		return IPv4, nil
	case IPv4, IPv6:
		return family, nil
	}
	return "", Errorf("addressFamily %q is not valid; allowed values are ipv4 and ipv6", family)
}

// CheckMtu checks the MTU of a virtual interface of type typ (0 means the
// default, 1500) and returns it.
func CheckMtu(typ string, mtu int) (int, error) {
	if mtu == 0 {
		return 1500, nil
	}
	allowed := map[string][]int{PrivateVIF: {1500, 9001}, TransitVIF: {1500, 8500}, PublicVIF: {1500}}[typ]
	if !slices.Contains(allowed, mtu) {
		return 0, Errorf("MTU %d is not supported on a %s virtual interface; supported values are %s", mtu, typ, joinInts(allowed))
	}
	return mtu, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, " and ")
}

// CheckAuthKey checks a BGP MD5 key given by the customer.
func CheckAuthKey(key string) error {
	if n := len(key); n < 6 || n > 80 {
		return Errorf("authKey must be 6 to 80 characters long; it has %d", n)
	}
	return nil
}

// NewAuthKey generates a BGP MD5 key, as the service does when none is given.
func NewAuthKey() string { return "0x" + randomAlnum(22) }

func randomAlnum(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		k, _ := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		b[i] = alphabet[k.Int64()]
	}
	return string(b)
}

// CheckPeerAddresses checks the customer-given IPv4 peer addresses of a BGP
// session: both or neither, each an address with a prefix length, in the
// same subnet, different. Public virtual interfaces need public addresses.
func CheckPeerAddresses(family, amazon, customer string, public bool) error {
	if family == IPv6 {
		if amazon != "" || customer != "" {
			return Errorf("IPv6 peer addresses are assigned from the Amazon pool; leave amazonAddress and customerAddress empty")
		}
		return nil
	}
	if amazon == "" && customer == "" {
		if public {
			return Errorf("A public virtual interface needs the public IPv4 amazonAddress and customerAddress you own (for example 203.0.113.1/30 and 203.0.113.2/30)")
		}
		return nil
	}
	if amazon == "" || customer == "" {
		return Errorf("Give both amazonAddress and customerAddress, or neither to have a /30 from 169.254.0.0/16 assigned")
	}
	a, err := netip.ParsePrefix(amazon)
	if err != nil || !a.Addr().Is4() {
		return Errorf("amazonAddress %q is not an IPv4 address with a prefix length, such as 192.168.1.1/30", amazon)
	}
	c, err := netip.ParsePrefix(customer)
	if err != nil || !c.Addr().Is4() {
		return Errorf("customerAddress %q is not an IPv4 address with a prefix length, such as 192.168.1.2/30", customer)
	}
	if a.Bits() != c.Bits() || !a.Masked().Contains(c.Addr()) || a.Addr() == c.Addr() {
		return Errorf("amazonAddress %s and customerAddress %s must be different addresses in one subnet", amazon, customer)
	}
	if public && (a.Addr().IsPrivate() || a.Addr().IsLinkLocalUnicast() || c.Addr().IsPrivate() || c.Addr().IsLinkLocalUnicast()) {
		return Errorf("A public virtual interface needs public IPv4 peer addresses; %s and %s are not public", amazon, customer)
	}
	return nil
}

// RoutesPerPublicSession is the Direct Connect quota of routes per BGP
// session on a public virtual interface (it cannot be increased): the most
// route filter prefixes one advertises.
const RoutesPerPublicSession = 1000

// CheckRouteFilterPrefixes checks the CIDRs a public virtual interface
// advertises.
func CheckRouteFilterPrefixes(cidrs []string) error {
	if len(cidrs) == 0 {
		return Errorf("A public virtual interface needs routeFilterPrefixes: the public CIDRs you advertise to Amazon")
	}
	if len(cidrs) > RoutesPerPublicSession {
		return Errorf("%d routeFilterPrefixes exceed the quota of %d routes per BGP session on a public virtual interface (it cannot be increased); summarize them into fewer, wider CIDRs", len(cidrs), RoutesPerPublicSession)
	}
	for _, s := range cidrs {
		p, err := netip.ParsePrefix(s)
		if err != nil || p != p.Masked() {
			return Errorf("Route filter prefix %q is not a CIDR such as 203.0.113.0/24", s)
		}
		if p.Addr().IsPrivate() || p.Addr().IsLinkLocalUnicast() || p.Addr().IsLoopback() {
			return Errorf("Route filter prefix %s is not public; a public virtual interface advertises public prefixes you own", s)
		}
	}
	return nil
}

// LinkLocalPair returns the amazon and customer addresses of the n-th /30
// of 169.254.0.0/16 (n from 0 to 16383), as the service assigns them.
func LinkLocalPair(n int) (amazon, customer string) {
	base := 0xA9FE0000 + uint32(n)*4
	ip := func(v uint32) string { return fmt.Sprintf("%d.%d.%d.%d/30", v>>24, v>>16&0xff, v>>8&0xff, v&0xff) }
	return ip(base + 1), ip(base + 2)
}

// IPv6Pair returns a /125 of the Amazon IPv6 pool for the n-th IPv6 peer.
func IPv6Pair(n int) (amazon, customer string) {
	prefix := fmt.Sprintf("2600:1f00:%x:%x::", 0x6000+n/65536, n%65536)
	return prefix + "1/125", prefix + "2/125"
}

// Router types DescribeRouterConfiguration knows. The identifier names the
// vendor, platform and software version.
type RouterType struct {
	Vendor                    string `json:"vendor"`
	Platform                  string `json:"platform"`
	Software                  string `json:"software"`
	XsltTemplateName          string `json:"xsltTemplateName"`
	XsltTemplateNameForMacSec string `json:"xsltTemplateNameForMacSec,omitempty"`
	RouterTypeIdentifier      string `json:"routerTypeIdentifier"`
}

// CheckAllocationOwner refuses to allocate a virtual interface for the
// account that owns the connection it is on, with the service's own
// sentence: that account creates the interface instead.
func CheckAllocationOwner(owner, connectionOwner string) error {
	if owner == connectionOwner {
		return Errorf("Cannot allocate VirtualInterface for the connection owner. Account %s owns the connection; create the virtual interface with Create*VirtualInterface instead, or allocate it for another account", owner)
	}
	return nil
}

// Quotas of virtual interfaces per connection, from the Direct Connect
// user guide's quotas page; none of them can be increased. A LAG counts as
// one dedicated connection.
const (
	PrivatePublicVIFsPerConnection = 50
	TransitVIFsPerConnection       = 4
	VIFsPerConnection              = 51
	VIFsPerHostedConnection        = 1
)

// CheckVirtualInterfaceQuota checks that one more virtual interface of type
// typ fits on parent (a dedicated connection or LAG, or a hosted connection
// when hosted), which already carries interfaces of the types existing.
func CheckVirtualInterfaceQuota(parent string, hosted bool, typ string, existing []string) error {
	if hosted {
		if len(existing) >= VIFsPerHostedConnection {
			return Errorf("Hosted connection %s already has a virtual interface; a hosted connection carries %d (a quota that cannot be increased). Delete it first, or use another hosted connection", parent, VIFsPerHostedConnection)
		}
		return nil
	}
	transit := 0
	for _, t := range existing {
		if t == TransitVIF {
			transit++
		}
	}
	switch {
	case len(existing) >= VIFsPerConnection:
		return Errorf("%s already has %d virtual interfaces, the most a dedicated connection or LAG can carry (a quota that cannot be increased)", parent, len(existing))
	case typ == TransitVIF && transit >= TransitVIFsPerConnection:
		return Errorf("%s already has %d transit virtual interfaces, the most a dedicated connection or LAG can carry (a quota that cannot be increased)", parent, transit)
	case typ != TransitVIF && len(existing)-transit >= PrivatePublicVIFsPerConnection:
		return Errorf("%s already has %d private and public virtual interfaces, the most a dedicated connection or LAG can carry (a quota that cannot be increased)", parent, len(existing)-transit)
	}
	return nil
}

// CheckGatewayChoice checks what a virtual interface attaches to: a private
// one to exactly one of a virtual private gateway or a Direct Connect
// gateway, a transit one to a Direct Connect gateway, a public one to none.
func CheckGatewayChoice(typ, vgw, dxgw string) error {
	switch typ {
	case PrivateVIF:
		if (vgw == "") == (dxgw == "") {
			return Errorf("A private virtual interface attaches to exactly one of a virtual private gateway (virtualGatewayId) or a Direct Connect gateway (directConnectGatewayId)")
		}
	case TransitVIF:
		if dxgw == "" || vgw != "" {
			return Errorf("A transit virtual interface attaches to a Direct Connect gateway: give directConnectGatewayId")
		}
	}
	return nil
}

// CheckVlanFree checks that no other live interface on the parent uses
// vlan; except is the interface being moved, if any.
func CheckVlanFree(siblings []*VirtualInterfaceRecord, parent string, vlan int, except string) error {
	for _, o := range siblings {
		if o.ID != except && o.Vlan == vlan {
			return Errorf("VLAN %d is already used on %s by virtual interface %s; choose another VLAN", vlan, parent, o.ID)
		}
	}
	return nil
}
