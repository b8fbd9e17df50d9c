package operator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// clockSync is how often an idle dxsim process looks for clock changes
// that another process serving the same database saved (every operation
// reads the saved clock in its own transaction anyway).
const clockSync = time.Second

// WorldClock is a world's own clock, which the operator stops, moves and
// sets (through the admin API). Its state is a row of the world: every
// transaction of the service reads that row first (SyncTx), so all
// processes serving the same database tell one time, and a change is saved
// in the same transaction that makes it, so a restarted dxsim resumes it.
type WorldClock struct {
	*sim.WorldClock
	changes sync.Mutex // one change at a time, in this process
	mu      sync.Mutex // guards seen and the moves between saved states
	seen    []byte     // the saved state the clock is in; nil if none seen
	store   store.Store
}

// clockSetting is the row the clock is saved in.
const clockSetting = "clock"

// OpenClock makes the world's own clock, where it was last saved.
func OpenClock(st store.Store) (*WorldClock, error) {
	c := &WorldClock{WorldClock: sim.NewWorldClock(), store: st}
	if err := c.Sync(context.Background()); err != nil {
		return nil, fmt.Errorf("the clock saved with the world: %w", err)
	}
	return c, nil
}

// SetMode switches the mode and saves the clock.
func (c *WorldClock) SetMode(mode string, factor float64) error {
	return c.change(func() error { return c.WorldClock.SetMode(mode, factor) })
}

// Advance moves the clock forward and saves it.
func (c *WorldClock) Advance(d time.Duration) error {
	return c.change(func() error { return c.WorldClock.Advance(d) })
}

// Set puts the clock where an imported world's was and saves it.
func (c *WorldClock) Set(now time.Time, mode string, factor float64) error {
	return c.change(func() error { return c.WorldClock.Set(now, mode, factor) })
}

// change applies f to the clock as saved and saves the result in one
// transaction; if it fails, the clock is left as it was. The transaction
// may run more than once: each run starts again from the saved state.
func (c *WorldClock) change(f func() error) error {
	c.changes.Lock()
	defer c.changes.Unlock()
	c.mu.Lock()
	before, seen := c.State(), c.seen
	c.mu.Unlock()
	err := c.store.Update(context.Background(), func(tx store.Tx) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		if err := c.syncTx(tx); err != nil {
			return err
		}
		if err := f(); err != nil {
			return err
		}
		r, err := store.Encode(store.Row{Kind: store.Settings, ID: clockSetting}, c.State())
		if err != nil {
			return err
		}
		if err := tx.Put(r); err != nil {
			return err
		}
		c.seen = r.Body
		return nil
	})
	if err != nil {
		c.mu.Lock()
		c.Resume(before)
		c.seen = seen
		c.mu.Unlock()
	}
	return err
}

// SyncTx puts the clock in the state saved with the world as tx sees it and
// returns the time in that state. The service calls it at the start of
// every transaction, so an operation tells the time of the world it reads,
// not of this process, even while another transaction of this process
// sees a newer state.
func (c *WorldClock) SyncTx(tx store.Tx) (time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.syncTx(tx); err != nil {
		return time.Time{}, err
	}
	return c.Now(), nil
}

func (c *WorldClock) syncTx(tx store.Tx) error {
	r, err := tx.Get(store.Settings, clockSetting)
	if errors.Is(err, store.ErrNotFound) {
		return nil // never changed: real time
	}
	if err != nil || bytes.Equal(r.Body, c.seen) {
		return err
	}
	var saved sim.ClockState
	if err := json.Unmarshal(r.Body, &saved); err != nil {
		return fmt.Errorf("the clock saved with the world: %w", err)
	}
	if err := c.Resume(saved); err != nil {
		return err
	}
	c.seen = r.Body
	return nil
}

// Sync puts the clock in the state last saved with the world, if any.
func (c *WorldClock) Sync(ctx context.Context) error {
	return c.store.View(ctx, func(tx store.Tx) error {
		_, err := c.SyncTx(tx)
		return err
	})
}

// Follow syncs the clock every clockSync until stop is closed.
func (c *WorldClock) Follow(stop <-chan struct{}, log *slog.Logger) {
	tick := time.NewTicker(clockSync)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			// Damage is logged once by the store and shown by /health;
			// repeating it every second would bury the rest of the log.
			if err := c.Sync(context.Background()); err != nil && !errors.Is(err, store.ErrDamaged) {
				log.Warn("reading the clock saved with the world", "err", err)
			}
		}
	}
}
