// Package browserguard keeps web pages in a browser next to dxsim out of
// every API it serves (the AWS API, the admin API, the console, /metrics).
// A page can reach dxsim two ways, and each is closed by one header:
//   - DNS rebinding: a page on evil.example whose name now resolves to
//     127.0.0.1 is same-origin with dxsim in the browser's eyes, but its
//     requests carry Host: evil.example, which dxsim does not answer to;
//   - cross-site requests: a page of another origin carries an Origin other
//     than the Host's own, which dxsim refuses (it grants no CORS either).
//
// The aws CLI, the SDKs and Terraform send no Origin and, as Host, the
// endpoint they were given: they pass, and a service reached by a DNS name
// is started with that name (--host).
package browserguard

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Names are the Host names dxsim answers to besides localhost, loopback
// addresses and the address a request came in on (--host).
type Names []string

// Check returns nil when r may be served: its Host is one dxsim answers to,
// and its Origin, if it has one, is the Host's own. Otherwise the error
// says why not and which flag would allow it.
func (n Names) Check(r *http.Request) error {
	if !n.hostAllowed(r) {
		return refusal("Host " + quote(r.Host) + " is not a name of this dxsim, which answers only to localhost, loopback addresses, the address a request comes in on and the names given with --host; start dxsim with --host NAME to serve it under another name")
	}
	// A browser sends one Origin; an empty one is no origin.
	if o := r.Header.Values("Origin"); len(o) > 1 || len(o) == 1 && o[0] != "" && !SameOrigin(o[0], r.Host) {
		return refusal("Origin " + quote(strings.Join(o, ", ")) + " is not this dxsim's own (http://" + strings.ToValidUTF8(r.Host, "?") + "): dxsim takes no cross-origin requests from web pages; the aws CLI, SDKs and Terraform send no Origin")
	}
	return nil
}

// refusal is the error of a request Check refuses.
type refusal string

func (e refusal) Error() string { return string(e) }

func (n Names) hostAllowed(r *http.Request) bool {
	host := HostOnly(r.Host)
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	for _, name := range n {
		if strings.EqualFold(name, host) {
			return true
		}
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	// The address this connection was accepted on: the listen address, or
	// on a 0.0.0.0 listener the interface's address the client dialled.
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr); ok && la.IP.Equal(ip) {
		return true
	}
	return false
}

// SameOrigin reports whether origin is http(s)://host, host being a
// request's Host (name and port).
func SameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Path != "" && u.Path != "/" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	return u.Host != "" && strings.EqualFold(u.Host, host)
}

// HostOnly is the name or address of a Host header, without its port or
// an IPv6 literal's brackets.
func HostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// quote quotes at most a short prefix of a value a client sent.
func quote(s string) string {
	if len(s) > 256 {
		s = s[:64] + "..."
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}

// ParseNames reads Host names as --host and the configuration file give
// them: comma-separated (empty items are skipped), each a DNS name or an IP
// address (an IPv6 one with or without brackets), without scheme or port.
func ParseNames(values ...string) (Names, error) {
	var names Names
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			bare := strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
			if net.ParseIP(bare) == nil && !validName(bare) {
				return nil, errors.New("host name " + quote(name) + " is not a DNS name or an IP address; give a name such as dxsim.internal, without scheme, port or path")
			}
			names = append(names, bare)
		}
	}
	return names, nil
}

// validName reports whether s is a DNS name of letters, digits, hyphens,
// underscores and dots.
func validName(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return s != ""
}
