package core

import "github.com/dxsim/dxsim/store"

// settingsTx is the transaction an operation runs in: the store's, except
// that the world's settings rows (its clock, its settings, a handful of
// small rows) are read together, in one statement, the first time one of
// them is asked for, and later reads of them in the transaction are
// answered from what was read. An operation reads the clock at its start
// and often the settings after it: one round trip instead of two. Writes
// go to the store and keep what was read up to date.
type settingsTx struct {
	store.Tx
	settings map[string]store.Row // nil until read
}

func (t *settingsTx) Get(kind store.Kind, id string) (store.Row, error) {
	if kind != store.Settings {
		return t.Tx.Get(kind, id)
	}
	if t.settings == nil {
		// Settings rows have no account, Region, parent or keys.
		rows, err := t.Tx.ListBodies(store.Query{Kind: store.Settings})
		if err != nil {
			return store.Row{}, err
		}
		t.settings = make(map[string]store.Row, len(rows))
		for _, r := range rows {
			t.settings[r.ID] = r
		}
	}
	r, ok := t.settings[id]
	if !ok {
		return store.Row{}, store.ErrNotFound
	}
	return r, nil
}

// wrote notes a write of r: kept if it succeeded, forgotten (read again
// when asked for) if not.
func (t *settingsTx) wrote(r store.Row, err error) error {
	if r.Kind == store.Settings && t.settings != nil {
		if err != nil {
			t.settings = nil
		} else {
			t.settings[r.ID] = r
		}
	}
	return err
}

func (t *settingsTx) Insert(r store.Row) error { return t.wrote(r, t.Tx.Insert(r)) }

func (t *settingsTx) Put(r store.Row) error { return t.wrote(r, t.Tx.Put(r)) }

func (t *settingsTx) Delete(kind store.Kind, id string) error {
	if kind == store.Settings {
		t.settings = nil
	}
	return t.Tx.Delete(kind, id)
}

func (t *settingsTx) Clear() error {
	t.settings = nil
	return t.Tx.Clear()
}

func (t *settingsTx) Restore(s store.Snapshot) error {
	t.settings = nil
	return t.Tx.Restore(s)
}

// Backend is the backend's own transaction beneath tx, for a caller that
// looks for a backend's optional capability by type assertion. It holds
// no settings rows: an import's bulk load writes none.
func Backend(tx store.Tx) store.Tx {
	for {
		switch t := tx.(type) {
		case *Txn:
			tx = t.Tx
		case *settingsTx:
			return t.Tx
		default:
			return tx
		}
	}
}
