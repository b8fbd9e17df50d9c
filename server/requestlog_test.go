package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// TestEveryServedAPILogsOneLinePerRequest: requests to EC2, Secrets Manager
// and STS, like those to Direct Connect, each write one info line with the
// request ID, service, operation, account, Region, status and duration.
func TestEveryServedAPILogsOneLinePerRequest(t *testing.T) {
	var logs lockedBuffer
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	})
	c := w.AWSConfig(dxsimtest.Account, "eu-west-1")
	if _, err := sts.NewFromConfig(c).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ec2.NewFromConfig(c).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := secretsmanager.NewFromConfig(c).ListSecrets(ctx, &secretsmanager.ListSecretsInput{}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"sts": "GetCallerIdentity", "ec2": "DescribeVpcs", "secretsmanager": "ListSecrets"}
	logs.mu.Lock()
	defer logs.mu.Unlock()
	for _, line := range bytes.Split(logs.b.Bytes(), []byte("\n")) {
		var l map[string]any
		if json.Unmarshal(line, &l) != nil || l["msg"] != "request" || l["service"] == nil {
			continue
		}
		svc, _ := l["service"].(string)
		if want[svc] != l["operation"] || l["account"] != dxsimtest.Account || l["region"] != "eu-west-1" ||
			l["status"] != float64(200) || l["requestId"] == "" || l["duration"] == nil {
			t.Errorf("request line %s", line)
		}
		delete(want, svc)
	}
	if len(want) != 0 {
		t.Errorf("no request line for %v in:\n%s", want, logs.b.String())
	}
}
