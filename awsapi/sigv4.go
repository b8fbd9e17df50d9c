package awsapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/dxsim/dxsim/dx"
)

// Auth modes: open takes the caller from the credential scope without
// checking the signature (zero set-up); strict verifies every signature
// against the configured credentials.
const (
	AuthOpen   = "open"
	AuthStrict = "strict"
)

// MaxSkew is how far a request's signing time may be from the server's
// wall clock, as in AWS.
const MaxSkew = 15 * time.Minute

// Error types of failed authentication; AWS answers all of them with 403.
const (
	UnrecognizedClientError = "UnrecognizedClientException"
	InvalidSignatureError   = "InvalidSignatureException"
)

const (
	signingAlgorithm = "AWS4-HMAC-SHA256"
	amzDateFormat    = "20060102T150405Z"
	msgBadToken      = "The security token included in the request is invalid."
	msgBadSignature  = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)

// Credential is an access key that strict mode accepts, and the account it
// acts as.
type Credential struct {
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	Account         string `json:"account"`
	// SessionToken, when set, must come with every request signed by this
	// key (X-Amz-Security-Token), as with temporary AWS credentials.
	SessionToken string `json:"sessionToken,omitempty"`
}

// CredentialsFile is the JSON form of `--credentials FILE`.
type CredentialsFile struct {
	Credentials []Credential `json:"credentials"`
}

// ReadCredentials reads a credentials file; unknown keys are errors.
func ReadCredentials(r io.Reader) ([]Credential, error) {
	dec := json.NewDecoder(io.LimitReader(r, 16<<20))
	dec.DisallowUnknownFields()
	var f CredentialsFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf(`credentials must be {"credentials": [{"accessKeyId": ..., "secretAccessKey": ..., "account": ...}]}: %w`, err)
	}
	if _, err := CredentialsByKey(f.Credentials); err != nil {
		return nil, err
	}
	return f.Credentials, nil
}

// CredentialsByKey indexes credentials by access key ID, refusing empty
// keys or secrets, accounts that are not 12 digits and keys given twice.
func CredentialsByKey(list []Credential) (map[string]Credential, error) {
	m := make(map[string]Credential, len(list))
	for i, c := range list {
		switch {
		case c.AccessKeyID == "" || strings.ContainsAny(c.AccessKeyID, "/ ,="):
			return nil, fmt.Errorf("credential %d: accessKeyId must be set and contain no '/', ',', '=' or space", i+1)
		case c.SecretAccessKey == "":
			return nil, fmt.Errorf("credential %d (%s): secretAccessKey must be set", i+1, short(c.AccessKeyID))
		case !accountID.MatchString(c.Account):
			return nil, fmt.Errorf("credential %d (%s): account must be a 12-digit account ID", i+1, short(c.AccessKeyID))
		}
		if _, dup := m[c.AccessKeyID]; dup {
			return nil, fmt.Errorf("credential %d: access key %s is given twice", i+1, short(c.AccessKeyID))
		}
		m[c.AccessKeyID] = c
	}
	return m, nil
}

// signature is what a request says about its SigV4 signature, from the
// Authorization header or, when presigned, from the query string.
type signature struct {
	accessKey, date, region, service string // the credential scope
	signedHeaders                    []string
	signature                        string
	signedAt                         time.Time
	presigned                        bool
	expires                          time.Duration // presigned only; 0 if not given
}

// Authenticate returns the caller of a request whose body is body, signed
// for service (the SigV4 signing name, e.g. "directconnect"). In open mode
// it only reads the credential scope; in strict mode it recomputes the
// signature with aws-sdk-go-v2's signer from the stored secret and compares
// it in constant time. Every failure is a 403 with the AWS error type.
func (id Identity) Authenticate(r *http.Request, body []byte, service string) (dx.Caller, error) {
	return id.authenticate(r, body, service)
}

func (id Identity) authenticate(r *http.Request, body []byte, service string) (dx.Caller, error) {
	if id.Mode != AuthStrict {
		if isPresigned(r) && r.Header.Get("Authorization") == "" {
			sig, err := parsePresigned(r.URL.Query())
			if err != nil {
				return dx.Caller{}, err
			}
			return id.callerOf(sig.accessKey, sig.region)
		}
		return id.Caller(r)
	}
	var sig signature
	var err error
	switch {
	case r.Header.Get("Authorization") != "":
		sig, err = parseAuthorization(r)
	case isPresigned(r):
		sig, err = parsePresigned(r.URL.Query())
	default:
		return dx.Caller{}, forbidden(dx.MissingAuthenticationErr, "Missing Authentication Token")
	}
	if err != nil {
		return dx.Caller{}, err
	}
	cred, ok := id.Credentials[sig.accessKey]
	if !ok {
		return dx.Caller{}, forbidden(UnrecognizedClientError, msgBadToken)
	}
	token := r.Header.Get("X-Amz-Security-Token")
	if sig.presigned {
		token = r.URL.Query().Get("X-Amz-Security-Token")
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(cred.SessionToken)) != 1 {
		return dx.Caller{}, forbidden(UnrecognizedClientError, msgBadToken)
	}
	if sig.service != service {
		return dx.Caller{}, forbidden(InvalidSignatureError, "Credential should be scoped to correct service: '%s'. ", service)
	}
	if !regionRe.MatchString(sig.region) || len(id.Regions) > 0 && !slices.Contains(id.Regions, sig.region) {
		return dx.Caller{}, forbidden(InvalidSignatureError, "Credential should be scoped to a valid region. ")
	}
	if d := sig.signedAt.Format("20060102"); d != sig.date {
		return dx.Caller{}, forbidden(InvalidSignatureError, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", short(sig.date), d, sig.signedAt.Format(amzDateFormat))
	}
	if err := id.checkTime(sig); err != nil {
		return dx.Caller{}, err
	}
	want, err := recompute(r, body, sig, cred)
	if err != nil {
		return dx.Caller{}, forbidden(dx.IncompleteSignatureError, "The request cannot be signed again for verification: %v", err)
	}
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(sig.signature)), []byte(want)) != 1 {
		return dx.Caller{}, forbidden(InvalidSignatureError, msgBadSignature)
	}
	return dx.Caller{Account: cred.Account, Region: sig.region}, nil
}

// checkTime refuses a request signed more than MaxSkew from now, or a
// presigned one past its X-Amz-Expires, in AWS's words.
func (id Identity) checkTime(sig signature) error {
	now := time.Now().UTC()
	if id.Now != nil {
		now = id.Now().UTC()
	}
	f := func(t time.Time) string { return t.UTC().Format(amzDateFormat) }
	if sig.presigned && sig.expires > 0 && now.After(sig.signedAt.Add(sig.expires)) {
		return forbidden(InvalidSignatureError, "Signature expired: %s is now earlier than %s (%s - %d sec. of X-Amz-Expires)", f(sig.signedAt.Add(sig.expires)), f(now), f(now), int(sig.expires/time.Second))
	}
	if sig.signedAt.Before(now.Add(-MaxSkew)) && !(sig.presigned && sig.expires > 0) {
		return forbidden(InvalidSignatureError, "Signature expired: %s is now earlier than %s (%s - 15 min.)", f(sig.signedAt), f(now.Add(-MaxSkew)), f(now))
	}
	if sig.signedAt.After(now.Add(MaxSkew)) {
		return forbidden(InvalidSignatureError, "Signature not yet current: %s is still later than %s (%s + 15 min.)", f(sig.signedAt), f(now.Add(MaxSkew)), f(now))
	}
	return nil
}

// recompute signs a copy of r that carries only the headers the client
// signed, with the stored secret and the hash of the body received, and
// returns the signature the client should have sent.
func recompute(r *http.Request, body []byte, sig signature, cred Credential) (string, error) {
	u := &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath}
	q := r.URL.Query()
	q.Del("X-Amz-Signature")
	u.RawQuery = q.Encode()
	c := &http.Request{Method: r.Method, URL: u, Host: r.Host, Header: http.Header{}}
	for _, h := range sig.signedHeaders {
		switch h {
		case "host":
		case "content-length":
			c.ContentLength = int64(len(body))
		default:
			key := textproto.CanonicalMIMEHeaderKey(h)
			if vs := r.Header.Values(key); len(vs) > 0 {
				c.Header[key] = vs
			}
		}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: cred.AccessKeyID, SecretAccessKey: cred.SecretAccessKey, SessionToken: cred.SessionToken}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableHeaderHoisting = true })
	ctx := context.Background()
	if !sig.presigned {
		if err := signer.SignHTTP(ctx, creds, c, hex.EncodeToString(sum[:]), sig.service, sig.region, sig.signedAt); err != nil {
			return "", err
		}
		_, s, _ := strings.Cut(c.Header.Get("Authorization"), "Signature=")
		return s, nil
	}
	signed, _, err := signer.PresignHTTP(ctx, creds, c, presignedPayloadHash(r, sum[:]), sig.service, sig.region, sig.signedAt)
	if err != nil {
		return "", err
	}
	su, err := url.Parse(signed)
	if err != nil {
		return "", err
	}
	return su.Query().Get("X-Amz-Signature"), nil
}

// presignedPayloadHash is the body's hash, or UNSIGNED-PAYLOAD when the
// client says so in the signed X-Amz-Content-Sha256 header.
func presignedPayloadHash(r *http.Request, sum []byte) string {
	if r.Header.Get("X-Amz-Content-Sha256") == "UNSIGNED-PAYLOAD" {
		return "UNSIGNED-PAYLOAD"
	}
	return hex.EncodeToString(sum)
}

// hoistedTarget routes a presigned request whose signer moved X-Amz-Target
// into the query string (aws-sdk-go-v2's PresignHTTP hoists X-Amz-*
// headers) as if it were the header. The header stays out of the signed
// headers, so verification still signs it where the client did.
func hoistedTarget(r *http.Request) {
	if r.Header.Get("X-Amz-Target") != "" || !isPresigned(r) {
		return
	}
	if t := r.URL.Query().Get("X-Amz-Target"); t != "" {
		r.Header.Set("X-Amz-Target", t)
	}
}

func isPresigned(r *http.Request) bool {
	return r.URL.RawQuery != "" && r.URL.Query().Has("X-Amz-Signature")
}

// parseAuthorization reads `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=...` and the signing time from X-Amz-Date (or Date).
func parseAuthorization(r *http.Request) (signature, error) {
	algo, params, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if algo != signingAlgorithm {
		return signature{}, incomplete("Authorization header uses %q; only AWS4-HMAC-SHA256 (Signature Version 4) is supported", short(algo))
	}
	kv := map[string]string{}
	for _, p := range strings.Split(params, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		kv[k] = v
	}
	var missing []string
	for _, k := range []string{"Credential", "Signature", "SignedHeaders"} {
		if kv[k] == "" {
			missing = append(missing, fmt.Sprintf("Authorization header requires '%s' parameter.", k))
		}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if amzDate == "" && r.Header.Get("Date") == "" {
		missing = append(missing, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if len(missing) > 0 {
		return signature{}, incomplete("%s", strings.Join(missing, " "))
	}
	sig, err := scope(kv["Credential"])
	if err != nil {
		return signature{}, err
	}
	sig.signature = kv["Signature"]
	sig.signedHeaders = strings.Split(strings.ToLower(kv["SignedHeaders"]), ";")
	if amzDate != "" {
		sig.signedAt, err = time.Parse(amzDateFormat, amzDate)
	} else {
		sig.signedAt, err = http.ParseTime(r.Header.Get("Date"))
	}
	if err != nil {
		return signature{}, incomplete("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", short(amzDate))
	}
	return sig, nil
}

// parsePresigned reads the X-Amz-* query parameters of a presigned request.
func parsePresigned(q url.Values) (signature, error) {
	var missing []string
	for _, k := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"} {
		if q.Get(k) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return signature{}, incomplete("AWS query-string parameters must include %s. Re-examine the query-string parameters.", strings.Join(missing, ", "))
	}
	if a := q.Get("X-Amz-Algorithm"); a != signingAlgorithm {
		return signature{}, incomplete("X-Amz-Algorithm %q is not supported; only AWS4-HMAC-SHA256 (Signature Version 4) is", short(a))
	}
	sig, err := scope(q.Get("X-Amz-Credential"))
	if err != nil {
		return signature{}, err
	}
	sig.presigned = true
	sig.signature = q.Get("X-Amz-Signature")
	sig.signedHeaders = strings.Split(strings.ToLower(q.Get("X-Amz-SignedHeaders")), ";")
	if sig.signedAt, err = time.Parse(amzDateFormat, q.Get("X-Amz-Date")); err != nil {
		return signature{}, incomplete("X-Amz-Date must be in ISO-8601 'basic format' such as 20260101T000000Z. Got '%s'.", short(q.Get("X-Amz-Date")))
	}
	if e := q.Get("X-Amz-Expires"); e != "" {
		n, err := strconv.Atoi(e)
		if err != nil || n < 1 || n > 604800 {
			return signature{}, incomplete("X-Amz-Expires must be a whole number of seconds from 1 to 604800; got '%s'.", short(e))
		}
		sig.expires = time.Duration(n) * time.Second
	}
	return sig, nil
}

// scope splits <access key>/<date>/<region>/<service>/aws4_request.
func scope(cred string) (signature, error) {
	s := strings.Split(cred, "/")
	if len(s) != 5 || s[0] == "" || s[4] != "aws4_request" {
		return signature{}, incomplete("Authorization header has no valid Credential=<access key>/<date>/<region>/<service>/aws4_request scope")
	}
	return signature{accessKey: s[0], date: s[1], region: s[2], service: s[3]}, nil
}

func forbidden(typ, format string, args ...any) *dx.Error {
	return &dx.Error{Type: typ, Status: http.StatusForbidden, Message: fmt.Sprintf(format, args...)}
}

// short quotes at most a short prefix of a value a client sent, so that
// an error message never echoes a large input.
func short(s string) string {
	if len(s) <= maxQuoted {
		return strings.ToValidUTF8(s, "?")
	}
	return strings.ToValidUTF8(s[:maxEcho], "?") + "..."
}
