package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// rssMiB reads a process's resident set size from /proc.
func rssMiB(t *testing.T, pid int) int { return procStatusMiB(t, pid, "VmRSS") }

// peakRSSMiB reads a process's peak resident set size from /proc.
func peakRSSMiB(t *testing.T, pid int) int { return procStatusMiB(t, pid, "VmHWM") }

// procStatusMiB reads a field in kB of /proc/PID/status, in MiB.
func procStatusMiB(t *testing.T, pid int, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb / 1024
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// TestIdleAndSlowClientsHoldBoundedMemory holds 2,000 idle keep-alive
// connections and 200 clients that send a body slowly against a real
// dxsim, measures its RSS before and with them, and checks that the
// server's timeouts close every one of them.
func TestIdleAndSlowClientsHoldBoundedMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads RSS from /proc")
	}
	// Go raises the soft limit of open files to the hard one; both ends of
	// 2,200 connections need that many.
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Max < 5000 {
		t.Skipf("needs 5,000 open files per process; the hard limit is %d (ulimit -Hn)", lim.Max)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--idle-timeout", "3s", "--read-timeout", "3s", "--read-header-timeout", "3s")
	pid := p.cmd.Process.Pid
	addr := strings.TrimPrefix(p.url, "http://")
	before := rssMiB(t, pid)

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		return c
	}
	for range 2000 {
		c := dial()
		fmt.Fprintf(c, "GET /health HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	for range 200 {
		c := dial()
		fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: OvertureService.DescribeConnections\r\n"+
			"Authorization: AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host, Signature=00\r\n"+
			"Content-Length: 1048576\r\n\r\n{\"connectionId\": \"%s", addr, strings.Repeat("x", 1000))
	}
	during := rssMiB(t, pid)

	// Every connection is closed by the server once its timeout passes;
	// the slow bodies are answered first.
	slowAnswered := 0
	for i, c := range conns {
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		b, err := io.ReadAll(c)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("connection %d was still open 30 s later", i)
		}
		if i >= 2000 && strings.Contains(string(b), "HTTP/1.1 4") {
			slowAnswered++
		}
	}
	after := rssMiB(t, pid)
	t.Logf("dxsim RSS: %d MiB before, %d MiB with 2,000 idle and 200 slow-body connections, %d MiB after the server closed them; %d of 200 slow bodies answered 4xx", before, during, after, slowAnswered)
	if during-before > 200 {
		t.Errorf("2,200 connections grew dxsim by %d MiB", during-before)
	}
}

// TestConnectionsPastTheLimitAreThrottled: with --max-connections 20 and
// 20 idle connections held, one more is answered 429 ThrottlingException;
// once one closes, requests are served again.
func TestConnectionsPastTheLimitAreThrottled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--max-connections", "20")
	addr := strings.TrimPrefix(p.url, "http://")
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	// startDxsim's own health checks may still hold a keep-alive slot.
	http.DefaultClient.CloseIdleConnections()
	get := func() (*http.Response, error) {
		c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
		return c.Get(p.url + "/health")
	}
	for len(held) < 20 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET /health HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			c.Close()
			time.Sleep(50 * time.Millisecond) // a slot of an earlier client is being freed
			continue
		}
		held = append(held, c)
	}
	resp, err := get()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("x-amzn-ErrorType") != "ThrottlingException" || !strings.Contains(string(b), "--max-connections") {
		t.Fatalf("connection 21: %d %s %s", resp.StatusCode, resp.Header, b)
	}
	held[0].Close()
	for {
		resp, err := get()
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("after a connection closed, requests are still refused: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
