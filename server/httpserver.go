package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/dxsim/dxsim/console"
)

// Limits bound what one client can hold: a connection that sends its
// headers slowly is dropped after ReadHeader, one that sends its body
// slowly after Read, an idle keep-alive connection after Idle, and one that
// reads its answer too slowly after Write (the console's event stream, which
// lasts, after Write from each of its writes). Request is the deadline of
// the context each request is served under; MaxHeaderBytes bounds the
// request line and headers.
type Limits struct {
	ReadHeader, Read, Write, Idle, Request time.Duration
	MaxHeaderBytes                         int
	// MaxConnections bounds the connections served at a time (see
	// LimitListener).
	MaxConnections int
}

// DefaultLimits are the limits of `dxsim serve` (see docs/security.md).
var DefaultLimits = Limits{
	ReadHeader:     10 * time.Second,
	Read:           60 * time.Second,
	Write:          120 * time.Second,
	Idle:           60 * time.Second,
	Request:        60 * time.Second,
	MaxHeaderBytes: 64 << 10,
	MaxConnections: 10000,
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

// WithDeadline serves each request under a context that ends after d,
// but the console's event stream, which is no one piece of work: it lasts
// as long as the page reads it (console.EventsPath).
func WithDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == console.EventsPath {
			h.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// LimitListener accepts at most max connections at a time; one more is
// answered 429 with a ThrottlingException (which the SDKs retry) and
// closed, so that the memory idle and slow clients hold has a bound
// however many connect.
func LimitListener(ln net.Listener, max int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, max)}
}

type limitListener struct {
	net.Listener
	slots chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &slotConn{Conn: c, free: func() { <-l.slots }}, nil
		default:
			go refuse(c, cap(l.slots))
		}
	}
}

// refuse reads what the client sends first (briefly), so that closing
// does not reset the connection before the client reads the answer.
func refuse(c net.Conn, max int) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	c.Read(make([]byte, 4096))
	body := fmt.Sprintf(`{"__type":"ThrottlingException","message":"Rate exceeded: dxsim serves at most %d connections at a time (--max-connections); retry later"}`, max)
	fmt.Fprintf(c, "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: ThrottlingException\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}

type slotConn struct {
	net.Conn
	once sync.Once
	free func()
}

func (c *slotConn) Close() error {
	c.once.Do(c.free)
	return c.Conn.Close()
}
