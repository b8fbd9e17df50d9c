package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEveryFlagHasAnEnvironmentVariable(t *testing.T) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:4599", "address")
	delay := fs.Duration("vif-delay", 20*time.Second, "delay")
	later := fs.Int("a-flag-added-later", 1, "anything")
	documentEnv(fs)
	t.Setenv("DXSIM_LISTEN", "0.0.0.0:1")
	t.Setenv("DXSIM_VIF_DELAY", "3s")
	t.Setenv("DXSIM_A_FLAG_ADDED_LATER", "7")
	if err := fs.Parse([]string{"--listen", "127.0.0.1:9"}); err != nil {
		t.Fatal(err)
	}
	if err := applyEnv(fs); err != nil {
		t.Fatal(err)
	}
	if *listen != "127.0.0.1:9" || *delay != 3*time.Second || *later != 7 {
		t.Errorf("listen %q, vif-delay %v, a-flag-added-later %d; want the flag 127.0.0.1:9 over DXSIM_LISTEN, and 3s and 7 from the environment", *listen, *delay, *later)
	}
	if u := fs.Lookup("vif-delay").Usage; !strings.HasSuffix(u, "(env DXSIM_VIF_DELAY)") {
		t.Errorf("usage %q does not name its variable", u)
	}

	t.Setenv("DXSIM_VIF_DELAY", "soon")
	fs2 := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs2.Duration("vif-delay", 0, "delay")
	fs2.Parse(nil)
	if err := applyEnv(fs2); err == nil || !strings.Contains(err.Error(), "DXSIM_VIF_DELAY") {
		t.Errorf("a bad value answered %v, want an error naming DXSIM_VIF_DELAY", err)
	}
}

func TestServeReadsTheEnvironment(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "from-env.db")
	t.Setenv("DXSIM_DATA", db)
	t.Setenv("DXSIM_LISTEN", "127.0.0.1:1") // the --listen flag of startDxsim wins
	p := startDxsim(t, ctx, dir)
	createWorld(t, ctx, p.client("111122223333", "us-east-1"))
	if _, err := os.Stat(db); err != nil {
		t.Errorf("DXSIM_DATA=%s was not used: %v", db, err)
	}

	t.Setenv("DXSIM_PENDING_DELAY", "soon")
	code, out := runToExit(t, dir, "serve", "--data", ":memory:")
	if code == 0 || !strings.Contains(out, "DXSIM_PENDING_DELAY") {
		t.Errorf("serve with DXSIM_PENDING_DELAY=soon: exit %d, %q; want a failure naming the variable", code, out)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		code, out := runToExit(t, t.TempDir(), arg)
		if code != 0 || !strings.HasPrefix(out, "dxsim ") || !strings.Contains(out, "go1.") {
			t.Errorf("dxsim %s: exit %d, %q; want 0 and dxsim's version with the Go version", arg, code, out)
		}
	}
}

func TestHealthCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:")
	if code, out := runToExit(t, t.TempDir(), "health", "--endpoint", p.url); code != 0 || !strings.Contains(out, `"ok"`) {
		t.Errorf("dxsim health of a running dxsim: exit %d, %q; want 0 and its status", code, out)
	}
	if code, out := runToExit(t, t.TempDir(), "health", "--endpoint", "http://127.0.0.1:1"); code == 0 {
		t.Errorf("dxsim health of nothing: exit 0, %q; want a failure", out)
	}
}

func TestHealthFindsTheListenAddress(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:4599":   "http://127.0.0.1:4599",
		"[::]:8080":      "http://127.0.0.1:8080",
		"10.0.0.5:4599":  "http://10.0.0.5:4599",
		"":               "",
		"no-port-at-all": "",
	} {
		if got := listenURL(addr); got != want {
			t.Errorf("listenURL(%q) = %q, want %q", addr, got, want)
		}
	}
}
