package admin

import (
	"context"
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Access says who may use the admin API.
type Access struct {
	// Token, when set, must come as `Authorization: Bearer TOKEN` with
	// every request.
	Token string
	// Hosts are Host names the API answers to besides localhost, loopback
	// addresses and the address the request came in on.
	Hosts []string
}

// Guard protects the admin API from other users of the network and from
// web pages in a browser next to dxsim:
//   - DNS rebinding: a page on evil.example whose name now resolves to
//     127.0.0.1 sends Host: evil.example, which is refused;
//   - cross-site requests: an Origin other than the Host's own is refused,
//     and a state-changing request must be Content-Type application/json,
//     which no HTML form or "simple" cross-origin request can send;
//   - everyone else who can reach the port: the bearer token, when set.
func Guard(next http.Handler, a Access) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.hostAllowed(r) {
			writeError(w, http.StatusForbidden, "Host "+quoteShort(r.Host)+" is not an address of this dxsim; the admin API answers to localhost, loopback addresses, its listen address and the names given with --admin-host")
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
			writeError(w, http.StatusForbidden, "Origin "+quoteShort(o)+" is not this dxsim's own; the admin API takes no cross-origin requests")
			return
		}
		if a.Token != "" {
			if a.consoleLogin(w, r) {
				return
			}
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok {
				// A browser's console carries the token in its cookie.
				if c, err := r.Cookie(TokenCookie); err == nil {
					got, ok = c.Value, true
				}
			}
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(a.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="dxsim admin"`)
				writeError(w, http.StatusUnauthorized, "the admin API needs Authorization: Bearer TOKEN with the token dxsim was started with (--admin-token or DXSIM_ADMIN_TOKEN)")
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, r.Method+" requests to the admin API need Content-Type: application/json; got "+quoteShort(r.Header.Get("Content-Type")))
				return
			}
		}
		next.ServeHTTP(w, WithToken(r, a.Token != ""))
	})
}

// TokenCookie holds the admin token in a browser that opened the console
// with ?token=TOKEN. It is HttpOnly and SameSite=Strict, so a page of
// another site can neither read it nor have it sent.
const TokenCookie = "dxsim-admin-token"

// consoleLogin answers a browser's GET of a console page that carries the
// right ?token=: it keeps the token in TokenCookie and sends the browser to
// the same page without it, so the token leaves the address bar.
func (a Access) consoleLogin(w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	if r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/console/") || !q.Has("token") ||
		subtle.ConstantTimeCompare([]byte(q.Get("token")), []byte(a.Token)) != 1 {
		return false
	}
	http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: a.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	q.Del("token")
	u := *r.URL
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
	return true
}

func (a Access) hostAllowed(r *http.Request) bool {
	host := hostOnly(r.Host)
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") || slices.ContainsFunc(a.Hosts, func(h string) bool { return strings.EqualFold(h, host) }) {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	// The listen address: the address this connection was accepted on.
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if tcp, ok := la.(*net.TCPAddr); ok && tcp.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// sameOrigin reports whether origin is http(s)://host, host being the
// request's Host.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Path != "" && u.Path != "/" {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// quoteShort quotes at most a short prefix of a value a client sent.
func quoteShort(s string) string {
	if len(s) > 256 {
		s = s[:64] + "..."
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}

type tokenKey struct{}

// WithToken marks r as carrying the admin token (or not).
func WithToken(r *http.Request, ok bool) *http.Request {
	if !ok {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), tokenKey{}, true))
}

// hasToken reports whether r came with a valid admin token.
func hasToken(r *http.Request) bool {
	ok, _ := r.Context().Value(tokenKey{}).(bool)
	return ok
}
