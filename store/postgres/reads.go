package postgres

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Read connections. Ending a read-only transaction changes nothing, so a
// View does not wait on it: the connection stays out of the pool (which
// would close a connection left in a transaction), its transaction open,
// and the next View on it sends the ROLLBACK that ends it together with
// its BEGIN and first statement. A connection unused for readIdle has its
// transaction ended in the background and goes back to the pool, so that
// an idle store holds no snapshot (which would keep VACUUM from removing
// dead rows) nor the table locks of its reads (which would hold up the
// TRUNCATE of an import) for longer than that.

// readIdle is how long a connection keeps a finished read transaction.
const readIdle = 5 * time.Millisecond

// readConn is a connection for a View.
type readConn struct {
	c *pgxpool.Conn
	// open is set while the connection is in a read transaction that
	// ended for its View but not yet on the server.
	open  bool
	since time.Time // when it was kept, while open
}

// reads keeps the connections of finished read transactions.
type reads struct {
	mu      sync.Mutex
	max     int
	kept    []readConn
	reaping bool // a reap is due
	closed  bool
}

// takeRead returns the connection kept last, else one from the pool.
func (s *Store) takeRead(ctx context.Context) (readConn, error) {
	s.reads.mu.Lock()
	if n := len(s.reads.kept); n > 0 {
		r := s.reads.kept[n-1]
		s.reads.kept = s.reads.kept[:n-1]
		s.reads.mu.Unlock()
		return r, nil
	}
	s.reads.mu.Unlock()
	c, err := s.pool.Acquire(ctx)
	return readConn{c: c}, err
}

// putRead keeps or gives back r after its View, which sent statements on
// it if sent.
func (s *Store) putRead(r readConn, sent bool) {
	if !sent && !r.open {
		r.c.Release()
		return
	}
	pc := r.c.Conn().PgConn()
	if pc.IsClosed() || pc.IsBusy() {
		r.c.Release() // the pool closes it
		return
	}
	if sent {
		if pc.TxStatus() == 'I' {
			r.c.Release()
			return
		}
		r.open, r.since = true, time.Now()
	}
	s.reads.mu.Lock()
	if s.reads.closed || len(s.reads.kept) >= s.reads.max {
		s.reads.mu.Unlock()
		go endRead(r)
		return
	}
	s.reads.kept = append(s.reads.kept, r)
	if !s.reads.reaping {
		s.reads.reaping = true
		time.AfterFunc(readIdle, s.reapReads)
	}
	s.reads.mu.Unlock()
}

// reapReads ends the transactions kept for readIdle or longer.
func (s *Store) reapReads() {
	now := time.Now()
	var old []readConn
	s.reads.mu.Lock()
	kept := s.reads.kept[:0]
	next := time.Duration(-1)
	for _, r := range s.reads.kept {
		if age := now.Sub(r.since); age >= readIdle {
			old = append(old, r)
		} else {
			kept = append(kept, r)
			if next < 0 || readIdle-age < next {
				next = readIdle - age
			}
		}
	}
	clear(s.reads.kept[len(kept):])
	s.reads.kept = kept
	if next >= 0 {
		time.AfterFunc(next, s.reapReads)
	} else {
		s.reads.reaping = false
	}
	s.reads.mu.Unlock()
	for _, r := range old {
		endRead(r)
	}
}

// endRead ends r's transaction and gives r back to the pool.
func endRead(r readConn) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r.c.Exec(ctx, `ROLLBACK`)
	r.c.Release()
}

// closeReads ends the kept transactions, before the pool closes.
func (s *Store) closeReads() {
	s.reads.mu.Lock()
	s.reads.closed = true
	kept := s.reads.kept
	s.reads.kept = nil
	s.reads.mu.Unlock()
	for _, r := range kept {
		endRead(r)
	}
}
