package postgres

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Round trips. The PostgreSQL server may share the machine's cores with
// dxsim, and every round trip to it is a wait, so the statements that
// begin and end transactions and savepoints do not take round trips of
// their own: they wait in a session's pending list and go to the server
// in the same round trip as the next statement, one pipeline of the
// extended protocol (a pgx.Batch: the server runs them in order, and the
// first error skips the rest). A read transaction ends with the next
// read on its connection (View).
//
// A statement goes with the pending ones only once it is prepared on its
// connection (it ran there before): preparing a statement can fail (a
// table changed under dxsim), and a failure then must abort the request's
// own savepoint, as it does when the savepoint began first.

// session runs one transaction's statements on its connection.
type session struct {
	conn *pgx.Conn
	// prepared are the statements known prepared on conn.
	prepared map[string]struct{}
	// pending are the transaction control statements still to send.
	pending []string
	// sent is set once a statement went to the server: whatever was
	// pending went with it.
	sent bool
	// ctlErr is the error of a pending statement, which failed the
	// statement it went with.
	ctlErr error
}

// preparedSets are the statements prepared on each open connection.
type preparedSets struct {
	mu   sync.Mutex
	sets map[*pgx.Conn]map[string]struct{}
}

// of returns conn's set, which only the holder of conn uses.
func (p *preparedSets) of(conn *pgx.Conn) map[string]struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	set := p.sets[conn]
	if set == nil {
		if p.sets == nil {
			p.sets = map[*pgx.Conn]map[string]struct{}{}
		}
		set = map[string]struct{}{}
		p.sets[conn] = set
	}
	return set
}

// forget drops the set of a connection that closes.
func (p *preparedSets) forget(conn *pgx.Conn) {
	p.mu.Lock()
	delete(p.sets, conn)
	p.mu.Unlock()
}

// ran records the outcome of sql: a statement that failed may no longer
// be prepared (pgx drops it from its cache).
func (s *session) ran(sql string, err error) {
	if err == nil {
		s.prepared[sql] = struct{}{}
	} else {
		delete(s.prepared, sql)
	}
}

// flush sends the pending statements alone, in one simple query.
func (s *session) flush(ctx context.Context) error {
	if len(s.pending) == 0 {
		return nil
	}
	sql := strings.Join(s.pending, "; ")
	s.pending, s.sent = nil, true
	if _, err := s.conn.Exec(ctx, sql); err != nil {
		s.ctlErr = err
		return err
	}
	return nil
}

// send sends the pending statements and then sql, in one round trip if
// sql is prepared, and answers the results of sql: nil if sql ran alone.
func (s *session) send(ctx context.Context, sql string, args []any) (pgx.BatchResults, error) {
	if len(s.pending) == 0 {
		s.sent = true
		return nil, nil
	}
	if _, ok := s.prepared[sql]; !ok {
		return nil, s.flush(ctx)
	}
	b := &pgx.Batch{QueuedQueries: make([]*pgx.QueuedQuery, 0, len(s.pending)+1)}
	for _, p := range s.pending {
		b.Queue(p)
	}
	b.Queue(sql, args...)
	pending := s.pending
	s.pending, s.sent = nil, true
	br := s.conn.SendBatch(ctx, b)
	for range pending {
		if _, err := br.Exec(); err != nil {
			br.Close()
			var pre pgx.ErrPreprocessingBatch
			if errors.As(err, &pre) && s.conn.PgConn().TxStatus() != 'E' {
				// Nothing ran (an argument did not encode, or a
				// statement was not prepared after all and failed to
				// prepare outside a transaction): the statements stay
				// pending, and the error is sql's.
				s.pending, s.sent = pending, false
				s.ran(sql, err)
				return nil, err
			}
			s.ctlErr = err
			return nil, err
		}
	}
	return br, nil
}

func (s *session) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	br, err := s.send(ctx, sql, args)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	var tag pgconn.CommandTag
	if br == nil {
		tag, err = s.conn.Exec(ctx, sql, args...)
	} else {
		tag, err = br.Exec()
		if cerr := br.Close(); err == nil {
			err = cerr
		}
	}
	s.ran(sql, err)
	return tag, err
}

func (s *session) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	br, err := s.send(ctx, sql, args)
	if err != nil {
		return nil, err
	}
	if br == nil {
		rows, err := s.conn.Query(ctx, sql, args...)
		if err != nil {
			s.ran(sql, err)
			return nil, err
		}
		if _, ok := s.prepared[sql]; ok {
			return rows, nil
		}
		return &sessionRows{Rows: rows, s: s, sql: sql}, nil
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		s.ran(sql, err)
		return nil, err
	}
	return &sessionRows{Rows: rows, s: s, sql: sql, br: br}, nil
}

// queryRow runs sql and scans its first row into dest, as pgx's
// QueryRow(...).Scan(dest...): pgx.ErrNoRows if it has none.
func (s *session) queryRow(ctx context.Context, dest []any, sql string, args ...any) error {
	rows, err := s.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

func (s *session) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, rows pgx.CopyFromSource) (int64, error) {
	if err := s.flush(ctx); err != nil {
		return 0, err
	}
	s.sent = true
	return s.conn.CopyFrom(ctx, table, columns, rows)
}

// sessionRows are the rows of a statement that came in a batch, or ran
// for the first time on the connection: closing them reads the end of the
// batch, and records whether the statement ran.
type sessionRows struct {
	pgx.Rows
	s    *session
	sql  string
	br   pgx.BatchResults
	err  error // the batch's, after the rows
	done bool
}

func (r *sessionRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.finish()
	return false
}

func (r *sessionRows) finish() {
	if r.done {
		return
	}
	r.done = true
	r.Rows.Close()
	if r.br != nil {
		r.err = r.br.Close()
	}
	r.s.ran(r.sql, r.Err())
}

func (r *sessionRows) Close() { r.finish() }

func (r *sessionRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}
