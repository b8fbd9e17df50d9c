package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/dx"
)

const testAuth = "AWS4-HMAC-SHA256 Credential=111122223333/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"

// lockedLog collects log output written from server goroutines.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pingInput has a required member, to drive validation and decoding
// through the same path the real operations take.
type pingInput struct {
	Name  string   `json:"name" required:"true"`
	Count *int     `json:"count"`
	Tags  []dx.Tag `json:"tags"`
}

// empty is the input and output of an operation without members.
type empty struct{}

type pingOutput struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	Name    string `json:"name"`
}

// pingModel is the model of the test operations.
const pingModel = `{
	"operations": {
		"Ping": {"input": {"shape": "PingRequest"}, "output": {"shape": "PingResult"}},
		"Panic": {}, "Fault": {}
	},
	"shapes": {
		"PingRequest": {"type": "structure", "required": ["name"], "members": {
			"name": {"shape": "Name"}, "count": {"shape": "Count"}, "tags": {"shape": "TagList"}}},
		"PingResult": {"type": "structure", "members": {
			"account": {"shape": "Name"}, "region": {"shape": "Name"}, "name": {"shape": "Name"}}},
		"Name": {"type": "string"},
		"Count": {"type": "integer"},
		"TagList": {"type": "list", "member": {"shape": "Tag"}},
		"Tag": {"type": "structure", "required": ["key"], "members": {"key": {"shape": "Name"}, "value": {"shape": "Name"}}}
	}
}`

func pingShape(t *testing.T) *model.Shape {
	t.Helper()
	m, err := model.Parse([]byte(pingModel))
	if err != nil {
		t.Fatal(err)
	}
	return m.Operations["Ping"].Input
}

func testHandler(t *testing.T) (*httptest.Server, *lockedLog) {
	t.Helper()
	logs := &lockedLog{}
	m, err := model.Parse([]byte(pingModel))
	if err != nil {
		t.Fatal(err)
	}
	api := DirectConnect(nil)
	api.ops = withModel(map[string]operation{
		"Ping": op(func(_ context.Context, c dx.Caller, in *pingInput) (*pingOutput, error) {
			return &pingOutput{Account: c.Account, Region: c.Region, Name: in.Name}, nil
		}),
		"Panic": op(func(context.Context, dx.Caller, *empty) (*empty, error) {
			var m map[string]int
			m["boom"] = 1 // a nil-map write, the kind of bug a panic is
			return nil, nil
		}),
		"Fault": op(func(context.Context, dx.Caller, *empty) (*empty, error) {
			return nil, errors.New("disk on fire")
		}),
	}, m)
	h := New(Identity{DefaultAccount: "123456789012", DefaultRegion: "us-east-1"}, slog.New(slog.NewJSONHandler(logs, nil)), api)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

type answer struct {
	status    int
	requestID string
	body      map[string]any
}

func call(t *testing.T, c *http.Client, url, target, body string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("Authorization", testAuth)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, requestID: resp.Header.Get("x-amzn-RequestId")}
	if err := json.Unmarshal(raw, &a.body); err != nil {
		t.Fatalf("%s answered %d with a body that is not JSON: %q", target, resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		t.Errorf("%s answered Content-Type %q", target, ct)
	}
	return a
}

func TestPanicIsAServerErrorAndServingGoesOn(t *testing.T) {
	srv, logs := testHandler(t)
	c := srv.Client()

	a := call(t, c, srv.URL, "OvertureService.Panic", `{}`)
	if a.status != http.StatusInternalServerError {
		t.Errorf("panicking operation answered %d, want 500", a.status)
	}
	if a.body["__type"] != dx.ServerException {
		t.Errorf("__type = %v, want %s", a.body["__type"], dx.ServerException)
	}
	msg, _ := a.body["message"].(string)
	if a.requestID == "" || !strings.Contains(msg, a.requestID) {
		t.Errorf("message %q does not carry the request ID %q a person can report", msg, a.requestID)
	}
	if strings.Contains(msg, "nil map") {
		t.Errorf("message %q leaks the panic to the client", msg)
	}
	if l := logs.String(); !strings.Contains(l, "panic serving request") || !strings.Contains(l, "nil map") || !strings.Contains(l, a.requestID) {
		t.Errorf("panic not logged with its value and request ID: %s", l)
	}

	// The same client (and its kept-alive connection) is served afterwards.
	for range 2 {
		a = call(t, c, srv.URL, "OvertureService.Ping", `{"name":"after"}`)
		if a.status != http.StatusOK || a.body["name"] != "after" {
			t.Fatalf("after a panic: %d %v", a.status, a.body)
		}
	}
}

func TestServerFaultHidesItsCause(t *testing.T) {
	srv, logs := testHandler(t)
	a := call(t, srv.Client(), srv.URL, "OvertureService.Fault", `{}`)
	if a.status != http.StatusInternalServerError || a.body["__type"] != dx.ServerException {
		t.Fatalf("a non-dx error answered %d %v, want 500 %s", a.status, a.body, dx.ServerException)
	}
	if msg, _ := a.body["message"].(string); strings.Contains(msg, "disk on fire") {
		t.Errorf("message %q leaks the internal error", msg)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("internal error not logged: %s", logs.String())
	}
}

func TestOperationGetsCallerAndDecodedInput(t *testing.T) {
	srv, _ := testHandler(t)
	a := call(t, srv.Client(), srv.URL, "OvertureService.Ping", `{"name":"n1","count":3,"unknownMember":true}`)
	if a.status != http.StatusOK {
		t.Fatalf("Ping answered %d %v", a.status, a.body)
	}
	want := map[string]any{"account": "111122223333", "region": "us-east-1", "name": "n1"}
	for k, v := range want {
		if a.body[k] != v {
			t.Errorf("%s = %v, want %v", k, a.body[k], v)
		}
	}
}

func TestValidateNamesTheSerializationProblem(t *testing.T) {
	ping := pingShape(t)
	for _, tc := range []struct {
		body  string
		parts []string
	}{
		{`{"name": 5}`, []string{`"name"`, "a JSON number", "expected a string"}},
		{`{"count": "two"}`, []string{`"count"`, "a JSON string", "expected an integer"}},
		{`{"count": 1.5}`, []string{`"count"`, "1.5", "expected an integer"}},
		{`{"count": 2147483648}`, []string{`"count"`, "2147483648", "expected an integer from -2147483648 to 2147483647"}},
		{`{"tags": [{"key": "a"}, {"key": 5}]}`, []string{`"tags.key"`, "'tags.2.member.key'", "expected a string"}},
		{`{"tags": [["key"]]}`, []string{`"tags"`, "a JSON array", "expected an object"}},
		{`{"tags": "x"}`, []string{`"tags"`, "a JSON string", "expected a list"}},
		{`{"tags": [{"key": 5}]}`, []string{`"tags.key"`, "expected a string"}},
		{`[]`, []string{"must be a JSON object", "array"}},
		{`"name"`, []string{"must be a JSON object", "string"}},
		{`{"name": `, []string{"not a valid JSON object"}},
		{`not json`, []string{"not a valid JSON object"}},
		{`{} {}`, []string{"data after its JSON object"}},
		{`{} }`, []string{"data after its JSON object"}},
	} {
		err := validate(ping, []byte(tc.body), nil)
		var e *dx.Error
		if !errors.As(err, &e) {
			t.Errorf("validate(%s) = %v, want a SerializationException", tc.body, err)
			continue
		}
		if e.Type != dx.SerializationError || e.Status != http.StatusBadRequest {
			t.Errorf("validate(%s): %s %d, want %s 400", tc.body, e.Type, e.Status, dx.SerializationError)
		}
		for _, p := range tc.parts {
			if !strings.Contains(e.Message, p) {
				t.Errorf("validate(%s): message %q does not mention %q", tc.body, e.Message, p)
			}
		}
	}
	for _, body := range []string{`{"name":"x"} `, `{"name":"x","count":-3,"tags":[{"key":"k"}],"other":[1]}`, `{"name":"x","count":null,"tags":[]}`} {
		if err := validate(ping, []byte(body), nil); err != nil {
			t.Errorf("validate(%q) = %v, want it accepted", body, err)
		}
	}
	for _, body := range []string{``, "  \n", `null`, `{}`, `{"name":"x"} `} {
		if err := decode([]byte(body), new(pingInput), "JSON"); err != nil {
			t.Errorf("decode(%q) = %v, want it accepted", body, err)
		}
	}
}

func TestValidateNamesEveryMissingMemberAtEveryDepth(t *testing.T) {
	m := model.Load()
	for _, tc := range []struct {
		name, op, body string
		missing        []string
	}{
		{"all present", "CreateLag", `{"numberOfConnections":1,"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, nil},
		{"zero count is present", "CreateLag", `{"numberOfConnections":0,"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, nil},
		{"no numberOfConnections", "CreateLag", `{"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, []string{"Value null at 'numberOfConnections'"}},
		{"null numberOfConnections", "CreateLag", `{"numberOfConnections":null,"location":"EqDC2","connectionsBandwidth":"1Gbps","lagName":"l"}`, []string{"Value null at 'numberOfConnections'"}},
		{"no location", "CreateConnection", `{"bandwidth":"1Gbps","connectionName":"c"}`, []string{"'location'"}},
		{"empty location", "CreateConnection", `{"location":"","bandwidth":"1Gbps","connectionName":"c"}`, []string{"Value '' at 'location'"}},
		{"three missing", "CreateConnection", `{}`, []string{"'location'", "'bandwidth'", "'connectionName'"}},
		{"null body", "CreateConnection", `null`, []string{"'location'", "'bandwidth'", "'connectionName'"}},
		{"tag without key", "TagResource", `{"resourceArn":"arn","tags":[{"key":"a"},{"value":"v"}]}`, []string{"'tags.2.member.key'"}},
		{"null tag", "TagResource", `{"resourceArn":"arn","tags":[null]}`, []string{"Value null at 'tags.1.member'"}},
		{"no tags", "TagResource", `{"resourceArn":"arn"}`, []string{"'tags'"}},
		{"nested vlan", "CreatePublicVirtualInterface", `{"connectionId":"dxcon-1","newPublicVirtualInterface":{"virtualInterfaceName":"v","asn":65000}}`, []string{"Value null at 'newPublicVirtualInterface.vlan'"}},
		{"nested structure", "CreatePrivateVirtualInterface", `{"connectionId":"dxcon-1"}`, []string{"'newPrivateVirtualInterface'"}},
		{"nested and top", "AllocatePublicVirtualInterface", `{"newPublicVirtualInterfaceAllocation":{"vlan":1,"tags":[{}]}}`, []string{"'connectionId'", "'ownerAccount'", "'newPublicVirtualInterfaceAllocation.virtualInterfaceName'", "'newPublicVirtualInterfaceAllocation.tags.1.member.key'"}},
		{"supplement's required", "CreateResiliencyGroup", `{"resiliencyGroupName":"g"}`, []string{"'intendedResiliencyModel'"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(m.Operations[tc.op].Input, []byte(tc.body), nil)
			if len(tc.missing) == 0 {
				if err != nil {
					t.Fatalf("validate = %v, want nil", err)
				}
				return
			}
			var e *dx.Error
			if !errors.As(err, &e) || e.Type != dx.ClientException || e.Status != http.StatusBadRequest {
				t.Fatalf("validate = %v, want a DirectConnectClientException (400)", err)
			}
			for _, m := range tc.missing {
				if !strings.Contains(e.Message, m) {
					t.Errorf("message %q does not name %s", e.Message, m)
				}
			}
			want := "1 validation error detected: "
			if n := len(tc.missing); n > 1 {
				want = fmt.Sprintf("%d validation errors detected: ", n)
			}
			if !strings.HasPrefix(e.Message, want) {
				t.Errorf("message %q does not start %q", e.Message, want)
			}
			if !strings.Contains(e.Message, "failed to satisfy constraint: Member must") {
				t.Errorf("message %q does not say what is allowed", e.Message)
			}
		})
	}
}

func TestRequiredMemberMissingIsRefusedBeforeTheOperation(t *testing.T) {
	srv, _ := testHandler(t)
	a := call(t, srv.Client(), srv.URL, "OvertureService.Ping", `{"tags":[{"value":"v"}]}`)
	if a.status != http.StatusBadRequest || a.body["__type"] != dx.ClientException {
		t.Fatalf("missing members answered %d %v", a.status, a.body)
	}
	msg, _ := a.body["message"].(string)
	for _, m := range []string{"'name'", "'tags.1.member.key'"} {
		if !strings.Contains(msg, m) {
			t.Errorf("message %q does not name %s", msg, m)
		}
	}
}

func TestOperationsTableServesTheIssueOperations(t *testing.T) {
	got := map[string]bool{}
	for _, n := range DirectConnect(nil).Operations() {
		got[n] = true
	}
	for _, n := range []string{
		"CreateConnection", "DescribeConnections", "UpdateConnection", "DeleteConnection",
		"CreateLag", "DescribeLags", "UpdateLag", "DeleteLag",
		"AssociateConnectionWithLag", "DisassociateConnectionFromLag",
		"AssociateMacSecKey", "DisassociateMacSecKey", "DescribeLocations",
		"TagResource", "UntagResource", "DescribeTags", "DescribeLoa", "DescribeConnectionLoa",
		"ConfirmCustomerAgreement", "DescribeCustomerMetadata",
	} {
		if !got[n] {
			t.Errorf("operation %s is not in the routing table", n)
		}
	}
}
