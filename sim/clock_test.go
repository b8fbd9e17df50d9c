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
