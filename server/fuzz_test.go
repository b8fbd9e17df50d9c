package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store/backend"
)

// Fuzz targets: no request to the AWS API, the admin API or import may
// answer 5xx or panic. `go test` runs their seed corpora (and any crasher
// saved under testdata/fuzz) as regular tests; .ci/run fuzzes each for a
// bounded time.

// fuzzWorld is a world served in-process, with one of each resource that
// operations name, their IDs substituted for placeholders in fuzz inputs.
type fuzzWorld struct {
	h   http.Handler
	ids *strings.Replacer
}

func newFuzzWorld(t testing.TB) *fuzzWorld {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.OpenStore = backend.Open
	cfg.DataPath = ":memory:"
	cfg.Clock = sim.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg.Service.Partners = []dx.Partner{{Account: dxsimtest.Account, Name: "Fuzz Networks"}}
	cfg.Logger = nil
	srv, err := server.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(context.Background()) })
	w := &fuzzWorld{h: srv.Handler()}
	id := func(op, body, field string) string {
		_, out := w.call(op, []byte(body))
		var m map[string]any
		json.Unmarshal(out, &m)
		s, _ := m[field].(string)
		return s
	}
	conn := id("CreateConnection", `{"location":"EqDC2","bandwidth":"10Gbps","connectionName":"fuzz"}`, "connectionId")
	lag := id("CreateLag", `{"location":"EqDC2","connectionsBandwidth":"1Gbps","numberOfConnections":2,"lagName":"fuzz"}`, "lagId")
	ic := id("CreateInterconnect", `{"location":"EqDC2","bandwidth":"10Gbps","interconnectName":"fuzz"}`, "interconnectId")
	hosted := id("AllocateHostedConnection", `{"connectionId":"`+ic+`","ownerAccount":"`+dxsimtest.Account+`","bandwidth":"500Mbps","connectionName":"h","vlan":300}`, "connectionId")
	vif := id("CreatePublicVirtualInterface", `{"connectionId":"`+conn+`","newPublicVirtualInterface":{"virtualInterfaceName":"v","vlan":101,"asn":65000,"amazonAddress":"203.0.113.1/30","customerAddress":"203.0.113.2/30","routeFilterPrefixes":[{"cidr":"198.51.100.0/24"}]}}`, "virtualInterfaceId")
	_, gw := w.call("CreateDirectConnectGateway", []byte(`{"directConnectGatewayName":"g","amazonSideAsn":64512}`))
	var g struct {
		DirectConnectGateway struct{ DirectConnectGatewayID string }
	}
	json.Unmarshal(gw, &g)
	w.ids = strings.NewReplacer("$CONN", conn, "$LAG", lag, "$IC", ic, "$HOSTED", hosted, "$VIF", vif, "$DXGW", g.DirectConnectGateway.DirectConnectGatewayID)
	return w
}

const fuzzAuth = "AWS4-HMAC-SHA256 Credential=" + dxsimtest.Account + "/20260101/us-east-1/directconnect/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00"

func (w *fuzzWorld) call(op string, body []byte) (int, []byte) {
	return w.do(http.MethodPost, "/", body, map[string]string{
		"X-Amz-Target": "OvertureService." + op, "Authorization": fuzzAuth, "Content-Type": "application/x-amz-json-1.1"})
}

func (w *fuzzWorld) do(method, path string, body []byte, header map[string]string) (int, []byte) {
	r := httptest.NewRequest(method, "http://localhost"+path, bytes.NewReader(body))
	r.Host = "localhost"
	for k, v := range header {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, r)
	return rec.Code, rec.Body.Bytes()
}

// operationNames are the operations of the service model, sorted.
func operationNames() []string {
	var names []string
	for n := range model.Load().Operations {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// placeholders are plausible values of members by name, so that seeds
// reach past "does not exist".
var placeholders = map[string]string{
	"connectionId": "$CONN", "lagId": "$LAG", "interconnectId": "$IC", "virtualInterfaceId": "$VIF",
	"directConnectGatewayId": "$DXGW", "parentConnectionId": "$IC", "location": "EqDC2", "bandwidth": "1Gbps",
	"connectionsBandwidth": "1Gbps", "ownerAccount": dxsimtest.Account, "resourceArn": "arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxcon/$CONN",
	"addressFamily": "ipv4", "amazonAddress": "203.0.113.5/30", "customerAddress": "203.0.113.6/30", "cidr": "198.51.100.0/24",
	"ckn": strings.Repeat("1", 64), "cak": strings.Repeat("a", 64), "authKey": "0xsecretkey",
}

// variant says how to build a value: the mode, and a counter that picks
// among wrong types and extremes.
type variant struct {
	mode string // valid, null (and missing members), wrongType (and extra members), extreme, badUTF8
	n    int
}

func value(s *model.Shape, member string, v *variant, depth int) any {
	v.n++
	switch v.mode {
	case "null":
		if depth > 0 {
			return nil
		}
	case "wrongType":
		if depth > 0 && v.n%2 == 0 {
			return []any{"s", 1, true, nil, map[string]any{}, []any{}}[v.n%6]
		}
	}
	switch s.Type {
	case "structure":
		out := map[string]any{}
		for _, mem := range s.Members {
			if v.mode == "null" && s.Required[mem.Name] && v.n%2 == 0 {
				continue
			}
			if depth < 6 {
				out[mem.Name] = value(mem.Shape, mem.Name, v, depth+1)
			}
		}
		if v.mode == "wrongType" {
			out["zzExtra"] = map[string]any{"deep": []any{1, "x", nil}}
		}
		return out
	case "list":
		if depth >= 6 {
			return []any{}
		}
		return []any{value(s.Member, member, v, depth+1), value(s.Member, member, v, depth+1)}
	case "map":
		return map[string]any{"k": "v"}
	case "boolean":
		return v.n%2 == 0
	case "integer", "long":
		switch v.mode {
		case "extreme":
			return []any{json.Number("1e308"), json.Number("-9223372036854775809"), json.Number("9223372036854775808"), json.Number("0.5"), -1, 0, 4294967296}[v.n%7]
		}
		if member == "vlan" {
			return 100 + v.n
		}
		return 65000
	case "timestamp":
		if v.mode == "extreme" {
			return json.Number("1e300")
		}
		return 1767225600
	case "blob":
		return "AAAA"
	}
	// strings
	switch v.mode {
	case "badUTF8":
		return "bad\xff\xfe" + string(rune(0xD800)) + "\x00end"
	case "extreme":
		if v.n%2 == 0 {
			return strings.Repeat("é", 300)
		}
		return strings.Repeat("x", 20_000)
	}
	if p, ok := placeholders[member]; ok {
		return p
	}
	if len(s.Enum) > 0 {
		return s.Enum[v.n%len(s.Enum)]
	}
	return "fuzz-" + member
}

// seedBodies are bodies of an operation built from its input shape.
func seedBodies(op string) [][]byte {
	in := model.Load().Operations[op].Input
	out := [][]byte{[]byte(`{}`), []byte(`{"zzExtra":1}`), []byte(`null`), []byte(`[]`)}
	if len(in.Members) == 0 {
		return out
	}
	for _, mode := range []string{"valid", "null", "wrongType", "extreme", "badUTF8"} {
		b, _ := json.Marshal(value(in, "", &variant{mode: mode}, 0))
		if mode == "badUTF8" {
			// Marshal makes invalid UTF-8 valid; put raw bytes back.
			b = bytes.ReplaceAll(b, []byte(`bad\ufffd\ufffd`), []byte("bad\xff\xfe"))
		}
		out = append(out, b)
	}
	return out
}

func FuzzOperations(f *testing.F) {
	ops := operationNames()
	for i, op := range ops {
		for _, b := range seedBodies(op) {
			f.Add(uint8(i), b)
		}
	}
	for _, b := range []string{`{}`, `{"a":`, `"str"`, `{"` + strings.Repeat("k", 1000) + `":1}`, "{\"tags\":[{\"key\":\"\xff\"}]}"} {
		f.Add(uint8(0), []byte(b))
	}
	w := newFuzzWorld(f)
	f.Fuzz(func(t *testing.T, opIndex uint8, body []byte) {
		op := ops[int(opIndex)%len(ops)]
		body = []byte(w.ids.Replace(string(body)))
		status, out := w.call(op, body)
		if status >= 500 {
			t.Fatalf("%s %q answered %d: %s", op, trim(body), status, out)
		}
		if !json.Valid(out) {
			t.Fatalf("%s %q answered a body that is not JSON: %q", op, trim(body), trim(out))
		}
	})
}

// adminEndpoints are the admin API's requests, as method and path.
var adminEndpoints = [][2]string{
	{"GET", "/_dxsim/clock"}, {"PUT", "/_dxsim/clock"}, {"POST", "/_dxsim/clock/advance"},
	{"GET", "/_dxsim/links"}, {"POST", "/_dxsim/links/$CONN/down"}, {"POST", "/_dxsim/links/$LAG/up"},
	{"POST", "/_dxsim/links/EqDC2/down"}, {"PUT", "/_dxsim/bgp-peers/$VIF/status"},
	{"POST", "/_dxsim/provisioning/$CONN/complete"}, {"POST", "/_dxsim/provisioning/$VIF/stall"},
	{"GET", "/_dxsim/events"}, {"GET", "/_dxsim/export"}, {"POST", "/_dxsim/reset"}, {"DELETE", "/_dxsim/clock"},
	{"POST", "/_dxsim/links/$CONN/degrade"}, {"POST", "/_dxsim/links/EqDC2/repair"},
	{"GET", "/_dxsim/traffic"}, {"PUT", "/_dxsim/traffic/$CONN"}, {"DELETE", "/_dxsim/traffic/$VIF"},
}

func FuzzAdmin(f *testing.F) {
	for i := range adminEndpoints {
		for _, b := range []string{``, `{}`, `{"mode":"scaled","factor":1e300}`, `{"mode":"manual"}`, `{"duration":"9999999h"}`,
			`{"duration":"-5s"}`, `{"status":"down"}`, `{"status":"\xff"}`, `null`, `[]`} {
			f.Add(uint8(i), "", []byte(b))
		}
		f.Add(uint8(i), "?resource=$CONN&type=connection&since=2026-01-01T00:00:00Z&limit=3", []byte(``))
		f.Add(uint8(i), "?limit=99999999999999999999&since=x", []byte(``))
		f.Add(uint8(i), "/../x%00", []byte(`{}`))
	}
	w := newFuzzWorld(f)
	f.Fuzz(func(t *testing.T, endpoint uint8, suffix string, body []byte) {
		e := adminEndpoints[int(endpoint)%len(adminEndpoints)]
		if e[1] == "/_dxsim/reset" {
			e[1] = "/_dxsim/clock" // keep the world's resources for the other inputs
		}
		path := w.ids.Replace(e[1] + suffix)
		if _, err := url.ParseRequestURI(path); err != nil || strings.ContainsAny(path, " \r\n#") {
			return // not a request line an HTTP client can send
		}
		status, out := w.do(e[0], path, body, map[string]string{"Content-Type": "application/json"})
		if status >= 500 {
			t.Fatalf("%s %s %q answered %d: %s", e[0], path, trim(body), status, out)
		}
	})
}

// FuzzImport imports a (mutated) export, then drives the operations that
// read or change every kind of record: none may answer 5xx.
func FuzzImport(f *testing.F) {
	seed := newFuzzWorld(f)
	seed.call("CreatePrivateVirtualInterface", []byte(seed.ids.Replace(`{"connectionId":"$LAG","newPrivateVirtualInterface":{"virtualInterfaceName":"p","vlan":102,"asn":65001,"directConnectGatewayId":"$DXGW"}}`)))
	seed.call("AssociateMacSecKey", []byte(seed.ids.Replace(`{"connectionId":"$CONN","ckn":"`+strings.Repeat("1", 64)+`","cak":"`+strings.Repeat("a", 64)+`"}`)))
	_, export := seed.do(http.MethodGet, "/_dxsim/export", nil, nil)
	f.Add(export)
	f.Add(bytes.Replace(export, []byte(`"kind":"lag"`), []byte(`"kind":"vif"`), 1))
	f.Add(bytes.Replace(export, []byte(`"lagId":"`), []byte(`"lagId":"x`), 1))
	f.Add(bytes.Replace(export, []byte(`"hostedOn":"`), []byte(`"hostedOn":"dxlag-`), 1))
	f.Add(bytes.Replace(export, []byte(`"holder":"`), []byte(`"holder":"dxcon-0`), 1))
	f.Add(bytes.Replace(export, []byte(`"bandwidth":"`), []byte(`"bandwidth":"9`), -1))
	f.Add(bytes.Replace(export, []byte(`"factor":1`), []byte(`"factor":1e10`), 1))
	f.Add([]byte(`{"format":"dxsim-world/1","clock":{"now":"9999-12-31T23:59:59Z","mode":"scaled","factor":1000000},"rows":[],"ports":[]}`))
	f.Add([]byte(`{"format":"dxsim-world/1","rows":[{"kind":"connection","id":"dxcon-a","body":{"id":"dxcon-a","lagId":"dxcon-a","hostedOn":"dxcon-a"}}]}`))
	w := newFuzzWorld(f)
	reads := []string{"DescribeConnections", "DescribeLags", "DescribeInterconnects", "DescribeVirtualInterfaces",
		"DescribeDirectConnectGateways", "DescribeDirectConnectGatewayAssociations", "DescribeHostedConnections"}
	byID := map[string][]string{
		"connection": {"DescribeConnections", "ConfirmConnection", "DescribeHostedConnections", "DeleteConnection"},
		"lag":        {"DescribeLags", "DescribeHostedConnections", "DeleteLag"},
		"vif":        {"DescribeVirtualInterfaces", "DescribeRouterConfiguration", "ConfirmPublicVirtualInterface", "DeleteVirtualInterface"},
		"dxgw":       {"DescribeDirectConnectGatewayAssociations", "DeleteDirectConnectGateway"},
	}
	member := map[string]string{"connection": "connectionId", "lag": "lagId", "vif": "virtualInterfaceId", "dxgw": "directConnectGatewayId"}
	f.Fuzz(func(t *testing.T, body []byte) {
		status, out := w.do(http.MethodPost, "/_dxsim/import", body, map[string]string{"Content-Type": "application/json"})
		if status >= 500 {
			t.Fatalf("import %q answered %d: %s", trim(body), status, out)
		}
		if status != 200 {
			return
		}
		var e struct {
			Rows []struct{ Kind, ID, Account string }
		}
		json.Unmarshal(body, &e)
		check := func(op, body string) {
			if status, out := w.call(op, []byte(body)); status >= 500 {
				t.Fatalf("after an import that was accepted, %s %s answered %d: %s", op, body, status, out)
			}
		}
		for _, op := range reads {
			check(op, `{}`)
		}
		for i, r := range e.Rows {
			if i >= 20 {
				break
			}
			for _, op := range byID[r.Kind] {
				b, _ := json.Marshal(map[string]string{member[r.Kind]: r.ID, "routerTypeIdentifier": "CiscoSystemsInc-2900SeriesRouters-IOS124"})
				check(op, string(b))
			}
		}
		if status, out := w.do(http.MethodGet, "/_dxsim/events", nil, nil); status >= 500 {
			t.Fatalf("after an import that was accepted, the event log answered %d: %s", status, out)
		}
	})
}

// trim keeps failure messages short.
func trim(b []byte) string {
	if len(b) > 300 {
		return fmt.Sprintf("%s... (%d bytes)", b[:300], len(b))
	}
	return string(b)
}
