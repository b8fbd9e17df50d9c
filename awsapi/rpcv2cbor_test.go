package awsapi

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

const cwPath = "/service/GraniteServiceVersion20100801/operation/"

// cborAnswer is one answer to a raw RPC v2 CBOR request.
type cborAnswer struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// postCBOR sends body to path of the stub CloudWatch at url with the
// protocol's headers, changed by edit, signed (open mode reads the scope).
func postCBOR(t *testing.T, url, path string, body []byte, edit func(*http.Request)) cborAnswer {
	t.Helper()
	r, err := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
	r.Header.Set("Content-Type", "application/cbor")
	r.Header.Set("Accept", "application/cbor")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=111122223333/20260301/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=00")
	if edit != nil {
		edit(r)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := cborAnswer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if err := cbor.Unmarshal(raw, &a.body); err != nil {
		t.Fatalf("%s answered %d with %q, not a CBOR map: %v", path, resp.StatusCode, raw, err)
	}
	return a
}

func mustCBOR(t *testing.T, v any) []byte {
	t.Helper()
	b, err := cborEnc.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRPCv2CBORRefusesMalformedRequests: every request the protocol cannot
// take is a 4xx client error in CBOR, with its type in __type and in
// x-amzn-query-error, a message that says what was wrong, and the
// Smithy-Protocol header; the operation does not run.
func TestRPCv2CBORRefusesMalformedRequests(t *testing.T) {
	stubs, url := startCloudWatch(t, Identity{})
	for _, tc := range []struct {
		name, path string
		body       []byte
		edit       func(*http.Request)
		status     int
		typ, says  string
	}{
		{"truncated CBOR", "ListMetrics", []byte{0xa1, 0x69, 'N', 'a'}, nil, 400, "SerializationException", "not well-formed CBOR"},
		{"a key given twice", "ListMetrics", []byte{0xa2, 0x61, 'a', 1, 0x61, 'a', 2}, nil, 400, "SerializationException", "duplicate map key"},
		{"a key that is not a string", "ListMetrics", []byte{0xa1, 0x01, 0x02}, nil, 400, "SerializationException", "not well-formed CBOR"},
		{"data after the body", "ListMetrics", []byte{0xa0, 0xa0}, nil, 400, "SerializationException", "extraneous data"},
		{"a list, not a map", "ListMetrics", mustCBOR(t, []any{"AWS/DX"}), nil, 400, "SerializationException", "must be a CBOR map; got a CBOR array"},
		{"a member of the wrong type", "ListMetrics", mustCBOR(t, map[string]any{"Namespace": 7}), nil, 400, "SerializationException", `Member "Namespace" has the wrong type: got a CBOR number, expected a string`},
		{"a map for a list", "ListMetrics", mustCBOR(t, map[string]any{"Dimensions": map[string]any{}}), nil, 400, "SerializationException", `Member "Dimensions" has the wrong type: got a CBOR map, expected a list`},
		{"a NaN double", "PutMetricAlarm", mustCBOR(t, map[string]any{"AlarmName": "a", "Threshold": math.NaN()}), nil, 400, "SerializationException", `Member "Threshold" is NaN`},
		{"an unknown tag", "ListMetrics", mustCBOR(t, map[string]any{"Namespace": cbor.Tag{Number: 99, Content: "x"}}), nil, 400, "SerializationException", "tag 99"},
		{"an unknown operation", "DescribeAlarms", nil, nil, 400, "InvalidAction", "Could not find operation DescribeAlarms"},
		{"no operation", "", nil, nil, 400, "UnknownOperationException", "names no operation"},
		{"no Smithy-Protocol header", "ListMetrics", nil, func(r *http.Request) { r.Header.Del("Smithy-Protocol") }, 400, "SerializationException", "must carry header Smithy-Protocol: rpc-v2-cbor"},
		{"a JSON Content-Type", "ListMetrics", []byte(`{}`), func(r *http.Request) { r.Header.Set("Content-Type", "application/json") }, 415, unsupportedMedia, "must be Content-Type application/cbor"},
		{"an X-Amz-Target header", "ListMetrics", nil, func(r *http.Request) { r.Header.Set("X-Amz-Target", "Other.ListMetrics") }, 400, "SerializationException", "must not carry an X-Amz-Target"},
		{"a GET", "ListMetrics", nil, func(r *http.Request) { r.Method = http.MethodGet }, 400, "UnknownOperationException", "POSTs to /service/GraniteServiceVersion20100801/operation/<Operation>"},
		{"a body over the limit", "ListMetrics", mustCBOR(t, map[string]any{"Namespace": strings.Repeat("x", maxBody)}), nil, 400, "SerializationException", "Could not read the request body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(stubs.wiresSeen())
			a := postCBOR(t, url, cwPath+tc.path, tc.body, tc.edit)
			msg, _ := a.body["message"].(string)
			if a.status != tc.status || a.body["__type"] != tc.typ || !strings.Contains(msg, tc.says) {
				t.Errorf("answered %d %v, want %d %s saying %q", a.status, a.body, tc.status, tc.typ, tc.says)
			}
			if a.header.Get("Smithy-Protocol") != "rpc-v2-cbor" || a.header.Get("Content-Type") != "application/cbor" ||
				a.header.Get("X-Amzn-Query-Error") != tc.typ+";Sender" {
				t.Errorf("answered headers %v", a.header)
			}
			if len(stubs.wiresSeen()) != before+1 || len(stubs.got().callers) != 0 {
				t.Errorf("an operation ran for a malformed request: %+v", stubs.got().callers)
			}
		})
	}
}

// TestRPCv2CBORWire: what the protocol writes: timestamps as tag 1 of
// epoch seconds in a 64-bit double, doubles as doubles, blobs as byte
// strings, no null members, and errors as their absolute shape ID; and
// which paths it takes (a prefix, the service's absolute shape ID). A long
// value of the request that an error quotes is shortened, as in JSON.
func TestRPCv2CBORWire(t *testing.T) {
	_, url := startCloudWatch(t, Identity{})
	a := postCBOR(t, url, cwPath+"GetMetricData", nil, nil)
	if a.status != 200 || a.header.Get("Smithy-Protocol") != "rpc-v2-cbor" || a.header.Get("Content-Type") != "application/cbor" {
		t.Fatalf("GetMetricData answered %d %v %v", a.status, a.header, a.body)
	}
	dm := must(cbor.DiagOptions{FloatPrecisionIndicator: true}.DiagMode())
	diag, err := dm.Diagnose(a.raw)
	if err != nil {
		t.Fatal(err)
	}
	// 2026-03-01T12:01:00Z and 12:00:01.5Z, 1.5e9 and 0.25, all doubles.
	for _, want := range []string{`1(1772366460.0_3)`, `1(1772366401.5_3)`, `[1500000000.0_3, 0.25_3]`} {
		if !strings.Contains(diag, want) {
			t.Errorf("GetMetricData's answer %s lacks %s", diag, want)
		}
	}
	a = postCBOR(t, url, cwPath+"GetMetricWidgetImage", nil, nil)
	if diag, _ := dm.Diagnose(a.raw); !strings.Contains(diag, `"MetricWidgetImage": h'89504e4700ff10'`) {
		t.Errorf("GetMetricWidgetImage's answer %s lacks the image as a byte string", diag)
	}
	a = postCBOR(t, url, cwPath+"ListMetrics", mustCBOR(t, map[string]any{"NextToken": "stale"}), nil)
	if a.status != 400 || a.body["__type"] != "com.amazonaws.cloudwatch#InvalidNextToken" || a.header.Get("X-Amzn-Query-Error") != "InvalidNextToken;Sender" {
		t.Errorf("a modeled error answered %d %v %v", a.status, a.header, a.body)
	}
	long := "stale" + strings.Repeat("x", 5000)
	a = postCBOR(t, url, cwPath+"ListMetrics", mustCBOR(t, map[string]any{"NextToken": long}), nil)
	if msg, _ := a.body["message"].(string); a.status != 400 || len(msg) > 200 || !strings.Contains(msg, long[:maxEcho]+"...") {
		t.Errorf("an error quoting a 5000-byte value answered %d %q, want the value shortened to its first %d bytes", a.status, msg, maxEcho)
	}
	a = postCBOR(t, url, cwPath+"PutMetricAlarm", mustCBOR(t, map[string]any{"AlarmName": "boom"}), nil)
	if a.status != 500 || a.body["__type"] != "com.amazonaws.cloudwatch#InternalServiceFault" || a.body["Message"] == nil ||
		a.header.Get("X-Amzn-Query-Error") != "InternalServiceError;Receiver" {
		t.Errorf("a server fault answered %d %v %v", a.status, a.header, a.body)
	}
	a = postCBOR(t, url, cwPath+"PutMetricAlarm", mustCBOR(t, map[string]any{"AlarmName": "ok"}), nil)
	if a.status != 200 || len(a.body) != 0 {
		t.Errorf("PutMetricAlarm, which has no output, answered %d %v", a.status, a.body)
	}
	for _, path := range []string{
		"/v1" + cwPath + "ListMetrics",
		"/service/com.amazonaws.cloudwatch.GraniteServiceVersion20100801/operation/ListMetrics",
	} {
		if a := postCBOR(t, url, path, nil, nil); a.status != 200 || a.body["NextToken"] != "page-2" {
			t.Errorf("%s answered %d %v", path, a.status, a.body)
		}
	}
}

// TestRPCv2CBOREnvelope: the request envelope holds for the protocol: a
// web page's request and an unsigned one in strict mode are refused (403)
// in the protocol's own shape before the operation runs.
func TestRPCv2CBOREnvelope(t *testing.T) {
	stubs, url := startCloudWatch(t, Identity{})
	a := postCBOR(t, url, cwPath+"ListMetrics", nil, func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") })
	if msg, _ := a.body["message"].(string); a.status != 403 || a.body["__type"] != "AccessDenied" || !strings.Contains(msg, "evil.example") ||
		a.header.Get("Smithy-Protocol") != "rpc-v2-cbor" || len(stubs.got().callers) != 0 {
		t.Errorf("a page's request answered %d %v %v", a.status, a.header, a.body)
	}
	a = postCBOR(t, url, cwPath+"ListMetrics", nil, func(r *http.Request) { r.Host = "evil.example" })
	if a.status != 403 || a.body["__type"] != "AccessDenied" || len(stubs.got().callers) != 0 {
		t.Errorf("a rebound name's request answered %d %v", a.status, a.body)
	}

	stubs, url = startCloudWatch(t, Identity{Mode: AuthStrict, Credentials: map[string]Credential{}})
	a = postCBOR(t, url, cwPath+"ListMetrics", nil, func(r *http.Request) { r.Header.Del("Authorization") })
	if a.status != 403 || a.body["__type"] != "MissingAuthenticationTokenException" || len(stubs.got().callers) != 0 {
		t.Errorf("an unsigned request in strict mode answered %d %v", a.status, a.body)
	}
}
