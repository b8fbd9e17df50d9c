package main

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An open console (its event stream never ends by itself) must not hold up
// a graceful shutdown.
func TestSigtermWithAnOpenConsole(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/console/api/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "event: ") {
		t.Fatalf("the event stream began with %q, %v", line, err)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exitCtx, cancelExit := context.WithTimeout(ctx, 30*time.Second)
	defer cancelExit()
	if err := p.wait(t, exitCtx); err != nil {
		t.Fatalf("dxsim exited with %v after SIGTERM with a console open, want status 0:\n%s", err, p.logs)
	}
}
