package directconnect

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// With `dxsim serve --bgp`, a real BGP speaker runs the Amazon side of the
// virtual interfaces on ports attached to Linux interfaces. What the speaker
// sees on a session is a fact of this process, not of the shared world: the
// world's derivation says whether a session may run (the port is up, the
// interface available, no failover test holds it down), the live session
// says whether it is Established. Interfaces on ports that are not attached,
// and every interface of a process without a speaker, keep the simulated
// sessions.

// Sessions is the live state of the BGP sessions a speaker runs.
type Sessions interface {
	// Serves reports whether the speaker runs the sessions of the
	// interfaces on parent, a connection or LAG ID.
	Serves(parent string) bool
	// Session is the live session of a BGP peer, nil while the speaker has
	// not set it up yet.
	Session(peerID string) *LiveSession
	// Routes are the routes of a BGP peer's session, nil while it is not
	// Established.
	Routes(peerID string) *LiveRoutes
}

// LiveSession is what a speaker knows of one BGP peer's session.
type LiveSession struct {
	Changes []SessionChange // oldest first
}

// LiveRoutes are the routes of an Established session.
type LiveRoutes struct {
	Accepted   []string // prefixes received from the customer and accepted
	Advertised []string // prefixes Amazon advertises on the session
	// Attributes of the accepted routes as received, by prefix.
	AsPaths     map[string][]int64
	Communities map[string][]string
}

// SessionChange is the moment a session came up or went down, and why.
type SessionChange struct {
	At    time.Time
	Up    bool
	Cause string
}

// upAt reports whether the session was Established at t.
func (l *LiveSession) upAt(t time.Time) bool {
	up := false
	for _, c := range l.Changes {
		if c.At.After(t) {
			break
		}
		up = c.Up
	}
	return up
}

func (l *LiveSession) points() []sim.Point {
	p := make([]sim.Point, 0, len(l.Changes))
	for _, c := range l.Changes {
		p = append(p, sim.Point{At: c.At, Cause: c.Cause})
	}
	return p
}

// UseSessions makes the live sessions of x what bgpStatus, the event log
// and ListVirtualInterfaceRoutes report for the interfaces x serves. Call it
// before serving.
func (s *Service) UseSessions(x Sessions) { s.sessions = x }

// live loads the live sessions of n's peers, when a speaker serves its
// parent.
func (s *Service) live(n *vifNode) {
	if s.sessions == nil || !s.sessions.Serves(n.rec.ConnectionID) {
		return
	}
	n.live = map[string]*LiveSession{}
	for _, p := range n.rec.BGPPeers {
		if l := s.sessions.Session(p.ID); l != nil {
			n.live[p.ID] = l
		} else {
			n.live[p.ID] = &LiveSession{}
		}
	}
}

// PortPlan is what a speaker runs on an attached port: the state of the
// connection and the virtual interfaces on it (and on its LAG).
type PortPlan struct {
	ConnectionID string
	LagID        string // the LAG the connection is a member of
	LagUp        bool   // the LAG's state is available
	Up           bool   // the connection is available
	Cause        string // why it is not
	Interfaces   []InterfacePlan
}

// InterfacePlan is one virtual interface's subinterface and sessions.
type InterfacePlan struct {
	ID, Parent  string // Parent: the connection or LAG it is on
	Type        string
	Vlan, Mtu   int
	AmazonAsn   int64
	Advertised  []string // what Amazon announces to the customer
	RouteFilter []string // on a public interface, the only prefixes accepted
	MaxPrefixes int      // more received prefixes take the session down
	Peers       []PeerPlan
}

// PeerPlan is one BGP peer's session.
type PeerPlan struct {
	ID, Family                     string
	AmazonAddress, CustomerAddress string // with prefix length
	Asn                            int64
	AuthKey                        string
	Run                            bool   // the world lets the session come up
	Cause                          string // why it does not
}

// Prefix limits of AWS: more prefixes received on a session take it down.
const (
	maxPrefixesPrivate = 100
	maxPrefixesPublic  = 1000
)

// PlanPort tells a speaker what to run on the port of connection id. A
// connection that does not exist or is deleted has no interfaces.
func (s *Service) PlanPort(ctx context.Context, id string) (*PortPlan, error) {
	out := &PortPlan{ConnectionID: id}
	err := s.View(ctx, func(tx *core.Txn) error {
		c, err := store.Load[dx.ConnectionRecord](tx, store.Connections, id)
		if errors.Is(err, store.ErrNotFound) {
			return core.ControlErrorf(http.StatusNotFound, "no connection %q", id)
		} else if err != nil {
			return err
		}
		w := s.world(tx)
		cn, err := w.conn(c)
		if err != nil {
			return err
		}
		state := cn.at(w.now)
		out.Up = state == sim.Available
		out.Cause = "connection " + state
		for _, o := range cn.outages {
			if o.Until.IsZero() || w.now.Before(o.Until) {
				if !w.now.Before(o.From) {
					out.Cause = o.Cause
				}
			}
		}
		if c.Deleted() {
			return nil
		}
		parents := []string{c.ID}
		if c.LagID != "" {
			out.LagID = c.LagID
			ln, err := w.parent(c.LagID)
			if err != nil {
				return err
			}
			out.LagUp = ln.at(w.now) == sim.Available
			parents = append(parents, c.LagID)
		}
		for _, parent := range parents {
			vifs, err := vifsOn(tx, parent)
			if err != nil {
				return err
			}
			for _, v := range vifs {
				ip, err := s.planInterface(tx, w, v)
				if err != nil {
					return err
				}
				out.Interfaces = append(out.Interfaces, ip)
			}
		}
		return nil
	})
	return out, err
}

func (s *Service) planInterface(tx *core.Txn, w *world, v *dx.VirtualInterfaceRecord) (InterfacePlan, error) {
	n, err := w.vif(v)
	if err != nil {
		return InterfacePlan{}, err
	}
	// What the world allows, not what the session does; and the speaker
	// runs the customer side for real, so the customerRouter setting does
	// not hold its sessions down.
	n.live, n.router = nil, nil
	advertised, err := s.advertisedPrefixes(tx, v, w.now)
	if err != nil {
		return InterfacePlan{}, err
	}
	mtu := v.Mtu
	if mtu == 0 {
		mtu = 1500
	}
	out := InterfacePlan{ID: v.ID, Parent: v.ConnectionID, Type: v.Type, Vlan: v.Vlan, Mtu: mtu, AmazonAsn: v.AmazonSideAsn,
		Advertised: slices.Clone(advertised), MaxPrefixes: maxPrefixesPrivate}
	if v.Type == dx.PublicVIF {
		out.RouteFilter, out.MaxPrefixes = slices.Clone(v.RouteFilterPrefixes), maxPrefixesPublic
	}
	for i := range v.BGPPeers {
		p := &v.BGPPeers[i]
		if !p.DeletedAt.IsZero() {
			continue
		}
		pp := PeerPlan{ID: p.ID, Family: p.AddressFamily, AmazonAddress: p.AmazonAddress, CustomerAddress: p.CustomerAddress,
			Asn: p.Asn, AuthKey: p.AuthKey, Run: n.peerStatus(p, w.now) == sim.BGPUp}
		if !pp.Run {
			pp.Cause = s.heldDown(n, p, w.now)
		}
		out.Peers = append(out.Peers, pp)
	}
	return out, nil
}

// heldDown says why the world holds peer p's session down at t.
func (s *Service) heldDown(n *vifNode, p *dx.BGPPeerRecord, t time.Time) string {
	if ft := n.test(t); ft != nil && slices.Contains(ft.BGPPeers, p.ID) {
		return "BGP failover test " + ft.TestID
	}
	if sim.AnyCovers(n.peers[p.ID], t) {
		return "operator set the session down"
	}
	if st := n.at(t); st != sim.Available && st != sim.Testing {
		return "virtual interface " + st
	}
	return fmt.Sprintf("BGP peer %s", n.peerState(p, t))
}
