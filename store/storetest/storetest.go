// Package storetest is the suite every store backend must pass.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	{name: "MissingIsNotFound", run: testMissingIsNotFound},
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

	t.Run("ListFiltersAndPages", func(t *testing.T) {
		s := open(t)
		s.Update(ctx, func(tx store.Tx) error {
			for i, id := range []string{"c", "a", "e", "b", "d"} {
				acct := "1"
				if i == 4 {
					acct = "2"
				}
				parent := ""
				if id == "a" || id == "e" {
					parent = "lag1"
				}
				if err := tx.Insert(row(id, acct, parent)); err != nil {
					t.Fatal(err)
				}
			}
			return nil
		})
		s.View(ctx, func(tx store.Tx) error {
			ids := func(q store.Query) string {
				rows, err := tx.List(q)
				if err != nil {
					t.Fatal(err)
				}
				out := ""
				for _, r := range rows {
					out += r.ID
				}
				return out
			}
			for _, c := range []struct {
				q    store.Query
				want string
			}{
				{store.Query{Kind: store.Connections}, "abcde"},
				{store.Query{Kind: store.Connections, Account: "1"}, "abce"},
				{store.Query{Kind: store.Connections, Parent: "lag1"}, "ae"},
				{store.Query{Kind: store.Connections, Account: "1", Limit: 2}, "ab"},
				{store.Query{Kind: store.Connections, Account: "1", After: "b", Limit: 2}, "ce"},
				{store.Query{Kind: store.Connections, Region: "eu-west-1"}, ""},
				{store.Query{Kind: store.Lags}, ""},
			} {
				if got := ids(c.q); got != c.want {
					t.Errorf("List(%+v) = %q, want %q", c.q, got, c.want)
				}
			}
			return nil
		})
	})

	t.Run("KeysFindAndCount", func(t *testing.T) {
		s := open(t)
		keyed := func(id, account string, keys ...string) store.Row {
			r := row(id, account, "")
			r.Keys = keys
			return r
		}
		err := s.Update(ctx, func(tx store.Tx) error {
			for _, r := range []store.Row{keyed("a", "1", "x", "y"), keyed("b", "1", "x"), keyed("c", "2", "x"), keyed("d", "1")} {
				if err := tx.Insert(r); err != nil {
					return err
				}
			}
			// Put replaces the keys: b leaves x for z.
			return tx.Put(keyed("b", "1", "z"))
		})
		if err != nil {
			t.Fatal(err)
		}
		s.View(ctx, func(tx store.Tx) error {
			for _, c := range []struct {
				q    store.Query
				want string
			}{
				{store.Query{Kind: store.Connections, Key: "x"}, "ac"},
				{store.Query{Kind: store.Connections, Key: "x", Account: "1"}, "a"},
				{store.Query{Kind: store.Connections, Key: "z"}, "b"},
				{store.Query{Kind: store.Connections, Key: "y", After: "a"}, ""},
				{store.Query{Kind: store.Connections, Key: "nothing"}, ""},
				{store.Query{Kind: store.Lags, Key: "x"}, ""},
			} {
				rows, err := tx.List(c.q)
				if err != nil {
					t.Fatal(err)
				}
				if rows == nil {
					t.Errorf("List(%+v) = nil, want an empty slice", c.q)
				}
				got := ""
				for _, r := range rows {
					got += r.ID
				}
				if got != c.want {
					t.Errorf("List(%+v) = %q, want %q", c.q, got, c.want)
				}
				if n, err := tx.Count(c.q); err != nil || n != len(c.want) {
					t.Errorf("Count(%+v) = %d, %v; want %d", c.q, n, err, len(c.want))
				}
			}
			if n, _ := tx.Count(store.Query{Kind: store.Connections, Account: "1"}); n != 3 {
				t.Errorf("Count of account 1 = %d, want 3", n)
			}
			if r, _ := tx.Get(store.Connections, "a"); fmt.Sprint(r.Keys) != "[x y]" {
				t.Errorf("Get returns keys %v, want [x y]", r.Keys)
			}
			return nil
		})
		s.Update(ctx, func(tx store.Tx) error {
			if err := tx.Delete(store.Connections, "a"); err != nil {
				t.Fatal(err)
			}
			if n, _ := tx.Count(store.Query{Kind: store.Connections, Key: "x"}); n != 1 {
				t.Errorf("after Delete, Count by key = %d, want 1", n)
			}
			// A row that lists a key twice counts once.
			if err := tx.Put(keyed("e", "1", "x", "x")); err != nil {
				t.Fatal(err)
			}
			if n, _ := tx.Count(store.Query{Kind: store.Connections, Key: "x"}); n != 2 {
				t.Errorf("Count by key = %d, want 2", n)
			}
			snap, err := tx.Dump()
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.Restore(snap); err != nil {
				t.Fatal(err)
			}
			for key, want := range map[string]int{"x": 2, "z": 1, "y": 0} {
				if n, _ := tx.Count(store.Query{Kind: store.Connections, Key: key}); n != want {
					t.Errorf("after Restore, Count by key %s = %d, want %d", key, n, want)
				}
			}
			return nil
		})
	})

	t.Run("PortsLowestFreeFirst", func(t *testing.T) {
		s := open(t)
		s.Update(ctx, func(tx store.Tx) error {
			for range 6 {
				tx.ClaimPort("dev", 10, "x")
			}
			tx.ReleasePort("dev", 5)
			tx.ReleasePort("dev", 2)
			tx.ReleasePort("dev", 2) // a free port released again changes nothing
			for _, want := range []int{2, 5, 7} {
				if p, err := tx.ClaimPort("dev", 10, "y"); err != nil || p != want {
					t.Errorf("ClaimPort = %d, %v; want %d", p, err, want)
				}
			}
			if n, _ := tx.PortsInUse("dev"); n != 7 {
				t.Errorf("PortsInUse = %d, want 7", n)
			}
			if n, _ := tx.PortsInUse("never-used"); n != 0 {
				t.Errorf("PortsInUse of an unused device = %d", n)
			}
			return nil
		})
		// A restored snapshot keeps the free ports below the highest held.
		var snap store.Snapshot
		s.View(ctx, func(tx store.Tx) error { snap, _ = tx.Dump(); return nil })
		snap.Ports = slices.DeleteFunc(snap.Ports, func(p store.Port) bool { return p.Port == 3 })
		s.Update(ctx, func(tx store.Tx) error {
			if err := tx.Restore(snap); err != nil {
				t.Fatal(err)
			}
			if p, err := tx.ClaimPort("dev", 10, "z"); err != nil || p != 3 {
				t.Errorf("after Restore, ClaimPort = %d, %v; want 3", p, err)
			}
			if p, err := tx.ClaimPort("dev", 10, "z"); err != nil || p != 8 {
				t.Errorf("after Restore, ClaimPort = %d, %v; want 8", p, err)
			}
			return nil
		})
	})

	t.Run("ClearAndHoldPorts", func(t *testing.T) {
		// An import clears the store and holds the ports it lists, in any
		// order: the free-port map follows.
		s := open(t)
		s.Update(ctx, func(tx store.Tx) error {
			tx.Insert(row("a", "1", ""))
			tx.ClaimPort("dev", 10, "a")
			if err := tx.Clear(); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Get(store.Connections, "a"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a row survived Clear: %v", err)
			}
			for _, p := range []int{2, 5, 3} {
				if err := tx.HoldPort(store.Port{Device: "dev", Port: p, Holder: "h"}); err != nil {
					t.Fatal(err)
				}
			}
			if err := tx.HoldPort(store.Port{Device: "dev", Port: 3, Holder: "h"}); !errors.Is(err, store.ErrExists) {
				t.Errorf("holding a held port: %v, want ErrExists", err)
			}
			if n, _ := tx.PortsInUse("dev"); n != 3 {
				t.Errorf("PortsInUse = %d, want 3", n)
			}
			for _, want := range []int{1, 4, 6} {
				if p, err := tx.ClaimPort("dev", 10, "x"); err != nil || p != want {
					t.Errorf("ClaimPort = %d, %v; want %d", p, err, want)
				}
			}
			return nil
		})
	})

	t.Run("PortsAreFinite", func(t *testing.T) {
		s := open(t)
		s.Update(ctx, func(tx store.Tx) error {
			for want := 1; want <= 3; want++ {
				if p, err := tx.ClaimPort("dev", 3, "x"); err != nil || p != want {
					t.Fatalf("ClaimPort = %d, %v; want %d", p, err, want)
				}
			}
			if _, err := tx.ClaimPort("dev", 3, "x"); !errors.Is(err, store.ErrNoFreePort) {
				t.Errorf("ClaimPort on a full device: %v, want ErrNoFreePort", err)
			}
			if p, err := tx.ClaimPort("other", 3, "x"); err != nil || p != 1 {
				t.Errorf("ports of another device: %d, %v", p, err)
			}
			tx.ReleasePort("dev", 2)
			if p, err := tx.ClaimPort("dev", 3, "y"); err != nil || p != 2 {
				t.Errorf("after release, ClaimPort = %d, %v; want the freed port 2", p, err)
			}
			if n, _ := tx.PortsInUse("dev"); n != 3 {
				t.Errorf("PortsInUse = %d, want 3", n)
			}
			return nil
		})
	})

	t.Run("DumpRestoreRoundTrip", func(t *testing.T) {
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
	})

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

	t.Run("EachWalksEveryPage", func(t *testing.T) {
		s := open(t)
		if err := s.Update(ctx, func(tx store.Tx) error {
			for i := range 7 {
				if err := tx.Insert(row(fmt.Sprint("r", i), "1", "")); err != nil {
					return err
				}
				if err := tx.Insert(row(fmt.Sprint("o", i), "2", "")); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		s.View(ctx, func(tx store.Tx) error {
			var got []string
			err := store.Each(tx, store.Query{Kind: store.Connections, Account: "1"}, 3, func(v *map[string]any) error {
				got = append(got, fmt.Sprint((*v)["id"]))
				return nil
			})
			if want := "[r0 r1 r2 r3 r4 r5 r6]"; err != nil || fmt.Sprint(got) != want {
				t.Errorf("Each in pages of 3 = %v, %v; want %s", got, err, want)
			}
			q := store.Query{Kind: store.Connections, Account: "2", After: "o1", Limit: 4}
			all, err1 := tx.List(q)
			bodies, err2 := tx.ListBodies(q)
			if err1 != nil || err2 != nil || len(all) != 4 || len(bodies) != len(all) {
				t.Fatalf("List = %d rows, %v; ListBodies = %d rows, %v", len(all), err1, len(bodies), err2)
			}
			for i, r := range bodies {
				if r.Kind != all[i].Kind || r.ID != all[i].ID || string(r.Body) != string(all[i].Body) {
					t.Errorf("ListBodies row %d = %s %s %s; List's is %s %s %s", i, r.Kind, r.ID, r.Body, all[i].Kind, all[i].ID, all[i].Body)
				}
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
