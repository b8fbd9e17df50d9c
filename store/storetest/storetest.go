// Package storetest is the suite every store backend must pass.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// errRefused is a rule refusing an update in the races below.
var errRefused = errors.New("refused by the rule under test")

// ctx is the context of every Update and View of the suite.
var ctx = context.Background()

// tests is the contract every backend passes, one named check a row, each
// run on a fresh store. A check that needs more than one store sets
// runOpen instead of run and opens its own.
var tests = []struct {
	name    string
	run     func(t *testing.T, s store.Store)
	runOpen func(t *testing.T, open func(t *testing.T) store.Store)
}{
	{name: "InsertGetPutDelete", run: testInsertGetPutDelete},
	{name: "FailedUpdateChangesNothing", run: testFailedUpdateChangesNothing},
	{name: "ListFiltersAndPages", run: testListFiltersAndPages},
	{name: "KeysFindAndCount", run: testKeysFindAndCount},
	{name: "PortsLowestFreeFirst", run: testPortsLowestFreeFirst},
	{name: "ClearAndHoldPorts", run: testClearAndHoldPorts},
	{name: "MissingIsNotFound", run: testMissingIsNotFound},
	{name: "PortsAreFinite", run: testPortsAreFinite},
	{name: "DumpRestoreRoundTrip", runOpen: testDumpRestoreRoundTrip},
	{name: "EachWalksEveryPage", run: testEachWalksEveryPage},
	{name: "PanicInUpdateReachesItsCallerAndWritesNothing", run: testPanicInUpdateReachesItsCallerAndWritesNothing},
	{name: "UpdateAfterCloseFails", run: testUpdateAfterCloseFails},
}

// Run runs the suite against stores made by open, one fresh store a test.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.runOpen != nil {
				tc.runOpen(t, open)
				return
			}
			tc.run(t, open(t))
		})
	}
	ctx := context.Background()
	row := func(id, account, parent string) store.Row {
		return store.Row{Kind: store.Connections, ID: id, Account: account, Region: "us-east-1", Parent: parent, Body: []byte(`{"id":"` + id + `"}`)}
	}

	// The races below run many Updates at once; an Update may fail with
	// ErrConflict (nothing written), but what succeeded must add up.
	race := func(t *testing.T, n int, fn func(i int) error) (ok int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := fn(i)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, store.ErrConflict), errors.Is(err, errRefused):
				default:
					t.Errorf("update %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		return ok
	}

	t.Run("RaceNoLostUpdate", func(t *testing.T) {
		s := open(t)
		s.Update(ctx, func(tx store.Tx) error { return tx.Insert(row("counter", "1", "")) })
		ok := race(t, 16, func(int) error {
			return s.Update(ctx, func(tx store.Tx) error {
				r, err := tx.Get(store.Connections, "counter")
				if err != nil {
					return err
				}
				r.Body = append(r.Body[:len(r.Body):len(r.Body)], ' ') // one more byte per update
				return tx.Put(r)
			})
		})
		s.View(ctx, func(tx store.Tx) error {
			r, _ := tx.Get(store.Connections, "counter")
			if got := len(r.Body) - len(`{"id":"counter"}`); got != ok {
				t.Errorf("%d updates succeeded but the row counts %d", ok, got)
			}
			return nil
		})
	})

	t.Run("RaceQuotaHolds", func(t *testing.T) {
		// Each update counts the rows of a key and inserts one more only
		// under the limit: write skew would let the count pass it.
		s := open(t)
		const limit = 3
		race(t, 16, func(i int) error {
			return s.Update(ctx, func(tx store.Tx) error {
				n, err := tx.Count(store.Query{Kind: store.Connections, Account: "1", Key: "quota"})
				if err != nil {
					return err
				}
				if n >= limit {
					return errRefused
				}
				r := row(fmt.Sprintf("q%02d", i), "1", "")
				r.Keys = []string{"quota"}
				return tx.Insert(r)
			})
		})
		s.View(ctx, func(tx store.Tx) error {
			if n, _ := tx.Count(store.Query{Kind: store.Connections, Key: "quota"}); n != limit {
				t.Errorf("%d rows under a limit of %d after a race", n, limit)
			}
			return nil
		})
	})

	t.Run("RaceUniqueByList", func(t *testing.T) {
		// VLAN uniqueness: each update lists the rows under a parent and
		// inserts its own only if none uses the same value.
		s := open(t)
		race(t, 12, func(i int) error {
			return s.Update(ctx, func(tx store.Tx) error {
				rows, err := tx.List(store.Query{Kind: store.VirtualInterfaces, Parent: "dxcon-1"})
				if err != nil {
					return err
				}
				vlan := fmt.Sprintf(`{"vlan":%d}`, 100+i%3)
				for _, r := range rows {
					if string(r.Body) == vlan {
						return errRefused
					}
				}
				return tx.Insert(store.Row{Kind: store.VirtualInterfaces, ID: fmt.Sprintf("v%02d", i), Parent: "dxcon-1", Body: []byte(vlan)})
			})
		})
		s.View(ctx, func(tx store.Tx) error {
			rows, _ := tx.List(store.Query{Kind: store.VirtualInterfaces, Parent: "dxcon-1"})
			seen := map[string]bool{}
			for _, r := range rows {
				if seen[string(r.Body)] {
					t.Errorf("two rows hold %s after a race", r.Body)
				}
				seen[string(r.Body)] = true
			}
			if len(rows) != 3 {
				t.Errorf("%d rows, want one for each of 3 values", len(rows))
			}
			return nil
		})
	})

	t.Run("RacePortsNeverShared", func(t *testing.T) {
		s := open(t)
		const capacity = 10
		ok := race(t, 16, func(i int) error {
			return s.Update(ctx, func(tx store.Tx) error {
				_, err := tx.ClaimPort("dev", capacity, fmt.Sprintf("h%02d", i))
				if errors.Is(err, store.ErrNoFreePort) {
					return errRefused
				}
				return err
			})
		})
		s.View(ctx, func(tx store.Tx) error {
			snap, _ := tx.Dump()
			seen := map[int]bool{}
			for _, p := range snap.Ports {
				if seen[p.Port] || p.Port < 1 || p.Port > capacity {
					t.Errorf("port %d handed out twice or out of range", p.Port)
				}
				seen[p.Port] = true
			}
			if len(snap.Ports) != ok || ok > capacity {
				t.Errorf("%d claims succeeded, %d ports held, capacity %d", ok, len(snap.Ports), capacity)
			}
			if n, _ := tx.PortsInUse("dev"); n != len(snap.Ports) {
				t.Errorf("PortsInUse = %d, %d held", n, len(snap.Ports))
			}
			return nil
		})
	})

	t.Run("ConcurrentInsertsAllKept", func(t *testing.T) {
		s := open(t)
		const writers, each = 8, 25
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					id := fmt.Sprintf("w%d-%03d", w, i)
					if err := s.Update(ctx, func(tx store.Tx) error { return tx.Insert(row(id, "1", "")) }); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		s.View(ctx, func(tx store.Tx) error {
			rows, _ := tx.List(store.Query{Kind: store.Connections})
			if len(rows) != writers*each {
				t.Errorf("%d rows after %d concurrent inserts", len(rows), writers*each)
			}
			return nil
		})
	})
}

// row is a connection of account with parent, whose body holds its ID.
func row(id, account, parent string) store.Row {
	return store.Row{Kind: store.Connections, ID: id, Account: account, Region: "us-east-1", Parent: parent, Body: []byte(`{"id":"` + id + `"}`)}
}
