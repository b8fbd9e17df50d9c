package awsapi

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dx"
)

// FuzzAuthenticate: any Authorization header, X-Amz-Date, query and body
// either authenticates or is refused with a 403 of an AWS error type; never
// a panic.
func FuzzAuthenticate(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", "20260101T000000Z", "", []byte("{}"))
	f.Add("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=;;;content-length;;, Signature=", "", "", []byte(""))
	f.Add("", "", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fdirectconnect%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00&X-Amz-Expires=60", []byte("{}"))
	f.Add("AWS4-HMAC-SHA256 ,,,=,Credential===", "99991231T235959Z", "X-Amz-Signature=", []byte("\xff"))
	now := time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)
	ids := []Identity{
		{DefaultAccount: "123456789012", DefaultRegion: "us-east-1"},
		{Mode: AuthStrict, Now: func() time.Time { return now }, Regions: []string{"us-east-1"},
			Credentials: map[string]Credential{"AKID": {AccessKeyID: "AKID", SecretAccessKey: "secret", Account: "111122223333", SessionToken: ""}}},
	}
	f.Fuzz(func(t *testing.T, auth, amzDate, query string, body []byte) {
		if _, err := url.ParseQuery(query); err != nil {
			return
		}
		for _, id := range ids {
			r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/", RawQuery: query}, Host: "localhost", Header: http.Header{}}
			r.Header.Set("Authorization", auth)
			r.Header.Set("X-Amz-Date", amzDate)
			c, err := id.Authenticate(r, body, SigningName)
			if err == nil {
				if c.Account == "" || c.Region == "" {
					t.Fatalf("authenticated with no account or Region: %+v", c)
				}
				continue
			}
			var e *dx.Error
			if !errors.As(err, &e) || e.Status != http.StatusForbidden {
				t.Fatalf("Authorization %q: %v, want a 403 dx.Error", auth, err)
			}
		}
	})
}
