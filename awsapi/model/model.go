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
	// Limit is dxsim's bound on the length, in characters, of a string the
	// model leaves unbounded (see bounds.go); 0 for every other shape.
	Limit int
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
	p := &parser{m: &Model{Operations: map[string]*Operation{}, Shapes: map[string]*Shape{}},
		ops: map[string]opRefs{}, members: map[string][]memberRef{}, refs: map[*Shape][3]string{}}
	for i, f := range files {
		if err := p.file(i+1, f); err != nil {
			return nil, err
		}
	}
	if err := p.link(); err != nil {
		return nil, err
	}
	if err := p.operations(); err != nil {
		return nil, err
	}
	bound(p.m)
	return p.m, nil
}

// parser reads the files of a model, then links the shapes they name.
type parser struct {
	m       *Model
	ops     map[string]opRefs
	members map[string][]memberRef // by shape, in the file's order
	refs    map[*Shape][3]string   // a list's member, a map's key and value
}

type opRefs struct{ in, out string }

type memberRef struct{ name, shape string }

// file reads the operations and shapes of model file n.
func (p *parser) file(n int, f []byte) error {
	var raw rawModel
	if err := json.Unmarshal(f, &raw); err != nil {
		return fmt.Errorf("model file %d: %w", n, err)
	}
	for name, o := range raw.Operations {
		var r opRefs
		if o.Input != nil {
			r.in = o.Input.Shape
		}
		if o.Output != nil {
			r.out = o.Output.Shape
		}
		p.ops[name] = r
	}
	for name, b := range raw.Shapes {
		if err := p.shape(n, name, b); err != nil {
			return err
		}
	}
	return nil
}

// shape reads shape name of model file n; a later file adds to a shape an
// earlier one has, of the same type.
func (p *parser) shape(n int, name string, b json.RawMessage) error {
	var rs rawShape
	if err := json.Unmarshal(b, &rs); err != nil {
		return fmt.Errorf("model file %d, shape %s: %w", n, name, err)
	}
	s, known := p.m.Shapes[name]
	if !known {
		s = &Shape{Name: name, Type: rs.Type, Required: map[string]bool{}, Enum: rs.Enum, Min: rs.Min, Max: rs.Max}
		p.m.Shapes[name] = s
	} else if s.Type != rs.Type {
		return fmt.Errorf("model file %d: shape %s is a %s, not a %s", n, name, s.Type, rs.Type)
	}
	for _, r := range rs.Required {
		s.Required[r] = true
	}
	if len(rs.Members) > 0 {
		names, err := objectKeys(rs.Members)
		if err != nil {
			return fmt.Errorf("model file %d, shape %s: %w", n, name, err)
		}
		var targets map[string]struct{ Shape string }
		if err := json.Unmarshal(rs.Members, &targets); err != nil {
			return fmt.Errorf("model file %d, shape %s: %w", n, name, err)
		}
		for _, mn := range names {
			p.members[name] = append(p.members[name], memberRef{mn, targets[mn].Shape})
		}
	}
	var r [3]string
	for j, ref := range []*struct{ Shape string }{rs.Member, rs.Key, rs.Value} {
		if ref != nil {
			r[j] = ref.Shape
		}
	}
	if r != [3]string{} {
		p.refs[s] = r
	}
	return nil
}

// resolve is the shape name that from refers to.
func (p *parser) resolve(from, name string) (*Shape, error) {
	s, ok := p.m.Shapes[name]
	if !ok {
		return nil, fmt.Errorf("%s refers to shape %q, which the model lacks", from, name)
	}
	return s, nil
}

// link points every member, list member, map key and value at its shape,
// and checks that each required member exists.
func (p *parser) link() error {
	for name, ms := range p.members {
		s := p.m.Shapes[name]
		for _, mr := range ms {
			t, err := p.resolve(name+"."+mr.name, mr.shape)
			if err != nil {
				return err
			}
			s.Members = append(s.Members, Member{Name: mr.name, Shape: t})
		}
	}
	for s, r := range p.refs {
		var err error
		for j, dst := range []**Shape{&s.Member, &s.Key, &s.Value} {
			if r[j] != "" {
				if *dst, err = p.resolve(s.Name, r[j]); err != nil {
					return err
				}
			}
		}
	}
	for name, s := range p.m.Shapes {
		for r := range s.Required {
			if s.MemberNamed(r) == nil {
				return fmt.Errorf("shape %s requires member %s, which it lacks", name, r)
			}
		}
	}
	return nil
}

// operations gives each operation its input and output shapes.
func (p *parser) operations() error {
	for name, r := range p.ops {
		o := &Operation{Name: name}
		var err error
		if o.Input, err = opShape(p.m, name, "input", r.in); err != nil {
			return err
		}
		if o.Output, err = opShape(p.m, name, "output", r.out); err != nil {
			return err
		}
		p.m.Operations[name] = o
	}
	return nil
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
