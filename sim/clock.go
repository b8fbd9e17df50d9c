package sim

import (
	"fmt"
	"sync"
	"time"
)

// Clock modes of a world.
const (
	ModeReal   = "real"   // simulated time runs with wall-clock time
	ModeScaled = "scaled" // it runs Factor times as fast
	ModeManual = "manual" // it stands still until advanced
)

// WorldClock is a world's simulated clock: real time by default, real time
// scaled by a factor, or manual. Changing the mode or advancing never moves
// simulated time backwards.
type WorldClock struct {
	mu         sync.Mutex
	wall       func() time.Time
	mode       string
	factor     float64
	anchorWall time.Time // wall time of the last change
	anchorSim  time.Time // simulated time at that moment
}

// NewWorldClock returns a clock in real mode showing wall-clock time.
func NewWorldClock() *WorldClock { return newWorldClock(func() time.Time { return time.Now().UTC() }) }

// NewManualClock returns a clock in manual mode frozen at start; tests use
// it to step through lifecycles deterministically.
func NewManualClock(start time.Time) *WorldClock {
	c := NewWorldClock()
	c.mode, c.anchorSim = ModeManual, start.UTC()
	return c
}

func newWorldClock(wall func() time.Time) *WorldClock {
	now := wall()
	return &WorldClock{wall: wall, mode: ModeReal, factor: 1, anchorWall: now, anchorSim: now}
}

// Now returns the simulated time.
func (c *WorldClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now()
}

func (c *WorldClock) now() time.Time {
	elapsed := c.wall().Sub(c.anchorWall)
	switch c.mode {
	case ModeManual:
		return c.anchorSim
	case ModeScaled:
		return addCapped(c.anchorSim, float64(elapsed)*c.factor)
	}
	return addCapped(c.anchorSim, float64(elapsed))
}

// Bounds of the clock: a scaled clock's factor, and simulated time, which
// stops at MaxTime rather than overflowing.
const (
	MinFactor = 0.001
	MaxFactor = 1e6
)

// MinTime and MaxTime bound simulated time.
var (
	MinTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// addCapped adds ns nanoseconds to t, stopping at MaxTime: a Duration
// overflows after 292 years, which a large factor reaches in hours.
func addCapped(t time.Time, ns float64) time.Time {
	if room := MaxTime.Sub(t); ns >= float64(room) || room < 0 {
		return MaxTime
	}
	if ns < 0 {
		return t
	}
	return t.Add(time.Duration(ns))
}

// CheckTime reports whether t is a time the clock can be set to.
func CheckTime(t time.Time) error {
	if t.Before(MinTime) || t.After(MaxTime) {
		return fmt.Errorf("simulated time must be from %s to %s, got %s", MinTime.Format(time.RFC3339), MaxTime.Format(time.RFC3339), t.Format(time.RFC3339))
	}
	return nil
}

// Mode returns the clock's mode and factor.
func (c *WorldClock) Mode() (string, float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.mode, c.factor
}

// SetMode switches the clock to mode; factor matters only for scaled mode,
// where it must be positive.
func (c *WorldClock) SetMode(mode string, factor float64) error {
	if err := CheckMode(mode, factor); err != nil {
		return err
	}
	if mode != ModeScaled {
		factor = 1
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.anchorSim, c.anchorWall = c.now(), c.wall()
	c.mode, c.factor = mode, factor
	return nil
}

// Set puts the clock at now in mode, as a world imported from an export
// was; unlike SetMode and Advance it may move time backwards.
func (c *WorldClock) Set(now time.Time, mode string, factor float64) error {
	if err := CheckTime(now); err != nil {
		return err
	}
	if err := c.SetMode(mode, factor); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.anchorSim, c.anchorWall = now.UTC(), c.wall()
	return nil
}

// ClockState is what a WorldClock is. dxsim saves it with the world, so
// that a restarted dxsim resumes simulated time where it was (plus the
// time it was away, unless the clock is manual).
type ClockState struct {
	Mode       string    `json:"mode"`
	Factor     float64   `json:"factor"`
	AnchorWall time.Time `json:"anchorWall"`
	AnchorSim  time.Time `json:"anchorSim"`
}

// Equal reports whether two states are the same clock.
func (s ClockState) Equal(o ClockState) bool {
	return s.Mode == o.Mode && s.Factor == o.Factor && s.AnchorWall.Equal(o.AnchorWall) && s.AnchorSim.Equal(o.AnchorSim)
}

// State returns the clock's state.
func (c *WorldClock) State() ClockState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ClockState{Mode: c.mode, Factor: c.factor, AnchorWall: c.anchorWall, AnchorSim: c.anchorSim}
}

// Resume puts the clock in a state it saved.
func (c *WorldClock) Resume(s ClockState) error {
	if err := CheckMode(s.Mode, s.Factor); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mode, c.factor, c.anchorWall, c.anchorSim = s.Mode, s.Factor, s.AnchorWall, s.AnchorSim
	if s.Mode != ModeScaled {
		c.factor = 1
	}
	return nil
}

// CheckMode reports whether mode is a clock mode and factor fits it.
func CheckMode(mode string, factor float64) error {
	switch mode {
	case ModeReal, ModeManual:
		return nil
	case ModeScaled:
		if !(factor >= MinFactor && factor <= MaxFactor) { // NaN too
			return fmt.Errorf("scaled mode needs a factor from %v to %v simulated seconds per second, got %v", MinFactor, MaxFactor, factor)
		}
		return nil
	}
	return fmt.Errorf("clock mode %q is not real, scaled or manual", mode)
}

// Advance moves simulated time forward by d, which must not be negative.
func (c *WorldClock) Advance(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("the clock only moves forward; %v is negative", d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if MaxTime.Sub(now) < d {
		return fmt.Errorf("advancing by %v would take simulated time past %s", d, MaxTime.Format(time.RFC3339))
	}
	c.anchorSim, c.anchorWall = now.Add(d), c.wall()
	return nil
}
