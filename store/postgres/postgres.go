// Package postgres is the store backend on a PostgreSQL database, through
// jackc/pgx. Several dxsim processes may serve one database: every Update
// is a SERIALIZABLE transaction, so the rules an operation checks (quotas,
// free ports, unique VLANs, LAG sizes) hold as if the operations of all
// processes ran one at a time; the Updates of one process share commits
// (groupcommit.go). A serialization failure or deadlock
// (SQLSTATE 40001, 40P01) rolls the transaction back and runs it again,
// under the store contract, up to a bound.
//
// The backend creates its tables in the connection's schema (search_path)
// when they are missing, under an advisory lock, so processes starting
// together do not race.
package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/batch"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

// schemaVersion is the version of the tables below; migrations step a
// database from its stored version to this one.
const schemaVersion = 2

var migrations = []string{
	1: `
CREATE TABLE IF NOT EXISTS dxsim_rows (
	kind    TEXT COLLATE "C" NOT NULL,
	id      TEXT COLLATE "C" NOT NULL,
	account TEXT COLLATE "C" NOT NULL,
	region  TEXT COLLATE "C" NOT NULL,
	parent  TEXT COLLATE "C" NOT NULL,
	keys    TEXT[] NOT NULL DEFAULT '{}',
	body    BYTEA NOT NULL,
	PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS dxsim_rows_owner ON dxsim_rows (kind, account, region, id);
CREATE INDEX IF NOT EXISTS dxsim_rows_region ON dxsim_rows (kind, region, id);
CREATE INDEX IF NOT EXISTS dxsim_rows_parent ON dxsim_rows (kind, parent, id);
CREATE TABLE IF NOT EXISTS dxsim_row_keys (
	kind TEXT COLLATE "C" NOT NULL,
	key  TEXT COLLATE "C" NOT NULL,
	id   TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (kind, key, id)
);
CREATE TABLE IF NOT EXISTS dxsim_key_counts (
	kind TEXT COLLATE "C" NOT NULL,
	key  TEXT COLLATE "C" NOT NULL,
	n    INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS dxsim_ports (
	device TEXT COLLATE "C" NOT NULL,
	port   INTEGER NOT NULL,
	holder TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (device, port)
);
CREATE TABLE IF NOT EXISTS dxsim_devices (
	device TEXT COLLATE "C" PRIMARY KEY,
	next   INTEGER NOT NULL,
	held   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dxsim_free_ports (
	device TEXT COLLATE "C" NOT NULL,
	port   INTEGER NOT NULL,
	PRIMARY KEY (device, port)
);`,
	// No query needs dxsim_rows_region: every query by region also names
	// the account (dxsim_rows_owner). Most rows have no parent, so
	// dxsim_rows_parent holds only those that do; a parent query states
	// r.parent <> '' so that a generic plan may use it.
	2: `
DROP INDEX IF EXISTS dxsim_rows_region;
DROP INDEX IF EXISTS dxsim_rows_parent;
CREATE INDEX dxsim_rows_parent ON dxsim_rows (kind, parent, id) WHERE parent <> '';`,
}

// MaxAttempts bounds the runs of one Update that keeps conflicting.
const MaxAttempts = 12

// retryLockID is the advisory lock that runs after repeated conflicts
// queue on, from run queueAfter+1.
const (
	retryLockID = 0x64787372
	queueAfter  = 2
)

// Store is a PostgreSQL-backed store.Store.
type Store struct {
	pool *pgxpool.Pool
	// writes is the queue of Updates for the writer (groupcommit.go).
	writes *batch.Queue
	closed sync.Once
	// ObserverSlot makes the store Observable: transactions run again
	// after a serialization failure or deadlock.
	store.ObserverSlot
	// DamageSlot keeps the first damage met, for Check (health.go).
	store.DamageSlot
	// prepared are the statements prepared on each connection
	// (session.go).
	prepared *preparedSets
	// reads are the connections of finished read transactions (reads.go).
	reads reads
}

// Open connects to the database url names (postgres://user@host:port/db?...)
// and creates or migrates its tables.
func Open(ctx context.Context, url string) (*Store, error) {
	return open(ctx, url, nil)
}

// open is Open, with adjust (if not nil) changing the pool's configuration
// first (tests count round trips through it).
func open(ctx context.Context, url string, adjust func(*pgxpool.Config)) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		// pgxpool's default (4 on 2 cores) queues reads behind each
		// other: a read waits on round trips, not on this process's CPU,
		// and the writer keeps one connection.
		cfg.MaxConns = max(cfg.MaxConns, int32(8*runtime.GOMAXPROCS(0)))
	}
	if adjust != nil {
		adjust(cfg)
	}
	prepared := &preparedSets{}
	beforeClose := cfg.BeforeClose
	cfg.BeforeClose = func(c *pgx.Conn) {
		prepared.forget(c)
		if beforeClose != nil {
			beforeClose(c)
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &Store{pool: pool, prepared: prepared, reads: reads{max: int(cfg.MaxConns) / 4}}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	s.writes = batch.Start(MaxBatch, errClosed, s.commit)
	return s, nil
}

// migrate brings the tables to schemaVersion, one process at a time.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: connecting: %w", err)
	}
	defer conn.Release()
	// Any constant: the lock only orders dxsim processes among themselves.
	const lockID = 0x64787369
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return fmt.Errorf("postgres: locking the schema: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, lockID)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS dxsim_schema (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("postgres: creating the schema table: %w", err)
	}
	var have, versions int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0), count(*) FROM dxsim_schema`).Scan(&have, &versions); err != nil {
		return fmt.Errorf("postgres: reading the schema version: %w", err)
	}
	switch {
	case versions == 0:
		if _, err = conn.Exec(ctx, `INSERT INTO dxsim_schema VALUES (0)`); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
	case versions > 1:
		return schemaMismatch(fmt.Sprintf("postgres: dxsim_schema holds %d schema versions, want one; it was changed outside dxsim: "+
			"keep only the row of the version the tables have (%d is the newest recorded)", versions, have))
	case have > schemaVersion:
		return fmt.Errorf("postgres: the database has schema version %d, newer than this dxsim's %d; run a newer dxsim", have, schemaVersion)
	case have < 0:
		return schemaMismatch(fmt.Sprintf("postgres: dxsim_schema records schema version %d, which no dxsim writes; it was changed outside dxsim", have))
	}
	for v := have + 1; v <= schemaVersion; v++ {
		if _, err := conn.Exec(ctx, migrations[v]); err != nil {
			return fmt.Errorf("postgres: migrating to schema version %d: %w", v, err)
		}
		if _, err := conn.Exec(ctx, `UPDATE dxsim_schema SET version = $1`, v); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
	}
	return checkSchema(ctx, conn, schemaVersion)
}

// Close closes the connections.
func (s *Store) Close() error {
	s.closed.Do(func() {
		s.writes.Close()
		s.closeReads()
		s.pool.Close()
	})
	return nil
}

// View runs fn in a read-only transaction on one snapshot. Views run
// beside the writer, on connections of their own; a read-only REPEATABLE
// READ transaction never fails on a conflict. Its BEGIN goes with its
// first statement, and its end with the BEGIN of the next View on the
// connection (reads.go).
func (s *Store) View(ctx context.Context, fn func(store.Tx) error) error {
	r, err := s.takeRead(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	sess := &session{conn: r.c.Conn(), prepared: s.prepared.of(r.c.Conn()), pending: make([]string, 0, 2)}
	if r.open {
		sess.pending = append(sess.pending, `ROLLBACK`)
	}
	sess.pending = append(sess.pending, `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`)
	defer func() { s.putRead(r, sess.sent) }() // also if fn panics
	err = fn(&tx{ctx: ctx, tx: sess, s: s})
	switch {
	case sess.ctlErr != nil:
		return fmt.Errorf("postgres: begin: %w", sess.ctlErr)
	case err != nil:
		return s.note(err)
	}
	// What committing the transaction answered for a caller gone
	// meanwhile.
	return ctx.Err()
}

func isConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// tx is one transaction. It notes a conflict any statement met, since an
// update function may not return that statement's error.
type tx struct {
	ctx      context.Context
	tx       *session
	s        *Store
	conflict bool
}

// note notes a conflict, or damage, err shows.
func (t *tx) note(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "25P02") {
		t.conflict = true
	}
	return t.s.note(err)
}

func (t *tx) exec(sql string, args ...any) (pgconn.CommandTag, error) {
	tag, err := t.tx.Exec(t.ctx, sql, args...)
	return tag, t.note(err)
}

func (t *tx) queryRow(dest []any, sql string, args ...any) error {
	return t.note(t.tx.queryRow(t.ctx, dest, sql, args...))
}

func nonNil(keys []string) []string {
	if keys == nil {
		return []string{}
	}
	return keys
}

func (t *tx) Get(kind store.Kind, id string) (store.Row, error) {
	r := store.Row{Kind: kind, ID: id}
	err := t.queryRow([]any{&r.Account, &r.Region, &r.Parent, &r.Keys, (*[]byte)(&r.Body)},
		`SELECT account, region, parent, keys, body FROM dxsim_rows WHERE kind = $1 AND id = $2`, string(kind), id)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Row{}, store.ErrNotFound
	}
	if len(r.Keys) == 0 {
		r.Keys = nil
	}
	return r, err
}

func (t *tx) Insert(r store.Row) error {
	// One round trip: the row, then its keys and their counts only if
	// the row was new.
	var n int
	if err := t.queryRow([]any{&n}, `WITH ins AS (
			INSERT INTO dxsim_rows (kind, id, account, region, parent, keys, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (kind, id) DO NOTHING RETURNING 1),
		added AS (
			INSERT INTO dxsim_row_keys (kind, key, id) SELECT DISTINCT $1, k, $2 FROM unnest($6::text[]) AS k
			WHERE EXISTS (SELECT FROM ins) ON CONFLICT DO NOTHING RETURNING key),
		counted AS (
			INSERT INTO dxsim_key_counts (kind, key, n) SELECT $1, key, count(*) FROM added GROUP BY key
			ON CONFLICT (kind, key) DO UPDATE SET n = dxsim_key_counts.n + excluded.n)
		SELECT count(*) FROM ins`,
		string(r.Kind), r.ID, r.Account, r.Region, r.Parent, nonNil(r.Keys), []byte(r.Body)); err != nil {
		return err
	}
	if n == 0 {
		return store.ErrExists
	}
	return nil
}

func (t *tx) Put(r store.Row) error {
	// One round trip: the CTE reads the keys the row had before the
	// upsert and, if they change, drops the keys it loses and adds those
	// it gains, with their counts (disjoint sets of keys: no row changes
	// twice in the statement).
	var n int
	return t.queryRow([]any{&n}, `WITH old AS (SELECT keys FROM dxsim_rows WHERE kind = $1 AND id = $2),
		up AS (INSERT INTO dxsim_rows (kind, id, account, region, parent, keys, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (kind, id) DO UPDATE SET account = excluded.account, region = excluded.region, parent = excluded.parent, keys = excluded.keys, body = excluded.body
			RETURNING 1),
		changed AS (SELECT (SELECT keys FROM old) IS DISTINCT FROM $6::text[] AS yes),
		gone AS (
			DELETE FROM dxsim_row_keys WHERE (SELECT yes FROM changed) AND kind = $1 AND id = $2
				AND key = ANY((SELECT keys FROM old)::text[]) AND key <> ALL($6::text[]) RETURNING key),
		uncounted AS (
			UPDATE dxsim_key_counts c SET n = c.n - g.n FROM (SELECT key, count(*) AS n FROM gone GROUP BY key) g
			WHERE c.kind = $1 AND c.key = g.key),
		added AS (
			INSERT INTO dxsim_row_keys (kind, key, id) SELECT DISTINCT $1, k, $2 FROM unnest($6::text[]) AS k
			WHERE (SELECT yes FROM changed) ON CONFLICT DO NOTHING RETURNING key),
		counted AS (
			INSERT INTO dxsim_key_counts (kind, key, n) SELECT $1, key, count(*) FROM added GROUP BY key
			ON CONFLICT (kind, key) DO UPDATE SET n = dxsim_key_counts.n + excluded.n)
		SELECT count(*) FROM up`,
		string(r.Kind), r.ID, r.Account, r.Region, r.Parent, nonNil(r.Keys), []byte(r.Body))
}

func (t *tx) Delete(kind store.Kind, id string) error {
	// One round trip: the row, then its keys and their counts.
	var n int
	if err := t.queryRow([]any{&n}, `WITH del AS (
			DELETE FROM dxsim_rows WHERE kind = $1 AND id = $2 RETURNING keys),
		gone AS (
			DELETE FROM dxsim_row_keys WHERE kind = $1 AND id = $2 AND key = ANY((SELECT keys FROM del)::text[]) RETURNING key),
		counted AS (
			UPDATE dxsim_key_counts c SET n = c.n - g.n FROM (SELECT key, count(*) AS n FROM gone GROUP BY key) g
			WHERE c.kind = $1 AND c.key = g.key)
		SELECT count(*) FROM del`, string(kind), id); err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// where builds the filter of q over rows r.
func where(q store.Query) (string, []any) {
	args := []any{string(q.Kind)}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	from := `dxsim_rows r`
	conds := []string{"r.kind = $1"}
	if q.Key != "" {
		from = `dxsim_row_keys k JOIN dxsim_rows r ON r.kind = k.kind AND r.id = k.id`
		conds = []string{"k.kind = $1", "k.key = " + arg(q.Key)}
	}
	if q.After != "" {
		conds = append(conds, "r.id > "+arg(q.After))
	}
	for _, c := range []struct{ col, v string }{{"r.account", q.Account}, {"r.region", q.Region}, {"r.parent", q.Parent}} {
		if c.v != "" {
			conds = append(conds, c.col+" = "+arg(c.v))
		}
	}
	if q.Parent != "" {
		// Implies the condition of the partial index dxsim_rows_parent,
		// which a generic plan cannot see of the bound parent.
		conds = append(conds, "r.parent <> ''")
	}
	return from + ` WHERE ` + strings.Join(conds, " AND "), args
}

func (t *tx) List(q store.Query) ([]store.Row, error) { return t.list(q, true) }

func (t *tx) ListBodies(q store.Query) ([]store.Row, error) { return t.list(q, false) }

// list reads the rows q selects, with all their keys or (not full) their
// IDs and bodies only.
func (t *tx) list(q store.Query, full bool) ([]store.Row, error) {
	filter, args := where(q)
	cols := `r.id, r.body`
	if full {
		cols = `r.id, r.body, r.account, r.region, r.parent, r.keys`
	}
	sql := `SELECT ` + cols + ` FROM ` + filter + ` ORDER BY r.id`
	if q.Limit > 0 {
		sql += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := t.tx.Query(t.ctx, sql, args...)
	if err != nil {
		return nil, t.note(err)
	}
	defer rows.Close()
	out := make([]store.Row, 0, min(max(q.Limit, 0), 512))
	// One set of destinations for every row; bodies only (what decoding
	// records reads) are copied from the binary values, without pgx's
	// scan plans.
	var r store.Row
	dest := []any{&r.ID, (*[]byte)(&r.Body)}
	if full {
		dest = append(dest, &r.Account, &r.Region, &r.Parent, &r.Keys)
	}
	raw, checked := false, false
	for rows.Next() {
		if !checked {
			checked = true
			raw = !full && rawIDBody(rows.FieldDescriptions())
		}
		if raw {
			v := rows.RawValues()
			out = append(out, store.Row{Kind: q.Kind, ID: string(v[0]), Body: bytes.Clone(v[1])})
			continue
		}
		r = store.Row{Kind: q.Kind}
		if err := rows.Scan(dest...); err != nil {
			return nil, t.note(err)
		}
		if len(r.Keys) == 0 {
			r.Keys = nil
		}
		out = append(out, r)
	}
	return out, t.note(rows.Err())
}

// rawIDBody reports whether fields are a text column (whose text and
// binary formats are both the string's bytes) and a bytea column in the
// binary format: their values are then the ID's bytes and the body.
func rawIDBody(fields []pgconn.FieldDescription) bool {
	return len(fields) == 2 && fields[0].DataTypeOID == pgtype.TextOID &&
		fields[1].DataTypeOID == pgtype.ByteaOID && fields[1].Format == pgtype.BinaryFormatCode
}

func (t *tx) Count(q store.Query) (int, error) {
	if q.Key != "" && q.Account == "" && q.Region == "" && q.Parent == "" && q.After == "" && q.Limit == 0 {
		// A stored count: one row however many rows hold the key.
		var n int
		err := t.queryRow([]any{&n}, `SELECT n FROM dxsim_key_counts WHERE kind = $1 AND key = $2`, string(q.Kind), q.Key)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, nil
		}
		return n, err
	}
	filter, args := where(q)
	sql := `SELECT 1 FROM ` + filter
	if q.Limit > 0 {
		// In ID order, as List: a generic plan of an unordered LIMIT
		// would scan the table for a kind that has no rows.
		sql += fmt.Sprintf(" ORDER BY r.id LIMIT %d", q.Limit)
	}
	var n int
	err := t.queryRow([]any{&n}, `SELECT count(*) FROM (`+sql+`) AS matched`, args...)
	return n, err
}

// ClaimPort is one statement, one round trip: it locks the device's row,
// picks the lowest free port (a freed one, else the next never used),
// and, if that port exists, takes it off the free list, counts it and
// holds it. It answers the port picked and whether it was taken.
func (t *tx) ClaimPort(device string, ports int, holder string) (int, error) {
	var port int
	var taken bool
	err := t.queryRow([]any{&port, &taken}, `WITH d AS (
			SELECT next, held FROM dxsim_devices WHERE device = $1 FOR UPDATE),
		pick AS (
			SELECT f.port IS NOT NULL AS reused, coalesce(f.port, d.next, 1) AS port,
				coalesce(d.next, 1) AS next, coalesce(d.held, 0) AS held
			FROM (SELECT min(port) AS port FROM dxsim_free_ports WHERE device = $1) f LEFT JOIN d ON true),
		ok AS (SELECT * FROM pick WHERE port <= $2),
		unfree AS (
			DELETE FROM dxsim_free_ports WHERE device = $1 AND port = (SELECT port FROM ok WHERE reused)),
		counted AS (
			INSERT INTO dxsim_devices (device, next, held)
			SELECT $1, CASE WHEN reused THEN next ELSE next + 1 END, held + 1 FROM ok
			ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held),
		holding AS (
			INSERT INTO dxsim_ports (device, port, holder) SELECT $1, port, $3 FROM ok)
		SELECT port, EXISTS (SELECT FROM ok) FROM pick`, device, ports, holder)
	if err != nil {
		return 0, err
	}
	if !taken {
		return 0, store.ErrNoFreePort
	}
	return port, nil
}

// ReleasePort is one statement, one round trip: if the port was held,
// it goes on the device's free list and the device's count drops.
func (t *tx) ReleasePort(device string, port int) error {
	_, err := t.exec(`WITH gone AS (
			DELETE FROM dxsim_ports WHERE device = $1 AND port = $2 RETURNING port),
		freed AS (
			INSERT INTO dxsim_free_ports (device, port) SELECT $1, port FROM gone)
		UPDATE dxsim_devices SET held = held - 1 WHERE device = $1 AND EXISTS (SELECT FROM gone)`, device, port)
	return err
}

func (t *tx) PortsInUse(device string) (int, error) {
	var n int
	err := t.queryRow([]any{&n}, `SELECT held FROM dxsim_devices WHERE device = $1`, device)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

func (t *tx) Dump() (store.Snapshot, error) {
	s := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
	rows, err := t.tx.Query(t.ctx, `SELECT kind, id, account, region, parent, keys, body FROM dxsim_rows ORDER BY kind, id`)
	if err != nil {
		return s, t.note(err)
	}
	for rows.Next() {
		var r store.Row
		var kind string
		if err := rows.Scan(&kind, &r.ID, &r.Account, &r.Region, &r.Parent, &r.Keys, &r.Body); err != nil {
			rows.Close()
			return s, t.note(err)
		}
		r.Kind = store.Kind(kind)
		if len(r.Keys) == 0 {
			r.Keys = nil
		}
		s.Rows = append(s.Rows, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, t.note(err)
	}
	ports, err := t.tx.Query(t.ctx, `SELECT device, port, holder FROM dxsim_ports ORDER BY device, port`)
	if err != nil {
		return s, t.note(err)
	}
	defer ports.Close()
	for ports.Next() {
		var p store.Port
		if err := ports.Scan(&p.Device, &p.Port, &p.Holder); err != nil {
			return s, t.note(err)
		}
		s.Ports = append(s.Ports, p)
	}
	return s, t.note(ports.Err())
}

func (t *tx) Scan(row func(store.Row) error, port func(store.Port) error) error {
	rows, err := t.tx.Query(t.ctx, `SELECT kind, id, account, region, parent, keys, body FROM dxsim_rows ORDER BY kind, id`)
	if err != nil {
		return t.note(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r store.Row
		var kind string
		if err := rows.Scan(&kind, &r.ID, &r.Account, &r.Region, &r.Parent, &r.Keys, &r.Body); err != nil {
			return t.note(err)
		}
		r.Kind = store.Kind(kind)
		if len(r.Keys) == 0 {
			r.Keys = nil
		}
		if err := row(r); err != nil {
			return err
		}
	}
	if err := t.note(rows.Err()); err != nil {
		return err
	}
	rows.Close()
	ports, err := t.tx.Query(t.ctx, `SELECT device, port, holder FROM dxsim_ports ORDER BY device, port`)
	if err != nil {
		return t.note(err)
	}
	defer ports.Close()
	for ports.Next() {
		var p store.Port
		if err := ports.Scan(&p.Device, &p.Port, &p.Holder); err != nil {
			return t.note(err)
		}
		if err := port(p); err != nil {
			return err
		}
	}
	return t.note(ports.Err())
}

func (t *tx) Clear() error {
	_, err := t.exec(`TRUNCATE dxsim_rows, dxsim_row_keys, dxsim_key_counts, dxsim_ports, dxsim_devices, dxsim_free_ports`)
	return err
}

func (t *tx) HoldPort(p store.Port) error {
	tag, err := t.exec(`INSERT INTO dxsim_ports (device, port, holder) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, p.Device, p.Port, p.Holder)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrExists
	}
	var next, held int
	err = t.queryRow([]any{&next, &held}, `SELECT next, held FROM dxsim_devices WHERE device = $1`, p.Device)
	if errors.Is(err, pgx.ErrNoRows) {
		next, err = 1, nil
	}
	if err != nil {
		return err
	}
	if p.Port >= next {
		if p.Port > next {
			if _, err := t.exec(`INSERT INTO dxsim_free_ports (device, port) SELECT $1, g FROM generate_series($2::int, $3::int) AS g`, p.Device, next, p.Port-1); err != nil {
				return err
			}
		}
		next = p.Port + 1
	} else if _, err := t.exec(`DELETE FROM dxsim_free_ports WHERE device = $1 AND port = $2`, p.Device, p.Port); err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO dxsim_devices (device, next, held) VALUES ($1, $2, $3)
		ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, p.Device, next, held+1)
	return err
}

// InsertRows inserts rows with COPY, an import's bulk path:
// ErrExists if any kind and ID is taken.
func (t *tx) InsertRows(rows []store.Row) error {
	var data, keys [][]any
	var kinds, names []string
	for _, r := range rows {
		data = append(data, []any{string(r.Kind), r.ID, r.Account, r.Region, r.Parent, nonNil(r.Keys), []byte(r.Body)})
		for i, k := range r.Keys {
			if !slices.Contains(r.Keys[:i], k) {
				keys = append(keys, []any{string(r.Kind), k, r.ID})
				kinds, names = append(kinds, string(r.Kind)), append(names, k)
			}
		}
	}
	if err := t.bulk("dxsim_rows", []string{"kind", "id", "account", "region", "parent", "keys", "body"}, data); err != nil {
		return err
	}
	if err := t.bulk("dxsim_row_keys", []string{"kind", "key", "id"}, keys); err != nil || len(keys) == 0 {
		return err
	}
	_, err := t.exec(`INSERT INTO dxsim_key_counts (kind, key, n) SELECT kind, key, count(*) FROM unnest($1::text[], $2::text[]) AS k(kind, key) GROUP BY kind, key
		ON CONFLICT (kind, key) DO UPDATE SET n = dxsim_key_counts.n + excluded.n`, kinds, names)
	return err
}

// HoldPorts holds ports with COPY, an import's bulk path, keeping each
// device's free-port map: ErrExists if any port is held.
func (t *tx) HoldPorts(ports []store.Port) error {
	data := make([][]any, 0, len(ports))
	byDevice := map[string][]int{}
	for _, p := range ports {
		data = append(data, []any{p.Device, p.Port, p.Holder})
		byDevice[p.Device] = append(byDevice[p.Device], p.Port)
	}
	if err := t.bulk("dxsim_ports", []string{"device", "port", "holder"}, data); err != nil {
		return err
	}
	for device, held := range byDevice {
		slices.Sort(held)
		var next, have int
		err := t.queryRow([]any{&next, &have}, `SELECT next, held FROM dxsim_devices WHERE device = $1`, device)
		if errors.Is(err, pgx.ErrNoRows) {
			next, err = 1, nil
		}
		if err != nil {
			return err
		}
		var gone []int
		for _, p := range held {
			switch {
			case p > next:
				if _, err := t.exec(`INSERT INTO dxsim_free_ports (device, port) SELECT $1, g FROM generate_series($2::int, $3::int) AS g`, device, next, p-1); err != nil {
					return err
				}
				next = p + 1
			case p == next:
				next++
			default:
				gone = append(gone, p)
			}
		}
		if len(gone) > 0 {
			if _, err := t.exec(`DELETE FROM dxsim_free_ports WHERE device = $1 AND port = ANY($2::int[])`, device, gone); err != nil {
				return err
			}
		}
		if _, err := t.exec(`INSERT INTO dxsim_devices (device, next, held) VALUES ($1, $2, $3)
			ON CONFLICT (device) DO UPDATE SET next = excluded.next, held = excluded.held`, device, next, have+len(held)); err != nil {
			return err
		}
	}
	return nil
}

// bulk copies rows into table; a unique violation is ErrExists.
func (t *tx) bulk(table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return store.ErrExists
	}
	return t.note(err)
}

func (t *tx) Restore(s store.Snapshot) error {
	if _, err := t.exec(`TRUNCATE dxsim_rows, dxsim_row_keys, dxsim_key_counts, dxsim_ports, dxsim_devices, dxsim_free_ports`); err != nil {
		return err
	}
	rows := make([][]any, 0, len(s.Rows))
	var keys [][]any
	for _, r := range s.Rows {
		rows = append(rows, []any{string(r.Kind), r.ID, r.Account, r.Region, r.Parent, nonNil(r.Keys), []byte(r.Body)})
		for i, k := range r.Keys {
			if !slices.Contains(r.Keys[:i], k) {
				keys = append(keys, []any{string(r.Kind), k, r.ID})
			}
		}
	}
	if err := t.copy("dxsim_rows", []string{"kind", "id", "account", "region", "parent", "keys", "body"}, rows); err != nil {
		return err
	}
	if err := t.copy("dxsim_row_keys", []string{"kind", "key", "id"}, keys); err != nil {
		return err
	}
	if _, err := t.exec(`INSERT INTO dxsim_key_counts (kind, key, n) SELECT kind, key, count(*) FROM dxsim_row_keys GROUP BY kind, key`); err != nil {
		return err
	}
	ports := make([][]any, 0, len(s.Ports))
	for _, p := range s.Ports {
		ports = append(ports, []any{p.Device, p.Port, p.Holder})
	}
	if err := t.copy("dxsim_ports", []string{"device", "port", "holder"}, ports); err != nil {
		return err
	}
	var devices, free [][]any
	for _, d := range store.PortMaps(s.Ports) {
		devices = append(devices, []any{d.Device, d.Next, d.Held})
		for _, p := range d.Free {
			free = append(free, []any{d.Device, p})
		}
	}
	if err := t.copy("dxsim_devices", []string{"device", "next", "held"}, devices); err != nil {
		return err
	}
	if err := t.copy("dxsim_free_ports", []string{"device", "port"}, free); err != nil {
		return err
	}
	// Statistics of the new content, so that the planner keeps using the
	// indexes at once rather than after autovacuum comes by.
	_, err := t.exec(`ANALYZE dxsim_rows, dxsim_row_keys, dxsim_key_counts, dxsim_ports, dxsim_devices, dxsim_free_ports`)
	return err
}

func (t *tx) copy(table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("postgres: restoring %s: %w", table, t.note(err))
	}
	return nil
}
