package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
	"github.com/dxsim/dxsim/store/storetest"
)

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(filepath.Join(t.TempDir(), "dxsim.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestFileKeepsWritesAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.Update(ctx, func(tx store.Tx) error {
		return tx.Insert(store.Row{Kind: store.Lags, ID: "dxlag-abcdefgh", Account: "1", Region: "r", Body: []byte(`{}`)})
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.View(ctx, func(tx store.Tx) error {
		if _, err := tx.Get(store.Lags, "dxlag-abcdefgh"); err != nil {
			t.Errorf("row written before reopening: %v", err)
		}
		return nil
	})
}

// TestMigratesOlderDatabase opens a database of an older dxsim (rows
// without keys, ports without a free map): it keeps the rows and hands out
// the free ports lowest first (the service then derives the rows' keys).
func TestMigratesOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`
CREATE TABLE rows (kind TEXT NOT NULL, id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, parent TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE ports (device TEXT NOT NULL, port INTEGER NOT NULL, holder TEXT NOT NULL, PRIMARY KEY (device, port));
INSERT INTO rows VALUES ('connection', 'dxcon-aaaaaaaa', '1', 'r', '', X'7B7D');
INSERT INTO ports VALUES ('dev', 1, 'a'), ('dev', 2, 'b'), ('dev', 4, 'c');`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Update(context.Background(), func(tx store.Tx) error {
		if _, err := tx.Get(store.Connections, "dxcon-aaaaaaaa"); err != nil {
			t.Errorf("row of the older database: %v", err)
		}
		if n, _ := tx.PortsInUse("dev"); n != 3 {
			t.Errorf("PortsInUse = %d, want 3", n)
		}
		for _, want := range []int{3, 5} {
			if p, err := tx.ClaimPort("dev", 10, "x"); p != want || err != nil {
				t.Errorf("ClaimPort = %d, %v; want %d", p, err, want)
			}
		}
		return nil
	})
}

// TestMigratesVersion1 opens a database of schema version 1 (an index
// rows_region, rows_parent over every row): it keeps the rows and ports and
// replaces the indexes with those of the current version.
func TestMigratesVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.Update(ctx, func(tx store.Tx) error {
		for _, r := range []store.Row{
			{Kind: store.Lags, ID: "dxlag-aaaaaaaa", Account: "1", Region: "r", Body: []byte(`{}`)},
			{Kind: store.Connections, ID: "dxcon-aaaaaaaa", Account: "1", Region: "r", Parent: "dxlag-aaaaaaaa", Body: []byte(`{}`)},
			{Kind: store.Connections, ID: "dxcon-bbbbbbbb", Account: "2", Region: "r", Body: []byte(`{}`)},
		} {
			if err := tx.Insert(r); err != nil {
				return err
			}
		}
		_, err := tx.ClaimPort("dev", 10, "dxcon-aaaaaaaa")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP INDEX rows_parent;
CREATE INDEX rows_region ON rows (kind, region, id);
CREATE INDEX rows_parent ON rows (kind, parent, id);
PRAGMA user_version = 1;`); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.View(ctx, func(tx store.Tx) error {
		for _, q := range []store.Query{{Kind: store.Connections, Parent: "dxlag-aaaaaaaa"}, {Kind: store.Connections, Region: "r", After: "dxcon-aaaaaaaa"}} {
			if rows, err := tx.List(q); err != nil || len(rows) != 1 {
				t.Errorf("List(%+v) = %v, %v; want one row", q, rows, err)
			}
		}
		if n, _ := tx.PortsInUse("dev"); n != 1 {
			t.Errorf("PortsInUse = %d, want 1", n)
		}
		return nil
	})
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != 2 {
		t.Errorf("user_version = %d, %v; want 2", version, err)
	}
	var n int
	var def string
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'rows_region'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("rows_region: %d, %v; want it dropped", n, err)
	}
	if err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'rows_parent'`).Scan(&def); err != nil || !strings.HasSuffix(def, "WHERE parent != ''") {
		t.Errorf("rows_parent is %q, %v; want it partial", def, err)
	}
}
