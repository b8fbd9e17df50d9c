package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/sqlitedamage"
)

// TestServeRefusesAFileWithDamagedIndexes stops dxsim, overwrites the root
// pages of the file's indexes and starts it again: it exits non-zero
// without serving, saying what is damaged and how to recover.
func TestServeRefusesAFileWithDamagedIndexes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "dxsim.db")
	p := startDxsim(t, ctx, dir, "--data", db)
	createWorld(t, ctx, p.client(dxsimtest.Account, dxsimtest.Region))
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.wait(t, ctx); err != nil {
		t.Fatalf("exit: %v\n%s", err, p.logs)
	}

	indexes := sqlitedamage.IndexRoots(t, db)

	code, out := runToExit(t, dir, "serve", "--listen", "127.0.0.1:0", "--data", db)
	if code == 0 || strings.Contains(out, `"msg":"dxsim serving"`) {
		t.Fatalf("serve of a damaged file: exit %d:\n%s\nwant a non-zero exit before serving", code, out)
	}
	for _, want := range append(indexes, db, "is damaged", "quick_check", "Only the indexes", ".dump") {
		if !strings.Contains(out, want) {
			t.Errorf("serve of a damaged file said:\n%s\nwant it to mention %q", out, want)
		}
	}
}

// TestHealthTurnsUnhealthyWhenTheFileIsDamagedUnderServe overwrites the
// root pages of the indexes of the file a dxsim serves: GET /health and
// dxsim health say the store is damaged, requests that read an index fail
// as server faults, and the damage is logged once.
func TestHealthTurnsUnhealthyWhenTheFileIsDamagedUnderServe(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "dxsim.db")
	p := startDxsim(t, ctx, dir, "--data", db)
	c := p.client(dxsimtest.Account, dxsimtest.Region)
	createWorld(t, ctx, c)

	sqlitedamage.IndexRoots(t, db)

	resp, err := http.Get(p.url + "/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"damaged"`) || !strings.Contains(string(body), "malformed") {
		t.Errorf("GET /health of a damaged file: %d %s; want 503 saying the store is damaged", resp.StatusCode, body)
	}
	if code, out := runToExit(t, dir, "health", "--endpoint", p.url); code == 0 || !strings.Contains(out, "503") || !strings.Contains(out, "damaged") {
		t.Errorf("dxsim health of a damaged file: exit %d, %q; want a failure saying the store is damaged", code, out)
	}
	for range 3 {
		if _, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{}); err == nil || !strings.Contains(err.Error(), "StatusCode: 500") {
			t.Errorf("DescribeConnections through a damaged index: %v; want a server fault", err)
		}
	}
	if n := strings.Count(p.logs.String(), "the store is damaged"); n != 1 {
		t.Errorf("the damage was logged %d times, want once:\n%s", n, p.logs)
	}
}
