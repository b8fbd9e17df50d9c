package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// adminRequest is one call of the admin API.
type adminRequest struct {
	method, path string
	body         io.Reader
	out          string        // file the answer goes to instead of stdout
	timeout      time.Duration // 0 is controlTimeout
	token        string        // the admin token, if any
}

// adminTokenEnv names the environment variable of the admin token, read by
// both `dxsim serve` and `dxsim admin`.
const adminTokenEnv = "DXSIM_ADMIN_TOKEN"

// controlTimeout bounds a control request; export and import move a whole
// world and get transferTimeout.
const (
	controlTimeout  = 10 * time.Second
	transferTimeout = 10 * time.Minute
)

// adminCommand is a subcommand of `dxsim admin`. In a pattern, UPPERCASE
// words are arguments, a|b are alternatives, and words from the first
// "[" on are optional arguments that build checks itself.
type adminCommand struct {
	pattern, help string
	build         func(a []string) (adminRequest, error)
}

var adminCommands = []adminCommand{
	{"clock", "show the simulated clock", fixed(http.MethodGet, "/_dxsim/clock")},
	{"clock set real|manual", "run the clock with wall time, or stop it", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/clock", map[string]any{"mode": a[2]})
	}},
	{"clock set scaled FACTOR", "run FACTOR simulated seconds per second", func(a []string) (adminRequest, error) {
		factor, err := strconv.ParseFloat(a[3], 64)
		if err != nil {
			return adminRequest{}, fmt.Errorf("factor %q is not a number", a[3])
		}
		return jsonRequest(http.MethodPut, "/_dxsim/clock", map[string]any{"mode": a[2], "factor": factor})
	}},
	{"clock at TIME", "set simulated time to TIME (RFC 3339, e.g. 2027-01-01T00:00:00Z), keeping the mode", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/clock", map[string]any{"now": a[2]})
	}},
	{"clock advance DURATION", "move simulated time forward (e.g. 72h, 90s)", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPost, "/_dxsim/clock/advance", map[string]any{"duration": a[2]})
	}},
	{"links", "list the faults, lasting and ended", fixed(http.MethodGet, "/_dxsim/links")},
	{"link down|up ID", "take a connection, interconnect, device or location down, or up again", func(a []string) (adminRequest, error) {
		return adminRequest{method: http.MethodPost, path: "/_dxsim/links/" + url.PathEscape(a[2]) + "/" + a[1]}, nil
	}},
	{"link degrade|repair ID", "make a connection's link pass frames with errors and less light, or heal it", func(a []string) (adminRequest, error) {
		return adminRequest{method: http.MethodPost, path: "/_dxsim/links/" + url.PathEscape(a[2]) + "/" + a[1]}, nil
	}},
	{"traffic", "list the traffic overrides, in force and ended", fixed(http.MethodGet, "/_dxsim/traffic")},
	{"traffic clear ID", "let a connection or virtual interface carry its profile's traffic again", func(a []string) (adminRequest, error) {
		return adminRequest{method: http.MethodDelete, path: "/_dxsim/traffic/" + url.PathEscape(a[2])}, nil
	}},
	{"traffic ID EGRESS_BPS INGRESS_BPS", "make a dxcon- or dxvif- carry these bits per second (e.g. 1e10 0)", func(a []string) (adminRequest, error) {
		var bps [2]float64
		for i, s := range a[2:4] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return adminRequest{}, fmt.Errorf("%q is not a number of bits per second", s)
			}
			bps[i] = v
		}
		return jsonRequest(http.MethodPut, "/_dxsim/traffic/"+url.PathEscape(a[1]), map[string]any{"egressBps": bps[0], "ingressBps": bps[1]})
	}},
	{"bgp-peer ID up|down", "hold a BGP session down, or let it come up", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/bgp-peers/"+url.PathEscape(a[1])+"/status", map[string]any{"status": a[2]})
	}},
	{"provisioning ID complete|stall", "finish a dxcon-, dxlag- or dxvif- now, or hold it in its stage", func(a []string) (adminRequest, error) {
		return adminRequest{method: http.MethodPost, path: "/_dxsim/provisioning/" + url.PathEscape(a[1]) + "/" + a[2]}, nil
	}},
	{"port list", "list the ports attached to Linux interfaces and their BGP sessions (dxsim serve --bgp)", fixed(http.MethodGet, "/_dxsim/ports")},
	{"port attach CONNECTION INTERFACE", "serve a connection's port on a Linux interface of dxsim's network namespace", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/ports/"+url.PathEscape(a[2]), map[string]any{"interface": a[3]})
	}},
	{"port detach CONNECTION", "stop serving a connection's port, removing its subinterfaces and sessions", func(a []string) (adminRequest, error) {
		return adminRequest{method: http.MethodDelete, path: "/_dxsim/ports/" + url.PathEscape(a[2])}, nil
	}},
	{"events [--resource ID] [--type T] [--account A] [--since RFC3339] [--until RFC3339] [--limit N]",
		"list state changes, oldest first", events},
	{"settings", "show the world's settings", fixed(http.MethodGet, "/_dxsim/settings")},
	{"settings auto-cross-connect on|off", "deliver cross-connects of connections created from now on without an LOA download, or not", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/settings", map[string]any{"autoCrossConnect": a[2] == "on"})
	}},
	{"settings customer-router configured|unconfigured", "let BGP sessions come up and MACsec keys come into force on their own from now on, or hold them down as on a new AWS connection whose far end is not configured", func(a []string) (adminRequest, error) {
		return jsonRequest(http.MethodPut, "/_dxsim/settings", map[string]any{"customerRouter": a[2]})
	}},
	{"reset", "delete every resource and fault; the clock and settings stay", fixed(http.MethodPost, "/_dxsim/reset")},
	{"purge", "remove now the deleted resources past their retention period (dxsim does every minute and when the clock moves)", fixed(http.MethodPost, "/_dxsim/purge")},
	{"export [--secrets] [FILE]", "write the world as JSON to FILE, or to stdout; --secrets keeps MACsec CAKs and BGP keys (needs the token)", func(a []string) (adminRequest, error) {
		r := adminRequest{method: http.MethodGet, path: "/_dxsim/export", timeout: transferTimeout}
		if len(a) > 1 && a[1] == "--secrets" {
			r.path += "?secrets=include"
			a = append(a[:1:1], a[2:]...)
		}
		if len(a) > 2 {
			return adminRequest{}, fmt.Errorf("export takes at most one file, got %q", a[1:])
		}
		if len(a) == 2 && a[1] != "-" {
			r.out = a[1]
		}
		return r, nil
	}},
	{"import FILE", "replace the world and its clock with an export; - reads stdin", func(a []string) (adminRequest, error) {
		r := adminRequest{method: http.MethodPost, path: "/_dxsim/import", body: os.Stdin, timeout: transferTimeout}
		if a[1] != "-" {
			f, err := os.Open(a[1])
			if err != nil {
				return adminRequest{}, err
			}
			r.body = f // the HTTP client closes it
		}
		return r, nil
	}},
}

func fixed(method, path string) func([]string) (adminRequest, error) {
	return func([]string) (adminRequest, error) { return adminRequest{method: method, path: path}, nil }
}

func jsonRequest(method, path string, body map[string]any) (adminRequest, error) {
	b, err := json.Marshal(body)
	return adminRequest{method: method, path: path, body: bytes.NewReader(b)}, err
}

// events passes its flags to GET /_dxsim/events as query parameters of the
// same names; the server checks their values.
func events(a []string) (adminRequest, error) {
	fs := flag.NewFlagSet("admin events", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, name := range []string{"resource", "type", "account", "since", "until", "limit"} {
		fs.String(name, "", "")
	}
	if err := fs.Parse(a[1:]); err != nil {
		return adminRequest{}, fmt.Errorf("events: %v", err)
	}
	if fs.NArg() > 0 {
		return adminRequest{}, fmt.Errorf("events takes only flags; unexpected %q", fs.Args())
	}
	q := url.Values{}
	fs.Visit(func(f *flag.Flag) { q.Set(f.Name, f.Value.String()) })
	path := "/_dxsim/events"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return adminRequest{method: http.MethodGet, path: path}, nil
}

// matches reports whether args are an invocation of c's pattern.
func (c adminCommand) matches(args []string) bool {
	words := strings.Fields(c.pattern)
	optional := len(words)
	for i, w := range words {
		if strings.HasPrefix(w, "[") {
			optional = i
			break
		}
	}
	if len(args) < optional || optional == len(words) && len(args) > optional {
		return false
	}
	for i, w := range words[:optional] {
		if w != strings.ToUpper(w) && !slices.Contains(strings.Split(w, "|"), args[i]) {
			return false
		}
	}
	return true
}

func adminUsage() string {
	var b strings.Builder
	b.WriteString("usage: dxsim admin [--endpoint URL] [--token TOKEN] COMMAND\n  (URL defaults to $DXSIM_ENDPOINT, then $AWS_ENDPOINT_URL, then http://127.0.0.1:4599; TOKEN to $DXSIM_ADMIN_TOKEN)\n\ncommands:\n")
	for _, c := range adminCommands {
		if len(c.pattern) > 32 {
			fmt.Fprintf(&b, "  %s\n  %-32s %s\n", c.pattern, "", c.help)
		} else {
			fmt.Fprintf(&b, "  %-32s %s\n", c.pattern, c.help)
		}
	}
	b.WriteString("\nThe answer is the endpoint's JSON; see docs/world.md.")
	return b.String()
}

// admin drives a running dxsim through its /_dxsim/ API and prints the JSON
// answer.
func admin(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("admin", flag.ContinueOnError)
	// The AWS API and the admin API share dxsim's listener, so the endpoint
	// the aws CLI is pointed at is a good default.
	endpoint := fs.String("endpoint", cmp.Or(os.Getenv("AWS_ENDPOINT_URL"), "http://127.0.0.1:4599"), "address of the running dxsim")
	token := fs.String("token", os.Getenv(adminTokenEnv), "admin token of the running dxsim (default $"+adminTokenEnv+")")
	fs.Usage = func() { fmt.Fprintln(os.Stderr, adminUsage()) }
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if err := applyEnv(fs); err != nil {
		return err
	}
	a := fs.Args()
	for _, c := range adminCommands {
		if c.matches(a) {
			req, err := c.build(a)
			if err != nil {
				return err
			}
			req.token = *token
			return do(strings.TrimSuffix(*endpoint, "/"), req, stdout)
		}
	}
	return fmt.Errorf("unknown admin command %q\n%s", a, adminUsage())
}

// do sends req and copies the answer to stdout or req.out; an error answer
// becomes an error carrying the server's message.
func do(endpoint string, req adminRequest, stdout io.Writer) error {
	hr, err := http.NewRequest(req.method, endpoint+req.path, req.body)
	if err != nil {
		return err
	}
	if req.method != http.MethodGet {
		hr.Header.Set("Content-Type", "application/json")
	}
	if req.token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.token)
	}
	timeout := req.timeout
	if timeout == 0 {
		timeout = controlTimeout
	}
	resp, err := (&http.Client{Timeout: timeout}).Do(hr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		msg := string(bytes.TrimSpace(out))
		var e struct{ Error string }
		if json.Unmarshal(out, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		return fmt.Errorf("%s %s: %s: %s", req.method, req.path, resp.Status, msg)
	}
	if req.out == "" {
		_, err = io.Copy(stdout, resp.Body)
		return err
	}
	f, err := os.Create(req.out)
	if err != nil {
		return err
	}
	if _, err = io.Copy(f, resp.Body); err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err != nil {
		os.Remove(req.out) // not a partial export
	}
	return err
}
