package service

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// A world's state as a whole: reset, export and import, and the settings
// (its clock) that outlive them.

const clockSetting = "clock"

// SaveClock keeps the clock's state with the world, for a restarted dxsim
// to resume it.
func (s *Service) SaveClock(ctx context.Context, c sim.ClockState) error {
	return s.update(ctx, func(tx store.Tx) error {
		return store.Save(tx, store.Row{Kind: store.Settings, ID: clockSetting}, c)
	})
}

// LoadClock returns the clock state saved with the world, if any.
func (s *Service) LoadClock(ctx context.Context) (c sim.ClockState, ok bool, err error) {
	err = s.view(ctx, func(tx store.Tx) error {
		saved, err := store.Load[sim.ClockState](tx, store.Settings, clockSetting)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err == nil {
			c, ok = *saved, true
		}
		return err
	})
	return c, ok, err
}

// Reset empties the world: every resource, fault and held port. The clock
// and the configuration stay.
func (s *Service) Reset(ctx context.Context) error {
	return s.update(ctx, func(tx store.Tx) error { return replaceResources(tx, store.Snapshot{}) })
}

// Snapshot is every resource, fault and held port of the world, for export.
func (s *Service) Snapshot(ctx context.Context) (store.Snapshot, error) {
	var out store.Snapshot
	err := s.view(ctx, func(tx store.Tx) error {
		all, err := tx.Dump()
		out.Ports = all.Ports
		for _, r := range all.Rows {
			if r.Kind != store.Settings {
				out.Rows = append(out.Rows, r)
			}
		}
		return err
	})
	return out, err
}

// Restore replaces the world's resources, faults and ports with snap, an
// export of this or another dxsim world.
func (s *Service) Restore(ctx context.Context, snap store.Snapshot) error {
	for _, r := range snap.Rows {
		if !slices.Contains(store.ResourceKinds, r.Kind) || r.ID == "" || len(r.Body) == 0 || r.Body[0] != '{' {
			return controlErrorf(http.StatusBadRequest, "the export holds a row that is not a dxsim record (kind %q, id %q); import only what GET /_dxsim/export wrote", r.Kind, r.ID)
		}
	}
	for _, p := range snap.Ports {
		if p.Device == "" || p.Port < 1 || p.Holder == "" {
			return controlErrorf(http.StatusBadRequest, "the export holds a port that is not valid (%+v)", p)
		}
	}
	return s.update(ctx, func(tx store.Tx) error { return replaceResources(tx, snap) })
}

// replaceResources restores snap, keeping the world's settings.
func replaceResources(tx store.Tx, snap store.Snapshot) error {
	settings, err := tx.List(store.Query{Kind: store.Settings})
	if err != nil {
		return err
	}
	snap.Rows = append(slices.Clip(snap.Rows), settings...)
	return tx.Restore(snap)
}
