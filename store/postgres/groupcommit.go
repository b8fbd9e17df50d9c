package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/batch"
)

// Group commit. A process's Updates do not race each other for the same
// rows (a burst of creates in one account would otherwise collide on its
// counts and its device's ports until they were throttled): one writer
// goroutine runs them, those that arrive together in one SERIALIZABLE
// transaction, each inside a savepoint of its own, so one commit (one WAL
// flush) carries them all and an Update that fails leaves the others'
// writes. Each caller is answered after its batch commits. Conflicts then
// only come from other processes on the database; a batch that meets one
// runs again whole, as the store contract allows.

// MaxBatch is the most Updates one commit carries.
const MaxBatch = 64

var errClosed = errors.New("postgres: the store is closed")

// Update runs fn in a SERIALIZABLE transaction shared with the Updates
// queued beside it, again after a serialization failure or deadlock, up
// to MaxAttempts runs.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.writes.Do(ctx, fn)
}

// commit runs batch until it commits, fails on its own, or has conflicted
// MaxAttempts times, and answers each request.
func (s *Store) commit(batch []*batch.Request) error {
	var err error
	conflict := true
	for attempt := 0; conflict && attempt < MaxAttempts; attempt++ {
		if attempt > 0 {
			s.TxRetried()
			// A random wait up to 1ms doubled each attempt (capped), so
			// that batches of processes that collided do not collide
			// again.
			time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 7))))
		}
		// The first runs are optimistic; later runs first take the
		// writers' lock, so that processes whose batches keep colliding
		// queue behind each other instead of colliding again.
		conflict, err = s.runBatch(batch, attempt >= queueAfter)
	}
	if conflict {
		err = fmt.Errorf("postgres: %d attempts conflicted with concurrent transactions (last: %v): %w", MaxAttempts, err, store.ErrConflict)
	}
	return err
}

// runBatch runs batch in one transaction and reports whether it failed on
// a conflict with another transaction, to be run again. A request whose
// function fails is rolled back to its savepoint and keeps its error.
func (s *Store) runBatch(requests []*batch.Request, queue bool) (conflict bool, err error) {
	// Statements run on a context of the batch's: one caller giving up
	// must not break the transaction of the others (pgx closes the
	// connection of a cancelled query). A caller gone before its turn is
	// skipped.
	ctx := context.Background()
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("postgres: %w", err)
	}
	defer conn.Release()
	if queue {
		// A session lock, taken before the transaction begins: its
		// snapshot then sees every commit of the writer before it. The
		// lock goes with the connection if the process dies.
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, retryLockID); err != nil {
			return false, fmt.Errorf("postgres: waiting for the writers' lock: %w", err)
		}
		defer conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, retryLockID)
	}
	// The transaction's own statements ride with the next statement
	// (session.go): BEGIN and the first savepoint with the first
	// request's first statement, the end of one request's savepoint and
	// the start of the next with the next request's, the last one's
	// with COMMIT (which releases it). A request that sends no statement
	// needs no savepoint. Whatever ends early is rolled back before the
	// connection goes back to the pool (which would drop one left in a
	// transaction).
	committed := false
	defer func() {
		if !committed && conn.Conn().PgConn().TxStatus() != 'I' {
			conn.Exec(ctx, `ROLLBACK`)
		}
	}()
	sess := &session{conn: conn.Conn(), prepared: s.prepared.of(conn.Conn()), pending: []string{`BEGIN ISOLATION LEVEL SERIALIZABLE`}}
	ran, began, failed := false, false, false
	for _, r := range requests {
		if err := r.Ctx.Err(); err != nil {
			r.Err = err
			continue
		}
		ran = true
		before := sess.pending
		sess.pending = append(before[:len(before):len(before)], `SAVEPOINT u`)
		sess.sent = false
		t := &tx{ctx: ctx, tx: sess, s: s}
		r.Run(t)
		if err := sess.ctlErr; err != nil {
			// The request's savepoint did not begin: as if the
			// request had not run.
			r.Err, r.Panic = nil, nil
			return isConflict(err), fmt.Errorf("postgres: begin or savepoint: %w", err)
		}
		r.Err = s.note(r.Err)
		if t.conflict || isConflict(r.Err) {
			// A conflict aborts the whole transaction: every request
			// of the batch runs again.
			return true, r.Err
		}
		switch {
		case !sess.sent:
			sess.pending = before // the savepoint never began
		case r.Failed():
			began, failed = true, true
			sess.pending = []string{`ROLLBACK TO SAVEPOINT u`, `RELEASE SAVEPOINT u`}
		default:
			began, failed = true, false
			sess.pending = []string{`RELEASE SAVEPOINT u`}
		}
	}
	if !ran {
		committed = true
		return false, nil // every caller had gone
	}
	if began {
		end := `COMMIT`
		if failed {
			end = `ROLLBACK TO SAVEPOINT u; COMMIT`
		}
		if _, err := conn.Exec(ctx, end); err != nil {
			return isConflict(err), fmt.Errorf("postgres: commit: %w", err)
		}
	}
	committed = true
	s.CommitBatch(len(requests))
	return false, nil
}
