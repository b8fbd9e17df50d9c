package console_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/dxsim/dxsim/dxsimtest"
)

// browser finds a Chromium to drive, or skips the test.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (chromium, chromium-browser, google-chrome or headless-shell on PATH); on Debian: apt-get install chromium")
	return ""
}

// startBrowser starts a headless Chromium for the test, which the test's
// end stops.
func startBrowser(t *testing.T, exe string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1400, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	bctx, cancelTimeout := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAlloc() })
	return bctx
}

// TestConsoleDrawsALagAndTakesItsDeviceDown creates a LAG of two
// connections with a virtual interface through the SDK, sees the console in
// a real headless Chromium draw it with both members, takes their device down
// and up again with the console's buttons, and sees a change made outside the
// page arrive live.
func TestConsoleDrawsALagAndTakesItsDeviceDown(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	dc := w.Client()
	ctx := context.Background()

	lag, err := dc.CreateLag(ctx, &directconnect.CreateLagInput{
		LagName: aws.String("core"), Location: aws.String("EqDC2"),
		ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lag.Connections) != 2 {
		t.Fatalf("CreateLag made %d connections, want 2", len(lag.Connections))
	}
	if _, err := dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	gw, err := dc.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("core")})
	if err != nil {
		t.Fatal(err)
	}
	vif, err := dc.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: lag.LagId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("to-vpc"), Vlan: 100, Asn: 65000,
			DirectConnectGatewayId: gw.DirectConnectGateway.DirectConnectGatewayId},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Provision()

	lagID, vifID, device := *lag.LagId, *vif.VirtualInterfaceId, *lag.AwsDevice
	members := []string{*lag.Connections[0].ConnectionId, *lag.Connections[1].ConnectionId}
	everything := append([]string{lagID, vifID}, members...)

	bctx := startBrowser(t, exe)

	watchPageErrors(t, bctx)

	state := func(id string) string { return `[data-id="` + id + `"] > .row > .state` }
	wantStates := func(want string, ids ...string) chromedp.Action[chromedp.Void] {
		var acts []chromedp.Action[chromedp.Void]
		for _, id := range ids {
			acts = append(acts, chromedp.WaitVisible(chromedp.CSS(state(id)+`[data-state="`+want+`"]`)))
		}
		return chromedp.Steps(acts...)
	}
	deviceButton := func(class string) string { return `#world [data-device="` + device + `"] button.` + class }

	// Drawn with both members, every resource available.
	if err := chromedp.Do(bctx,
		chromedp.Navigate(w.URL+"/console/?account="+dxsimtest.Account+"&region="+dxsimtest.Region),
		chromedp.WaitVisible(chromedp.CSS(`[data-id="`+lagID+`"] [data-id="`+members[0]+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-id="`+lagID+`"] [data-id="`+members[1]+`"]`)),
		// Each member's port on the device.
		chromedp.WaitVisible(chromedp.CSS(`path.edge[data-from="device:`+device+`"][data-to="`+members[0]+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`path.edge[data-from="device:`+device+`"][data-to="`+members[1]+`"]`)),
		wantStates("available", everything...),
	); err != nil {
		t.Fatalf("the console did not draw the LAG %s with members %v available on %s: %v", lagID, members, device, err)
	}

	// The device down from the console: the LAG, its members and its
	// interface are down, in the page and through the API.
	if err := chromedp.Do(bctx, click(deviceButton("link-down")), wantStates("down", everything...),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-resource="`+lagID+`"] [data-state="down"]`))); err != nil {
		t.Fatalf("after the console took %s down: %v", device, err)
	}
	if got := lagState(t, dc, lagID); got != types.LagStateDown {
		t.Errorf("DescribeLags says %s is %s after its device went down, want down", lagID, got)
	}
	w.Clock.Advance(time.Minute)

	// And back up.
	if err := chromedp.Do(bctx, click(deviceButton("link-up")), wantStates("available", everything...)); err != nil {
		t.Fatalf("after the console brought %s up: %v", device, err)
	}
	if got := lagState(t, dc, lagID); got != types.LagStateAvailable {
		t.Errorf("DescribeLags says %s is %s after its device came back, want available", lagID, got)
	}
	w.Clock.Advance(time.Minute)

	// A change made elsewhere reaches the open page through the event
	// stream, and the timeline lists it.
	if err := w.LinkDown(ctx, members[0]); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, wantStates("down", members[0]),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-resource="`+members[0]+`"] [data-state="down"]`))); err != nil {
		t.Fatalf("a link taken down outside the page did not reach it: %v", err)
	}

	// The clock controls drive the world's clock.
	before := w.Clock.Now()
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#message").textContent = ""`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS("#advance"), "90s"), click("#advance-button"),
		chromedp.WaitVisible(chromedp.CSS(`#message:not(:empty)`))); err != nil {
		t.Fatalf("advancing the clock from the console: %v", err)
	}
	if msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#message"))); err != nil || !strings.Contains(msg, "advanced 90s") {
		t.Errorf("after Advance the console says %q (%v)", msg, err)
	}
	if got := w.Clock.Now().Sub(before); got != 90*time.Second {
		t.Errorf("Advance 90s moved the clock by %v", got)
	}
	// Set time puts the clock at a given time.
	at := w.Clock.Now().Add(time.Hour).UTC().Truncate(time.Second)
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#message").textContent = ""`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.SetValue(chromedp.CSS("#set-time"), at.Format(time.RFC3339)), click("#set-time-button"),
		chromedp.WaitVisible(chromedp.CSS(`#message:not(:empty)`))); err != nil {
		t.Fatalf("setting the clock from the console: %v", err)
	}
	if msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#message"))); err != nil || !strings.Contains(msg, "clock set to") {
		t.Errorf("after Set time the console says %q (%v)", msg, err)
	}
	if got := w.Clock.Now(); !got.Equal(at) {
		t.Errorf("Set time %s put the clock at %s", at, got)
	}

	// Another Region: its locations, and none of this Region's resources.
	switchRegion := `(() => { const s = document.querySelector("#region"); s.value = "eu-west-2"; s.dispatchEvent(new Event("change")); return s.value })()`
	if region, err := chromedp.Run(bctx, chromedp.Evaluate[string](switchRegion)); err != nil || region != "eu-west-2" {
		t.Fatalf("switching the Region: %q %v", region, err)
	}
	if err := chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS(`[data-location="EqLD5"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-location="EqDC2"]`)), chromedp.WaitNotPresent(chromedp.CSS(`[data-id="`+lagID+`"]`))); err != nil {
		t.Fatalf("after switching to eu-west-2: %v", err)
	}
}

// watchPageErrors fails the test for each exception the page does not
// catch.
func watchPageErrors(t *testing.T, bctx context.Context) {
	var pageErrors struct {
		sync.Mutex
		list []string
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			msg := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil {
				msg += " " + x.Description
			}
			pageErrors.Lock()
			pageErrors.list = append(pageErrors.list, msg)
			pageErrors.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pageErrors.Lock()
		defer pageErrors.Unlock()
		for _, e := range pageErrors.list {
			t.Errorf("the console page threw: %s", e)
		}
	})
}

// click clicks the element sel selects from inside the page, in one step:
// the page redraws as events arrive, so a node found by one protocol call
// may be gone by the next.
func click(sel string) chromedp.Action[chromedp.Void] {
	js := `(() => { const e = document.querySelector(` + strconv.Quote(sel) + `); if (!e) return false; e.click(); return true })()`
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for {
			if _, err := chromedp.WaitVisible(chromedp.CSS(sel))(ctx, t); err != nil {
				return chromedp.Void{}, err
			}
			clicked, err := chromedp.Evaluate[bool](js)(ctx, t)
			if err != nil || clicked {
				return chromedp.Void{}, err
			}
		}
	}
}

func lagState(t *testing.T, dc *directconnect.Client, id string) types.LagState {
	t.Helper()
	out, err := dc.DescribeLags(context.Background(), &directconnect.DescribeLagsInput{LagId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	return out.Lags[0].LagState
}

// screenshot writes the page to the file DXSIM_SCREENSHOT names, if any
// (docs/console.png is made so).
func screenshot(ctx context.Context) error {
	path := os.Getenv("DXSIM_SCREENSHOT")
	if path == "" {
		return nil
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join("..", path) // relative to the module root
	}
	return os.WriteFile(path, png, 0o644)
}

// An interface allocated to an account on another account's connection is
// drawn for it, though the connection is not.
func TestConsoleDrawsAnInterfaceAllocatedFromAnotherAccount(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	ctx := context.Background()
	conn, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("shared"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
	if err != nil {
		t.Fatal(err)
	}
	vif, err := w.Client().AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("theirs"), Vlan: 400, Asn: 65000},
	})
	if err != nil {
		t.Fatal(err)
	}
	bctx := startBrowser(t, exe)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(w.URL+"/console/?account="+dxsimtest.OtherAccount+"&region="+dxsimtest.Region),
		chromedp.WaitVisible(chromedp.CSS(`[data-id="`+*vif.VirtualInterfaceId+`"] > .row > .state[data-state="confirming"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-id="`+*conn.ConnectionId+`"]`)),
	); err != nil {
		t.Fatalf("the console of %s did not draw %s (confirming) without %s: %v", dxsimtest.OtherAccount, *vif.VirtualInterfaceId, *conn.ConnectionId, err)
	}
}
