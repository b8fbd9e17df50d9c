package awsapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/dxsim/dxsim/dx"
	gojson "github.com/goccy/go-json"
)

// JSON11 is the AWS JSON 1.1 protocol: `X-Amz-Target: <prefix><Operation>`
// on a POST to /, the input as a JSON object, the output as one, and errors
// as {"__type": T, "message": M} with header x-amzn-ErrorType. JSON10, AWS
// JSON 1.0, differs only in its Content-Type.
var (
	JSON11 Protocol = json11{contentType: "application/x-amz-json-1.1"}
	JSON10 Protocol = json11{contentType: "application/x-amz-json-1.0"}
)

type json11 struct{ contentType string }

func (json11) family() family { return familyJSON }

func (json11) operation(c *exchange) (string, error) {
	target := c.r.Header.Get("X-Amz-Target")
	name, _ := strings.CutPrefix(target, c.api.Target)
	if c.r.Method != http.MethodPost {
		return name, dx.TypedErrorf(dx.UnknownOperationError, "The %s API takes POST requests to /; got %s %s", c.api.Title, c.r.Method, c.r.URL.Path)
	}
	if !strings.HasPrefix(target, c.api.Target) {
		return name, dx.TypedErrorf(dx.UnknownOperationError, "X-Amz-Target %q does not name a %s operation; expected %s<Operation>", target, c.api.Title, c.api.Target)
	}
	return name, nil
}

func (json11) decode(c *exchange, in any) error { return decode(c.body, in, "JSON") }

func (json11) echoes(c *exchange) []string { return jsonEchoes(c.body) }

// encode writes the answer with goccy/go-json, which produces what
// encoding/json does (sorted map keys, HTML escaped) from compiled
// encoders rather than reflection on every value: a page of 100
// connections is several times cheaper to write.
// Its Encoder writes into buf what Marshal would answer (and a newline,
// dropped here) without Marshal's copy of the whole answer.
func (j json11) encode(_ *exchange, out any, buf *bytes.Buffer) (string, []byte, error) {
	if err := gojson.NewEncoder(buf).Encode(out); err != nil {
		return "", nil, err
	}
	return j.contentType, bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (j json11) writeError(w http.ResponseWriter, c *exchange, e *dx.Error) {
	typ, key := c.api.errorShape(e.Type)
	w.Header().Set("Content-Type", j.contentType)
	w.Header().Set("x-amzn-ErrorType", typ)
	setQueryError(w, c.api, e)
	w.WriteHeader(e.Status)
	json.NewEncoder(w).Encode(map[string]string{"__type": typ, key: e.Message})
}

// setQueryError names e's Query code and fault in header
// x-amzn-query-error, for a Query-compatible API.
func setQueryError(w http.ResponseWriter, api *API, e *dx.Error) {
	if api.QueryErrors == nil {
		return
	}
	fault := "Sender"
	if e.Status >= http.StatusInternalServerError {
		fault = "Receiver"
	}
	w.Header().Set("x-amzn-query-error", e.Type+";"+fault)
}

// decode unmarshals a JSON object body into in; an empty body is {}. Its
// messages call the body's encoding format: a CBOR body is decoded as the
// JSON it translates to.
func decode(body []byte, in any, format string) error {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return dx.TypedErrorf(dx.SerializationError, "The request body must be a %s %s; got a %s %s", format, kindIn(format, "object"), format, kindIn(format, te.Value))
		}
		if errors.As(err, &te) {
			return dx.TypedErrorf(dx.SerializationError, "Member %q has the wrong type: got a %s %s, expected %s", te.Field, format, kindIn(format, te.Value), kindIn(format, jsonKind(te.Type)))
		}
		return dx.TypedErrorf(dx.SerializationError, "The request body is not a valid %s %s: %v", format, kindIn(format, "object"), err)
	}
	// More() would let a stray '}' or ']' through; only the end may follow.
	if _, err := dec.Token(); err != io.EOF {
		return dx.TypedErrorf(dx.SerializationError, "The request body has data after its %s %s", format, kindIn(format, "object"))
	}
	return nil
}

// kindIn is a JSON kind of value ("object", "an object", "array") in
// format's words: CBOR's objects are maps.
func kindIn(format, kind string) string {
	if format != "CBOR" {
		return kind
	}
	switch kind {
	case "object":
		return "map"
	case "an object":
		return "a map"
	}
	return kind
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}
