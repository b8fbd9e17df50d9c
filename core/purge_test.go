package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// thing is a record of the purge tests: deleted when Gone is set.
type thing struct {
	ID   string    `json:"id"`
	Gone time.Time `json:"gone,omitzero"`
}

const things store.Kind = "test-thing"

func purgeBase(t *testing.T) (*core.Base, *sim.WorldClock) {
	t.Helper()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := sim.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg := core.DefaultConfig
	cfg.DeletedRetention = time.Hour
	b := core.NewBase(st, dx.DefaultCatalog(), clock, cfg)
	b.AddReapers(core.RecordReaper(things, func(r *thing) time.Time { return r.Gone }, nil))
	return b, clock
}

// save writes thing id gone at gone (zero: not deleted) and, with doom,
// its tombstone as a delete does.
func save(t *testing.T, b *core.Base, id string, gone time.Time, doom bool) {
	t.Helper()
	err := b.Update(context.Background(), func(tx *core.Txn) error {
		if doom {
			if err := b.Doom(tx, string(things), id, gone); err != nil {
				return err
			}
		}
		return store.Save(tx, store.Row{Kind: things, ID: id}, thing{ID: id, Gone: gone})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// left lists the things and tombstones left, as "kind id" lines.
func left(t *testing.T, b *core.Base) string {
	t.Helper()
	var out []string
	err := b.Store.View(context.Background(), func(tx store.Tx) error {
		for _, k := range []store.Kind{things, store.Tombstones} {
			rows, err := tx.ListBodies(store.Query{Kind: k})
			if err != nil {
				return err
			}
			for _, r := range rows {
				out = append(out, string(k)+" "+r.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

func purge(t *testing.T, b *core.Base) int {
	t.Helper()
	n, err := b.Purge(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPurgeMovesTombstonesThatAreNotDue: a thing whose gone time moved
// later than its tombstone says (the world's timings changed, or it was
// deleted again) keeps its row; its tombstone moves to when it is due.
func TestPurgeMovesTombstonesThatAreNotDue(t *testing.T) {
	b, clock := purgeBase(t)
	t0 := clock.Now()
	save(t, b, "a", t0, true)
	save(t, b, "a", t0.Add(3*time.Hour), false) // later than its tombstone
	clock.Advance(2 * time.Hour)
	if n := purge(t, b); n != 0 {
		t.Errorf("purged %d before the thing was due", n)
	}
	want := "test-thing a\ntombstone r|2026-01-01T03:00:00.000000000Z|test-thing|a"
	if got := left(t, b); got != want {
		t.Errorf("left:\n%s\nwant:\n%s", got, want)
	}
	clock.Advance(2 * time.Hour)
	if n := purge(t, b); n != 1 {
		t.Errorf("purged %d once the thing was due, want 1", n)
	}
	if got := left(t, b); got != "" {
		t.Errorf("left:\n%s\nwant nothing", got)
	}
}

// TestPurgeDropsTombstonesOfWhatIsNotDeleted: a thing that is no longer
// deleted, or no longer there, and a tombstone no Reaper reads, lose
// their tombstones; the purge stops at the first that is not due.
func TestPurgeDropsTombstonesOfWhatIsNotDeleted(t *testing.T) {
	b, clock := purgeBase(t)
	t0 := clock.Now()
	save(t, b, "restored", t0, true)
	save(t, b, "restored", time.Time{}, false)
	save(t, b, "gone", t0, true)
	save(t, b, "later", t0.Add(5*time.Hour), true)
	err := b.Update(context.Background(), func(tx *core.Txn) error {
		if err := tx.Delete(things, "gone"); err != nil {
			return err
		}
		for _, id := range []string{"r|0000-not-a-time|x|y", "r|2025-01-01T00:00:00.000000000Z|unknown|z"} {
			if err := tx.Put(store.Row{Kind: store.Tombstones, ID: id, Body: []byte("{}")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	if n := purge(t, b); n != 0 {
		t.Errorf("purged %d, want 0", n)
	}
	want := "test-thing later\ntest-thing restored\ntombstone r|2026-01-01T05:00:00.000000000Z|test-thing|later"
	if got := left(t, b); got != want {
		t.Errorf("left:\n%s\nwant:\n%s", got, want)
	}
}
