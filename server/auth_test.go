package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

// Access keys of the strict-mode tests.
var strictKeys = []awsapi.Credential{
	{AccessKeyID: "AKIADXSIMEXAMPLE0001", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Account: dxsimtest.Account},
	{AccessKeyID: "ASIADXSIMEXAMPLE0002", SecretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", Account: dxsimtest.OtherAccount, SessionToken: "FwoGZXIvYXdzEXAMPLETOKEN"},
}

const (
	msgInvalidToken     = "The security token included in the request is invalid."
	msgSignatureInvalid = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)

func startStrict(t *testing.T) *dxsimtest.World {
	return dxsimtest.Start(t, func(c *server.Config) {
		c.Auth = awsapi.AuthStrict
		c.Credentials = strictKeys
	})
}

func strictClient(w *dxsimtest.World, key, secret, token, region string, transport ...func(http.RoundTripper) http.RoundTripper) *directconnect.Client {
	var rt http.RoundTripper = http.DefaultTransport
	for _, f := range transport {
		rt = f(rt)
	}
	return directconnect.New(directconnect.Options{
		Region:           region,
		BaseEndpoint:     aws.String(w.URL),
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, token),
		RetryMaxAttempts: 1,
		HTTPClient:       &http.Client{Transport: rt},
	})
}

// want403 fails t unless err is an API error of type code with HTTP 403
// and exactly the message msg (or, when prefix, starting with it).
func want403(t *testing.T, err error, code, msg string, prefix bool) {
	t.Helper()
	dxsimtest.WantError(t, err, code)
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != http.StatusForbidden {
		t.Errorf("%s came with HTTP %d, want 403", code, re.HTTPStatusCode())
	}
	var got string
	var ae interface{ ErrorMessage() string }
	if errors.As(err, &ae) {
		got = ae.ErrorMessage()
	}
	if prefix && !strings.HasPrefix(got, msg) || !prefix && got != msg {
		t.Errorf("message %q, want %q", got, msg)
	}
}

// TestStrictAcceptsCorrectSignatures: keys from the credentials file act
// as their configured account, not as the access key's digits.
func TestStrictAcceptsCorrectSignatures(t *testing.T) {
	w := startStrict(t)
	c := strictClient(w, strictKeys[0].AccessKeyID, strictKeys[0].SecretAccessKey, "", "us-east-1")
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	if got := aws.ToString(conn.OwnerAccount); got != dxsimtest.Account {
		t.Errorf("owner account %s, want %s", got, dxsimtest.Account)
	}
	other := strictClient(w, strictKeys[1].AccessKeyID, strictKeys[1].SecretAccessKey, strictKeys[1].SessionToken, "eu-west-1")
	out, err := other.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	if err != nil {
		t.Fatalf("with session token: %v", err)
	}
	if len(out.Connections) != 0 {
		t.Errorf("account %s in eu-west-1 sees %d connections of another account", dxsimtest.OtherAccount, len(out.Connections))
	}
}

func TestStrictRefusesWrongCredentials(t *testing.T) {
	w := startStrict(t)
	k, tk := strictKeys[0], strictKeys[1]
	describe := func(c *directconnect.Client) error {
		_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
		return err
	}
	t.Run("unknown access key", func(t *testing.T) {
		want403(t, describe(strictClient(w, dxsimtest.Account, "secret", "", "us-east-1")), awsapi.UnrecognizedClientError, msgInvalidToken, false)
	})
	t.Run("wrong secret", func(t *testing.T) {
		want403(t, describe(strictClient(w, k.AccessKeyID, k.SecretAccessKey+"x", "", "us-east-1")), awsapi.InvalidSignatureError, msgSignatureInvalid, false)
	})
	t.Run("missing session token", func(t *testing.T) {
		want403(t, describe(strictClient(w, tk.AccessKeyID, tk.SecretAccessKey, "", "us-east-1")), awsapi.UnrecognizedClientError, msgInvalidToken, false)
	})
	t.Run("wrong session token", func(t *testing.T) {
		want403(t, describe(strictClient(w, tk.AccessKeyID, tk.SecretAccessKey, tk.SessionToken+"x", "us-east-1")), awsapi.UnrecognizedClientError, msgInvalidToken, false)
	})
	t.Run("session token on a key without one", func(t *testing.T) {
		want403(t, describe(strictClient(w, k.AccessKeyID, k.SecretAccessKey, "token", "us-east-1")), awsapi.UnrecognizedClientError, msgInvalidToken, false)
	})
	t.Run("Region dxsim does not serve", func(t *testing.T) {
		want403(t, describe(strictClient(w, k.AccessKeyID, k.SecretAccessKey, "", "xx-nowhere-1")), awsapi.InvalidSignatureError, "Credential should be scoped to a valid region.", true)
	})
	t.Run("body changed after signing", func(t *testing.T) {
		tamper := func(next http.RoundTripper) http.RoundTripper {
			return roundTrip(func(r *http.Request) (*http.Response, error) {
				b, _ := io.ReadAll(r.Body)
				b = bytes.Replace(b, []byte("EqDC2"), []byte("EqDA2"), 1)
				r = r.Clone(r.Context())
				r.Body = io.NopCloser(bytes.NewReader(b))
				return next.RoundTrip(r)
			})
		}
		_, err := strictClient(w, k.AccessKeyID, k.SecretAccessKey, "", "us-east-1", tamper).CreateConnection(ctx, &directconnect.CreateConnectionInput{
			Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("tampered")})
		want403(t, err, awsapi.InvalidSignatureError, msgSignatureInvalid, false)
		if n := len(dxsimtest.DescribeConnections(t, strictClient(w, k.AccessKeyID, k.SecretAccessKey, "", "us-east-1"))); n != 0 {
			t.Errorf("the refused request created %d connections", n)
		}
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// signed returns a DescribeConnections request signed with aws-sdk-go-v2's
// signer for service and region at time at.
func signed(t *testing.T, w *dxsimtest.World, k awsapi.Credential, service, region string, at time.Time) *http.Request {
	t.Helper()
	body := "{}"
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.URL+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "OvertureService.DescribeConnections")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey, SessionToken: k.SessionToken}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), service, region, at); err != nil {
		t.Fatal(err)
	}
	return req
}

func send(t *testing.T, req *http.Request) rawAnswer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := rawAnswer{status: resp.StatusCode, header: resp.Header}
	a.raw, _ = io.ReadAll(resp.Body)
	a.body = map[string]any{}
	if err := json.Unmarshal(a.raw, &a.body); err != nil {
		t.Fatalf("answer %q is not JSON: %v", a.raw, err)
	}
	return a
}

func TestStrictRefusesForgedAndStaleSignatures(t *testing.T) {
	w := startStrict(t)
	k := strictKeys[0]
	now := time.Now().UTC()
	for _, tc := range []struct {
		name    string
		req     func() *http.Request
		typ     string
		message []string
	}{
		{"correct", func() *http.Request { return signed(t, w, k, "directconnect", "us-east-1", now) }, "", nil},
		{"Signature=deadbeef", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:strings.Index(a, "Signature=")]+"Signature=deadbeef")
			return r
		}, awsapi.InvalidSignatureError, []string{msgSignatureInvalid}},
		{"1970 credential date", func() *http.Request {
			return signed(t, w, k, "directconnect", "us-east-1", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC))
		}, awsapi.InvalidSignatureError, []string{"Signature expired: 19700101T000000Z is now earlier than ", " - 15 min.)"}},
		{"20 minutes ahead", func() *http.Request { return signed(t, w, k, "directconnect", "us-east-1", now.Add(20*time.Minute)) },
			awsapi.InvalidSignatureError, []string{"Signature not yet current: " + now.Add(20*time.Minute).Format("20060102T150405Z") + " is still later than ", " + 15 min.)"}},
		{"another service's scope", func() *http.Request { return signed(t, w, k, "ec2", "us-east-1", now) },
			awsapi.InvalidSignatureError, []string{"Credential should be scoped to correct service: 'directconnect'."}},
		{"no Authorization", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			r.Header.Del("Authorization")
			return r
		}, "MissingAuthenticationTokenException", []string{"Missing Authentication Token"}},
		{"no Signature parameter", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
			return r
		}, "IncompleteSignatureException", []string{"Authorization header requires 'Signature' parameter."}},
		{"no X-Amz-Date", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			r.Header.Del("X-Amz-Date")
			return r
		}, "IncompleteSignatureException", []string{"'X-Amz-Date' or a 'Date' header"}},
		{"scope dated another day", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/"+now.Format("20060102")+"/", "/19991231/", 1))
			return r
		}, awsapi.InvalidSignatureError, []string{"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '19991231' != '" + now.Format("20060102") + "'"}},
		{"signed header changed", func() *http.Request {
			r := signed(t, w, k, "directconnect", "us-east-1", now)
			r.Header.Set("X-Amz-Target", "OvertureService.DescribeLags")
			return r
		}, awsapi.InvalidSignatureError, []string{msgSignatureInvalid}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, tc.req())
			if tc.typ == "" {
				if a.status != 200 {
					t.Fatalf("correctly signed request: %d %s", a.status, a.raw)
				}
				return
			}
			if a.status != http.StatusForbidden || a.errType() != tc.typ {
				t.Fatalf("got %d %s (%s), want 403 %s", a.status, a.errType(), a.message(), tc.typ)
			}
			for _, m := range tc.message {
				if !strings.Contains(a.message(), m) {
					t.Errorf("message %q does not contain %q", a.message(), m)
				}
			}
		})
	}
}

// TestStrictPresignedRequest: the query-string form of SigV4, as
// aws-sdk-go-v2's PresignHTTP writes it (headers kept as headers).
func TestStrictPresignedRequest(t *testing.T) {
	w := startStrict(t)
	k := strictKeys[1] // with a session token, which travels in the query
	presign := func(body string, at time.Time) *http.Request {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.URL+"/?X-Amz-Expires=300", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "OvertureService.DescribeConnections")
		sum := sha256.Sum256([]byte(body))
		creds := aws.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey, SessionToken: k.SessionToken}
		u, hdr, err := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableHeaderHoisting = true }).
			PresignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "directconnect", "us-east-1", at)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(body))
		for name, vs := range hdr {
			if name != "Host" {
				out.Header[name] = vs
			}
		}
		return out
	}
	if a := send(t, presign("{}", time.Now())); a.status != 200 {
		t.Fatalf("presigned request: %d %s", a.status, a.raw)
	}
	r := presign("{}", time.Now())
	r.Body = io.NopCloser(strings.NewReader(`{"connectionId":"dxcon-abcdefgh"}`))
	r.ContentLength = -1
	if a := send(t, r); a.status != 403 || a.errType() != awsapi.InvalidSignatureError {
		t.Errorf("presigned request with another body: %d %s", a.status, a.raw)
	}
	if a := send(t, presign("{}", time.Now().Add(-10*time.Minute))); a.status != 403 || !strings.Contains(a.message(), "expired") {
		t.Errorf("presigned request past X-Amz-Expires: %d %s", a.status, a.raw)
	}

	// PresignHTTP's default hoists X-Amz-Target into the query string.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.URL+"/", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "OvertureService.DescribeLags")
	sum := sha256.Sum256([]byte("{}"))
	creds := aws.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey, SessionToken: k.SessionToken}
	u, hdr, err := v4.NewSigner().PresignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "directconnect", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u, "X-Amz-Target=") {
		t.Fatalf("the signer kept X-Amz-Target a header: %s", u)
	}
	hoisted, _ := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader("{}"))
	for name, vs := range hdr {
		if name != "Host" {
			hoisted.Header[name] = vs
		}
	}
	if a := send(t, hoisted); a.status != 200 || a.body["lags"] == nil {
		t.Errorf("presigned request with X-Amz-Target in the query: %d %s", a.status, a.raw)
	}
}

// TestOpenModeTakesAnySignature: the default mode keeps zero set-up.
func TestOpenModeTakesAnySignature(t *testing.T) {
	w := dxsimtest.Start(t)
	c := strictClient(w, dxsimtest.Account, "not checked", "", "us-east-1")
	if _, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{}); err != nil {
		t.Fatal(err)
	}
}

func TestStrictNeedsCredentials(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.OpenStore = backend.Open
	cfg.DataPath, cfg.Auth = ":memory:", awsapi.AuthStrict
	if srv, err := server.Open(cfg); err == nil {
		srv.Close(context.Background())
		t.Fatal("strict mode without credentials started")
	} else if !strings.Contains(err.Error(), "credentials") {
		t.Errorf("error %q does not name credentials", err)
	}
	cfg.Credentials = []awsapi.Credential{{AccessKeyID: "AKID", SecretAccessKey: "s", Account: "12345"}}
	if srv, err := server.Open(cfg); err == nil {
		srv.Close(context.Background())
		t.Fatal("a credential with a 5-digit account was accepted")
	}
}

// TestStrictCoversEveryServedAPI: in strict mode the EC2, Secrets Manager
// and STS APIs on the same endpoint verify signatures too, each for its own
// signing name: the right key is served, a wrong secret answers 403.
func TestStrictCoversEveryServedAPI(t *testing.T) {
	w := startStrict(t)
	k := strictKeys[0]
	cfg := func(secret string) aws.Config {
		return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(w.URL), RetryMaxAttempts: 1,
			Credentials: credentials.NewStaticCredentialsProvider(k.AccessKeyID, secret, "")}
	}
	calls := map[string]func(aws.Config) error{
		"sts": func(c aws.Config) error {
			_, err := sts.NewFromConfig(c).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		},
		"ec2": func(c aws.Config) error {
			_, err := ec2.NewFromConfig(c).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
			return err
		},
		"secretsmanager": func(c aws.Config) error {
			_, err := secretsmanager.NewFromConfig(c).ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
			return err
		},
	}
	for name, call := range calls {
		if err := call(cfg(k.SecretAccessKey)); err != nil {
			t.Errorf("%s signed with the right secret: %v", name, err)
		}
		err := call(cfg(k.SecretAccessKey + "x"))
		var re *awshttp.ResponseError
		if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden {
			t.Errorf("%s signed with a wrong secret answered %v, want HTTP 403", name, err)
		}
	}
}
