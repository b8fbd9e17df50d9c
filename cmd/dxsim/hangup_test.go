package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestClientsThatHangUpAreNotServerFaults sends 600 CreateConnection
// requests to a real `dxsim serve` on a durable file, each from a client
// that closes its socket as soon as the request is written, as a CI job
// killed mid-run does. dxsim once answered most of them as server faults:
// status 500 in its metrics and an ERROR line each ("context canceled").
// Now none may be a 500 or an ERROR; those that were still being served
// when their client left are counted as 499.
func TestClientsThatHangUpAreNotServerFaults(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	p := startDxsim(t, ctx, dir, "--data", filepath.Join(dir, "world.db"))
	addr := strings.TrimPrefix(p.url, "http://")

	const clients = 600
	var wg sync.WaitGroup
	sem := make(chan struct{}, 100)
	for i := range clients {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			// Each client is an account of its own, so that no quota
			// refuses it and every request reaches the store.
			account := fmt.Sprintf("%012d", 100000000000+i)
			body := `{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"gone"}`
			fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: OvertureService.CreateConnection\r\n"+
				"Authorization: AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host, Signature=00\r\n"+
				"Content-Length: %d\r\n\r\n%s", addr, account, len(body), body)
			c.Close()
		}()
	}
	wg.Wait()

	// Every request has been answered (or found its client gone) once the
	// counts add up to what was sent.
	counted := regexp.MustCompile(`dxsim_requests_total\{operation="CreateConnection",service="directconnect",status="(\d+)"\} (\d+)`)
	var metrics string
	for {
		resp, err := http.Get(p.url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		metrics = string(b)
		total := 0
		for _, m := range counted.FindAllStringSubmatch(metrics, -1) {
			var n int
			fmt.Sscan(m[2], &n)
			total += n
		}
		if total >= clients {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("only %d of %d requests were counted:\n%s", total, clients, metrics)
		case <-time.After(50 * time.Millisecond):
		}
	}
	for _, m := range counted.FindAllStringSubmatch(metrics, -1) {
		t.Logf("status %s: %s requests", m[1], m[2])
		if m[1] == "500" {
			t.Errorf("%s requests whose client hung up were counted as server faults (500)", m[2])
		}
	}
	for _, line := range strings.Split(p.logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) {
			t.Errorf("a client that hung up was logged as an error: %s", line)
			break
		}
	}
}
