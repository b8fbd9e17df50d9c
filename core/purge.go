package core

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/store"
)

// Deleted records leave the store. A deleted resource is listed as deleted
// until its retention period (Config.DeletedRetention) has passed since it
// was gone (reached its final state); then it is purged, and so is what
// hangs on it, so that what an account costs to serve follows what it holds
// now, not what it ever held. A secret is purged at its deletion date, when
// Secrets Manager stops showing it.
//
// The purge costs what it purges, never the world: the transaction that
// deletes a record writes a tombstone (a row of kind store.Tombstones,
// with no account or Region) whose ID sorts by when the record is due,
// "<family>|<gone, fixed-width UTC>|<what>|<id>". Family "r" is due at
// gone + DeletedRetention, family "a" at gone itself. Purge walks each
// family in ID order, a page per short transaction, and stops at the first
// tombstone that is not due. Each service tells, through a Reaper, when its
// records are gone and how they leave; a record that is no longer deleted
// (a restored secret) or no longer there (another process purged it) only
// loses its tombstone.
//
// The event log is derived from the records, so a purged resource's events
// go with it; the history of a resource that remains but depended on a
// purged one (a LAG's past member, the past host of a hosted connection,
// the past connection of a virtual interface) is derived without it.

// Doomed is a deleted thing that will leave the store: a record, or a part
// of one (a BGP peer of a virtual interface).
type Doomed struct {
	What string // the Reaper's What
	ID   string
	// Gone is when it reached its final state: it leaves the store
	// DeletedRetention later, or at Gone itself if its Reaper says
	// NoRetention.
	Gone        time.Time
	NoRetention bool // set from the Reaper
}

// A Reaper purges one kind of thing.
type Reaper struct {
	// What names the kind of thing: a row kind, or a part of one.
	What string
	// Kind is the kind of row its things are in.
	Kind store.Kind
	// NoRetention: its things leave the store when they are gone, not
	// DeletedRetention later (they are not listed once gone).
	NoRetention bool
	// Doomed lists the deleted things of What in a row of Kind (none if
	// nothing of it is deleted), for a world that has no tombstones for
	// them: an import, or a store an older dxsim wrote.
	Doomed func(r store.Row) ([]Doomed, error)
	// Reap removes thing id, with what hangs on it, if due accepts when it
	// was gone, and answers when it was gone: zero if it is not there or
	// no longer deleted.
	Reap func(tx *Txn, id string, due func(gone time.Time) bool) (gone time.Time, err error)
}

// AddReapers registers how things leave the store; each service adds its
// own when it is made. A Reaper replaces one of the same What.
func (s *Base) AddReapers(rs ...Reaper) {
	for _, r := range rs {
		i := slices.IndexFunc(s.reapers, func(o Reaper) bool { return o.What == r.What })
		if i >= 0 {
			s.reapers[i] = r
		} else {
			s.reapers = append(s.reapers, r)
		}
	}
}

func (s *Base) reaper(what string) (Reaper, bool) {
	i := slices.IndexFunc(s.reapers, func(r Reaper) bool { return r.What == what })
	if i < 0 {
		return Reaper{}, false
	}
	return s.reapers[i], true
}

// RecordReaper is the Reaper of records of kind that leave the store
// whole: gone tells when a record was gone (zero while it is not deleted),
// and remove, when not nil, removes what hangs on it beside its row.
func RecordReaper[T any](kind store.Kind, gone func(*T) time.Time, remove func(tx *Txn, r *T) error) Reaper {
	return Reaper{
		What: string(kind),
		Kind: kind,
		Doomed: func(r store.Row) ([]Doomed, error) {
			rec, err := DecodeRecord[T](r.Body)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", r.Kind, r.ID, err)
			}
			if g := gone(rec); !g.IsZero() {
				return []Doomed{{What: string(kind), ID: r.ID, Gone: g}}, nil
			}
			return nil, nil
		},
		Reap: func(tx *Txn, id string, due func(time.Time) bool) (time.Time, error) {
			rec, err := store.Load[T](tx, kind, id)
			if errors.Is(err, store.ErrNotFound) {
				return time.Time{}, nil
			}
			if err != nil {
				return time.Time{}, err
			}
			g := gone(rec)
			if g.IsZero() || !due(g) {
				return g, nil
			}
			if remove != nil {
				if err := remove(tx, rec); err != nil {
					return g, err
				}
			}
			return g, tx.Delete(kind, id)
		},
	}
}

// Tombstone families: due after the retention period, or at once.
const (
	familyRetained = "r"
	familyAt       = "a"
)

// stampLayout writes times at a fixed width, so that IDs sort by time.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

func tombstoneID(d Doomed) string {
	family := familyRetained
	if d.NoRetention {
		family = familyAt
	}
	return family + "|" + d.Gone.UTC().Format(stampLayout) + "|" + d.What + "|" + d.ID
}

func parseTombstone(id string) (family string, d Doomed, err error) {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) != 4 {
		return parts[0], d, fmt.Errorf("tombstone %q is not family|time|what|id", id)
	}
	d.Gone, err = time.Parse(stampLayout, parts[1])
	d.What, d.ID, d.NoRetention = parts[2], parts[3], parts[0] == familyAt
	return parts[0], d, err
}

func tombstoneRow(d Doomed) store.Row {
	return store.Row{Kind: store.Tombstones, ID: tombstoneID(d), Body: []byte("{}")}
}

// Doom records, in the transaction that deletes it, that thing id of what
// was gone at gone (or will be: a deletion takes its time), so that the
// purge finds it when it is due. Every delete of a service calls it.
func (s *Base) Doom(tx store.Tx, what, id string, gone time.Time) error {
	rp, ok := s.reaper(what)
	if !ok {
		return fmt.Errorf("core: no Reaper purges %s records", what)
	}
	return tx.Put(tombstoneRow(Doomed{What: what, ID: id, Gone: gone, NoRetention: rp.NoRetention}))
}

// Tombstones are the tombstones of the deleted things of row r, for an
// import.
func (s *Base) Tombstones(r store.Row) ([]store.Row, error) {
	var out []store.Row
	for _, rp := range s.reapers {
		if rp.Kind != r.Kind {
			continue
		}
		ds, err := rp.Doomed(r)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			d.NoRetention = rp.NoRetention
			out = append(out, tombstoneRow(d))
		}
	}
	return out, nil
}

// purgePage is how many tombstones one transaction of the purge handles.
const purgePage = 100

// Purge removes every deleted thing that is due now, a page of tombstones
// per transaction, and answers how many things it removed. Several
// processes may purge one store at once: a thing another one removed is
// skipped.
func (s *Base) Purge(ctx context.Context) (int, error) {
	total := 0
	for _, family := range []string{familyRetained, familyAt} {
		after := family + "|"
		for {
			var removed int
			var last string
			var done bool
			err := s.Update(ctx, func(tx *Txn) error {
				var err error
				removed, last, done, err = s.purgePage(tx, family, after)
				return err
			})
			if err != nil {
				return total, fmt.Errorf("purging deleted records: %w", err)
			}
			total += removed
			if done {
				break
			}
			after = last
		}
	}
	return total, nil
}

// purgePage handles the tombstones of family after the one named after,
// up to purgePage of them or the first that is not due.
func (s *Base) purgePage(tx *Txn, family, after string) (removed int, last string, done bool, err error) {
	bound := tx.Now
	if family == familyRetained {
		bound = bound.Add(-s.Config.DeletedRetention)
	}
	rows, err := tx.ListBodies(store.Query{Kind: store.Tombstones, After: after, Limit: purgePage})
	if err != nil {
		return 0, "", false, err
	}
	for _, r := range rows {
		fam, d, perr := parseTombstone(r.ID)
		if fam != family {
			return removed, last, true, nil // the end of the family
		}
		if perr == nil && d.Gone.After(bound) {
			return removed, last, true, nil // nothing further is due
		}
		last = r.ID
		gone := time.Time{}
		rp, known := s.reaper(d.What)
		if perr == nil && known {
			if gone, err = rp.Reap(tx, d.ID, func(g time.Time) bool { return !g.After(bound) }); err != nil {
				return 0, "", false, fmt.Errorf("%s %s: %w", d.What, d.ID, err)
			}
		}
		// A tombstone that cannot be read, or names a kind of thing no
		// service purges, is dropped like one of a thing that is gone.
		if err := tx.Delete(store.Tombstones, r.ID); err != nil {
			return 0, "", false, err
		}
		switch {
		case gone.IsZero():
		case !gone.After(bound):
			removed++
		default:
			// Not due yet (the world's timings or retention changed since
			// it was deleted): its tombstone moves to when it is.
			d.Gone = gone
			if err := tx.Put(tombstoneRow(d)); err != nil {
				return 0, "", false, err
			}
		}
	}
	return removed, last, len(rows) < purgePage, nil
}

// tombstonesSetting records that the world's deleted records have
// tombstones: it has been indexed once, or never lacked them.
const tombstonesSetting = "tombstones"

// indexPage is how many records one transaction of the indexing reads.
const indexPage = 500

// EnsureTombstones gives every deleted record of a world that an older
// dxsim saved (or that was never indexed) its tombstone, once: a setting
// saved with the world records that it was done. It reads the world a page
// per short transaction. Processes opening one world together may both
// index it: writing a tombstone twice is harmless.
func (s *Base) EnsureTombstones(ctx context.Context) error {
	done := false
	err := s.Store.View(ctx, func(tx store.Tx) error {
		_, err := tx.Get(store.Settings, tombstonesSetting)
		done = err == nil
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil || done {
		return err
	}
	var kinds []store.Kind
	for _, r := range s.reapers {
		if !slices.Contains(kinds, r.Kind) {
			kinds = append(kinds, r.Kind)
		}
	}
	for _, kind := range kinds {
		if err := s.indexKind(ctx, kind); err != nil {
			return fmt.Errorf("indexing deleted %s records: %w", kind, err)
		}
	}
	return s.Store.Update(ctx, func(tx store.Tx) error { return MarkTombstoned(tx) })
}

// indexKind writes the tombstones of the deleted records of kind: it reads
// a page in one transaction and writes its tombstones, if any, in another.
// A record that changes in between only gets a tombstone the purge drops.
func (s *Base) indexKind(ctx context.Context, kind store.Kind) error {
	after := ""
	for {
		var rows []store.Row
		err := s.Store.View(ctx, func(tx store.Tx) error {
			var err error
			rows, err = tx.ListBodies(store.Query{Kind: kind, After: after, Limit: indexPage})
			return err
		})
		if err != nil {
			return err
		}
		var tombs []store.Row
		for _, r := range rows {
			ts, err := s.Tombstones(r)
			if err != nil {
				return err
			}
			tombs = append(tombs, ts...)
		}
		if len(tombs) > 0 {
			err := s.Store.Update(ctx, func(tx store.Tx) error {
				for _, t := range tombs {
					if err := tx.Put(t); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if len(rows) < indexPage {
			return nil
		}
		after = rows[len(rows)-1].ID
	}
}

// MarkTombstoned records that every deleted record of the world has its
// tombstone, as an import that wrote them does.
func MarkTombstoned(tx store.Tx) error {
	return store.Save(tx, store.Row{Kind: store.Settings, ID: tombstonesSetting}, struct {
		Version int `json:"version"`
	}{1})
}
