// Helpers shared by the tests of this package.
package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

// admin calls the admin API and fails the test unless it answers 200.
func admin(t *testing.T, w *dxsimtest.World, method, path, body string) []byte {
	t.Helper()
	status, b := adminRaw(t, w, method, path, body)
	if status != http.StatusOK {
		t.Fatalf("%s %s = %d %s", method, path, status, b)
	}
	return b
}

// adminRaw calls the admin API and returns the status and raw body.
func adminRaw(t *testing.T, w *dxsimtest.World, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, w.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func adminCall(t *testing.T, w *dxsimtest.World, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, b := adminRaw(t, w, method, path, body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return status, out
}
