package postgres_test

import (
	"context"
	"testing"

	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
	"github.com/dxsim/dxsim/store/storetest"
)

func TestSuite(t *testing.T) {
	pgtest.Require(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestReopenKeepsSchema opens a database twice: the second open finds the
// tables made by the first and keeps their rows.
func TestReopenKeepsSchema(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, func(tx store.Tx) error {
		return tx.Insert(store.Row{Kind: store.Lags, ID: "dxlag-abcdefgh", Account: "1", Region: "r", Body: []byte(`{}`)})
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = postgres.Open(ctx, url); err != nil {
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
