package metrics_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/metrics"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET %s answered %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return string(b)
}

func wantLines(t *testing.T, got string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains("\n"+got, "\n"+l+"\n") {
			t.Errorf("metrics lack %q", l)
		}
	}
}

func TestMetricsCountRequestsAndResources(t *testing.T) {
	w := dxsimtest.Start(t)
	dc := w.Client()
	ctx := context.Background()
	in := &directconnect.CreateConnectionInput{ConnectionName: aws.String("a"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")}
	c, err := dc.CreateConnection(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Bandwidth = aws.String("7Gbps")
	_, err = dc.CreateConnection(ctx, in)
	dxsimtest.WantError(t, err, "DirectConnectClientException")
	lag, err := dc.CreateLag(ctx, &directconnect.CreateLagInput{LagName: aws.String("l"), Location: aws.String("EqDC2"),
		ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: 2})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, w.URL, strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "OvertureService.NoSuchOperation")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, err := w.EC2For(dxsimtest.Account, dxsimtest.Region).CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")}); err != nil {
		t.Fatal(err)
	}

	got := scrape(t, w.URL+"/metrics")
	wantLines(t, got,
		`dxsim_requests_total{operation="CreateConnection",service="directconnect",status="200"} 1`,
		`dxsim_requests_total{operation="CreateConnection",service="directconnect",status="400"} 1`,
		`dxsim_requests_total{operation="CreateLag",service="directconnect",status="200"} 1`,
		`dxsim_requests_total{operation="unknown",service="directconnect",status="400"} 1`,
		`dxsim_requests_total{operation="CreateVpc",service="ec2",status="200"} 1`,
		`dxsim_request_duration_seconds_count{operation="CreateConnection",service="directconnect"} 2`,
		`dxsim_resources{kind="connection",state="requested"} 3`,
		`dxsim_resources{kind="lag",state="requested"} 1`,
	)
	if strings.Contains(got, "NoSuchOperation") {
		t.Errorf("an unknown operation became a label value:\n%s", got)
	}
	if strings.Contains(got, "dxsim_store_") {
		t.Errorf("store metrics shown for a store that does not report them")
	}

	for _, id := range []*string{c.ConnectionId, lag.LagId} {
		if _, err := dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: id}); err != nil {
			t.Fatal(err)
		}
	}
	w.Provision()
	wantLines(t, scrape(t, w.URL+"/metrics"), `dxsim_resources{kind="connection",state="available"} 3`, `dxsim_resources{kind="lag",state="available"} 1`)
	if err := w.LinkDown(ctx, "EqDC2"); err != nil {
		t.Fatal(err)
	}
	wantLines(t, scrape(t, w.URL+"/metrics"), `dxsim_resources{kind="connection",state="down"} 3`, `dxsim_resources{kind="lag",state="down"} 1`)
}

func TestStoreMetricsOfAnObservableStore(t *testing.T) {
	w := dxsimtest.Start(t)
	m := metrics.New(w.Server.Controls())
	o := m.ObserveStore()
	o.TxRetried()
	o.TxRetried()
	o.CommitBatch(3)
	o.CommitBatch(1)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	wantLines(t, scrape(t, srv.URL),
		`dxsim_store_tx_retries_total 2`,
		`dxsim_store_commit_batch_size_count 2`,
		`dxsim_store_commit_batch_size_sum 4`,
		`dxsim_store_commit_batch_size_bucket{le="2"} 1`,
	)
}

// TestSQLiteFileStoreReportsItsCommits: the SQLite file store, served as
// dxsim serves it (not wrapped), reports each group commit to /metrics.
func TestSQLiteFileStoreReportsItsCommits(t *testing.T) {
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.DataPath = filepath.Join(t.TempDir(), "world.db")
		cfg.OpenStore = backend.Open
	})
	ctx := context.Background()
	for _, name := range []string{"a", "b"} {
		if _, err := w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{ConnectionName: aws.String(name),
			Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps")}); err != nil {
			t.Fatal(err)
		}
	}
	body := scrape(t, w.URL+"/metrics")
	var commits int
	for _, l := range strings.Split(body, "\n") {
		if n, ok := strings.CutPrefix(l, "dxsim_store_commit_batch_size_count "); ok {
			commits, _ = strconv.Atoi(n)
		}
	}
	// Two creates, and the clock and settings a new world saves.
	if commits < 2 {
		t.Errorf("dxsim_store_commit_batch_size_count = %d after two creates, want at least 2:\n%s", commits, body)
	}
}

// TestMetricsNeedTheAdminTokenWhenOneIsSet: with --admin-token, /metrics
// answers only a scrape that carries it (as Prometheus's authorization
// credentials), 401 otherwise; without a token it stays open. Either way a
// page's foreign Host is refused.
func TestMetricsNeedTheAdminTokenWhenOneIsSet(t *testing.T) {
	const token = "scrape-token"
	get := func(w *dxsimtest.World, host, auth string) (int, string, http.Header) {
		req, _ := http.NewRequest(http.MethodGet, w.URL+"/metrics", nil)
		if host != "" {
			req.Host = host
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	w := dxsimtest.Start(t, func(c *server.Config) { c.AdminToken = token })
	for _, auth := range []string{"", "Bearer wrong", "Bearer " + token + "x", "Basic " + token} {
		status, body, h := get(w, "", auth)
		if status != http.StatusUnauthorized || !strings.Contains(body, "/metrics needs Authorization: Bearer TOKEN") || !strings.Contains(body, "--admin-token") ||
			h.Get("WWW-Authenticate") == "" || strings.Contains(body, "go_goroutines") {
			t.Errorf("Authorization %q: %d %s, want 401 naming the token", auth, status, body)
		}
	}
	if status, body, _ := get(w, "", "Bearer "+token); status != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("with the token: %d %.200s", status, body)
	}
	if status, body, _ := get(w, "evil.example", "Bearer "+token); status != http.StatusForbidden || !strings.Contains(body, "--host") {
		t.Errorf("a foreign Host with the token: %d %s, want 403", status, body)
	}

	open := dxsimtest.Start(t)
	if status, body, _ := get(open, "", ""); status != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("without a token set: %d %.200s", status, body)
	}
	if status, _, _ := get(open, "evil.example", ""); status != http.StatusForbidden {
		t.Errorf("a foreign Host without a token set: %d, want 403", status)
	}
}
