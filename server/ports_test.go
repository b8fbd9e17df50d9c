package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/bgp"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// TestPortsSayWhyBGPIsOff: without --bgp the ports endpoints answer 409 and
// say how to turn BGP on.
func TestPortsSayWhyBGPIsOff(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/_dxsim/ports", ""},
		{http.MethodPut, "/_dxsim/ports/dxcon-abcd1234", `{"interface": "veth0"}`},
		{http.MethodDelete, "/_dxsim/ports/dxcon-abcd1234", ""},
	} {
		status, got := dxsimtest.AdminCall(t, w, c.method, c.path, c.body)
		if msg, _ := got["error"].(string); status != http.StatusConflict || !strings.Contains(msg, "--bgp") {
			t.Errorf("%s %s = %d %v, want 409 saying to start with --bgp", c.method, c.path, status, got)
		}
	}
}

// TestAttachRefusesWhatItCannotServe checks attach requests that change
// nothing on the host: no interface named, an interface that does not exist,
// the loopback, and a port that is not attached.
func TestAttachRefusesWhatItCannotServe(t *testing.T) {
	if err := bgp.Check(); err != nil {
		t.Skipf("BGP cannot run here: %v", err)
	}
	w := dxsimtest.Start(t, func(c *server.Config) { c.BGP = true })
	conn := dxsimtest.ReadyConnection(t, w.Client(), "EqDC2", "1Gbps")
	id := *conn.ConnectionId
	for _, c := range []struct {
		method, path, body string
		status             int
		says               string
	}{
		{http.MethodPut, "/_dxsim/ports/" + id, `{}`, http.StatusBadRequest, `{"interface": "NAME"}`},
		{http.MethodPut, "/_dxsim/ports/" + id, `{"interface": "dxnosuch0"}`, http.StatusBadRequest, `no interface "dxnosuch0"`},
		{http.MethodPut, "/_dxsim/ports/" + id, `{"interface": "lo"}`, http.StatusBadRequest, "loopback"},
		{http.MethodPut, "/_dxsim/ports/" + id, `{"interface": "lo", "mtu": 9000}`, http.StatusBadRequest, "unknown field"},
		{http.MethodGet, "/_dxsim/ports/" + id, "", http.StatusNotFound, "is not attached"},
		{http.MethodDelete, "/_dxsim/ports/" + id, "", http.StatusNotFound, "is not attached"},
	} {
		status, got := dxsimtest.AdminCall(t, w, c.method, c.path, c.body)
		if msg, _ := got["error"].(string); status != c.status || !strings.Contains(msg, c.says) {
			t.Errorf("%s %s %s = %d %v, want %d saying %q", c.method, c.path, c.body, status, got, c.status, c.says)
		}
	}
	status, got := dxsimtest.AdminCall(t, w, http.MethodGet, "/_dxsim/ports", "")
	if ports, ok := got["ports"].([]any); status != http.StatusOK || !ok || len(ports) != 0 {
		t.Errorf("GET /_dxsim/ports = %d %v, want no ports", status, got)
	}
}
