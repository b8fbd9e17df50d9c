package dxsimtest

// Calls of the admin API (/_dxsim/...) that the tests of several packages
// (server, operator) make.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Admin calls the admin API and fails the test unless it answers 200.
func Admin(t testing.TB, w *World, method, path, body string) []byte {
	t.Helper()
	status, b := AdminRaw(t, w, method, path, body)
	if status != http.StatusOK {
		t.Fatalf("%s %s = %d %s", method, path, status, b)
	}
	return b
}

// AdminRaw calls the admin API and returns the status and raw body.
func AdminRaw(t testing.TB, w *World, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, w.URL+path, strings.NewReader(body))
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

// AdminCall calls the admin API and returns the status and the body, which
// must be a JSON object.
func AdminCall(t testing.TB, w *World, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, b := AdminRaw(t, w, method, path, body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return status, out
}
