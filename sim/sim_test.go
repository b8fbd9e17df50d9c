package sim

import (
	"testing"
	"time"
)

var (
	t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tm = Timings{Requested: 10 * time.Second, Pending: 20 * time.Second, MacSecKey: 5 * time.Second, Verifying: 7 * time.Second}
)

func TestConnectionState(t *testing.T) {
	for _, c := range []struct {
		at      time.Duration
		deleted bool
		want    string
	}{
		{0, false, Requested}, {9 * time.Second, false, Requested}, {10 * time.Second, false, Pending},
		{29 * time.Second, false, Pending}, {30 * time.Second, false, Available}, {time.Hour, true, Deleted},
	} {
		var del time.Time
		if c.deleted {
			del = t0.Add(time.Minute)
		}
		if got := tm.ConnectionState(t0, del, t0.Add(c.at)); got != c.want {
			t.Errorf("at %v (deleted %v): %s, want %s", c.at, c.deleted, got, c.want)
		}
	}
}

func TestLagState(t *testing.T) {
	for _, c := range []struct {
		min     int
		members []string
		want    string
	}{
		{0, []string{Available, Available}, Available},
		{2, []string{Available, Down}, Down},
		{1, []string{Available, Down}, Available},
		{0, []string{Requested, Pending}, Requested},
		{0, []string{Pending}, Pending},
		{0, nil, Down},
		{0, []string{Down}, Down},
	} {
		if got := LagState(false, c.min, c.members); got != c.want {
			t.Errorf("LagState(min %d, %v) = %s, want %s", c.min, c.members, got, c.want)
		}
	}
	if got := LagState(true, 0, []string{Available}); got != Deleted {
		t.Errorf("deleted LAG is %s", got)
	}
}

func TestHostedConnectionState(t *testing.T) {
	confirmed := t0.Add(time.Minute)
	for _, c := range []struct {
		confirmed, deleted time.Time
		rejected           bool
		now                time.Time
		want               string
	}{
		{time.Time{}, time.Time{}, false, t0, Ordering},
		{confirmed, time.Time{}, false, confirmed, Pending},
		{confirmed, time.Time{}, false, confirmed.Add(tm.Pending), Available},
		{time.Time{}, t0, true, t0, Rejected},
		{confirmed, t0.Add(time.Hour), false, t0.Add(time.Hour), Deleted},
	} {
		if got := tm.HostedConnectionState(c.confirmed, c.deleted, c.rejected, c.now); got != c.want {
			t.Errorf("%+v: %s, want %s", c, got, c.want)
		}
	}
}

func TestVirtualInterfaceState(t *testing.T) {
	pub := VirtualInterfaceTimeline{Created: t0, Public: true}
	for _, c := range []struct {
		v       VirtualInterfaceTimeline
		parent  string
		testing bool
		at      time.Duration
		want    string
	}{
		{pub, Available, false, 0, Verifying},
		{pub, Available, false, 7 * time.Second, Pending},
		{pub, Available, false, 27 * time.Second, Available},
		{pub, Pending, false, 27 * time.Second, Down},
		{pub, Available, true, 27 * time.Second, Testing},
		{VirtualInterfaceTimeline{Created: t0, Allocated: true}, Available, false, time.Hour, Confirming},
		{VirtualInterfaceTimeline{Created: t0, Allocated: true, Confirmed: t0.Add(time.Hour)}, Available, false, time.Hour, Pending},
		{VirtualInterfaceTimeline{Created: t0, Rejected: true, Deleted: t0}, Available, false, 0, Rejected},
		{VirtualInterfaceTimeline{Created: t0, Deleted: t0}, Available, false, 0, Deleted},
	} {
		if got := tm.VirtualInterfaceState(c.v, c.parent, c.testing, t0.Add(c.at)); got != c.want {
			t.Errorf("%+v with parent %s at %v: %s, want %s", c.v, c.parent, c.at, got, c.want)
		}
	}
}

func TestManualClock(t *testing.T) {
	c := NewManualClock(t0)
	c.Advance(90 * time.Second)
	if got := c.Now(); !got.Equal(t0.Add(90 * time.Second)) {
		t.Errorf("Now = %v", got)
	}
}
