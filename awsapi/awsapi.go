// Package awsapi speaks the AWS JSON 1.1 protocol of Direct Connect: it routes
// `X-Amz-Target: OvertureService.<Operation>` to the service, validates each
// body against the operation's input shape in the service model (package
// model) at every depth before the operation runs, decodes it with clear
// errors, takes the caller's account and Region from the SigV4 credential
// scope, and encodes results and errors as the SDKs expect.
package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
)

// targetPrefix is the service name of Direct Connect's X-Amz-Target values.
const targetPrefix = "OvertureService."

// maxBody bounds a request body; the largest legitimate one is far smaller.
const maxBody = 1 << 20

// operation is one API operation: its Go input and output types, the
// model's input shape that a body is validated against, and the function
// that runs it on a validated body.
type operation struct {
	in, out reflect.Type
	input   *model.Shape
	run     func(ctx context.Context, caller dx.Caller, body []byte) (any, error)
}

// op adapts a service method to an operation: decode into In, call.
// Validation against the model happens before, in one place for every
// operation (see validate).
func op[In, Out any](fn func(context.Context, dx.Caller, *In) (*Out, error)) operation {
	return operation{
		in:  reflect.TypeFor[In](),
		out: reflect.TypeFor[Out](),
		run: func(ctx context.Context, caller dx.Caller, body []byte) (any, error) {
			in := new(In)
			if err := decode(body, in); err != nil {
				return nil, err
			}
			out, err := fn(ctx, caller, in)
			if err != nil {
				return nil, err
			}
			return out, nil
		},
	}
}

// withModel gives every operation its input shape from m; an operation the
// model lacks is a programming error.
func withModel(ops map[string]operation, m *model.Model) map[string]operation {
	for name, o := range ops {
		mo, ok := m.Operations[name]
		if !ok {
			panic("awsapi: operation " + name + " is not in the service model")
		}
		o.input = mo.Input
		ops[name] = o
	}
	return ops
}

// Handler serves the Direct Connect API.
type Handler struct {
	ops      map[string]operation
	identity Identity
	log      *slog.Logger
}

// NewHandler returns the API handler for svc.
func NewHandler(svc *directconnect.Service, identity Identity, log *slog.Logger) *Handler {
	return &Handler{ops: withModel(operations(svc), model.Load()), identity: identity, log: log}
}

// Operations lists the names of the operations served.
func (h *Handler) Operations() []string {
	names := make([]string, 0, len(h.ops))
	for n := range h.ops {
		names = append(names, n)
	}
	return names
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := NewRequestID()
	w.Header().Set("x-amzn-RequestId", reqID)
	hoistedTarget(r)
	opName, _ := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	log := h.log.With("requestId", reqID, "operation", opName)
	// One line per request at info, written last so that it has the status
	// a panic's recovery answered.
	start := time.Now()
	rec := &request{ResponseWriter: w, status: http.StatusOK}
	w = rec
	defer func() {
		log.Info("request", "account", rec.caller.Account, "region", rec.caller.Region,
			"status", rec.status, "errorType", rec.errType, "duration", time.Since(start))
	}()
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // net/http's own signal to drop the connection
			}
			log.Error("panic serving request", "panic", p, "stack", string(debug.Stack()))
			writeError(w, &dx.Error{Type: dx.ServerException, Status: http.StatusInternalServerError, Message: "An internal error occurred; the request was not applied. Request ID " + reqID})
		}
	}()
	received := &receivedBody{ReadCloser: r.Body}
	r.Body = received
	out, err := h.serve(r, opName, &rec.caller)
	if err != nil {
		var e *dx.Error
		if de := deadlineError(err); de != nil {
			log.Warn("request deadline passed", "err", err)
			e = de
		} else if !errors.As(err, &e) {
			log.Error("server fault", "err", err)
			e = &dx.Error{Type: dx.ServerException, Status: http.StatusInternalServerError, Message: "An internal error occurred; the request was not applied. Request ID " + reqID}
		} else {
			e = &dx.Error{Type: e.Type, Status: e.Status, Message: shortenEchoes(e.Message, received.read)}
			log.Debug("client error", "type", e.Type, "message", e.Message)
		}
		writeError(w, e)
		return
	}
	body, err := json.Marshal(out)
	if err != nil {
		log.Error("encoding response", "err", err)
		writeError(w, &dx.Error{Type: dx.ServerException, Status: http.StatusInternalServerError, Message: "An internal error occurred encoding the response. Request ID " + reqID})
		return
	}
	log.Debug("ok")
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Write(body)
}

func (h *Handler) serve(r *http.Request, opName string, caller *dx.Caller) (any, error) {
	if r.Method != http.MethodPost {
		return nil, dx.TypedErrorf(dx.UnknownOperationError, "The Direct Connect API takes POST requests to /; got %s %s", r.Method, r.URL.Path)
	}
	target := r.Header.Get("X-Amz-Target")
	if !strings.HasPrefix(target, targetPrefix) {
		return nil, dx.TypedErrorf(dx.UnknownOperationError, "X-Amz-Target %q does not name a Direct Connect operation; expected %s<Operation>", target, targetPrefix)
	}
	run, ok := h.ops[opName]
	if !ok {
		return nil, dx.TypedErrorf(dx.UnknownOperationError, "Operation %s is not a Direct Connect operation served by dxsim", opName)
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return nil, dx.TypedErrorf(dx.SerializationError, "Could not read the request body (at most %d bytes): %v", maxBody, err)
	}
	remember(r, body)
	if *caller, err = h.identity.Authenticate(r, body, SigningName); err != nil {
		return nil, err
	}
	if err := validate(run.input, body); err != nil {
		return nil, err
	}
	return run.run(r.Context(), *caller, body)
}

// request records what the request log line tells of an answer.
type request struct {
	http.ResponseWriter
	status  int
	errType string
	caller  dx.Caller
}

func (r *request) WriteHeader(status int) {
	r.status, r.errType = status, r.Header().Get("x-amzn-ErrorType")
	r.ResponseWriter.WriteHeader(status)
}

func writeError(w http.ResponseWriter, e *dx.Error) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("x-amzn-ErrorType", e.Type)
	w.WriteHeader(e.Status)
	json.NewEncoder(w).Encode(map[string]string{"__type": e.Type, "message": e.Message})
}

// NewRequestID makes the ID of one request (a UUID, the form AWS uses),
// which every served API answers and logs.
func NewRequestID() string { return uuid.NewString() }

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
