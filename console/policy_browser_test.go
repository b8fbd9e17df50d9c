package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/dxsim/dxsim/dxsimtest"
)

// cspWatch records, in every page the browser opens, each violation of its
// Content Security Policy (the securitypolicyviolation event, which fires
// for an inline script or style the policy blocks, an inline style
// attribute set from a script included).
const cspWatch = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " " + (e.sample || "")));`

// TestConsoleRunsUnderItsContentSecurityPolicy: the console page comes with
// its policy, and under it draws the world (the device's port meter is sized
// from the script), follows the event stream and drives the admin API, with
// no violation of the policy reported in the page or the browser's log.
func TestConsoleRunsUnderItsContentSecurityPolicy(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	conn := dxsimtest.CreateConnection(t, w.Client(), "EqDC2", "1Gbps")
	connID := aws.ToString(conn.ConnectionId)
	bctx := startBrowser(t, exe)

	var logged struct {
		sync.Mutex
		list []string
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && strings.Contains(e.Entry.Text, "Content Security Policy") {
			logged.Lock()
			logged.list = append(logged.list, e.Entry.Text)
			logged.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	watch := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
		return err
	})
	if err := chromedp.Do(bctx, watch); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.Run(bctx, chromedp.NavigateResponse(w.URL+"/console/?account="+dxsimtest.Account+"&region="+dxsimtest.Region))
	if err != nil {
		t.Fatal(err)
	}
	if csp := fmt.Sprint(resp.Headers["Content-Security-Policy"]); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
		t.Fatalf("the console page came with Content-Security-Policy %q", csp)
	}
	if err := chromedp.Do(bctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-id="`+connID+`"] > .row > .state`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-resource="`+connID+`"]`)),
		chromedp.SetValue(chromedp.CSS("#advance"), "30s"), click("#advance-button"),
		chromedp.WaitVisible(chromedp.CSS(`#message:not(:empty)`)),
	); err != nil {
		t.Fatalf("the console under its policy did not draw %s, list its event and advance the clock: %v", connID, err)
	}
	if msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#message"))); err != nil || !strings.Contains(msg, "advanced 30s") {
		t.Errorf("after Advance the console says %q (%v)", msg, err)
	}
	if width, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector(".meter > i").style.width`)); err != nil || !strings.HasSuffix(width, "%") {
		t.Errorf("the port meter's width is %q (%v), want a percentage", width, err)
	}
	violations, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`window.__violations`))
	if err != nil {
		t.Fatal(err)
	}
	logged.Lock()
	defer logged.Unlock()
	for _, v := range append(violations, logged.list...) {
		t.Errorf("Content Security Policy violation: %s", v)
	}
}

// TestConsoleCannotBeFramedByAnotherSite: a page of another origin that
// frames the console (to trick a click on Reset world) gets an empty frame:
// the browser fetches the console's page but renders none of it, so not
// even its script is fetched.
func TestConsoleCannotBeFramedByAnotherSite(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	var fetched struct {
		sync.Mutex
		paths []string
	}
	dxsim := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fetched.Lock()
		fetched.paths = append(fetched.paths, r.URL.Path)
		fetched.Unlock()
		w.Server.Handler().ServeHTTP(rw, r)
	}))
	defer dxsim.Close()
	defer w.Server.EndStreams() // a console that did render holds a stream open
	framing := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(rw, `<!doctype html><title>prize</title><iframe id="dxsim" src="%s/console/" width="800" height="600"></iframe>`, dxsim.URL)
	}))
	defer framing.Close()

	bctx := startBrowser(t, exe)
	// The page's load event waits for its frame: by then a console that
	// rendered would have fetched its script.
	if err := chromedp.Do(bctx, chromedp.Navigate(framing.URL), chromedp.WaitReady(chromedp.CSS("#dxsim"))); err != nil {
		t.Fatal(err)
	}
	fetched.Lock()
	defer fetched.Unlock()
	if !slices.Contains(fetched.paths, "/console/") {
		t.Fatalf("the framing page never requested the console (requests: %v)", fetched.paths)
	}
	if slices.Contains(fetched.paths, "/console/app.js") {
		t.Errorf("the console rendered inside another site's frame (requests: %v)", fetched.paths)
	}
}
