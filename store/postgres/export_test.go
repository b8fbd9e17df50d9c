package postgres

import (
	"context"
	"net"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgxpool"
)

// RoundTrips counts the round trips of a store's connections: each time
// a connection writes after it has read (or first writes), the client
// sends what it then waits on.
type RoundTrips struct{ n atomic.Int64 }

// N is the round trips counted so far.
func (r *RoundTrips) N() int64 { return r.n.Load() }

// OpenCounting is Open on connections whose round trips rt counts.
func OpenCounting(ctx context.Context, url string, rt *RoundTrips) (*Store, error) {
	return open(ctx, url, func(cfg *pgxpool.Config) {
		dial := cfg.ConnConfig.DialFunc
		cfg.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return &countingConn{Conn: c, rt: rt, read: true}, nil
		}
	})
}

type countingConn struct {
	net.Conn
	rt   *RoundTrips
	mu   sync.Mutex
	read bool // the last operation was a read
}

func (c *countingConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	if c.read {
		c.rt.n.Add(1)
		c.read = false
	}
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.mu.Lock()
		c.read = true
		c.mu.Unlock()
	}
	return n, err
}
