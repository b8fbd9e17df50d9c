package awsapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func TestReadCredentialsRefusesUnusableKeys(t *testing.T) {
	for body, want := range map[string]string{
		`{"credentials": [{"accessKeyId": "A", "secretAccessKey": "s", "account": "111122223333"}]}`: "",
		`{"credential": []}`: "unknown field",
		`{"credentials": [{"accessKeyId": "", "secretAccessKey": "s", "account": "111122223333"}]}`:                                                                           "accessKeyId",
		`{"credentials": [{"accessKeyId": "A/B", "secretAccessKey": "s", "account": "111122223333"}]}`:                                                                        "accessKeyId",
		`{"credentials": [{"accessKeyId": "A", "secretAccessKey": "", "account": "111122223333"}]}`:                                                                           "secretAccessKey",
		`{"credentials": [{"accessKeyId": "A", "secretAccessKey": "s", "account": "1111"}]}`:                                                                                  "12-digit",
		`{"credentials": [{"accessKeyId": "A", "secretAccessKey": "s", "account": "111122223333"}, {"accessKeyId": "A", "secretAccessKey": "t", "account": "444455556666"}]}`: "twice",
	} {
		_, err := ReadCredentials(strings.NewReader(body))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", body, err, want)
		}
	}
}

func TestPresignedQueryIsParsedStrictly(t *testing.T) {
	id := Identity{Mode: AuthStrict, Credentials: map[string]Credential{"AKID": {AccessKeyID: "AKID", SecretAccessKey: "s", Account: "111122223333"}}}
	base := "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fdirectconnect%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00"
	for query, want := range map[string]string{
		"/?X-Amz-Signature=00":                                         "X-Amz-Algorithm, X-Amz-Credential",
		base + "&X-Amz-Expires=0":                                      "X-Amz-Expires",
		base + "&X-Amz-Expires=9999999":                                "X-Amz-Expires",
		strings.Replace(base, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1", 1): "AWS4-HMAC-SHA1",
		strings.Replace(base, "20260101T000000Z", "yesterday", 1):      "ISO-8601",
	} {
		r := httptest.NewRequest(http.MethodPost, query, nil)
		_, err := id.Authenticate(r, nil, SigningName)
		var e *dx.Error
		if !errors.As(err, &e) || e.Type != dx.IncompleteSignatureError || e.Status != 403 || !strings.Contains(e.Message, want) {
			t.Errorf("%s: %v, want a 403 IncompleteSignatureException about %s", query, err, want)
		}
	}
}

func TestShortQuotesAPrefix(t *testing.T) {
	if got := short(strings.Repeat("a", 10000)); len(got) > 70 || !strings.HasSuffix(got, "...") {
		t.Errorf("short of 10,000 bytes is %d bytes", len(got))
	}
	if got := short("ab\xffc"); got != "ab?c" {
		t.Errorf("short of invalid UTF-8 = %q", got)
	}
}
