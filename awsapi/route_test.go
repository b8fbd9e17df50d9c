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

// TestRouteOneAPIInSeveralProtocols: a request's shape picks both the API
// and its protocol: CloudWatch's X-Amz-Target its AWS JSON 1.0, its
// /service/<name>/operation/<Op> paths its RPC v2 CBOR, a form POST with
// its credential scope or Version its Query; another service's CBOR path
// and anything else are the fallback's.
func TestRouteOneAPIInSeveralProtocols(t *testing.T) {
	f := New(Identity{}, nil, DirectConnect(nil), EC2(nil), STS(sts.New()), cloudWatch(nil))
	scope := "AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=00"
	const form = "application/x-www-form-urlencoded; charset=utf-8"
	for _, tc := range []struct {
		path, ct, target, auth, body string
		api                          string
		proto                        Protocol
	}{
		{"/", "application/x-amz-json-1.0", "GraniteServiceVersion20100801.ListMetrics", "", "{}", "cloudwatch", JSON10},
		{"/service/GraniteServiceVersion20100801/operation/ListMetrics", "application/cbor", "", "", "", "cloudwatch", RPCv2CBOR},
		{"/v1/service/com.amazonaws.cloudwatch.GraniteServiceVersion20100801/operation/ListMetrics", "", "", "", "", "cloudwatch", RPCv2CBOR},
		{"/", form, "", scope, "Action=ListMetrics", "cloudwatch", Query},
		{"/", form, "", "", "Action=ListMetrics&Version=2010-08-01", "cloudwatch", Query},
		{"/service/GraniteServiceVersion20100801/operation/ListMetrics", "application/cbor", "OvertureService.DescribeConnections", "", "", "directconnect", JSON11},
		{"/service/Kinesis_20131202/operation/ListStreams", "application/cbor", "", scope, "", "directconnect", JSON11},
		{"/service/GraniteServiceVersion20100801/ListMetrics", "application/cbor", "", "", "", "directconnect", JSON11},
	} {
		r := httptest.NewRequest(http.MethodPost, tc.path, strings.NewReader(tc.body))
		r.Header.Set("Content-Type", tc.ct)
		if tc.target != "" {
			r.Header.Set("X-Amz-Target", tc.target)
		}
		if tc.auth != "" {
			r.Header.Set("Authorization", tc.auth)
		}
		w := httptest.NewRecorder()
		c := &exchange{r: r, api: f.fallback, proto: f.fallback.Protocol}
		if err := f.route(w, c); err != nil || c.api.Name != tc.api || c.proto != tc.proto {
			t.Errorf("%s %q %q %q: routed to %s in %T (%v), want %s", tc.path, tc.target, tc.auth, tc.body, c.api.Name, c.proto, err, tc.api)
		}
		if got := w.Header().Get("Smithy-Protocol"); (tc.proto == RPCv2CBOR) != (got == "rpc-v2-cbor") {
			t.Errorf("%s: Smithy-Protocol %q on the answer", tc.path, got)
		}
	}
}

// TestAPIDescriptorsAreChecked: an API whose marks and protocols disagree
// is a programming error, found when the front end is made.
func TestAPIDescriptorsAreChecked(t *testing.T) {
	for name, a := range map[string]*API{
		"a Target without a JSON protocol":   {Name: "x", Protocol: Query, Target: "X."},
		"a Version without a Query protocol": {Name: "x", Protocol: JSON11, Version: "2020-01-01"},
		"a Service without a CBOR protocol":  {Name: "x", Protocol: JSON11, Service: "ns#X"},
		"a CBOR protocol without a Service":  {Name: "x", Protocol: RPCv2CBOR},
		"two JSON protocols":                 {Name: "x", Protocol: JSON11, Also: []Protocol{JSON10}},
		"a nil protocol among several":       {Name: "x", Protocol: Query, Also: []Protocol{nil}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: New took it", name)
				}
			}()
			New(Identity{}, nil, DirectConnect(nil), a)
		}()
	}
}
