package core_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/store"
)

// TestSettingsReadTogetherSeeTheTransactionsWrites: an operation's
// transaction reads the settings rows together once, and a read after its
// own write, delete or clear of them sees that write, as the store does.
func TestSettingsReadTogetherSeeTheTransactionsWrites(t *testing.T) {
	b, _ := purgeBase(t)
	ctx := context.Background()
	row := func(id, body string) store.Row {
		return store.Row{Kind: store.Settings, ID: id, Body: []byte(body)}
	}
	if err := b.Update(ctx, func(tx *core.Txn) error {
		return errors.Join(tx.Put(row("a", `{"v":1}`)), tx.Put(row("b", `{"v":1}`)))
	}); err != nil {
		t.Fatal(err)
	}
	body := func(tx *core.Txn, id string) string {
		r, err := tx.Get(store.Settings, id)
		if errors.Is(err, store.ErrNotFound) {
			return "missing"
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(r.Body)
	}
	err := b.Update(ctx, func(tx *core.Txn) error {
		if got := body(tx, "a"); got != `{"v":1}` {
			t.Errorf("a = %s, want the stored body", got)
		}
		if err := tx.Put(row("a", `{"v":2}`)); err != nil {
			return err
		}
		if got := body(tx, "a"); got != `{"v":2}` {
			t.Errorf("a after Put = %s, want the body just written", got)
		}
		if err := tx.Insert(row("c", `{"v":3}`)); err != nil {
			return err
		}
		if got := body(tx, "c"); got != `{"v":3}` {
			t.Errorf("c after Insert = %s, want the body just written", got)
		}
		if err := tx.Delete(store.Settings, "b"); err != nil {
			return err
		}
		if got := body(tx, "b"); got != "missing" {
			t.Errorf("b after Delete = %s, want missing", got)
		}
		if err := tx.Clear(); err != nil {
			return err
		}
		if got := body(tx, "a"); got != "missing" {
			t.Errorf("a after Clear = %s, want missing", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
