package sqlite_test

import (
	"context"
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
