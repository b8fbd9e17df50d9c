package server

import (
	"context"
	"net/http"
	"time"
)

// Limits bound what one client can hold: a connection that sends its
// headers slowly is dropped after ReadHeader, one that sends its body
// slowly after Read, an idle keep-alive connection after Idle, and one that
// reads its answer too slowly after Write. Request is the deadline of the
// context each request is served under; MaxHeaderBytes bounds the request
// line and headers.
type Limits struct {
	ReadHeader, Read, Write, Idle, Request time.Duration
	MaxHeaderBytes                         int
}

// DefaultLimits are the limits of `dxsim serve` (see docs/security.md).
var DefaultLimits = Limits{
	ReadHeader:     10 * time.Second,
	Read:           60 * time.Second,
	Write:          120 * time.Second,
	Idle:           60 * time.Second,
	Request:        60 * time.Second,
	MaxHeaderBytes: 64 << 10,
}

// NewHTTPServer returns the http.Server that `dxsim serve` runs h with.
func NewHTTPServer(h http.Handler, l Limits) *http.Server {
	return &http.Server{
		Handler:           WithDeadline(h, l.Request),
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    l.MaxHeaderBytes,
	}
}

// WithDeadline serves each request under a context that ends after d.
func WithDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}
