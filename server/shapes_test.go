package server_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestNoInputYieldsAServerError sends every operation of the model bodies
// built from its input shape: empty, with only the required members,
// complete, and then with each member at every depth left out, set to null
// and given the wrong JSON type, one at a time. No answer may be a 5xx. A
// required member left out or null must be refused as a client error that
// names its place, a member of the wrong type as a SerializationException.
// The identifiers in the bodies are those of a real connection, LAG,
// gateway and virtual interface, so that requests reach the operations.
func TestNoInputYieldsAServerError(t *testing.T) {
	m := model.Load()
	names := make([]string, 0, len(m.Operations))
	for n := range m.Operations {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			w, ids := shapesWorld(t)
			in := m.Operations[name].Input
			send := func(what string, body any) rawAnswer {
				t.Helper()
				raw, err := json.Marshal(body)
				if err != nil {
					t.Fatal(err)
				}
				a := rawCall(t, w, name, string(raw))
				if a.status >= 500 {
					t.Errorf("%s: %s answered %d %s: %s (body %s)", what, name, a.status, a.errType(), a.message(), raw)
				}
				if a.errType() == "UnknownOperationException" {
					t.Fatalf("%s is in the model but not served: %s", name, a.message())
				}
				return a
			}
			send("empty body", map[string]any{})
			send("required members only", sampleValue(in, "", ids, sampleRequired))
			// Variants of the complete body, and of one without the members
			// that contradict others, so that an operation's rules do not
			// refuse every variant before it reads the member left out.
			for _, kind := range []sampleKind{sampleAll, sampleConsistent} {
				body := sampleValue(in, "", ids, kind)
				send(kind.String()+" body", body)
				for _, p := range memberPaths(in, body, nil) {
					where := kind.String() + " body, " + p.awsPath()
					dropped := send(where+" left out", p.without(body))
					nulled := send(where+" null", p.with(body, nil))
					if p.required {
						for what, a := range map[string]rawAnswer{"left out": dropped, "null": nulled} {
							if a.status != 400 || a.errType() != "DirectConnectClientException" || !strings.Contains(a.message(), "Value null at '"+p.awsPath()+"'") {
								t.Errorf("%s %s: answered %d %s %q, want 400 DirectConnectClientException naming '%s'", where, what, a.status, a.errType(), a.message(), p.awsPath())
							}
						}
					}
					wrong := send(where+" of the wrong type", p.with(body, wrongType(p.shape)))
					if wrong.errType() != "SerializationException" {
						t.Errorf("%s of the wrong type: answered %d %s %q, want a SerializationException", where, wrong.status, wrong.errType(), wrong.message())
					}
				}
			}
		})
	}
}

// shapesIDs are the identifiers of the resources a body refers to.
type shapesIDs map[string]string

// shapesWorld starts a world with an available connection, a LAG, a Direct
// Connect gateway and a private virtual interface on both.
func shapesWorld(t *testing.T) (*dxsimtest.World, shapesIDs) {
	t.Helper()
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "1Gbps")
	w.Provision()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	gw := dxsimtest.GwCreate(t, c, "shapes", nil)
	dxsimtest.GwSettle(w)
	vif := dxsimtest.GwPrivateVIF(t, c, conn.ConnectionId, gw.DirectConnectGatewayId, 101)
	w.Provision()
	return w, shapesIDs{
		"connectionId":           aws.ToString(conn.ConnectionId),
		"lagId":                  aws.ToString(lag.LagId),
		"directConnectGatewayId": aws.ToString(gw.DirectConnectGatewayId),
		"virtualInterfaceId":     aws.ToString(vif),
		"resourceArn":            "arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxcon/" + aws.ToString(conn.ConnectionId),
	}
}

// sampleStrings are plausible values of string members by name; other
// strings are an enum's first value or "x".
var sampleStrings = map[string]string{
	"virtualGatewayId":     dxsimtest.Vgw(1),
	"associatedGatewayId":  dxsimtest.Vgw(2),
	"gatewayId":            dxsimtest.Vgw(3),
	"ownerAccount":         dxsimtest.OtherAccount,
	"location":             "EqDC2",
	"bandwidth":            "1Gbps",
	"connectionsBandwidth": "1Gbps",
	"amazonAddress":        "169.254.10.1/30",
	"customerAddress":      "169.254.10.2/30",
	"authKey":              "a-bgp-auth-key",
	"cidr":                 "10.1.0.0/24",
	"secretARN":            "arn:aws:secretsmanager:us-east-1:" + dxsimtest.Account + ":secret:dxsim-shapes",
	"ckn":                  strings.Repeat("0a", 32),
	"cak":                  strings.Repeat("1b", 32),
	"key":                  "team",
	"value":                "network",
	"nextToken":            "",
	"providerName":         "",
}

var sampleNumbers = map[string]int64{
	"asn": 65010, "asnLong": 65010, "vlan": 300, "mtu": 1500, "numberOfConnections": 1,
	"minimumLinks": 0, "amazonSideAsn": 64512, "maxResults": 10, "testDurationInMinutes": 5,
}

// sampleKind says which members a sample body has.
type sampleKind int

const (
	sampleAll        sampleKind = iota // every member
	sampleConsistent                   // every member but those in contradicting
	sampleRequired                     // only the required members
)

func (k sampleKind) String() string {
	return [...]string{"complete", "consistent", "required"}[k]
}

// contradicting are optional members whose sample values contradict other
// members' (asn and asnLong, a secret ARN and a CKN/CAK pair, a virtual
// gateway and a Direct Connect gateway) or name nothing that exists.
var contradicting = map[string]bool{
	"asnLong": true, "secretARN": true, "requestMACSec": true, "virtualGatewayId": true, "bgpPeerId": true,
	"bgpPeers": true, "routerTypeIdentifier": true, "encryptionMode": true, "associationId": true, "proposalId": true,
}

// sampleValue builds a value of shape s for the member called name.
func sampleValue(s *model.Shape, name string, ids shapesIDs, kind sampleKind) any {
	switch s.Type {
	case model.Structure:
		obj := map[string]any{}
		for _, mb := range s.Members {
			required := s.Required[mb.Name]
			if kind == sampleRequired && !required || kind == sampleConsistent && !required && contradicting[mb.Name] {
				continue
			}
			obj[mb.Name] = sampleValue(mb.Shape, mb.Name, ids, kind)
		}
		return obj
	case model.List:
		elem := strings.TrimSuffix(name, "s")
		if id, ok := ids[elem]; ok && s.Member.Type == model.String {
			return []any{id}
		}
		return []any{sampleValue(s.Member, elem, ids, kind)}
	case model.Map:
		return map[string]any{"k": sampleValue(s.Value, name, ids, kind)}
	case model.String:
		if id, ok := ids[name]; ok {
			return id
		}
		if v, ok := sampleStrings[name]; ok {
			return v
		}
		if len(s.Enum) > 0 {
			return s.Enum[0]
		}
		return "x"
	case model.Integer, model.Long:
		if v, ok := sampleNumbers[name]; ok {
			return v
		}
		return 1
	case model.Boolean:
		return true
	case model.Timestamp, model.Double, model.Float:
		return 1767225600
	case model.Blob:
		return "eA=="
	}
	panic("no sample for shape type " + s.Type)
}

// wrongType is a JSON value that is not of shape s's type.
func wrongType(s *model.Shape) any {
	if s.Type == model.String || s.Type == model.Blob {
		return 7
	}
	return "x"
}

// memberPath is the place of one member in a body: keys of objects and
// positions in lists.
type memberPath struct {
	steps    []any // string or int
	shape    *model.Shape
	required bool
}

// awsPath is the place as AWS's validation names it: 'tags.1.member.key'.
func (p memberPath) awsPath() string {
	var parts []string
	for _, s := range p.steps {
		switch s := s.(type) {
		case string:
			parts = append(parts, s)
		case int:
			parts = append(parts, fmt.Sprintf("%d.member", s+1))
		}
	}
	return strings.Join(parts, ".")
}

// memberPaths lists every member of value v of shape s, at every depth.
func memberPaths(s *model.Shape, v any, prefix []any) []memberPath {
	var out []memberPath
	switch s.Type {
	case model.Structure:
		obj, _ := v.(map[string]any)
		for _, mb := range s.Members {
			mv, ok := obj[mb.Name]
			if !ok {
				continue
			}
			p := append(append([]any{}, prefix...), mb.Name)
			out = append(out, memberPath{steps: p, shape: mb.Shape, required: s.Required[mb.Name]})
			out = append(out, memberPaths(mb.Shape, mv, p)...)
		}
	case model.List:
		list, _ := v.([]any)
		for i, e := range list {
			p := append(append([]any{}, prefix...), i)
			out = append(out, memberPath{steps: p, shape: s.Member})
			out = append(out, memberPaths(s.Member, e, p)...)
		}
	}
	return out
}

// with returns a copy of body whose member at p is v.
func (p memberPath) with(body any, v any) any { return edit(body, p.steps, v, false) }

// without returns a copy of body without the member at p.
func (p memberPath) without(body any) any { return edit(body, p.steps, nil, true) }

func edit(node any, steps []any, v any, drop bool) any {
	switch n := node.(type) {
	case map[string]any:
		c := make(map[string]any, len(n))
		for k, e := range n {
			c[k] = e
		}
		k := steps[0].(string)
		switch {
		case len(steps) > 1:
			c[k] = edit(n[k], steps[1:], v, drop)
		case drop:
			delete(c, k)
		default:
			c[k] = v
		}
		return c
	case []any:
		i := steps[0].(int)
		switch {
		case len(steps) > 1:
			c := append([]any{}, n...)
			c[i] = edit(n[i], steps[1:], v, drop)
			return c
		case drop:
			return append(append([]any{}, n[:i]...), n[i+1:]...)
		}
		c := append([]any{}, n...)
		c[i] = v
		return c
	}
	panic(fmt.Sprintf("no member %v in %v", steps, node))
}

// TestNestedRequiredMemberMissingIsAClientError covers the six operations
// whose nested vlan, left out, once reached the service and crashed it: each
// answers AWS's validation error naming the nested member, and creates
// nothing.
func TestNestedRequiredMemberMissingIsAClientError(t *testing.T) {
	w, ids := shapesWorld(t)
	c := w.Client()
	before := dxsimtest.VifCount(t, c)
	conn := ids["connectionId"]
	for _, tc := range []struct{ op, member, extra string }{
		{"CreatePrivateVirtualInterface", "newPrivateVirtualInterface", ""},
		{"CreatePublicVirtualInterface", "newPublicVirtualInterface", ""},
		{"AllocatePrivateVirtualInterface", "newPrivateVirtualInterfaceAllocation", `"ownerAccount":"` + dxsimtest.OtherAccount + `",`},
		{"AllocatePublicVirtualInterface", "newPublicVirtualInterfaceAllocation", `"ownerAccount":"` + dxsimtest.OtherAccount + `",`},
	} {
		t.Run(tc.op, func(t *testing.T) {
			body := `{"connectionId":"` + conn + `",` + tc.extra + `"` + tc.member + `":{"virtualInterfaceName":"v","asn":65000}}`
			a := rawCall(t, w, tc.op, body)
			want := "1 validation error detected: Value null at '" + tc.member + ".vlan' failed to satisfy constraint: Member must not be null"
			if a.status != 400 || a.errType() != "DirectConnectClientException" || a.message() != want {
				t.Errorf("answered %d %s %q, want 400 DirectConnectClientException %q", a.status, a.errType(), a.message(), want)
			}
		})
	}
	// The transit shapes require no member; a missing VLAN is the VLAN rule's
	// to refuse, as the SDKs, which always send one, would send 0.
	for _, tc := range []struct{ op, member, outer, inner string }{
		{"CreateTransitVirtualInterface", "newTransitVirtualInterface", "", `"directConnectGatewayId":"` + ids["directConnectGatewayId"] + `",`},
		{"AllocateTransitVirtualInterface", "newTransitVirtualInterfaceAllocation", `"ownerAccount":"` + dxsimtest.OtherAccount + `",`, ""},
	} {
		t.Run(tc.op, func(t *testing.T) {
			body := `{"connectionId":"` + conn + `",` + tc.outer + `"` + tc.member + `":{` + tc.inner + `"virtualInterfaceName":"v","asn":65000}}`
			rawWantError(t, rawCall(t, w, tc.op, body), "DirectConnectClientException", "VLAN 0", "between 1 and 4094")
		})
	}
	if n := dxsimtest.VifCount(t, c); n != before {
		t.Errorf("%d virtual interfaces after refused requests, want %d", n, before)
	}
	if n := dxsimtest.VifCount(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)); n != 0 {
		t.Errorf("the other account has %d virtual interfaces after refused allocations, want 0", n)
	}
}
