package awsapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/fxamacker/cbor/v2"
)

// The CBOR of RPC v2 CBOR bodies, by github.com/fxamacker/cbor. Requests are
// read strictly: a map key given twice, a key that is not a text string,
// invalid UTF-8 or data after the body are refused. Answers write floats
// as 64-bit doubles (never half precision, which the protocol advises
// against) and definite lengths.
var (
	cborDec = must(cbor.DecOptions{
		DupMapKey:      cbor.DupMapKeyEnforcedAPF,
		DefaultMapType: reflect.TypeFor[map[string]any](),
		IndefLength:    cbor.IndefLengthAllowed,
		UTF8:           cbor.UTF8RejectInvalid,
	}.DecMode())
	cborEnc = must(cbor.EncOptions{
		ShortestFloat: cbor.ShortestFloatNone,
		NaNConvert:    cbor.NaNConvertNone,
		InfConvert:    cbor.InfConvertNone,
		IndefLength:   cbor.IndefLengthForbidden,
	}.EncMode())
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// cborToJSON reads a request's CBOR body into the JSON document it stands
// for: a timestamp (tag 1) becomes epoch seconds, a byte string base64 (as
// encoding/json reads a []byte), maps objects and arrays arrays. An empty
// body is no document.
func cborToJSON(body []byte) ([]byte, error) {
	if len(body) == 0 {
		return nil, nil
	}
	var v any
	if err := cborDec.Unmarshal(body, &v); err != nil {
		return nil, dx.TypedErrorf(dx.SerializationError, "The request body is not well-formed CBOR: %v", err)
	}
	v, err := jsonValue(v, "")
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(v)
	if err != nil {
		return nil, dx.TypedErrorf(dx.SerializationError, "The request body's CBOR has no JSON meaning: %v", err)
	}
	return doc, nil
}

// jsonValue is v, decoded CBOR at path, as a value encoding/json writes as
// the JSON it stands for.
func jsonValue(v any, path string) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			y, err := jsonValue(x, member(path, k))
			if err != nil {
				return nil, err
			}
			v[k] = y
		}
		return v, nil
	case []any:
		for i, x := range v {
			y, err := jsonValue(x, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			v[i] = y
		}
		return v, nil
	case time.Time:
		return json.Number(epochSeconds(v)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, dx.TypedErrorf(dx.SerializationError, "Member %q is %v, which no member takes; send a finite number", path, v)
		}
		return v, nil
	case float32:
		return jsonValue(float64(v), path)
	case big.Int:
		return &v, nil
	case nil, bool, string, int64, uint64, []byte:
		return v, nil
	case cbor.Tag:
		return nil, dx.TypedErrorf(dx.SerializationError, "Member %q is a CBOR tag %d, which no member takes (a timestamp is tag 1)", path, v.Number)
	}
	return nil, dx.TypedErrorf(dx.SerializationError, "Member %q is a CBOR %T, which no member takes", path, v)
}

func member(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// epochSeconds is t as JSON epoch seconds, with its fraction.
func epochSeconds(t time.Time) string {
	secs := float64(t.Unix()) + float64(t.Nanosecond())/1e9
	return strconv.FormatFloat(secs, 'f', -1, 64)
}

// encodeCBOR writes out as CBOR: out's JSON, with each value written as the
// CBOR type of its Go type (cborValue), and null members left out, as the
// protocol wants.
func encodeCBOR(out any) ([]byte, error) {
	doc, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	cv, err := cborValue(v, reflect.TypeOf(out))
	if err != nil {
		return nil, err
	}
	return cborEnc.Marshal(cv)
}

var timeType = reflect.TypeFor[time.Time]()

// isTimestamp tells whether t is a time: time.Time or a struct that is one
// (dx.EpochTime).
func isTimestamp(t reflect.Type) bool {
	return t == timeType || t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Anonymous && t.Field(0).Type == timeType
}

// cborValue is v, a JSON value that a Go value of type t (nil: unknown)
// marshals to, as the value fxamacker/cbor writes as that Go value's CBOR:
// a timestamp as tag 1 of epoch seconds, a []byte as a byte string, a float
// as a float, an integer as an integer.
func cborValue(v any, t reflect.Type) (any, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && isTimestamp(t) {
		switch v := v.(type) {
		case json.Number:
			f, err := v.Float64()
			return cbor.Tag{Number: 1, Content: f}, err
		case string: // time.Time writes RFC 3339
			at, err := time.Parse(time.RFC3339Nano, v)
			return cbor.Tag{Number: 1, Content: float64(at.UnixMilli()) / 1000}, err
		}
	}
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			if x == nil {
				continue
			}
			cx, err := cborValue(x, memberType(t, k))
			if err != nil {
				return nil, err
			}
			m[k] = cx
		}
		return m, nil
	case []any:
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		l := make([]any, len(v))
		for i, x := range v {
			cx, err := cborValue(x, elem)
			if err != nil {
				return nil, err
			}
			l[i] = cx
		}
		return l, nil
	case string:
		if t != nil && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return base64.StdEncoding.DecodeString(v)
		}
		return v, nil
	case json.Number:
		if t != nil && (t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32) {
			return v.Float64()
		}
		if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return i, nil
		}
		if u, err := strconv.ParseUint(string(v), 10, 64); err == nil {
			return u, nil
		}
		return v.Float64()
	}
	return v, nil // bool, nil
}

// memberType is the Go type of the value under key in a JSON object that
// a value of type t marshals to, or nil if unknown.
func memberType(t reflect.Type, key string) reflect.Type {
	switch {
	case t == nil:
		return nil
	case t.Kind() == reflect.Map:
		return t.Elem()
	case t.Kind() == reflect.Struct:
		return jsonMemberTypes(t)[key]
	}
	return nil
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonMemberTypes maps the JSON member names of struct type t to their fields'
// types, as encoding/json names them: the json tag's name or the field's,
// and the fields of an embedded struct without a name, below the struct's
// own.
func jsonMemberTypes(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct && !isTimestamp(ft) {
			embedded = append(embedded, ft)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	for _, e := range embedded {
		for name, ft := range jsonMemberTypes(e) {
			if _, shadowed := fields[name]; !shadowed {
				fields[name] = ft
			}
		}
	}
	fieldCache.Store(t, fields)
	return fields
}
