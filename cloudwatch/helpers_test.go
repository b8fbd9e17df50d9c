// Helpers shared by the tests of this package: a CloudWatch client that
// speaks AWS Query with SigV4 (the protocol this package is served over
// today), whose methods mirror aws-sdk-go-v2's cloudwatch client's, so a
// test switches to that client by changing how it is made.
package cloudwatch_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

// queryClient calls CloudWatch as account (its access key) in region.
type queryClient struct {
	url, account, region string
	secret               string            // "" is "secret"
	header               map[string]string // set on every request
	requestID            string            // of the last answer
}

func cwClient(w *dxsimtest.World, account, region string) *queryClient {
	return &queryClient{url: w.URL, account: account, region: region}
}

// apiError is a CloudWatch error answer.
type apiError struct {
	Status    int
	RequestID string `xml:"RequestId"`
	Code      string `xml:"Error>Code"`
	Type      string `xml:"Error>Type"`
	Message   string `xml:"Error>Message"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// call sends action with params and decodes the <ActionResult> into out.
func (c *queryClient) call(action string, params url.Values, out any) error {
	form := url.Values{"Action": {action}, "Version": {"2010-08-01"}}
	for k, v := range params {
		form[k] = v
	}
	body := form.Encode()
	req, _ := http.NewRequest(http.MethodPost, c.url+"/", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	creds := aws.Credentials{AccessKeyID: c.account, SecretAccessKey: cmp.Or(c.secret, "secret")}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "monitoring", c.region, time.Now()); err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	c.requestID = resp.Header.Get("x-amzn-RequestId")
	if resp.StatusCode != http.StatusOK {
		e := &apiError{Status: resp.StatusCode}
		if err := xml.Unmarshal(b, e); err != nil {
			return fmt.Errorf("%d %s", resp.StatusCode, b)
		}
		return e
	}
	if out == nil {
		return nil
	}
	reflect.ValueOf(out).Elem().SetZero() // decoding appends to lists

	// Unwrap <ActionResponse><ActionResult>...</ActionResult>: decode the
	// result element into out.
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("no %sResult in %s", action, b)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == action+"Result" {
			return dec.DecodeElement(out, &se)
		}
	}
}

// wantError checks that err is the CloudWatch error code with status and
// a message holding each part.
func wantError(t testing.TB, err error, status int, code string, parts ...string) {
	t.Helper()
	e, ok := err.(*apiError)
	if !ok {
		t.Fatalf("want %s, got %v", code, err)
	}
	if e.Status != status || e.Code != code {
		t.Fatalf("want %d %s, got %v", status, code, e)
	}
	for _, p := range parts {
		if !bytes.Contains([]byte(e.Message), []byte(p)) {
			t.Errorf("message %q lacks %q", e.Message, p)
		}
	}
}

// params builds Query parameters from pairs.
func params(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// ts formats a time as the SDKs send it.
func ts(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
