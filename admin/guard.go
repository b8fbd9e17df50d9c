package admin

import (
	"context"
	"crypto/subtle"
	"mime"
	"net/http"
	"strings"

	"github.com/dxsim/dxsim/browserguard"
)

// Access says who may use the admin API.
type Access struct {
	// Token, when set, must come as `Authorization: Bearer TOKEN` with
	// every request.
	Token string
	// Hosts are Host names the API answers to besides localhost, loopback
	// addresses and the address the request came in on (--host).
	Hosts browserguard.Names
}

// Guard protects the admin API (and the console and /metrics, which sit
// behind it too) from other users of the network and from web pages in a
// browser next to dxsim:
//   - DNS rebinding and cross-site requests: browserguard's Host and
//     Origin check, as on every API dxsim serves;
//   - a state-changing request must be Content-Type application/json,
//     which no HTML form or "simple" cross-origin request can send;
//   - everyone else who can reach the port: the bearer token, when set.
func Guard(next http.Handler, a Access) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setBrowserPolicy(w.Header())
		if err := a.Hosts.Check(r); err != nil {
			writeError(w, http.StatusForbidden, err.Error())
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
				writeError(w, http.StatusUnauthorized, surface(r.URL.Path)+" needs Authorization: Bearer TOKEN with the token dxsim was started with (--admin-token or DXSIM_ADMIN_TOKEN)")
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

// ContentSecurityPolicy is the console's: its own scripts, styles and
// requests only (no inline script or style, so an injected one does not
// run), no plugins, no <base>, and no page of any site may frame it
// (clickjacking of Reset world and the link controls).
const ContentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// setBrowserPolicy sets the headers that tell a browser how to treat every
// answer behind the guard, errors and event streams included.
func setBrowserPolicy(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
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

// surface names what a guarded path belongs to, for messages.
func surface(path string) string {
	switch {
	case path == "/metrics":
		return "/metrics"
	case strings.HasPrefix(path, "/console/"):
		return "the console"
	}
	return "the admin API"
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
