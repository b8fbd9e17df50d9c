// Package bgp runs the Amazon side of virtual interfaces as real BGP
// sessions on Linux interfaces (dxsim serve --bgp).
//
// An operator attaches a connection's port to a network interface of
// dxsim's network namespace. For every virtual interface on an attached
// port the speaker makes the 802.1Q subinterface of its VLAN (named by the
// virtual interface's ID), puts the Amazon addresses of its BGP peers on it
// and runs a GoBGP server with the interface's Amazon side ASN and one
// neighbour per peer (the customer address and ASN, TCP MD5 with the auth
// key). The ports of a LAG's attached members form a bond named by the LAG
// ID, which carries the LAG's virtual interfaces.
//
// The world drives the sessions: the speaker polls what each attached
// port should run (directconnect.Service.PlanPort) and applies it; a connection that is
// down takes its interface down, a failover test shuts the peers it names.
// The sessions feed back: their state changes, causes and routes are what
// the API reports for the interfaces the speaker serves (directconnect.Sessions).
package bgp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/osrg/gobgp/v4/api"
	"github.com/osrg/gobgp/v4/pkg/apiutil"
	"github.com/osrg/gobgp/v4/pkg/packet/bgp"
	"github.com/vishvananda/netlink"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
)

// pollInterval is how often the speaker looks at the world; attaching and
// detaching apply at once.
const pollInterval = 500 * time.Millisecond

// prefixLimitHold is how long a session that received too many prefixes
// stays down before the speaker lets it try again.
const prefixLimitHold = 30 * time.Second

// Speaker runs the Amazon side of the BGP sessions of attached ports.
type Speaker struct {
	svc *directconnect.Service
	now func() time.Time // the world's clock, for the event log
	log *slog.Logger

	apply   sync.Mutex // one reconcile at a time; guards the fields below
	ports   map[string]*port
	vifs    map[string]*vifRun
	bonds   map[string]bool      // bonds the speaker made, by LAG ID
	bondErr map[string]string    // why a LAG's bond could not be made
	retired map[string]time.Time // subinterfaces to delete, and since when

	mu       sync.Mutex // guards sessions and served
	sessions map[string]*session
	served   map[string]bool // connection and LAG IDs whose interfaces run here

	kick   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
}

// port is an attached connection.
type port struct {
	connectionID, iface string
	lagID               string
	wasUp               bool // the interface's state before it was attached
	plan                *directconnect.PortPlan
	err                 string // why the port cannot be served, if it cannot
}

// vifRun is a virtual interface set up on the host.
type vifRun struct {
	link    string // the subinterface
	tagging string // Tagged or Untagged
	err     string // why it is not fully set up
	sp      *speakerOf
}

// session is a BGP peer's live session.
type session struct {
	vif, peerID string
	neighbor    netip.Addr
	maxPrefixes int
	vifType     string
	sp          *speakerOf
	up          bool
	state       string // the BGP FSM state
	hold        string // why the speaker holds it down, if it does
	prefixLimit time.Time
	changes     []directconnect.SessionChange
}

// New returns a speaker over svc's world; now is the world's clock.
func New(svc *directconnect.Service, now func() time.Time, log *slog.Logger) *Speaker {
	return &Speaker{svc: svc, now: now, log: log, ports: map[string]*port{}, vifs: map[string]*vifRun{}, bonds: map[string]bool{}, bondErr: map[string]string{}, retired: map[string]time.Time{},
		sessions: map[string]*session{}, served: map[string]bool{},
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// Start runs the speaker until Close.
func (s *Speaker) Start() {
	go func() {
		defer close(s.done)
		t := time.NewTicker(pollInterval)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
			case <-s.kick:
			}
			s.reconcile(context.Background())
		}
	}()
}

// Close stops every session and removes every interface and bond the
// speaker made; attached interfaces go back to the state they had.
func (s *Speaker) Close() {
	s.closed.Do(func() {
		close(s.stop)
		<-s.done
		s.apply.Lock()
		defer s.apply.Unlock()
		for id := range s.vifs {
			s.removeVIF(id, "dxsim stopped")
		}
		if len(s.retired) > 0 {
			time.Sleep(retireDelay) // the Cease notifications leave
		}
		s.deleteRetired(0)
		for id, p := range s.ports {
			s.release(p)
			delete(s.ports, id)
		}
		for lag := range s.bonds {
			deleteLink(lag)
			delete(s.bonds, lag)
		}
	})
}

// Port is an attached port as the admin API shows it.
type Port struct {
	ConnectionID      string          `json:"connectionId"`
	Interface         string          `json:"interface"`
	LagID             string          `json:"lagId,omitempty"`
	Bond              string          `json:"bond,omitempty"`
	State             string          `json:"state"` // up, down or error
	Cause             string          `json:"cause,omitempty"`
	VirtualInterfaces []PortInterface `json:"virtualInterfaces"`
}

// PortInterface is a virtual interface's subinterface and sessions.
type PortInterface struct {
	VirtualInterfaceID string        `json:"virtualInterfaceId"`
	Subinterface       string        `json:"subinterface"`
	Vlan               int           `json:"vlan"`
	Tagging            string        `json:"tagging"` // 802.1Q, or untagged on a kernel without it
	Error              string        `json:"error,omitempty"`
	Sessions           []PortSession `json:"sessions"`
}

// PortSession is one BGP session.
type PortSession struct {
	BGPPeerID       string `json:"bgpPeerId"`
	AmazonAddress   string `json:"amazonAddress"`
	CustomerAddress string `json:"customerAddress"`
	Asn             int64  `json:"asn"`
	State           string `json:"state"` // the BGP FSM state
	Hold            string `json:"heldDownBy,omitempty"`
}

func clientError(status int, format string, args ...any) error {
	return &core.ControlError{Status: status, Message: fmt.Sprintf(format, args...)}
}

// Attach serves the port of connection id on the Linux interface iface.
func (s *Speaker) Attach(ctx context.Context, id, iface string) (Port, error) {
	if iface == "" {
		return Port{}, clientError(http.StatusBadRequest, `name the Linux interface to attach: {"interface": "NAME"}`)
	}
	link, err := netlink.LinkByName(iface)
	if err != nil {
		return Port{}, clientError(http.StatusBadRequest, "dxsim's network namespace has no interface %q: %v; list them with ip link", iface, err)
	}
	switch {
	case link.Attrs().Flags&net.FlagLoopback != 0:
		return Port{}, clientError(http.StatusBadRequest, "interface %q is a loopback; attach an Ethernet interface (a veth, a tap, a NIC)", iface)
	case strings.HasPrefix(iface, dx.VirtualInterfacePrefix) || strings.HasPrefix(iface, dx.LagPrefix):
		return Port{}, clientError(http.StatusBadRequest, "interface %q is one dxsim made; attach the interface it runs on", iface)
	}
	plan, err := s.svc.PlanPort(ctx, id)
	if err != nil {
		return Port{}, err
	}
	s.apply.Lock()
	for _, p := range s.ports {
		switch {
		case p.connectionID == id && p.iface == iface:
			s.apply.Unlock()
			return s.view(id)
		case p.connectionID == id:
			s.apply.Unlock()
			return Port{}, clientError(http.StatusConflict, "connection %s is attached to %s; detach it first", id, p.iface)
		case p.iface == iface:
			s.apply.Unlock()
			return Port{}, clientError(http.StatusConflict, "interface %s is the port of connection %s; detach it first", iface, p.connectionID)
		}
	}
	s.ports[id] = &port{connectionID: id, iface: iface, lagID: plan.LagID, wasUp: isUp(link), plan: plan}
	s.apply.Unlock()
	s.reconcile(ctx)
	return s.view(id)
}

// Detach stops serving the port of connection id, removing its
// subinterfaces and sessions.
func (s *Speaker) Detach(ctx context.Context, id string) (Port, error) {
	out, err := s.view(id)
	if err != nil {
		return Port{}, err
	}
	s.apply.Lock()
	if p := s.ports[id]; p != nil {
		delete(s.ports, id)
		s.detachLocked(p)
	}
	s.apply.Unlock()
	s.reconcile(ctx)
	out.State, out.Cause, out.VirtualInterfaces = "detached", "", []PortInterface{}
	return out, nil
}

func (s *Speaker) detachLocked(p *port) {
	for id, v := range s.vifs {
		if v.parentOf(p) {
			s.removeVIF(id, "port detached")
		}
	}
	if p.lagID != "" {
		if l, err := netlink.LinkByName(p.iface); err == nil && l.Attrs().MasterIndex != 0 {
			netlink.LinkSetNoMaster(l)
		}
	}
	s.release(p)
}

func (v *vifRun) parentOf(p *port) bool {
	return v.sp != nil && slices.ContainsFunc(p.planInterfaces(), func(i directconnect.InterfacePlan) bool { return i.ID == v.sp.vif && i.Parent == p.connectionID })
}

func (p *port) planInterfaces() []directconnect.InterfacePlan {
	if p.plan == nil {
		return nil
	}
	return p.plan.Interfaces
}

// release gives the interface of p back in the state it had.
func (s *Speaker) release(p *port) {
	if l, err := netlink.LinkByName(p.iface); err == nil {
		setUp(l, p.wasUp)
	}
}

// Ports lists the attached ports.
func (s *Speaker) Ports() []Port {
	s.apply.Lock()
	ids := make([]string, 0, len(s.ports))
	for id := range s.ports {
		ids = append(ids, id)
	}
	s.apply.Unlock()
	slices.Sort(ids)
	out := []Port{}
	for _, id := range ids {
		if p, err := s.view(id); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Port is the attached port of connection id.
func (s *Speaker) Port(id string) (Port, error) { return s.view(id) }

func (s *Speaker) view(id string) (Port, error) {
	s.apply.Lock()
	p := s.ports[id]
	if p == nil {
		s.apply.Unlock()
		return Port{}, clientError(http.StatusNotFound, "connection %s is not attached to an interface; attach it with PUT /_dxsim/ports/%s", id, id)
	}
	out := Port{ConnectionID: id, Interface: p.iface, LagID: p.lagID, VirtualInterfaces: []PortInterface{}}
	if p.lagID != "" {
		out.Bond = p.lagID
	}
	switch {
	case p.err != "":
		out.State, out.Cause = "error", p.err
	case p.plan != nil && p.plan.Up && !carrier(p.iface):
		out.State, out.Cause = "down", "no carrier on "+p.iface
	case p.plan != nil && p.plan.Up:
		out.State = "up"
	default:
		out.State = "down"
		if p.plan != nil {
			out.Cause = p.plan.Cause
		}
	}
	var plans []directconnect.InterfacePlan
	runs := map[string]vifRun{}
	for _, i := range p.planInterfaces() {
		if v, ok := s.vifs[i.ID]; ok {
			plans = append(plans, i)
			runs[i.ID] = *v
		}
	}
	s.apply.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, i := range plans {
		pi := PortInterface{VirtualInterfaceID: i.ID, Subinterface: i.ID, Vlan: i.Vlan, Tagging: runs[i.ID].tagging, Error: runs[i.ID].err, Sessions: []PortSession{}}
		for _, peer := range i.Peers {
			ps := PortSession{BGPPeerID: peer.ID, AmazonAddress: peer.AmazonAddress, CustomerAddress: peer.CustomerAddress, Asn: peer.Asn, State: "none"}
			if ss := s.sessions[peer.ID]; ss != nil {
				ps.State, ps.Hold = ss.state, ss.hold
			}
			pi.Sessions = append(pi.Sessions, ps)
		}
		out.VirtualInterfaces = append(out.VirtualInterfaces, pi)
	}
	return out, nil
}

// Serves reports whether the interfaces on parent run here.
func (s *Speaker) Serves(parent string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served[parent]
}

// Session is the live session of a BGP peer.
func (s *Speaker) Session(peerID string) *directconnect.LiveSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[peerID]
	if ss == nil {
		return nil
	}
	return &directconnect.LiveSession{Changes: slices.Clone(ss.changes)}
}

// Routes are the routes of a BGP peer's session while it is Established.
func (s *Speaker) Routes(peerID string) *directconnect.LiveRoutes {
	s.mu.Lock()
	ss := s.sessions[peerID]
	if ss == nil || !ss.up || ss.sp == nil {
		s.mu.Unlock()
		return nil
	}
	sp, addr := ss.sp, ss.neighbor
	s.mu.Unlock()
	out := &directconnect.LiveRoutes{}
	out.Accepted, out.Advertised, out.AsPaths, out.Communities = sp.routes(addr)
	return out
}

// record notes a change of a session; the world's clock dates it.
func (s *Speaker) record(ss *session, up bool, cause string) {
	if ss.up == up {
		return
	}
	ss.up = up
	ss.changes = append(ss.changes, directconnect.SessionChange{At: s.now(), Up: up, Cause: cause})
	s.log.Info("BGP session", "bgpPeerId", ss.peerID, "virtualInterfaceId", ss.vif, "up", up, "cause", cause)
}

// onPeer follows a neighbour's state as GoBGP reports it.
func (s *Speaker) onPeer(vif string, e *apiutil.WatchEventMessage_PeerEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ss *session
	for _, c := range s.sessions {
		if c.vif == vif && c.neighbor == e.Peer.State.NeighborAddress {
			ss = c
		}
	}
	if ss == nil {
		return
	}
	st := e.Peer.State
	s.log.Debug("BGP neighbour", "virtualInterfaceId", vif, "neighbor", st.NeighborAddress, "state", st.SessionState.String(),
		"adminState", st.AdminState.String(), "reason", st.DisconnectReason.String(), "message", st.DisconnectMessage)
	ss.state = strings.ToLower(strings.TrimPrefix(st.SessionState.String(), "BGP_FSM_"))
	if st.SessionState == bgp.BGP_FSM_ESTABLISHED {
		s.record(ss, true, "bgp: session established")
		return
	}
	if !ss.up {
		return
	}
	var cause string
	switch {
	case st.AdminState == api.PeerState_ADMIN_STATE_PFX_CT:
		ss.prefixLimit = time.Now()
		cause = fmt.Sprintf("bgp: more than %d prefixes received, the limit of a %s virtual interface; the session stays down for %s", ss.maxPrefixes, ss.vifType, prefixLimitHold)
	case ss.hold != "":
		cause = ss.hold
	case st.DisconnectReason == api.PeerState_DISCONNECT_REASON_HOLD_TIMER_EXPIRED:
		cause = "bgp: hold timer expired"
	case st.DisconnectReason == api.PeerState_DISCONNECT_REASON_NOTIFICATION_RECEIVED:
		cause = "bgp: notification received from the customer router: " + st.DisconnectMessage
	case st.DisconnectReason == api.PeerState_DISCONNECT_REASON_NOTIFICATION_SENT:
		cause = "bgp: notification sent to the customer router: " + st.DisconnectMessage
	case st.DisconnectReason == api.PeerState_DISCONNECT_REASON_READ_FAILED || st.DisconnectReason == api.PeerState_DISCONNECT_REASON_WRITE_FAILED:
		cause = "bgp: the customer router closed the connection"
	default:
		cause = "bgp: session closed (" + strings.ToLower(strings.TrimPrefix(st.DisconnectReason.String(), "DISCONNECT_REASON_")) + ")"
	}
	s.record(ss, false, strings.TrimSuffix(cause, ": "))
}

// reconcile makes the host match what the world says the attached ports
// run.
func (s *Speaker) reconcile(ctx context.Context) {
	plans, errs := s.planPorts(ctx)

	s.apply.Lock()
	defer s.apply.Unlock()
	s.deleteRetired(retireDelay)
	h := newHostPlan()
	for id, p := range s.ports {
		if plan := plans[id]; plan != nil {
			s.applyPort(id, p, plan, errs[id], h)
		}
	}
	s.applyBonds(h)
	s.mu.Lock()
	s.served = h.served
	s.mu.Unlock()
	s.applyVIFs(h.vifs)
}

// planPorts reads what each attached port should run, outside apply. A
// port the world refuses to plan gets a plan that runs nothing, with the
// refusal, in errs; a port the world cannot be read for gets no plan, and
// is left out of this round.
func (s *Speaker) planPorts(ctx context.Context) (plans map[string]*directconnect.PortPlan, errs map[string]string) {
	s.apply.Lock()
	ids := make([]string, 0, len(s.ports))
	for id := range s.ports {
		ids = append(ids, id)
	}
	s.apply.Unlock()
	plans = map[string]*directconnect.PortPlan{}
	errs = map[string]string{}
	for _, id := range ids {
		plan, err := s.svc.PlanPort(ctx, id)
		var ce *core.ControlError
		switch {
		case errors.As(err, &ce):
			plan, errs[id] = &directconnect.PortPlan{ConnectionID: id, Cause: ce.Message}, ce.Message
		case err != nil:
			s.log.Warn("BGP: reading the world", "connectionId", id, "error", err)
			continue
		}
		plans[id] = plan
	}
	return plans, errs
}

// wantedVIF is a virtual interface as a round of reconcile wants it: its
// plan, the link it runs on, and whether that link is up, and if not why.
type wantedVIF struct {
	plan   directconnect.InterfacePlan
	parent netlink.Link
	up     bool
	cause  string
}

// hostPlan is what a round of reconcile wants of the host, gathered port by
// port: a LAG's interfaces wait for its bond, made once all its attached
// members are known.
type hostPlan struct {
	vifs     map[string]wantedVIF
	lags     map[string][]netlink.Link // LAG -> attached member interfaces
	lagUp    map[string]bool
	lagPlans map[string][]directconnect.InterfacePlan
	served   map[string]bool
}

func newHostPlan() *hostPlan {
	return &hostPlan{vifs: map[string]wantedVIF{}, lags: map[string][]netlink.Link{}, lagUp: map[string]bool{},
		lagPlans: map[string][]directconnect.InterfacePlan{}, served: map[string]bool{}}
}

// applyPort brings attached port p, of connection id, to plan: its
// interface up or down as the world says, and its virtual interfaces (or,
// for a LAG member, its LAG's) wanted in h. planErr is why the world
// refused to plan it, if it did.
func (s *Speaker) applyPort(id string, p *port, plan *directconnect.PortPlan, planErr string, h *hostPlan) {
	p.plan, p.err, p.lagID = plan, planErr, plan.LagID
	link, err := netlink.LinkByName(p.iface)
	if err != nil {
		p.err = fmt.Sprintf("interface %s is gone: %v", p.iface, err)
		return
	}
	h.served[id] = true
	if err := setUp(link, plan.Up); err != nil {
		p.err = fmt.Sprintf("setting %s %s: %v", p.iface, map[bool]string{true: "up", false: "down"}[plan.Up], err)
	}
	if plan.LagID != "" {
		h.served[plan.LagID] = true
		h.lags[plan.LagID] = append(h.lags[plan.LagID], link)
		h.lagUp[plan.LagID] = plan.LagUp
	}
	// A port that is up in the world can still have lost its carrier:
	// the router's end went down, or the cable is out.
	up, cause := plan.Up, "interface down: "+plan.Cause
	if up && !carrier(p.iface) {
		up, cause = false, "interface down: no carrier on "+p.iface
	}
	for _, i := range plan.Interfaces {
		switch i.Parent {
		case id:
			h.vifs[i.ID] = wantedVIF{plan: i, parent: link, up: up, cause: cause}
		case plan.LagID:
			h.lagPlans[plan.LagID] = append(h.lagPlans[plan.LagID], i)
		}
	}
}

// applyBonds makes the bond of each LAG with attached members and wants
// its virtual interfaces on it in h, and deletes the bonds of LAGs that
// have none left.
func (s *Speaker) applyBonds(h *hostPlan) {
	for lag, members := range h.lags {
		bond, err := ensureBond(lag, members)
		if err != nil {
			if s.bondErr[lag] != err.Error() { // once, not at every poll
				s.log.Warn("BGP: the LAG's interfaces cannot run without its bond", "lagId", lag, "error", err)
			}
			s.bondErr[lag] = err.Error()
			continue
		}
		delete(s.bondErr, lag)
		s.bonds[lag] = true
		setUp(bond, h.lagUp[lag])
		for _, i := range h.lagPlans[lag] {
			h.vifs[i.ID] = wantedVIF{plan: i, parent: bond, up: h.lagUp[lag], cause: "interface down: LAG " + lag + " down"}
		}
	}
	for lag := range s.bonds {
		if _, ok := h.lags[lag]; !ok {
			deleteLink(lag)
			delete(s.bonds, lag)
		}
	}
}

// applyVIFs removes the virtual interfaces no longer wanted and sets up
// those wanted, keeping why each is not fully set up.
func (s *Speaker) applyVIFs(wanted map[string]wantedVIF) {
	for id := range s.vifs {
		if _, ok := wanted[id]; !ok {
			s.removeVIF(id, "api: virtual interface deleted or moved off the port")
		}
	}
	for id, w := range wanted {
		err := s.applyVIF(w.plan, w.parent, w.up, w.cause)
		v := s.vifs[id]
		if v == nil {
			continue
		}
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != "" && msg != v.err { // once, not at every poll
			s.log.Warn("BGP: virtual interface", "virtualInterfaceId", id, "error", msg)
		}
		v.err = msg
	}
}

// applyVIF sets up interface p's subinterface on parent and its sessions.
func (s *Speaker) applyVIF(p directconnect.InterfacePlan, parent netlink.Link, portUp bool, portCause string) error {
	v := s.vifRunFor(p)
	ended := s.endChangedPeers(v, p)
	delete(s.retired, v.link)
	if err := s.ensureSubinterface(v, p, parent, ended); err != nil {
		return err
	}
	if v.sp == nil {
		id := p.ID
		sp, err := startSpeaker(p, s.log, func(e *apiutil.WatchEventMessage_PeerEvent) { s.onPeer(id, e) })
		if err != nil {
			return err
		}
		v.sp = sp
	}
	sp := v.sp
	if p.Type == dx.PublicVIF && !slices.Equal(sp.filter, p.RouteFilter) {
		if err := sp.setRouteFilter(p.RouteFilter); err != nil {
			return err
		}
	}
	for _, peer := range p.Peers {
		if err := s.runPeer(sp, p, peer, portUp, portCause); err != nil {
			return err
		}
	}
	return sp.advertise(p.Advertised)
}

// vifRunFor is the run of interface p on the host, new if it has none. A
// change of Amazon side ASN removes the old run first: a BGP server's ASN
// is fixed when it starts.
func (s *Speaker) vifRunFor(p directconnect.InterfacePlan) *vifRun {
	v := s.vifs[p.ID]
	if v != nil && v.sp != nil && v.sp.asn != p.AmazonAsn {
		s.removeVIF(p.ID, "api: Amazon side ASN changed")
		v = nil
	}
	if v == nil {
		v = &vifRun{link: p.ID}
		s.vifs[p.ID] = v
	}
	return v
}

// endChangedPeers ends the sessions of v's peers that p deletes or
// changes, and answers their Amazon addresses.
func (s *Speaker) endChangedPeers(v *vifRun, p directconnect.InterfacePlan) (addrs []string) {
	if v.sp == nil {
		return nil
	}
	// The sessions of deleted peers end; their addresses stay until the
	// next round, to carry the notification to the router.
	for id, old := range v.sp.peers {
		i := slices.IndexFunc(p.Peers, func(n directconnect.PeerPlan) bool { return n.ID == id })
		if i < 0 || p.Peers[i].AuthKey != old.AuthKey || p.Peers[i].Asn != old.Asn || p.Peers[i].CustomerAddress != old.CustomerAddress {
			s.holdSession(id, "api: BGP peer deleted")
			v.sp.deletePeer(id)
			addrs = append(addrs, old.AmazonAddress)
		}
	}
	return addrs
}

// ensureSubinterface makes v's subinterface of p's VLAN on parent and puts
// on it the Amazon addresses of p's peers and those of the peers just
// ended (ended).
func (s *Speaker) ensureSubinterface(v *vifRun, p directconnect.InterfacePlan, parent netlink.Link, ended []string) error {
	link, tagging, err := ensureVlan(v.link, parent, p.Vlan, p.Mtu)
	if err != nil {
		return err
	}
	if tagging != v.tagging && tagging == Untagged {
		s.log.Warn("BGP: this kernel has no 802.1Q VLANs; the virtual interface runs untagged on a macvlan of its port", "virtualInterfaceId", p.ID, "vlan", p.Vlan)
	}
	v.tagging = tagging
	addrs := ended
	for _, peer := range p.Peers {
		if !slices.Contains(addrs, peer.AmazonAddress) {
			addrs = append(addrs, peer.AmazonAddress)
		}
	}
	return ensureAddrs(link, addrs)
}

// runPeer starts or stops the session of peer of interface p on sp, as
// the world and the port's state say.
func (s *Speaker) runPeer(sp *speakerOf, p directconnect.InterfacePlan, peer directconnect.PeerPlan, portUp bool, portCause string) error {
	run, why := s.sessionRun(sp, p, peer, portUp, portCause)
	if _, ok := sp.peers[peer.ID]; !ok {
		return sp.addPeer(peer, p.MaxPrefixes, run)
	}
	return sp.setRun(peer.ID, run, why)
}

// sessionRun keeps the session of peer, making it if it is new, and
// answers whether it should run and, if not, why: a port that is down
// holds it down, and so does a prefix limit it hit, until prefixLimitHold
// has passed. A session held down for a reason is recorded down with it;
// one that hit the prefix limit was recorded when it did (onPeer).
func (s *Speaker) sessionRun(sp *speakerOf, p directconnect.InterfacePlan, peer directconnect.PeerPlan, portUp bool, portCause string) (run bool, why string) {
	run, why = peer.Run && portUp, peer.Cause
	if !portUp {
		why = portCause
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[peer.ID]
	if ss == nil {
		addr, _ := netip.ParsePrefix(peer.CustomerAddress)
		ss = &session{vif: p.ID, peerID: peer.ID, neighbor: addr.Addr(), maxPrefixes: p.MaxPrefixes, vifType: p.Type, sp: sp, state: "idle"}
		s.sessions[peer.ID] = ss
	}
	ss.sp, ss.vif = sp, p.ID
	if !ss.prefixLimit.IsZero() {
		if time.Since(ss.prefixLimit) < prefixLimitHold {
			run, why = false, ""
		} else {
			ss.prefixLimit = time.Time{}
			sp.enabled[peer.ID] = false // EnablePeer lifts the limit's hold
		}
	}
	if run {
		ss.hold = ""
	} else if why != "" {
		ss.hold = why
		s.record(ss, false, why)
	}
	return run, why
}

// holdSession records that the speaker takes peer id's session down.
func (s *Speaker) holdSession(id, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss := s.sessions[id]; ss != nil {
		ss.hold = why
		s.record(ss, false, why)
	}
}

// removeVIF stops interface id's sessions and deletes its subinterface.
func (s *Speaker) removeVIF(id, why string) {
	v := s.vifs[id]
	if v == nil {
		return
	}
	if v.sp != nil {
		for peer := range v.sp.peers {
			s.holdSession(peer, why)
		}
		v.sp.stop()
	}
	// The subinterface goes a moment later, once the Cease notifications
	// have left through it.
	s.retired[v.link] = time.Now()
	s.mu.Lock()
	for _, ss := range s.sessions {
		if ss.vif == id {
			ss.sp, ss.state = nil, "none" // its history stays in the event log
		}
	}
	s.mu.Unlock()
	delete(s.vifs, id)
}

// retireDelay is how long a stopped interface's subinterface stays.
const retireDelay = 300 * time.Millisecond

// deleteRetired deletes the subinterfaces retired before now-d.
func (s *Speaker) deleteRetired(d time.Duration) {
	for link, at := range s.retired {
		if time.Since(at) >= d {
			deleteLink(link)
			delete(s.retired, link)
		}
	}
}
