package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// guardedCall sends an admin request with the given headers and returns
// the status and body.
func guardedCall(t *testing.T, w *dxsimtest.World, method, path, body string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, w.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAdminRefusesCrossSiteRequests: a web page in the browser next to
// dxsim can neither reset the world (CSRF) nor read an export through a
// name rebound to 127.0.0.1.
func TestAdminRefusesCrossSiteRequests(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	host := strings.TrimPrefix(w.URL, "http://")
	for _, tc := range []struct {
		name, method, path string
		header             map[string]string
		status             int
		says               string
	}{
		{"CSRF: a simple cross-origin POST", http.MethodPost, "/_dxsim/reset",
			map[string]string{"Content-Type": "text/plain", "Origin": "http://evil.example"}, 403, "Origin"},
		{"CSRF: a form POST without Origin", http.MethodPost, "/_dxsim/reset",
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, "Content-Type: application/json"},
		{"POST with no Content-Type", http.MethodPost, "/_dxsim/reset", nil, 415, "application/json"},
		{"JSON POST from another origin", http.MethodPost, "/_dxsim/reset",
			map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, 403, "cross-origin"},
		{"Origin null", http.MethodPost, "/_dxsim/reset",
			map[string]string{"Content-Type": "application/json", "Origin": "null"}, 403, "Origin"},
		{"DNS rebinding: export under a foreign Host", http.MethodGet, "/_dxsim/export",
			map[string]string{"Host": "evil.example:" + hostPort(host)}, 403, "evil.example"},
		{"DNS rebinding: reset under a foreign Host", http.MethodPost, "/_dxsim/reset",
			map[string]string{"Host": "rebind.evil.example", "Content-Type": "application/json"}, 403, "Host"},
	} {
		status, body := guardedCall(t, w, tc.method, tc.path, "", tc.header)
		if status != tc.status || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d %s, want %d saying %q", tc.name, status, body, tc.status, tc.says)
		}
	}
	if got := dxsimtest.Counts(t, c); got != "1 connections, 0 LAGs" {
		t.Fatalf("refused requests changed the world: %s", got)
	}
	// dxsim's own origin, localhost and the listen address are served.
	for _, h := range []map[string]string{
		{"Content-Type": "application/json", "Origin": w.URL},
		{"Content-Type": "application/json", "Host": "localhost:" + hostPort(host)},
		{"Content-Type": "application/json; charset=utf-8", "Host": host},
	} {
		if status, body := guardedCall(t, w, http.MethodGet, "/_dxsim/links", "", h); status != 200 {
			t.Errorf("%v: %d %s", h, status, body)
		}
	}
	if status, body := guardedCall(t, w, http.MethodPost, "/_dxsim/reset", "", map[string]string{"Content-Type": "application/json", "Origin": w.URL}); status != 200 {
		t.Errorf("same-origin reset: %d %s", status, body)
	}
}

func hostPort(hostport string) string {
	u, _ := url.Parse("http://" + hostport)
	return u.Port()
}

func TestAdminHostsAddNames(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Hosts = []string{"dxsim.internal"} })
	if status, body := guardedCall(t, w, http.MethodGet, "/_dxsim/links", "", map[string]string{"Host": "dxsim.internal:4599"}); status != 200 {
		t.Errorf("configured name: %d %s", status, body)
	}
	if status, _ := guardedCall(t, w, http.MethodGet, "/_dxsim/links", "", map[string]string{"Host": "other.internal"}); status != 403 {
		t.Errorf("a name not configured: %d, want 403", status)
	}
}

func TestAdminTokenIsRequired(t *testing.T) {
	const token = "s3cret-admin-token"
	w := dxsimtest.Start(t, func(c *server.Config) { c.AdminToken = token })
	jsonType := map[string]string{"Content-Type": "application/json"}
	for _, auth := range []string{"", "Bearer wrong", "Bearer " + token + "x", "Basic " + token, token} {
		h := map[string]string{"Authorization": auth, "Content-Type": "application/json"}
		status, body := guardedCall(t, w, http.MethodPost, "/_dxsim/reset", "", h)
		if status != http.StatusUnauthorized || !strings.Contains(body, "Bearer") {
			t.Errorf("Authorization %q: %d %s, want 401", auth, status, body)
		}
	}
	if status, _ := guardedCall(t, w, http.MethodGet, "/_dxsim/export", "", jsonType); status != 401 {
		t.Errorf("export without the token: %d, want 401", status)
	}
	ok := map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"}
	if status, body := guardedCall(t, w, http.MethodPost, "/_dxsim/reset", "", ok); status != 200 {
		t.Errorf("with the token: %d %s", status, body)
	}
}

// TestExportLeavesOutSecrets: CAKs (which the AWS API never returns) and
// BGP authentication keys stay out of an export unless the token holder
// asks for them; an import without them says so and generates none.
func TestExportLeavesOutSecrets(t *testing.T) {
	const token = "export-token"
	for _, withToken := range []bool{false, true} {
		w := dxsimtest.Start(t, dxsimtest.MacsecTimings, func(c *server.Config) {
			if withToken {
				c.AdminToken = token
			}
		})
		c := w.Client()
		conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps")
		dxsimtest.MacsecAssociate(t, c, conn.ConnectionId, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
		vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
		authKey := aws.ToString(vif.BgpPeers[0].AuthKey)
		if authKey == "" {
			t.Fatal("the BGP peer has no authentication key")
		}
		h := map[string]string{}
		if withToken {
			h["Authorization"] = "Bearer " + token
		}
		status, export := guardedCall(t, w, http.MethodGet, "/_dxsim/export", "", h)
		if status != 200 || strings.Contains(export, dxsimtest.MacsecCak) || strings.Contains(export, authKey) {
			t.Fatalf("default export (%d) holds secret material", status)
		}
		status, full := guardedCall(t, w, http.MethodGet, "/_dxsim/export?secrets=include", "", h)
		if !withToken {
			if status != 403 || !strings.Contains(full, "--admin-token") {
				t.Errorf("secrets=include without a token: %d %s, want 403", status, full)
			}
		} else if status != 200 || !strings.Contains(full, dxsimtest.MacsecCak) || !strings.Contains(full, authKey) {
			t.Errorf("secrets=include with the token: %d, holds CAK %v, auth key %v", status, strings.Contains(full, dxsimtest.MacsecCak), strings.Contains(full, authKey))
		}
		h["Content-Type"] = "application/json"
		status, body := guardedCall(t, w, http.MethodPost, "/_dxsim/import", export, h)
		var out struct {
			WithoutSecrets struct{ MacSecCaks, BGPAuthKeys int }
			Note           string
		}
		json.Unmarshal([]byte(body), &out)
		if status != 200 || out.WithoutSecrets.MacSecCaks != 1 || out.WithoutSecrets.BGPAuthKeys != 1 || !strings.Contains(out.Note, "none was generated") {
			t.Errorf("import without secrets: %d %s", status, body)
		}
		if got := aws.ToString(dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).BgpPeers[0].AuthKey); got != "" {
			t.Errorf("the imported peer has authentication key %q; none was in the export", got)
		}
	}
}

// TestNoCORSPreflightIsGranted: a page can send the API's X-Amz-Target and
// Authorization headers, or a JSON admin request, only after a preflight;
// neither the API nor the admin API grants one.
func TestNoCORSPreflightIsGranted(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, path := range []string{"/", "/_dxsim/reset", "/_dxsim/export"} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodOptions, w.URL+path, nil)
		req.Header.Set("Origin", "http://evil.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type, x-amz-target, authorization")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for k := range resp.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("OPTIONS %s answered %s: %v", path, k, resp.Header[k])
			}
		}
		if resp.StatusCode < 400 {
			t.Errorf("OPTIONS %s answered %d", path, resp.StatusCode)
		}
	}
}

// TestConsoleAndAdminAnswersCarryTheBrowserPolicy: every answer of the
// console and the admin API, errors and the event stream included, tells a
// browser to run only the console's own scripts and styles, to let no page
// frame it, not to sniff types and to send no referrer.
func TestConsoleAndAdminAnswersCarryTheBrowserPolicy(t *testing.T) {
	const token = "policy-token"
	w := dxsimtest.Start(t, func(c *server.Config) { c.AdminToken = token })
	auth := "Bearer " + token
	for _, tc := range []struct {
		method, path, host, auth, ctype string
		status                          int
	}{
		{"GET", "/console/", "", auth, "", 200},
		{"GET", "/console/index.html", "", auth, "", 301},
		{"GET", "/console/app.js", "", auth, "", 200},
		{"GET", "/console/style.css", "", auth, "", 200},
		{"GET", "/console/api/defaults", "", auth, "", 200},
		{"GET", "/console/api/world", "", auth, "", 200},
		{"GET", "/console/api/world?account=12", "", auth, "", 400},
		{"GET", "/console/api/loa/dxcon-fgnothere", "", auth, "", 400},
		{"GET", "/console/api/alarm-history?name=core-down", "", auth, "", 200},
		{"GET", "/console/api/alarm-history", "", auth, "", 400},
		{"GET", "/console/api/alarm-history?name=core-down", "", "", "", 401},
		{"GET", "/console/missing.js", "", auth, "", 404},
		{"POST", "/console/api/world", "", auth, "application/json", 404},
		{"GET", "/console/?token=" + token, "", "", "", 303},
		{"GET", "/console/", "", "", "", 401},
		{"GET", "/console/", "evil.example", auth, "", 403},
		{"GET", "/_dxsim/clock", "", auth, "", 200},
		{"GET", "/_dxsim/export", "", auth, "", 200},
		{"GET", "/_dxsim/ports", "", auth, "", 409}, // BGP is off
		{"GET", "/_dxsim/nothing", "", auth, "", 404},
		{"PUT", "/_dxsim/clock", "", auth, "application/json", 400},
		{"POST", "/_dxsim/reset", "", auth, "text/plain", 415},
		{"GET", "/_dxsim/clock", "", "", "", 401},
		{"GET", "/_dxsim/clock", "evil.example", auth, "", 403},
	} {
		req, _ := http.NewRequestWithContext(ctx, tc.method, w.URL+tc.path, nil)
		if tc.host != "" {
			req.Host = tc.host
		}
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		resp, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
		wantBrowserPolicy(t, tc.method+" "+tc.path, resp.Header)
	}

	// The event stream: its headers come before its first event.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, http.MethodGet, w.URL+"/console/api/events", nil)
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("event stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	wantBrowserPolicy(t, "GET /console/api/events", resp.Header)
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func wantBrowserPolicy(t *testing.T, what string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, directive := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, directive) {
			t.Errorf("%s: Content-Security-Policy %q lacks %s", what, csp, directive)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: Content-Security-Policy %q allows inline code", what, csp)
	}
	for k, v := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s %q, want %q", what, k, got, v)
		}
	}
}
