package awsapi

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/dxsim/dxsim/dx"
)

// Identity maps a request's SigV4 credentials to the caller. Signatures are
// parsed, not verified; verification against configured credentials slots in
// here.
type Identity struct {
	DefaultAccount string // for access keys that are not an account ID
	DefaultRegion  string // for a scope without a Region
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	regionRe  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
)

// Caller reads the account and Region from the credential scope of the
// Authorization header: Credential=<key>/<date>/<region>/<service>/aws4_request.
// An access key ID of exactly 12 digits is the account ID.
func (id Identity) Caller(r *http.Request) (dx.Caller, error) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return dx.Caller{}, &dx.Error{Type: dx.MissingAuthenticationErr, Status: http.StatusForbidden,
			Message: "Missing Authentication Token: sign the request with AWS Signature Version 4 (any access key works; a 12-digit access key ID selects that account)"}
	}
	algo, params, _ := strings.Cut(auth, " ")
	if algo != "AWS4-HMAC-SHA256" {
		return dx.Caller{}, incomplete("Authorization header uses %q; only AWS4-HMAC-SHA256 (Signature Version 4) is supported", algo)
	}
	var cred string
	for _, p := range strings.Split(params, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(p), "Credential="); ok {
			cred = v
		}
	}
	scope := strings.Split(cred, "/")
	if len(scope) != 5 || scope[0] == "" || scope[4] != "aws4_request" {
		return dx.Caller{}, incomplete("Authorization header has no valid Credential=<access key>/<date>/<region>/<service>/aws4_request scope")
	}
	c := dx.Caller{Account: id.DefaultAccount, Region: scope[2]}
	if accountID.MatchString(scope[0]) {
		c.Account = scope[0]
	}
	if c.Region == "" {
		c.Region = id.DefaultRegion
	}
	if !regionRe.MatchString(c.Region) {
		return dx.Caller{}, incomplete("Credential scope names Region %q, which is not an AWS Region name such as us-east-1", c.Region)
	}
	return c, nil
}

func incomplete(format string, args ...any) *dx.Error {
	e := dx.TypedErrorf(dx.IncompleteSignatureError, format, args...)
	e.Status = http.StatusForbidden
	return e
}
