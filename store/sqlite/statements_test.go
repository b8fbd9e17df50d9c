package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// TestStatementsPerUpdate counts the statements the writer runs for an
// Update alone in its batch: no savepoint, and a Put that keeps the row's
// keys is one statement.
func TestStatementsPerUpdate(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "dxsim.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	r := store.Row{Kind: store.Connections, ID: "dxcon-aaaaaaaa", Account: "1", Region: "r", Keys: []string{"k"}, Body: []byte(`{}`)}
	for _, c := range []struct {
		name string
		fn   func(store.Tx) error
		want uint64
	}{
		{"Insert of a row with a key", func(tx store.Tx) error { return tx.Insert(r) }, 5},                     // BEGIN, rows, row_keys, key_counts, COMMIT
		{"Put keeping the keys", func(tx store.Tx) error { return tx.Put(r) }, 3},                              // BEGIN, UPDATE, COMMIT
		{"Put of a new row", func(tx store.Tx) error { r := r; r.ID = "dxcon-bbbbbbbb"; return tx.Put(r) }, 7}, // BEGIN, UPDATE, SELECT, upsert, row_keys, key_counts, COMMIT
		{"failing Update", func(tx store.Tx) error { return tx.Insert(r) }, 3},                                 // BEGIN, rows, ROLLBACK
	} {
		before := s.conn.statements
		s.Update(ctx, c.fn)
		if got := s.conn.statements - before; got != c.want {
			t.Errorf("%s: %d statements, want %d", c.name, got, c.want)
		}
	}
	var got []store.Row
	if err := s.View(ctx, func(tx store.Tx) error {
		var err error
		got, err = tx.List(store.Query{Kind: store.Connections, Key: "k"})
		return err
	}); err != nil || len(got) != 2 {
		t.Errorf("rows with key k: %v, %v; want 2", got, err)
	}
}
