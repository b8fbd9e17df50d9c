package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
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
