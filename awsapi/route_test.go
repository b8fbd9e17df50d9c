package awsapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/sts"
)

// TestRoute: JSON 1.1 by X-Amz-Target prefix; a form-encoded POST by its
// credential scope's service, else its Version; everything else is the
// fallback's.
func TestRoute(t *testing.T) {
	f := New(Identity{}, nil, DirectConnect(nil), EC2(nil), SecretsManager(nil), STS(sts.New()))
	scope := func(svc string) string {
		return "AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/" + svc + "/aws4_request, SignedHeaders=host, Signature=00"
	}
	const form = "application/x-www-form-urlencoded; charset=utf-8"
	for _, tc := range []struct {
		method, ct, target, auth, body, want string
	}{
		{"POST", "application/x-amz-json-1.1", "OvertureService.DescribeConnections", "", "{}", "directconnect"},
		{"POST", "application/x-amz-json-1.1", "secretsmanager.ListSecrets", "", "{}", "secretsmanager"},
		{"GET", "", "secretsmanager.ListSecrets", "", "", "secretsmanager"},
		{"POST", form, "", scope("ec2"), "Action=DescribeVpcs", "ec2"},
		{"POST", form, "", scope("sts"), "Action=GetCallerIdentity&Version=2016-11-15", "sts"},
		{"POST", form, "", "", "Action=DescribeVpcs&Version=2016-11-15", "ec2"},
		{"POST", form, "", scope("directconnect"), "Action=GetCallerIdentity&Version=2011-06-15", "sts"},
		{"POST", form, "", "", "Action=DescribeVpcs", "directconnect"},
		{"POST", form, "Foo.Bar", scope("ec2"), "Action=DescribeVpcs", "directconnect"},
		{"GET", form, "", scope("ec2"), "Action=DescribeVpcs", "directconnect"},
		{"POST", "application/json", "", scope("ec2"), "Action=DescribeVpcs", "directconnect"},
	} {
		r := httptest.NewRequest(tc.method, "/", strings.NewReader(tc.body))
		if tc.ct != "" {
			r.Header.Set("Content-Type", tc.ct)
		}
		if tc.target != "" {
			r.Header.Set("X-Amz-Target", tc.target)
		}
		if tc.auth != "" {
			r.Header.Set("Authorization", tc.auth)
		}
		c := &exchange{r: r, api: f.fallback}
		if err := f.route(httptest.NewRecorder(), c); err != nil || c.api.Name != tc.want {
			t.Errorf("%s %q %q %q: routed to %s (%v), want %s", tc.method, tc.target, tc.auth, tc.body, c.api.Name, err, tc.want)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", maxBody+1)))
	r.Header.Set("Content-Type", form)
	if err := f.route(httptest.NewRecorder(), &exchange{r: r, api: f.fallback}); err == nil {
		t.Error("a Query body over the limit was routed")
	}
}
