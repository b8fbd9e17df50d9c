package awsapi

import (
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
// as {"__type": T, "message": M} with header x-amzn-ErrorType.
var JSON11 Protocol = json11{}

type json11 struct{}

const jsonContentType = "application/x-amz-json-1.1"

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

func (json11) decode(c *exchange, in any) error { return decode(c.body, in) }

func (json11) echoes(c *exchange) []string { return jsonEchoes(c.body) }

// encode writes the answer with goccy/go-json, which produces what
// encoding/json does (sorted map keys, HTML escaped) from compiled
// encoders rather than reflection on every value: a page of 100
// connections is several times cheaper to write.
func (json11) encode(_ *exchange, out any) (string, []byte, error) {
	body, err := gojson.Marshal(out)
	return jsonContentType, body, err
}

func (json11) writeError(w http.ResponseWriter, c *exchange, e *dx.Error) {
	w.Header().Set("Content-Type", jsonContentType)
	w.Header().Set("x-amzn-ErrorType", e.Type)
	w.WriteHeader(e.Status)
	json.NewEncoder(w).Encode(map[string]string{"__type": e.Type, c.api.Errors.MessageKey: e.Message})
}

// decode unmarshals a JSON object body into in; an empty body is {}.
func decode(body []byte, in any) error {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return dx.TypedErrorf(dx.SerializationError, "The request body must be a JSON object; got a JSON %s", te.Value)
		}
		if errors.As(err, &te) {
			return dx.TypedErrorf(dx.SerializationError, "Member %q has the wrong type: got a JSON %s, expected %s", te.Field, te.Value, jsonKind(te.Type))
		}
		return dx.TypedErrorf(dx.SerializationError, "The request body is not a valid JSON object: %v", err)
	}
	// More() would let a stray '}' or ']' through; only the end may follow.
	if _, err := dec.Token(); err != io.EOF {
		return dx.TypedErrorf(dx.SerializationError, "The request body has data after its JSON object")
	}
	return nil
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
