package storetest

import (
	"fmt"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// testListFiltersAndPages checks the contract's "List ... by kind with any
// of account, Region and parent, ordered by ID", paged by After and Limit.
func testListFiltersAndPages(t *testing.T, s store.Store) {
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
}

// keyed is a connection of account found by keys.
func keyed(id, account string, keys ...string) store.Row {
	r := row(id, account, "")
	r.Keys = keys
	return r
}

// testKeysFindAndCount checks Row.Keys and Query.Key: List and Count find
// rows by any of their keys (with the other filters and After), Put
// replaces a row's keys, Delete drops them, a key listed twice counts
// once, and Dump and Restore keep them.
func testKeysFindAndCount(t *testing.T, s store.Store) {
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
	s.View(ctx, func(tx store.Tx) error { checkKeyQueries(t, tx); return nil })
	s.Update(ctx, func(tx store.Tx) error { checkKeysAfterChanges(t, tx); return nil })
}

// checkKeyQueries checks List, Count and Get on the rows that
// testKeysFindAndCount writes first.
func checkKeyQueries(t *testing.T, tx store.Tx) {
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
}

// checkKeysAfterChanges deletes a keyed row, puts one that lists a key
// twice, and round-trips the store through Dump and Restore, checking the
// counts by key after each.
func checkKeysAfterChanges(t *testing.T, tx store.Tx) {
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
}

// testEachWalksEveryPage checks store.Each, which pages through
// ListBodies, and that ListBodies returns the kind, ID and body of the
// rows List returns for the same query.
func testEachWalksEveryPage(t *testing.T, s store.Store) {
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
}
