package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// clockSync is how often a dxsim process looks for clock changes that
// another process serving the same database saved.
const clockSync = time.Second

// worldClock is a world's own clock. It saves every change with the world,
// so that a restarted dxsim resumes it and other processes serving the same
// database adopt it; a change and its save are one step that a sync cannot
// come between.
type worldClock struct {
	*sim.WorldClock
	mu    sync.Mutex
	store store.Store
}

// clockSetting is the row the clock is saved in.
const clockSetting = "clock"

// openClock makes the world's own clock, where it was last saved.
func openClock(st store.Store) (*worldClock, error) {
	c := &worldClock{WorldClock: sim.NewWorldClock(), store: st}
	if err := c.sync(context.Background()); err != nil {
		return nil, fmt.Errorf("the clock saved with the world: %w", err)
	}
	return c, nil
}

// SetMode switches the mode and saves the clock.
func (c *worldClock) SetMode(mode string, factor float64) error {
	return c.change(func() error { return c.WorldClock.SetMode(mode, factor) })
}

// Advance moves the clock forward and saves it.
func (c *worldClock) Advance(d time.Duration) error {
	return c.change(func() error { return c.WorldClock.Advance(d) })
}

// Set puts the clock where an imported world's was and saves it.
func (c *worldClock) Set(now time.Time, mode string, factor float64) error {
	return c.change(func() error { return c.WorldClock.Set(now, mode, factor) })
}

// change applies f and saves the result; if the save fails, the clock is
// left as it was.
func (c *worldClock) change(f func() error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	before := c.State()
	if err := f(); err != nil {
		return err
	}
	err := c.store.Update(context.Background(), func(tx store.Tx) error {
		return store.Save(tx, store.Row{Kind: store.Settings, ID: clockSetting}, c.State())
	})
	if err != nil {
		c.Resume(before)
		return err
	}
	return nil
}

// sync puts the clock in the state last saved with the world, if any.
func (c *worldClock) sync(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var saved *sim.ClockState
	err := c.store.View(ctx, func(tx store.Tx) error {
		var err error
		saved, err = store.Load[sim.ClockState](tx, store.Settings, clockSetting)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil // never changed: real time
	}
	if err != nil || saved.Equal(c.State()) {
		return err
	}
	return c.Resume(*saved)
}

// follow syncs the clock every clockSync until stop is closed.
func (c *worldClock) follow(stop <-chan struct{}, log *slog.Logger) {
	tick := time.NewTicker(clockSync)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if err := c.sync(context.Background()); err != nil {
				log.Warn("reading the clock saved with the world", "err", err)
			}
		}
	}
}
