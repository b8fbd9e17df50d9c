// Package sqlite is the embedded store backend: one SQLite database file
// through the pure-Go modernc.org/sqlite driver (no cgo). Writes are
// serialized (one writer at a time, as SQLite allows) and committed with
// synchronous=FULL in WAL mode, so an acknowledged write survives a crash of
// the process or of the machine.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/dxsim/dxsim/store"
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
	body    BLOB NOT NULL,
	PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS rows_owner ON rows (kind, account, region, id);
CREATE INDEX IF NOT EXISTS rows_parent ON rows (kind, parent, id);
CREATE TABLE IF NOT EXISTS ports (
	device TEXT NOT NULL,
	port   INTEGER NOT NULL,
	holder TEXT NOT NULL,
	PRIMARY KEY (device, port)
);
`

// Store is a SQLite-backed store.Store.
type Store struct {
	write *sql.DB // one connection; every Update runs on it
	read  *sql.DB // a pool for View; the same handle as write for :memory:
	mu    sync.Mutex
}

// Open opens (creating if need be) the database at path; ":memory:" keeps
// everything in memory and nothing on disk.
func Open(path string) (*Store, error) {
	pragmas := []string{"busy_timeout(10000)", "foreign_keys(1)"}
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
	write, err := sql.Open("sqlite", dsn+"?"+q.Encode()+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	s := &Store{write: write, read: write}
	if _, err := write.Exec(schema); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: creating schema in %s: %w", path, err)
	}
	if !memory {
		// Readers do not wait for the writer in WAL mode.
		if s.read, err = sql.Open("sqlite", dsn+"?"+q.Encode()); err != nil {
			write.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Update runs fn in a write transaction.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return run(ctx, s.write, fn)
}

// View runs fn in a read transaction.
func (s *Store) View(ctx context.Context, fn func(store.Tx) error) error {
	if s.read == s.write {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	return run(ctx, s.read, fn)
}

func run(ctx context.Context, db *sql.DB, fn func(store.Tx) error) error {
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(&tx{ctx: ctx, tx: sqlTx}); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

type tx struct {
	ctx context.Context
	tx  *sql.Tx
}

func (t *tx) Get(kind store.Kind, id string) (store.Row, error) {
	r := store.Row{Kind: kind, ID: id}
	err := t.tx.QueryRowContext(t.ctx, `SELECT account, region, parent, body FROM rows WHERE kind = ? AND id = ?`, kind, id).
		Scan(&r.Account, &r.Region, &r.Parent, &r.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Row{}, store.ErrNotFound
	}
	return r, err
}

func (t *tx) Insert(r store.Row) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO rows (kind, id, account, region, parent, body) VALUES (?, ?, ?, ?, ?, ?)`,
		r.Kind, r.ID, r.Account, r.Region, r.Parent, r.Body)
	if isConstraint(err) {
		return store.ErrExists
	}
	return err
}

func (t *tx) Put(r store.Row) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO rows (kind, id, account, region, parent, body) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET account = excluded.account, region = excluded.region, parent = excluded.parent, body = excluded.body`,
		r.Kind, r.ID, r.Account, r.Region, r.Parent, r.Body)
	return err
}

func (t *tx) Delete(kind store.Kind, id string) error {
	res, err := t.tx.ExecContext(t.ctx, `DELETE FROM rows WHERE kind = ? AND id = ?`, kind, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

func (t *tx) List(q store.Query) ([]store.Row, error) {
	where := []string{"kind = ?", "id > ?"}
	args := []any{q.Kind, q.After}
	for col, v := range map[string]string{"account": q.Account, "region": q.Region, "parent": q.Parent} {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	query := `SELECT id, account, region, parent, body FROM rows WHERE ` + strings.Join(where, " AND ") + ` ORDER BY id`
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Row
	for rows.Next() {
		r := store.Row{Kind: q.Kind}
		if err := rows.Scan(&r.ID, &r.Account, &r.Region, &r.Parent, &r.Body); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *tx) ClaimPort(device string, ports int, holder string) (int, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT port FROM ports WHERE device = ? ORDER BY port`, device)
	if err != nil {
		return 0, err
	}
	free := 1
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return 0, err
		}
		if p != free {
			break
		}
		free++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if free > ports {
		return 0, store.ErrNoFreePort
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, device, free, holder)
	return free, err
}

func (t *tx) ReleasePort(device string, port int) error {
	_, err := t.tx.ExecContext(t.ctx, `DELETE FROM ports WHERE device = ? AND port = ?`, device, port)
	return err
}

func (t *tx) PortsInUse(device string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM ports WHERE device = ?`, device).Scan(&n)
	return n, err
}

func (t *tx) Dump() (store.Snapshot, error) {
	var s store.Snapshot
	rows, err := t.tx.QueryContext(t.ctx, `SELECT kind, id, account, region, parent, body FROM rows ORDER BY kind, id`)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var r store.Row
		if err := rows.Scan(&r.Kind, &r.ID, &r.Account, &r.Region, &r.Parent, &r.Body); err != nil {
			rows.Close()
			return s, err
		}
		s.Rows = append(s.Rows, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, err
	}
	ports, err := t.tx.QueryContext(t.ctx, `SELECT device, port, holder FROM ports ORDER BY device, port`)
	if err != nil {
		return s, err
	}
	defer ports.Close()
	for ports.Next() {
		var p store.Port
		if err := ports.Scan(&p.Device, &p.Port, &p.Holder); err != nil {
			return s, err
		}
		s.Ports = append(s.Ports, p)
	}
	return s, ports.Err()
}

func (t *tx) Restore(s store.Snapshot) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM rows; DELETE FROM ports`); err != nil {
		return err
	}
	for _, r := range s.Rows {
		if err := t.Insert(r); err != nil {
			return fmt.Errorf("sqlite: restoring %s %s: %w", r.Kind, r.ID, err)
		}
	}
	for _, p := range s.Ports {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO ports (device, port, holder) VALUES (?, ?, ?)`, p.Device, p.Port, p.Holder); err != nil {
			return fmt.Errorf("sqlite: restoring port %d of %s: %w", p.Port, p.Device, err)
		}
	}
	return nil
}

func isConstraint(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3lib.SQLITE_CONSTRAINT
}
