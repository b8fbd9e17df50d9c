// Package dxtest runs a dxsim world in-process for tests and gives them real
// aws-sdk-go-v2 Direct Connect clients for any account and Region.
package dxtest

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
	"github.com/dxsim/dxsim/internal/pgtest"
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

// ServerOnPostgres, when set (with DXSIM_TEST_POSTGRES), serves every test
// world that would be in memory from a PostgreSQL schema of its own, so the
// whole API suite runs on that backend.
const ServerOnPostgres = "DXSIM_TEST_SERVER_ON_POSTGRES"

// World is a dxsim server on a clock in manual mode.
type World struct {
	URL    string
	Clock  *sim.WorldClock
	Config server.Config
	Server *server.Server
}

// Start starts a world with an in-memory store and a frozen clock; change
// cfg to adjust quotas and timings before it starts.
func Start(t testing.TB, adjust ...func(*server.Config)) *World {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.DataPath = ":memory:"
	// Every update runs twice, the first run rolled back, so a test fails
	// where an operation is not safe to retry (the store contract).
	cfg.OpenStore = func(data string) (store.Store, error) {
		st, err := backend.Open(data)
		if err != nil {
			return nil, err
		}
		return storetest.Twice(st), nil
	}
	w := &World{Clock: sim.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}
	cfg.Clock = w.Clock
	for _, f := range adjust {
		f(&cfg)
	}
	if os.Getenv(ServerOnPostgres) != "" && cfg.DataPath == ":memory:" {
		cfg.DataPath = pgtest.URL(t)
	}
	srv, err := server.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		srv.Close(context.Background())
	})
	w.URL, w.Config, w.Server = hs.URL, cfg, srv
	return w
}

// Client returns a Direct Connect client of the default test account in
// us-east-1.
func (w *World) Client() *directconnect.Client { return w.ClientFor(Account, Region) }

// ClientFor returns a Direct Connect client signing as account in region.
func (w *World) ClientFor(account, region string) *directconnect.Client {
	return directconnect.New(directconnect.Options{
		Region:       region,
		BaseEndpoint: aws.String(w.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(account, "secret", ""),
		// The SDK retries throttling and 5xx; a test must see every answer.
		RetryMaxAttempts: 1,
		HTTPClient:       &http.Client{Transport: ownBody{http.DefaultTransport}},
	})
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
