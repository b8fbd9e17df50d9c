package operator_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/sim"
)

// unconfigured starts a world whose customer router is unconfigured, as
// `dxsim serve --customer-router unconfigured` does.
func unconfigured(c *server.Config) { c.CustomerRouter = core.CustomerRouterUnconfigured }

// customerSide is what the customer router decides, as DescribeConnections
// and DescribeVirtualInterfaces answer it.
type customerSide struct {
	vif, peerState, bgpStatus, key, encryption string
}

// far is a MACsec connection with a key and a public virtual interface.
type far struct {
	conn, vif *string
}

func newFar(t *testing.T, w *dxsimtest.World) far {
	t.Helper()
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	dxsimtest.DownloadLoa(t, c, conn.ConnectionId)
	dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	return far{conn: conn.ConnectionId, vif: dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 100).VirtualInterfaceId}
}

func (f far) side(t *testing.T, c *directconnect.Client) customerSide {
	t.Helper()
	conn := dxsimtest.DescribeConnection(t, c, f.conn)
	if conn.ConnectionState != types.ConnectionStateAvailable {
		t.Errorf("connection %s is %s, want available: the customer router changes no connection's state", aws.ToString(f.conn), conn.ConnectionState)
	}
	if aws.ToString(conn.EncryptionMode) != "no_encrypt" || len(conn.MacSecKeys) != 1 {
		t.Errorf("connection answers encryptionMode %q and %d keys, want no_encrypt and 1", aws.ToString(conn.EncryptionMode), len(conn.MacSecKeys))
	}
	v := dxsimtest.DescribeVIF(t, c, f.vif)
	if len(v.BgpPeers) != 1 {
		t.Fatalf("%s has %d BGP peers", aws.ToString(f.vif), len(v.BgpPeers))
	}
	return customerSide{vif: string(v.VirtualInterfaceState), peerState: string(v.BgpPeers[0].BgpPeerState), bgpStatus: string(v.BgpPeers[0].BgpStatus),
		key: aws.ToString(conn.MacSecKeys[0].State), encryption: aws.ToString(conn.PortEncryptionStatus)}
}

// logged is the newest state the event log gives each of f's resources.
func (f far) logged(t *testing.T, w *dxsimtest.World) customerSide {
	t.Helper()
	var out struct{ Events []core.Event }
	for _, id := range []*string{f.conn, f.vif} {
		var page struct{ Events []core.Event }
		if err := json.Unmarshal(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/events?resource="+aws.ToString(id), ""), &page); err != nil {
			t.Fatal(err)
		}
		out.Events = append(out.Events, page.Events...)
	}
	var s customerSide
	for _, e := range out.Events {
		switch e.ResourceType {
		case "virtual-interface":
			s.vif = e.NewState
		case "bgp-peer":
			s.peerState = e.NewState
		case "bgp-session":
			s.bgpStatus = e.NewState
		case "macsec-key":
			s.key = e.NewState
		}
	}
	return s
}

var (
	heldDown = customerSide{vif: "down", peerState: "available", bgpStatus: "down", key: "associating", encryption: "Encryption Down"}
	cameUp   = customerSide{vif: "available", peerState: "available", bgpStatus: "up", key: "associated", encryption: "Encryption Up"}
)

// want checks what DescribeConnections and DescribeVirtualInterfaces answer
// and that the event log ends in the same states.
func (f far) want(t *testing.T, w *dxsimtest.World, c *directconnect.Client, want customerSide, when string) {
	t.Helper()
	if got := f.side(t, c); got != want {
		t.Errorf("%s: Describe answers %+v, want %+v", when, got, want)
	}
	logged := want
	logged.encryption = ""
	if got := f.logged(t, w); got != logged {
		t.Errorf("%s: the event log ends in %+v, want %+v", when, got, logged)
	}
}

func TestCustomerRouterIsConfiguredByDefault(t *testing.T) {
	w := dxsimtest.Start(t)
	if _, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/settings", ""); got["customerRouter"] != "configured" {
		t.Errorf("GET settings = %v, want customerRouter configured", got)
	}
	f := newFar(t, w)
	w.Clock.Advance(time.Hour)
	f.want(t, w, w.Client(), cameUp, "a new world after an hour")
}

func TestUnconfiguredCustomerRouterHoldsSessionsAndKeysDown(t *testing.T) {
	w := dxsimtest.Start(t, unconfigured)
	c := w.Client()
	f := newFar(t, w)
	if s := dxsimtest.DescribeVIF(t, c, f.vif).VirtualInterfaceState; s != types.VirtualInterfaceStateVerifying {
		t.Errorf("a new public interface is %s, want verifying: provisioning is AWS's side", s)
	}
	w.Clock.Advance(72 * time.Hour)
	f.want(t, w, c, heldDown, "unconfigured for 72h")

	// The customer configures the router: everything comes up at once.
	if status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "configured"}`); status != 200 || got["customerRouter"] != "configured" {
		t.Fatalf("PUT settings = %d %v", status, got)
	}
	f.want(t, w, c, cameUp, "configured")
	got := strings.Join(events(t, w, "resource="+aws.ToString(f.vif)), "\n")
	for _, e := range []string{
		"virtual-interface pending>down (timeline: turned up)",
		"virtual-interface down>available (" + sim.CauseRouterConfigured + ")",
		"bgp-session down>up (" + sim.CauseRouterConfigured + ")",
	} {
		if !strings.Contains(got, e) {
			t.Errorf("the interface's events lack %q:\n%s", e, got)
		}
	}
	keys := strings.Join(events(t, w, "type=macsec-key"), "\n")
	if want := "macsec-key associating>associated (" + sim.CauseRouterConfigured + ")"; !strings.Contains(keys, want) || strings.Count(keys, "\n") != 1 {
		t.Errorf("the key's events are\n%s\nwant created associating, then %q", keys, want)
	}

	// Unconfigured again, for the next test run: down again from then on.
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "unconfigured"}`)
	w.Clock.Advance(time.Minute)
	f.want(t, w, c, heldDown, "unconfigured again")
}

func TestUnconfiguredCustomerRouterStopsNoProvisioning(t *testing.T) {
	// What AWS's side does still happens: a peer added later is provisioned
	// (bgpPeerState), a failover test needs an available interface.
	w := dxsimtest.Start(t, unconfigured)
	c := w.Client()
	f := newFar(t, w)
	w.Clock.Advance(time.Hour)
	if _, err := c.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: f.vif, NewBGPPeer: &types.NewBGPPeer{
		Asn: 65001, AddressFamily: types.AddressFamilyIPv6,
	}}); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(time.Hour)
	for _, p := range dxsimtest.DescribeVIF(t, c, f.vif).BgpPeers {
		if p.BgpPeerState != types.BGPPeerStateAvailable || p.BgpStatus != types.BGPStatusDown {
			t.Errorf("peer %s is %s/%s, want available/down", aws.ToString(p.BgpPeerId), p.BgpPeerState, p.BgpStatus)
		}
	}
	_, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: f.vif})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "is down")
}

func TestProviderWaitersUnderUnconfiguredCustomerRouter(t *testing.T) {
	w := dxsimtest.Start(t, unconfigured)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	dxsimtest.DownloadLoa(t, c, conn.ConnectionId)
	// private_virtual_interface.go privateVirtualInterfaceWaitUntilAvailable:
	// pending -> available or down.
	vif, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("private"), Vlan: 101, Asn: 65000, DirectConnectGatewayId: dxsimtest.GwCreate(t, c, "gw", nil).DirectConnectGatewayId,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	vifState := func() string {
		return string(dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceState)
	}
	if got := dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending"}, []string{"available", "down"}, vifState); got != "down" {
		t.Errorf("the provider's interface waiter ended at %s, want down", got)
	}
	// macsec_key_association_test.go TestAccDirectConnectMacSecKeyAssociation_withCkn:
	// the apply reads the key's state, the import step reads it again later
	// and must find the same.
	dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	keyState := func() string {
		return aws.ToString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).MacSecKeys[0].State)
	}
	applied := keyState()
	w.Clock.Advance(time.Minute)
	if imported := keyState(); applied != "associating" || imported != applied {
		t.Errorf("the key was %s at apply and %s a minute later at import, want associating both times", applied, imported)
	}
}

func TestCustomerRouterSettingThroughTheAdminAPI(t *testing.T) {
	w := dxsimtest.Start(t)
	if status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "unconfigured"}`); status != 200 ||
		got["customerRouter"] != "unconfigured" || got["autoCrossConnect"] != false {
		t.Fatalf("PUT settings = %d %v", status, got)
	}
	for _, bad := range []string{`{"customerRouter": "absent"}`, `{"customerRouter": ""}`, `{"customerRouter": true}`, `{"customerRouterUnconfigured": []}`} {
		status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", bad)
		if status != http.StatusBadRequest {
			t.Errorf("PUT settings %s = %d, want 400", bad, status)
		}
		if bad == `{"customerRouter": "absent"}` && !strings.Contains(got["error"].(string), `"configured" or "unconfigured"`) {
			t.Errorf("PUT settings %s answered %v, want a message naming the values", bad, got)
		}
	}
	if _, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/settings", ""); got["customerRouter"] != "unconfigured" {
		t.Errorf("after refused changes, GET settings = %v, want customerRouter unconfigured still", got)
	}
	// Changing another setting leaves it as it is.
	if _, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", `{"autoCrossConnect": true}`); got["customerRouter"] != "unconfigured" {
		t.Errorf("PUT autoCrossConnect changed customerRouter: %v", got)
	}
	f := newFar(t, w)
	w.Clock.Advance(time.Hour)
	f.want(t, w, w.Client(), heldDown, "unconfigured through the admin API")
}

func TestCustomerRouterIsSavedWithTheWorld(t *testing.T) {
	// Two processes on one database agree on it; a restart without the
	// setting keeps it, and the setting given again changes it.
	path := filepath.Join(t.TempDir(), "world.db")
	open := func(setting string) *dxsimtest.World {
		return dxsimtest.Start(t, func(c *server.Config) { c.DataPath, c.CustomerRouter = path, setting })
	}
	a := open(core.CustomerRouterUnconfigured)
	f := newFar(t, a)
	a.Clock.Advance(time.Hour)
	b := open("")
	b.Clock.Advance(time.Hour)
	if _, got := dxsimtest.AdminCall(t, b, http.MethodGet, "/_dxsim/settings", ""); got["customerRouter"] != "unconfigured" {
		t.Errorf("a process opened without the setting sees %v, want the saved customerRouter unconfigured", got)
	}
	f.want(t, b, b.Client(), heldDown, "seen by a second process")
	c := open(core.CustomerRouterConfigured)
	c.Clock.Advance(time.Hour)
	f.want(t, c, c.Client(), cameUp, "opened with configured")
	a.Clock.Advance(time.Hour)
	f.want(t, a, a.Client(), cameUp, "seen by the first process")
}

func TestCustomerRouterSurvivesExportAndImport(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	f := newFar(t, w)
	w.Clock.Advance(time.Hour)
	export := dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", "")
	// Later, the customer router is unconfigured; then the export, an
	// hour older, is imported: the clock goes back before the change, and
	// the setting still holds.
	w.Clock.Advance(time.Hour)
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "unconfigured"}`)
	f.want(t, w, c, heldDown, "unconfigured")
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/import", string(export))
	if got := w.Clock.Now(); !got.Equal(dxsimtest.Epoch.Add(time.Hour)) {
		t.Fatalf("the import put the clock at %v, want the export's", got)
	}
	if _, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/settings", ""); got["customerRouter"] != "unconfigured" {
		t.Errorf("after the import, GET settings = %v, want customerRouter unconfigured", got)
	}
	f.want(t, w, c, heldDown, "after importing an older export")
	// Reset and import again: the setting outlives both.
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/reset", "")
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/import", string(export))
	f.want(t, w, c, heldDown, "after a reset and an import")
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "configured"}`)
	f.want(t, w, c, cameUp, "configured again after the import")
}

func TestUnconfiguredCustomerRouterKeepsLagKeysAssociating(t *testing.T) {
	w := dxsimtest.Start(t, unconfigured)
	c := w.Client()
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 1, true)
	dxsimtest.MacsecAssociate(t, c, lag.LagId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	w.Clock.Advance(time.Hour)
	states := func(when string, want string) {
		t.Helper()
		l := dxsimtest.DescribeLag(t, c, lag.LagId)
		got := []string{aws.ToString(l.MacSecKeys[0].State)}
		for _, m := range l.Connections {
			got = append(got, aws.ToString(m.MacSecKeys[0].State))
		}
		member, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
			Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("member"), LagId: lag.LagId, RequestMACSec: aws.Bool(true),
		})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, aws.ToString(member.MacSecKeys[0].State))
		for _, s := range got {
			if s != want {
				t.Errorf("%s: the LAG's key on the LAG, its member and a new member is %v, want %s", when, got, want)
				break
			}
		}
	}
	states("unconfigured", "associating")
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/settings", `{"customerRouter": "configured"}`)
	states("configured", "associated")
}
