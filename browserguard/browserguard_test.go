package browserguard

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// request is a request with the given Host and Origin ("" for none) that
// came in on local (nil: unknown).
func request(host, origin string, local net.Addr) *http.Request {
	r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/"}, Host: host, Header: http.Header{}}
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	if local != nil {
		r = r.WithContext(context.WithValue(context.Background(), http.LocalAddrContextKey, local))
	}
	return r
}

func TestCheck(t *testing.T) {
	names := Names{"dxsim.internal", "fd00::7"}
	on0000 := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 4599} // what a 0.0.0.0 listener's connection reports
	for _, tc := range []struct {
		host, origin string
		local        net.Addr
		refused      string // what the refusal names; "" when served
	}{
		{"localhost:4599", "", nil, ""},
		{"LOCALHOST", "", nil, ""},
		{"127.0.0.1:4599", "", nil, ""},
		{"127.8.9.10", "", nil, ""},
		{"[::1]:4599", "", nil, ""},
		{"[::1]", "", nil, ""},
		{"[::ffff:127.0.0.1]:80", "", nil, ""},
		{"dxsim.internal:4599", "", nil, ""},
		{"DXSIM.Internal", "", nil, ""},
		{"[fd00::7]:4599", "", nil, ""},
		{"192.0.2.10:4599", "", on0000, ""},
		{"localhost:4599", "http://localhost:4599", nil, ""},
		{"127.0.0.1:4599", "https://127.0.0.1:4599/", nil, ""},
		{"[::1]:4599", "http://[::1]:4599", nil, ""},
		{"dxsim.internal:4599", "http://dxsim.internal:4599", nil, ""},

		// DNS rebinding: the page's own name, with its own origin.
		{"evil.example:4599", "http://evil.example:4599", nil, `Host "evil.example:4599"`},
		{"evil.example", "", nil, "--host"},
		{"localhost.evil.example", "", nil, "--host"},
		{"127.0.0.1.evil.example", "", nil, "--host"},
		{"dxsim.internal.evil.example", "", nil, "--host"},
		{"192.0.2.10:4599", "", nil, "--host"},
		{"192.0.2.11:4599", "", on0000, "--host"},
		{"", "", nil, `Host ""`},
		{"0.0.0.0:4599", "", nil, "--host"},

		// Pages of other origins.
		{"127.0.0.1:4599", "http://evil.example", nil, `Origin "http://evil.example"`},
		{"127.0.0.1:4599", "null", nil, `Origin "null"`},
		{"127.0.0.1:4599", "http://127.0.0.1:8080", nil, "cross-origin"},
		{"127.0.0.1:4599", "http://localhost:4599", nil, "cross-origin"},
		{"127.0.0.1:4599", "file://", nil, "cross-origin"},
		{"127.0.0.1:4599", "ftp://127.0.0.1:4599", nil, "cross-origin"},
		{"127.0.0.1:4599", "http://user@127.0.0.1:4599", nil, "cross-origin"},
		{"127.0.0.1:4599", "http://127.0.0.1:4599/page", nil, "cross-origin"},
		{"127.0.0.1:4599", "http://127.0.0.1:4599?q", nil, "cross-origin"},
	} {
		err := names.Check(request(tc.host, tc.origin, tc.local))
		switch {
		case tc.refused == "" && err != nil:
			t.Errorf("Host %q Origin %q refused: %v", tc.host, tc.origin, err)
		case tc.refused != "" && (err == nil || !strings.Contains(err.Error(), tc.refused)):
			t.Errorf("Host %q Origin %q: %v, want refused naming %q", tc.host, tc.origin, err, tc.refused)
		}
	}
}

// TestCheckRefusesTwoOrigins: a browser sends one Origin; a request with
// two is not let through on the strength of the first.
func TestCheckRefusesTwoOrigins(t *testing.T) {
	r := request("localhost:4599", "http://localhost:4599", nil)
	r.Header.Add("Origin", "http://evil.example")
	if err := (Names{}).Check(r); err == nil {
		t.Error("two Origins were served")
	}
	r = request("localhost:4599", "", nil)
	r.Header.Set("Origin", "")
	if err := (Names{}).Check(r); err != nil {
		t.Errorf("an empty Origin (no origin) was refused: %v", err)
	}
}

func TestParseNames(t *testing.T) {
	got, err := ParseNames("dxsim.internal, [fd00::1],,", "10.0.0.5", "", "My-Host_1")
	if err != nil || strings.Join(got, " ") != "dxsim.internal fd00::1 10.0.0.5 My-Host_1" {
		t.Errorf("ParseNames = %q, %v", got, err)
	}
	for _, bad := range []string{"dxsim.internal:4599", "http://dxsim.internal", "dxsim.internal/x", "a b", "évil", "[::1]:80"} {
		if got, err := ParseNames(bad); err == nil || !strings.Contains(err.Error(), "without scheme, port or path") {
			t.Errorf("ParseNames(%q) = %q, %v; want an error", bad, got, err)
		}
	}
}
