package directconnect_test

import (
	"testing"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// speaker stands in for `dxsim serve --bgp`: it serves the port of one
// connection, whose sessions are what sessions say.
type speaker struct {
	port     string
	sessions map[string]*directconnect.LiveSession
}

func (s *speaker) Serves(parent string) bool                        { return parent == s.port }
func (s *speaker) Session(peerID string) *directconnect.LiveSession { return s.sessions[peerID] }
func (s *speaker) Routes(string) *directconnect.LiveRoutes          { return nil }

func TestRealSessionsAreNotHeldDownByAnUnconfiguredCustomerRouter(t *testing.T) {
	// With real BGP sessions, the customer's side is a real router: the
	// customerRouter setting does not override what its sessions do. The
	// service is called directly, in this goroutine, since a speaker is
	// set before a world serves.
	w := dxsimtest.Start(t, func(c *server.Config) { c.CustomerRouter = core.CustomerRouterUnconfigured })
	svc := w.Server.Controls().DirectConnect()
	caller := dx.Caller{Account: dxsimtest.Account, Region: dxsimtest.Region}
	vifOn := func(vlan int) (conn, vif, peer string) {
		t.Helper()
		c, err := svc.CreateConnection(ctx, caller, &directconnect.CreateConnectionInput{Location: "EqDC2", Bandwidth: "1Gbps", ConnectionName: "port"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.DescribeLoa(ctx, caller, &directconnect.DescribeLoaInput{ConnectionID: c.ConnectionID}); err != nil {
			t.Fatal(err)
		}
		n := &directconnect.NewPublicVirtualInterface{VirtualInterfaceName: "public", Vlan: &vlan,
			RouteFilterPrefixes: []dx.RouteFilterPrefix{{Cidr: "198.51.100.0/24"}}}
		n.Asn, n.AmazonAddress, n.CustomerAddress = 65000, "203.0.113.1/30", "203.0.113.2/30"
		v, err := svc.CreatePublicVirtualInterface(ctx, caller, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionID: c.ConnectionID, New: n})
		if err != nil {
			t.Fatal(err)
		}
		return c.ConnectionID, v.VirtualInterfaceID, v.BGPPeers[0].BGPPeerID
	}
	served, servedVIF, peer := vifOn(100)
	_, simulatedVIF, _ := vifOn(200)
	w.Clock.Advance(time.Hour)
	// A speaker plans a port before it serves it (as it attaches it).
	plan, err := svc.PlanPort(ctx, served)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Interfaces) != 1 || len(plan.Interfaces[0].Peers) != 1 || !plan.Interfaces[0].Peers[0].Run {
		t.Fatalf("the plan of a port being attached is %+v, want the session run", plan.Interfaces)
	}
	up := w.Clock.Now()
	sp := &speaker{port: served, sessions: map[string]*directconnect.LiveSession{peer: {Changes: []directconnect.SessionChange{{At: up, Up: true, Cause: "bgp: Established"}}}}}
	svc.UseSessions(sp)

	if plan, err = svc.PlanPort(ctx, served); err != nil {
		t.Fatal(err)
	}
	if len(plan.Interfaces) != 1 || len(plan.Interfaces[0].Peers) != 1 || !plan.Interfaces[0].Peers[0].Run {
		t.Fatalf("the speaker's plan is %+v, want the session run", plan.Interfaces)
	}
	describe := func(id string) (state, bgpStatus string) {
		t.Helper()
		out, err := svc.DescribeVirtualInterfaces(ctx, caller, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceID: id})
		if err != nil {
			t.Fatal(err)
		}
		v := out.VirtualInterfaces[0]
		return v.VirtualInterfaceState, v.BGPPeers[0].BGPStatus
	}
	if state, status := describe(servedVIF); state != "available" || status != "up" {
		t.Errorf("the interface of the real, Established session is %s with bgpStatus %s, want available/up", state, status)
	}
	if state, status := describe(simulatedVIF); state != "down" || status != "down" {
		t.Errorf("the interface of a simulated session is %s with bgpStatus %s, want down/down under the unconfigured router", state, status)
	}
	// The real session goes down: its bgpStatus follows it.
	w.Clock.Advance(time.Minute)
	sp.sessions[peer].Changes = append(sp.sessions[peer].Changes, directconnect.SessionChange{At: w.Clock.Now(), Up: false, Cause: "bgp: hold timer expired"})
	if _, status := describe(servedVIF); status != "down" {
		t.Errorf("after the real session went down, bgpStatus is %s", status)
	}
}
