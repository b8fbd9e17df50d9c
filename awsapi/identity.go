package awsapi

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/dxsim/dxsim/dx"
)

// Identity maps a request's SigV4 credentials to the caller. In open mode
// (the default) signatures are parsed, not verified, and a 12-digit access
// key ID is the account; in strict mode (Mode AuthStrict) only the
// configured Credentials are accepted and every signature is verified.
type Identity struct {
	Mode           string // AuthOpen ("" too) or AuthStrict
	DefaultAccount string // open: for access keys that are not an account ID
	DefaultRegion  string // open: for a scope without a Region
	// Credentials are the access keys strict mode accepts, by access key ID
	// (see CredentialsByKey).
	Credentials map[string]Credential
	// Regions, when not empty, are the only Regions strict mode accepts in
	// a credential scope.
	Regions []string
	// Now is the wall clock that signing times are checked against; nil
	// is time.Now. (Clients sign with real time, not simulated time.)
	Now func() time.Time
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	regionRe  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
)

// Caller reads the account and Region from the credential scope of the
// Authorization header: Credential=<key>/<date>/<region>/<service>/aws4_request.
// An access key ID of exactly 12 digits is the account ID. It verifies
// nothing; Authenticate is the entry point that honours the mode.
func (id Identity) Caller(r *http.Request) (dx.Caller, error) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return dx.Caller{}, &dx.Error{Type: dx.MissingAuthenticationErr, Status: http.StatusForbidden,
			Message: "Missing Authentication Token: sign the request with AWS Signature Version 4 (any access key works; a 12-digit access key ID selects that account)"}
	}
	algo, params, _ := strings.Cut(auth, " ")
	if algo != signingAlgorithm {
		return dx.Caller{}, incomplete("Authorization header uses %q; only AWS4-HMAC-SHA256 (Signature Version 4) is supported", short(algo))
	}
	var cred string
	for _, p := range strings.Split(params, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(p), "Credential="); ok {
			cred = v
		}
	}
	sig, err := scope(cred)
	if err != nil {
		return dx.Caller{}, err
	}
	return id.callerOf(sig.accessKey, sig.region)
}

func (id Identity) callerOf(accessKey, region string) (dx.Caller, error) {
	c := dx.Caller{Account: id.DefaultAccount, Region: region}
	if accountID.MatchString(accessKey) {
		c.Account = accessKey
	}
	if c.Region == "" {
		c.Region = id.DefaultRegion
	}
	if !regionRe.MatchString(c.Region) {
		return dx.Caller{}, incomplete("Credential scope names Region %q, which is not an AWS Region name such as us-east-1", short(c.Region))
	}
	return c, nil
}

func incomplete(format string, args ...any) *dx.Error {
	e := dx.TypedErrorf(dx.IncompleteSignatureError, format, args...)
	e.Status = http.StatusForbidden
	return e
}
