// Package smapi speaks AWS Secrets Manager's JSON 1.1 protocol
// (X-Amz-Target: secretsmanager.<Operation>) for the secrets Direct
// Connect's MACsec keys live in.
package smapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/secretsmanager"
)

// TargetPrefix is the service name of Secrets Manager's X-Amz-Target values.
const TargetPrefix = "secretsmanager."

const maxBody = 1 << 20

type operation func(ctx context.Context, caller dx.Caller, body []byte) (any, error)

func op[In, Out any](fn func(context.Context, dx.Caller, *In) (*Out, error)) operation {
	return func(ctx context.Context, caller dx.Caller, body []byte) (any, error) {
		in := new(In)
		if len(bytes.TrimSpace(body)) > 0 {
			if err := json.Unmarshal(body, in); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return nil, dx.TypedErrorf("SerializationException", "Member %q has the wrong type: got a JSON %s", te.Field, te.Value)
				}
				return nil, dx.TypedErrorf("SerializationException", "The request body is not a valid JSON object: %v", err)
			}
		}
		return fn(ctx, caller, in)
	}
}

func operations(s *secretsmanager.Service) map[string]operation {
	return map[string]operation{
		"CreateSecret":      op(s.CreateSecret),
		"DescribeSecret":    op(s.DescribeSecret),
		"ListSecrets":       op(s.ListSecrets),
		"DeleteSecret":      op(s.DeleteSecret),
		"GetResourcePolicy": op(s.GetResourcePolicy),
		"TagResource":       op(s.TagSecret),
		"UntagResource":     op(s.UntagSecret),
		"PutSecretValue":    op(s.PutSecretValue),
		"GetSecretValue":    op(s.GetSecretValue),
		"UpdateSecret":      op(s.UpdateSecret),
	}
}

// Handler serves Secrets Manager.
type Handler struct {
	ops      map[string]operation
	identity awsapi.Identity
	log      *slog.Logger
}

// NewHandler returns the Secrets Manager handler for svc.
func NewHandler(svc *secretsmanager.Service, identity awsapi.Identity, log *slog.Logger) *Handler {
	return &Handler{ops: operations(svc), identity: identity, log: log}
}

// Operations lists the names of the operations served, sorted.
func (h *Handler) Operations() []string {
	names := make([]string, 0, len(h.ops))
	for n := range h.ops {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := awsapi.NewRequestID()
	w.Header().Set("x-amzn-RequestId", reqID)
	opName := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), TargetPrefix)
	log := h.log.With("requestId", reqID, "service", "secretsmanager", "operation", opName)
	internal := &dx.Error{Type: "InternalServiceError", Status: http.StatusInternalServerError, Message: "An internal error occurred; the request was not applied. Request ID " + reqID}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.Error("panic serving request", "panic", p, "stack", string(debug.Stack()))
			writeError(w, internal)
		}
	}()
	out, err := h.serve(r, opName)
	if err != nil {
		var e *dx.Error
		if !errors.As(err, &e) {
			log.Error("server fault", "err", err)
			e = internal
		} else {
			log.Info("client error", "type", e.Type, "message", e.Message)
		}
		writeError(w, e)
		return
	}
	body, err := json.Marshal(out)
	if err != nil {
		log.Error("encoding response", "err", err)
		writeError(w, internal)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Write(body)
}

func (h *Handler) serve(r *http.Request, opName string) (any, error) {
	run, ok := h.ops[opName]
	if !ok {
		return nil, dx.TypedErrorf(dx.UnknownOperationError, "Operation %s is not a Secrets Manager operation served by dxsim; it serves %v", opName, h.Operations())
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return nil, dx.TypedErrorf("SerializationException", "Could not read the request body (at most %d bytes): %v", maxBody, err)
	}
	caller, err := h.identity.Authenticate(r, body, "secretsmanager")
	if err != nil {
		return nil, err
	}
	return run(r.Context(), caller, body)
}

func writeError(w http.ResponseWriter, e *dx.Error) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("x-amzn-ErrorType", e.Type)
	w.WriteHeader(e.Status)
	json.NewEncoder(w).Encode(map[string]string{"__type": e.Type, "Message": e.Message})
}
