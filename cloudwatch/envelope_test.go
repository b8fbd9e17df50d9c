package cloudwatch_test

import (
	"net/http"
	"testing"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// The request envelope every served API has applies to CloudWatch:
// strict SigV4 under the signing name monitoring, the browser guard, the
// request ID.

func TestStrictSignaturesAndTheBrowserGuard(t *testing.T) {
	key := awsapi.Credential{AccessKeyID: "AKIADXSIMEXAMPLE0001", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Account: dxsimtest.Account}
	w := dxsimtest.Start(t, func(c *server.Config) {
		c.Auth = awsapi.AuthStrict
		c.Credentials = []awsapi.Credential{key}
	})
	cw := &queryClient{url: w.URL, account: key.AccessKeyID, secret: key.SecretAccessKey, region: dxsimtest.Region}
	var out cloudwatch.DescribeAlarmsOutput
	if err := cw.call("DescribeAlarms", nil, &out); err != nil {
		t.Fatalf("signed with the right secret: %v", err)
	}
	if cw.requestID == "" {
		t.Error("no x-amzn-RequestId")
	}
	cw.secret = key.SecretAccessKey + "x"
	err := cw.call("DescribeAlarms", nil, &out)
	if e, ok := err.(*apiError); !ok || e.Status != http.StatusForbidden || e.RequestID == "" || e.RequestID != cw.requestID {
		t.Errorf("a wrong secret answered %v (request ID %q)", err, cw.requestID)
	}
	cw.secret, cw.header = key.SecretAccessKey, map[string]string{"Origin": "http://evil.example"}
	wantError(t, cw.call("PutMetricAlarm", params("AlarmName", "x"), nil), http.StatusForbidden, "AccessDenied", "evil.example")
}
