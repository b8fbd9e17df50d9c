package console_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/chromedp/chromedp"

	"github.com/dxsim/dxsim/dxsimtest"
)

// TestConsoleAlarmBadgeFollowsItsConnection: a connection with an alarm
// on its ConnectionState wears the alarm's badge, green while OK (and a
// grey one for an alarm whose metric has no data); taken
// down from the drawing, with the clock advanced through the admin API
// (outside the page), the badge turns red ALARM in the open page (no
// reload); a click on it shows DescribeAlarms' record and the alarm's
// history, and the chart has its row; brought back up, the badge is OK
// again.
func TestConsoleAlarmBadgeFollowsItsConnection(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	ctx := context.Background()
	dc := w.Client()
	conn := *dxsimtest.ReadyConnection(t, dc, "EqDC2", "1Gbps").ConnectionId
	w.Provision()
	w.Clock.Advance(2 * time.Minute) // a whole minute available
	cw := cloudWatch(w, dxsimtest.Account, dxsimtest.Region)
	putAlarm(t, cw, "conn-down", "ConnectionState", 1, "ConnectionId", conn)
	// The receive light is by lane: without its OpticalLaneNumber, the
	// alarm's metric has no data.
	putAlarm(t, cw, "no-lane", "ConnectionLightLevelRx", -30, "ConnectionId", conn)
	described := func(t *testing.T, name string) types.MetricAlarm {
		t.Helper()
		out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
		if err != nil || len(out.MetricAlarms) != 1 {
			t.Fatalf("DescribeAlarms %s: %v", name, err)
		}
		return out.MetricAlarms[0]
	}
	advance := func() { dxsimtest.Admin(t, w, "POST", "/_dxsim/clock/advance", `{"duration": "2m"}`) }
	advance()

	bctx := startBrowser(t, exe)
	watchPageErrors(t, bctx)
	node := `#world .node[data-id="` + conn + `"]`
	badgeOf := func(name string) string { return node + ` .alarms button.alarm[data-alarm="` + name + `"]` }
	badge := badgeOf("conn-down")
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// colour is the badge's background, and the colour the page names
	// tone (style.css: --ok, --bad), both as the browser computes them.
	colour := func(badge, tone string) (got, want string) {
		t.Helper()
		got = eval(`getComputedStyle(document.querySelector(` + strconv.Quote(badge) + `)).backgroundColor`)
		want = eval(`(() => { const p = document.createElement("i"); p.style.color = "var(--` + tone + `)"; document.body.append(p);
			const c = getComputedStyle(p).color; p.remove(); return c })()`)
		return got, want
	}
	wantBadge := func(name, state, tone string) {
		t.Helper()
		badge := badgeOf(name)
		wait, cancel := context.WithTimeout(bctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wait, chromedp.WaitVisible(chromedp.CSS(badge+`[data-state="`+state+`"]`))); err != nil {
			t.Fatalf("the badge of %s on %s is not %s: %v; it reads %q", name, conn, state, err, eval(`(document.querySelector(`+strconv.Quote(badge)+`) || {}).textContent || ""`))
		}
		if got := eval(`document.querySelector(` + strconv.Quote(badge) + `).textContent`); got != name+" "+state {
			t.Errorf("the badge reads %q, want its name and state %q", got, name+" "+state)
		}
		if got, want := colour(badge, tone); got != want {
			t.Errorf("the %s badge of %s is %s, want %s (%s)", state, name, got, want, tone)
		}
		if got := described(t, name).StateValue; got != types.StateValue(state) {
			t.Errorf("DescribeAlarms says %s is %s while its badge is %s", name, got, state)
		}
	}

	if err := chromedp.Do(bctx, chromedp.Navigate(w.URL+"/console/?account="+dxsimtest.Account+"&region="+dxsimtest.Region),
		chromedp.WaitVisible(chromedp.CSS(node+` > .row > .state[data-state="available"]`))); err != nil {
		t.Fatalf("the console did not draw %s: %v", conn, err)
	}
	wantBadge("conn-down", "OK", "ok")
	wantBadge("no-lane", "INSUFFICIENT_DATA", "gone")
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[int](`window.__notReloaded = 1`)); err != nil {
		t.Fatal(err)
	}

	// Down from the drawing; the clock moves outside the page, so only the
	// event stream can tell it of the transition. The page has its
	// connection's down event first, and the redraw that asks for (150 ms
	// later) done, so that the alarm's own event is what redraws it next.
	if err := chromedp.Do(bctx, click(node+` > .actions > button.link-down`),
		chromedp.WaitVisible(chromedp.CSS(node+` > .row > .state[data-state="down"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-resource="`+conn+`"] [data-state="down"]`)),
		chromedp.Sleep(time.Second)); err != nil {
		t.Fatalf("taking %s down from the drawing: %v", conn, err)
	}
	if got := eval(`document.querySelector(` + strconv.Quote(badge) + `).dataset.state`); got != "OK" {
		t.Fatalf("conn-down is %s as soon as %s is down, before the clock moved a minute; want OK", got, conn)
	}
	advance()
	wantBadge("conn-down", "ALARM", "bad")
	if reloaded, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`window.__notReloaded !== 1`)); err != nil || reloaded {
		t.Errorf("the page was reloaded to show the alarm (%v)", err)
	}

	// The badge's details: DescribeAlarms' record, the history with the
	// transition, and the transition among the page's events.
	if err := chromedp.Do(bctx, click(badge),
		chromedp.WaitVisible(chromedp.CSS(`#details pre.record`)),
		chromedp.WaitVisible(chromedp.CSS(`#details .history li[data-type="StateUpdate"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#details .recent li [data-state="ALARM"]`))); err != nil {
		t.Fatalf("clicking the badge did not show the alarm's details: %v\n%s", err, eval(`document.querySelector("#details").textContent`))
	}
	details := eval(`document.querySelector("#details").textContent`)
	for _, want := range []string{"DescribeAlarms", `"AlarmName": "conn-down"`, `"StateValue": "ALARM"`, `"Value": "` + conn + `"`,
		"DescribeAlarmHistory", "Alarm updated from OK to ALARM"} {
		if !strings.Contains(details, want) {
			t.Errorf("the alarm's details lack %q:\n%s", want, details)
		}
	}
	arn := *described(t, "conn-down").AlarmArn
	if err := chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS(`#chart g[data-resource="`+arn+`"] rect.seg:last-of-type[data-state="ALARM"]`))); err != nil {
		t.Errorf("the chart's row of conn-down does not end in ALARM: %v", err)
	}
	if got := eval(`document.querySelector("#details .history li").dataset.type`); got != "StateUpdate" {
		t.Errorf("the newest history item is %s, want the StateUpdate to ALARM first", got)
	}

	// Back up from the drawing: OK again.
	if err := chromedp.Do(bctx, click(node+` > .actions > button.link-up`),
		chromedp.WaitVisible(chromedp.CSS(node+` > .row > .state[data-state="available"]`))); err != nil {
		t.Fatalf("bringing %s up from the drawing: %v", conn, err)
	}
	advance()
	wantBadge("conn-down", "OK", "ok")
	if err := chromedp.Do(bctx, chromedp.WaitVisible(chromedp.CSS(`#details .recent li:first-child [data-state="OK"]`))); err != nil {
		t.Errorf("the selected alarm's recent events do not end with OK: %v\n%s", err, eval(`document.querySelector("#details").textContent`))
	}
}
