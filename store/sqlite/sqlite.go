// Package sqlite is the embedded store backend: one SQLite database file
// through the pure-Go modernc.org/sqlite driver (no cgo), in WAL mode with
// synchronous=FULL, so an acknowledged write survives a crash of the
// process or of the machine.
//
// SQLite allows one writer at a time, so Updates run one after another on a
// single connection, and those that arrive together share one commit and
// one fsync (group commit): the writer takes up to MaxBatch queued Updates,
// runs each in a savepoint of one transaction (an Update that fails rolls
// back to its savepoint, leaving the others; one alone in its batch needs
// no savepoint), commits once, and only then
// answers each of them. Several processes may open the same file; SQLite's
// lock serialises their transactions, and a writer that cannot get the lock
// within the busy timeout is a conflict, retried under the store contract.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"strconv"
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
-- Only the rows with a parent: most (connections outside a LAG) have none,
-- and an insert then touches one index fewer. A parent query states
-- r.parent != '' so that the planner may use it.
CREATE INDEX IF NOT EXISTS rows_parent ON rows (kind, parent, id) WHERE parent != '';
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
	conn   *conn        // the writer's, owned by the writer goroutine
	reads  *pool        // for View; nil for :memory:, whose Views queue with the Updates
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
	dsn += "?" + q.Encode()
	if !memory {
		if err := checkDSN(dsn, path); err != nil {
			return nil, err
		}
	}
	w, err := openConn(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{conn: w, path: path}
	if err := retryBusy(func() error { return s.migrate() }); err != nil {
		w.close()
		return nil, fmt.Errorf("sqlite: creating schema in %s: %w", path, err)
	}
	if !memory {
		// Readers do not wait for the writer in WAL mode. Views are
		// bound by CPU, so a few connections per core are enough.
		s.reads = newPool(dsn, 4*runtime.GOMAXPROCS(0))
	}
	s.writes = batch.Start(MaxBatch, errClosed, s.commit)
	return s, nil
}

// checkDSN refuses a damaged file (checkFile), on a connection of its own
// through database/sql.
func checkDSN(dsn, path string) error {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return checkFile(context.Background(), db, path)
}

// schemaVersion is the user_version of a database with the tables above.
// Version 0 is a database of an older dxsim: rows without keys and ports
// without their free map. Version 1 has an index rows_region (kind, region,
// id), which no query needs (every query by region also names the account,
// which rows_owner serves), and rows_parent over every row.
const schemaVersion = 2

// migrate creates the tables, or brings those of an older dxsim up to date.
func (s *Store) migrate() error {
	c := s.conn
	if err := c.execOnce("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer c.execOnce("ROLLBACK")
	v := make([]driver.Value, 1)
	if _, err := c.row(v, `PRAGMA user_version`); err != nil {
		return err
	}
	version := integer(v[0])
	if version > schemaVersion {
		return fmt.Errorf("the database has schema version %d, newer than this dxsim's %d; run a newer dxsim", version, schemaVersion)
	}
	if version == schemaVersion {
		return c.execOnce("COMMIT")
	}
	if _, err := c.row(v, `SELECT count(*) FROM sqlite_master WHERE name = 'rows'`); err != nil {
		return err
	}
	oldRows := integer(v[0])
	if oldRows > 0 {
		// Version 1 and older: rows_parent becomes partial.
		if err := c.execOnce(`DROP INDEX IF EXISTS rows_region; DROP INDEX IF EXISTS rows_parent`); err != nil {
			return err
		}
	}
	if oldRows > 0 && version == 0 {
		if err := c.execOnce(`ALTER TABLE rows ADD COLUMN keys TEXT NOT NULL DEFAULT ''`); err != nil && !strings.Contains(err.Error(), "duplicate column") {
			return err
		}
	}
	if err := c.execOnce(schema); err != nil {
		return err
	}
	if oldRows > 0 && version == 0 {
		ports, err := (&tx{ctx: context.Background(), c: c}).ports()
		if err != nil {
			return err
		}
		for _, d := range store.PortMaps(ports) {
			if _, err := c.exec(`INSERT INTO devices (device, next, held) VALUES (?, ?, ?)`, d.Device, d.Next, d.Held); err != nil {
				return err
			}
			for _, p := range d.Free {
				if _, err := c.exec(`INSERT INTO free_ports (device, port) VALUES (?, ?)`, d.Device, p); err != nil {
					return err
				}
			}
		}
	}
	if err := c.execOnce(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion)); err != nil {
		return err
	}
	return c.execOnce("COMMIT")
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
	err := s.conn.close()
	if s.reads != nil {
		err = errors.Join(err, s.reads.Close())
	}
	return err
}

var errClosed = errors.New("sqlite: store is closed")

// Update runs fn in the write transaction of the next batch.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	return s.writes.Do(ctx, fn)
}

// View runs fn in a read transaction: BEGIN (deferred: in WAL mode the
// first read takes the snapshot every later read of the transaction
// sees) ... ROLLBACK on a connection of the read pool.
func (s *Store) View(ctx context.Context, fn func(store.Tx) error) error {
	if s.reads == nil {
		return s.writes.Do(ctx, fn)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return retryBusy(func() error {
		c, err := s.reads.get(ctx)
		if err != nil {
			return err
		}
		if _, err := c.exec("BEGIN"); err != nil {
			s.reads.put(c)
			return fmt.Errorf("sqlite: begin: %w", s.note(err))
		}
		defer func() {
			if _, err := c.exec("ROLLBACK"); err != nil {
				// Not to hand on a connection left in a transaction.
				c.close()
				c = nil
			}
			s.reads.put(c)
		}()
		return fn((*watched)(&tx{ctx: ctx, c: c, s: s}))
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
	c := s.conn
	if _, err := c.exec("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	// A request alone in its batch needs no savepoint: if it fails,
	// rolling back the transaction discards what it wrote.
	alone := len(requests) == 1
	for _, r := range requests {
		if err := r.Ctx.Err(); err != nil {
			r.Err = err
			continue
		}
		if alone {
			r.Run((*watched)(&tx{ctx: r.Ctx, c: c, s: s}))
			if !r.Failed() {
				break
			}
			_, err := c.exec("ROLLBACK")
			if isBusy(r.Err) {
				return r.Err
			}
			return err // nothing to commit
		}
		if _, err := c.exec("SAVEPOINT u"); err != nil {
			c.exec("ROLLBACK")
			return err
		}
		r.Run((*watched)(&tx{ctx: r.Ctx, c: c, s: s}))
		if r.Failed() {
			if isBusy(r.Err) {
				c.exec("ROLLBACK")
				return r.Err
			}
			if _, err := c.exec("ROLLBACK TO u"); err != nil {
				c.exec("ROLLBACK")
				return err
			}
		}
		if _, err := c.exec("RELEASE u"); err != nil {
			c.exec("ROLLBACK")
			return err
		}
	}
	if _, err := c.exec("COMMIT"); err != nil {
		c.exec("ROLLBACK")
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

// tx is a transaction on a connection: the writer's, in a savepoint of its
// batch, or a reader's.
type tx struct {
	ctx context.Context // the request's: checked before each statement, never handed to the driver
	c   *conn
	s   *Store // whose note records damage, when the tx is watched
}

func (t *tx) exec(query string, args ...any) (driver.Result, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	return t.c.exec(query, args...)
}

func (t *tx) query(dest []driver.Value, query string, args ...any) (rows, error) {
	if err := t.ctx.Err(); err != nil {
		return rows{}, err
	}
	return t.c.query(dest, query, args...)
}

func (t *tx) row(dest []driver.Value, query string, args ...any) (bool, error) {
	if err := t.ctx.Err(); err != nil {
		return false, err
	}
	return t.c.row(dest, query, args...)
}

// changed is the rows a statement changed.
func changed(res driver.Result) int64 {
	n, _ := res.RowsAffected()
	return n
}

func joinKeys(keys []string) string { return strings.Join(keys, " ") }

func splitKeys(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

func (t *tx) Get(kind store.Kind, id string) (store.Row, error) {
	var v [5]driver.Value
	found, err := t.row(v[:], `SELECT account, region, parent, keys, body FROM rows WHERE kind = ? AND id = ?`, string(kind), id)
	if err != nil {
		return store.Row{}, err
	}
	if !found {
		return store.Row{}, store.ErrNotFound
	}
	return store.Row{Kind: kind, ID: id, Account: text(v[0]), Region: text(v[1]), Parent: text(v[2]),
		Keys: splitKeys(text(v[3])), Body: blob(v[4])}, nil
}

func (t *tx) Insert(r store.Row) error {
	_, err := t.exec(`INSERT INTO rows (kind, id, account, region, parent, keys, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		string(r.Kind), r.ID, r.Account, r.Region, r.Parent, joinKeys(r.Keys), []byte(r.Body))
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
		res, err := t.exec(`INSERT OR IGNORE INTO row_keys (kind, key, id) VALUES (?, ?, ?)`, string(r.Kind), k, r.ID)
		if err != nil {
			return err
		}
		if changed(res) == 1 {
			if _, err := t.exec(`INSERT INTO key_counts (kind, key, n) VALUES (?, ?, 1)
				ON CONFLICT (kind, key) DO UPDATE SET n = n + 1`, string(r.Kind), k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) Put(r store.Row) error {
	keys := joinKeys(r.Keys)
	// Most Puts replace a row and keep its keys: one statement.
	res, err := t.exec(`UPDATE rows SET account = ?, region = ?, parent = ?, body = ? WHERE kind = ? AND id = ? AND keys = ?`,
		r.Account, r.Region, r.Parent, []byte(r.Body), string(r.Kind), r.ID, keys)
	if err != nil {
		return err
	}
	if changed(res) == 1 {
		return nil
	}
	var v [1]driver.Value
	if _, err := t.row(v[:], `SELECT keys FROM rows WHERE kind = ? AND id = ?`, string(r.Kind), r.ID); err != nil {
		return err
	}
	old := text(v[0])
	if _, err := t.exec(`INSERT INTO rows (kind, id, account, region, parent, keys, body) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET account = excluded.account, region = excluded.region, parent = excluded.parent, keys = excluded.keys, body = excluded.body`,
		string(r.Kind), r.ID, r.Account, r.Region, r.Parent, keys, []byte(r.Body)); err != nil {
		return err
	}
	if old == keys {
		return nil
	}
	if err := t.deleteKeys(r.Kind, r.ID, splitKeys(old)); err != nil {
		return err
	}
	return t.insertKeys(r)
}

func (t *tx) deleteKeys(kind store.Kind, id string, keys []string) error {
	for _, k := range keys {
		res, err := t.exec(`DELETE FROM row_keys WHERE kind = ? AND key = ? AND id = ?`, string(kind), k, id)
		if err != nil {
			return err
		}
		if changed(res) == 1 {
			if _, err := t.exec(`UPDATE key_counts SET n = n - 1 WHERE kind = ? AND key = ?`, string(kind), k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) Delete(kind store.Kind, id string) error {
	var v [1]driver.Value
	found, err := t.row(v[:], `DELETE FROM rows WHERE kind = ? AND id = ? RETURNING keys`, string(kind), id)
	if err != nil {
		return err
	}
	if !found {
		return store.ErrNotFound
	}
	return t.deleteKeys(kind, id, splitKeys(text(v[0])))
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
	}
	conds := []string{"r.kind = ?"}
	args := []any{string(q.Kind)}
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
	if q.Parent != "" {
		// Implies the condition of the partial index rows_parent, as
		// SQLite cannot see that the bound parent is not ''.
		conds = append(conds, "r.parent != ''")
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
		query += " LIMIT " + strconv.Itoa(q.Limit)
	}
	var v [6]driver.Value
	dest := v[:2]
	if full {
		dest = v[:]
	}
	rows, err := t.query(dest, query, args...)
	if err != nil {
		return nil, err
	}
	out := make([]store.Row, 0, min(max(q.Limit, 0), 512))
	for rows.next() {
		r := store.Row{Kind: q.Kind, ID: text(v[0]), Body: blob(v[1])}
		if full {
			r.Account, r.Region, r.Parent, r.Keys = text(v[2]), text(v[3]), text(v[4]), splitKeys(text(v[5]))
		}
		out = append(out, r)
	}
	if err := rows.close(); err != nil {
		return nil, err
	}
	return out, nil
}

func (t *tx) Count(q store.Query) (int, error) {
	var v [1]driver.Value
	if q.Key != "" && q.Account == "" && q.Region == "" && q.Parent == "" && q.After == "" && q.Limit == 0 {
		// A stored count: O(log n) however many rows hold the key.
		_, err := t.row(v[:], `SELECT n FROM key_counts WHERE kind = ? AND key = ?`, string(q.Kind), q.Key)
		return integer(v[0]), err
	}
	filter, args := where(q)
	query := `SELECT count(*) FROM (SELECT 1 FROM ` + filter
	if q.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(q.Limit)
	}
	_, err := t.row(v[:], query+`)`, args...)
	return integer(v[0]), err
}

func (t *tx) ClaimPort(device string, ports int, holder string) (int, error) {
	// One statement reads the lowest freed port and the device's count.
	var v [3]driver.Value
	if _, err := t.row(v[:], `SELECT (SELECT min(port) FROM free_ports WHERE device = ?1),
		coalesce((SELECT next FROM devices WHERE device = ?1), 1), coalesce((SELECT held FROM devices WHERE device = ?1), 0)`,
		device); err != nil {
		return 0, err
	}
	free := v[0] != nil
	next, held := integer(v[1]), integer(v[2])
	port := next
	if free {
		port = integer(v[0])
	}
	if port > ports {
		return 0, store.ErrNoFreePort
	}
	if free {
		if _, err := t.exec(`DELETE FROM free_ports WHERE device = ? AND port = ?`, device, port); err != nil {
			return 0, err
		}
	} else {
		next++
	}
	if _, err := t.exec(`INSERT INTO devices (device, next, held) VALUES (?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, device, next, held+1); err != nil {
		return 0, err
	}
	_, err := t.exec(`INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, device, port, holder)
	return port, err
}

func (t *tx) ReleasePort(device string, port int) error {
	res, err := t.exec(`DELETE FROM ports WHERE device = ? AND port = ?`, device, port)
	if err != nil {
		return err
	}
	if changed(res) == 0 {
		return nil
	}
	if _, err := t.exec(`INSERT INTO free_ports (device, port) VALUES (?, ?)`, device, port); err != nil {
		return err
	}
	_, err = t.exec(`UPDATE devices SET held = held - 1 WHERE device = ?`, device)
	return err
}

func (t *tx) PortsInUse(device string) (int, error) {
	var v [1]driver.Value
	_, err := t.row(v[:], `SELECT held FROM devices WHERE device = ?`, device)
	return integer(v[0]), err
}

func (t *tx) Dump() (store.Snapshot, error) {
	s := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
	err := t.scanRows(func(r store.Row) error {
		s.Rows = append(s.Rows, r)
		return nil
	})
	if err != nil {
		return s, err
	}
	s.Ports, err = t.ports()
	return s, err
}

// scanRows calls row for every row, in the order of kind and ID.
func (t *tx) scanRows(row func(store.Row) error) error {
	var v [7]driver.Value
	rows, err := t.query(v[:], `SELECT kind, id, account, region, parent, keys, body FROM rows ORDER BY kind, id`)
	if err != nil {
		return err
	}
	for rows.next() {
		r := store.Row{Kind: store.Kind(text(v[0])), ID: text(v[1]), Account: text(v[2]), Region: text(v[3]), Parent: text(v[4]),
			Keys: splitKeys(text(v[5])), Body: blob(v[6])}
		if err := row(r); err != nil {
			rows.close()
			return err
		}
	}
	return rows.close()
}

// scanPorts calls port for every held port, in the order of device and
// port.
func (t *tx) scanPorts(port func(store.Port) error) error {
	var v [3]driver.Value
	rows, err := t.query(v[:], `SELECT device, port, holder FROM ports ORDER BY device, port`)
	if err != nil {
		return err
	}
	for rows.next() {
		if err := port(store.Port{Device: text(v[0]), Port: integer(v[1]), Holder: text(v[2])}); err != nil {
			rows.close()
			return err
		}
	}
	return rows.close()
}

func (t *tx) ports() ([]store.Port, error) {
	out := []store.Port{}
	err := t.scanPorts(func(p store.Port) error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (t *tx) Scan(row func(store.Row) error, port func(store.Port) error) error {
	if err := t.scanRows(row); err != nil {
		return err
	}
	return t.scanPorts(port)
}

func (t *tx) Clear() error {
	for _, table := range []string{"rows", "row_keys", "key_counts", "ports", "devices", "free_ports"} {
		if _, err := t.exec(`DELETE FROM ` + table); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) HoldPort(p store.Port) error {
	if _, err := t.exec(`INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, p.Device, p.Port, p.Holder); isConstraint(err) {
		return store.ErrExists
	} else if err != nil {
		return err
	}
	var v [2]driver.Value
	found, err := t.row(v[:], `SELECT next, held FROM devices WHERE device = ?`, p.Device)
	if err != nil {
		return err
	}
	next, held := 1, 0
	if found {
		next, held = integer(v[0]), integer(v[1])
	}
	if p.Port >= next {
		// The ports skipped over are free (an export lists them in order,
		// so there are few).
		for free := next; free < p.Port; free++ {
			if _, err := t.exec(`INSERT INTO free_ports (device, port) VALUES (?, ?)`, p.Device, free); err != nil {
				return err
			}
		}
		next = p.Port + 1
	} else if _, err := t.exec(`DELETE FROM free_ports WHERE device = ? AND port = ?`, p.Device, p.Port); err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO devices (device, next, held) VALUES (?, ?, ?)
		ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, p.Device, next, held+1)
	return err
}

func (t *tx) Restore(s store.Snapshot) error {
	for _, table := range []string{"rows", "row_keys", "key_counts", "ports", "devices", "free_ports"} {
		if _, err := t.exec(`DELETE FROM ` + table); err != nil {
			return err
		}
	}
	for _, r := range s.Rows {
		if err := t.Insert(r); err != nil {
			return fmt.Errorf("sqlite: restoring %s %s: %w", r.Kind, r.ID, err)
		}
	}
	for _, p := range s.Ports {
		if _, err := t.exec(`INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, p.Device, p.Port, p.Holder); err != nil {
			return fmt.Errorf("sqlite: restoring port %d of %s: %w", p.Port, p.Device, err)
		}
	}
	for _, d := range store.PortMaps(s.Ports) {
		if _, err := t.exec(`INSERT INTO devices (device, next, held) VALUES (?, ?, ?)`, d.Device, d.Next, d.Held); err != nil {
			return err
		}
		for _, p := range d.Free {
			if _, err := t.exec(`INSERT INTO free_ports (device, port) VALUES (?, ?)`, d.Device, p); err != nil {
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
