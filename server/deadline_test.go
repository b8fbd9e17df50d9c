package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

// TestRequestDeadlineIsAClearClientError: a request whose deadline passes
// before its transaction runs answers ThrottlingException (which the SDKs
// retry), or 429 on the admin API, and applies nothing.
func TestRequestDeadlineIsAClearClientError(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.OpenStore = backend.Open
	cfg.DataPath = ":memory:"
	srv, err := server.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(ctx)
	hs := httptest.NewServer(server.WithDeadline(srv.Handler(), time.Nanosecond))
	defer hs.Close()
	w := &dxsimtest.World{URL: hs.URL}
	_, err = w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("late")})
	dxsimtest.WantError(t, err, "ThrottlingException", "request deadline")
	if status, _ := dxsimtest.AdminRaw(t, w, http.MethodPost, "/_dxsim/reset", ""); status != http.StatusTooManyRequests {
		t.Errorf("admin reset past its deadline: %d, want 429", status)
	}
}
