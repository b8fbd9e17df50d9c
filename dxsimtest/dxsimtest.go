// Package dxsimtest runs a dxsim world inside a Go test: an in-memory
// Direct Connect emulator on a loopback port, on a manual clock, with
// aws.Config values for any account and Region and the controls of the
// simulated world (clock, links down and up, provisioning).
//
// A test of code that uses aws-sdk-go-v2 starts a world and builds its
// clients from the world's configuration:
//
//	w := dxsimtest.Start(t)
//	client := directconnect.NewFromConfig(w.AWSConfig(dxsimtest.Account, "eu-west-1"))
//
// Every world is separate and lives until the test ends. The clock stands
// still until the test moves it (w.Clock.Advance, or w.Provision to finish
// every provisioning timeline), so tests never wait and never race real time.
package dxsimtest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/smithy-go"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/operator"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
	"github.com/dxsim/dxsim/store/storetest"
)

// Account IDs of tests. An access key ID of 12 digits is that account.
const (
	Account      = "111122223333"
	OtherAccount = "444455556666"
	Region       = "us-east-1"
)

// ServerOnPostgres, when set (with DXSIM_TEST_POSTGRES), serves every world
// Start would keep in memory from a PostgreSQL schema of its own, so that a
// whole API suite runs on that backend.
const ServerOnPostgres = "DXSIM_TEST_SERVER_ON_POSTGRES"

// Epoch is where the clock of a new world stands.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// World is a dxsim server on a clock in manual mode.
type World struct {
	// URL is the endpoint of the AWS API and of the admin API.
	URL string
	// Clock is the world's simulated clock, in manual mode at Epoch.
	Clock *sim.WorldClock
	// Config is the configuration the world was opened with.
	Config server.Config
	// Server is the world itself.
	Server *server.Server
	http   *httptest.Server
}

// New starts a world with an in-memory store and a frozen clock; adjust
// changes its configuration (quotas, timings, partners) before it starts.
// Close stops it.
func New(adjust ...func(*server.Config)) (*World, error) {
	cfg := server.DefaultConfig()
	cfg.DataPath = ":memory:"
	// Every update runs twice, the first run rolled back, so that code
	// which is not safe to retry (the store's contract) fails in tests.
	cfg.OpenStore = func(data string) (store.Store, error) {
		st, err := backend.Open(data)
		if err != nil {
			return nil, err
		}
		return storetest.Twice(st), nil
	}
	w := &World{Clock: sim.NewManualClock(Epoch)}
	cfg.Clock = w.Clock
	for _, f := range adjust {
		f(&cfg)
	}
	srv, err := server.Open(cfg)
	if err != nil {
		return nil, err
	}
	w.http = httptest.NewServer(srv.Handler())
	w.URL, w.Config, w.Server = w.http.URL, cfg, srv
	return w, nil
}

// Start starts a world as New does and stops it when t ends.
func Start(t testing.TB, adjust ...func(*server.Config)) *World {
	t.Helper()
	if os.Getenv(ServerOnPostgres) != "" {
		adjust = append(adjust, func(cfg *server.Config) {
			if cfg.DataPath == ":memory:" {
				cfg.DataPath = pgtest.URL(t)
			}
		})
	}
	w, err := New(adjust...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

// Close stops the world.
func (w *World) Close() {
	w.http.Close()
	w.Server.Close(context.Background())
}

// AWSConfig returns a configuration that signs as account in region and
// sends every request to the world. Its clients make one attempt per call,
// so that a test sees every answer as the world gave it.
func (w *World) AWSConfig(account, region string) aws.Config {
	return aws.Config{
		Region:           region,
		BaseEndpoint:     aws.String(w.URL),
		Credentials:      credentials.NewStaticCredentialsProvider(account, "secret", ""),
		RetryMaxAttempts: 1,
		HTTPClient:       &http.Client{Transport: ownBody{http.DefaultTransport}},
	}
}

// Client returns a Direct Connect client of Account in Region.
func (w *World) Client() *directconnect.Client { return w.ClientFor(Account, Region) }

// ClientFor returns a Direct Connect client signing as account in region.
func (w *World) ClientFor(account, region string) *directconnect.Client {
	return directconnect.NewFromConfig(w.AWSConfig(account, region))
}

// ownBody sends a copy of each request body. The SDK may close a body while
// the transport still writes it (aws/aws-sdk-go-v2#2737), which drops the
// connection after the server applied the request; a retry is not safe then.
type ownBody struct{ next http.RoundTripper }

func (t ownBody) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return t.next.RoundTrip(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	r = r.Clone(r.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return t.next.RoundTrip(r)
}

// Provision advances the clock past the whole provisioning timeline, so
// that connections whose LOA was downloaded so far are available, with
// their virtual interfaces and MACsec keys.
func (w *World) Provision() {
	t := w.Config.Service.Timings
	w.Clock.Advance(t.CrossConnect + t.Pending + t.Verifying + t.VirtualInterface + t.MacSecKey + t.Gateway)
}

// LinkDown takes a connection, an interconnect, a LAG's members, every
// port of a device (an awsDevice name) or a whole location down, as a
// fibre cut would: the resources on it turn down, and so do their virtual
// interfaces and BGP sessions.
func (w *World) LinkDown(ctx context.Context, id string) error {
	_, err := w.Server.Controls().LinkDown(ctx, id)
	return err
}

// LinkUp ends the outage LinkDown started.
func (w *World) LinkUp(ctx context.Context, id string) error {
	_, err := w.Server.Controls().LinkUp(ctx, id)
	return err
}

// SetBGPStatus holds a BGP peer's session "down", or lets it come "up".
func (w *World) SetBGPStatus(ctx context.Context, peerID, status string) error {
	_, err := w.Server.Controls().SetBGPStatus(ctx, peerID, status)
	return err
}

// CompleteProvisioning makes a resource (and what it carries) reach its
// provisioned state now; StallProvisioning holds it where it is.
func (w *World) CompleteProvisioning(ctx context.Context, id string) error {
	_, err := w.Server.Controls().Provision(ctx, id, operator.ProvisioningComplete)
	return err
}

// StallProvisioning holds a resource in its current provisioning state
// until CompleteProvisioning.
func (w *World) StallProvisioning(ctx context.Context, id string) error {
	_, err := w.Server.Controls().Provision(ctx, id, operator.ProvisioningStall)
	return err
}

// Events lists the world's event log: every state change up to now.
func (w *World) Events(ctx context.Context, f core.EventFilter) ([]core.Event, error) {
	return w.Server.Controls().Events(ctx, f)
}

// WantError fails t unless err is an API error of type code, answered with
// an HTTP 4xx, whose message contains every one of parts.
func WantError(t testing.TB, err error, code string, parts ...string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got error %v, want a %s API error", err, code)
	}
	if apiErr.ErrorCode() != code {
		t.Fatalf("got %s (%s), want %s", apiErr.ErrorCode(), apiErr.ErrorMessage(), code)
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		if s := respErr.HTTPStatusCode(); s < 400 || s > 499 {
			t.Errorf("%s came with HTTP status %d, want 4xx", code, s)
		}
	}
	for _, p := range parts {
		if !strings.Contains(apiErr.ErrorMessage(), p) {
			t.Errorf("message %q does not mention %q", apiErr.ErrorMessage(), p)
		}
	}
}
