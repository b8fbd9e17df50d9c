package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
)

// gatedStore, while holding, holds each Update until release is closed
// or its caller's context ends, as a busy store does, so that a test can
// hang up while requests are inside the store.
type gatedStore struct {
	store.Store
	holding atomic.Bool
	release chan struct{}
	waiting atomic.Int64
}

func (g *gatedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	if g.holding.Load() {
		g.waiting.Add(1)
		select {
		case <-g.release:
		case <-ctx.Done():
		}
		g.waiting.Add(-1)
	}
	return g.Store.Update(ctx, fn)
}

// hangUp sends a CreateConnection for account over a socket of its own and
// returns the socket, unread.
func hangUp(t *testing.T, addr, account string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	body := `{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"gone"}`
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: OvertureService.CreateConnection\r\n"+
		"Authorization: AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host, Signature=00\r\n"+
		"Content-Length: %d\r\n\r\n%s", addr, account, len(body), body)
	return c
}

// requestCounts reads dxsim_requests_total of CreateConnection by status.
func requestCounts(t *testing.T, url string) map[string]int {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	out := map[string]int{}
	re := regexp.MustCompile(`(?m)^dxsim_requests_total\{operation="CreateConnection",service="directconnect",status="(\d+)"\} (\d+)$`)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		out[m[1]], _ = strconv.Atoi(m[2])
	}
	return out
}

// TestAClientThatHangsUpIsNotAServerFault: requests whose clients close
// the connection while the store holds them, and requests whose clients
// close it at once while the store runs freely, are counted as 499 and
// logged at info, never as 500 or an ERROR; and every connection the store
// holds afterwards is whole (its port held, no port held for nothing).
func TestAClientThatHangsUpIsNotAServerFault(t *testing.T) {
	var logs lockedBuffer
	gate := &gatedStore{release: make(chan struct{})}
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
		cfg.OpenStore = func(data string) (store.Store, error) {
			st, err := backend.Open(data)
			gate.Store = st
			return gate, err
		}
	})
	addr := strings.TrimPrefix(w.URL, "http://")
	account := func(i int) string { return fmt.Sprint(400000000000 + i) }

	// Held in the store, then hung up on: each is canceled there.
	gate.holding.Store(true)
	const held = 30
	var conns []net.Conn
	for i := range held {
		conns = append(conns, hangUp(t, addr, account(i)))
	}
	deadline := time.Now().Add(30 * time.Second)
	for gate.waiting.Load() < held {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d requests reached the store", gate.waiting.Load(), held)
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, c := range conns {
		c.Close()
	}
	// Each held request leaves the store's wait once the server sees its
	// client gone. Only then does the store run freely, or a busy machine
	// could release a request before its hang-up is noticed; one net/http
	// has not noticed in a while (it learns of a hang-up only by reading
	// the socket, in a goroutine of its own) is released, answered and
	// counted as 200.
	noticed := time.Now().Add(20 * time.Second)
	for gate.waiting.Load() > 0 && time.Now().Before(noticed) {
		time.Sleep(5 * time.Millisecond)
	}
	unnoticed := int(gate.waiting.Load())

	// With the store open, clients that hang up at once, a moment later or
	// once answered: some are answered, some canceled wherever they are.
	gate.holding.Store(false)
	close(gate.release)
	const racing = 48 // fewer than the 56 1Gbps ports of EqDC2, so none is refused
	var wg sync.WaitGroup
	for i := range racing {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := hangUp(t, addr, account(held+i))
			switch i % 3 {
			case 1: // reads the answer's first byte, then hangs up
				c.SetReadDeadline(time.Now().Add(10 * time.Second))
				bufio.NewReader(c).ReadByte()
			case 2: // hangs up a moment later
				time.Sleep(time.Duration(i%7) * time.Millisecond)
			}
			c.Close()
		}()
	}
	wg.Wait()

	var counts map[string]int
	for {
		counts = requestCounts(t, w.URL)
		total := 0
		for _, n := range counts {
			total += n
		}
		if total == held+racing {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server answered %d of %d requests: %v", total, held+racing, counts)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("CreateConnection by status: %v", counts)
	if unnoticed > 0 {
		t.Logf("%d of %d hang-ups were not noticed while their requests were held", unnoticed, held)
	}
	if counts["499"] < held-unnoticed || counts["500"] != 0 || counts["499"]+counts["200"] != held+racing {
		t.Errorf("CreateConnection by status: %v; want at least %d 499, the rest 200, no 500", counts, held-unnoticed)
	}

	logs.mu.Lock()
	text := logs.b.String()
	logs.mu.Unlock()
	closed := 0
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		var l map[string]any
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if l["level"] == "ERROR" || l["level"] == "WARN" {
			t.Errorf("a hang-up logged %s", line)
		}
		if l["msg"] == "client closed request" && l["level"] == "INFO" {
			closed++
		}
	}
	if closed != counts["499"] {
		t.Errorf("%d client closed request lines for %d hang-ups", closed, counts["499"])
	}

	// Every connection stored is whole: it holds its port, and every held
	// port is a stored connection's.
	conns2, ports := map[string]bool{}, map[string]bool{}
	err := w.Server.Controls().Export(ctx, func(r store.Row) error {
		if r.Kind == store.Connections {
			conns2[r.ID] = true
		}
		return nil
	}, func(p store.Port) error {
		ports[p.Holder] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns2) != counts["200"] || len(ports) != len(conns2) {
		t.Errorf("%d connections stored, %d ports held, %d creates answered 200", len(conns2), len(ports), counts["200"])
	}
	for id := range conns2 {
		if !ports[id] {
			t.Errorf("connection %s is stored without its port", id)
		}
	}
}
