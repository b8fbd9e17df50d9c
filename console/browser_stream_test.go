package console_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/chromedp/chromedp"

	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The page stays open on a server with 1 s write and request timeouts
// while the server drops its connections: the browser reconnects, and the
// timeline lists every event of the log once, those made while it was
// away included.
func TestConsoleTimelineListsEachEventOnceAcrossAReconnect(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	ctx := context.Background()

	// lastIDs are the Last-Event-ID of each request for the stream.
	var streams struct {
		sync.Mutex
		lastIDs []string
	}
	hs := serveWithLimits(t, w, shortLimits(), func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.URL.Path == console.EventsPath {
				streams.Lock()
				streams.lastIDs = append(streams.lastIDs, r.Header.Get("Last-Event-ID"))
				streams.Unlock()
			}
			next.ServeHTTP(rw, r)
		})
	})
	create := func(name string) string {
		t.Helper()
		c, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
			ConnectionName: aws.String(name), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
		if err != nil {
			t.Fatal(err)
		}
		return *c.ConnectionId
	}
	listed := func(id string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-resource="` + id + `"]`))
	}

	a := create("a")
	w.Clock.Advance(time.Minute)
	b := create("b")
	bctx := startBrowser(t, exe)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(hs.URL+"/console/?account="+dxsimtest.Account+"&region="+dxsimtest.Region),
		listed(a), listed(b)); err != nil {
		t.Fatalf("the timeline did not list %s and %s: %v", a, b, err)
	}

	// The server drops the page's connections; meanwhile a connection at
	// the instant of the last event and one later.
	hs.CloseClientConnections()
	c := create("c")
	w.Clock.Advance(time.Minute)
	d := create("d")
	for reconnected := false; !reconnected; {
		streams.Lock()
		reconnected = len(streams.lastIDs) > 1
		streams.Unlock()
		if bctx.Err() != nil {
			t.Fatal("the page did not reconnect to the event stream")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Do(bctx, listed(c), listed(d)); err != nil {
		t.Fatalf("after the reconnect the timeline did not list %s and %s: %v", c, d, err)
	}
	w.Clock.Advance(time.Minute)
	e := create("e")
	if err := chromedp.Do(bctx, listed(e)); err != nil {
		t.Fatalf("after the reconnect the timeline did not list %s made later: %v", e, err)
	}

	log, err := w.Events(ctx, core.EventFilter{Account: dxsimtest.Account})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, e := range log {
		want[e.Resource]++
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]int](`(() => {
		const n = {};
		for (const li of document.querySelectorAll("#timeline li")) n[li.dataset.resource] = (n[li.dataset.resource] || 0) + 1;
		return n;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("the timeline lists %d events of %s, want the log's %d", got[r], r, n)
		}
	}
	for r, n := range got {
		if want[r] == 0 {
			t.Errorf("the timeline lists %d events of %s, which the log has none of", n, r)
		}
	}
	streams.Lock()
	defer streams.Unlock()
	if streams.lastIDs[1] == "" {
		t.Errorf("the page reconnected without a Last-Event-ID; the stream requests came with %q", streams.lastIDs)
	}
}
