package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// adminWith runs `dxsim admin` against url with extra environment.
func adminWith(t *testing.T, ctx context.Context, url string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(ctx, dxsimBinary(t), append([]string{"admin", "--endpoint", url}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestBeyondLoopbackAdminNeedsAGeneratedToken: listening on every
// interface without --admin-token, dxsim prints a token once and the admin
// API takes only requests that carry it, from --token or the environment.
func TestBeyondLoopbackAdminNeedsAGeneratedToken(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--listen", "0.0.0.0:0")
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(p.url, "http://"))
	url := "http://127.0.0.1:" + port
	logs := p.logs.String()
	_, after, ok := strings.Cut(logs, "shown only now):\n")
	token, _, _ := strings.Cut(after, "\n")
	if !ok || len(token) < 32 {
		t.Fatalf("dxsim printed no admin token:\n%s", logs)
	}
	if n := strings.Count(logs, token); n != 1 {
		t.Errorf("the token appears %d times in dxsim's output, want once", n)
	}
	if out, err := adminWith(t, ctx, url, []string{"DXSIM_ADMIN_TOKEN="}, "clock"); err == nil || !strings.Contains(out, "401") {
		t.Errorf("dxsim admin without the token = %v %s, want 401", err, out)
	}
	if out, err := adminWith(t, ctx, url, []string{"DXSIM_ADMIN_TOKEN="}, "--token", token, "clock"); err != nil || !strings.Contains(out, `"mode"`) {
		t.Errorf("dxsim admin --token = %v %s", err, out)
	}
	if out, err := adminWith(t, ctx, url, []string{"DXSIM_ADMIN_TOKEN=" + token}, "reset"); err != nil || !strings.Contains(out, "reset") {
		t.Errorf("dxsim admin with DXSIM_ADMIN_TOKEN = %v %s", err, out)
	}
	if out, err := adminWith(t, ctx, url, []string{"DXSIM_ADMIN_TOKEN=" + token}, "export", "--secrets"); err != nil || !strings.Contains(out, "dxsim-world/1") {
		t.Errorf("dxsim admin export --secrets with the token = %v %s", err, out)
	}
}

// TestServeStrictWithCredentialsFile: --auth strict --credentials FILE
// serves the keys of the file and refuses others.
func TestServeStrictWithCredentialsFile(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	creds := filepath.Join(dir, "credentials.json")
	os.WriteFile(creds, []byte(`{"credentials": [{"accessKeyId": "AKIASTRICTEXAMPLE001", "secretAccessKey": "strict-secret", "account": "`+dxsimtest.Account+`"}]}`), 0o600)
	p := startDxsim(t, ctx, dir, "--data", ":memory:", "--auth", "strict", "--credentials", creds)
	client := func(key, secret string) *directconnect.Client {
		return directconnect.New(directconnect.Options{Region: "us-east-1", BaseEndpoint: aws.String(p.url), RetryMaxAttempts: 1,
			Credentials: credentials.NewStaticCredentialsProvider(key, secret, "")})
	}
	out, err := client("AKIASTRICTEXAMPLE001", "strict-secret").CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("strict")})
	if err != nil || aws.ToString(out.OwnerAccount) != dxsimtest.Account {
		t.Fatalf("CreateConnection with the file's key = %v, %v", out, err)
	}
	_, err = client(dxsimtest.Account, "anything").DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	dxsimtest.WantError(t, err, "UnrecognizedClientException", "The security token included in the request is invalid.")

	bad := exec.CommandContext(ctx, dxsimBinary(t), "serve", "--data", ":memory:", "--listen", "127.0.0.1:0", "--auth", "strict")
	if msg, err := bad.CombinedOutput(); err == nil || !strings.Contains(string(msg), "credentials") {
		t.Errorf("serve --auth strict without credentials = %v %s", err, msg)
	}
}

// hostCall sends a Direct Connect DescribeConnections (open mode: signed by
// any key) or, with path, a GET of that admin path to p under the given
// Host and returns the status and body.
func hostCall(t *testing.T, ctx context.Context, p *dxsimProcess, host, path string) (int, string) {
	t.Helper()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(p.url, "http://"))
	var req *http.Request
	if path == "" {
		req, _ = http.NewRequestWithContext(ctx, http.MethodPost, p.url+"/", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "OvertureService.DescribeConnections")
		req.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+dxsimtest.Account+"/"+time.Now().UTC().Format("20060102")+"/us-east-1/directconnect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	} else {
		req, _ = http.NewRequestWithContext(ctx, http.MethodGet, p.url+path, nil)
	}
	req.Host = host + ":" + port
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeHostNames: --host (comma-separated or repeated, or
// DXSIM_HOST) names what every API answers to besides loopback names; the
// older --admin-host names keep working, now for every API; any other
// Host is refused, naming the flag; a name with a port is refused at start.
func TestServeHostNames(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	p := startDxsim(t, ctx, dir, "--data", ":memory:", "--host", "dxsim.example,dxsim.example.net", "--host", "10.1.2.3", "--admin-host", "old.example")
	for _, host := range []string{"localhost", "127.0.0.1", "dxsim.example", "dxsim.example.net", "10.1.2.3", "old.example"} {
		for _, path := range []string{"", "/_dxsim/clock", "/metrics", "/console/"} {
			if status, body := hostCall(t, ctx, p, host, path); status != 200 {
				t.Errorf("Host %s, %q: %d %.300s", host, path, status, body)
			}
		}
	}
	for _, path := range []string{"", "/_dxsim/clock", "/metrics", "/console/"} {
		if status, body := hostCall(t, ctx, p, "evil.example", path); status != 403 || !strings.Contains(body, "--host") {
			t.Errorf("Host evil.example, %q: %d %s; want 403 naming --host", path, status, body)
		}
	}

	t.Setenv("DXSIM_HOST", "env.example")
	p = startDxsim(t, ctx, dir, "--data", ":memory:")
	if status, body := hostCall(t, ctx, p, "env.example", ""); status != 200 {
		t.Errorf("DXSIM_HOST=env.example: %d %s", status, body)
	}

	code, out := runToExit(t, dir, "serve", "--data", ":memory:", "--listen", "127.0.0.1:0", "--host", "dxsim.example:4599")
	if code == 0 || !strings.Contains(out, "-host") || !strings.Contains(out, "without scheme, port or path") {
		t.Errorf("--host with a port: exit %d, %q; want a failure naming the flag", code, out)
	}
}

// TestListenNameIsAHostName: a name dxsim is told to listen on is one it
// answers to.
func TestListenNameIsAHostName(t *testing.T) {
	cfg, limits := server.DefaultConfig(), server.DefaultLimits
	fs, f := newServeFlags(&cfg, &limits)
	if err := f.parse(fs, []string{"--listen", "dxsim.lan:4599", "--admin-token", "t", "--host", "other.lan"}, &cfg); err != nil {
		t.Fatal(err)
	}
	if err := f.configure(&cfg, limits); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.Hosts, []string{"other.lan", "dxsim.lan"}) {
		t.Errorf("hosts %v, want other.lan and dxsim.lan", cfg.Hosts)
	}
}
