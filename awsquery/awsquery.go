// Package awsquery decodes the AWS Query protocol's form-encoded parameters
// (Action=...&Version=...&Filter.1.Name=...&Filter.1.Value.1=...) into Go
// structs, as EC2 and STS take them. A struct field names its parameter with
// a `query:"Name"` tag; lists are flattened the EC2 way (Name.1, Name.2, ...)
// and nested structures are prefixed (Options.AmazonSideAsn).
package awsquery

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
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
// string, *string, *bool, *int64, *int32, []string, []T and *T for structs
// T; an embedded struct's parameters are those of the struct it is in.
// Parameters the struct does not name are ignored, as AWS ignores them.
func Decode(form url.Values, out any) error {
	return decode(form, "", reflect.ValueOf(out).Elem())
}

func decode(form url.Values, prefix string, v reflect.Value) error {
	t := v.Type()
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("query")
		if t.Field(i).Anonymous && t.Field(i).Type.Kind() == reflect.Struct {
			if err := decode(form, prefix, v.Field(i)); err != nil { // embedded: its parameters are the outer struct's
				return err
			}
			continue
		}
		if name == "" {
			continue
		}
		if err := decodeField(form, prefix+name, v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}

func decodeField(form url.Values, key string, f reflect.Value) error {
	switch f.Kind() {
	case reflect.String:
		f.SetString(form.Get(key))
	case reflect.Pointer:
		elem := f.Type().Elem()
		if elem.Kind() == reflect.Struct {
			if !hasPrefix(form, key+".") {
				return nil
			}
			p := reflect.New(elem)
			if err := decode(form, key+".", p.Elem()); err != nil {
				return err
			}
			f.Set(p)
			return nil
		}
		s, ok := form[key]
		if !ok {
			return nil
		}
		val := ""
		if len(s) > 0 {
			val = s[0]
		}
		p := reflect.New(elem)
		if err := scalar(key, val, p.Elem()); err != nil {
			return err
		}
		f.Set(p)
	case reflect.Slice:
		elem := f.Type().Elem()
		for n := 1; n <= maxListItems; n++ {
			item := fmt.Sprintf("%s.%d", key, n)
			if elem.Kind() == reflect.Struct {
				if !hasPrefix(form, item+".") {
					break
				}
				e := reflect.New(elem).Elem()
				if err := decode(form, item+".", e); err != nil {
					return err
				}
				f.Set(reflect.Append(f, e))
				continue
			}
			s, ok := form[item]
			if !ok {
				break
			}
			f.Set(reflect.Append(f, reflect.ValueOf(s[0])))
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

func hasPrefix(form url.Values, prefix string) bool {
	for k := range form {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
