package sim

import (
	"testing"
	"time"
)

func TestWorldClockModes(t *testing.T) {
	wall := t0
	c := newWorldClock(func() time.Time { return wall })
	wall = wall.Add(10 * time.Second)
	if got := c.Now(); !got.Equal(t0.Add(10 * time.Second)) {
		t.Fatalf("real mode: %v", got)
	}
	if err := c.SetMode(ModeScaled, 60); err != nil {
		t.Fatal(err)
	}
	wall = wall.Add(time.Second)
	if got := c.Now(); !got.Equal(t0.Add(70 * time.Second)) {
		t.Errorf("scaled x60 after 1s: %v, want +70s", got)
	}
	if err := c.SetMode(ModeManual, 0); err != nil {
		t.Fatal(err)
	}
	wall = wall.Add(time.Hour)
	if got := c.Now(); !got.Equal(t0.Add(70 * time.Second)) {
		t.Errorf("manual mode moved to %v", got)
	}
	if err := c.Advance(72 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := c.Now(); !got.Equal(t0.Add(72*time.Hour + 70*time.Second)) {
		t.Errorf("after advancing 72h: %v", got)
	}
	if c.Advance(-time.Second) == nil || c.SetMode("warp", 1) == nil || c.SetMode(ModeScaled, 0) == nil {
		t.Errorf("a negative advance, an unknown mode or a zero factor was accepted")
	}
	if err := c.SetMode(ModeReal, 0); err != nil {
		t.Fatal(err)
	}
	wall = wall.Add(time.Second)
	if got := c.Now(); !got.Equal(t0.Add(72*time.Hour + 71*time.Second)) {
		t.Errorf("back in real mode: %v", got)
	}
}

func TestWorldClockResumesItsState(t *testing.T) {
	wall := t0
	c := newWorldClock(func() time.Time { return wall })
	c.SetMode(ModeScaled, 10)
	wall = wall.Add(time.Minute)
	saved := c.State()

	wall = wall.Add(time.Minute) // away for a minute of wall time
	resumed := newWorldClock(func() time.Time { return wall })
	if err := resumed.Resume(saved); err != nil {
		t.Fatal(err)
	}
	if got, want := resumed.Now(), t0.Add(20*time.Minute); !got.Equal(want) {
		t.Errorf("scaled x10 clock resumed after 2m of wall time shows %v, want %v", got, want)
	}
	c.SetMode(ModeManual, 0)
	saved = c.State()
	wall = wall.Add(time.Hour)
	resumed.Resume(saved)
	if got, want := resumed.Now(), c.Now(); !got.Equal(want) {
		t.Errorf("manual clock resumed an hour later shows %v, want %v", got, want)
	}
	if resumed.Resume(ClockState{Mode: "warp"}) == nil {
		t.Errorf("Resume accepted an unknown mode")
	}
}
