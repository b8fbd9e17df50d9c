package awsapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	dxsts "github.com/dxsim/dxsim/sts"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// boom panics as a bug does: a write to a nil map.
func boom(context.Context, dx.Caller, *struct{}) (*struct{}, error) {
	var m map[string]int
	m["boom"] = 1
	return nil, nil
}

// TestPanicInAnEC2OrSTSOperationIsAServerFault: a panic in any API's
// operation is answered as that API's server fault (500), logged with its
// value and stack, and counted in the request's log line.
func TestPanicInAnEC2OrSTSOperationIsAServerFault(t *testing.T) {
	ec2API, stsAPI := awsapi.EC2(nil), awsapi.STS(dxsts.New())
	awsapi.SetOperation(ec2API, "DescribeVpcs", boom)
	awsapi.SetOperation(stsAPI, "GetCallerIdentity", boom)
	var logs syncBuffer
	f := awsapi.New(awsapi.Identity{DefaultAccount: dxsimtest.Account, DefaultRegion: dxsimtest.Region},
		slog.New(slog.NewJSONHandler(&logs, nil)), awsapi.DirectConnect(nil), ec2API, stsAPI)
	hs := httptest.NewServer(f)
	defer hs.Close()
	w := &dxsimtest.World{URL: hs.URL}
	ctx := context.Background()

	_, err := w.EC2For(dxsimtest.Account, dxsimtest.Region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	wantServerFault(t, err, "InternalError")
	_, err = w.STSFor(dxsimtest.Account, dxsimtest.Region).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	wantServerFault(t, err, "InternalFailure")

	want := map[string]string{"ec2": "InternalError", "sts": "InternalFailure"}
	panics := 0
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var l map[string]any
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if l["msg"] == "panic serving request" && strings.Contains(line, "nil map") && l["requestId"] != "" {
			panics++
		}
		svc, _ := l["service"].(string)
		if l["msg"] == "request" && l["status"] == float64(500) && l["errorType"] == want[svc] {
			delete(want, svc)
		}
	}
	if panics != 2 || len(want) != 0 {
		t.Errorf("%d panics logged, no 500 request line for %v, in:\n%s", panics, want, logs.String())
	}
}

func wantServerFault(t *testing.T, err error, code string) {
	t.Helper()
	var apiErr smithy.APIError
	var re *awshttp.ResponseError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != code || !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusInternalServerError {
		t.Fatalf("got %v, want HTTP 500 %s", err, code)
	}
	if m := apiErr.ErrorMessage(); !strings.Contains(m, "An internal error occurred") || !strings.Contains(m, "Request ID") {
		t.Errorf("message %q does not say what happened and give the request ID", m)
	}
	if strings.Contains(err.Error(), "nil map") {
		t.Errorf("%v leaks the panic to the client", err)
	}
}
