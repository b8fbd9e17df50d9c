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
		return c.anchorSim.Add(time.Duration(float64(elapsed) * c.factor))
	}
	return c.anchorSim.Add(elapsed)
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
		if factor <= 0 {
			return fmt.Errorf("scaled mode needs a factor greater than 0, got %v", factor)
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
	c.anchorSim, c.anchorWall = c.now().Add(d), c.wall()
	return nil
}
