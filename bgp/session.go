package bgp

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/netip"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/osrg/gobgp/v4/api"
	"github.com/osrg/gobgp/v4/pkg/apiutil"
	"github.com/osrg/gobgp/v4/pkg/packet/bgp"
	"github.com/osrg/gobgp/v4/pkg/server"

	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
)

// speakerOf is the Amazon side of one virtual interface: a BGP server with
// the interface's Amazon ASN and a neighbour per BGP peer. Each interface
// has its own server because each has its own ASN, route filter and
// advertised prefixes.
type speakerOf struct {
	vif        string
	asn        int64
	filter     []string
	srv        *server.BgpServer
	stopWatch  context.CancelFunc
	peers      map[string]directconnect.PeerPlan // by peer ID, as configured
	enabled    map[string]bool                   // by peer ID
	advertised map[string]uuid.UUID              // prefix -> path
	// running guards reads from other goroutines against stop: a stopped
	// server answers no more calls.
	running sync.RWMutex
	stopped bool
}

const importPolicy = "dxsim-route-filter"

// startSpeaker starts the BGP server of interface p; onPeer receives the
// state changes of its neighbours.
func startSpeaker(p directconnect.InterfacePlan, log *slog.Logger, onPeer func(*apiutil.WatchEventMessage_PeerEvent)) (*speakerOf, error) {
	lvl := &slog.LevelVar{}
	lvl.Set(slog.LevelWarn)
	quiet := slog.New(minLevel{log.Handler(), lvl}).With("virtualInterfaceId", p.ID)
	srv := server.NewBgpServer(server.LoggerOption(quiet, lvl))
	go srv.Serve()
	ctx := context.Background()
	err := srv.StartBgp(ctx, &api.StartBgpRequest{Global: &api.Global{
		Asn: uint32(p.AmazonAsn), RouterId: routerID(p), ListenPort: -1, // Amazon's side connects to the router
	}})
	if err != nil {
		srv.Stop()
		return nil, fmt.Errorf("starting the BGP speaker of %s: %w", p.ID, err)
	}
	sp := &speakerOf{vif: p.ID, asn: p.AmazonAsn, srv: srv, peers: map[string]directconnect.PeerPlan{},
		enabled: map[string]bool{}, advertised: map[string]uuid.UUID{}}
	if p.Type == dx.PublicVIF {
		if err := sp.setRouteFilter(p.RouteFilter); err != nil {
			sp.stop()
			return nil, err
		}
	}
	wctx, cancel := context.WithCancel(ctx)
	sp.stopWatch = cancel
	err = srv.WatchEvent(wctx, server.WatchEventMessageCallbacks{
		OnPeerUpdate: func(e *apiutil.WatchEventMessage_PeerEvent, _ time.Time) {
			if e.Type == apiutil.PEER_EVENT_STATE {
				onPeer(e)
			}
		},
	}, server.WatchPeer())
	if err != nil {
		sp.stop()
		return nil, err
	}
	return sp, nil
}

// routerID is the Amazon side's BGP identifier: its first IPv4 address, or
// a number made from the interface ID when it has none.
func routerID(p directconnect.InterfacePlan) string {
	for _, peer := range p.Peers {
		if a, err := netip.ParsePrefix(peer.AmazonAddress); err == nil && a.Addr().Is4() {
			return a.Addr().String()
		}
	}
	h := fnv.New32a()
	h.Write([]byte(p.ID))
	n := h.Sum32() | 1
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}).String()
}

// setRouteFilter makes a public interface accept only the prefixes of its
// route filter (and Amazon's own routes).
func (sp *speakerOf) setRouteFilter(cidrs []string) error {
	ctx := context.Background()
	sets := map[string]*api.DefinedSet{} // a GoBGP prefix set holds one family
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			continue
		}
		name := importPolicy + "-ipv4"
		if p.Addr().Is6() {
			name = importPolicy + "-ipv6"
		}
		if sets[name] == nil {
			sets[name] = &api.DefinedSet{DefinedType: api.DefinedType_DEFINED_TYPE_PREFIX, Name: name}
		}
		sets[name].Prefixes = append(sets[name].Prefixes, &api.Prefix{IpPrefix: p.Masked().String(), MaskLengthMin: uint32(p.Bits()), MaskLengthMax: uint32(p.Bits())})
	}
	if sp.filter != nil {
		sp.srv.SetPolicyAssignment(ctx, &api.SetPolicyAssignmentRequest{Assignment: &api.PolicyAssignment{
			Name: "global", Direction: api.PolicyDirection_POLICY_DIRECTION_IMPORT, DefaultAction: api.RouteAction_ROUTE_ACTION_REJECT}})
		sp.srv.DeletePolicy(ctx, &api.DeletePolicyRequest{Policy: &api.Policy{Name: importPolicy}, All: true})
		for _, f := range []string{"-ipv4", "-ipv6"} {
			sp.srv.DeleteDefinedSet(ctx, &api.DeleteDefinedSetRequest{DefinedSet: &api.DefinedSet{DefinedType: api.DefinedType_DEFINED_TYPE_PREFIX, Name: importPolicy + f}, All: true})
		}
	}
	var statements []*api.Statement
	for _, name := range []string{importPolicy + "-ipv4", importPolicy + "-ipv6"} {
		set := sets[name]
		if set == nil {
			continue
		}
		if err := sp.srv.AddDefinedSet(ctx, &api.AddDefinedSetRequest{DefinedSet: set}); err != nil {
			return fmt.Errorf("route filter of %s: %w", sp.vif, err)
		}
		statements = append(statements, &api.Statement{Name: name,
			Conditions: &api.Conditions{PrefixSet: &api.MatchSet{Type: api.MatchSet_TYPE_ANY, Name: name}},
			Actions:    &api.Actions{RouteAction: api.RouteAction_ROUTE_ACTION_ACCEPT}})
	}
	statements = append(statements, &api.Statement{Name: importPolicy + "-amazon",
		Conditions: &api.Conditions{RouteType: api.Conditions_ROUTE_TYPE_LOCAL},
		Actions:    &api.Actions{RouteAction: api.RouteAction_ROUTE_ACTION_ACCEPT}})
	if err := sp.srv.AddPolicy(ctx, &api.AddPolicyRequest{Policy: &api.Policy{Name: importPolicy, Statements: statements}}); err != nil {
		return fmt.Errorf("route filter of %s: %w", sp.vif, err)
	}
	err := sp.srv.SetPolicyAssignment(ctx, &api.SetPolicyAssignmentRequest{Assignment: &api.PolicyAssignment{
		Name: "global", Direction: api.PolicyDirection_POLICY_DIRECTION_IMPORT,
		Policies: []*api.Policy{{Name: importPolicy}}, DefaultAction: api.RouteAction_ROUTE_ACTION_REJECT}})
	if err != nil {
		return fmt.Errorf("route filter of %s: %w", sp.vif, err)
	}
	sp.filter = slices.Clone(cidrs)
	if sp.filter == nil {
		sp.filter = []string{}
	}
	return nil
}

func family(ipv6 bool) (*api.Family, bgp.Family) {
	if ipv6 {
		return &api.Family{Afi: api.Family_AFI_IP6, Safi: api.Family_SAFI_UNICAST}, bgp.RF_IPv6_UC
	}
	return &api.Family{Afi: api.Family_AFI_IP, Safi: api.Family_SAFI_UNICAST}, bgp.RF_IPv4_UC
}

// addPeer configures the neighbour of peer p, shut down unless run.
func (sp *speakerOf) addPeer(p directconnect.PeerPlan, maxPrefixes int, run bool) error {
	amazon, err := netip.ParsePrefix(p.AmazonAddress)
	if err != nil {
		return fmt.Errorf("BGP peer %s: Amazon address %q: %w", p.ID, p.AmazonAddress, err)
	}
	customer, err := netip.ParsePrefix(p.CustomerAddress)
	if err != nil {
		return fmt.Errorf("BGP peer %s: customer address %q: %w", p.ID, p.CustomerAddress, err)
	}
	fam, _ := family(customer.Addr().Is6())
	err = sp.srv.AddPeer(context.Background(), &api.AddPeerRequest{Peer: &api.Peer{
		Conf: &api.PeerConf{
			NeighborAddress: customer.Addr().String(), PeerAsn: uint32(p.Asn), AuthPassword: p.AuthKey,
			Description: p.ID, AdminDown: !run,
		},
		Transport: &api.Transport{LocalAddress: amazon.Addr().String()},
		// AWS's hold time is 90 s; a short connect retry brings a session
		// back soon after its port does.
		Timers: &api.Timers{Config: &api.TimersConfig{ConnectRetry: 5, HoldTime: 90, KeepaliveInterval: 30, IdleHoldTimeAfterReset: 5}},
		AfiSafis: []*api.AfiSafi{{
			Config:       &api.AfiSafiConfig{Family: fam, Enabled: true},
			PrefixLimits: &api.PrefixLimit{Family: fam, MaxPrefixes: uint32(maxPrefixes)},
		}},
	}})
	if err != nil {
		return fmt.Errorf("BGP peer %s: %w", p.ID, err)
	}
	sp.peers[p.ID], sp.enabled[p.ID] = p, run
	return nil
}

func (sp *speakerOf) deletePeer(id string) {
	if err := sp.srv.DeletePeer(context.Background(), &api.DeletePeerRequest{Address: neighbor(sp.peers[id])}); err != nil {
		sp.srv.Log().Warn("deleting a BGP peer", "bgpPeerId", id, "error", err)
	}
	delete(sp.peers, id)
	delete(sp.enabled, id)
}

// setRun enables or shuts down the session of peer id; why goes to the
// router in the shutdown communication.
func (sp *speakerOf) setRun(id string, run bool, why string) error {
	if sp.enabled[id] == run {
		return nil
	}
	addr := neighbor(sp.peers[id])
	var err error
	if run {
		err = sp.srv.EnablePeer(context.Background(), &api.EnablePeerRequest{Address: addr})
	} else {
		if len(why) > 128 {
			why = why[:128]
		}
		err = sp.srv.DisablePeer(context.Background(), &api.DisablePeerRequest{Address: addr, Communication: why})
	}
	if err == nil {
		sp.enabled[id] = run
	}
	return err
}

func neighbor(p directconnect.PeerPlan) string {
	c, _ := netip.ParsePrefix(p.CustomerAddress)
	return c.Addr().String()
}

// advertise makes the prefixes Amazon announces exactly want, with the
// interface's Amazon address of the family as next hop. A family without a
// peer announces nothing.
func (sp *speakerOf) advertise(want []string) error {
	nexthops := map[bool]netip.Addr{}
	for _, p := range sp.peers {
		if a, err := netip.ParsePrefix(p.AmazonAddress); err == nil {
			nexthops[a.Addr().Is6()] = a.Addr()
		}
	}
	keep := map[string]bool{}
	for _, c := range want {
		pfx, err := netip.ParsePrefix(c)
		if err != nil {
			continue
		}
		nh, ok := nexthops[pfx.Addr().Is6()]
		if !ok {
			continue
		}
		keep[c] = true
		if _, done := sp.advertised[c]; done {
			continue
		}
		nlri, err := bgp.NewIPAddrPrefix(pfx.Masked())
		if err != nil {
			return err
		}
		_, fam := family(pfx.Addr().Is6())
		attrs := []bgp.PathAttributeInterface{bgp.NewPathAttributeOrigin(bgp.BGP_ORIGIN_ATTR_TYPE_IGP)}
		if pfx.Addr().Is6() {
			mp, err := bgp.NewPathAttributeMpReachNLRI(fam, []bgp.PathNLRI{{NLRI: nlri}}, nh)
			if err != nil {
				return err
			}
			attrs = append(attrs, mp)
		} else {
			a, err := bgp.NewPathAttributeNextHop(nh)
			if err != nil {
				return err
			}
			attrs = append(attrs, a)
		}
		res, err := sp.srv.AddPath(apiutil.AddPathRequest{Paths: []*apiutil.Path{{Family: fam, Nlri: nlri, Attrs: attrs}}})
		if err != nil {
			return fmt.Errorf("advertising %s on %s: %w", c, sp.vif, err)
		}
		sp.advertised[c] = res[0].UUID
	}
	for c, id := range sp.advertised {
		if !keep[c] {
			sp.srv.DeletePath(apiutil.DeletePathRequest{UUIDs: []uuid.UUID{id}})
			delete(sp.advertised, c)
		}
	}
	return nil
}

// routes are the prefixes accepted from neighbour addr and those advertised
// to it.
func (sp *speakerOf) routes(addr netip.Addr) (accepted, advertised []string, asPaths map[string][]int64, communities map[string][]string) {
	sp.running.RLock()
	defer sp.running.RUnlock()
	if sp.stopped {
		return nil, nil, nil, nil
	}
	asPaths, communities = map[string][]int64{}, map[string][]string{}
	_, fam := family(addr.Is6())
	sp.srv.ListPath(apiutil.ListPathRequest{TableType: api.TableType_TABLE_TYPE_GLOBAL, Family: fam}, func(prefix bgp.NLRI, paths []*apiutil.Path) {
		for _, p := range paths {
			if p.PeerAddress != addr || p.Filtered || p.Withdrawal {
				continue
			}
			c := prefix.String()
			accepted = append(accepted, c)
			for _, a := range p.Attrs {
				switch a := a.(type) {
				case *bgp.PathAttributeAsPath:
					path := []int64{}
					for _, seg := range a.Value {
						for _, as := range seg.GetAS() {
							path = append(path, int64(as))
						}
					}
					asPaths[c] = path
				case *bgp.PathAttributeCommunities:
					for _, v := range a.Value {
						communities[c] = append(communities[c], fmt.Sprintf("%d:%d", v>>16, v&0xffff))
					}
				}
			}
			return
		}
	})
	sp.srv.ListPath(apiutil.ListPathRequest{TableType: api.TableType_TABLE_TYPE_ADJ_OUT, Name: addr.String(), Family: fam}, func(prefix bgp.NLRI, paths []*apiutil.Path) {
		if len(paths) > 0 && !paths[0].Withdrawal {
			advertised = append(advertised, prefix.String())
		}
	})
	slices.Sort(accepted)
	slices.Sort(advertised)
	return accepted, advertised, asPaths, communities
}

func (sp *speakerOf) stop() {
	sp.running.Lock()
	defer sp.running.Unlock()
	sp.stopped = true
	if sp.stopWatch != nil {
		sp.stopWatch()
	}
	sp.srv.Stop()
}

// minLevel passes on GoBGP's records from a level up: its info records
// tell every step of every session.
type minLevel struct {
	slog.Handler
	min slog.Leveler
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min.Level() && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(a []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(a), h.min}
}
func (h minLevel) WithGroup(n string) slog.Handler { return minLevel{h.Handler.WithGroup(n), h.min} }
