package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// race runs fn(0) .. fn(n-1) at once and counts those that succeed. The
// races below run many Updates at once; an Update may fail with
// ErrConflict (nothing written), or be refused by the rule under test,
// but what succeeded must add up. Any other error fails t.
func race(t *testing.T, n int, fn func(i int) error) (ok int) {
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

// testRaceNoLostUpdate checks the contract's "Update runs its function in
// a serializable transaction" against lost updates: concurrent
// read-modify-writes of one row each leave their mark.
func testRaceNoLostUpdate(t *testing.T, s store.Store) {
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
}

// testRaceQuotaHolds checks the contract's serializable Update against
// write skew on Count: each update counts the rows of a key and inserts
// one more only under the limit, and write skew would let the count pass
// it.
func testRaceQuotaHolds(t *testing.T, s store.Store) {
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
}

// testRaceUniqueByList checks the contract's serializable Update against
// write skew on List, as VLAN uniqueness needs it: each update lists the
// rows under a parent and inserts its own only if none uses the same
// value.
func testRaceUniqueByList(t *testing.T, s store.Store) {
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
}

// testRacePortsNeverShared checks ClaimPort under the contract's
// serializable Update: concurrent claims never hand out one port twice or
// one out of 1..ports, and PortsInUse counts what is held.
func testRacePortsNeverShared(t *testing.T, s store.Store) {
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
}

// testConcurrentInsertsAllKept checks the contract's "a backend that
// detects a conflict ... rolls back and runs it again": concurrent
// Updates that conflict on nothing all succeed and all their rows are
// kept.
func testConcurrentInsertsAllKept(t *testing.T, s store.Store) {
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
}
