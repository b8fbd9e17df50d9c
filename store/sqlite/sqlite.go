// Package sqlite is the embedded store backend: one SQLite database file
// through the pure-Go modernc.org/sqlite driver (no cgo), in WAL mode with
// synchronous=FULL, so an acknowledged write survives a crash of the
// process or of the machine.
//
// SQLite allows one writer at a time, so Updates run one after another on a
// single connection, and those that arrive together share one commit and
// one fsync (group commit): the writer takes up to MaxBatch queued Updates,
// runs each in a savepoint of one transaction (an Update that fails rolls
// back to its savepoint, leaving the others), commits once, and only then
// answers each of them. Several processes may open the same file; SQLite's
// lock serialises their transactions, and a writer that cannot get the lock
// within the busy timeout is a conflict, retried under the store contract.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/batch"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

const schema = `
CREATE TABLE IF NOT EXISTS rows (
	kind    TEXT NOT NULL,
	id      TEXT NOT NULL,
	account TEXT NOT NULL,
	region  TEXT NOT NULL,
	parent  TEXT NOT NULL,
	keys    TEXT NOT NULL DEFAULT '',
	body    BLOB NOT NULL,
	PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_owner ON rows (kind, account, region, id);
CREATE INDEX IF NOT EXISTS rows_region ON rows (kind, region, id);
CREATE INDEX IF NOT EXISTS rows_parent ON rows (kind, parent, id);
CREATE TABLE IF NOT EXISTS row_keys (
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	id   TEXT NOT NULL,
	PRIMARY KEY (kind, key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS key_counts ( -- rows per key, for Count by key alone
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	n    INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ports (
	device TEXT NOT NULL,
	port   INTEGER NOT NULL,
	holder TEXT NOT NULL,
	PRIMARY KEY (device, port)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS devices (
	device TEXT PRIMARY KEY,
	next   INTEGER NOT NULL, -- every port from next up is free
	held   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS free_ports ( -- free ports below next
	device TEXT NOT NULL,
	port   INTEGER NOT NULL,
	PRIMARY KEY (device, port)
) WITHOUT ROWID;
`

// Group commit bounds.
const (
	// MaxBatch is the most Updates that share one commit.
	MaxBatch = 128
	// maxAttempts bounds the runs of one batch that keeps conflicting with
	// another process.
	maxAttempts = 8
)

// Store is a SQLite-backed store.Store.
type Store struct {
	write  *sql.DB // one connection, owned by the writer goroutine
	conn   *writeConn
	reads  *stmtCache
	read   *sql.DB      // a pool for View; nil for :memory:, whose Views queue with the Updates
	writes *batch.Queue // Updates (and, in memory, Views) for the writer
	stats  stats
	path   string
	// ObserverSlot makes the store Observable: retries and batch sizes.
	store.ObserverSlot
	// DamageSlot keeps the first damage met, for Check (health.go).
	store.DamageSlot
}

// Open opens (creating if need be) the database at path; ":memory:" keeps
// everything in memory and nothing on disk. It refuses a file that PRAGMA
// quick_check finds damaged, with an error that matches store.ErrDamaged
// and says what is damaged and how to recover.
func Open(path string) (*Store, error) {
	pragmas := []string{"busy_timeout(5000)", "foreign_keys(1)"}
	memory := path == ":memory:"
	dsn := "file::memory:"
	if !memory {
		pragmas = append(pragmas, "journal_mode(WAL)", "synchronous(FULL)")
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath()
	}
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	write, err := sql.Open("sqlite", dsn+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	s := &Store{write: write, path: path}
	if !memory {
		if err := checkFile(context.Background(), write, path); err != nil {
			write.Close()
			return nil, err
		}
	}
	if err := retryBusy(func() error { return s.migrate() }); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: creating schema in %s: %w", path, err)
	}
	if !memory {
		// Readers do not wait for the writer in WAL mode.
		if s.read, err = sql.Open("sqlite", dsn+"?"+q.Encode()); err != nil {
			write.Close()
			return nil, err
		}
		// Keep every reader's connection open: database/sql keeps two
		// idle by default, and opening a SQLite connection (and
		// preparing its statements again) cost more than the reads a
		// busy process then made on it. Views are bound by CPU, so a few
		// per core are enough.
		readers := 4 * runtime.GOMAXPROCS(0)
		s.read.SetMaxOpenConns(readers)
		s.read.SetMaxIdleConns(readers)
	}
	c, err := write.Conn(context.Background())
	if err != nil {
		write.Close()
		if s.read != nil {
			s.read.Close()
		}
		return nil, err
	}
	s.conn = &writeConn{conn: c, stmts: map[string]*sql.Stmt{}}
	if s.read != nil {
		s.reads = &stmtCache{db: s.read, stmts: map[string]*sql.Stmt{}}
	}
	s.writes = batch.Start(MaxBatch, errClosed, s.commit)
	return s, nil
}

// writeConn is the writer's connection, with its statements prepared once.
// Only the writer goroutine uses it.
//
// A request's context never reaches the driver: the driver answers a
// canceled context with sqlite3_interrupt, and an interrupted write rolls
// back the whole transaction, the other requests of the batch and its
// savepoints with it ("no such savepoint"). A request whose client went
// away fails at its next statement instead, and its savepoint alone is
// rolled back.
type writeConn struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

func (w *writeConn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writeConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx)
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writeConn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx)
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *writeConn) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	if err := ctx.Err(); err != nil {
		return errRow{err}
	}
	ctx = context.WithoutCancel(ctx)
	st, err := w.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// stmtCache holds the statements of the read pool, prepared once each.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

// readTx runs the cached statements in one read transaction.
type readTx struct {
	tx    *sql.Tx
	cache *stmtCache
}

func (r readTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.tx.ExecContext(ctx, query, args...)
}

func (r readTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.cache.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return r.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (r readTx) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	st, err := r.cache.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return r.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// rowScanner is a *sql.Row, or the error of preparing its statement.
type rowScanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// plainQ runs statements unprepared, for the schema migration.
type plainQ struct{ conn *sql.Conn }

func (p plainQ) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.conn.ExecContext(ctx, query, args...)
}

func (p plainQ) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.conn.QueryContext(ctx, query, args...)
}

func (p plainQ) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	return p.conn.QueryRowContext(ctx, query, args...)
}

// schemaVersion is the user_version of a database with the tables above.
// Version 0 is a database of an older dxsim: rows without keys and ports
// without their free map.
const schemaVersion = 1

// migrate creates the tables, or brings those of an older dxsim up to date.
func (s *Store) migrate() error {
	ctx := context.Background()
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	var version, oldRows int
	if err := conn.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > schemaVersion {
		return fmt.Errorf("the database has schema version %d, newer than this dxsim's %d; run a newer dxsim", version, schemaVersion)
	}
	if version == schemaVersion {
		_, err := conn.ExecContext(ctx, "COMMIT")
		return err
	}
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'rows'`).Scan(&oldRows); err != nil {
		return err
	}
	if oldRows > 0 {
		if _, err := conn.ExecContext(ctx, `ALTER TABLE rows ADD COLUMN keys TEXT NOT NULL DEFAULT ''`); err != nil && !strings.Contains(err.Error(), "duplicate column") {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, schema); err != nil {
		return err
	}
	if oldRows > 0 {
		ports, err := (&tx{ctx: ctx, q: plainQ{conn}}).ports()
		if err != nil {
			return err
		}
		for _, d := range store.PortMaps(ports) {
			if _, err := conn.ExecContext(ctx, `INSERT INTO devices (device, next, held) VALUES (?, ?, ?)`, d.Device, d.Next, d.Held); err != nil {
				return err
			}
			for _, p := range d.Free {
				if _, err := conn.ExecContext(ctx, `INSERT INTO free_ports (device, port) VALUES (?, ?)`, d.Device, p); err != nil {
					return err
				}
			}
		}
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion)); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// retryBusy runs f again while another process holds the database lock.
func retryBusy(f func() error) error {
	var err error
	for i := range maxAttempts {
		if err = f(); !isBusy(err) {
			return err
		}
		backoff(i)
	}
	return err
}

// Close waits for queued Updates and closes the database.
func (s *Store) Close() error {
	s.writes.Close()
	var err error
	if s.conn != nil {
		for _, st := range s.conn.stmts {
			st.Close()
		}
		err = s.conn.conn.Close()
	}
	err = errors.Join(err, s.write.Close())
	if s.read != nil {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

var errClosed = errors.New("sqlite: store is closed")

// Update runs fn in the write transaction of the next batch.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.writes.Do(ctx, fn)
}

// View runs fn in a read transaction.
func (s *Store) View(ctx context.Context, fn func(store.Tx) error) error {
	if s.read == nil {
		return s.writes.Do(ctx, fn)
	}
	return retryBusy(func() error {
		sqlTx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return fmt.Errorf("sqlite: begin: %w", s.note(err))
		}
		defer sqlTx.Rollback()
		return fn((*watched)(&tx{ctx: ctx, q: readTx{sqlTx, s.reads}, s: s}))
	})
}

// commit runs a batch in one transaction, again while another process
// holds the database lock.
func (s *Store) commit(requests []*batch.Request) error {
	start := time.Now()
	var err error
	for attempt := range maxAttempts {
		if err = s.runBatch(requests); !isBusy(err) {
			break
		}
		if attempt < maxAttempts-1 {
			backoff(attempt)
			s.TxRetried()
		}
	}
	if err == nil {
		s.CommitBatch(len(requests))
	}
	if isBusy(err) {
		err = fmt.Errorf("sqlite: the database stayed locked by another process: %w", store.ErrConflict)
	}
	s.stats.record(requests, start)
	return s.note(err)
}

func (s *Store) runBatch(requests []*batch.Request) error {
	ctx := context.Background()
	conn := s.conn
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	for _, r := range requests {
		if err := r.Ctx.Err(); err != nil {
			r.Err = err
			continue
		}
		if _, err := conn.ExecContext(ctx, "SAVEPOINT u"); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return err
		}
		r.Run((*watched)(&tx{ctx: r.Ctx, q: conn, s: s}))
		if r.Failed() {
			if isBusy(r.Err) {
				conn.ExecContext(ctx, "ROLLBACK")
				return r.Err
			}
			if _, err := conn.ExecContext(ctx, "ROLLBACK TO u"); err != nil {
				conn.ExecContext(ctx, "ROLLBACK")
				return err
			}
		}
		if _, err := conn.ExecContext(ctx, "RELEASE u"); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// backoff sleeps before attempt+1: a random time up to 1ms doubled each
// attempt, so that competing processes do not retry in step.
func backoff(attempt int) {
	time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << attempt)))
}

// GroupCommitStats says how Updates shared commits.
type GroupCommitStats struct {
	Commits      uint64        // transactions committed (or failed) by the writer
	Updates      uint64        // requests they carried
	MaxBatch     uint64        // most requests in one commit
	BatchSizes   [8]uint64     // commits carrying 1, 2-3, 4-7, ... 128+ requests
	QueueWait    time.Duration // total time requests waited for their batch to start
	MaxQueueWait time.Duration
	CommitTime   time.Duration // total time from batch start to answer
}

type stats struct {
	mu sync.Mutex
	s  GroupCommitStats
}

func (st *stats) record(requests []*batch.Request, start time.Time) {
	end := time.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.s.Commits++
	st.s.Updates += uint64(len(requests))
	st.s.MaxBatch = max(st.s.MaxBatch, uint64(len(requests)))
	b := 0
	for n := len(requests); n > 1 && b < len(st.s.BatchSizes)-1; n >>= 1 {
		b++
	}
	st.s.BatchSizes[b]++
	for _, r := range requests {
		w := start.Sub(r.Queued)
		st.s.QueueWait += w
		st.s.MaxQueueWait = max(st.s.MaxQueueWait, w)
	}
	st.s.CommitTime += end.Sub(start)
}

// GroupCommit returns the counters of group commit since Open.
func (s *Store) GroupCommit() GroupCommitStats {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	return s.stats.s
}

// querier is what a transaction runs statements on: a batch's connection
// or a read transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) rowScanner
}

type tx struct {
	ctx context.Context
	q   querier
	s   *Store // whose note records damage, when the tx is watched
}

func joinKeys(keys []string) string { return strings.Join(keys, " ") }

func splitKeys(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

func (t *tx) Get(kind store.Kind, id string) (store.Row, error) {
	r := store.Row{Kind: kind, ID: id}
	var keys string
	err := t.q.QueryRowContext(t.ctx, `SELECT account, region, parent, keys, body FROM rows WHERE kind = ? AND id = ?`, kind, id).
		Scan(&r.Account, &r.Region, &r.Parent, &keys, (*[]byte)(&r.Body))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Row{}, store.ErrNotFound
	}
	r.Keys = splitKeys(keys)
	return r, err
}

func (t *tx) Insert(r store.Row) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO rows (kind, id, account, region, parent, keys, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.Kind, r.ID, r.Account, r.Region, r.Parent, joinKeys(r.Keys), []byte(r.Body))
	if isConstraint(err) {
		return store.ErrExists
	}
	if err != nil {
		return err
	}
	return t.insertKeys(r)
}

func (t *tx) insertKeys(r store.Row) error {
	for _, k := range r.Keys {
		res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO row_keys (kind, key, id) VALUES (?, ?, ?)`, r.Kind, k, r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			if _, err := t.q.ExecContext(t.ctx, `INSERT INTO key_counts (kind, key, n) VALUES (?, ?, 1)
				ON CONFLICT (kind, key) DO UPDATE SET n = n + 1`, r.Kind, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) Put(r store.Row) error {
	var old sql.NullString
	err := t.q.QueryRowContext(t.ctx, `SELECT keys FROM rows WHERE kind = ? AND id = ?`, r.Kind, r.ID).Scan(&old)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	keys := joinKeys(r.Keys)
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO rows (kind, id, account, region, parent, keys, body) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET account = excluded.account, region = excluded.region, parent = excluded.parent, keys = excluded.keys, body = excluded.body`,
		r.Kind, r.ID, r.Account, r.Region, r.Parent, keys, []byte(r.Body)); err != nil {
		return err
	}
	if old.String == keys {
		return nil
	}
	if err := t.deleteKeys(r.Kind, r.ID, splitKeys(old.String)); err != nil {
		return err
	}
	return t.insertKeys(r)
}

func (t *tx) deleteKeys(kind store.Kind, id string, keys []string) error {
	for _, k := range keys {
		res, err := t.q.ExecContext(t.ctx, `DELETE FROM row_keys WHERE kind = ? AND key = ? AND id = ?`, kind, k, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			if _, err := t.q.ExecContext(t.ctx, `UPDATE key_counts SET n = n - 1 WHERE kind = ? AND key = ?`, kind, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) Delete(kind store.Kind, id string) error {
	var keys string
	err := t.q.QueryRowContext(t.ctx, `DELETE FROM rows WHERE kind = ? AND id = ? RETURNING keys`, kind, id).Scan(&keys)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	if err != nil {
		return err
	}
	return t.deleteKeys(kind, id, splitKeys(keys))
}

// where builds the filter of q over rows r. It names the index to use:
// without statistics SQLite's planner would rather walk every row of the
// kind in ID order than search an index and sort what it finds.
func where(q store.Query) (string, []any) {
	from := `rows r`
	switch {
	case q.Parent != "":
		from = `rows r INDEXED BY rows_parent`
	case q.Account != "":
		from = `rows r INDEXED BY rows_owner`
	case q.Region != "":
		from = `rows r INDEXED BY rows_region`
	}
	conds := []string{"r.kind = ?"}
	args := []any{q.Kind}
	if q.Key != "" {
		// CROSS JOIN: the keys first, then each row by its primary key.
		from = `row_keys k CROSS JOIN rows r`
		conds = []string{"k.kind = ?", "k.key = ?", "r.kind = k.kind", "r.id = k.id"}
		args = append(args, q.Key)
	}
	if q.After != "" {
		if q.Key != "" {
			conds = append(conds, "k.id > ?")
		} else {
			conds = append(conds, "r.id > ?")
		}
		args = append(args, q.After)
	}
	for _, c := range []struct{ col, v string }{{"r.account", q.Account}, {"r.region", q.Region}, {"r.parent", q.Parent}} {
		if c.v != "" {
			conds = append(conds, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	return from + ` WHERE ` + strings.Join(conds, " AND "), args
}

func (t *tx) List(q store.Query) ([]store.Row, error) { return t.list(q, true) }

func (t *tx) ListBodies(q store.Query) ([]store.Row, error) { return t.list(q, false) }

// list reads the rows q selects, with all their keys or (not full) their
// IDs and bodies only.
func (t *tx) list(q store.Query, full bool) ([]store.Row, error) {
	filter, args := where(q)
	order := ` ORDER BY r.id`
	if q.Key != "" {
		order = ` ORDER BY k.id` // the order of the key's index
	}
	cols := `r.id, r.body`
	if full {
		cols = `r.id, r.body, r.account, r.region, r.parent, r.keys`
	}
	query := `SELECT ` + cols + ` FROM ` + filter + order
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.q.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]store.Row, 0, min(max(q.Limit, 0), 512))
	for rows.Next() {
		r := store.Row{Kind: q.Kind}
		if !full {
			if err := rows.Scan(&r.ID, (*[]byte)(&r.Body)); err != nil {
				return nil, err
			}
			out = append(out, r)
			continue
		}
		var keys string
		if err := rows.Scan(&r.ID, (*[]byte)(&r.Body), &r.Account, &r.Region, &r.Parent, &keys); err != nil {
			return nil, err
		}
		r.Keys = splitKeys(keys)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *tx) Count(q store.Query) (int, error) {
	if q.Key != "" && q.Account == "" && q.Region == "" && q.Parent == "" && q.After == "" && q.Limit == 0 {
		// A stored count: O(log n) however many rows hold the key.
		var n int
		err := t.q.QueryRowContext(t.ctx, `SELECT n FROM key_counts WHERE kind = ? AND key = ?`, q.Kind, q.Key).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return n, err
	}
	filter, args := where(q)
	query := `SELECT count(*) FROM (SELECT 1 FROM ` + filter
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	var n int
	err := t.q.QueryRowContext(t.ctx, query+`)`, args...).Scan(&n)
	return n, err
}

func (t *tx) ClaimPort(device string, ports int, holder string) (int, error) {
	// One statement reads the lowest freed port and the device's count.
	var free sql.NullInt64
	var next, held int
	if err := t.q.QueryRowContext(t.ctx, `SELECT (SELECT min(port) FROM free_ports WHERE device = ?1),
		coalesce((SELECT next FROM devices WHERE device = ?1), 1), coalesce((SELECT held FROM devices WHERE device = ?1), 0)`,
		device).Scan(&free, &next, &held); err != nil {
		return 0, err
	}
	port := next
	if free.Valid {
		port = int(free.Int64)
	}
	if port > ports {
		return 0, store.ErrNoFreePort
	}
	if free.Valid {
		if _, err := t.q.ExecContext(t.ctx, `DELETE FROM free_ports WHERE device = ? AND port = ?`, device, port); err != nil {
			return 0, err
		}
	} else {
		next++
	}
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO devices (device, next, held) VALUES (?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, device, next, held+1); err != nil {
		return 0, err
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, device, port, holder)
	return port, err
}

func (t *tx) ReleasePort(device string, port int) error {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM ports WHERE device = ? AND port = ?`, device, port)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO free_ports (device, port) VALUES (?, ?)`, device, port); err != nil {
		return err
	}
	_, err = t.q.ExecContext(t.ctx, `UPDATE devices SET held = held - 1 WHERE device = ?`, device)
	return err
}

func (t *tx) PortsInUse(device string) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT held FROM devices WHERE device = ?`, device).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

func (t *tx) Dump() (store.Snapshot, error) {
	s := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
	rows, err := t.q.QueryContext(t.ctx, `SELECT kind, id, account, region, parent, keys, body FROM rows ORDER BY kind, id`)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var r store.Row
		var keys string
		if err := rows.Scan(&r.Kind, &r.ID, &r.Account, &r.Region, &r.Parent, &keys, &r.Body); err != nil {
			rows.Close()
			return s, err
		}
		r.Keys = splitKeys(keys)
		s.Rows = append(s.Rows, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, err
	}
	s.Ports, err = t.ports()
	return s, err
}

func (t *tx) ports() ([]store.Port, error) {
	out := []store.Port{}
	ports, err := t.q.QueryContext(t.ctx, `SELECT device, port, holder FROM ports ORDER BY device, port`)
	if err != nil {
		return nil, err
	}
	defer ports.Close()
	for ports.Next() {
		var p store.Port
		if err := ports.Scan(&p.Device, &p.Port, &p.Holder); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, ports.Err()
}

func (t *tx) Scan(row func(store.Row) error, port func(store.Port) error) error {
	rows, err := t.q.QueryContext(t.ctx, `SELECT kind, id, account, region, parent, keys, body FROM rows ORDER BY kind, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r store.Row
		var keys string
		if err := rows.Scan(&r.Kind, &r.ID, &r.Account, &r.Region, &r.Parent, &keys, &r.Body); err != nil {
			return err
		}
		r.Keys = splitKeys(keys)
		if err := row(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	ports, err := t.q.QueryContext(t.ctx, `SELECT device, port, holder FROM ports ORDER BY device, port`)
	if err != nil {
		return err
	}
	defer ports.Close()
	for ports.Next() {
		var p store.Port
		if err := ports.Scan(&p.Device, &p.Port, &p.Holder); err != nil {
			return err
		}
		if err := port(p); err != nil {
			return err
		}
	}
	return ports.Err()
}

func (t *tx) Clear() error {
	for _, table := range []string{"rows", "row_keys", "key_counts", "ports", "devices", "free_ports"} {
		if _, err := t.q.ExecContext(t.ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) HoldPort(p store.Port) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, p.Device, p.Port, p.Holder); isConstraint(err) {
		return store.ErrExists
	} else if err != nil {
		return err
	}
	var next, held int
	err := t.q.QueryRowContext(t.ctx, `SELECT next, held FROM devices WHERE device = ?`, p.Device).Scan(&next, &held)
	if errors.Is(err, sql.ErrNoRows) {
		next, err = 1, nil
	}
	if err != nil {
		return err
	}
	if p.Port >= next {
		// The ports skipped over are free (an export lists them in order,
		// so there are few).
		for free := next; free < p.Port; free++ {
			if _, err := t.q.ExecContext(t.ctx, `INSERT INTO free_ports (device, port) VALUES (?, ?)`, p.Device, free); err != nil {
				return err
			}
		}
		next = p.Port + 1
	} else if _, err := t.q.ExecContext(t.ctx, `DELETE FROM free_ports WHERE device = ? AND port = ?`, p.Device, p.Port); err != nil {
		return err
	}
	_, err = t.q.ExecContext(t.ctx, `INSERT INTO devices (device, next, held) VALUES (?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, p.Device, next, held+1)
	return err
}

func (t *tx) Restore(s store.Snapshot) error {
	for _, table := range []string{"rows", "row_keys", "key_counts", "ports", "devices", "free_ports"} {
		if _, err := t.q.ExecContext(t.ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	for _, r := range s.Rows {
		if err := t.Insert(r); err != nil {
			return fmt.Errorf("sqlite: restoring %s %s: %w", r.Kind, r.ID, err)
		}
	}
	for _, p := range s.Ports {
		if _, err := t.q.ExecContext(t.ctx, `INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, p.Device, p.Port, p.Holder); err != nil {
			return fmt.Errorf("sqlite: restoring port %d of %s: %w", p.Port, p.Device, err)
		}
	}
	for _, d := range store.PortMaps(s.Ports) {
		if _, err := t.q.ExecContext(t.ctx, `INSERT INTO devices (device, next, held) VALUES (?, ?, ?)`, d.Device, d.Next, d.Held); err != nil {
			return err
		}
		for _, p := range d.Free {
			if _, err := t.q.ExecContext(t.ctx, `INSERT INTO free_ports (device, port) VALUES (?, ?)`, d.Device, p); err != nil {
				return err
			}
		}
	}
	return nil
}

func isConstraint(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3lib.SQLITE_CONSTRAINT
}

func isBusy(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3lib.SQLITE_BUSY || se.Code()&0xff == sqlite3lib.SQLITE_LOCKED)
}
