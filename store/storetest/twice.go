package storetest

import (
	"context"
	"errors"

	"github.com/dxsim/dxsim/store"
)

// Twice wraps s so that every Update runs its function twice: once in a
// transaction that is rolled back, as a backend does on a conflict, then
// for real. Tests that serve a world on it fail where an update function
// is not safe to run more than once (it keeps state from its first run).
func Twice(s store.Store) store.Store { return twice{s} }

type twice struct{ store.Store }

var errRetry = errors.New("storetest: first run rolled back")

func (t twice) Update(ctx context.Context, fn func(store.Tx) error) error {
	err := t.Store.Update(ctx, func(tx store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRetry
	})
	if !errors.Is(err, errRetry) {
		return err
	}
	return t.Store.Update(ctx, fn)
}

// Check passes to the store if it is a store.Checker.
func (t twice) Check(ctx context.Context) error {
	if c, ok := t.Store.(store.Checker); ok {
		return c.Check(ctx)
	}
	return nil
}

// OnDamage passes to the store if it is a store.Checker.
func (t twice) OnDamage(f func(*store.Damage)) {
	if c, ok := t.Store.(store.Checker); ok {
		c.OnDamage(f)
	}
}
