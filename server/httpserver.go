package server

import (
	"context"
	"net/http"
	"time"
)

// Limits of the HTTP server, so that slow and idle clients hold bounded
// resources: a connection that sends its headers slowly is dropped after
// ReadHeaderTimeout, one that sends its body slowly after ReadTimeout, an
// idle keep-alive connection after IdleTimeout, and a client that reads
// its answer too slowly after WriteTimeout. RequestTimeout is the deadline
// of the context each request is served under.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 60 * time.Second
	WriteTimeout      = 120 * time.Second
	IdleTimeout       = 60 * time.Second
	MaxHeaderBytes    = 64 << 10
	RequestTimeout    = 60 * time.Second
)

// NewHTTPServer returns the http.Server that `dxsim serve` runs h with,
// its timeouts and header size limit set.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           WithDeadline(h, RequestTimeout),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
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
