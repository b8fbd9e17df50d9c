package awsapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/dx"
)

// validate checks a request body against the operation's input shape from
// the model, at every depth, before anything decodes it into Go: a member
// of the wrong JSON type is a SerializationException, as AWS answers; a
// required member that is absent or null (or an empty required string) is
// reported, all of them at once, in the words of AWS's validation, and so
// is a string longer than dxsim's bound on it (model.Shape.Limit). Members
// the model does not know are ignored, as AWS ignores them. A valid body
// naming an ID of a shape in ids that is not of its kind's form is refused
// next, as the service refuses it before looking it up; an empty optional
// ID is absent, as the operations read it.
func validate(in *model.Shape, body []byte, ids map[string]dx.IDKind) error {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return dx.TypedErrorf(dx.SerializationError, "The request body is not a valid JSON object: %v", err)
	}
	// More() would let a stray '}' or ']' through; only the end may follow.
	if _, err := dec.Token(); err != io.EOF {
		return dx.TypedErrorf(dx.SerializationError, "The request body has data after its JSON object")
	}
	if v == nil {
		v = map[string]any{} // a JSON null body has no members, as encoding/json reads it
	}
	if _, ok := v.(map[string]any); !ok {
		return dx.TypedErrorf(dx.SerializationError, "The request body must be a JSON object; got a JSON %s", jsonType(v))
	}
	w := walker{ids: ids}
	if err := w.value(in, v, "", ""); err != nil {
		return err
	}
	switch len(w.violations) {
	case 0:
		return w.malformed
	case 1:
		return dx.Errorf("1 validation error detected: %s", w.violations[0])
	}
	return dx.Errorf("%d validation errors detected: %s", len(w.violations), strings.Join(w.violations, "; "))
}

// walker collects the constraint violations of one request, and the first
// malformed ID.
type walker struct {
	violations []string
	ids        map[string]dx.IDKind
	malformed  error
}

// value checks v against s. path is AWS's name of the place
// ('tags.2.member.key'); field is the same without list positions
// ("tags.key"), as a JSON decoder names it.
func (w *walker) value(s *model.Shape, v any, path, field string) error {
	switch s.Type {
	case model.Structure:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrongType(v, path, field, "an object")
		}
		return w.structure(s, obj, path, field)
	case model.List:
		list, ok := v.([]any)
		if !ok {
			return wrongType(v, path, field, "a list")
		}
		return w.list(s, list, path, field)
	case model.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrongType(v, path, field, "an object")
		}
		for k, e := range obj {
			if e == nil {
				continue
			}
			if err := w.value(s.Value, e, path+"."+k, field+"."+k); err != nil {
				return err
			}
		}
		return nil
	}
	if err := scalar(s, v, path, field); err != nil {
		return err
	}
	w.length(s, v, path)
	w.id(s, v)
	return nil
}

// id notes the first ID of an ID shape that is not of its kind's form.
func (w *walker) id(s *model.Shape, v any) {
	kind, ok := w.ids[s.Name]
	if str, _ := v.(string); ok && str != "" && w.malformed == nil {
		w.malformed = dx.CheckID(kind, str)
	}
}

// length notes a string longer than its shape's Limit: dxsim's bound on a
// string the model leaves unbounded. The value is not repeated: it is
// long, and it may be a key.
func (w *walker) length(s *model.Shape, v any, path string) {
	str, ok := v.(string)
	if !ok || s.Limit == 0 || len(str) <= s.Limit {
		return
	}
	if n := utf8.RuneCountInString(str); n > s.Limit {
		w.violations = append(w.violations, fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d; it has %d characters", path, s.Limit, n))
	}
}

// structure checks the members of obj against structure s, noting the
// required ones that are missing.
func (w *walker) structure(s *model.Shape, obj map[string]any, path, field string) error {
	for _, m := range s.Members {
		p, f := join(path, m.Name), join(field, m.Name)
		mv, present := obj[m.Name]
		if !present || mv == nil {
			if s.Required[m.Name] {
				w.violations = append(w.violations, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", p))
			}
			continue
		}
		if str, ok := mv.(string); ok && str == "" && s.Required[m.Name] && m.Shape.Type == model.String {
			// The service's Go shapes cannot tell an empty required
			// string from an absent one; AWS's length check words it so.
			w.violations = append(w.violations, fmt.Sprintf("Value '' at '%s' failed to satisfy constraint: Member must have length greater than or equal to 1", p))
			continue
		}
		if err := w.value(m.Shape, mv, p, f); err != nil {
			return err
		}
	}
	return nil
}

// list checks each element of list against list shape s; a null element
// is a violation.
func (w *walker) list(s *model.Shape, list []any, path, field string) error {
	for i, e := range list {
		p := fmt.Sprintf("%s.%d.member", path, i+1)
		if e == nil {
			w.violations = append(w.violations, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", p))
			continue
		}
		if err := w.value(s.Member, e, p, field); err != nil {
			return err
		}
	}
	return nil
}

// scalar checks v against a shape that is not a structure, list or map.
func scalar(s *model.Shape, v any, path, field string) error {
	switch s.Type {
	case model.String:
		if _, ok := v.(string); !ok {
			return wrongType(v, path, field, "a string")
		}
	case model.Blob:
		str, ok := v.(string)
		if !ok {
			return wrongType(v, path, field, "a base64-encoded string")
		}
		if _, err := base64.StdEncoding.DecodeString(str); err != nil {
			return dx.TypedErrorf(dx.SerializationError, "Member %q is not valid base64: %v", field, err)
		}
	case model.Boolean:
		if _, ok := v.(bool); !ok {
			return wrongType(v, path, field, "a boolean")
		}
	case model.Integer, model.Long:
		n, ok := v.(json.Number)
		if !ok {
			return wrongType(v, path, field, "an integer")
		}
		lo, hi := int64(math.MinInt32), int64(math.MaxInt32)
		if s.Type == model.Long {
			lo, hi = math.MinInt64, math.MaxInt64
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || i < lo || i > hi {
			return dx.TypedErrorf(dx.SerializationError, "Member %q has the wrong type: got a JSON number %s, expected an integer from %d to %d", field, n, lo, hi)
		}
	case model.Timestamp, model.Double, model.Float:
		n, ok := v.(json.Number)
		if !ok {
			return wrongType(v, path, field, "a number")
		}
		if _, err := n.Float64(); err != nil {
			return dx.TypedErrorf(dx.SerializationError, "Member %q has the wrong type: got a JSON number %s, expected a number", field, n)
		}
	default:
		return fmt.Errorf("model shape %s has type %q, which the validator does not know", s.Name, s.Type)
	}
	return nil
}

// wrongType refuses v, of another JSON type than expected.
func wrongType(v any, path, field, expected string) error {
	where := ""
	if path != field {
		where = " at '" + path + "'"
	}
	return dx.TypedErrorf(dx.SerializationError, "Member %q has the wrong type%s: got a JSON %s, expected %s", field, where, jsonType(v), expected)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonType names the JSON type of a decoded value as encoding/json does.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case json.Number:
		return "number " + v.String()
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}
