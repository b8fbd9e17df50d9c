package console_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"

	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestBrowserGetOfRootOpensTheConsoleAndPostStaysTheAPI(t *testing.T) {
	w := dxsimtest.Start(t)
	resp, _ := get(t, w.URL+"/")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != console.Prefix {
		t.Errorf("GET / answered %d to %q, want 302 to %s", resp.StatusCode, resp.Header.Get("Location"), console.Prefix)
	}
	resp, body := get(t, w.URL+console.Prefix)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<title>dxsim console</title>") {
		t.Errorf("GET %s answered %d %.80q, want the console page", console.Prefix, resp.StatusCode, body)
	}
	for _, asset := range []string{"app.js", "style.css"} {
		if resp, _ := get(t, w.URL+console.Prefix+asset); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %d", asset, resp.StatusCode)
		}
	}
	if strings.Contains(string(body), "http://") || strings.Contains(string(body), "https://") {
		t.Errorf("the console page loads something from elsewhere:\n%s", body)
	}
	// The SDK's POST / is the API, as before.
	if _, err := w.Client().DescribeLocations(context.Background(), &directconnect.DescribeLocationsInput{}); err != nil {
		t.Errorf("DescribeLocations through POST /: %v", err)
	}
}

func TestWorldIsTheAccountsInItsRegion(t *testing.T) {
	w := dxsimtest.Start(t)
	ctx := context.Background()
	lag, err := w.Client().CreateLag(ctx, &directconnect.CreateLagInput{LagName: aws.String("core"), Location: aws.String("EqDC2"),
		ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ClientFor(dxsimtest.OtherAccount, "eu-west-2").CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("theirs"), Location: aws.String("EqLD5"), Bandwidth: aws.String("1Gbps")}); err != nil {
		t.Fatal(err)
	}

	var world console.World
	resp, body := get(t, w.URL+"/console/api/world?account="+dxsimtest.Account+"&region=us-east-1")
	if err := json.Unmarshal(body, &world); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("world answered %d %s (%v)", resp.StatusCode, body, err)
	}
	if len(world.Lags) != 1 || *lag.LagId != world.Lags[0].LagID || len(world.Lags[0].Connections) != 2 || len(world.Connections) != 2 {
		t.Errorf("world has LAGs %+v and %d connections, want %s with 2 members", world.Lags, len(world.Connections), *lag.LagId)
	}
	used := 0
	for _, s := range world.Sites {
		if s.Region != "us-east-1" {
			t.Errorf("site %s of %s in the us-east-1 world", s.LocationCode, s.Region)
		}
		for _, d := range s.Devices {
			if d.AwsDevice == *lag.AwsDevice {
				used = d.PortsInUse
			}
		}
	}
	if used != 2 {
		t.Errorf("device %s shows %d ports in use, want the LAG's 2", *lag.AwsDevice, used)
	}

	resp, body = get(t, w.URL+"/console/api/world?account="+dxsimtest.OtherAccount+"&region=eu-west-2")
	json.Unmarshal(body, &world)
	if len(world.Connections) != 1 || world.Connections[0].ConnectionName != "theirs" || len(world.Lags) != 0 {
		t.Errorf("the other account's eu-west-2 world: %d connections, %d LAGs; want only its own connection", len(world.Connections), len(world.Lags))
	}
	if resp, _ := get(t, w.URL+"/console/api/world?account=12"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an account of 2 digits answered %d, want 400", resp.StatusCode)
	}
}

func TestLoaDownloadIsAPDF(t *testing.T) {
	w := dxsimtest.Start(t)
	c, err := w.Client().CreateConnection(context.Background(), &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("a"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, w.URL+"/console/api/loa/"+*c.ConnectionId+"?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(body), "%PDF-") {
		t.Errorf("LOA download answered %d %s %.10q, want a PDF", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("LOA download is not an attachment: %q", resp.Header.Get("Content-Disposition"))
	}
	// Another account cannot download it.
	resp, body = get(t, w.URL+"/console/api/loa/"+*c.ConnectionId+"?account="+dxsimtest.OtherAccount+"&region="+dxsimtest.Region)
	if resp.StatusCode != http.StatusBadRequest || strings.HasPrefix(string(body), "%PDF-") {
		t.Errorf("another account's LOA download answered %d, want 400 without the PDF", resp.StatusCode)
	}
}

// streamEvents reads a console event stream, sending each event's name and
// data on the channel until the stream ends.
func streamEvents(t *testing.T, ctx context.Context, url string) <-chan [2]string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan [2]string)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		lines := bufio.NewScanner(resp.Body)
		event := ""
		for lines.Scan() {
			if name, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				event = name
			} else if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				select {
				case out <- [2]string{event, data}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

// waitFor reads events until one named name whose data contains part.
func waitFor(t *testing.T, events <-chan [2]string, name, part string) {
	t.Helper()
	for e := range events {
		if e[0] == name && strings.Contains(e[1], part) {
			return
		}
	}
	t.Fatalf("the stream ended without a %s event with %q", name, part)
}

func TestEventStreamStartsAgainWhenTheClockIsSetBack(t *testing.T) {
	w := dxsimtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	events := streamEvents(t, ctx, w.URL+"/console/api/events?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	create := func(name string) string {
		c, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
			ConnectionName: aws.String(name), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
		if err != nil {
			t.Fatal(err)
		}
		return *c.ConnectionId
	}
	w.Clock.Advance(time.Hour)
	waitFor(t, events, "change", create("later"))
	if err := w.Clock.Set(dxsimtest.Epoch, "manual", 0); err != nil {
		t.Fatal(err)
	}
	waitFor(t, events, "history", "set back")
	waitFor(t, events, "change", create("earlier"))
}

func TestEventStreamSendsTheAccountsChanges(t *testing.T) {
	w := dxsimtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.URL+"/console/api/events?account="+dxsimtest.Account+"&region="+dxsimtest.Region, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q, want text/event-stream", ct)
	}
	// The other account's connection comes first in the log, so a stream
	// that let it through would send it before ours.
	theirs, err := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("b"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
	if err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(time.Second)
	mine, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("a"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")})
	if err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(resp.Body)
	event := ""
	for lines.Scan() {
		line := lines.Text()
		if name, ok := strings.CutPrefix(line, "event: "); ok {
			event = name
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok || event != "change" {
			continue
		}
		var e struct{ Resource, NewState, Account string }
		json.Unmarshal([]byte(data), &e)
		if e.Resource == *theirs.ConnectionId || e.Account != dxsimtest.Account {
			t.Fatalf("the stream of %s sent another account's event: %s", dxsimtest.Account, data)
		}
		if e.Resource == *mine.ConnectionId && e.NewState == "requested" {
			return
		}
	}
	t.Fatalf("the stream ended without the new connection's event: %v", lines.Err())
}

func TestPartnerWorldHasInterconnectsWithTheirHostedConnections(t *testing.T) {
	w, ic, hc := partnerWithHostedConnection(t)

	var world console.World
	_, body := get(t, w.URL+"/console/api/world?account="+partner+"&region="+dxsimtest.Region)
	if err := json.Unmarshal(body, &world); err != nil {
		t.Fatal(err)
	}
	hosted := world.HostedConnections[*ic.InterconnectId]
	if len(world.Interconnects) != 1 || len(hosted) != 1 || hosted[0].ConnectionID != *hc.ConnectionId {
		t.Errorf("partner world: interconnects %+v, hosted %+v; want %s hosting %s", world.Interconnects, world.HostedConnections, *ic.InterconnectId, *hc.ConnectionId)
	}
	_, body = get(t, w.URL+"/console/api/world?account="+dxsimtest.Account+"&region="+dxsimtest.Region)
	world = console.World{}
	json.Unmarshal(body, &world)
	if len(world.Interconnects) != 0 || len(world.Connections) != 1 || world.Connections[0].ConnectionState != "ordering" {
		t.Errorf("customer world: %d interconnects, connections %+v; want its hosted connection, ordering", len(world.Interconnects), world.Connections)
	}
}

// partner is the Partner account of partnerWithHostedConnection's world.
const partner = "777788889999"

// partnerWithHostedConnection starts a world where partner has an
// interconnect at EqDC2 and has allocated a 500Mbps hosted connection on
// it (VLAN 101) to dxsimtest.Account.
func partnerWithHostedConnection(t *testing.T) (*dxsimtest.World, *directconnect.CreateInterconnectOutput, *directconnect.AllocateHostedConnectionOutput) {
	t.Helper()
	w := dxsimtest.Start(t, func(c *server.Config) {
		c.Service.Partners = []dx.Partner{{Account: partner, Name: "Example Networks"}}
	})
	ctx := context.Background()
	p := w.ClientFor(partner, dxsimtest.Region)
	ic, err := p.CreateInterconnect(ctx, &directconnect.CreateInterconnectInput{InterconnectName: aws.String("ic1"), Bandwidth: aws.String("10Gbps"), Location: aws.String("EqDC2")})
	if err != nil {
		t.Fatal(err)
	}
	hc, err := p.AllocateHostedConnection(ctx, &directconnect.AllocateHostedConnectionInput{ConnectionId: ic.InterconnectId, OwnerAccount: aws.String(dxsimtest.Account),
		Bandwidth: aws.String("500Mbps"), ConnectionName: aws.String("acme"), Vlan: 101})
	if err != nil {
		t.Fatal(err)
	}
	return w, ic, hc
}
