package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
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
