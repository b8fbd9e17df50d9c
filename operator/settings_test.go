package operator_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

func TestAutoCrossConnectIsOffByDefault(t *testing.T) {
	w := dxsimtest.Start(t)
	if _, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/settings", ""); got["autoCrossConnect"] != false {
		t.Errorf("GET settings = %v, want autoCrossConnect false", got)
	}
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	w.Clock.Advance(72 * time.Hour)
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateRequested)
}

func TestAutoCrossConnectProvisionsWithoutLoa(t *testing.T) {
	w, _, _, _ := dxsimtest.StartPartners(t)
	c, partner := w.Client(), w.ClientFor(dxsimtest.PartnerAccount, dxsimtest.Region)
	before := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	if status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", `{"autoCrossConnect": true}`); status != 200 || got["autoCrossConnect"] != true {
		t.Fatalf("PUT settings = %d %v", status, got)
	}
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
	tm := w.Config.Service.Timings
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateRequested)
	w.Clock.Advance(tm.CrossConnect)
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStatePending)
	w.Clock.Advance(tm.Pending)
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateAvailable)
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG of connections created under autoCrossConnect is %s, want available", s)
	}
	out, err := partner.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{InterconnectId: ic.InterconnectId})
	if err != nil {
		t.Fatal(err)
	}
	if s := out.Interconnects[0].InterconnectState; s != types.InterconnectStateAvailable {
		t.Errorf("interconnect created under autoCrossConnect is %s, want available", s)
	}
	// A connection created before the setting was on waits for its LOA,
	// as it did; the setting going off changes no connection's history.
	dxsimtest.WantConnectionState(t, c, before.ConnectionId, types.ConnectionStateRequested)
	if status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", `{"autoCrossConnect": false}`); status != 200 || got["autoCrossConnect"] != false {
		t.Fatalf("PUT settings = %d %v", status, got)
	}
	dxsimtest.WantConnectionState(t, c, conn.ConnectionId, types.ConnectionStateAvailable)
	after := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	w.Clock.Advance(72 * time.Hour)
	dxsimtest.WantConnectionState(t, c, after.ConnectionId, types.ConnectionStateRequested)

	got := strings.Join(events(t, w, "resource="+aws.ToString(conn.ConnectionId)), "\n")
	if !strings.Contains(got, "requested>pending") || !strings.Contains(got, "autoCrossConnect") {
		t.Errorf("events of the connection do not show the automatic cross-connect:\n%s", got)
	}
	for _, bad := range []string{`{"autoCrossConnect": "yes"}`, `{"autoCrossConnects": true}`} {
		if status, _ := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/settings", bad); status != http.StatusBadRequest {
			t.Errorf("PUT settings %s = %d, want 400", bad, status)
		}
	}
}

func TestProviderConnectionEncryptionUpdateEndsUnderAutoCrossConnect(t *testing.T) {
	// connection.go resourceConnectionUpdate waits with
	// waitConnectionConfirmed (pending, ordering, requested -> available,
	// 10 minutes) after setting encryption_mode: a pipeline that never
	// downloads an LOA gets there under autoCrossConnect.
	on := true
	w := dxsimtest.Start(t, func(c *server.Config) { c.AutoCrossConnect = &on })
	c := w.Client()
	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("macsec"), RequestMACSec: aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId, EncryptionMode: aws.String("must_encrypt")}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.WaitLike(t, w, 10*time.Minute, []string{"pending", "ordering", "requested"}, []string{"available"}, dxsimtest.ConnectionStatus(t, c, conn.ConnectionId))
}

func TestAutoCrossConnectIsSavedWithTheWorld(t *testing.T) {
	// Two processes on one database agree on the setting; a restart
	// without the flag keeps it, and the flag given again sets it.
	path := filepath.Join(t.TempDir(), "world.db")
	on, off := true, false
	open := func(setting *bool) *dxsimtest.World {
		return dxsimtest.Start(t, func(c *server.Config) { c.DataPath, c.AutoCrossConnect = path, setting })
	}
	a := open(&on)
	b := open(nil)
	if _, got := dxsimtest.AdminCall(t, b, http.MethodGet, "/_dxsim/settings", ""); got["autoCrossConnect"] != true {
		t.Errorf("a process opened without the flag sees %v, want the saved autoCrossConnect true", got)
	}
	conn := dxsimtest.CreateConnection(t, b.Client(), "EqDC2", "1Gbps")
	b.Clock.Advance(time.Hour)
	dxsimtest.WantConnectionState(t, b.Client(), conn.ConnectionId, types.ConnectionStateAvailable)
	a.Clock.Advance(time.Hour)
	dxsimtest.WantConnectionState(t, a.Client(), conn.ConnectionId, types.ConnectionStateAvailable)
	// A change through one process applies to the next connection created
	// through the other.
	dxsimtest.AdminCall(t, a, http.MethodPut, "/_dxsim/settings", `{"autoCrossConnect": false}`)
	later := dxsimtest.CreateConnection(t, b.Client(), "EqDC2", "1Gbps")
	b.Clock.Advance(time.Hour)
	dxsimtest.WantConnectionState(t, b.Client(), later.ConnectionId, types.ConnectionStateRequested)
	c := open(&off)
	if _, got := dxsimtest.AdminCall(t, c, http.MethodGet, "/_dxsim/settings", ""); got["autoCrossConnect"] != false {
		t.Errorf("a process opened with the flag off sees %v", got)
	}
	c.Clock.Advance(time.Hour)
	dxsimtest.WantConnectionState(t, c.Client(), conn.ConnectionId, types.ConnectionStateAvailable)
}
