package storetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// testInsertGetPutDelete checks the row methods of Tx: Insert of a kind
// and ID that is taken returns ErrExists, Put inserts or replaces, Get
// finds a row by kind and ID only, and Delete removes it, after which it
// is missing (ErrNotFound).
func testInsertGetPutDelete(t *testing.T, s store.Store) {
	err := s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Insert(row("a", "111111111111", "")); err != nil {
			return err
		}
		if err := tx.Insert(row("a", "111111111111", "")); !errors.Is(err, store.ErrExists) {
			return fmt.Errorf("second insert: got %v, want ErrExists", err)
		}
		r := row("a", "111111111111", "lag")
		r.Body = []byte(`{"v":2}`)
		return tx.Put(r)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.View(ctx, func(tx store.Tx) error {
		r, err := tx.Get(store.Connections, "a")
		if err != nil || string(r.Body) != `{"v":2}` || r.Parent != "lag" || r.Account != "111111111111" {
			t.Errorf("Get after Put = %+v, %v", r, err)
		}
		if _, err := tx.Get(store.Lags, "a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get of another kind: %v, want ErrNotFound", err)
		}
		return nil
	})
	s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Delete(store.Connections, "a"); err != nil {
			t.Errorf("Delete: %v", err)
		}
		if err := tx.Delete(store.Connections, "a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second Delete: %v, want ErrNotFound", err)
		}
		return nil
	})
}

// testMissingIsNotFound checks the contract's "Get and Delete of a missing
// kind and ID return ErrNotFound; List of a query nothing matches returns
// an empty slice and no error".
func testMissingIsNotFound(t *testing.T, s store.Store) {
	s.View(ctx, func(tx store.Tx) error {
		if _, err := tx.Get(store.Lags, "nothing"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get of a missing row: %v, want ErrNotFound", err)
		}
		rows, err := tx.List(store.Query{Kind: store.Lags})
		if err != nil || rows == nil || len(rows) != 0 {
			t.Errorf("List of nothing = %#v, %v; want an empty slice", rows, err)
		}
		return nil
	})
	err := s.Update(ctx, func(tx store.Tx) error { return tx.Delete(store.Lags, "nothing") })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Delete of a missing row: %v, want ErrNotFound", err)
	}
}
