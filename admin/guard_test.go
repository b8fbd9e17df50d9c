package admin

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/browserguard"
)

// FuzzGuard: a request reaches the admin handlers only with an allowed
// Host, its own Origin or none, and JSON for anything but GET and HEAD;
// whatever the headers, the guard answers 403 or 415 otherwise and never
// panics. (TestGuardWithToken covers the token.)
func FuzzGuard(f *testing.F) {
	f.Add("POST", "localhost:4599", "", "application/json", "Bearer t0ken")
	f.Add("POST", "evil.example", "http://evil.example", "text/plain", "")
	f.Add("GET", "127.0.0.1:4599", "http://127.0.0.1:4599", "", "Bearer t0ken")
	f.Add("PUT", "[::1]:80", "null", "application/json; charset=utf-8", "Bearer t0ken")
	f.Add("DELETE", "dxsim.internal", "https://dxsim.internal", "APPLICATION/JSON", "bearer t0ken")
	reached := false
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true })
	g := Guard(next, Access{Hosts: []string{"dxsim.internal"}})
	f.Fuzz(func(t *testing.T, method, host, origin, ctype, auth string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") {
			return
		}
		r := &http.Request{Method: method, URL: &url.URL{Path: "/_dxsim/clock"}, Host: host, Header: http.Header{}}
		r.Header.Set("Origin", origin)
		r.Header.Set("Content-Type", ctype)
		r.Header.Set("Authorization", auth)
		if origin == "" {
			r.Header.Del("Origin")
		}
		reached = false
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if !reached {
			if c := w.Code; c != 403 && c != 415 {
				t.Fatalf("refused with %d", c)
			}
			return
		}
		h := strings.ToLower(browserguard.HostOnly(host))
		if ip := net.ParseIP(h); h != "localhost" && h != "dxsim.internal" && (ip == nil || !ip.IsLoopback()) {
			t.Errorf("Host %q reached the handlers", host)
		}
		if origin != "" && !browserguard.SameOrigin(origin, host) {
			t.Errorf("Origin %q with Host %q reached the handlers", origin, host)
		}
		if method != "GET" && method != "HEAD" && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(ctype)), "application/json") {
			t.Errorf("%s with Content-Type %q reached the handlers", method, ctype)
		}
	})
}

func TestGuardWithToken(t *testing.T) {
	reached := false
	g := Guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = hasToken(r) }), Access{Token: "t0ken"})
	for auth, want := range map[string]int{"": 401, "Bearer t0ke": 401, "Bearer t0kenx": 401, "bearer t0ken": 401, "Bearer t0ken": 200} {
		reached = false
		r := httptest.NewRequest(http.MethodGet, "http://localhost/_dxsim/export", nil)
		r.Header.Set("Authorization", auth)
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if w.Code != want || (want == 200) != reached {
			t.Errorf("Authorization %q: %d (token seen %v), want %d", auth, w.Code, reached, want)
		}
	}
}

// TestConsoleLoginKeepsTheTokenInACookie: a browser opens the console once
// with ?token=, is sent to the page without it, and its cookie then passes
// the guard, also for state changes; a wrong token sets nothing.
func TestConsoleLoginKeepsTheTokenInACookie(t *testing.T) {
	reached := false
	g := Guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true }), Access{Token: "t0ken"})

	r := httptest.NewRequest(http.MethodGet, "http://localhost/console/?account=111122223333&token=wrong", nil)
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusUnauthorized || len(w.Result().Cookies()) != 0 {
		t.Fatalf("a wrong ?token= answered %d with cookies %v, want 401 and none", w.Code, w.Result().Cookies())
	}

	r = httptest.NewRequest(http.MethodGet, "http://localhost/console/?account=111122223333&token=t0ken", nil)
	w = httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/console/?account=111122223333" {
		t.Fatalf("login answered %d, Location %q; want 303 to the page without the token", w.Code, w.Header().Get("Location"))
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != TokenCookie || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("login set cookies %+v, want one HttpOnly SameSite=Strict %s", cookies, TokenCookie)
	}

	reached = false
	r = httptest.NewRequest(http.MethodPost, "http://localhost/_dxsim/reset", strings.NewReader("{}"))
	r.Header.Set("Content-Type", "application/json")
	r.AddCookie(cookies[0])
	w = httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusOK || !reached {
		t.Errorf("a state change with the cookie answered %d (reached %v), want it served", w.Code, reached)
	}
	reached = false
	r = httptest.NewRequest(http.MethodPost, "http://localhost/_dxsim/reset", strings.NewReader("{}"))
	r.Header.Set("Content-Type", "application/json")
	r.AddCookie(&http.Cookie{Name: TokenCookie, Value: "t0kex"})
	w = httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusUnauthorized || reached {
		t.Errorf("a wrong cookie answered %d (reached %v), want 401", w.Code, reached)
	}
}
