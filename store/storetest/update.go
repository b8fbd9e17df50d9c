package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

// testCanceledUpdateLeavesOthersWhole checks the contract's "an Update's
// failure changes nothing but its own writes" when the failure is its
// context ending mid-transaction (a client hanging up): Updates canceled
// while they write fail and keep nothing, and the Updates running beside
// them, in the same commit or not, succeed and keep everything. (SQLite
// rolls a whole transaction back when a write statement is interrupted;
// server's TestAClientThatHangsUpIsNotAServerFault meets that case, which
// needs a statement long enough for the interrupt to land.)
func testCanceledUpdateLeavesOthersWhole(t *testing.T, s store.Store) {
	// The canceled Updates write long enough for the cancel to land
	// while a statement runs.
	const writers, each, rowsEach, canceledRows = 8, 12, 5, 300
	var wg sync.WaitGroup
	var kept atomic.Int64
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				uctx, cancel := context.WithCancel(ctx)
				canceled := (w+i)%2 == 0
				if canceled {
					// Canceled at some point of its writes.
					go func() { time.Sleep(time.Duration(i%8) * 250 * time.Microsecond); cancel() }()
				}
				err := s.Update(uctx, func(tx store.Tx) error {
					n := rowsEach
					if canceled {
						n = canceledRows
					}
					for r := range n {
						if err := tx.Insert(row(fmt.Sprintf("w%d-%02d-%03d", w, i, r), "1", "")); err != nil {
							return err
						}
					}
					if canceled {
						// However fast the writes, this one ends canceled.
						cancel()
						return uctx.Err()
					}
					return nil
				})
				cancel()
				switch {
				case canceled && err == nil:
					t.Errorf("a canceled Update succeeded")
				case !canceled && err != nil:
					t.Errorf("an Update beside canceled ones failed: %v", err)
				case !canceled:
					kept.Add(rowsEach)
				}
			}
		}()
	}
	wg.Wait()
	s.View(ctx, func(tx store.Tx) error {
		rows, err := tx.List(store.Query{Kind: store.Connections})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) != kept.Load() {
			t.Errorf("%d rows stored; the Updates that succeeded wrote %d", len(rows), kept.Load())
		}
		return nil
	})
}
