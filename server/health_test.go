package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/smithy-go"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/sqlitedamage"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
)

// getHealth returns the status and decoded body of GET /health.
func getHealth(t *testing.T, w *dxsimtest.World) (int, map[string]string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.URL+"/health", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]string
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("GET /health answered %d with %q: %v", resp.StatusCode, raw, err)
	}
	return resp.StatusCode, body
}

// logLines are the lines of logs whose message starts with msg.
func logLines(logs *lockedBuffer, msg string) []map[string]any {
	logs.mu.Lock()
	defer logs.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(logs.b.Bytes(), []byte("\n")) {
		var l map[string]any
		if json.Unmarshal(line, &l) == nil && strings.HasPrefix(l["msg"].(string), msg) {
			out = append(out, l)
		}
	}
	return out
}

// TestHealthTurnsUnhealthyWhenTheFileIsDamaged damages the SQLite file of
// a serving world: GET /health answers 503 saying the store is damaged,
// requests that read the damage fail as server faults, and the damage
// with how to recover is logged once however many requests meet it.
func TestHealthTurnsUnhealthyWhenTheFileIsDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	var logs lockedBuffer
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.DataPath = path
		cfg.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	c := w.Client()
	dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	if code, body := getHealth(t, w); code != http.StatusOK || body["status"] != "ok" {
		t.Fatalf("GET /health of a sound world: %d %v", code, body)
	}

	sqlitedamage.IndexRoots(t, path)

	code, body := getHealth(t, w)
	if code != http.StatusServiceUnavailable || body["status"] != "unhealthy" || body["store"] != "damaged" ||
		!strings.Contains(body["reason"], "malformed") || !strings.Contains(body["reason"], path) || body["recover"] == "" {
		t.Errorf("GET /health of a damaged world: %d %v; want 503, unhealthy, damaged, the reason and how to recover", code, body)
	}
	for range 3 {
		_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
		wantServerFault(t, err)
		_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
			Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("after the damage"),
		})
		wantServerFault(t, err)
	}
	if code, _ := getHealth(t, w); code != http.StatusServiceUnavailable {
		t.Errorf("GET /health after requests met the damage: %d, want 503", code)
	}
	told := logLines(&logs, "the store is damaged")
	if len(told) != 1 {
		t.Fatalf("the damage was logged %d times, want once:\n%s", len(told), logs.b.String())
	}
	if l := told[0]; l["level"] != "ERROR" || !strings.Contains(l["err"].(string), "malformed") || !strings.Contains(l["recover"].(string), path) {
		t.Errorf("damage logged as %v", l)
	}
}

// wantServerFault fails t unless err is Direct Connect's server fault,
// answered with HTTP 500.
func wantServerFault(t *testing.T, err error) {
	t.Helper()
	var apiErr smithy.APIError
	var respErr *awshttp.ResponseError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "DirectConnectServerException" ||
		!errors.As(err, &respErr) || respErr.HTTPStatusCode() != http.StatusInternalServerError {
		t.Errorf("got %v, want DirectConnectServerException with HTTP status 500", err)
	}
}

// unanswering is a store whose database stops answering when down is set.
type unanswering struct {
	store.Store
	down   atomic.Bool
	checks atomic.Int32
}

func (u *unanswering) Check(ctx context.Context) error {
	u.checks.Add(1)
	if u.down.Load() {
		return errors.New("postgres: failed to connect: connection refused")
	}
	return nil
}

func (u *unanswering) OnDamage(func(*store.Damage)) {}

// TestHealthFollowsAStoreThatStopsAnswering: GET /health answers 503 while
// the store does not answer and 200 again once it does, and each change
// is logged once.
func TestHealthFollowsAStoreThatStopsAnswering(t *testing.T) {
	var logs lockedBuffer
	st := &unanswering{}
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.OpenStore = func(data string) (store.Store, error) {
			s, err := backend.Open(data)
			st.Store = s
			return st, err
		}
		cfg.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	if code, _ := getHealth(t, w); code != http.StatusOK {
		t.Fatalf("GET /health: %d, want 200", code)
	}
	st.down.Store(true)
	for range 2 {
		code, body := getHealth(t, w)
		if code != http.StatusServiceUnavailable || body["store"] != "unavailable" || !strings.Contains(body["reason"], "connection refused") {
			t.Errorf("GET /health of a store that does not answer: %d %v; want 503, unavailable and the reason", code, body)
		}
	}
	st.down.Store(false)
	if code, _ := getHealth(t, w); code != http.StatusOK {
		t.Errorf("GET /health once the store answers again: %d, want 200", code)
	}
	if n := len(logLines(&logs, "the store does not answer")); n != 1 {
		t.Errorf("the store's failure logged %d times, want once", n)
	}
	if n := len(logLines(&logs, "the store answers again")); n != 1 {
		t.Errorf("the store's return logged %d times, want once", n)
	}
	if n := st.checks.Load(); n != 4 {
		t.Errorf("the store was checked %d times for 4 GET /health, want 4", n)
	}
}
