package dx

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Direct Connect gateway quotas, from the Direct Connect quotas page. None of
// the per-gateway ones can be increased.
const (
	GatewaysPerAccount               = 200
	VirtualPrivateGatewaysPerGateway = 20
	TransitGatewaysPerGateway        = 6
	VirtualInterfacesPerGateway      = 30
	// PrefixesPerTransitGateway bounds the allowed prefixes a transit gateway
	// association advertises to on-premises.
	PrefixesPerTransitGateway = 200
)

// ResolveGatewayAsn checks the Amazon side ASN of a new Direct Connect
// gateway; without one it is 64512.
func ResolveGatewayAsn(asn *int64) (int64, error) {
	if asn == nil {
		return DefaultGatewayAsn, nil
	}
	if !PrivateAsn(*asn) {
		return 0, Errorf("amazonSideAsn %d is not a private ASN; it must be between 64512 and 65534 or between 4200000000 and 4294967294", *asn)
	}
	return *asn, nil
}

// PrivateAsn reports whether asn is in the private ranges an Amazon side
// ASN is drawn from.
func PrivateAsn(asn int64) bool {
	return asn >= 64512 && asn <= 65534 || asn >= 4200000000 && asn <= 4294967294
}

// CheckAllowedPrefixes checks a list of allowed prefixes (member names it in
// messages): IPv4 or IPv6 CIDRs, each once.
func CheckAllowedPrefixes(member string, cidrs []string) error {
	for i, s := range cidrs {
		p, err := netip.ParsePrefix(s)
		if err != nil || p != p.Masked() {
			return Errorf("%s: %q is not a CIDR such as 10.0.0.0/16 (address bits past the prefix length must be zero)", member, s)
		}
		if slices.Contains(cidrs[:i], s) {
			return Errorf("%s lists %s twice", member, s)
		}
	}
	return nil
}

// ChangePrefixes applies additions and removals to an allowed prefix list.
// A removal must name a prefix in the list; adding one already there keeps
// it once.
func ChangePrefixes(have, add, remove []string) ([]string, error) {
	for _, r := range remove {
		if !slices.Contains(have, r) {
			return nil, Errorf("%s is not an allowed prefix of this association, so it cannot be removed; its allowed prefixes are [%s]", r, strings.Join(have, ", "))
		}
		if slices.Contains(add, r) {
			return nil, Errorf("%s is both added and removed; name it in one list only", r)
		}
	}
	out := slices.DeleteFunc(slices.Clone(have), func(p string) bool { return slices.Contains(remove, p) })
	for _, a := range add {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

// CheckAssociationPrefixes checks the allowed prefixes an association of a
// gateway of type typ ends up with: a transit gateway association needs at
// least one, and at most 200.
func CheckAssociationPrefixes(typ string, prefixes []string) error {
	if typ != TransitGateway {
		return nil
	}
	if len(prefixes) == 0 {
		return Errorf("A transit gateway association needs allowed prefixes: give addAllowedPrefixesToDirectConnectGateway, the CIDRs the Direct Connect gateway advertises on-premises for the transit gateway")
	}
	if len(prefixes) > PrefixesPerTransitGateway {
		return Errorf("%d allowed prefixes exceed the quota of %d prefixes per transit gateway association; summarize them into fewer, wider CIDRs", len(prefixes), PrefixesPerTransitGateway)
	}
	return nil
}

// CheckAssociationFits checks that gateway target may associate with
// Direct Connect gateway g, which is already associated with the gateways
// in associated and has attachedPrivate private and attachedTransit transit
// virtual interfaces attached. A Direct Connect gateway serves either
// virtual private gateways with private virtual interfaces, or transit
// gateways with transit virtual interfaces, up to its quotas; the VPCs
// behind its virtual private gateways may not overlap; a transit gateway's
// ASN differs from the Direct Connect gateway's and from those of its
// transit gateways in other Regions.
func CheckAssociationFits(g *DirectConnectGatewayRecord, target *VirtualGatewayRecord, associated []*VirtualGatewayRecord, attachedPrivate, attachedTransit int) error {
	var vgws, tgws []*VirtualGatewayRecord
	for _, a := range associated {
		if a.Type == TransitGateway {
			tgws = append(tgws, a)
		} else {
			vgws = append(vgws, a)
		}
	}
	switch target.Type {
	case VirtualPrivateGateway:
		if len(tgws) > 0 {
			return Errorf("Direct Connect gateway %s is associated with transit gateway %s; a Direct Connect gateway associates with either transit gateways or virtual private gateways, not both: use another Direct Connect gateway for %s", g.ID, tgws[0].ID, target.ID)
		}
		if attachedTransit > 0 {
			return Errorf("Direct Connect gateway %s has transit virtual interfaces attached; virtual private gateways associate with Direct Connect gateways of private virtual interfaces: use another Direct Connect gateway for %s", g.ID, target.ID)
		}
		if len(vgws) >= VirtualPrivateGatewaysPerGateway {
			return Errorf("Direct Connect gateway %s already has %d virtual private gateways associated, the quota (it cannot be increased); disassociate one or use another Direct Connect gateway", g.ID, len(vgws))
		}
		for _, o := range vgws {
			if a, b, ok := overlap(target.VpcCidrs, o.VpcCidrs); ok {
				return Errorf("The VPC of %s (%s) overlaps the VPC of %s (%s), which is associated with Direct Connect gateway %s; the VPCs of one Direct Connect gateway cannot have overlapping CIDR blocks", target.ID, a, o.ID, b, g.ID)
			}
		}
	case TransitGateway:
		if len(vgws) > 0 {
			return Errorf("Direct Connect gateway %s is associated with virtual private gateway %s; a Direct Connect gateway associates with either transit gateways or virtual private gateways, not both: use another Direct Connect gateway for %s", g.ID, vgws[0].ID, target.ID)
		}
		if attachedPrivate > 0 {
			return Errorf("Direct Connect gateway %s has private virtual interfaces attached; a transit gateway cannot be associated with it: use another Direct Connect gateway for %s", g.ID, target.ID)
		}
		if len(tgws) >= TransitGatewaysPerGateway {
			return Errorf("Direct Connect gateway %s already has %d transit gateways associated, the quota (it cannot be increased); disassociate one or use another Direct Connect gateway", g.ID, len(tgws))
		}
		if target.Asn() == g.AmazonSideAsn {
			return Errorf("Transit gateway %s and Direct Connect gateway %s both use ASN %d; their ASNs must differ: change the transit gateway's Amazon side ASN or use a Direct Connect gateway with another ASN", target.ID, g.ID, g.AmazonSideAsn)
		}
		for _, o := range tgws {
			if o.Region != target.Region && o.Asn() == target.Asn() {
				return Errorf("Transit gateway %s (%s) uses ASN %d, as transit gateway %s (%s) associated with Direct Connect gateway %s does; transit gateways in different Regions need unique ASNs", target.ID, target.Region, target.Asn(), o.ID, o.Region, g.ID)
			}
		}
	default:
		return Errorf("%s is not a virtual private gateway or transit gateway", target.ID)
	}
	return nil
}

// CheckAttachmentFits checks that a virtual interface of type typ (private
// or transit) may attach to Direct Connect gateway g, which already has
// attached virtual interfaces attached and is associated with the gateways
// of associatedTypes.
func CheckAttachmentFits(g *DirectConnectGatewayRecord, typ string, attached int, associatedTypes []string) error {
	if attached >= VirtualInterfacesPerGateway {
		return Errorf("Direct Connect gateway %s already has %d virtual interfaces attached, the quota; use another Direct Connect gateway", g.ID, attached)
	}
	switch {
	case typ == PrivateVIF && slices.Contains(associatedTypes, TransitGateway):
		return Errorf("Direct Connect gateway %s is associated with transit gateways; private virtual interfaces attach to Direct Connect gateways of virtual private gateways: use another Direct Connect gateway", g.ID)
	case typ == TransitVIF && slices.Contains(associatedTypes, VirtualPrivateGateway):
		return Errorf("Direct Connect gateway %s is associated with virtual private gateways; transit virtual interfaces attach to Direct Connect gateways of transit gateways: use another Direct Connect gateway", g.ID)
	}
	return nil
}

// overlap finds a CIDR of a that overlaps one of b.
func overlap(a, b []string) (string, string, bool) {
	for _, x := range a {
		px, err := netip.ParsePrefix(x)
		if err != nil {
			continue
		}
		for _, y := range b {
			if py, err := netip.ParsePrefix(y); err == nil && px.Overlaps(py) {
				return x, y, true
			}
		}
	}
	return "", "", false
}

// EC2 gateway IDs: a prefix and 8 or 17 hexadecimal digits.
var ec2GatewayID = regexp.MustCompile(`^(vgw|tgw)-([0-9a-f]{8}|[0-9a-f]{17})$`)

// GatewayTypeOf is the type of gateway an ID names (by its vgw- or tgw-
// prefix), or "".
func GatewayTypeOf(id string) string {
	switch {
	case strings.HasPrefix(id, "vgw-"):
		return VirtualPrivateGateway
	case strings.HasPrefix(id, "tgw-"):
		return TransitGateway
	}
	return ""
}

// CheckVirtualGateways checks the virtual private and transit gateways
// declared to dxsim, and sets each one's type from its ID when not given.
func CheckVirtualGateways(gws []VirtualGatewayRecord) error {
	seen := map[string]bool{}
	for i := range gws {
		g := &gws[i]
		if !ec2GatewayID.MatchString(g.ID) {
			return fmt.Errorf("virtual gateway %q: the ID must be vgw- or tgw- followed by 8 or 17 hexadecimal digits, such as vgw-0123456789abcdef0", g.ID)
		}
		if seen[g.ID] {
			return fmt.Errorf("virtual gateway %s is declared twice", g.ID)
		}
		seen[g.ID] = true
		if err := CheckAccountID("owner", g.Owner); err != nil {
			return fmt.Errorf("virtual gateway %s: %s", g.ID, err.(*Error).Message)
		}
		if g.Region == "" {
			return fmt.Errorf("virtual gateway %s: region is missing", g.ID)
		}
		switch g.Type {
		case "":
			g.Type = GatewayTypeOf(g.ID)
		case VirtualPrivateGateway, TransitGateway:
			if g.Type != GatewayTypeOf(g.ID) {
				return fmt.Errorf("virtual gateway %s: type %s does not match its ID's prefix", g.ID, g.Type)
			}
		default:
			return fmt.Errorf("virtual gateway %s: type %q is not virtualPrivateGateway or transitGateway", g.ID, g.Type)
		}
		if g.AmazonSideAsn != 0 && !PrivateAsn(g.AmazonSideAsn) {
			return fmt.Errorf("virtual gateway %s: amazonSideAsn %d is not between 64512 and 65534 or between 4200000000 and 4294967294", g.ID, g.AmazonSideAsn)
		}
		if len(g.VpcCidrs) > 0 && g.Type != VirtualPrivateGateway {
			return fmt.Errorf("virtual gateway %s: vpcCidrs belong to virtual private gateways; a transit gateway's prefixes are given on its association", g.ID)
		}
		if err := CheckAllowedPrefixes("vpcCidrs", g.VpcCidrs); err != nil {
			return fmt.Errorf("virtual gateway %s: %s", g.ID, err.(*Error).Message)
		}
	}
	return nil
}
