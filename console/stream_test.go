package console_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"

	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// shortLimits are the limits of `dxsim serve --write-timeout 1s
// --request-timeout 1s`.
func shortLimits() server.Limits {
	l := server.DefaultLimits
	l.Write, l.Request = time.Second, time.Second
	return l
}

// serveWithLimits serves w's world as `dxsim serve` does, with limits,
// through wrap when it is given.
func serveWithLimits(t *testing.T, w *dxsimtest.World, l server.Limits, wrap func(http.Handler) http.Handler) *httptest.Server {
	h := w.Server.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	hs := httptest.NewUnstartedServer(nil)
	hs.Config = server.NewHTTPServer(h, l)
	hs.Start()
	t.Cleanup(hs.Close)
	return hs
}

// sse is one server-sent event.
type sse struct{ name, id, data string }

// openStream reads the console's event stream of the test account from
// base, sending after lastID when it is set, until ctx ends. The channel
// closes when the stream ends.
func openStream(t *testing.T, ctx context.Context, base, lastID string) <-chan sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+console.EventsPath+"?account="+dxsimtest.Account+"&region="+dxsimtest.Region, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the event stream answered %d", resp.StatusCode)
	}
	out := make(chan sse)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		lines := bufio.NewScanner(resp.Body)
		lines.Buffer(nil, 1<<20)
		var e sse
		for lines.Scan() {
			field, value, _ := strings.Cut(lines.Text(), ": ")
			switch field {
			case "event":
				e.name = value
			case "id":
				e.id = value
			case "data":
				e.data = value
			case "":
				select {
				case out <- e:
				case <-ctx.Done():
					return
				}
				e = sse{}
			}
		}
	}()
	return out
}

// readUntil reads events until one named name whose data contains part,
// and returns the "change" events read, that one included.
func readUntil(t *testing.T, events <-chan sse, name, part string) []sse {
	t.Helper()
	var changes []sse
	for e := range events {
		if e.name == "change" {
			changes = append(changes, e)
		}
		if e.name == name && strings.Contains(e.data, part) {
			return changes
		}
	}
	t.Fatalf("the stream ended without a %s event with %q", name, part)
	return nil
}

// The stream outlives --write-timeout and --request-timeout while the page
// reads it; cut, it resumes after the Last-Event-ID the browser sends, with
// the events made meanwhile, every one once, even one at the instant of
// the last event sent that sorts before it in the log.
func TestEventStreamOutlivesTheTimeoutsAndResumesAfterTheLastEvent(t *testing.T) {
	w := dxsimtest.Start(t)
	hs := serveWithLimits(t, w, shortLimits(), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// Connections go round the Region's locations: the test makes more
	// than one location's quota of 10.
	locations := []string{"EqDC2", "CSVA1", "165HS", "TLLPJ", "MB1SD"}
	made := 0
	create := func(name string) string {
		t.Helper()
		made++
		c, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
			ConnectionName: aws.String(name), Location: aws.String(locations[made%len(locations)]), Bandwidth: aws.String("10Gbps")})
		if err != nil {
			t.Fatal(err)
		}
		return *c.ConnectionId
	}
	first := create("first")

	streamCtx, cut := context.WithCancel(ctx)
	opened := time.Now()
	events := openStream(t, streamCtx, hs.URL, "")
	got := readUntil(t, events, "change", first)
	// Read past three times the timeouts; the stream must not end.
	for time.Since(opened) < 3*time.Second {
		if _, ok := <-events; !ok {
			t.Fatalf("the event stream ended %v after it opened, with --write-timeout and --request-timeout 1s; it should last while it is read", time.Since(opened).Round(time.Millisecond))
		}
	}
	// The last event read names the highest of four IDs made at one
	// instant, so that a later ID sorts before it with odds of 4 in 5
	// each time (IDs are random).
	second := ""
	for range 4 {
		second = max(second, create("second"))
	}
	got = append(got, readUntil(t, events, "change", second)...)
	cut()
	lastID := got[len(got)-1].id
	if lastID == "" {
		t.Fatalf("change event %s has no id", got[len(got)-1].data)
	}

	// Meanwhile: connections at the instant of the last event sent, one of
	// them sorting before it, and one later.
	for i := 0; ; i++ {
		if id := create("same instant"); id < second {
			break
		}
		if i == 30 {
			t.Fatalf("30 connections made at the instant of %s all sort after it", second)
		}
	}
	w.Clock.Advance(time.Minute)
	create("later")

	resumed := openStream(t, ctx, hs.URL, lastID)
	got = append(got, readUntil(t, resumed, "clock", "")...)

	log, err := w.Events(ctx, core.EventFilter{Account: dxsimtest.Account})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, e := range log {
		b, _ := json.Marshal(e)
		want[string(b)] = true
	}
	seen := map[string]bool{}
	for _, e := range got {
		switch {
		case seen[e.data]:
			t.Errorf("event sent twice: %s", e.data)
		case !want[e.data]:
			t.Errorf("event sent that is not in the log: %s", e.data)
		}
		seen[e.data] = true
	}
	for e := range want {
		if !seen[e] {
			t.Errorf("event of the log never sent: %s", e)
		}
	}
}

// A Last-Event-ID the stream cannot follow (from a clock since set back,
// or not one of its ids) makes it say that the history starts again, and
// send the backlog.
func TestEventStreamStartsAgainFromAnIDItCannotFollow(t *testing.T) {
	w := dxsimtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("a"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
	if err != nil {
		t.Fatal(err)
	}
	future := dxsimtest.Epoch.Add(time.Hour).Format(time.RFC3339Nano) + " AAAAAAAA"
	for _, id := range []string{future, "42", dxsimtest.Epoch.Format(time.RFC3339Nano), "2026-01-01T00:00:00Z ~ AAAAAAAA"} {
		streamCtx, cut := context.WithCancel(ctx)
		events := openStream(t, streamCtx, w.URL, id)
		if e := <-events; e.name != "history" {
			t.Errorf("after Last-Event-ID %q the stream sent %s %s first, want history", id, e.name, e.data)
		}
		readUntil(t, events, "change", *c.ConnectionId)
		cut()
	}
}

// stalledClient is a ResponseWriter whose reader stops reading when told:
// its writes then time out, as they would on a connection's deadline.
type stalledClient struct {
	header   http.Header
	mu       sync.Mutex
	deadline time.Time
	writes   int
	late     int // writes without a deadline of at most the write timeout ahead
	stopped  bool
}

func (c *stalledClient) Header() http.Header { return c.header }
func (c *stalledClient) WriteHeader(int)     {}
func (c *stalledClient) Write(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return 0, os.ErrDeadlineExceeded
	}
	if now := time.Now(); !c.deadline.After(now) || c.deadline.After(now.Add(time.Hour)) {
		c.late++
	}
	c.writes++
	return len(b), nil
}
func (c *stalledClient) Flush() { c.Write(nil) }
func (c *stalledClient) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deadline = t
	return nil
}

// Each write of the stream must be read within the write timeout, counted
// from that write, and a client that stops reading ends the stream.
func TestEventStreamDropsAClientThatStopsReading(t *testing.T) {
	w := dxsimtest.Start(t)
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+console.EventsPath+"?account="+dxsimtest.Account, nil)
	req = req.WithContext(context.WithValue(req.Context(), http.ServerContextKey, &http.Server{WriteTimeout: time.Hour}))
	client := &stalledClient{header: http.Header{}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Server.Handler().ServeHTTP(client, req)
	}()
	for {
		client.mu.Lock()
		writes := client.writes
		client.mu.Unlock()
		if writes >= 4 { // the first poll and the second
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	client.mu.Lock()
	client.stopped = true
	if client.late > 0 {
		t.Errorf("%d of %d writes of the stream had no deadline within the write timeout", client.late, client.writes)
	}
	client.mu.Unlock()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the stream went on after its writes timed out")
	}
}
