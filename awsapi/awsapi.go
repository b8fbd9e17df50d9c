// Package awsapi is dxsim's one AWS front end: every AWS API dxsim serves
// (Direct Connect, the parts of EC2, Secrets Manager and STS it needs, and
// CloudWatch's monitoring of it)
// is answered through the same request envelope, written once here: the
// request ID, the body limit, panic recovery, SigV4 authentication (the
// account and Region come from the credential scope), the request's
// deadline answered as the service's throttling error, long echoed values
// shortened in error messages, one log line per request, and the request
// reported to a RequestObserver (the metrics), and requests of web pages
// refused (package browserguard) in every auth mode.
//
// A request is routed to its API, and to one of the API's protocols, by
// its shape: by its X-Amz-Target prefix (AWS JSON 1.1 or 1.0), by a Smithy
// RPC v2 CBOR path /service/<ServiceName>/operation/<Operation>, or, for a
// form-encoded Query protocol POST, by its credential scope's service or
// else its Version; everything else is Direct Connect's. An API may be
// served in several protocols (CloudWatch: Query, JSON 1.0 and CBOR), its
// operations the same in each. Each protocol has one decoder and encoder
// (json11.go, query.go, rpcv2cbor.go with cbor.go). Each API is a small
// descriptor (API) with its table of operations, one file per API
// (directconnect.go, ec2.go, secretsmanager.go, sts.go; CloudWatch's
// descriptor is in cloudwatch_protocols.go); Direct Connect's bodies are
// also validated against its service model (package model), which reads
// JSON bodies: an API with a model is served in JSON only.
//
// Imports: package dx (callers and errors), browserguard (the Host and
// Origin check), the wire codecs (awsquery, awsapi/model, fxamacker/cbor),
// the AWS SDK's signer, and, in the table files only, the packages whose
// methods the operations run and whose error codes they answer
// (directconnect, ec2, secretsmanager, sts). Nothing but the table files
// names them.
package awsapi

import (
	"context"
	"log/slog"
	"net/http"
	"reflect"
	"sort"
	"time"

	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/browserguard"
	"github.com/dxsim/dxsim/dx"
	"github.com/google/uuid"
)

// maxBody bounds a request body; the largest legitimate one is far smaller.
const maxBody = 1 << 20

// API describes one served AWS API: how its requests are recognised, its
// operations and the style of its errors. The rest is the front end's.
type API struct {
	Name        string // the API's name in the request log: "directconnect"
	Title       string // its name in messages: "Direct Connect"
	SigningName string // the service of its SigV4 credential scope
	// Protocol is the API's protocol (JSON11, JSON10, Query, EC2Query or
	// RPCv2CBOR); of an API served in several, the one of requests that
	// show no protocol's mark (see Also).
	Protocol Protocol
	// Also are the other protocols of an API served in several, as
	// CloudWatch is (Query, JSON10 and RPCv2CBOR): a request's shape picks
	// its protocol, an X-Amz-Target with Target the API's JSON protocol, a
	// form-encoded POST its Query protocol, a /service/<Service's
	// name>/operation/<Operation> path its RPC v2 CBOR protocol.
	Also      []Protocol
	Target    string // JSON: the X-Amz-Target prefix, "OvertureService."
	Version   string // Query: the API version, "2016-11-15"
	Namespace string // Query: the XML namespace of answers
	// Service is the Smithy shape ID of the API's service,
	// "com.amazonaws.cloudwatch#GraniteServiceVersion20100801": RPC v2
	// CBOR routes by its name, and error shapes are named in its namespace.
	Service string
	// QueryErrors, set for a Query-compatible API (the model's
	// awsQueryCompatible trait: CloudWatch), maps the Query code of each
	// of its errors (what its operations return, "InvalidParameterValue")
	// to its error shape: a JSON or CBOR answer names the shape in __type
	// and the code in header x-amzn-query-error, which the SDKs report as
	// the error's code, so a client sees the same code in every protocol.
	QueryErrors map[string]ErrorShape
	// Fallback marks the API that serves whatever no other API claims.
	Fallback bool
	Errors   ErrorStyle
	// DryRun, when set, is the answer to a Query request with DryRun=true
	// once it is authenticated, as EC2 answers.
	DryRun *dx.Error
	// Unknown is the error of an operation the API does not serve.
	Unknown func(op, version string, served []string) error
	// IDs maps the model's ID shapes to the kind of ID each names: a
	// member of one of them that is not of its kind's form is refused
	// (dx.CheckID) once the body is valid, before the operation runs.
	IDs map[string]dx.IDKind

	ops map[string]operation
}

// ErrorStyle is how an API names the errors the front end itself answers.
type ErrorStyle struct {
	ServerFault string // a server fault or panic (500)
	Throttling  string // a request whose deadline passed (400)
	MessageKey  string // JSON 1.1: the member of the message, "message" or "Message"
	// AccessDenied is the code of a request refused as a web page's
	// (403); "" is AccessDeniedException.
	AccessDenied string
	// TrimAuthException drops the Exception suffix of authentication
	// errors' codes (EC2: MissingAuthenticationToken).
	TrimAuthException bool
}

// ErrorShape is the error shape of a Query code, in a Query-compatible
// API's JSON and CBOR answers.
type ErrorShape struct {
	Name       string // the shape: "InvalidParameterValueException"
	MessageKey string // its message member; "" is "message"
}

// Operations lists the names of the API's operations, sorted.
func (a *API) Operations() []string {
	names := make([]string, 0, len(a.ops))
	for n := range a.ops {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// operation is one API operation: its Go input and output types, the
// model's input shape that a body is validated against (Direct Connect
// only), and the function that runs it on a decoded input.
type operation struct {
	in, out reflect.Type
	input   *model.Shape
	run     func(ctx context.Context, caller dx.Caller, decode func(in any) error) (any, error)
}

// op adapts a method to an operation: decode into In with the protocol's
// decoder, call. It serves every protocol.
func op[In, Out any](fn func(context.Context, dx.Caller, *In) (*Out, error)) operation {
	return operation{
		in:  reflect.TypeFor[In](),
		out: reflect.TypeFor[Out](),
		run: func(ctx context.Context, caller dx.Caller, decode func(any) error) (any, error) {
			in := new(In)
			if err := decode(in); err != nil {
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

// table merges tables of operations; a name in two is a programming error.
func table(api string, families ...map[string]operation) map[string]operation {
	ops := map[string]operation{}
	for _, family := range families {
		for name, o := range family {
			if _, dup := ops[name]; dup {
				panic("awsapi: " + api + " operation " + name + " is routed twice")
			}
			ops[name] = o
		}
	}
	return ops
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

// Frontend serves every API on one endpoint.
type Frontend struct {
	apis     []*API
	fallback *API
	identity Identity
	hosts    browserguard.Names
	log      *slog.Logger
	observer RequestObserver
}

// RequestObserver is told of every request the front end answered: the
// API, the operation (Unknown when the API serves none of that name, so
// a client cannot grow a metric's label set), the HTTP status and the
// time it took.
type RequestObserver interface {
	ObserveRequest(api, operation string, status int, took time.Duration)
}

// Unknown is the operation a RequestObserver is told of for a request that
// names no operation its API serves.
const Unknown = "unknown"

// ObserveWith makes o the front end's RequestObserver; call it before
// serving.
func (f *Frontend) ObserveWith(o RequestObserver) { f.observer = o }

// AnswerTo adds Host names the front end answers to besides localhost,
// loopback addresses and the address a request came in on (--host); call
// it before serving.
func (f *Frontend) AnswerTo(hosts browserguard.Names) { f.hosts = hosts }

// New returns the front end of apis; exactly one of them is the Fallback.
func New(identity Identity, log *slog.Logger, apis ...*API) *Frontend {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	f := &Frontend{apis: apis, identity: identity, log: log}
	for _, a := range apis {
		a.check()
		if a.Fallback {
			if f.fallback != nil {
				panic("awsapi: two fallback APIs, " + f.fallback.Name + " and " + a.Name)
			}
			f.fallback = a
		}
	}
	if f.fallback == nil {
		panic("awsapi: no fallback API")
	}
	return f
}

// NewRequestID makes the ID of one request (a UUID, the form AWS uses),
// which every served API answers and logs.
func NewRequestID() string { return uuid.NewString() }

// internalError is the answer to a server fault: it hides the cause and
// gives the request ID a person can report.
func internalError(api *API, id, what string) *dx.Error {
	return &dx.Error{Type: api.Errors.ServerFault, Status: http.StatusInternalServerError,
		Message: "An internal error occurred" + what + ". Request ID " + id}
}
