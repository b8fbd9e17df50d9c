package model

import (
	"strings"
	"testing"
)

func TestLoadMergesTheSupplement(t *testing.T) {
	m := Load()
	for _, op := range []string{"CreateConnection", "ListVirtualInterfaceRoutes", "CreateResiliencyGroup", "UpdateConnectionsBillingMode"} {
		if m.Operations[op] == nil {
			t.Errorf("operation %s is not in the model", op)
		}
	}
	in := m.Operations["CreateConnection"].Input
	if in.MemberNamed("billingMode") == nil || in.MemberNamed("location") == nil {
		t.Errorf("CreateConnectionRequest members %v lack the service model's location or the supplement's billingMode", in.Members)
	}
	if !in.Required["location"] || in.Required["billingMode"] {
		t.Errorf("CreateConnectionRequest required = %v", in.Required)
	}
	if got := m.Operations["CreateResiliencyGroup"].Input; !got.Required["resiliencyGroupName"] || !got.Required["intendedResiliencyModel"] {
		t.Errorf("CreateResiliencyGroupRequest required = %v", got.Required)
	}
	pub := m.Shapes["NewPublicVirtualInterface"]
	if !pub.Required["vlan"] || pub.MemberNamed("vlan").Shape.Type != Integer {
		t.Errorf("NewPublicVirtualInterface.vlan is not a required integer")
	}
	if tags := m.Shapes["TagList"]; tags.Member != m.Shapes["Tag"] {
		t.Errorf("TagList's member is %v, want the Tag shape", tags.Member)
	}
	// Member order is the model's: it is the order violations are reported in.
	var names []string
	for _, mb := range m.Shapes["Tag"].Members {
		names = append(names, mb.Name)
	}
	if strings.Join(names, ",") != "key,value" {
		t.Errorf("Tag members in order %v, want key,value", names)
	}
	if in := m.Operations["DescribeLocations"].Input; in.Type != Structure || len(in.Members) != 0 {
		t.Errorf("an operation without input has input %+v, want an empty structure", in)
	}
}

func TestParseRefusesDanglingReferences(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"member", `{"shapes":{"A":{"type":"structure","members":{"b":{"shape":"Missing"}}}}}`, "Missing"},
		{"required", `{"shapes":{"A":{"type":"structure","required":["c"],"members":{}}}}`, "requires member c"},
		{"operation", `{"operations":{"Op":{"input":{"shape":"Nope"}}},"shapes":{}}`, "Nope"},
		{"retyped", `{"shapes":{"Tag":{"type":"list","member":{"shape":"Tag"}}}}`, "Tag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := [][]byte{[]byte(tc.file)}
			if tc.name == "retyped" {
				files = [][]byte{serviceModel, []byte(tc.file)}
			}
			_, err := Parse(files...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse = %v, want an error naming %s", err, tc.want)
			}
		})
	}
}

// TestEveryRequestStringIsBounded walks the input of every operation: each
// string has a maximum length, AWS's (Max) or dxsim's (Limit), and only
// ARNs and tokens may be longer than a name.
func TestEveryRequestStringIsBounded(t *testing.T) {
	m := Load()
	seen := map[*Shape]bool{}
	var walk func(s *Shape, path string)
	walk = func(s *Shape, path string) {
		if seen[s] {
			return
		}
		seen[s] = true
		switch s.Type {
		case Structure:
			for _, mb := range s.Members {
				walk(mb.Shape, path+"."+mb.Name)
			}
		case List:
			walk(s.Member, path+"[]")
		case Map:
			walk(s.Key, path+"{key}")
			walk(s.Value, path+"{value}")
		case String:
			switch {
			case s.Max != nil && s.Limit != 0:
				t.Errorf("%s (%s) has AWS's maximum %v and dxsim's %d", path, s.Name, *s.Max, s.Limit)
			case s.Max == nil && s.Limit == 0:
				t.Errorf("%s (%s) is unbounded", path, s.Name)
			case s.Limit > MaxString && longStrings[s.Name] == 0:
				t.Errorf("%s (%s) may be %d characters", path, s.Name, s.Limit)
			}
		}
	}
	for name, o := range m.Operations {
		walk(o.Input, name)
	}
	for _, name := range []string{"ConnectionName", "LagName", "DirectConnectGatewayName", "VirtualInterfaceName", "InterconnectName", "ResiliencyGroupName", "ConnectionId"} {
		if got := m.Shapes[name].Limit; got != MaxString {
			t.Errorf("%s is bounded at %d characters, want %d", name, got, MaxString)
		}
	}
	if got := m.Shapes["SecretARN"].Limit; got != MaxARN {
		t.Errorf("SecretARN is bounded at %d characters, want %d (a secret's name may be 512)", got, MaxARN)
	}
}
