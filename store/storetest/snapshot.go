package storetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// testDumpRestoreRoundTrip checks Tx.Dump, Tx.Restore and Tx.Scan across
// two stores: Dump reads every row and held port, Restore replaces
// everything in another store with them (nothing from before survives),
// and Scan streams what Dump reads, in its order.
func testDumpRestoreRoundTrip(t *testing.T, open func(t *testing.T) store.Store) {
	src, dst := open(t), open(t)
	var snap store.Snapshot
	src.Update(ctx, func(tx store.Tx) error {
		tx.Insert(row("a", "1", "lag1"))
		tx.Insert(store.Row{Kind: store.Lags, ID: "lag1", Account: "1", Body: []byte(`{}`)})
		tx.ClaimPort("dev", 4, "a")
		var err error
		snap, err = tx.Dump()
		return err
	})
	if len(snap.Rows) != 2 || len(snap.Ports) != 1 {
		t.Fatalf("Dump = %+v, want 2 rows and 1 port", snap)
	}
	dst.Update(ctx, func(tx store.Tx) error {
		tx.Insert(row("stale", "9", ""))
		tx.ClaimPort("dev", 4, "stale")
		tx.ClaimPort("dev", 4, "stale")
		if err := tx.Restore(snap); err != nil {
			t.Fatalf("Restore: %v", err)
		}
		return nil
	})
	dst.View(ctx, func(tx store.Tx) error {
		got, err := tx.Dump()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(snap) {
			t.Errorf("after Restore, Dump = %+v, want %+v", got, snap)
		}
		scanned := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
		err = tx.Scan(func(r store.Row) error { scanned.Rows = append(scanned.Rows, r); return nil },
			func(p store.Port) error { scanned.Ports = append(scanned.Ports, p); return nil })
		if err != nil || fmt.Sprint(scanned) != fmt.Sprint(got) {
			t.Errorf("Scan = %+v, %v; want what Dump reads, %+v", scanned, err, got)
		}
		if _, err := tx.Get(store.Connections, "stale"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a row from before Restore survived: %v", err)
		}
		return nil
	})
}
