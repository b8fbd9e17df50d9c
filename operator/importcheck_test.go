package operator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// exportOf returns the world's export as decoded JSON, to be broken.
func exportOf(t *testing.T, w *dxsimtest.World) map[string]any {
	t.Helper()
	var e map[string]any
	if err := json.Unmarshal(dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", ""), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestImportWithBrokenReferencesIsRefused: an import whose records name a
// LAG, parent or port holder it does not hold is refused as a whole, with
// the list of problems, and the world stays as it was.
func TestImportWithBrokenReferencesIsRefused(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps")
	dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
	e := exportOf(t, w)
	var rows []any
	for _, r := range e["rows"].([]any) {
		row := r.(map[string]any)
		// Drop the LAG and the standalone connection (whose port and
		// interface stay).
		if row["id"] == *lag.LagId || row["id"] == *conn.ConnectionId {
			continue
		}
		rows = append(rows, r)
	}
	e["rows"] = rows
	broken, _ := json.Marshal(e)
	before := dxsimtest.Counts(t, c)
	status, body := dxsimtest.AdminCall(t, w, http.MethodPost, "/_dxsim/import", string(broken))
	msg, _ := body["error"].(string)
	if status != 400 {
		t.Fatalf("import with broken references: %d %v", status, body)
	}
	for _, want := range []string{"broken references", "nothing was imported", "member of LAG " + *lag.LagId, "is on " + *conn.ConnectionId, "held by " + *conn.ConnectionId} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if got := dxsimtest.Counts(t, c); got != before {
		t.Errorf("a refused import changed the world: %s, was %s", got, before)
	}
}

// TestImportErrorsQuoteAShortPrefix: a huge bad value is not echoed back.
func TestImportErrorsQuoteAShortPrefix(t *testing.T) {
	w := dxsimtest.Start(t)
	huge := strings.Repeat("x", 1<<20)
	for _, body := range []string{
		`{"format": "` + huge + `"}`,
		`{"format": "dxsim-world/1", "clock": {"now": "` + huge + `", "mode": "manual"}, "rows": [], "ports": []}`,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "rows": [{"kind": "` + huge + `", "id": "a", "body": {}}], "ports": []}`,
		`{"format": "dxsim-world/1", "clock": {"now": "2026-01-01T00:00:00Z", "mode": "manual"}, "rows": [{"kind": "connection", "id": "` + huge + `", "body": []}], "ports": []}`,
		`{"` + huge + `": 1}`,
	} {
		status, b := dxsimtest.AdminRaw(t, w, http.MethodPost, "/_dxsim/import", body)
		if status != 400 || len(b) > 1024 {
			t.Errorf("import of a %d-byte bad value: %d with a %d-byte answer %.200s", len(body), status, len(b), b)
		}
	}
}

func TestClockFactorOutsideItsRangeIsRefused(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Clock = nil })
	for _, body := range []string{`{"mode": "scaled", "factor": 1e10}`, `{"mode": "scaled", "factor": 0.0000001}`, `{"mode": "scaled", "factor": -5}`} {
		status, got := dxsimtest.AdminCall(t, w, http.MethodPut, "/_dxsim/clock", body)
		if status != 400 || !strings.Contains(got["error"].(string), "1e+06") {
			t.Errorf("PUT clock %s = %d %v, want 400 naming the range", body, status, got)
		}
	}
	// 292 years at a time: the clock refuses to pass year 9999 instead of
	// overflowing.
	for i := 0; ; i++ {
		status, got := dxsimtest.AdminCall(t, w, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "2562047h"}`)
		if status == 400 {
			if !strings.Contains(got["error"].(string), "9999") {
				t.Errorf("refused advance says %v", got)
			}
			break
		}
		if status != 200 || i > 40 {
			t.Fatalf("advance %d: %d %v", i, status, got)
		}
		if now, _ := time.Parse(time.RFC3339, got["now"].(string)); now.Year() < 2026 {
			t.Fatalf("the clock went back to %s", now)
		}
	}
}

// TestImportRefusesAHostingCycle: found by FuzzImport. An interconnect
// hosted on itself was accepted, and the next Describe overflowed the
// stack resolving its parents.
func TestImportRefusesAHostingCycle(t *testing.T) {
	w := dxsimtest.Start(t)
	body := `{"format":"dxsim-world/1","clock":{"now":"2026-01-01T00:00:00Z","mode":"manual","factor":1},"rows":[{"kind":"connection","id":"dxcon-a","account":"111122223333","region":"us-east-1","parent":"dxcon-a","body":{"id":"dxcon-a","owner":"111122223333","region":"us-east-1","interconnect":true,"hostedOn":"dxcon-a","bandwidth":"1Gbps","location":"EqDC2"}}],"ports":[]}`
	status, got := dxsimtest.AdminCall(t, w, http.MethodPost, "/_dxsim/import", body)
	if status != 400 || !strings.Contains(got["error"].(string), "hosted on dxcon-a") {
		t.Fatalf("import of an interconnect hosted on itself: %d %v", status, got)
	}
	if n := len(dxsimtest.DescribeConnections(t, w.Client())); n != 0 {
		t.Errorf("after the refused import there are %d connections", n)
	}
}

// TestImportHasASizeLimit: a body past the limit is refused with 413
// naming it, and nothing is imported.
func TestImportHasASizeLimit(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.MaxImportBody = 64 << 10 })
	dxsimtest.CreateConnection(t, w.Client(), "EqDC2", "1Gbps")
	export := dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", "")
	padded := strings.Replace(string(export), `"rows":[`, `"rows":[`+strings.Repeat(`{"kind":"connection","id":"dxcon-pad","body":{}},`, 2000), 1)
	status, body := dxsimtest.AdminRaw(t, w, http.MethodPost, "/_dxsim/import", padded)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "65536 bytes") {
		t.Errorf("a %d-byte import: %d %s, want 413 naming the limit", len(padded), status, body)
	}
	if got := dxsimtest.Counts(t, w.Client()); got != "1 connections, 0 LAGs" {
		t.Errorf("after the refused import: %s", got)
	}
}
