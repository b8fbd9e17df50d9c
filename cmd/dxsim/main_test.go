package main

// These tests run the dxsim binary as a person does: built with go build,
// started as a process on a loopback port, stopped by signals.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// processTimeout bounds everything one test does with dxsim processes; a
// process still alive at the end is killed.
const processTimeout = 2 * time.Minute

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// dxsimBinary builds the command once for all tests of this package.
func dxsimBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the dxsim binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dxsim-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "dxsim")
		goTool, err := exec.LookPath("go")
		if err != nil {
			buildErr = fmt.Errorf("go tool not on PATH: %w", err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// logSink keeps a process's stderr (its JSON logs) and tells when the
// server logged the address it listens on.
type logSink struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	addr  chan string
	found bool
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	if !s.found {
		for _, line := range strings.Split(s.buf.String(), "\n") {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "dxsim serving" && rec.Addr != "" {
				s.found = true
				s.addr <- rec.Addr
				break
			}
		}
	}
	return len(p), nil
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// dxsimProcess is a running `dxsim serve`.
type dxsimProcess struct {
	cmd    *exec.Cmd
	logs   *logSink
	url    string
	exited chan struct{} // closed when the process has exited
	err    error         // what Wait returned, once exited is closed
}

// startDxsim starts `dxsim serve --listen 127.0.0.1:0 args...` and waits
// until it answers GET /health.
func startDxsim(t *testing.T, ctx context.Context, dir string, args ...string) *dxsimProcess {
	t.Helper()
	bin := dxsimBinary(t)
	p := &dxsimProcess{logs: &logSink{addr: make(chan string, 1)}, exited: make(chan struct{})}
	p.cmd = exec.CommandContext(ctx, bin, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...)
	p.cmd.Dir = dir
	p.cmd.Stderr = p.logs
	p.cmd.Stdout = p.logs
	p.cmd.WaitDelay = 5 * time.Second
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	select {
	case addr := <-p.logs.addr:
		p.url = "http://" + addr
	case <-p.exited:
		t.Fatalf("dxsim exited before serving (%v):\n%s", p.err, p.logs)
	case <-ctx.Done():
		t.Fatalf("dxsim did not log its address: %v\n%s", ctx.Err(), p.logs)
	}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/health", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("GET /health never answered 200 (last error %v):\n%s", err, p.logs)
		case <-p.exited:
			t.Fatalf("dxsim exited (%v):\n%s", p.err, p.logs)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// client returns a Direct Connect client of account in region for p.
func (p *dxsimProcess) client(account, region string) *directconnect.Client {
	return (&dxsimtest.World{URL: p.url}).ClientFor(account, region)
}

// wait waits for the process to exit, at most until ctx is done.
func (p *dxsimProcess) wait(t *testing.T, ctx context.Context) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.err
	case <-ctx.Done():
		t.Fatalf("dxsim did not exit: %v\n%s", ctx.Err(), p.logs)
		return nil
	}
}

// snapshot is what must survive a restart, in a comparable form.
func snapshot(t *testing.T, ctx context.Context, c *directconnect.Client) string {
	t.Helper()
	conns, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	lags, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, x := range conns.Connections {
		fmt.Fprintf(&b, "connection %s name=%q location=%s bandwidth=%s device=%s/%s lag=%s tags=%d\n",
			aws.ToString(x.ConnectionId), aws.ToString(x.ConnectionName), aws.ToString(x.Location), aws.ToString(x.Bandwidth),
			aws.ToString(x.AwsDevice), aws.ToString(x.AwsDeviceV2), aws.ToString(x.LagId), len(x.Tags))
	}
	for _, l := range lags.Lags {
		fmt.Fprintf(&b, "lag %s name=%q location=%s bandwidth=%s device=%s/%s members=%d\n",
			aws.ToString(l.LagId), aws.ToString(l.LagName), aws.ToString(l.Location), aws.ToString(l.ConnectionsBandwidth),
			aws.ToString(l.AwsDevice), aws.ToString(l.AwsDeviceV2), len(l.Connections))
	}
	return b.String()
}

// createWorld creates a tagged connection and a two-member LAG.
func createWorld(t *testing.T, ctx context.Context, c *directconnect.Client) {
	t.Helper()
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("durable"),
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 2, LagName: aws.String("bundle"),
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "dxsim.db")

	p := startDxsim(t, ctx, dir, "--data", db)
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	createWorld(t, ctx, c)
	before := snapshot(t, ctx, c)
	if strings.Count(before, "connection ") != 3 || strings.Count(before, "lag ") != 1 {
		t.Fatalf("before the crash:\n%s", before)
	}

	if err := p.cmd.Process.Kill(); err != nil { // SIGKILL: no chance to flush or close
		t.Fatal(err)
	}
	p.wait(t, ctx)

	q := startDxsim(t, ctx, dir, "--data", db)
	if after := snapshot(t, ctx, q.client(dxsimtest.Account, dxsimtest.Region)); after != before {
		t.Errorf("after kill -9 and restart:\n%s\nwant:\n%s", after, before)
	}
}

func TestSigtermShutsDownCleanly(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "dxsim.db")

	p := startDxsim(t, ctx, dir, "--data", db)
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	createWorld(t, ctx, c)
	before := snapshot(t, ctx, c)

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exitCtx, cancelExit := context.WithTimeout(ctx, 30*time.Second)
	defer cancelExit()
	if err := p.wait(t, exitCtx); err != nil {
		t.Fatalf("dxsim exited with %v after SIGTERM, want status 0:\n%s", err, p.logs)
	}
	if !strings.Contains(p.logs.String(), "shutting down") {
		t.Errorf("no shutdown logged:\n%s", p.logs)
	}

	q := startDxsim(t, ctx, dir, "--data", db)
	if after := snapshot(t, ctx, q.client(dxsimtest.Account, dxsimtest.Region)); after != before {
		t.Errorf("after SIGTERM and restart:\n%s\nwant:\n%s", after, before)
	}
}

func TestMemoryDataKeepsNothingOnDisk(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()

	p := startDxsim(t, ctx, dir, "--data", ":memory:")
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	createWorld(t, ctx, c)
	if s := snapshot(t, ctx, c); strings.Count(s, "connection ") != 3 {
		t.Fatalf("in-memory world:\n%s", s)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.wait(t, ctx); err != nil {
		t.Fatalf("exit: %v\n%s", err, p.logs)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("--data :memory: left %s in the working directory", e.Name())
	}

	q := startDxsim(t, ctx, dir, "--data", ":memory:")
	if s := snapshot(t, ctx, q.client(dxsimtest.Account, dxsimtest.Region)); s != "" {
		t.Errorf("a new in-memory world is not empty:\n%s", s)
	}
}

const tinyCatalog = `{"locations": [{
	"locationCode": "TstA1", "locationName": "Test Facility A1, Anytown", "region": "us-east-1",
	"availablePortSpeeds": ["1Gbps", "10Gbps"], "availableProviders": ["Test Carrier"], "availableMacSecPortSpeeds": ["10Gbps"],
	"devices": [{"awsDevice": "TstA1-abcd1234", "portSpeeds": ["1Gbps", "10Gbps"], "ports": 4}]
}]}`

func TestLocationsFileReplacesTheCatalog(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	file := filepath.Join(dir, "locations.json")
	if err := os.WriteFile(file, []byte(tinyCatalog), 0o600); err != nil {
		t.Fatal(err)
	}

	p := startDxsim(t, ctx, dir, "--data", ":memory:", "--locations", file)
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	out, err := c.DescribeLocations(ctx, &directconnect.DescribeLocationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Locations) != 1 || aws.ToString(out.Locations[0].LocationCode) != "TstA1" ||
		aws.ToString(out.Locations[0].LocationName) != "Test Facility A1, Anytown" {
		t.Fatalf("DescribeLocations = %+v, want only TstA1", out.Locations)
	}
	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("TstA1"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("on the file's device"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := aws.ToString(conn.AwsDevice); d != "TstA1-abcd1234" {
		t.Errorf("awsDevice = %s, want the file's device TstA1-abcd1234", d)
	}
	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("built-in location"),
	})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "EqDC2")
}

// runToExit runs dxsim with args and returns its exit status and output.
func runToExit(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	bin := dxsimBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running dxsim %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("dxsim %v did not exit by itself:\n%s", args, out)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

func TestInvalidLocationsFileStopsServe(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content string
		parts         []string
	}{
		{"not-json.json", `locations: [EqDC2]`, []string{"not-json.json", "location catalog"}},
		{"no-ports.json", strings.Replace(tinyCatalog, `"ports": 4`, `"ports": 0`, 1), []string{"no-ports.json", "TstA1", "ports > 0"}},
		{"bad-speed.json", strings.Replace(tinyCatalog, `"portSpeeds": ["1Gbps", "10Gbps"]`, `"portSpeeds": ["100Gbps"]`, 1), []string{"TstA1-abcd1234", "100Gbps"}},
		{"missing.json", "", []string{"missing.json", "no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, tc.name)
			if tc.content != "" {
				if err := os.WriteFile(file, []byte(tc.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			code, out := runToExit(t, dir, "serve", "--listen", "127.0.0.1:0", "--data", ":memory:", "--locations", file)
			if code == 0 {
				t.Fatalf("serve with %s exited 0:\n%s", tc.name, out)
			}
			for _, p := range tc.parts {
				if !strings.Contains(out, p) {
					t.Errorf("output %q does not mention %q", out, p)
				}
			}
		})
	}
}

func TestServeFailsOnABusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, out := runToExit(t, t.TempDir(), "serve", "--listen", ln.Addr().String(), "--data", ":memory:")
	if code == 0 || !strings.Contains(out, ln.Addr().String()) {
		t.Errorf("serve on a busy address: exit %d, output %q; want non-zero naming the address", code, out)
	}
}

func TestUsage(t *testing.T) {
	code, out := runToExit(t, t.TempDir())
	if code != 2 || !strings.Contains(out, "dxsim serve") {
		t.Errorf("dxsim without a command: exit %d, output %q; want 2 and the usage", code, out)
	}
}

func TestServeRefusesStrayArguments(t *testing.T) {
	code, out := runToExit(t, t.TempDir(), "serve", "--data", ":memory:", "--listen", "127.0.0.1:0", "dxsim.db")
	if code == 0 || !strings.Contains(out, `"dxsim.db"`) {
		t.Errorf("serve with a stray argument: exit %d, output %q; want non-zero naming it", code, out)
	}
}

// admin runs `dxsim admin --endpoint p.url args...` with stdin and returns
// its combined output.
func (p *dxsimProcess) admin(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(ctx, dxsimBinary(t), append([]string{"admin", "--endpoint", p.url}, args...)...)
	cmd.Stdin = stdin
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestAdminClockCommands(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:")
	run := func(args ...string) (string, error) { return p.admin(t, ctx, nil, args...) }
	out, err := run("clock")
	if err != nil || !strings.Contains(out, `"mode":"real"`) {
		t.Fatalf("dxsim admin clock = %s, %v", out, err)
	}
	if out, err = run("clock", "set", "manual"); err != nil || !strings.Contains(out, `"mode":"manual"`) {
		t.Errorf("clock set manual = %s, %v", out, err)
	}
	if out, err = run("clock", "set", "scaled", "10"); err != nil || !strings.Contains(out, `"factor":10`) {
		t.Errorf("clock set scaled 10 = %s, %v", out, err)
	}
	if out, err = run("clock", "advance", "72h"); err != nil || !strings.Contains(out, `"now"`) {
		t.Errorf("clock advance 72h = %s, %v", out, err)
	}
	if out, err = run("clock", "advance", "-1h"); err == nil || !strings.Contains(out, "forward") {
		t.Errorf("clock advance -1h = %s, %v; want a failure saying the clock moves forward", out, err)
	}
	if out, err = run("lasers"); err == nil || !strings.Contains(out, "usage") {
		t.Errorf("unknown command = %s, %v", out, err)
	}
}

// TestAdminWorldCommands drives a connection, a virtual interface and the
// whole world through every `dxsim admin` command but the clock's.
func TestAdminWorldCommands(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	p := startDxsim(t, ctx, dir, "--data", ":memory:")
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	run := func(args ...string) string {
		t.Helper()
		out, err := p.admin(t, ctx, nil, args...)
		if err != nil {
			t.Fatalf("dxsim admin %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	fails := func(want string, args ...string) {
		t.Helper()
		out, err := p.admin(t, ctx, nil, args...)
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("dxsim admin %s = %v, %q; want a failure saying %q", strings.Join(args, " "), err, out, want)
		}
	}
	state := func(id string) types.ConnectionState {
		t.Helper()
		out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(id)})
		if err != nil || len(out.Connections) != 1 {
			t.Fatalf("DescribeConnections %s = %v, %v", id, out, err)
		}
		return out.Connections[0].ConnectionState
	}

	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("admin"),
	})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(conn.ConnectionId)
	// Without an LOA download the cross-connect never comes; the operator
	// completes it instead.
	if out := run("provisioning", id, "complete"); !strings.Contains(out, `"state":"available"`) {
		t.Errorf("provisioning complete = %s", out)
	}
	run("link", "down", id)
	if s := state(id); s != types.ConnectionStateDown {
		t.Errorf("after link down the connection is %s", s)
	}
	if out := run("links"); !strings.Contains(out, `"target":"`+id+`"`) {
		t.Errorf("links = %s, want the fault on %s", out, id)
	}
	run("link", "up", id)
	if s := state(id); s != types.ConnectionStateAvailable {
		t.Errorf("after link up the connection is %s", s)
	}
	// A degraded link stays up; traffic overrides come and go.
	if out := run("link", "degrade", id); !strings.Contains(out, `"kind":"degraded"`) || state(id) != types.ConnectionStateAvailable {
		t.Errorf("link degrade = %s; the connection is %s", out, state(id))
	}
	run("link", "repair", id)
	if out := run("traffic", id, "1e10", "0"); !strings.Contains(out, `"egressBps":10000000000`) {
		t.Errorf("traffic = %s", out)
	}
	if out := run("traffic"); !strings.Contains(out, `"target":"`+id+`"`) {
		t.Errorf("traffic (list) = %s", out)
	}
	if out := run("traffic", "clear", id); !strings.Contains(out, `"until"`) {
		t.Errorf("traffic clear = %s", out)
	}

	events := func(args ...string) []string {
		t.Helper()
		var log struct {
			Events []struct{ OldState, NewState, Cause string }
		}
		if err := json.Unmarshal([]byte(run(append([]string{"events"}, args...)...)), &log); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, e := range log.Events {
			lines = append(lines, fmt.Sprintf("%s>%s (%s)", e.OldState, e.NewState, e.Cause))
		}
		return lines
	}
	got := strings.Join(events("--resource", id, "--type", "connection"), "\n")
	want := strings.Join([]string{
		">requested (api: created)",
		"requested>available (operator: provisioning completed)",
		"available>down (fault: connection " + id + " down)",
		"down>available (fault: connection " + id + " up)",
	}, "\n")
	if got != want {
		t.Errorf("events --resource %s:\n%s\nwant:\n%s", id, got, want)
	}
	if got := events("--resource", id, "--limit", "1"); len(got) != 1 || !strings.HasPrefix(got[0], "down>available") {
		t.Errorf("events --limit 1 = %q, want only the newest", got)
	}
	if got := events("--type", "lag"); len(got) != 0 {
		t.Errorf("events --type lag = %q, want none", got)
	}

	// A BGP session held down by the operator, on an interface completed early.
	gw, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("core")})
	if err != nil {
		t.Fatal(err)
	}
	vif, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("to-vpc"), Vlan: 100, Asn: 65000,
			DirectConnectGatewayId: gw.DirectConnectGateway.DirectConnectGatewayId,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	vifID, peer := aws.ToString(vif.VirtualInterfaceId), aws.ToString(vif.BgpPeers[0].BgpPeerId)
	run("provisioning", vifID, "complete")
	bgp := func() types.BGPStatus {
		t.Helper()
		out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: aws.String(vifID)})
		if err != nil || len(out.VirtualInterfaces) != 1 || len(out.VirtualInterfaces[0].BgpPeers) != 1 {
			t.Fatalf("DescribeVirtualInterfaces %s = %v, %v", vifID, out, err)
		}
		return out.VirtualInterfaces[0].BgpPeers[0].BgpStatus
	}
	if s := bgp(); s != types.BGPStatusUp {
		t.Errorf("BGP of the completed interface is %s", s)
	}
	run("bgp-peer", peer, "down")
	if s := bgp(); s != types.BGPStatusDown {
		t.Errorf("after bgp-peer down the session is %s", s)
	}
	run("bgp-peer", peer, "up")
	if s := bgp(); s != types.BGPStatusUp {
		t.Errorf("after bgp-peer up the session is %s", s)
	}

	before := snapshot(t, ctx, c)
	file := filepath.Join(dir, "world.json")
	if out := run("export", file); out != "" {
		t.Errorf("export to a file printed %q", out)
	}
	exported, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(exported, []byte(`"format":"dxsim-world/1"`)) {
		t.Fatalf("export file: %v\n%.200s", err, exported)
	}
	if out := run("export"); !strings.Contains(out, id) {
		t.Errorf("export to stdout = %.200s, want the world", out)
	}
	// Nothing was deleted: the purge removes nothing.
	if out := run("purge"); !strings.Contains(out, `"removed":0`) {
		t.Errorf("purge = %s", out)
	}
	if out := run("reset"); !strings.Contains(out, `"status":"reset"`) {
		t.Errorf("reset = %s", out)
	}
	if s := snapshot(t, ctx, c); s != "" {
		t.Fatalf("after reset:\n%s", s)
	}
	if out := run("import", file); !strings.Contains(out, `"status":"imported"`) {
		t.Errorf("import = %s", out)
	}
	if after := snapshot(t, ctx, c); after != before || state(id) != types.ConnectionStateAvailable {
		t.Errorf("after import:\n%s\nwant:\n%s", after, before)
	}
	// "-" reads the export from stdin.
	run("reset")
	if out, err := p.admin(t, ctx, bytes.NewReader(exported), "import", "-"); err != nil || snapshot(t, ctx, c) != before {
		t.Errorf("import - = %v, %s; world:\n%s", err, out, snapshot(t, ctx, c))
	}

	// Refusals carry the server's message; IDs are escaped into one path
	// segment.
	fails("this world has no connection or interconnect dxcon-nothere1", "link", "down", "dxcon-nothere1")
	fails(`"a/b" is not a connection or interconnect ID`, "link", "down", "a/b")
	fails("is not down", "link", "up", id)
	fails("is not degraded", "link", "repair", id)
	fails("has no traffic override in force", "traffic", "clear", id)
	fails("this world has no connection or interconnect dxcon-nothere1", "provisioning", "dxcon-nothere1", "complete")
	fails(`no virtual interface has a BGP peer "nope"`, "bgp-peer", "nope", "down")
	fails("RFC 3339", "events", "--since", "yesterday")
	notExport := filepath.Join(dir, "other.json")
	if err := os.WriteFile(notExport, []byte(`{"format": "other/1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	fails("is not dxsim-world/1", "import", notExport)
	fails("usage", "link", "sideways", id)
	fails("usage", "provisioning", id)
}

func TestAutoCrossConnectFlagAndSettingsCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--auto-cross-connect")
	run := func(args ...string) string {
		t.Helper()
		out, err := p.admin(t, ctx, nil, args...)
		if err != nil {
			t.Fatalf("dxsim admin %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	if out := run("settings"); !strings.Contains(out, `"autoCrossConnect":true`) {
		t.Errorf("settings after --auto-cross-connect = %s", out)
	}
	if out := run("settings", "auto-cross-connect", "off"); !strings.Contains(out, `"autoCrossConnect":false`) {
		t.Errorf("settings auto-cross-connect off = %s", out)
	}
	if out, err := p.admin(t, ctx, nil, "settings", "auto-cross-connect", "maybe"); err == nil {
		t.Errorf("settings auto-cross-connect maybe was accepted: %s", out)
	}
}

func TestCustomerRouterFlagAndSettingsCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--customer-router", "unconfigured")
	run := func(args ...string) string {
		t.Helper()
		out, err := p.admin(t, ctx, nil, args...)
		if err != nil {
			t.Fatalf("dxsim admin %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	if out := run("settings"); !strings.Contains(out, `"customerRouter":"unconfigured"`) {
		t.Errorf("settings after --customer-router unconfigured = %s", out)
	}
	if out := run("settings", "customer-router", "configured"); !strings.Contains(out, `"customerRouter":"configured"`) {
		t.Errorf("settings customer-router configured = %s", out)
	}
	if out, err := p.admin(t, ctx, nil, "settings", "customer-router", "absent"); err == nil {
		t.Errorf("settings customer-router absent was accepted: %s", out)
	}
	code, out := runToExit(t, t.TempDir(), "serve", "--listen", "127.0.0.1:0", "--data", ":memory:", "--customer-router", "absent")
	if code == 0 || !strings.Contains(out, "customer-router") || !strings.Contains(out, `"configured" or "unconfigured"`) {
		t.Errorf("serve --customer-router absent exited %d:\n%s", code, out)
	}
}
