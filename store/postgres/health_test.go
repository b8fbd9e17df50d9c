package postgres_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
	"github.com/jackc/pgx/v5"
)

// altered opens a new schema with dxsim's tables, runs sql on it and
// returns what a second Open says.
// schemaThenSQL makes dxsim's schema in a database of its own, runs sql on
// it outside dxsim, and answers the database's URL and a connection to it
// (closed with the test).
func schemaThenSQL(t *testing.T, sql string) (string, *pgx.Conn) {
	t.Helper()
	u := pgtest.URL(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
	return u, conn
}

func altered(t *testing.T, sql string) error {
	t.Helper()
	ctx := context.Background()
	u, _ := schemaThenSQL(t, sql)
	s, err := postgres.Open(ctx, u)
	if err == nil {
		s.Close()
	}
	return err
}

func TestOpenRefusesASchemaChangedOutsideDxsim(t *testing.T) {
	pgtest.Require(t)
	for _, tc := range []struct {
		name, sql string
		parts     []string
	}{
		{"missing table", `DROP TABLE dxsim_ports`,
			[]string{"missing table dxsim_ports", "schema version 2", "dxsim_test_", "backup", "dxsim admin import"}},
		{"missing column", `ALTER TABLE dxsim_rows DROP COLUMN keys`,
			[]string{"dxsim_rows lacks column keys (text[])", "backup"}},
		{"changed column", `ALTER TABLE dxsim_rows ALTER COLUMN body TYPE text`,
			[]string{"column dxsim_rows.body is text, want bytea"}},
		{"collation", `ALTER TABLE dxsim_rows ALTER COLUMN id TYPE text COLLATE "POSIX"`,
			[]string{`column dxsim_rows.id is text COLLATE "POSIX", want text COLLATE "C"`}},
		{"missing index", `DROP INDEX dxsim_rows_owner`,
			[]string{"missing index dxsim_rows_owner (CREATE INDEX dxsim_rows_owner ON dxsim_rows (kind, account, region, id))", "Only indexes differ"}},
		{"missing primary key", `ALTER TABLE dxsim_devices DROP CONSTRAINT dxsim_devices_pkey`,
			[]string{"missing index dxsim_devices_pkey (ALTER TABLE dxsim_devices ADD PRIMARY KEY (device))"}},
		{"wrong index", `DROP INDEX dxsim_rows_owner; CREATE INDEX dxsim_rows_owner ON dxsim_rows (region)`,
			[]string{"index dxsim_rows_owner is", "want it on dxsim_rows (kind, account, region, id)"}},
		{"index not partial", `DROP INDEX dxsim_rows_parent; CREATE INDEX dxsim_rows_parent ON dxsim_rows (kind, parent, id)`,
			[]string{"index dxsim_rows_parent is", "want it on dxsim_rows (kind, parent, id) WHERE parent <> ''"}},
		{"other partial index", `DROP INDEX dxsim_rows_parent; CREATE INDEX dxsim_rows_parent ON dxsim_rows (kind, parent, id) WHERE parent <> 'x'`,
			[]string{"index dxsim_rows_parent is", "want it on dxsim_rows (kind, parent, id) WHERE parent <> ''"}},
		{"missing partial index", `DROP INDEX dxsim_rows_parent`,
			[]string{"missing index dxsim_rows_parent (CREATE INDEX dxsim_rows_parent ON dxsim_rows (kind, parent, id) WHERE parent <> '')", "Only indexes differ"}},
		{"newer version", `UPDATE dxsim_schema SET version = 99`,
			[]string{"schema version 99, newer than this dxsim's 2", "run a newer dxsim"}},
		{"two versions", `INSERT INTO dxsim_schema VALUES (1)`,
			[]string{"dxsim_schema holds 2 schema versions, want one"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := altered(t, tc.sql)
			if err == nil {
				t.Fatalf("Open after %s succeeded, want it refused", tc.sql)
			}
			for _, p := range tc.parts {
				if !strings.Contains(err.Error(), p) {
					t.Errorf("Open after %s: %v\nwant it to mention %q", tc.sql, err, p)
				}
			}
		})
	}
}

// TestOpenMigratesVersion1 opens the tables of schema version 1 (an index
// dxsim_rows_region, dxsim_rows_parent over every row): Open replaces the
// indexes with those of version 2 and keeps the rows.
func TestOpenMigratesVersion1(t *testing.T) {
	pgtest.Require(t)
	ctx := context.Background()
	u, conn := schemaThenSQL(t, `INSERT INTO dxsim_rows VALUES ('connection', 'dxcon-aaaaaaaa', '1', 'r', 'dxlag-aaaaaaaa', '{}', '{}');
DROP INDEX dxsim_rows_parent;
CREATE INDEX dxsim_rows_region ON dxsim_rows (kind, region, id);
CREATE INDEX dxsim_rows_parent ON dxsim_rows (kind, parent, id);
UPDATE dxsim_schema SET version = 1`)
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatalf("Open of a version 1 schema: %v", err)
	}
	defer s.Close()
	s.View(ctx, func(tx store.Tx) error {
		if rows, err := tx.List(store.Query{Kind: store.Connections, Parent: "dxlag-aaaaaaaa"}); err != nil || len(rows) != 1 {
			t.Errorf("List by parent = %v, %v; want the row of version 1", rows, err)
		}
		return nil
	})
	var version, region int
	var def string
	if err := conn.QueryRow(ctx, `SELECT (SELECT version FROM dxsim_schema),
		(SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'dxsim_rows_region'),
		(SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'dxsim_rows_parent')`).Scan(&version, &region, &def); err != nil {
		t.Fatal(err)
	}
	if version != 2 || region != 0 || !strings.HasSuffix(def, "WHERE (parent <> ''::text)") {
		t.Errorf("after migrating: version %d, %d dxsim_rows_region, dxsim_rows_parent %q; want version 2, none, a partial index", version, region, def)
	}
}

// proxy forwards loopback connections to a PostgreSQL server until cut.
type proxy struct {
	ln    net.Listener
	to    string
	down  atomic.Bool
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, to string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, to: to}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if p.down.Load() {
				c.Close()
				continue
			}
			s, err := net.Dial("tcp", to)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	return p
}

// cut closes every forwarded connection.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestCheckFollowsTheDatabase opens a store through a proxy and cuts it:
// Check fails (not as damage) while the database cannot be reached, and
// passes again once it can.
func TestCheckFollowsTheDatabase(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := startProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	ctx := context.Background()
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check: %v", err)
	}
	p.down.Store(true)
	p.cut()
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.Check(short); err == nil || errors.Is(err, store.ErrDamaged) {
		t.Errorf("Check of a database that cannot be reached: %v; want an error that is not damage", err)
	}
	p.down.Store(false)
	if err := s.Check(ctx); err != nil {
		t.Errorf("Check once the database can be reached again: %v", err)
	}
}

// TestDamageIsReportedOnce: statements PostgreSQL answers with
// index_corrupted (here raised by a trigger) fail with store.ErrDamaged,
// OnDamage is told once, and Check reports the damage from then on.
func TestDamageIsReportedOnce(t *testing.T) {
	u := pgtest.URL(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `
CREATE FUNCTION damaged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'index "dxsim_rows_owner" contains unexpected zero page' USING ERRCODE = 'XX002'; END $$;
CREATE TRIGGER damaged BEFORE INSERT ON dxsim_rows FOR EACH ROW EXECUTE FUNCTION damaged();`); err != nil {
		t.Fatal(err)
	}
	var told atomic.Int32
	s.OnDamage(func(*store.Damage) { told.Add(1) })
	for i := range 3 {
		err := s.Update(ctx, func(tx store.Tx) error {
			return tx.Insert(store.Row{Kind: store.Lags, ID: "dxlag-0000000" + string(rune('a'+i)), Account: "1", Region: "r", Body: []byte(`{}`)})
		})
		if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "unexpected zero page") {
			t.Errorf("Insert PostgreSQL answers with index_corrupted: %v; want store.ErrDamaged", err)
		}
	}
	if n := told.Load(); n != 1 {
		t.Errorf("OnDamage told %d times, want once", n)
	}
	if err := s.Check(ctx); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Check after damage: %v; want store.ErrDamaged", err)
	}
}
