package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
)

// TestViewPanicGivesBackItsConnection panics in more Views than the pool
// has connections: each View's connection must go back (else the next
// View waits for one forever and Close hangs).
func TestViewPanicGivesBackItsConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := postgres.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	for range 40 {
		func() {
			defer func() { recover() }()
			s.View(ctx, func(tx store.Tx) error {
				tx.Get(store.Lags, "x")
				panic("fn")
			})
		}()
	}
	if err := s.View(ctx, func(tx store.Tx) error {
		_, err := tx.Get(store.Lags, "x")
		if err == store.ErrNotFound {
			err = nil
		}
		return err
	}); err != nil {
		t.Fatalf("View after panicking Views: %v", err)
	}
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-ctx.Done():
		t.Fatal("Close hangs: a View kept its connection")
	}
}

// TestIdleReadEnds leaves a read transaction to end on its own: the
// TRUNCATE of Clear, which waits for the locks of every open transaction
// that read the tables, then goes through.
func TestIdleReadEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := postgres.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 3 {
		if err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.List(store.Query{Kind: store.Connections})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Clear() }); err != nil {
		t.Fatalf("Clear after Views: %v", err)
	}
}
