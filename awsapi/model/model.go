// Package model is the Direct Connect service model that the protocol layer
// validates requests against and that tests compare dxsim's Go shapes with.
//
// It is AWS's own model, service-2.json (API version 2012-10-25), embedded
// as published, plus supplement.json: the operations and members AWS added
// after that file (resiliency groups, billing modes), transcribed from the
// current aws-sdk-go-v2 Direct Connect client. Load merges the two.
//
// When go.mod moves to a newer client, TestModelMatchesTheSDKClient names
// every operation and member the client has and the model lacks. Add the
// ones dxsim serves to supplement.json: member names and types from the
// client's schemas/schemas.go, enum values from types/enums.go, required
// members from validators.go (which, as the client sends integers and
// booleans always, lists only the required members of other types).
package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed service-2.json
var serviceModel []byte

//go:embed supplement.json
var supplement []byte

// Shape types, as the model names them.
const (
	Structure = "structure"
	List      = "list"
	Map       = "map"
	String    = "string"
	Integer   = "integer"
	Long      = "long"
	Boolean   = "boolean"
	Timestamp = "timestamp"
	Blob      = "blob"
	Double    = "double"
	Float     = "float"
)

// Shape is one shape of the model, its references resolved.
type Shape struct {
	Name string
	Type string
	// Members of a structure in the model's order; Required names the ones
	// a request must carry.
	Members  []Member
	Required map[string]bool
	// Member is a list's element shape; Key and Value a map's.
	Member, Key, Value *Shape
	Enum               []string
	// Min and Max bound a string's or list's length, or a number's value.
	Min, Max *float64
}

// Member is a named member of a structure.
type Member struct {
	Name  string
	Shape *Shape
}

// Operation is an operation and its input and output shapes; an operation
// without input in the model gets an empty structure.
type Operation struct {
	Name          string
	Input, Output *Shape
}

// Model is a parsed service model.
type Model struct {
	Operations map[string]*Operation
	Shapes     map[string]*Shape
}

// Load returns the Direct Connect model; it is parsed once.
var Load = sync.OnceValue(func() *Model {
	m, err := Parse(serviceModel, supplement)
	if err != nil {
		panic("model: the embedded Direct Connect model does not parse: " + err.Error())
	}
	return m
})

// rawModel is the JSON form of a model file.
type rawModel struct {
	Operations map[string]struct {
		Input  *struct{ Shape string } `json:"input"`
		Output *struct{ Shape string } `json:"output"`
	} `json:"operations"`
	Shapes map[string]json.RawMessage `json:"shapes"`
}

type rawShape struct {
	Type     string                  `json:"type"`
	Members  json.RawMessage         `json:"members"`
	Required []string                `json:"required"`
	Member   *struct{ Shape string } `json:"member"`
	Key      *struct{ Shape string } `json:"key"`
	Value    *struct{ Shape string } `json:"value"`
	Enum     []string                `json:"enum"`
	Min      *float64                `json:"min"`
	Max      *float64                `json:"max"`
}

// Parse reads model files in the form of service-2.json. A later file adds
// operations and shapes to the earlier ones; a structure it names again
// gains the members and required members it lists.
func Parse(files ...[]byte) (*Model, error) {
	m := &Model{Operations: map[string]*Operation{}, Shapes: map[string]*Shape{}}
	type opRefs struct{ in, out string }
	ops := map[string]opRefs{}
	type memberRef struct{ name, shape string }
	members := map[string][]memberRef{}
	refs := map[*Shape][3]string{} // member, key, value
	for i, f := range files {
		var raw rawModel
		if err := json.Unmarshal(f, &raw); err != nil {
			return nil, fmt.Errorf("model file %d: %w", i+1, err)
		}
		for name, o := range raw.Operations {
			var r opRefs
			if o.Input != nil {
				r.in = o.Input.Shape
			}
			if o.Output != nil {
				r.out = o.Output.Shape
			}
			ops[name] = r
		}
		for name, b := range raw.Shapes {
			var rs rawShape
			if err := json.Unmarshal(b, &rs); err != nil {
				return nil, fmt.Errorf("model file %d, shape %s: %w", i+1, name, err)
			}
			s, known := m.Shapes[name]
			if !known {
				s = &Shape{Name: name, Type: rs.Type, Required: map[string]bool{}, Enum: rs.Enum, Min: rs.Min, Max: rs.Max}
				m.Shapes[name] = s
			} else if s.Type != rs.Type {
				return nil, fmt.Errorf("model file %d: shape %s is a %s, not a %s", i+1, name, s.Type, rs.Type)
			}
			for _, r := range rs.Required {
				s.Required[r] = true
			}
			if len(rs.Members) > 0 {
				names, err := objectKeys(rs.Members)
				if err != nil {
					return nil, fmt.Errorf("model file %d, shape %s: %w", i+1, name, err)
				}
				var targets map[string]struct{ Shape string }
				if err := json.Unmarshal(rs.Members, &targets); err != nil {
					return nil, fmt.Errorf("model file %d, shape %s: %w", i+1, name, err)
				}
				for _, n := range names {
					members[name] = append(members[name], memberRef{n, targets[n].Shape})
				}
			}
			var r [3]string
			for j, ref := range []*struct{ Shape string }{rs.Member, rs.Key, rs.Value} {
				if ref != nil {
					r[j] = ref.Shape
				}
			}
			if r != [3]string{} {
				refs[s] = r
			}
		}
	}
	resolve := func(from, name string) (*Shape, error) {
		s, ok := m.Shapes[name]
		if !ok {
			return nil, fmt.Errorf("%s refers to shape %q, which the model lacks", from, name)
		}
		return s, nil
	}
	for name, ms := range members {
		s := m.Shapes[name]
		for _, mr := range ms {
			t, err := resolve(name+"."+mr.name, mr.shape)
			if err != nil {
				return nil, err
			}
			s.Members = append(s.Members, Member{Name: mr.name, Shape: t})
		}
	}
	for s, r := range refs {
		var err error
		for j, dst := range []**Shape{&s.Member, &s.Key, &s.Value} {
			if r[j] != "" {
				if *dst, err = resolve(s.Name, r[j]); err != nil {
					return nil, err
				}
			}
		}
	}
	for name, s := range m.Shapes {
		for r := range s.Required {
			if s.MemberNamed(r) == nil {
				return nil, fmt.Errorf("shape %s requires member %s, which it lacks", name, r)
			}
		}
	}
	for name, r := range ops {
		o := &Operation{Name: name}
		var err error
		if o.Input, err = opShape(m, name, "input", r.in); err != nil {
			return nil, err
		}
		if o.Output, err = opShape(m, name, "output", r.out); err != nil {
			return nil, err
		}
		m.Operations[name] = o
	}
	return m, nil
}

func opShape(m *Model, op, role, name string) (*Shape, error) {
	if name == "" {
		return &Shape{Name: op + " " + role, Type: Structure, Required: map[string]bool{}}, nil
	}
	s, ok := m.Shapes[name]
	if !ok {
		return nil, fmt.Errorf("operation %s: %s shape %q is not in the model", op, role, name)
	}
	return s, nil
}

// MemberNamed returns the member of a structure called name, or nil.
func (s *Shape) MemberNamed(name string) *Member {
	for i := range s.Members {
		if s.Members[i].Name == name {
			return &s.Members[i]
		}
	}
	return nil
}

// objectKeys lists the keys of a JSON object in their order in the file:
// the model's member order is the order AWS reports violations in.
func objectKeys(obj json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("members is not a JSON object")
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
