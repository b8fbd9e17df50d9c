package directconnect

import (
	"context"
	"net/netip"
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
)

type RouteFilters struct {
	AddressFamily  string   `json:"addressFamily"`
	AsPath         []int64  `json:"asPath"`
	Cidrs          []string `json:"cidrs"`
	Communities    []string `json:"communities"`
	RouteDirection string   `json:"routeDirection"`
}

type ListVirtualInterfaceRoutesInput struct {
	VirtualInterfaceID string        `json:"virtualInterfaceId"`
	Filters            *RouteFilters `json:"filters"`
	MaxResults         *int          `json:"maxResults"`
	NextToken          string        `json:"nextToken"`
}

type AsPathSegment struct {
	Path     []int64 `json:"path"`
	PathType string  `json:"pathType"`
}

type Route struct {
	Cidr               string          `json:"cidr"`
	AddressFamily      string          `json:"addressFamily"`
	RouteDirection     string          `json:"routeDirection"`
	AsPath             []AsPathSegment `json:"asPath"`
	Communities        []string        `json:"communities"`
	AwsLogicalDeviceID string          `json:"awsLogicalDeviceId,omitempty"`
	RouteInstalledAt   *dx.EpochTime   `json:"routeInstalledAt,omitempty"`
}

type ListVirtualInterfaceRoutesOutput struct {
	VirtualInterfaceID string  `json:"virtualInterfaceId"`
	Routes             []Route `json:"routes"`
	NextToken          string  `json:"nextToken,omitempty"`
}

// amazonPublicPrefixes are the Amazon prefixes dxsim announces on public
// virtual interfaces (documentation-safe stand-ins for the Region's ranges).
var amazonPublicPrefixes = []string{"52.94.0.0/22", "54.239.0.0/17", "2600:1f00::/24"}

// ListVirtualInterfaceRoutes lists what a virtual interface's BGP sessions
// carry: routes advertised to the customer (the VPC or allowed prefixes of
// its gateway's associations, or Amazon's public prefixes) and routes
// accepted from the customer (a public interface's route filter prefixes).
// A family has routes only while one of its BGP sessions is up.
func (s *Service) ListVirtualInterfaceRoutes(ctx context.Context, caller dx.Caller, in *ListVirtualInterfaceRoutesInput) (*ListVirtualInterfaceRoutesOutput, error) {
	f, err := checkRouteFilters(in.Filters)
	if err != nil {
		return nil, err
	}
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListVirtualInterfaceRoutesOutput{VirtualInterfaceID: in.VirtualInterfaceID, Routes: []Route{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		routes, err := s.vifRoutes(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		page, token, err := pageRoutes(slices.DeleteFunc(routes, func(r Route) bool { return !f.keep(r) }), p)
		if err != nil {
			return err
		}
		out.Routes, out.NextToken = append(out.Routes, page...), token
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkRouteFilters checks the filters of ListVirtualInterfaceRoutes; none
// is an empty filter.
func checkRouteFilters(f *RouteFilters) (*RouteFilters, error) {
	if f == nil {
		f = &RouteFilters{}
	}
	if f.RouteDirection != "" && f.RouteDirection != "accepted" && f.RouteDirection != "advertised" {
		return nil, dx.Errorf("routeDirection %q is not valid; allowed values are accepted and advertised", f.RouteDirection)
	}
	if f.AddressFamily != "" {
		if _, err := dx.CheckAddressFamily(f.AddressFamily); err != nil {
			return nil, err
		}
	}
	if len(f.Cidrs) > 10 {
		return nil, dx.Errorf("At most 10 CIDRs can filter routes; got %d", len(f.Cidrs))
	}
	return f, nil
}

// keep reports whether route r passes the filters.
func (f *RouteFilters) keep(r Route) bool {
	return !(f.RouteDirection != "" && r.RouteDirection != f.RouteDirection ||
		f.AddressFamily != "" && r.AddressFamily != f.AddressFamily ||
		len(f.Cidrs) > 0 && !slices.Contains(f.Cidrs, r.Cidr) ||
		len(f.AsPath) > 0 && !slices.ContainsFunc(f.AsPath, func(a int64) bool { return slices.Contains(r.AsPath[0].Path, a) }) ||
		len(f.Communities) > 0)
}

// pageRoutes is the page p of routes, keyed by direction and CIDR, and the
// token of the next page.
func pageRoutes(routes []Route, p core.Page) ([]Route, string, error) {
	start := 0
	if p.After != "" {
		i := slices.IndexFunc(routes, func(r Route) bool { return r.RouteDirection+" "+r.Cidr == p.After })
		if i < 0 {
			return nil, "", dx.Errorf("nextToken is not a token this service returned; pass the nextToken of the previous response unchanged")
		}
		start = i + 1
	}
	end, token := len(routes), ""
	if p.Limit > 0 && start+p.Limit < end {
		end = start + p.Limit
		token = core.EncodeToken(routes[end-1].RouteDirection + " " + routes[end-1].Cidr)
	}
	return routes[start:end], token, nil
}

// routeTable collects the routes of a virtual interface: only those of a
// family with a BGP session up.
type routeTable struct {
	up        map[string]int64 // family -> customer ASN of an up session
	device    string
	installed *dx.EpochTime
	routes    []Route
}

// add adds a route of cidr in direction from asn, unless cidr is not a
// prefix or its family has no session up; it returns the route added.
func (t *routeTable) add(cidr, direction string, asn int64) *Route {
	pfx, err := netip.ParsePrefix(cidr)
	if err != nil {
		return nil
	}
	family := dx.IPv4
	if pfx.Addr().Is6() {
		family = dx.IPv6
	}
	if _, ok := t.up[family]; !ok {
		return nil
	}
	t.routes = append(t.routes, Route{Cidr: cidr, AddressFamily: family, RouteDirection: direction,
		AsPath: []AsPathSegment{{Path: []int64{asn}, PathType: "seq"}}, Communities: []string{},
		AwsLogicalDeviceID: t.device, RouteInstalledAt: t.installed})
	return &t.routes[len(t.routes)-1]
}

// vifRoutes loads the routes of virtual interface id, which the caller
// sees: those of its real BGP sessions if it has any, or else those its
// configuration implies.
func (s *Service) vifRoutes(tx *core.Txn, caller dx.Caller, id string) ([]Route, error) {
	v, err := visibleVIF(tx, caller, id)
	if err != nil {
		return nil, err
	}
	w := s.world(tx)
	n, err := w.vif(v)
	if err != nil {
		return nil, err
	}
	view := s.vifView(n, w.now)
	t := &routeTable{up: map[string]int64{}, device: view.AwsLogicalDeviceID, installed: dx.NewEpochTime(s.Config.Timings.Ready(n.tl))}
	for _, peer := range view.BGPPeers {
		if peer.BGPStatus == sim.BGPUp {
			t.up[peer.AddressFamily] = max(peer.Asn, peer.AsnLong)
		}
	}
	err = s.fillRoutes(tx, t, v, n, w.now)
	return t.routes, err
}

// fillRoutes adds to t the routes of v (node n) at now: those of its real
// BGP sessions if it has any, or else those its configuration implies.
func (s *Service) fillRoutes(tx *core.Txn, t *routeTable, v *dx.VirtualInterfaceRecord, n *vifNode, now time.Time) error {
	if n.live != nil {
		s.sessionRoutes(t, v)
		return nil
	}
	advertised, err := s.advertisedPrefixes(tx, v, now)
	if err != nil {
		return err
	}
	for _, c := range advertised {
		t.add(c, "advertised", v.AmazonSideAsn)
	}
	for _, c := range v.RouteFilterPrefixes {
		pfx, _ := netip.ParsePrefix(c)
		family := dx.IPv4
		if pfx.Addr().Is6() {
			family = dx.IPv6
		}
		t.add(c, "accepted", t.up[family])
	}
	return nil
}

// sessionRoutes adds what v's real BGP sessions advertise and accepted,
// each once, with the AS path and communities as received.
func (s *Service) sessionRoutes(t *routeTable, v *dx.VirtualInterfaceRecord) {
	seen := map[string]bool{}
	for _, p := range v.LiveBGPPeers() {
		l := s.sessions.Routes(p.ID)
		if l == nil {
			continue
		}
		for _, c := range l.Advertised {
			if !seen["advertised "+c] {
				seen["advertised "+c] = true
				t.add(c, "advertised", v.AmazonSideAsn)
			}
		}
		for _, c := range l.Accepted {
			if seen["accepted "+c] {
				continue
			}
			seen["accepted "+c] = true
			if r := t.add(c, "accepted", p.Asn); r != nil {
				if path, ok := l.AsPaths[c]; ok { // as received
					r.AsPath[0].Path = path
				}
				if cs := l.Communities[c]; cs != nil {
					r.Communities = cs
				}
			}
		}
	}
}

// advertisedPrefixes is what Amazon announces to the customer on v.
func (s *Service) advertisedPrefixes(tx *core.Txn, v *dx.VirtualInterfaceRecord, now time.Time) ([]string, error) {
	switch {
	case v.Type == dx.PublicVIF:
		return amazonPublicPrefixes, nil
	case v.VirtualGatewayID != "":
		g, ok, err := s.ec2.VirtualGateway(tx, v.Owner, v.Region, v.VirtualGatewayID)
		if ok {
			return g.VpcCidrs, nil
		}
		return nil, err
	case v.DirectConnectGatewayID != "":
		assocs, err := s.liveAssociations(tx, v.DirectConnectGatewayID, now)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, a := range assocs {
			if s.associationState(a, now) == "associated" {
				for _, c := range a.AllowedPrefixes {
					if !slices.Contains(out, c) {
						out = append(out, c)
					}
				}
			}
		}
		return out, nil
	}
	return nil, nil
}
