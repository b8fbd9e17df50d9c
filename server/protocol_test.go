package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// rawAuth is a SigV4 Authorization header of the test account in
// us-east-1; dxsim parses the scope and does not verify the signature.
const rawAuth = "AWS4-HMAC-SHA256 Credential=" + dxsimtest.Account + "/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000"

const rawContentType = "application/x-amz-json-1.1"

// rawAnswer is an HTTP answer of the API, its body decoded with UseNumber so
// that a test can tell a JSON number from a string.
type rawAnswer struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func (a rawAnswer) errType() string { s, _ := a.body["__type"].(string); return s }
func (a rawAnswer) message() string { s, _ := a.body["message"].(string); return s }

// rawRequest sends one request to the world as bytes on the wire. An empty
// target or auth leaves that header out.
func rawRequest(t *testing.T, w *dxsimtest.World, method, target, auth, body string) rawAnswer {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, w.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", rawContentType)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := rawAnswer{status: resp.StatusCode, header: resp.Header}
	if a.raw, err = io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(a.raw))
	dec.UseNumber()
	if err := dec.Decode(&a.body); err != nil {
		t.Fatalf("%s %s answered %d with a body that is not a JSON object: %q", method, target, a.status, a.raw)
	}
	return a
}

// rawCall calls an operation as the test account in us-east-1.
func rawCall(t *testing.T, w *dxsimtest.World, op, body string) rawAnswer {
	t.Helper()
	return rawRequest(t, w, http.MethodPost, "OvertureService."+op, rawAuth, body)
}

// rawWantError checks an error answer: the status class, the protocol's
// headers, the __type, and a message mentioning every part.
func rawWantError(t *testing.T, a rawAnswer, typ string, parts ...string) {
	t.Helper()
	if a.status < 400 || a.status > 499 {
		t.Errorf("answered %d, want 4xx (body %s)", a.status, a.raw)
	}
	if a.errType() != typ {
		t.Errorf("__type = %q (%s), want %s", a.errType(), a.message(), typ)
	}
	if ct := a.header.Get("Content-Type"); ct != rawContentType {
		t.Errorf("error Content-Type = %q, want %s", ct, rawContentType)
	}
	if a.header.Get("x-amzn-RequestId") == "" {
		t.Errorf("error answer has no x-amzn-RequestId")
	}
	if a.message() == "" {
		t.Errorf("error body %s has no message", a.raw)
	}
	for _, p := range parts {
		if !strings.Contains(a.message(), p) {
			t.Errorf("message %q does not mention %q", a.message(), p)
		}
	}
}

// rawWantNothingCreated checks that the test account has no connections and
// no LAGs.
func rawWantNothingCreated(t *testing.T, w *dxsimtest.World) {
	t.Helper()
	if n := len(dxsimtest.DescribeConnections(t, w.Client())); n != 0 {
		t.Errorf("%d connections exist after failed requests, want 0", n)
	}
	out, err := w.Client().DescribeLags(ctx, &directconnect.DescribeLagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.Lags); n != 0 {
		t.Errorf("%d LAGs exist after failed requests, want 0", n)
	}
}

func TestRawSuccessCarriesProtocolHeaders(t *testing.T) {
	w := dxsimtest.Start(t)
	a := rawCall(t, w, "DescribeLocations", `{}`)
	if a.status != http.StatusOK {
		t.Fatalf("DescribeLocations answered %d %s", a.status, a.raw)
	}
	if ct := a.header.Get("Content-Type"); ct != rawContentType {
		t.Errorf("Content-Type = %q, want %s", ct, rawContentType)
	}
	first := a.header.Get("x-amzn-RequestId")
	if first == "" {
		t.Fatal("no x-amzn-RequestId")
	}
	if _, ok := a.body["locations"].([]any); !ok {
		t.Errorf("body %s has no locations list", a.raw)
	}
	// An empty body is an empty input, as the SDKs send for no members.
	b := rawCall(t, w, "DescribeLocations", ``)
	if b.status != http.StatusOK {
		t.Fatalf("DescribeLocations with an empty body answered %d %s", b.status, b.raw)
	}
	if second := b.header.Get("x-amzn-RequestId"); second == first {
		t.Errorf("two requests got the same request ID %s", first)
	}
}

func TestRawUnknownOperation(t *testing.T) {
	w := dxsimtest.Start(t)
	rawWantError(t, rawCall(t, w, "CreateTransitGatewayPeering", `{}`), "UnknownOperationException", "CreateTransitGatewayPeering")
	rawWantError(t, rawRequest(t, w, http.MethodPost, "AmazonEC2.DescribeVpcs", rawAuth, `{}`), "UnknownOperationException", "AmazonEC2.DescribeVpcs", "OvertureService.")
	rawWantError(t, rawRequest(t, w, http.MethodPost, "", rawAuth, `{}`), "UnknownOperationException", "OvertureService.")
	rawWantError(t, rawRequest(t, w, http.MethodGet, "OvertureService.DescribeConnections", rawAuth, ``), "UnknownOperationException", "POST")
}

func TestRawBodyThatIsNotJSON(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, body := range []string{`location=EqDC2&bandwidth=1Gbps`, `{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"`, `["EqDC2"]`} {
		rawWantError(t, rawCall(t, w, "CreateConnection", body), "SerializationException", "JSON")
	}
	rawWantNothingCreated(t, w)
}

func TestRawMemberOfWrongType(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, tc := range []struct {
		op, body, member, want string
	}{
		{"CreateConnection", `{"location":"EqDC2","bandwidth":5,"connectionName":"c"}`, "bandwidth", "string"},
		{"CreateConnection", `{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"c","tags":"x"}`, "tags", "list"},
		{"CreateConnection", `{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"c","requestMACSec":"yes"}`, "requestMACSec", "boolean"},
		{"CreateLag", `{"numberOfConnections":"two","location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, "numberOfConnections", "integer"},
		{"CreateLag", `{"numberOfConnections":2,"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l","childConnectionTags":[{"key":1}]}`, "childConnectionTags.key", "string"},
	} {
		t.Run(tc.op+"/"+tc.member, func(t *testing.T) {
			rawWantError(t, rawCall(t, w, tc.op, tc.body), "SerializationException", `"`+tc.member+`"`, tc.want)
		})
	}
	rawWantNothingCreated(t, w)
}

func TestRawMissingRequiredMember(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, tc := range []struct {
		op, body string
		members  []string
	}{
		{"CreateConnection", `{"bandwidth":"1Gbps","connectionName":"c"}`, []string{"location"}},
		{"CreateConnection", `{}`, []string{"location", "bandwidth", "connectionName"}},
		{"CreateLag", `{"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, []string{"numberOfConnections"}},
		{"CreateLag", `{"numberOfConnections":1,"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l","tags":[{"key":"a"},{"value":"v"}]}`, []string{"tags.2.member.key"}},
	} {
		a := rawCall(t, w, tc.op, tc.body)
		rawWantError(t, a, "DirectConnectClientException")
		for _, m := range tc.members {
			if !strings.Contains(a.message(), "'"+m+"'") {
				t.Errorf("%s %s: message %q does not name %s", tc.op, tc.body, a.message(), m)
			}
		}
	}
	rawWantNothingCreated(t, w)

	// A tag lacking its key: the resource keeps exactly the tags it had.
	conn := dxsimtest.CreateConnection(t, w.Client(), "EqDC2", "1Gbps")
	arn := "arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxcon/" + aws.ToString(conn.ConnectionId)
	a := rawCall(t, w, "TagResource", `{"resourceArn":"`+arn+`","tags":[{"key":"env","value":"prod"},{"value":"orphan"}]}`)
	rawWantError(t, a, "DirectConnectClientException", "'tags.2.member.key'")
	tags, err := w.Client().DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{arn}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tags.ResourceTags) != 1 || len(tags.ResourceTags[0].Tags) != 0 {
		t.Errorf("after a refused TagResource the connection has tags %+v, want none", tags.ResourceTags)
	}
}

func TestRawLoaTimestampsAndBlobs(t *testing.T) {
	w := dxsimtest.Start(t)
	conn := dxsimtest.CreateConnection(t, w.Client(), "EqDC2", "1Gbps")
	id := aws.ToString(conn.ConnectionId)
	issued := w.Clock.Now()

	a := rawCall(t, w, "DescribeLoa", `{"connectionId":"`+id+`","providerName":"Zayo"}`)
	if a.status != http.StatusOK {
		t.Fatalf("DescribeLoa answered %d %s", a.status, a.raw)
	}
	content, ok := a.body["loaContent"].(string)
	if !ok {
		t.Fatalf("loaContent is %T, want a base64 string", a.body["loaContent"])
	}
	pdf, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		t.Fatalf("loaContent is not base64: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("loaContent decodes to %q..., not a PDF", pdf[:min(len(pdf), 16)])
	}
	if a.body["loaContentType"] != "application/pdf" {
		t.Errorf("loaContentType = %v", a.body["loaContentType"])
	}

	w.Clock.Advance(90 * time.Minute) // the issue time must be the LOA's, not now's
	d := rawCall(t, w, "DescribeConnections", `{"connectionId":"`+id+`"}`)
	conns, _ := d.body["connections"].([]any)
	if d.status != http.StatusOK || len(conns) != 1 {
		t.Fatalf("DescribeConnections answered %d %s", d.status, d.raw)
	}
	got := conns[0].(map[string]any)["loaIssueTime"]
	n, ok := got.(json.Number)
	if !ok {
		t.Fatalf("loaIssueTime is %T (%v), want a JSON number of epoch seconds", got, got)
	}
	secs, err := n.Float64()
	if err != nil {
		t.Fatal(err)
	}
	if want := float64(issued.UnixMilli()) / 1000; secs != want {
		t.Errorf("loaIssueTime = %v, want %v (epoch seconds of the LOA's issue)", secs, want)
	}
	// The SDK reads the same value as a time.
	c := dxsimtest.DescribeConnection(t, w.Client(), conn.ConnectionId)
	if c.LoaIssueTime == nil || !c.LoaIssueTime.Equal(issued) {
		t.Errorf("SDK reads loaIssueTime %v, want %v", c.LoaIssueTime, issued)
	}
}

func TestRawHealth(t *testing.T) {
	w := dxsimtest.Start(t)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.URL+"/health", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /health answered %d, want 200", resp.StatusCode)
	}
}

func TestRawRequestsWithoutUsableCredentials(t *testing.T) {
	w := dxsimtest.Start(t)
	create := `{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"c"}`
	a := rawRequest(t, w, http.MethodPost, "OvertureService.CreateConnection", "", create)
	rawWantError(t, a, "MissingAuthenticationTokenException", "Signature Version 4")
	for _, tc := range []struct{ auth, mention string }{
		{"Bearer abc", `"Bearer"`},
		{"AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", "Credential="},
		{"AWS4-HMAC-SHA256 Credential=" + dxsimtest.Account + "/20260101/us-east-1, SignedHeaders=host, Signature=00", "Credential="},
		{"AWS4-HMAC-SHA256 Credential=" + dxsimtest.Account + "/20260101/moon-base/directconnect/aws4_request, SignedHeaders=host, Signature=00", `"moon-base"`},
	} {
		a := rawRequest(t, w, http.MethodPost, "OvertureService.CreateConnection", tc.auth, create)
		rawWantError(t, a, "IncompleteSignatureException", tc.mention)
	}
	rawWantNothingCreated(t, w)
}

// rawWantNotFound checks that err is the client error for an ID the caller
// cannot see.
func rawWantNotFound(t *testing.T, err error, id string) {
	t.Helper()
	dxsimtest.WantError(t, err, "DirectConnectClientException", id, "does not exist")
}

func TestIdentityTwelveDigitKeyIsTheAccount(t *testing.T) {
	w := dxsimtest.Start(t)
	out := dxsimtest.CreateConnection(t, w.ClientFor("210987654321", "us-east-1"), "EqDC2", "1Gbps")
	if got := aws.ToString(out.OwnerAccount); got != "210987654321" {
		t.Errorf("ownerAccount = %s, want the 12-digit access key ID 210987654321", got)
	}
	other := dxsimtest.CreateConnection(t, w.ClientFor("AKIAIOSFODNN7EXAMPLE", "us-east-1"), "EqDC2", "1Gbps")
	if got := aws.ToString(other.OwnerAccount); got != "123456789012" {
		t.Errorf("ownerAccount = %s, want the default account 123456789012", got)
	}
	// Every non-account key is the same default account.
	got := dxsimtest.DescribeConnections(t, w.ClientFor("ASIAOTHERKEY", "us-east-1"))
	if len(got) != 1 || aws.ToString(got[0].ConnectionId) != aws.ToString(other.ConnectionId) {
		t.Errorf("another non-account key sees %+v, want the default account's connection %s", got, aws.ToString(other.ConnectionId))
	}
}

func TestIdentityDefaultAccountIsConfigurable(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.DefaultAccount = "999988887777" })
	out := dxsimtest.CreateConnection(t, w.ClientFor("AKIAIOSFODNN7EXAMPLE", "us-east-1"), "EqDC2", "1Gbps")
	if got := aws.ToString(out.OwnerAccount); got != "999988887777" {
		t.Errorf("ownerAccount = %s, want the configured default 999988887777", got)
	}
}

func TestIdentityRegionComesFromTheScope(t *testing.T) {
	w := dxsimtest.Start(t)
	west := w.ClientFor(dxsimtest.Account, "us-west-2")
	out := dxsimtest.CreateConnection(t, west, "EqSe2-EQ", "10Gbps")
	if got := aws.ToString(out.Region); got != "us-west-2" {
		t.Errorf("region = %s, want us-west-2", got)
	}
	locs, err := west.DescribeLocations(ctx, &directconnect.DescribeLocationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(locs.Locations) == 0 {
		t.Fatal("no locations in us-west-2")
	}
	for _, l := range locs.Locations {
		if aws.ToString(l.Region) != "us-west-2" {
			t.Errorf("DescribeLocations in us-west-2 lists %s of %s", aws.ToString(l.LocationCode), aws.ToString(l.Region))
		}
	}
	// A us-east-1 location is not one of us-west-2's.
	_, err = west.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("c"),
	})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "EqDC2", "us-west-2")
	if n := len(dxsimtest.DescribeConnections(t, west)); n != 1 {
		t.Errorf("%d connections in us-west-2, want 1", n)
	}
}

func TestIdentitySeparatesAccountsAndRegions(t *testing.T) {
	w := dxsimtest.Start(t)
	owner := w.Client()
	conn := dxsimtest.CreateConnection(t, owner, "EqDC2", "1Gbps")
	lag := dxsimtest.CreateLag(t, owner, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	before := dxsimtest.DescribeConnection(t, owner, conn.ConnectionId)
	arn := "arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxcon/" + aws.ToString(conn.ConnectionId)

	for name, c := range map[string]*directconnect.Client{
		"other account":              w.ClientFor(dxsimtest.OtherAccount, "us-east-1"),
		"same account, other region": w.ClientFor(dxsimtest.Account, "us-west-2"),
	} {
		t.Run(name, func(t *testing.T) {
			if got := dxsimtest.DescribeConnections(t, c); len(got) != 0 {
				t.Errorf("sees %d connections, want 0", len(got))
			}
			lags, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{})
			if err != nil {
				t.Fatal(err)
			}
			if len(lags.Lags) != 0 {
				t.Errorf("sees %d LAGs, want 0", len(lags.Lags))
			}
			_, err = c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: conn.ConnectionId})
			rawWantNotFound(t, err, aws.ToString(conn.ConnectionId))
			_, err = c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: lag.LagId})
			rawWantNotFound(t, err, aws.ToString(lag.LagId))
			_, err = c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId, ConnectionName: aws.String("stolen")})
			rawWantNotFound(t, err, aws.ToString(conn.ConnectionId))
			_, err = c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn.ConnectionId})
			rawWantNotFound(t, err, aws.ToString(conn.ConnectionId))
			_, err = c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
			rawWantNotFound(t, err, aws.ToString(lag.LagId))
			_, err = c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("owner"), Value: aws.String("thief")}}})
			dxsimtest.WantError(t, err, "DirectConnectClientException", arn, "does not exist")
		})
	}

	after := dxsimtest.DescribeConnection(t, owner, conn.ConnectionId)
	if aws.ToString(after.ConnectionName) != aws.ToString(before.ConnectionName) || after.ConnectionState != before.ConnectionState || len(after.Tags) != 0 {
		t.Errorf("connection changed by other callers: before %s %s, after %s %s tags %+v",
			aws.ToString(before.ConnectionName), before.ConnectionState, aws.ToString(after.ConnectionName), after.ConnectionState, after.Tags)
	}
	if l := dxsimtest.DescribeLag(t, owner, lag.LagId); l.LagState == types.LagStateDeleted {
		t.Errorf("LAG %s was deleted by another caller", aws.ToString(lag.LagId))
	}
}
