package console_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/chromedp/chromedp"

	"github.com/dxsim/dxsim/dxsimtest"
)

// TestConsoleDrawsTheNetworkAndACutTurnsItsPathRed draws a LAG of two
// members with a private and a transit interface, their Direct Connect
// gateways, the virtual private gateway with its VPC and the transit
// gateway with its allowed prefixes, every edge green; shows a node's
// record as the Describe call answers it; takes the device down from its
// node and sees the path from the customer's router to the interfaces turn
// red in the open page (no reload) and the chart record it; brings it back;
// and holds a BGP session down from its node.
func TestConsoleDrawsTheNetworkAndACutTurnsItsPathRed(t *testing.T) {
	exe := browser(t)
	w := dxsimtest.Start(t)
	dc := w.Client()
	ctx := context.Background()
	n := buildNetwork(t, w)
	bctx := startBrowser(t, exe)
	watchPageErrors(t, bctx)

	edge := func(from, to, tone string) string {
		return `#world path.edge.t-` + tone + `[data-from="` + from + `"][data-to="` + to + `"]`
	}
	// The path of the cut: the customer's router to the device (a
	// cross-connect per member), the device to each member, the LAG to
	// each interface, each interface to its gateway.
	path := func(tone string) []string {
		p := []string{}
		for _, m := range n.members {
			p = append(p, edge("router:"+n.lag, "device:"+n.device, tone), edge("device:"+n.device, m, tone))
		}
		for _, v := range []string{n.privateVIF, n.transitVIF} {
			p = append(p, edge(n.lag, v, tone))
		}
		return append(p, edge(n.privateVIF, n.privateGW, tone), edge(n.transitVIF, n.transitGW, tone))
	}
	visible := func(sels ...string) chromedp.Action[chromedp.Void] {
		var acts []chromedp.Action[chromedp.Void]
		for _, s := range sels {
			acts = append(acts, chromedp.WaitVisible(chromedp.CSS(s)))
		}
		return chromedp.Steps(acts...)
	}
	nodeState := func(id, state string) string {
		return `#world [data-id="` + id + `"] > .row > .state[data-state="` + state + `"]`
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(sel)+`) || {}).textContent || ""`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Drawn left to right, all of it green.
	if err := chromedp.Do(bctx,
		chromedp.Navigate(w.URL+"/console/?account="+dxsimtest.Account+"&region="+dxsimtest.Region),
		visible(path("ok")...),
		visible(nodeState(n.lag, "available"), nodeState(n.privateVIF, "available"), nodeState(n.transitVIF, "available")),
		visible(`#world .node[data-id="`+n.lag+`"] [data-id="`+n.members[0]+`"]`, `#world .node[data-id="`+n.lag+`"] [data-id="`+n.members[1]+`"]`),
		visible(edge(n.privateGW, n.vgw, "ok"), edge(n.vgw, "vpc:"+n.vpc, "ok"), edge(n.transitGW, n.tgw, "ok"), edge(n.tgw, "prefixes:"+n.tgwAssoc, "ok")),
	); err != nil {
		t.Fatalf("the console did not draw the network of %s, all available: %v", n.lag, err)
	}
	if got := count(edge("router:"+n.lag, "device:"+n.device, "ok")); got != 2 {
		t.Errorf("the drawing has %d cross-connects from the customer's router to %s, want one per member (2)", got, n.device)
	}
	if got := count(`#world path.edge:not(.t-ok)`); got != 0 {
		t.Errorf("%d edges of the provisioned network are not green", got)
	}
	if got := text(`#world [data-key="vpc:` + n.vpc + `"]`); !strings.Contains(got, "10.1.0.0/16") {
		t.Errorf("the VPC node reads %q, want its CIDR 10.1.0.0/16", got)
	}
	if got := text(`#world [data-key="prefixes:` + n.tgwAssoc + `"]`); !strings.Contains(got, "10.2.0.0/16") {
		t.Errorf("the transit gateway's prefixes node reads %q, want 10.2.0.0/16", got)
	}
	// The customer's router: its ASN and addresses from the BGP peers.
	vifs, err := dc.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{})
	if err != nil {
		t.Fatal(err)
	}
	router := text(`#world [data-key="router:` + n.lag + `"]`)
	for _, v := range vifs.VirtualInterfaces {
		for _, p := range v.BgpPeers {
			if !strings.Contains(router, "AS 65000") || !strings.Contains(router, *p.CustomerAddress) {
				t.Errorf("the customer router reads %q, want AS 65000 and %s", router, *p.CustomerAddress)
			}
		}
	}
	// Each BGP peer shows the prefixes ListVirtualInterfaceRoutes lists.
	for _, v := range vifs.VirtualInterfaces {
		routes, err := dc.ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: v.VirtualInterfaceId})
		if err != nil {
			t.Fatal(err)
		}
		advertised := 0
		for _, r := range routes.Routes {
			if r.RouteDirection == types.RouteDirectionAdvertised {
				advertised++
			}
		}
		if advertised == 0 {
			t.Errorf("ListVirtualInterfaceRoutes lists nothing advertised on %s", *v.VirtualInterfaceId)
		}
		peer := *v.BgpPeers[0].BgpPeerId
		if got := text(`#world [data-id="` + peer + `"] .session`); !strings.Contains(got, fmt.Sprintf("%d advertised", advertised)) {
			t.Errorf("BGP peer %s reads %q, want the %d prefixes advertised", peer, got, advertised)
		}
	}

	// A click on the LAG shows DescribeLags' answer and its events.
	if err := chromedp.Do(bctx, click(`#world .node[data-id="`+n.lag+`"] > .row`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx,
		visible(`#details pre.record`, `#details .recent li[data-resource="`+n.lag+`"]`)); err != nil {
		t.Fatalf("clicking %s did not show its details: %v\n%s", n.lag, err, text("#details"))
	}
	if got := text(`#details`); !strings.Contains(got, "DescribeLags") || !strings.Contains(got, `"lagId": "`+n.lag+`"`) || !strings.Contains(got, `"awsDevice": "`+n.device+`"`) {
		t.Errorf("the details of %s read %.300q, want DescribeLags' record", n.lag, got)
	}

	// And on the virtual private gateway, EC2's item, in EC2's XML.
	if err := chromedp.Do(bctx, click(`#world .node[data-id="`+n.vgw+`"] > .row`),
		chromedp.WaitVisible(chromedp.CSS(`#details pre.record`))); err != nil {
		t.Fatal(err)
	}
	if got := text(`#details`); !strings.Contains(got, "DescribeVpnGateways") || !strings.Contains(got, "<vpnGatewayId>"+n.vgw+"</vpnGatewayId>") {
		t.Errorf("the details of %s read %.300q, want DescribeVpnGateways' item", n.vgw, got)
	}
	if err := chromedp.Do(bctx, click(`#world .node[data-id="`+n.lag+`"] > .row`), chromedp.WaitVisible(chromedp.CSS(`#details .recent li[data-resource="`+n.lag+`"]`))); err != nil {
		t.Fatal(err)
	}

	// The device down from its node: the path turns red in the open page.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[int](`window.__notReloaded = 1`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, click(`#world [data-device="`+n.device+`"] button.link-down`),
		visible(path("bad")...),
		visible(nodeState(n.lag, "down"), nodeState(n.members[0], "down"), nodeState(n.members[1], "down"), nodeState(n.privateVIF, "down"), nodeState(n.transitVIF, "down")),
		visible(`#chart rect.seg[data-resource="`+n.lag+`"][data-state="down"]`, `#chart rect.seg[data-resource="`+n.privateVIF+`"][data-state="down"]`),
	); err != nil {
		t.Fatalf("after %s went down from the drawing: %v", n.device, err)
	}
	if got := lagState(t, dc, n.lag); got != types.LagStateDown {
		t.Errorf("DescribeLags says %s is %s after its device went down, want down", n.lag, got)
	}
	if reloaded, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`window.__notReloaded !== 1`)); err != nil || reloaded {
		t.Errorf("the page was reloaded to show the cut (%v)", err)
	}
	// Beyond the interfaces the gateways stay as they are.
	if got := count(edge(n.privateGW, n.vgw, "ok")); got != 1 {
		t.Errorf("the association of %s to %s is not drawn green while the device is down", n.privateGW, n.vgw)
	}
	if err := screenshot(bctx); err != nil {
		t.Fatal(err)
	}

	// Back up: green again, and the chart has the LAG down, then up.
	w.Clock.Advance(2 * time.Minute)
	if err := chromedp.Do(bctx, click(`#world [data-device="`+n.device+`"] button.link-up`), visible(path("ok")...),
		visible(nodeState(n.lag, "available"), nodeState(n.privateVIF, "available")),
		visible(`#chart g[data-resource="`+n.lag+`"] rect.seg:last-of-type[data-state="available"]`)); err != nil {
		t.Fatalf("after %s came back up from the drawing: %v", n.device, err)
	}
	states, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#chart rect.seg[data-resource="`+n.lag+`"]')].map((r) => r.dataset.state)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(states) < 3 || states[len(states)-1] != "available" || states[len(states)-2] != "down" {
		t.Errorf("the chart's row of %s has the states %v, want it ending down, then available", n.lag, states)
	}

	// A BGP session held down from its node.
	peer := *vifs.VirtualInterfaces[0].BgpPeers[0].BgpPeerId
	if err := chromedp.Do(bctx, click(`#world [data-id="`+peer+`"] button.bgp-down`),
		visible(`#world [data-id="`+peer+`"] .session .state[data-state="down"]`, `#chart rect.seg[data-resource="`+peer+`"][data-state="down"]`)); err != nil {
		t.Fatalf("holding %s down from the drawing: %v", peer, err)
	}
	out, err := dc.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: vifs.VirtualInterfaces[0].VirtualInterfaceId})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.VirtualInterfaces[0].BgpPeers[0].BgpStatus; got != types.BGPStatusDown {
		t.Errorf("DescribeVirtualInterfaces says the session of %s is %s, want down", peer, got)
	}

	// A fibre cut made outside the page reaches it through the event
	// stream: the cut member's cross-connect turns red, the other's stays
	// green.
	w.Clock.Advance(time.Minute)
	if err := w.LinkDown(ctx, n.members[0]); err != nil {
		t.Fatal(err)
	}
	crossConnect := func(member, tone string) string {
		return `#world path.edge.t-` + tone + `[data-id="` + member + `"][data-from="router:` + n.lag + `"]`
	}
	if err := chromedp.Do(bctx, visible(crossConnect(n.members[0], "bad"), crossConnect(n.members[1], "ok"), nodeState(n.members[0], "down"),
		`#chart rect.seg[data-resource="`+n.members[0]+`"][data-state="down"]`)); err != nil {
		t.Fatalf("a cut of %s made outside the page did not reach its drawing: %v", n.members[0], err)
	}
}

// A partner's drawing hangs the hosted connections it allocated under
// their interconnect, each with its VLAN and its customer's account.
func TestConsoleHangsHostedConnectionsUnderTheirInterconnect(t *testing.T) {
	exe := browser(t)
	w, ic, hc := partnerWithHostedConnection(t)
	bctx := startBrowser(t, exe)
	watchPageErrors(t, bctx)
	row := `#world .node[data-id="` + *ic.InterconnectId + `"] .sub[data-id="` + *hc.ConnectionId + `"]`
	if err := chromedp.Do(bctx,
		chromedp.Navigate(w.URL+"/console/?account="+partner+"&region="+dxsimtest.Region),
		chromedp.WaitVisible(chromedp.CSS(row+` > .row > .state[data-state="ordering"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#world path.edge[data-from="device:`+*ic.AwsDevice+`"][data-to="`+*ic.InterconnectId+`"]`)),
	); err != nil {
		t.Fatalf("the partner's drawing does not hang %s under %s: %v", *hc.ConnectionId, *ic.InterconnectId, err)
	}
	got, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(row)))
	if err != nil || !strings.Contains(got, "VLAN 101") || !strings.Contains(got, dxsimtest.Account) {
		t.Errorf("the hosted connection reads %q (%v), want VLAN 101 and account %s", got, err, dxsimtest.Account)
	}
}
