package awsapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func authRequest(auth string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	return r
}

func sigV4(credential string) string {
	return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host;x-amz-date, Signature=0123"
}

func TestCallerComesFromTheCredentialScope(t *testing.T) {
	id := Identity{DefaultAccount: "123456789012", DefaultRegion: "us-east-1"}
	for _, tc := range []struct {
		credential      string
		account, region string
	}{
		{"111122223333/20260101/us-west-2/directconnect/aws4_request", "111122223333", "us-west-2"},
		{"AKIAIOSFODNN7EXAMPLE/20260101/eu-central-1/directconnect/aws4_request", "123456789012", "eu-central-1"},
		{"11112222333/20260101/us-east-2/directconnect/aws4_request", "123456789012", "us-east-2"},   // 11 digits
		{"1111222233334/20260101/us-east-2/directconnect/aws4_request", "123456789012", "us-east-2"}, // 13 digits
		{"444455556666/20260101//directconnect/aws4_request", "444455556666", "us-east-1"},
	} {
		c, err := id.Caller(authRequest(sigV4(tc.credential)))
		if err != nil {
			t.Errorf("%s: %v", tc.credential, err)
			continue
		}
		if c.Account != tc.account || c.Region != tc.region {
			t.Errorf("%s: caller %s/%s, want %s/%s", tc.credential, c.Account, c.Region, tc.account, tc.region)
		}
	}
}

func TestUnusableCredentialsAreRefused(t *testing.T) {
	id := Identity{DefaultAccount: "123456789012", DefaultRegion: "us-east-1"}
	for _, tc := range []struct {
		auth  string
		typ   string
		parts []string
	}{
		{"", dx.MissingAuthenticationErr, []string{"Signature Version 4"}},
		{"Basic dXNlcjpwYXNz", dx.IncompleteSignatureError, []string{`"Basic"`, "AWS4-HMAC-SHA256"}},
		{"AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", dx.IncompleteSignatureError, []string{"Credential=<access key>/<date>/<region>/<service>/aws4_request"}},
		{sigV4("AKID/20260101/us-east-1/directconnect"), dx.IncompleteSignatureError, []string{"Credential="}},
		{sigV4("/20260101/us-east-1/directconnect/aws4_request"), dx.IncompleteSignatureError, []string{"Credential="}},
		{sigV4("AKID/20260101/us-east-1/directconnect/aws4_request/x"), dx.IncompleteSignatureError, []string{"Credential="}},
		{sigV4("AKID/20260101/Mars/directconnect/aws4_request"), dx.IncompleteSignatureError, []string{`"Mars"`, "us-east-1"}},
	} {
		_, err := id.Caller(authRequest(tc.auth))
		var e *dx.Error
		if !errors.As(err, &e) {
			t.Errorf("Authorization %q: got %v, want %s", tc.auth, err, tc.typ)
			continue
		}
		if e.Type != tc.typ || e.Status < 400 || e.Status > 499 {
			t.Errorf("Authorization %q: %s %d, want %s 4xx", tc.auth, e.Type, e.Status, tc.typ)
		}
		for _, p := range tc.parts {
			if !strings.Contains(e.Message, p) {
				t.Errorf("Authorization %q: message %q does not mention %s", tc.auth, e.Message, p)
			}
		}
	}
}
