package core

import (
	"context"
	"errors"
	"fmt"

	"github.com/dxsim/dxsim/store"
)

// The count of the world's fault records (the operator's outages and BGP
// sessions set down) is kept in a settings row, so that the many reads of
// a world without faults learn that from the settings every transaction
// reads anyway, with no statement of their own. Whatever inserts or
// deletes fault records keeps it (AddFaults), in the same transaction;
// an import and a reset count them again (CountFaults); a world that an
// older dxsim saved, which has no count, is counted when it is opened
// (EnsureFaultCount), and until then AnyFaults asks the store.

// faultsSetting is the settings row that counts the fault records.
const faultsSetting = "faults"

// faultCount is the body of the faultsSetting row.
type faultCount struct {
	Count int `json:"count"`
}

// AnyFaults reports whether the world may have fault records: false only
// when it has none.
func AnyFaults(tx store.Tx) (bool, error) {
	c, err := store.Load[faultCount](tx, store.Settings, faultsSetting)
	if errors.Is(err, store.ErrNotFound) {
		n, err := tx.Count(store.Query{Kind: store.Faults, Limit: 1})
		return n > 0, err
	}
	if err != nil {
		return false, fmt.Errorf("the count of faults saved with the world: %w", err)
	}
	return c.Count != 0, nil
}

// AddFaults records, after the fact, that the transaction inserted n fault
// records (deleted -n if n < 0).
func AddFaults(tx store.Tx, n int) error {
	if n == 0 {
		return nil
	}
	c, err := store.Load[faultCount](tx, store.Settings, faultsSetting)
	if errors.Is(err, store.ErrNotFound) {
		return CountFaults(tx)
	}
	if err != nil {
		return fmt.Errorf("the count of faults saved with the world: %w", err)
	}
	if c.Count += n; c.Count < 0 {
		return CountFaults(tx) // never: but a count that is wrong is counted again
	}
	return store.Save(tx, store.Row{Kind: store.Settings, ID: faultsSetting}, c)
}

// CountFaults counts the world's fault records and saves the count, as an
// import or a reset does once it has loaded them.
func CountFaults(tx store.Tx) error {
	n, err := tx.Count(store.Query{Kind: store.Faults})
	if err != nil {
		return err
	}
	return store.Save(tx, store.Row{Kind: store.Settings, ID: faultsSetting}, faultCount{Count: n})
}

// EnsureFaultCount counts the fault records of a world that has no count
// (an older dxsim saved it, or it is new). Processes opening one world
// together may both count it: each counts in the transaction it saves in.
func (s *Base) EnsureFaultCount(ctx context.Context) error {
	counted := false
	err := s.Store.View(ctx, func(tx store.Tx) error {
		_, err := tx.Get(store.Settings, faultsSetting)
		counted = err == nil
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil || counted {
		return err
	}
	return s.Store.Update(ctx, func(tx store.Tx) error {
		_, err := tx.Get(store.Settings, faultsSetting)
		if errors.Is(err, store.ErrNotFound) {
			return CountFaults(tx)
		}
		return err
	})
}
