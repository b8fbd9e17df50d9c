package operator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
)

// Tests of the simulated world: timelines, faults and the admin API that
// drives them, seen through the SDK.

func advance(t *testing.T, w *dxsimtest.World, d time.Duration) {
	t.Helper()
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/clock/advance", fmt.Sprintf(`{"duration": %q}`, d.String()))
}

// events lists the event log for query, as "old>new (cause)" lines.
func events(t *testing.T, w *dxsimtest.World, query string) []string {
	t.Helper()
	var out struct{ Events []core.Event }
	if err := json.Unmarshal(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/events?"+query, ""), &out); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range out.Events {
		lines = append(lines, fmt.Sprintf("%s %s>%s (%s)", e.ResourceType, e.OldState, e.NewState, e.Cause))
	}
	return lines
}

func TestConnectionWholeLifeInManualClockMode(t *testing.T) {
	w := dxsimtest.Start(t)
	if got := string(dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/clock", `{"mode": "manual"}`)); !strings.Contains(got, `"mode":"manual"`) {
		t.Fatalf("PUT clock manual answered %s", got)
	}
	c := w.Client()
	tm := w.Config.Service.Timings
	id := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateRequested)
	advance(t, w, 72*time.Hour)
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateRequested) // no LOA downloaded, no cross-connect
	dxsimtest.DownloadLoa(t, c, id)
	advance(t, w, tm.CrossConnect)
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStatePending)
	advance(t, w, tm.Pending)
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateAvailable)

	// Changes at one simulated instant are one moment of the event log; the
	// clock moves between the steps so that the log shows each.
	advance(t, w, time.Minute)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(id)+"/down", "")
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateDown)
	advance(t, w, time.Hour)
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateDown)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(id)+"/up", "")
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateAvailable)
	advance(t, w, time.Minute)

	del, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: id})
	if err != nil {
		t.Fatal(err)
	}
	if del.ConnectionState != types.ConnectionStateDeleting {
		t.Errorf("DeleteConnection answered %s, want deleting", del.ConnectionState)
	}
	advance(t, w, tm.Deleting)
	dxsimtest.WantConnectionState(t, c, id, types.ConnectionStateDeleted)

	want := []string{
		"connection >requested (api: created)",
		"connection requested>pending (timeline: LOA downloaded and cross-connect delivered)",
		"connection pending>available (timeline: turned up)",
		"connection available>down (fault: connection " + aws.ToString(id) + " down)",
		"connection down>available (fault: connection " + aws.ToString(id) + " up)",
		"connection available>deleting (api: deleted)",
		"connection deleting>deleted (timeline: deletion finished)",
	}
	if got := events(t, w, "resource="+aws.ToString(id)); !reflect.DeepEqual(got, want) {
		t.Errorf("event log of the connection:\n got %q\nwant %q", got, want)
	}
	advance(t, w, w.Config.Service.DeletedRetention)
	if n := len(dxsimtest.DescribeConnections(t, c)); n != 0 {
		t.Errorf("%d connections listed after the retention period, want 0", n)
	}
}

func TestLagWithMinimumLinksGoesDownWithAMember(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Provision()
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2}); err != nil {
		t.Fatal(err)
	}
	vif := dxsimtest.CreatePublicVIF(t, c, lag.LagId, 10)
	w.Provision()
	if l := dxsimtest.DescribeLag(t, c, lag.LagId); l.LagState != types.LagStateAvailable {
		t.Fatalf("provisioned LAG is %s", l.LagState)
	}
	if v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || v.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Fatalf("VIF on the LAG is %s with BGP %s, want available and up", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}

	one, other := lag.Connections[0].ConnectionId, lag.Connections[1].ConnectionId
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(one)+"/down", "")
	l := dxsimtest.DescribeLag(t, c, lag.LagId)
	if l.LagState != types.LagStateDown {
		t.Errorf("LAG with minimumLinks 2 and one member down is %s, want down", l.LagState)
	}
	for _, m := range l.Connections {
		want := types.ConnectionStateAvailable
		if aws.ToString(m.ConnectionId) == aws.ToString(one) {
			want = types.ConnectionStateDown
		}
		if m.ConnectionState != want {
			t.Errorf("member %s is %s, want %s", aws.ToString(m.ConnectionId), m.ConnectionState, want)
		}
	}
	dxsimtest.WantConnectionState(t, c, other, types.ConnectionStateAvailable)
	if v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); v.VirtualInterfaceState != types.VirtualInterfaceStateDown || v.BgpPeers[0].BgpStatus != types.BGPStatusDown {
		t.Errorf("VIF on the down LAG is %s with BGP %s, want down and down", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	// The event log shows an outage that lasted some simulated time.
	advance(t, w, time.Minute)

	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(one)+"/up", "")
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG with both members back is %s, want available", s)
	}
	if v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || v.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Errorf("VIF after the member came back is %s with BGP %s, want available and up", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	got := events(t, w, "type=lag")
	if n := len(got); n < 2 || got[n-2] != "lag available>down (fault: connection "+aws.ToString(one)+" down)" ||
		got[n-1] != "lag down>available (fault: connection "+aws.ToString(one)+" up)" {
		t.Errorf("LAG events end with %q, want the fault taking it down and up", got)
	}

	// With minimumLinks 1 the same failure leaves it available.
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 1}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(one)+"/down", "")
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG with minimumLinks 1 and one of two members up is %s, want available", s)
	}
}

func TestDeviceFailureTakesDownEverythingOnIt(t *testing.T) {
	w := dxsimtest.StartSmall(t)
	c := w.Client()
	// TST1-aaaaaaaaaaaa is the only device with 1Gbps ports: the connection
	// and the LAG land on it; a 10Gbps connection then fits only on the other.
	conn := dxsimtest.ReadyConnection(t, c, "TST1", "1Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("TST1", "1Gbps", 2))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	elsewhere := dxsimtest.ReadyConnection(t, c, "TST1", "10Gbps")
	if d := aws.ToString(elsewhere.AwsDevice); d != "TST1-cccccccccccc" {
		t.Fatalf("10Gbps connection landed on %s", d)
	}
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 20)
	w.Provision()

	// A device is named by awsDevice or awsDeviceV2.
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/TST1-bbbbbbbbbbbbb/down", "")
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateDown)
	l := dxsimtest.DescribeLag(t, c, lag.LagId)
	if l.LagState != types.LagStateDown || l.Connections[0].ConnectionState != types.ConnectionStateDown || l.Connections[1].ConnectionState != types.ConnectionStateDown {
		t.Errorf("LAG on the failed device is %s with members %s, %s; want all down", l.LagState, l.Connections[0].ConnectionState, l.Connections[1].ConnectionState)
	}
	if v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId); v.VirtualInterfaceState != types.VirtualInterfaceStateDown || v.BgpPeers[0].BgpStatus != types.BGPStatusDown {
		t.Errorf("VIF on the failed device is %s with BGP %s", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	dxsimtest.WantConnectionState(t, c, elsewhere.ConnectionId, types.ConnectionStateAvailable)

	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/TST1-aaaaaaaaaaaa/up", "")
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateAvailable)
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG after the device came back is %s", s)
	}

	// A location takes down every device in it.
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/TST1/down", "")
	for _, conn := range dxsimtest.DescribeConnections(t, c) {
		if conn.ConnectionState != types.ConnectionStateDown {
			t.Errorf("connection %s in the failed location is %s", aws.ToString(conn.ConnectionId), conn.ConnectionState)
		}
	}
	got := string(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/links", ""))
	if !strings.Contains(got, `"target":"TST1","kind":"location"`) || !strings.Contains(got, `"target":"TST1-aaaaaaaaaaaa","kind":"device"`) {
		t.Errorf("GET links = %s, want the location outage and the ended device outage", got)
	}
}

func TestFailoverTestTakesPeersDownForItsDuration(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 30)
	w.Provision()
	peer := aws.ToString(dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers[0].BgpPeerId)
	if _, err := c.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId, TestDurationInMinutes: aws.Int32(5)}); err != nil {
		t.Fatal(err)
	}
	v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if v.VirtualInterfaceState != types.VirtualInterfaceStateTesting || v.BgpPeers[0].BgpStatus != types.BGPStatusDown {
		t.Errorf("during the test: %s with BGP %s, want testing and down", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	advance(t, w, 5*time.Minute)
	v = dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || v.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Errorf("after the test's 5 minutes: %s with BGP %s, want available and up", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	want := []string{
		"bgp-session >down (api: created)",
		"bgp-session down>up (timeline: turned up)",
		"bgp-session up>down (api: BGP failover test started)",
		"bgp-session down>up (timeline: BGP failover test ended)",
	}
	if got := events(t, w, "type=bgp-session&resource="+peer); !reflect.DeepEqual(got, want) {
		t.Errorf("BGP session events:\n got %q\nwant %q", got, want)
	}
}

func TestOperatorSetsBGPStatus(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 40)
	w.Provision()
	peer := aws.ToString(dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers[0].BgpPeerId)
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/bgp-peers/"+peer+"/status", `{"status": "down"}`)
	v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || v.BgpPeers[0].BgpStatus != types.BGPStatusDown || v.BgpPeers[0].BgpPeerState != types.BGPPeerStateAvailable {
		t.Errorf("session held down: VIF %s, peer %s/%s; want available, available/down", v.VirtualInterfaceState, v.BgpPeers[0].BgpPeerState, v.BgpPeers[0].BgpStatus)
	}
	if status, body := dxsimtest.AdminRaw(t, w, http.MethodPut, "/_dxsim/bgp-peers/"+peer+"/status", `{"status": "down"}`); status != http.StatusConflict {
		t.Errorf("second down = %d %s, want 409", status, body)
	}
	dxsimtest.Admin(t, w, http.MethodPut, "/_dxsim/bgp-peers/"+peer+"/status", `{"status": "up"}`)
	if s := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers[0].BgpStatus; s != types.BGPStatusUp {
		t.Errorf("session let up is %s", s)
	}
	for body, want := range map[string]int{`{"status": "sideways"}`: 400, `{"state": "down"}`: 400} {
		if status, b := dxsimtest.AdminRaw(t, w, http.MethodPut, "/_dxsim/bgp-peers/"+peer+"/status", body); status != want {
			t.Errorf("PUT status %s = %d %s, want %d", body, status, b, want)
		}
	}
	if status, b := dxsimtest.AdminRaw(t, w, http.MethodPut, "/_dxsim/bgp-peers/dxpeer-nothere/status", `{"status": "down"}`); status != http.StatusNotFound {
		t.Errorf("unknown peer = %d %s, want 404", status, b)
	}
}

func TestStallAndCompleteProvisioning(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	stalled := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps").ConnectionId
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(stalled)+"/stall", "")
	advance(t, w, 30*24*time.Hour)
	dxsimtest.WantConnectionState(t, c, stalled, types.ConnectionStateRequested) // the cross-connect never came
	if status, b := dxsimtest.AdminRaw(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(stalled)+"/stall", ""); status != http.StatusConflict {
		t.Errorf("stalling twice = %d %s, want 409", status, b)
	}
	got := string(dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(stalled)+"/complete", ""))
	if !strings.Contains(got, `"state":"available"`) {
		t.Errorf("complete answered %s, want the connection available", got)
	}
	dxsimtest.WantConnectionState(t, c, stalled, types.ConnectionStateAvailable)
	if status, b := dxsimtest.AdminRaw(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(stalled)+"/complete", ""); status != http.StatusConflict {
		t.Errorf("completing an available connection = %d %s, want 409", status, b)
	}

	// A LAG completes every member still being provisioned, LOA or not.
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(lag.LagId)+"/complete", "")
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("completed LAG is %s", s)
	}
	for path, want := range map[string]int{
		"/_dxsim/provisioning/dxcon-nothere1/complete":               404,
		"/_dxsim/provisioning/" + aws.ToString(stalled) + "/explode": 400,
		"/_dxsim/provisioning/vpc-123/complete":                      404,
	} {
		if status, b := dxsimtest.AdminRaw(t, w, http.MethodPost, path, ""); status != want {
			t.Errorf("POST %s = %d %s, want %d", path, status, b, want)
		}
	}
	if got := events(t, w, "resource="+aws.ToString(stalled)); len(got) != 2 || got[1] != "connection requested>available (operator: provisioning completed)" {
		t.Errorf("events of the stalled connection: %q", got)
	}
}

func TestLinkControlsRefuseWhatTheyCannotDo(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	id := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	for _, call := range []struct {
		path string
		want int
	}{
		{"/_dxsim/links/dxcon-nothere1/down", 404},
		{"/_dxsim/links/no-such-thing/down", 404},
		{"/_dxsim/links/" + id + "/up", 409},
		{"/_dxsim/links/" + id + "/down", 200},
		{"/_dxsim/links/" + id + "/down", 409},
		{"/_dxsim/links/EqDC2/sideways", 404},
	} {
		status, b := dxsimtest.AdminRaw(t, w, http.MethodPost, call.path, "")
		if status != call.want {
			t.Errorf("POST %s = %d %s, want %d", call.path, status, b, call.want)
		}
		if status != 200 && !strings.Contains(string(b), `"error"`) {
			t.Errorf("POST %s answered %s without an error message", call.path, b)
		}
	}
	// A fault does not make a connection that is not yet up "down".
	dxsimtest.WantConnectionState(t, c, aws.String(id), types.ConnectionStateRequested)
}

// snapshotDescribes is what DescribeConnections and DescribeLags answer for
// the accounts of a world.
func snapshotDescribes(t *testing.T, w *dxsimtest.World) string {
	t.Helper()
	var b strings.Builder
	for _, account := range []string{dxsimtest.Account, dxsimtest.OtherAccount} {
		c := w.ClientFor(account, dxsimtest.Region)
		conns, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
		if err != nil {
			t.Fatal(err)
		}
		lags, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{})
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal([]any{conns.Connections, lags.Lags})
		b.Write(j)
	}
	return b.String()
}

func TestExportThenImportReproducesTheWorld(t *testing.T) {
	w := dxsimtest.Start(t)
	c, other := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	up := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps") // stays requested
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	dxsimtest.CreateLag(t, other, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	w.Provision()
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(lag.Connections[0].ConnectionId)+"/down", "")
	gone := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps").ConnectionId
	w.Provision() // a provisioned connection is deleting first
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: gone}); err != nil {
		t.Fatal(err)
	}
	want := snapshotDescribes(t, w)
	if !strings.Contains(want, `"ConnectionState":"down"`) || !strings.Contains(want, `"ConnectionState":"deleting"`) {
		t.Fatalf("the world to export lacks the down and deleting states: %s", want)
	}
	export := dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", "")
	wantEvents := events(t, w, "")

	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/reset", "")
	if got := dxsimtest.Counts(t, c); got != "0 connections, 0 LAGs" {
		t.Fatalf("after reset: %s", got)
	}
	advance(t, w, 7*24*time.Hour) // import puts the clock back where the export was
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/import", string(export))
	if got := snapshotDescribes(t, w); got != want {
		t.Errorf("after import into the same world:\n got %s\nwant %s", got, want)
	}
	if got := events(t, w, ""); !reflect.DeepEqual(got, wantEvents) {
		t.Errorf("event log after import differs:\n got %q\nwant %q", got, wantEvents)
	}

	// Another world, on another clock, answers the same after import.
	w2 := dxsimtest.Start(t)
	advance(t, w2, 400*time.Hour)
	dxsimtest.Admin(t, w2, http.MethodPost, "/_dxsim/import", string(export))
	if got := snapshotDescribes(t, w2); got != want {
		t.Errorf("after import into another world:\n got %s\nwant %s", got, want)
	}
	// The imported world lives on: the fault can be ended, ports stay held.
	dxsimtest.Admin(t, w2, http.MethodPost, "/_dxsim/links/"+aws.ToString(lag.Connections[0].ConnectionId)+"/up", "")
	dxsimtest.WantConnectionState(t, w2.Client(), up, types.ConnectionStateAvailable)
	if s := dxsimtest.DescribeLag(t, w2.Client(), lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("imported LAG after its fault ended is %s", s)
	}

	for body, want := range map[string]int{
		`{"format": "something-else/9"}`: 400,
		`not json`:                       400,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "rows": [{"kind": "nonsense", "id": "x", "body": {}}]}`:                                           400,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "rows": [{"kind": "connection", "id": "x", "body": {"createdAt": 5}}]}`:                           400,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "rows": [{"kind": "lag", "id": "x", "body": {}}, {"kind": "lag", "id": "x", "body": {}}]}`:        400,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "ports": [{"device": "d", "port": 1, "holder": "a"}, {"device": "d", "port": 1, "holder": "b"}]}`: 400,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "warp"}}`:                                                                                                    400,
	} {
		if status, b := dxsimtest.AdminRaw(t, w2, http.MethodPost, "/_dxsim/import", body); status != want {
			t.Errorf("import %s = %d %s, want %d", body, status, b, want)
		}
	}
	if got := snapshotDescribes(t, w2); got == "" || !strings.Contains(got, aws.ToString(up)) {
		t.Errorf("a refused import changed the world: %s", got)
	}
}

func TestMacSecKeyTimelineInTheEventLog(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
	arn := dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak).MacSecKeys[0].SecretARN
	advance(t, w, time.Hour)
	if _, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: conn.ConnectionId, SecretARN: arn}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"macsec-key >associating (api: MACsec key associated)",
		"macsec-key associating>associated (timeline: MACsec key in force)",
		"macsec-key associated>disassociated (api: MACsec key disassociated)",
	}
	if got := events(t, w, "type=macsec-key&resource="+aws.ToString(conn.ConnectionId)); !reflect.DeepEqual(got, want) {
		t.Errorf("MACsec key events:\n got %q\nwant %q", got, want)
	}
}

func TestInterconnectFailureReachesHostedConnectionsAndTheirInterfaces(t *testing.T) {
	w, partner, customer, _ := dxsimtest.StartPartners(t)
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	hc := dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 100)
	if _, err := customer.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hc.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	if _, err := partner.DescribeInterconnectLoa(ctx, &directconnect.DescribeInterconnectLoaInput{InterconnectId: ic.InterconnectId}); err != nil {
		t.Fatal(err)
	}
	vif := dxsimtest.CreatePublicVIF(t, customer, hc.ConnectionId, 100)
	w.Provision()
	dxsimtest.WantConnectionState(t, customer, hc.ConnectionId, types.ConnectionStateAvailable)

	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(ic.InterconnectId)+"/down", "")
	out, err := partner.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{InterconnectId: ic.InterconnectId})
	if err != nil || out.Interconnects[0].InterconnectState != types.InterconnectStateDown {
		t.Fatalf("interconnect taken down: %+v, %v", out, err)
	}
	dxsimtest.WantConnectionState(t, customer, hc.ConnectionId, types.ConnectionStateDown)
	if v := dxsimtest.DescribeVIF(t, customer, vif.VirtualInterfaceId); v.VirtualInterfaceState != types.VirtualInterfaceStateDown || v.BgpPeers[0].BgpStatus != types.BGPStatusDown {
		t.Errorf("VIF on the hosted connection: %s with BGP %s, want down", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
	advance(t, w, time.Minute)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(ic.InterconnectId)+"/up", "")
	dxsimtest.WantConnectionState(t, customer, hc.ConnectionId, types.ConnectionStateAvailable)
	want := []string{"hosted-connection available>down (fault: connection " + aws.ToString(ic.InterconnectId) + " down)",
		"hosted-connection down>available (fault: connection " + aws.ToString(ic.InterconnectId) + " up)"}
	if got := events(t, w, "type=hosted-connection&account="+dxsimtest.Account); len(got) < 2 || !reflect.DeepEqual(got[len(got)-2:], want) {
		t.Errorf("hosted connection events end %q, want %q", got, want)
	}
}

func TestStallAndCompleteAVirtualInterface(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	w.Provision()
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 50)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(vif.VirtualInterfaceId)+"/stall", "")
	advance(t, w, 24*time.Hour)
	if s := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceState; s != types.VirtualInterfaceStateVerifying {
		t.Errorf("stalled public VIF is %s a day later, want verifying", s)
	}
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/provisioning/"+aws.ToString(vif.VirtualInterfaceId)+"/complete", "")
	v := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
	if v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable || v.BgpPeers[0].BgpStatus != types.BGPStatusUp {
		t.Errorf("completed VIF is %s with BGP %s, want available and up", v.VirtualInterfaceState, v.BgpPeers[0].BgpStatus)
	}
}

// TestLagHistoryFollowsMembershipAndMinimumLinks checks that the event log
// tells the LAG's past as it was: a LAG going down because minimumLinks was
// raised, or because a member left, changed state then and for that cause.
func TestLagHistoryFollowsMembershipAndMinimumLinks(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Provision()
	one := lag.Connections[0].ConnectionId
	advance(t, w, time.Minute)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(one)+"/down", "") // minimumLinks 0: one member up is enough
	advance(t, w, time.Minute)
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Minute)
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 1}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Minute)
	if _, err := c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: lag.Connections[1].ConnectionId, LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"lag >requested (api: created)",
		"lag requested>pending (timeline: LOA downloaded and cross-connect delivered)",
		"lag pending>available (timeline: turned up)",
		"lag available>down (api: minimumLinks changed)",
		"lag down>available (api: minimumLinks changed)",
		"lag available>down (api: connection " + aws.ToString(lag.Connections[1].ConnectionId) + " left)",
	}
	if got := events(t, w, "type=lag"); !reflect.DeepEqual(got, want) {
		t.Errorf("LAG events:\n got %q\nwant %q", got, want)
	}
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateDown {
		t.Errorf("LAG left with its down member is %s, want down", s)
	}
}

func TestVirtualInterfaceHistoryFollowsItsMoves(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	b := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	vif := dxsimtest.CreatePublicVIF(t, c, a, 60)
	w.Provision()
	advance(t, w, time.Minute)
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/links/"+aws.ToString(a)+"/down", "")
	advance(t, w, time.Minute)
	if _, err := c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId, ConnectionId: b}); err != nil {
		t.Fatal(err)
	}
	// It is provisioned again on the new connection, as on AWS.
	if s := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceState; s != types.VirtualInterfaceStatePending {
		t.Errorf("VIF moved off the down connection is %s, want pending", s)
	}
	advance(t, w, w.Config.Service.Timings.VirtualInterface)
	if s := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceState; s != types.VirtualInterfaceStateAvailable {
		t.Errorf("VIF moved off the down connection is %s once provisioned again, want available", s)
	}
	got := events(t, w, "type=virtual-interface")
	want := []string{
		"virtual-interface available>down (fault: connection " + aws.ToString(a) + " down)",
		"virtual-interface down>pending (api: moved from " + aws.ToString(a) + " to " + aws.ToString(b) + ")",
		"virtual-interface pending>available (timeline: turned up)",
	}
	if len(got) < 3 || !reflect.DeepEqual(got[len(got)-3:], want) {
		t.Errorf("VIF events:\n got %q\nwant ending %q", got, want)
	}
}

func TestEventFilters(t *testing.T) {
	w := dxsimtest.Start(t)
	c, other := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	mine := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps").ConnectionId
	advance(t, w, time.Hour)
	_, body := dxsimtest.AdminRaw(t, w, http.MethodGet, "/_dxsim/clock", "")
	var clock struct{ Now string }
	json.Unmarshal(body, &clock)
	theirs := dxsimtest.CreateConnection(t, other, "EqDC2", "1Gbps").ConnectionId

	if got := events(t, w, "account="+dxsimtest.OtherAccount); len(got) != 1 || got[0] != "connection >requested (api: created)" {
		t.Errorf("events of the other account: %q", got)
	}
	if got := events(t, w, "since="+clock.Now); len(got) != 1 {
		t.Errorf("events since %s: %q, want the other account's creation only", clock.Now, got)
	}
	if got := events(t, w, "until="+clock.Now+"&resource="+aws.ToString(mine)); len(got) != 3 {
		t.Errorf("events of %s until %s: %q, want its 3 changes", aws.ToString(mine), clock.Now, got)
	}
	var out struct{ Events []core.Event }
	json.Unmarshal(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/events?limit=1", ""), &out)
	if len(out.Events) != 1 || out.Events[0].Resource != aws.ToString(theirs) || out.Events[0].Account != dxsimtest.OtherAccount ||
		out.Events[0].Region != dxsimtest.Region || out.Events[0].ResourceType != "connection" {
		t.Errorf("limit=1 answered %+v, want the newest event", out.Events)
	}
	for _, q := range []string{"since=yesterday", "until=2026-13-01T00:00:00Z", "limit=0", "limit=many"} {
		if status, b := dxsimtest.AdminRaw(t, w, http.MethodGet, "/_dxsim/events?"+q, ""); status != http.StatusBadRequest || !strings.Contains(string(b), `"error"`) {
			t.Errorf("events?%s = %d %s, want 400 with an error", q, status, b)
		}
	}
}

func TestGatewayAndAssociationHistory(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	d := w.Config.Service.Timings.Gateway
	g := dxsimtest.GwCreate(t, c, "gw", nil).DirectConnectGatewayId
	advance(t, w, d+time.Minute)
	a := dxsimtest.GwAssociate(t, c, g, dxsimtest.Vgw(1), "10.1.0.0/16").AssociationId
	advance(t, w, time.Hour)
	if _, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{
		AssociationId: a, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.1.0.0/17")}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Hour)
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, d+time.Minute)
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, d)
	want := []string{
		"direct-connect-gateway >pending (api: created)",
		"direct-connect-gateway pending>available (timeline: turned up)",
		"gateway-association >associating (api: created)",
		"gateway-association associating>associated (timeline: turned up)",
		"gateway-association associated>updating (api: updated)",
		"gateway-association updating>associated (timeline: update applied)",
		"gateway-association associated>disassociating (api: deleted)",
		"gateway-association disassociating>disassociated (timeline: deletion finished)",
		"direct-connect-gateway available>deleting (api: deleted)",
		"direct-connect-gateway deleting>deleted (timeline: deletion finished)",
	}
	if got := events(t, w, "resource="+aws.ToString(g)); !reflect.DeepEqual(got, want) {
		t.Errorf("gateway events:\n got %q\nwant %q", got, want)
	}
	if got := string(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/events?type=macsec-key", "")); got != "{\"events\":[]}\n" {
		t.Errorf("no events answered %s, want an empty list", got)
	}
}

func TestResiliencyGroupHistory(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	g := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	advance(t, w, time.Minute)
	dxsimtest.AssociateToGroup(t, c, g, conn)
	advance(t, w, time.Minute)
	if _, err := c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{
		ResiliencyGroupId: g, ConnectionIdentifiers: []string{conn}}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Minute)
	if _, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: g}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Minute)
	want := []string{
		"resiliency-group >pending (api: created)",
		"resiliency-group pending>available (timeline: turned up)",
		"resiliency-association >associating (api: associated)",
		"resiliency-association associating>associated (timeline: associated)",
		"resiliency-association associated>disassociating (api: disassociated)",
		"resiliency-association disassociating>disassociated (timeline: disassociated)",
		"resiliency-group available>deleting (api: deleted)",
		"resiliency-group deleting>deleted (timeline: deletion finished)",
	}
	if got := events(t, w, "resource="+aws.ToString(g)); !reflect.DeepEqual(got, want) {
		t.Errorf("resiliency group events:\n got %q\nwant %q", got, want)
	}
}
