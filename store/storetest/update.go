package storetest

import (
	"errors"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// testFailedUpdateChangesNothing checks the contract's "if the function
// returns an error, nothing it wrote is kept and Update returns that error
// unchanged": neither its row nor its port survives.
func testFailedUpdateChangesNothing(t *testing.T, s store.Store) {
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		tx.Insert(row("a", "1", ""))
		tx.ClaimPort("dev", 4, "a")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want the function's error", err)
	}
	s.View(ctx, func(tx store.Tx) error {
		if _, err := tx.Get(store.Connections, "a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("row of a failed update is visible: %v", err)
		}
		if n, _ := tx.PortsInUse("dev"); n != 0 {
			t.Errorf("port of a failed update is held: %d in use", n)
		}
		return nil
	})
}

// testPanicInUpdateReachesItsCallerAndWritesNothing checks that Update's
// transaction holds when its function panics: the panic reaches Update's
// caller, nothing the function wrote is kept, and the store takes further
// Updates.
func testPanicInUpdateReachesItsCallerAndWritesNothing(t *testing.T, s store.Store) {
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v from an Update whose function panicked, want its panic", p)
			}
		}()
		s.Update(ctx, func(tx store.Tx) error {
			if err := tx.Insert(row("a", "1", "")); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Insert(row("b", "1", "")) }); err != nil {
		t.Fatalf("an Update after the panic: %v", err)
	}
	s.View(ctx, func(tx store.Tx) error {
		if _, err := tx.Get(store.Connections, "a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the panicking Update's row: %v, want ErrNotFound", err)
		}
		return nil
	})
}

// testUpdateAfterCloseFails checks Store.Close: an Update on a closed
// store returns an error.
func testUpdateAfterCloseFails(t *testing.T, s store.Store) {
	s.Close()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Insert(row("a", "1", "")) }); err == nil {
		t.Error("Update on a closed store succeeded")
	}
}
