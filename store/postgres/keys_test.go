package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
)

// TestPutKeepsKeysAndCounts puts rows again and again with key lists that
// overlap (keys kept, lost and gained at once, repeated, reordered) and
// deletes some: List and Count by key, from the key tables, must agree
// with the keys the rows list.
func TestPutKeepsKeysAndCounts(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []string{"a", "b", "c", "d"}
	for step := range 200 {
		id := fmt.Sprint("r", rng.IntN(5))
		var ks []string
		for range rng.IntN(4) {
			ks = append(ks, keys[rng.IntN(len(keys))])
		}
		err := s.Update(ctx, func(tx store.Tx) error {
			if rng.IntN(8) == 0 {
				if err := tx.Delete(store.Connections, id); err != store.ErrNotFound {
					return err
				}
				return nil
			}
			return tx.Put(store.Row{Kind: store.Connections, ID: id, Account: "1", Region: "r", Keys: ks, Body: []byte(`{}`)})
		})
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		s.View(ctx, func(tx store.Tx) error {
			rows, err := tx.List(store.Query{Kind: store.Connections})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				var want []string
				for _, r := range rows {
					if slices.Contains(r.Keys, k) {
						want = append(want, r.ID)
					}
				}
				got, err := tx.List(store.Query{Kind: store.Connections, Key: k})
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, r := range got {
					ids = append(ids, r.ID)
				}
				if fmt.Sprint(ids) != fmt.Sprint(want) {
					t.Fatalf("step %d (put %s %v): List by key %s = %v, want %v", step, id, ks, k, ids, want)
				}
				if n, err := tx.Count(store.Query{Kind: store.Connections, Key: k}); err != nil || n != len(want) {
					t.Fatalf("step %d (put %s %v): Count by key %s = %d, %v; want %d", step, id, ks, k, n, err, len(want))
				}
			}
			return nil
		})
	}
}
