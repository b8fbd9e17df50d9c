package operator_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// TestAdminClockDrivesLifecycle runs a world on its own clock (no test
// clock) and steps a connection through its lifecycle with the admin API.
func TestAdminClockDrivesLifecycle(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Clock = nil })
	status, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/clock", "")
	if status != 200 || got["mode"] != "real" || got["factor"] != 1.0 {
		t.Fatalf("GET clock = %d %v", status, got)
	}
	if _, err := time.Parse(time.RFC3339, got["now"].(string)); err != nil {
		t.Errorf("now %q is not RFC 3339", got["now"])
	}
	if status, got = dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", `{"mode": "manual"}`); status != 200 || got["mode"] != "manual" {
		t.Fatalf("PUT manual = %d %v", status, got)
	}
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	dxsimtest.DownloadLoa(t, c, conn.ConnectionId)
	before, _ := time.Parse(time.RFC3339, got["now"].(string))
	if status, got = dxsimtest.AdminCall(t, w, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "72h"}`); status != 200 {
		t.Fatalf("advance = %d %v", status, got)
	}
	after, _ := time.Parse(time.RFC3339, got["now"].(string))
	if d := after.Sub(before); d < 72*time.Hour || d > 72*time.Hour+time.Second {
		t.Errorf("advancing 72h moved the clock by %v", d)
	}
	if s := dxsimtest.DescribeConnection(t, c, conn.ConnectionId).ConnectionState; s != types.ConnectionStateAvailable {
		t.Errorf("after 72h of simulated time the connection is %s", s)
	}
	if status, got = dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", `{"mode": "scaled", "factor": 60}`); status != 200 || got["factor"] != 60.0 {
		t.Errorf("PUT scaled = %d %v", status, got)
	}
	for _, bad := range []struct{ method, path, body, want string }{
		{http.MethodPut, "/_dxsim/clock", `{"mode": "warp"}`, "warp"},
		{http.MethodPut, "/_dxsim/clock", `{"mode": "scaled"}`, "factor"},
		{http.MethodPost, "/_dxsim/clock/advance", `{"duration": "-1h"}`, "forward"},
		{http.MethodPost, "/_dxsim/clock/advance", `{"duration": "soon"}`, "72h"},
		{http.MethodPost, "/_dxsim/clock/advance", `{"minutes": 5}`, "unknown field"},
		{http.MethodGet, "/_dxsim/nothing", "", "not an admin endpoint"},
	} {
		status, got := dxsimtest.AdminCall(t, w, bad.method, bad.path, bad.body)
		if status < 400 || status > 499 || !strings.Contains(got["error"].(string), bad.want) {
			t.Errorf("%s %s %s = %d %v, want a 4xx about %q", bad.method, bad.path, bad.body, status, got, bad.want)
		}
	}
	if _, got = dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/clock", ""); got["mode"] != "scaled" {
		t.Errorf("refused changes changed the clock: %v", got)
	}
}

// TestClockSurvivesRestart reopens a world's database: its clock resumes in
// the mode and at the simulated time it had.
func TestClockSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "world.db")
	open := func() *dxsimtest.World {
		return dxsimtest.Start(t, func(c *server.Config) { c.Clock, c.DataPath = nil, path })
	}
	w := open()
	dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", `{"mode": "manual"}`)
	_, want := dxsimtest.AdminCall(t, w, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "720h"}`)
	w.Server.Close(ctx)

	_, got := dxsimtest.AdminCall(t, open(), http.MethodGet, "/_dxsim/clock", "")
	if got["mode"] != "manual" || got["now"] != want["now"] {
		t.Errorf("after a restart the clock is %v, want %v", got, want)
	}
}

// TestProcessesShareTheClock runs two worlds on one database, as two dxsim
// processes would: a clock change made through one reaches the other.
func TestProcessesShareTheClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "world.db")
	open := func() *dxsimtest.World {
		return dxsimtest.Start(t, func(c *server.Config) { c.Clock, c.DataPath = nil, path })
	}
	a, b := open(), open()
	dxsimtest.AdminCall(t, a, http.MethodPut, "/_dxsim/clock", `{"mode": "manual"}`)
	_, want := dxsimtest.AdminCall(t, a, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "48h"}`)
	if err := b.Server.SyncClock(ctx); err != nil {
		t.Fatal(err)
	}
	if _, got := dxsimtest.AdminCall(t, b, http.MethodGet, "/_dxsim/clock", ""); got["mode"] != "manual" || got["now"] != want["now"] {
		t.Errorf("the other process's clock is %v, want %v", got, want)
	}
	// Both derive the same states from the shared records and clock.
	conn := dxsimtest.CreateConnection(t, a.Client(), "EqDC2", "1Gbps").ConnectionId
	dxsimtest.DownloadLoa(t, b.Client(), conn)
	dxsimtest.AdminCall(t, b, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "1h"}`)
	if err := a.Server.SyncClock(ctx); err != nil {
		t.Fatal(err)
	}
	for _, w := range []*dxsimtest.World{a, b} {
		dxsimtest.WantConnectionState(t, w.Client(), conn, types.ConnectionStateAvailable)
	}
}

// TestAdminClockSetsTime: PUT /_dxsim/clock with "now" puts simulated time
// there and keeps the mode; a time that is not RFC 3339 is refused and
// changes nothing.
func TestAdminClockSetsTime(t *testing.T) {
	w := dxsimtest.Start(t)
	before := w.Clock.Now()
	if code, out := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", `{"now": "yesterday"}`); code != http.StatusBadRequest {
		t.Fatalf("now=yesterday answered %d %v, want 400", code, out)
	}
	if !w.Clock.Now().Equal(before) {
		t.Fatalf("a refused clock change moved the clock to %s", w.Clock.Now())
	}
	code, out := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", `{"now": "2027-03-01T12:00:00Z"}`)
	if code != http.StatusOK || out["now"] != "2027-03-01T12:00:00Z" || out["mode"] != "manual" {
		t.Fatalf("setting the time answered %d %v, want 200 at 2027-03-01T12:00:00Z in manual mode", code, out)
	}
	if want := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC); !w.Clock.Now().Equal(want) {
		t.Errorf("the clock is at %s, want %s", w.Clock.Now(), want)
	}
}
