package awsapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestOneInfoLinePerRequest(t *testing.T) {
	srv, logs := testHandler(t)
	ok := call(t, srv.Client(), srv.URL, "OvertureService.Ping", `{"name":"n1"}`)
	bad := call(t, srv.Client(), srv.URL, "OvertureService.Ping", `{}`)
	panicked := call(t, srv.Client(), srv.URL, "OvertureService.Panic", `{}`)

	lines := map[string]map[string]any{}
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", l, err)
		}
		if rec["msg"] != "request" {
			continue
		}
		id, _ := rec["requestId"].(string)
		if _, twice := lines[id]; twice {
			t.Errorf("request %s logged twice", id)
		}
		lines[id] = rec
	}
	for _, c := range []struct {
		a       answer
		op      string
		status  int
		errType string
	}{
		{ok, "Ping", http.StatusOK, ""},
		{bad, "Ping", http.StatusBadRequest, "DirectConnectClientException"},
		{panicked, "Panic", http.StatusInternalServerError, "DirectConnectServerException"},
	} {
		rec, found := lines[c.a.requestID]
		if !found {
			t.Errorf("no request line for %s (%s): %s", c.op, c.a.requestID, logs.String())
			continue
		}
		if rec["level"] != "INFO" || rec["operation"] != c.op || rec["account"] != "111122223333" || rec["region"] != "us-east-1" ||
			rec["status"] != float64(c.status) || rec["errorType"] != c.errType {
			t.Errorf("request line of %s = %v, want INFO, operation %s, account 111122223333, us-east-1, status %d, errorType %q", c.op, rec, c.op, c.status, c.errType)
		}
		if _, ok := rec["duration"].(float64); !ok {
			t.Errorf("request line of %s has no duration: %v", c.op, rec)
		}
	}
}
