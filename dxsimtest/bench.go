package dxsimtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// BenchCatalog has one location whose device never runs out of ports, so
// that a benchmark can create as many connections as it is asked for.
const BenchCatalog = `{"locations": [{
	"locationCode": "BNCH1", "locationName": "Benchmark Site 1", "region": "us-east-1",
	"availablePortSpeeds": ["1Gbps", "10Gbps"], "availableProviders": ["Megaport"], "availableMacSecPortSpeeds": ["10Gbps"],
	"devices": [{"awsDevice": "BNCH1-aaaaaaaaaaaa", "portSpeeds": ["1Gbps", "10Gbps"], "ports": 1000000, "hasLogicalRedundancy": "yes", "jumboFrameCapable": true}]}]}`

// BenchAuth is a signed-looking SigV4 header of the test account; dxsim
// reads the credential scope and does not verify the signature.
const BenchAuth = "AWS4-HMAC-SHA256 Credential=" + Account + "/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000"

// BenchCatalogFile writes BenchCatalog to a file of t's and answers its
// path, for Config.LocationsFile.
func BenchCatalogFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "locations.json")
	if err := os.WriteFile(path, []byte(BenchCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// CallHandler sends Direct Connect operation op with body to h in-process,
// as the test account, and answers what h wrote.
func CallHandler(ctx context.Context, h http.Handler, op, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://localhost/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "OvertureService."+op)
	req.Header.Set("Authorization", BenchAuth)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// countedKey marks the context of a request whose transactions a
// WrappedStore wraps.
type countedKey struct{}

// Counted marks ctx: a WrappedStore wraps the transactions run under it,
// not those of the world's background work (its clock, purge and alarms).
func Counted(ctx context.Context) context.Context {
	return context.WithValue(ctx, countedKey{}, true)
}

// WrappedStore runs Wrap around each transaction of a Counted request, so
// that a test can watch what one request does with the store.
type WrappedStore struct {
	store.Store
	Wrap func(store.Tx) store.Tx
}

func (s *WrappedStore) wrap(ctx context.Context, fn func(store.Tx) error) func(store.Tx) error {
	if ctx.Value(countedKey{}) == nil {
		return fn
	}
	return func(tx store.Tx) error { return fn(s.Wrap(tx)) }
}

func (s *WrappedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.Update(ctx, s.wrap(ctx, fn))
}

func (s *WrappedStore) View(ctx context.Context, fn func(store.Tx) error) error {
	return s.Store.View(ctx, s.wrap(ctx, fn))
}
