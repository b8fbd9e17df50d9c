// Command dxbench measures a running dxsim over HTTP.
//
//	dxbench catalog > bench-locations.json
//	dxsim serve --locations bench-locations.json --connections-per-location 100000000 ...
//	dxbench seed -endpoint URL -connections 1000000 -accounts 10000 -big 10000
//	dxbench run -endpoint URL -clients 8 -duration 5s [-ops mix,CreateConnection,...] [-pid PID]
//	dxbench fsync -dir DIR
//
// seed builds a world of stored connections, spread over many accounts
// plus one account that holds -big of them, by importing an export that it
// writes to a file row by row (never the whole world in memory). run drives
// the API with N concurrent keep-alive clients and prints requests per
// second and latency percentiles of each operation (only 2xx answers count)
// and, in the same run, of a bare net/http JSON handler: the ceiling of
// this machine, with each operation's ratio to it. Each operation runs in
// slices that alternate with slices of the ceiling (-slices), and its ratio
// is to the ceiling of its own slices, so that a load that comes and goes
// on a shared machine weighs on both alike. For an operation that writes,
// run also prints the store's commits per second and how many requests
// each carried (from dxsim's /metrics), and fsync the latency of an
// fsync on a disk: together they show how far a durable write is from
// what the disk allows.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed locations.json
var benchCatalog []byte

// BigAccount holds -big of the seeded connections; the benchmarks run as it.
const BigAccount = "999999999999"

const (
	location = "BNCH1"
	device   = "BNCH1-aaaaaaaaaaaa"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "catalog":
		_, err = os.Stdout.Write(benchCatalog)
	case "seed":
		err = seed(os.Args[2:])
	case "run":
		err = run(os.Args[2:])
	case "fsync":
		err = fsyncs(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxbench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: dxbench catalog | seed [flags] | run [flags] | fsync [flags]   (dxbench seed -h, dxbench run -h, dxbench fsync -h)")
	os.Exit(2)
}

// caller signs requests as account the way dxsim reads them: it takes the
// account from the credential scope (signatures are not verified).
type caller struct {
	endpoint string
	client   *http.Client
}

func newCaller(endpoint string, conns int) *caller {
	return &caller{endpoint: strings.TrimRight(endpoint, "/"), client: &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DialContext: (&net.Dialer{}).DialContext},
	}}
}

func auth(account string) string {
	return "AWS4-HMAC-SHA256 Credential=" + account + "/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + strings.Repeat("0", 64)
}

// call sends one operation and returns the status and body.
func (c *caller) call(account, op string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, c.endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "OvertureService."+op)
	req.Header.Set("Authorization", auth(account))
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

// must calls op and decodes a 200 answer into out.
func (c *caller) must(account, op string, in, out any) error {
	body, _ := json.Marshal(in)
	status, resp, err := c.call(account, op, body)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("%s answered %d: %s", op, status, resp)
	}
	if out != nil {
		return json.Unmarshal(resp, out)
	}
	return nil
}

func seed(args []string) error {
	fs := flag.NewFlagSet("seed", flag.ExitOnError)
	endpoint := fs.String("endpoint", "http://127.0.0.1:4599", "dxsim to seed (its world is replaced)")
	n := fs.Int("connections", 1000, "stored connections in all")
	accounts := fs.Int("accounts", 1000, "accounts the connections beyond -big are spread over")
	big := fs.Int("big", 10000, "connections of the benchmark account "+BigAccount+" (at most -connections)")
	file := fs.String("file", "", "where to write the export (default: a temporary file, removed after)")
	fs.Parse(args)
	c := newCaller(*endpoint, 1)
	// A template: one real connection, as this dxsim records it.
	if err := adminPost(c, "/_dxsim/reset", nil); err != nil {
		return err
	}
	var made struct{ ConnectionID string }
	if err := c.must(BigAccount, "CreateConnection", map[string]any{
		"location": location, "bandwidth": "1Gbps", "connectionName": "seeded",
		"tags": []map[string]string{{"key": "env", "value": "bench"}},
	}, &made); err != nil {
		return fmt.Errorf("creating the template (is dxsim serving `dxbench catalog` as its --locations?): %w", err)
	}
	var export struct {
		Format string          `json:"format"`
		Clock  json.RawMessage `json:"clock"`
		Rows   []struct {
			Kind string                     `json:"kind"`
			Body map[string]json.RawMessage `json:"body"`
		} `json:"rows"`
	}
	if err := adminGet(c, "/_dxsim/export", &export); err != nil {
		return err
	}
	var tmpl map[string]json.RawMessage
	for _, r := range export.Rows {
		if r.Kind == "connection" {
			tmpl = r.Body
		}
	}
	if tmpl == nil {
		return errors.New("the export holds no connection")
	}
	path := *file
	if path == "" {
		f, err := os.CreateTemp("", "dxbench-world-*.json")
		if err != nil {
			return err
		}
		f.Close()
		path = f.Name()
		defer os.Remove(path)
	}
	start := time.Now()
	if err := writeWorld(path, export.Format, export.Clock, tmpl, *n, *accounts, min(*big, *n)); err != nil {
		return err
	}
	st, _ := os.Stat(path)
	fmt.Printf("wrote %d connections (%d of account %s, the rest over %d accounts) to %s: %d MB in %v\n",
		*n, min(*big, *n), BigAccount, *accounts, path, st.Size()>>20, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// A large world takes minutes to import: no timeout.
	resp, err := (&http.Client{}).Post(c.endpoint+"/_dxsim/import", "application/json", f)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("import answered %d: %s", resp.StatusCode, body)
	}
	fmt.Printf("imported in %v: %s", time.Since(start).Round(time.Millisecond), body)
	return nil
}

// connectionID is the i-th seeded ID: dxcon- and 8 base-36 digits.
func connectionID(i int) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := []byte("dxcon-00000000")
	for p := len(b) - 1; i > 0; p-- {
		b[p] = digits[i%36]
		i /= 36
	}
	return string(b)
}

func accountOf(i, accounts, big int) string {
	if i < big {
		return BigAccount
	}
	return fmt.Sprintf("%012d", 100000000000+(i-big)%max(accounts, 1))
}

// writeWorld writes an export of n connections made from tmpl, row by row.
func writeWorld(path, format string, clock json.RawMessage, tmpl map[string]json.RawMessage, n, accounts, big int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, `{"format":%q,"clock":%s,"rows":[`, format, clock)
	body := map[string]json.RawMessage{}
	for k, v := range tmpl {
		body[k] = v
	}
	quote := func(s string) json.RawMessage { b, _ := json.Marshal(s); return b }
	for i := range n {
		id, account := connectionID(i+1), accountOf(i, accounts, big)
		body["id"], body["owner"], body["port"] = quote(id), quote(account), json.RawMessage(fmt.Sprint(i+1))
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, `{"kind":"connection","id":%q,"account":%q,"region":"us-east-1","body":%s}`, id, account, b)
	}
	w.WriteString(`],"ports":[`)
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, `{"device":%q,"port":%d,"holder":%q}`, device, i+1, connectionID(i+1))
	}
	w.WriteString("]}\n")
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func adminPost(c *caller, path string, body []byte) error {
	resp, err := c.client.Post(c.endpoint+path, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("POST %s answered %d: %s", path, resp.StatusCode, b)
	}
	return nil
}

func adminGet(c *caller, path string, out any) error {
	resp, err := c.client.Get(c.endpoint + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("GET %s answered %d: %s", path, resp.StatusCode, b)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// operation is one kind of request the benchmark sends.
type operation struct {
	name string // as printed
	op   string // the API operation
	body func(i int) []byte
}

// operations builds the benchmark's operations that wanted selects (by
// name or API operation), on fixtures in the benchmark account: one of
// its connections and a virtual interface, made only if an operation
// selected needs them (so that CreateConnection and a page can be driven
// against an endpoint that serves no more than those, such as moto).
func operations(c *caller, wanted func(name, op string) bool) ([]operation, error) {
	needConn := wanted("DescribeConnections(id)", "DescribeConnections") || wanted("DescribeTags(1 ARN)", "DescribeTags") || wanted("DescribeVirtualInterfaces(id)", "DescribeVirtualInterfaces")
	needVIF := wanted("DescribeVirtualInterfaces(id)", "DescribeVirtualInterfaces")
	conn, vif := "", ""
	if needConn {
		var conns struct {
			Connections []struct{ ConnectionID string } `json:"connections"`
		}
		if err := c.must(BigAccount, "DescribeConnections", map[string]any{"maxResults": 1}, &conns); err != nil {
			return nil, err
		}
		if len(conns.Connections) == 0 {
			return nil, fmt.Errorf("account %s has no connection: run dxbench seed first", BigAccount)
		}
		conn = conns.Connections[0].ConnectionID
	}
	if needVIF {
		var gw struct {
			DirectConnectGateway struct{ DirectConnectGatewayID string } `json:"directConnectGateway"`
		}
		if err := c.must(BigAccount, "CreateDirectConnectGateway", map[string]any{"directConnectGatewayName": "bench"}, &gw); err != nil {
			return nil, err
		}
		var v struct{ VirtualInterfaceID string }
		if err := c.must(BigAccount, "CreatePrivateVirtualInterface", map[string]any{
			"connectionId": conn,
			"newPrivateVirtualInterface": map[string]any{"virtualInterfaceName": "bench", "vlan": 100 + time.Now().Nanosecond()%3000, "asn": 65000,
				"directConnectGatewayId": gw.DirectConnectGateway.DirectConnectGatewayID},
		}, &v); err != nil {
			return nil, err
		}
		vif = v.VirtualInterfaceID
	}
	fixed := func(v any) func(int) []byte {
		b, _ := json.Marshal(v)
		return func(int) []byte { return b }
	}
	arn := "arn:aws:directconnect:us-east-1:" + BigAccount + ":dxcon/" + conn
	all := []operation{
		{"CreateConnection", "CreateConnection", fixed(map[string]any{"location": location, "bandwidth": "1Gbps", "connectionName": "bench"})},
		{"DescribeConnections(id)", "DescribeConnections", fixed(map[string]any{"connectionId": conn})},
		{"DescribeConnections(page of 100)", "DescribeConnections", fixed(map[string]any{"maxResults": 100})},
		{"DescribeTags(1 ARN)", "DescribeTags", fixed(map[string]any{"resourceArns": []string{arn}})},
		{"CreateLag", "CreateLag", fixed(map[string]any{"location": location, "connectionsBandwidth": "1Gbps", "numberOfConnections": 1, "lagName": "bench"})},
		{"DescribeVirtualInterfaces(id)", "DescribeVirtualInterfaces", fixed(map[string]any{"virtualInterfaceId": vif})},
	}
	var out []operation
	for _, o := range all {
		if wanted(o.name, o.op) {
			out = append(out, o)
		}
	}
	return out, nil
}

// result is what one measured run of one operation (or mix) gave.
type result struct {
	name      string
	ok        int
	failed    int
	firstFail string
	elapsed   time.Duration
	latencies []time.Duration
}

func (r result) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
}

// drive runs clients concurrent loops of next for d.
func drive(c *caller, clients int, d time.Duration, name string, next func(i int) (op string, body []byte)) result {
	res := result{name: name}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var failed int
			var firstFail string
			for i := w; time.Now().Before(deadline); i += clients {
				op, body := next(i)
				t0 := time.Now()
				status, out, err := c.call(BigAccount, op, body)
				if err == nil && status/100 == 2 {
					lat = append(lat, time.Since(t0))
					continue
				}
				failed++
				if firstFail == "" {
					firstFail = fmt.Sprintf("%s: %d %s %v", op, status, bytes.TrimSpace(out), err)
				}
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.failed += failed
			if res.firstFail == "" {
				res.firstFail = firstFail
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.ok = len(res.latencies)
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	return res
}

// paired drives next for d and the ceiling for d, in slices turns of
// d/slices each, and returns both.
func paired(c, cc *caller, clients int, d time.Duration, slices int, name string, next, ceil func(i int) (string, []byte)) (result, result) {
	slices = max(slices, 1)
	var ops, tops []result
	for range slices {
		tops = append(tops, drive(cc, clients, d/time.Duration(slices), "ceiling", ceil))
		ops = append(ops, drive(c, clients, d/time.Duration(slices), name, next))
	}
	return merge(name, ops...), merge("ceiling", tops...)
}

// merge adds up runs of one operation.
func merge(name string, rs ...result) result {
	m := result{name: name}
	for _, r := range rs {
		m.failed += r.failed
		if m.firstFail == "" {
			m.firstFail = r.firstFail
		}
		m.elapsed += r.elapsed
		m.latencies = append(m.latencies, r.latencies...)
	}
	m.ok = len(m.latencies)
	sort.Slice(m.latencies, func(i, j int) bool { return m.latencies[i] < m.latencies[j] })
	return m
}

// ceiling serves the cheapest JSON API net/http allows: decode the body,
// answer a small document.
func ceiling() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		json.NewEncoder(w).Encode(map[string]any{"connectionId": "dxcon-00000001", "connectionState": "available"})
	})}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func rss(pid int) string {
	if pid == 0 {
		return ""
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return err.Error()
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		// RssAnon is the process's own memory: VmRSS adds the pages of
		// the binary it has read, which differ by 10 MB between two
		// builds of one commit as the page cache holds them.
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") || strings.HasPrefix(l, "RssAnon:") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(out, ", ")
}

func run(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	endpoint := fs.String("endpoint", "http://127.0.0.1:4599", "dxsim to measure")
	clients := fs.Int("clients", 8, "concurrent clients (each a keep-alive connection)")
	d := fs.Duration("duration", 5*time.Second, "how long each operation is driven")
	ops := fs.String("ops", "all", `comma-separated operations to drive one at a time, "mix" for all of them interleaved, "all" for each and the mix`)
	pid := fs.Int("pid", 0, "dxsim's process ID, to report its memory")
	slices := fs.Int("slices", 6, "slices each operation's -duration is cut into, each beside a slice of the ceiling as long")
	fs.Parse(args)
	c := newCaller(*endpoint, *clients)
	want := map[string]bool{}
	for _, o := range strings.Split(*ops, ",") {
		want[o] = true
	}
	mix := want["all"] || want["mix"]
	all, err := operations(c, func(name, op string) bool { return mix || want[name] || want[op] })
	if err != nil {
		return err
	}
	url, stop, err := ceiling()
	if err != nil {
		return err
	}
	defer stop()
	// Each operation is driven in slices that alternate with slices of
	// the ceiling, and its share is of the ceiling of its own slices: on
	// a machine shared with other work the load moves within seconds,
	// and both then see the same load.
	cc := newCaller(url, *clients)
	ceilBody := []byte(`{"connectionId":"dxcon-00000001"}`)
	ceil := func(int) (string, []byte) { return "Ceiling", ceilBody }
	var results, tops []result
	var batches []string // each result's commits, if it made any
	measure := func(name string, next func(int) (string, []byte)) {
		n0, t0, ok0 := commits(c)
		r, top := paired(c, cc, *clients, *d, *slices, name, next, ceil)
		n1, t1, ok1 := commits(c)
		b := ""
		if ok0 && ok1 && n1 > n0 {
			b = fmt.Sprintf("%.0f commits/s of %.1f", (n1-n0)/r.elapsed.Seconds(), (t1-t0)/(n1-n0))
		}
		results, tops, batches = append(results, r), append(tops, top), append(batches, b)
	}
	for _, o := range all {
		if !mix || want["all"] || want[o.name] || want[o.op] {
			measure(o.name, func(i int) (string, []byte) { return o.op, o.body(i) })
		}
	}
	if mix {
		measure("mix (the six in turn)", func(i int) (string, []byte) {
			o := all[i%len(all)]
			return o.op, o.body(i)
		})
	}
	top := merge("net/http JSON handler (ceiling)", tops...)
	fmt.Printf("%d clients, %v per operation in %d slices, each beside a slice of the ceiling, against %s\n", *clients, *d, *slices, *endpoint)
	fmt.Printf("%-34s %9s %10s %10s %10s %8s  %s\n", "operation", "2xx", "req/s", "p50", "p99", "ceiling", "store commits")
	line := func(r, top result, batch string) {
		fmt.Printf("%-34s %9d %10.0f %10v %10v %7.1f%%  %s\n", r.name, r.ok, r.rate(), r.pct(0.50).Round(time.Microsecond), r.pct(0.99).Round(time.Microsecond), 100*r.rate()/top.rate(), batch)
		if r.failed > 0 {
			fmt.Printf("  %d non-2xx, first: %s\n", r.failed, r.firstFail)
		}
	}
	line(top, top, "")
	for i, r := range results {
		line(r, tops[i], batches[i])
	}
	if m := rss(*pid); m != "" {
		fmt.Printf("dxsim memory: %s\n", m)
	}
	return nil
}
