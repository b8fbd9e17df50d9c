package awsapi

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/dxsim/dxsim/dx"
)

// Protocol is an AWS wire protocol: how a request names its operation and
// carries its input, and how answers and errors are written.
type Protocol interface {
	// operation names the operation of c's request, or says why the
	// request names none (the name may still be set, for the log).
	operation(c *exchange) (string, error)
	// decode fills in from c's request.
	decode(c *exchange, in any) error
	// echoes are the values of c's request long enough to be shortened
	// when an error message quotes them.
	echoes(c *exchange) []string
	// encode is the answer of a successful request, written into buf
	// (body may be buf's bytes, valid until buf is reused).
	encode(c *exchange, out any, buf *bytes.Buffer) (contentType string, body []byte, err error)
	// writeError writes e as the answer.
	writeError(w http.ResponseWriter, c *exchange, e *dx.Error)
	// family is the mark by which requests show the protocol.
	family() family
}

// exchange is one request as the front end serves it.
type exchange struct {
	r      *http.Request
	api    *API
	proto  Protocol // the protocol of the request, one of api's
	id     string
	op     string
	body   []byte
	read   bool // body holds the whole request body
	form   url.Values
	doc    []byte // a CBOR body as JSON, made by cborJSON on first use
	docErr error
	caller dx.Caller
	base   *slog.Logger // the front end's
	log    *slog.Logger // the request's, made by logger on first use
}

// logger is the request's logger, with its ID, API and operation. It is
// made on first use: most requests log nothing but their one line, and a
// logger's attributes cost allocations on every request.
func (c *exchange) logger() *slog.Logger {
	if c.log == nil {
		c.log = c.base.With("requestId", c.id, "service", c.api.Name, "operation", c.op)
	}
	return c.log
}

// debug logs msg at debug level, if that is on.
func (c *exchange) debug(msg string, args ...any) {
	if c.base.Enabled(c.r.Context(), slog.LevelDebug) {
		c.logger().Debug(msg, args...)
	}
}

// recorder records what the request log line tells of an answer.
type recorder struct {
	http.ResponseWriter
	status  int
	errType string
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (f *Frontend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &exchange{r: r, api: f.fallback, proto: f.fallback.Protocol, id: NewRequestID()}
	w.Header().Set("x-amzn-RequestId", c.id)
	c.base = f.log
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	// One line per request at info, written last so that it has the status
	// a panic's recovery answered.
	defer func() {
		took := time.Since(start)
		if f.observer != nil {
			op := c.op
			if _, served := c.api.ops[op]; !served {
				op = Unknown
			}
			f.observer.ObserveRequest(c.api.Name, op, rec.status, took)
		}
		if !f.log.Enabled(r.Context(), slog.LevelInfo) {
			return // its arguments alone cost allocations on every request
		}
		f.log.Info("request", "requestId", c.id, "service", c.api.Name, "operation", c.op,
			"account", c.caller.Account, "region", c.caller.Region,
			"status", rec.status, "errorType", rec.errType, "duration", took)
	}()
	// The one place a request's panic is recovered.
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // net/http's own signal to drop the connection
			}
			c.logger().Error("panic serving request", "panic", p, "stack", string(debug.Stack()))
			writeError(rec, c, internalError(c.api, c.id, "; the request was not applied"))
		}
	}()
	if err := f.route(rec, c); err != nil {
		http.Error(rec, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	out, err := f.serve(c)
	if err != nil {
		fail(rec, c, err)
		return
	}
	buf := answers.Get().(*bytes.Buffer)
	defer putAnswer(buf)
	ct, body, err := c.proto.encode(c, out, buf)
	if err != nil {
		c.logger().Error("encoding response", "err", err)
		writeError(rec, c, internalError(c.api, c.id, " encoding the response"))
		return
	}
	c.debug("ok")
	rec.Header().Set("Content-Type", ct)
	rec.Write(body)
}

// answers are the buffers answers are encoded into, kept between requests:
// a page of 100 connections is 40 KB, which a fresh buffer would allocate
// (and the collector reclaim) on every request.
var answers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putAnswer keeps buf for the next answer, unless an unusually large
// answer grew it past what is worth holding on to.
func putAnswer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	answers.Put(buf)
}

// route picks the API of c's request and its protocol: an API's JSON
// protocol by its X-Amz-Target prefix; an API's RPC v2 CBOR protocol by a
// /service/<name>/operation/<Operation> path naming its service; for a
// form-encoded POST (the Query protocol), the Query API of its credential
// scope's service or else of its Version; otherwise the fallback. Only a
// Query body is read to route it.
func (f *Frontend) route(w http.ResponseWriter, c *exchange) error {
	r := c.r
	hoistedTarget(r)
	target := r.Header.Get("X-Amz-Target")
	for _, a := range f.apis {
		if a.Target != "" && strings.HasPrefix(target, a.Target) {
			c.api, c.proto = a, a.speaking(familyJSON)
			return nil
		}
	}
	if service, _, ok := cborRoute(r.URL.Path); ok {
		for _, a := range f.apis {
			if p := a.speaking(familyCBOR); p != nil && a.namesService(service) {
				c.api, c.proto = a, p
				// Every answer to the protocol's request names it, errors
				// too: clients take an answer without it as malformed.
				w.Header().Set("Smithy-Protocol", rpcv2CBORHeader)
				return nil
			}
		}
	}
	if r.Method != http.MethodPost || target != "" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return err
	}
	c.body, c.read = body, true
	form, _ := url.ParseQuery(string(body))
	scope := scopeService(r.Header.Get("Authorization"))
	var byVersion *API
	for _, a := range f.apis {
		switch {
		case a.Version == "":
		case a.SigningName == scope:
			c.api, c.proto = a, a.speaking(familyQuery)
			return nil
		case a.Version == form.Get("Version") && byVersion == nil:
			byVersion = a
		}
	}
	if byVersion != nil {
		c.api, c.proto = byVersion, byVersion.speaking(familyQuery)
	}
	return nil
}

// serve runs c's operation: names it, refuses a web page's request,
// reads the body, authenticates the caller, answers a dry run, validates
// the body against the model (if the API has one) and runs the operation
// on the decoded input.
func (f *Frontend) serve(c *exchange) (any, error) {
	api := c.api
	name, err := c.proto.operation(c)
	c.op = name
	// The browser guard runs here, once the request is routed, so that a
	// page's request is refused in its API's own error shape (what the
	// SDKs parse) and counted under its operation; before anything else
	// about the request is judged, so that no other answer tells a page
	// more; and in every auth mode, since a rebound page may sign as it
	// likes.
	if gerr := f.hosts.Check(c.r); gerr != nil {
		return nil, &dx.Error{Type: cmp.Or(api.Errors.AccessDenied, "AccessDeniedException"), Status: http.StatusForbidden, Message: gerr.Error()}
	}
	if err != nil {
		return nil, err
	}
	o, ok := api.ops[name]
	if !ok {
		return nil, api.Unknown(name, c.form.Get("Version"), api.Operations())
	}
	if !c.read { // a JSON or CBOR body: a Query body was read to route it
		if c.body, err = io.ReadAll(http.MaxBytesReader(nil, c.r.Body, maxBody)); err != nil {
			return nil, dx.TypedErrorf(dx.SerializationError, "Could not read the request body (at most %d bytes): %v", maxBody, err)
		}
		c.read = true
	}
	if c.caller, err = f.identity.Authenticate(c.r, c.body, api.SigningName); err != nil {
		return nil, authError(api, err)
	}
	if api.DryRun != nil && c.form.Get("DryRun") == "true" {
		return nil, api.DryRun
	}
	if o.input != nil {
		if err := validate(o.input, c.body, api.IDs); err != nil {
			return nil, err
		}
	}
	return o.run(c.r.Context(), c.caller, func(in any) error { return c.proto.decode(c, in) })
}

// authError is err, a failed authentication, in the API's words.
func authError(api *API, err error) error {
	var e *dx.Error
	if api.Errors.TrimAuthException && errors.As(err, &e) {
		return &dx.Error{Type: strings.TrimSuffix(e.Type, "Exception"), Status: e.Status, Message: e.Message}
	}
	return err
}

// StatusClientClosedRequest is the status a request is counted and logged
// with when its client went away before the answer (nginx's 499): the
// failure is the client's, not the server's, and nothing is written.
const StatusClientClosedRequest = 499

// fail answers err: the failure of a request whose client went away as
// StatusClientClosedRequest, a passed deadline as the API's throttling
// error, a client error with its long echoes shortened, anything else as a
// server fault that hides its cause.
func fail(w *recorder, c *exchange, err error) {
	var e *dx.Error
	switch {
	case !errors.As(err, &e) && errors.Is(c.r.Context().Err(), context.Canceled):
		// The client closed the connection: the request's context is
		// canceled (not our own deadline), and whatever the store was
		// doing for it was rolled back or never started.
		c.logger().Info("client closed request", "err", err)
		w.WriteHeader(StatusClientClosedRequest)
		return
	case errors.Is(err, context.DeadlineExceeded):
		c.logger().Warn("request deadline passed", "err", err)
		e = deadlineError(c.api)
	case !errors.As(err, &e):
		c.logger().Error("server fault", "err", err)
		e = internalError(c.api, c.id, "; the request was not applied")
	default:
		msg := shortenEchoes(e.Message, func() []string { return c.proto.echoes(c) })
		e = &dx.Error{Type: e.Type, Status: e.Status, Message: msg}
		c.debug("client error", "type", e.Type, "message", e.Message)
	}
	writeError(w, c, e)
}

func writeError(w *recorder, c *exchange, e *dx.Error) {
	w.errType = e.Type
	c.proto.writeError(w, c, e)
}

// scopeService is the service of a SigV4 Authorization header's credential
// scope (Credential=<key>/<date>/<region>/<service>/aws4_request), or "".
func scopeService(auth string) string {
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[3]
}
