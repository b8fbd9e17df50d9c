package awsapi

import (
	"bytes"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// FuzzRPCv2CBOR: no CBOR body makes the stub CloudWatch answer a server
// fault (but the stub's own panic) or anything but a CBOR map with a
// __type on an error.
func FuzzRPCv2CBOR(f *testing.F) {
	for _, seed := range []any{
		map[string]any{"Namespace": "AWS/DX", "Dimensions": []any{map[string]any{"Name": "ConnectionId", "Value": "dxcon-fg5678gh"}}},
		map[string]any{"StartTime": cbor.Tag{Number: 1, Content: 1.7e9}, "MaxDatapoints": 10, "MetricDataQueries": []any{map[string]any{"Id": "a"}}},
		map[string]any{"AlarmName": "a", "Threshold": 0.5, "Period": uint64(math.MaxUint64), "ActionsEnabled": true, "Tags": []any{}},
		map[string]any{"Threshold": math.Inf(1)},
		[]any{1, "x", []byte{0}},
	} {
		b, err := cborEnc.Marshal(seed)
		if err != nil {
			f.Fatal(err)
		}
		for op := range uint8(3) {
			f.Add(op, b)
		}
	}
	stubs := &cwStubs{}
	front := New(Identity{}, nil, DirectConnect(nil), cloudWatch(map[string]operation{
		"ListMetrics":    op(stubs.ListMetrics),
		"GetMetricData":  op(stubs.GetMetricData),
		"PutMetricAlarm": op(stubs.PutMetricAlarm),
	}))
	ops := []string{"ListMetrics", "GetMetricData", "PutMetricAlarm"}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		r := httptest.NewRequest(http.MethodPost, cwPath+ops[int(op)%len(ops)], bytes.NewReader(body))
		r.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
		r.Header.Set("Content-Type", "application/cbor")
		w := httptest.NewRecorder()
		front.ServeHTTP(w, r)
		var answer map[string]any
		if err := cbor.Unmarshal(w.Body.Bytes(), &answer); err != nil {
			t.Fatalf("answered %d %q, not a CBOR map: %v", w.Code, w.Body.Bytes(), err)
		}
		if w.Code >= 500 {
			got := stubs.got().alarms
			if len(got) == 0 || got[len(got)-1].AlarmName != "boom" {
				t.Fatalf("answered %d %v to %x", w.Code, answer, body)
			}
		}
		if w.Code != 200 && answer["__type"] == nil {
			t.Fatalf("answered %d without __type: %v", w.Code, answer)
		}
	})
}
