// Package awsquery decodes the AWS Query protocol's form-encoded parameters
// (Action=...&Version=...&Filter.1.Name=...&Filter.1.Value.1=...) into Go
// structs, as EC2 and STS take them. A struct field names its parameter with
// a `query:"Name"` tag; lists are flattened the EC2 way (Name.1, Name.2, ...)
// and nested structures are prefixed (Options.AmazonSideAsn).
//
// The form is read once into a tree of its names' dot-separated segments,
// and decoding walks the tree: the work is linear in the size of the form,
// however many list items it has.
package awsquery

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// maxListItems bounds a list parameter; no operation takes more.
const maxListItems = 1000

// Error is a parameter that could not be decoded.
type Error struct {
	Param, Value, Want string
}

func (e *Error) Error() string {
	return fmt.Sprintf("Value (%s) for parameter %s is invalid: expected %s", e.Value, e.Param, e.Want)
}

// Decode fills the struct out points to from form. Supported field types:
// string, *string, *bool, *int64, *int32, *float64, *time.Time (ISO 8601),
// []string, []T and *T for structs T; an embedded struct's parameters are those of the struct it is in.
// Parameters the struct does not name are ignored, as AWS ignores them.
func Decode(form url.Values, out any) error {
	_, err := decodeCounting(form, out)
	return err
}

// decodeCounting is Decode, also telling the work it did: the segments of
// names it read into the tree and the tree nodes it looked up.
func decodeCounting(form url.Values, out any) (int, error) {
	d := &decoder{}
	root := d.tree(form)
	err := d.decode(root, "", reflect.ValueOf(out).Elem())
	return d.work, err
}

// node is one segment of parameter names: Filter.1.Name is the node Name
// under 1 under Filter under the root.
type node struct {
	values   []string // the parameter's values, when the form names the node itself
	named    bool     // the form has a parameter of exactly this name
	children map[string]*node
}

type decoder struct{ work int }

// tree reads form's names into a tree of segments.
func (d *decoder) tree(form url.Values) *node {
	root := &node{}
	for name, vs := range form {
		n := root
		for seg := range strings.SplitSeq(name, ".") {
			d.work++
			c := n.children[seg]
			if c == nil {
				if n.children == nil {
					n.children = map[string]*node{}
				}
				c = &node{}
				n.children[seg] = c
			}
			n = c
		}
		n.named, n.values = true, vs
	}
	return root
}

// child is the node of name (which may itself have dots) under n, or nil.
func (d *decoder) child(n *node, name string) *node {
	for seg := range strings.SplitSeq(name, ".") {
		if n == nil {
			return nil
		}
		d.work++
		n = n.children[seg]
	}
	return n
}

// first is the first value of the parameter n names, or "".
func (n *node) first() string {
	if n == nil || len(n.values) == 0 {
		return ""
	}
	return n.values[0]
}

// hasChildren reports whether the form names a parameter below n, as a
// structure's members are.
func (n *node) hasChildren() bool { return n != nil && len(n.children) > 0 }

// decode fills the struct v from the parameters under n, whose name is
// prefix (for messages).
func (d *decoder) decode(n *node, prefix string, v reflect.Value) error {
	t := v.Type()
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("query")
		if t.Field(i).Anonymous && t.Field(i).Type.Kind() == reflect.Struct {
			if err := d.decode(n, prefix, v.Field(i)); err != nil { // embedded: its parameters are the outer struct's
				return err
			}
			continue
		}
		if name == "" {
			continue
		}
		if err := d.field(d.child(n, name), prefix+name, v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}

// field fills f from the parameter n, named key; n is nil when the form
// names neither it nor anything below it.
func (d *decoder) field(n *node, key string, f reflect.Value) error {
	switch f.Kind() {
	case reflect.String:
		f.SetString(n.first())
	case reflect.Pointer:
		elem := f.Type().Elem()
		if timeLike(elem) {
			if n == nil || !n.named {
				return nil
			}
			t, err := parseTime(key, n.first())
			if err != nil {
				return err
			}
			p := reflect.New(elem)
			if elem == timeType {
				p.Elem().Set(reflect.ValueOf(t))
			} else {
				p.Elem().Field(0).Set(reflect.ValueOf(t))
			}
			f.Set(p)
			return nil
		}
		if elem.Kind() == reflect.Struct {
			if !n.hasChildren() {
				return nil
			}
			p := reflect.New(elem)
			if err := d.decode(n, key+".", p.Elem()); err != nil {
				return err
			}
			f.Set(p)
			return nil
		}
		if n == nil || !n.named {
			return nil
		}
		p := reflect.New(elem)
		if err := scalar(key, n.first(), p.Elem()); err != nil {
			return err
		}
		f.Set(p)
	case reflect.Slice:
		if n == nil {
			return nil
		}
		elem := f.Type().Elem()
		for i := 1; i <= maxListItems; i++ {
			d.work++
			item := n.children[strconv.Itoa(i)]
			if elem.Kind() == reflect.Struct {
				if !item.hasChildren() {
					break
				}
				e := reflect.New(elem).Elem()
				if err := d.decode(item, key+"."+strconv.Itoa(i)+".", e); err != nil {
					return err
				}
				f.Set(reflect.Append(f, e))
				continue
			}
			if item == nil || !item.named {
				break
			}
			f.Set(reflect.Append(f, reflect.ValueOf(item.first())))
		}
	}
	return nil
}

func scalar(key, s string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return &Error{Param: key, Value: s, Want: "true or false"}
		}
		v.SetBool(b)
	case reflect.Float64:
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return &Error{Param: key, Value: s, Want: "a finite number"}
		}
		v.SetFloat(n)
	case reflect.Int64, reflect.Int32:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return &Error{Param: key, Value: s, Want: "an integer"}
		}
		v.SetInt(n)
	default:
		return fmt.Errorf("awsquery: field type %s of %s is not supported", v.Type(), key)
	}
	return nil
}

var timeType = reflect.TypeFor[time.Time]()

// timeLike tells whether t is time.Time or a struct that is one with
// another wire form (dx.EpochTime: one embedded time.Time), so that a
// service's timestamp types decode from Query as from JSON.
func timeLike(t reflect.Type) bool {
	return t == timeType || t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Anonymous && t.Field(0).Type == timeType
}

// parseTime reads a Query timestamp: ISO 8601 (what the SDKs send, with
// or without fractional seconds or a zone; no zone is UTC), or seconds
// since the epoch.
func parseTime(key, s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(secs) && !math.IsInf(secs, 0) && math.Abs(secs) < 1e11 {
		whole, frac := math.Modf(secs)
		return time.Unix(int64(whole), int64(frac*1e9)).UTC(), nil
	}
	return time.Time{}, &Error{Param: key, Value: s, Want: "an ISO 8601 timestamp such as 2027-01-01T00:00:00Z"}
}
