package awsapi

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/dx"
)

// TestGoShapesMatchTheModel compares the Go input and output types of every
// served operation with the model, recursively: every model member has a Go
// field of the same JSON name and a compatible type, every Go field is a
// model member, and a member is required in the model exactly when its
// field has `required:"true"`. A shape can therefore never drift from the
// model unnoticed.
func TestGoShapesMatchTheModel(t *testing.T) {
	api := DirectConnect(nil)
	m := model.Load()
	for _, name := range api.Operations() {
		o := api.ops[name]
		mo := m.Operations[name]
		t.Run(name, func(t *testing.T) {
			c := shapeComparison{seen: map[[2]any]bool{}}
			c.compare(o.in, mo.Input, name+" input "+mo.Input.Name)
			c.compare(o.out, mo.Output, name+" output "+mo.Output.Name)
			for _, d := range c.drifts {
				t.Error(d)
			}
		})
	}
}

// TestShapeComparisonFindsDrift checks that the comparison sees each kind
// of drift, so that the test above cannot pass by looking at nothing.
func TestShapeComparisonFindsDrift(t *testing.T) {
	m := model.Load()
	tag := m.Shapes["Tag"]
	for _, tc := range []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"renamed member", reflect.TypeFor[struct {
			Key   string  `json:"name" required:"true"`
			Value *string `json:"value"`
		}](), "no Go field"},
		{"extra field", reflect.TypeFor[struct {
			Key   string  `json:"key" required:"true"`
			Value *string `json:"value"`
			Color string  `json:"color"`
		}](), "not in the model"},
		{"required tag missing", reflect.TypeFor[struct {
			Key   string  `json:"key"`
			Value *string `json:"value"`
		}](), "required in the model"},
		{"wrong type", reflect.TypeFor[struct {
			Key   int     `json:"key" required:"true"`
			Value *string `json:"value"`
		}](), "string"},
		{"nesting", reflect.TypeFor[struct {
			Key   []string `json:"key" required:"true"`
			Value *string  `json:"value"`
		}](), "not a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := shapeComparison{seen: map[[2]any]bool{}}
			c.compare(tc.typ, tag, "Tag")
			if !slices.ContainsFunc(c.drifts, func(d string) bool { return strings.Contains(d, tc.want) }) {
				t.Errorf("drifts = %q, want one mentioning %q", c.drifts, tc.want)
			}
		})
	}
	c := shapeComparison{seen: map[[2]any]bool{}}
	c.compare(reflect.TypeFor[dx.Tag](), tag, "Tag")
	if len(c.drifts) != 0 {
		t.Errorf("dx.Tag drifts from the model's Tag: %q", c.drifts)
	}
}

type shapeComparison struct {
	seen   map[[2]any]bool
	drifts []string
}

func (c *shapeComparison) driftf(format string, args ...any) {
	c.drifts = append(c.drifts, fmt.Sprintf(format, args...))
}

var epochTime = reflect.TypeFor[dx.EpochTime]()

// compare checks Go type t against model shape s at path.
func (c *shapeComparison) compare(t reflect.Type, s *model.Shape, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	key := [2]any{t, s}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	want := func(ok bool, what string) {
		if !ok {
			c.driftf("%s: model shape %s is a %s; Go type %s is not %s", path, s.Name, s.Type, t, what)
		}
	}
	switch s.Type {
	case model.Structure:
		if t.Kind() != reflect.Struct || t == epochTime || t == reflect.TypeFor[time.Time]() {
			want(false, "a struct")
			return
		}
		fields := jsonFields(t)
		for _, mb := range s.Members {
			f, ok := fields[mb.Name]
			if !ok {
				c.driftf("%s: model member %s has no Go field in %s", path, mb.Name, t)
				continue
			}
			required := f.Tag.Get("required") == "true"
			if s.Required[mb.Name] != required {
				c.driftf("%s.%s: required in the model is %v, but Go field %s.%s has required tag %v", path, mb.Name, s.Required[mb.Name], t, f.Name, required)
			}
			c.compare(f.Type, mb.Shape, path+"."+mb.Name)
		}
		for name, f := range fields {
			if s.MemberNamed(name) == nil {
				c.driftf("%s: Go field %s.%s (json %q) is not in the model's %s", path, t, f.Name, name, s.Name)
			}
		}
	case model.List:
		want(t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8, "a slice")
		if t.Kind() == reflect.Slice {
			c.compare(t.Elem(), s.Member, path+".member")
		}
	case model.Map:
		want(t.Kind() == reflect.Map && t.Key().Kind() == reflect.String, "a map with string keys")
		if t.Kind() == reflect.Map {
			c.compare(t.Elem(), s.Value, path+".value")
		}
	case model.String:
		want(t.Kind() == reflect.String, "a string")
	case model.Boolean:
		want(t.Kind() == reflect.Bool, "a bool")
	case model.Integer:
		want(t.Kind() == reflect.Int || t.Kind() == reflect.Int32 || t.Kind() == reflect.Int64, "an int, int32 or int64")
	case model.Long:
		want(t.Kind() == reflect.Int || t.Kind() == reflect.Int64, "an int or int64")
	case model.Double, model.Float:
		want(t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32, "a float")
	case model.Timestamp:
		want(t == epochTime, "a dx.EpochTime (epoch seconds on the wire)")
	case model.Blob:
		want(t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8, "a []byte (base64 on the wire)")
	default:
		c.driftf("%s: model shape %s has type %s, which this comparison does not know", path, s.Name, s.Type)
	}
}

// jsonFields lists the fields encoding/json reads and writes for struct t,
// by JSON name, with embedded structs' fields promoted as encoding/json
// promotes them.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	fields := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			continue // its fields are promoted; VisibleFields lists them
		}
		if len(f.Index) > 1 && !promoted(t, f) {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := fields[name]; dup && len(f.Index) > len(fields[name].Index) {
			continue
		}
		fields[name] = f
	}
	return fields
}

// promoted reports whether the nested field f of t is reached through
// embedded structs without a JSON name of their own, as encoding/json
// flattens them.
func promoted(t reflect.Type, f reflect.StructField) bool {
	for _, i := range f.Index[:len(f.Index)-1] {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		e := t.Field(i)
		if !e.Anonymous {
			return false
		}
		if name, _, _ := strings.Cut(e.Tag.Get("json"), ","); name != "" {
			return false
		}
		t = e.Type
	}
	return true
}
