package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeSaysWhyBGPIsOff starts `dxsim serve --bgp` without the right to
// manage network interfaces (as root, in a user namespace of its own, which
// holds no capability over the host's network): it serves anyway, logs why
// BGP is off, and `dxsim admin port list` answers with the reason.
func TestServeSaysWhyBGPIsOff(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	bin := dxsimBinary(t)
	cmd := exec.CommandContext(ctx, bin, "serve", "--bgp", "--data", ":memory:", "--listen", "127.0.0.1:0")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}
	}
	logs := &logSink{addr: make(chan string, 1)}
	cmd.Stderr, cmd.Stdout, cmd.WaitDelay = logs, logs, 5*time.Second
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start dxsim without privileges: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var addr string
	select {
	case addr = <-logs.addr:
	case <-ctx.Done():
		t.Fatalf("dxsim --bgp did not serve:\n%s", logs)
	}
	if !strings.Contains(logs.String(), `"msg":"BGP is off"`) || !strings.Contains(logs.String(), "CAP_NET_ADMIN") {
		t.Errorf("dxsim --bgp without privileges did not log why BGP is off:\n%s", logs)
	}
	p := &dxsimProcess{url: "http://" + addr}
	out, err := p.admin(t, ctx, nil, "port", "list")
	if err == nil || !strings.Contains(out, "BGP is off") || !strings.Contains(out, "CAP_NET_ADMIN") {
		t.Errorf("dxsim admin port list = %v, %q; want a failure saying BGP is off and why", err, out)
	}
}
