package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
)

func postForm(t *testing.T, w *dxsimtest.World, form url.Values, auth string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, w.URL+"/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A Query protocol request whose credential scope names no service is
// routed by its Version, and answered in that service's error format.
func TestQueryRequestsAreRoutedByScopeOrVersion(t *testing.T) {
	w := dxsimtest.Start(t)
	status, body := postForm(t, w, url.Values{"Action": {"DescribeVpcs"}, "Version": {"2016-11-15"}}, "")
	if status != http.StatusForbidden || !strings.Contains(body, "<Response><Errors><Error><Code>MissingAuthenticationToken</Code>") {
		t.Errorf("unsigned EC2 request = %d %s", status, body)
	}
	status, body = postForm(t, w, url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}}, "")
	if status != http.StatusForbidden || !strings.Contains(body, "<ErrorResponse") || !strings.Contains(body, "MissingAuthenticationToken") {
		t.Errorf("unsigned STS request = %d %s", status, body)
	}
	auth := "AWS4-HMAC-SHA256 Credential=" + dxsimtest.Account + "/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00"
	status, body = postForm(t, w, url.Values{"Action": {"DescribeVpcs"}}, auth)
	if status != http.StatusOK || !strings.Contains(body, "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>") {
		t.Errorf("EC2 request routed by its scope = %d %s", status, body)
	}
	status, body = postForm(t, w, url.Values{"Action": {"AssumeRole"}, "Version": {"2011-06-15"}}, strings.Replace(auth, "/ec2/", "/sts/", 1))
	if status != http.StatusBadRequest || !strings.Contains(body, "<Code>InvalidAction</Code>") {
		t.Errorf("STS AssumeRole = %d %s", status, body)
	}
	// Malformed parameters are client errors, never a 500.
	for _, form := range []url.Values{
		{"Action": {"DescribeVpcs"}, "MaxResults": {"many"}},
		{"Action": {"CreateVpnGateway"}, "Type": {"ipsec.1"}, "AmazonSideAsn": {"x"}},
		{"Action": {"DescribeVpcs"}, "Filter.1.Value.1": {"x"}},
		{"Action": {"CreateTags"}, "ResourceId.1": {"vpc-0123456789abcdef0"}, "Tag.1.Value": {"v"}},
		{"Action": {"ModifyVpcAttribute"}, "VpcId": {"vpc-0123456789abcdef0"}, "EnableDnsSupport.Value": {"maybe"}},
	} {
		if status, body := postForm(t, w, form, auth); status != http.StatusBadRequest || !strings.Contains(body, "<Code>") {
			t.Errorf("%v = %d %s, want a 400 with an EC2 error code", form, status, body)
		}
	}
}
