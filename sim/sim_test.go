package sim

import (
	"fmt"
	"math"
	"testing"
	"time"
)

var (
	t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tm = Timings{CrossConnect: 10 * time.Second, Pending: 20 * time.Second, VirtualInterface: 20 * time.Second, MacSecKey: 5 * time.Second, Verifying: 7 * time.Second, Deleting: 3 * time.Second}
)

func at(d time.Duration) time.Time { return t0.Add(d) }

func TestConnectionStateWaitsForTheLoa(t *testing.T) {
	never := ConnectionTimeline{Created: t0}
	if got := tm.ConnectionState(never, at(1000*time.Hour)); got != Requested {
		t.Errorf("without an LOA download, a connection is %s after 1000h, want requested", got)
	}
	loa := at(time.Hour)
	c := ConnectionTimeline{Created: t0, LoaDownloaded: loa, Deleted: at(2 * time.Hour)}
	for _, s := range []struct {
		at   time.Time
		want string
	}{
		{t0.Add(-time.Second), ""}, {t0, Requested}, {loa.Add(9 * time.Second), Requested}, {loa.Add(10 * time.Second), Pending},
		{loa.Add(29 * time.Second), Pending}, {loa.Add(30 * time.Second), Available},
		{at(2 * time.Hour), Deleting}, {at(2*time.Hour + 3*time.Second), Deleted},
	} {
		if got := tm.ConnectionState(c, s.at); got != s.want {
			t.Errorf("at %v: %s, want %s", s.at.Sub(t0), got, s.want)
		}
	}
}

func TestProvisioningStallAndComplete(t *testing.T) {
	loa := t0
	stalled := ConnectionTimeline{Created: t0, LoaDownloaded: loa, Provisioning: Provisioning{Stalled: at(5 * time.Second)}}
	if got := tm.ConnectionState(stalled, at(time.Hour)); got != Requested {
		t.Errorf("stalled before the cross-connect, a connection is %s an hour later, want requested", got)
	}
	stalled.Completed = at(2 * time.Hour)
	if got := tm.ConnectionState(stalled, at(2*time.Hour)); got != Available {
		t.Errorf("completed after a stall: %s, want available", got)
	}
	noLoa := ConnectionTimeline{Created: t0, Provisioning: Provisioning{Completed: at(time.Minute)}}
	if got := tm.ConnectionState(noLoa, at(time.Minute)); got != Available {
		t.Errorf("completed without an LOA: %s, want available", got)
	}
	if got := tm.ConnectionState(noLoa, at(59*time.Second)); got != Requested {
		t.Errorf("before completion: %s, want requested", got)
	}
}

func TestHostedConnectionState(t *testing.T) {
	confirmed := at(time.Minute)
	for _, c := range []struct {
		tl   ConnectionTimeline
		at   time.Time
		want string
	}{
		{ConnectionTimeline{Created: t0, Hosted: true}, t0, Ordering},
		{ConnectionTimeline{Created: t0, Hosted: true, Confirmed: confirmed}, confirmed.Add(-time.Second), Ordering},
		{ConnectionTimeline{Created: t0, Hosted: true, Confirmed: confirmed}, confirmed, Pending},
		{ConnectionTimeline{Created: t0, Hosted: true, Confirmed: confirmed}, confirmed.Add(tm.Pending), Available},
		{ConnectionTimeline{Created: t0, Hosted: true, Rejected: true, Deleted: t0}, t0, Rejected},
		{ConnectionTimeline{Created: t0, Hosted: true, Confirmed: confirmed, Deleted: at(time.Hour)}, at(time.Hour + tm.Deleting), Deleted},
	} {
		if got := tm.ConnectionState(c.tl, c.at); got != c.want {
			t.Errorf("%+v at %v: %s, want %s", c.tl, c.at.Sub(t0), got, c.want)
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
		if got := tm.LagState(LagTimeline{Created: t0, MinimumLinks: c.min}, c.members, t0); got != c.want {
			t.Errorf("LagState(min %d, %v) = %s, want %s", c.min, c.members, got, c.want)
		}
	}
	deleted := LagTimeline{Created: t0, Deleted: t0}
	if got := tm.LagState(deleted, []string{Available}, t0); got != Deleting {
		t.Errorf("a LAG just deleted is %s, want deleting", got)
	}
	if got := tm.LagState(deleted, []string{Available}, at(tm.Deleting)); got != Deleted {
		t.Errorf("a LAG deleted %v ago is %s, want deleted", tm.Deleting, got)
	}
}

func TestChangesSampleEveryPoint(t *testing.T) {
	c := ConnectionTimeline{Created: t0, LoaDownloaded: at(time.Minute)}
	outage := Outage{From: at(time.Hour), Until: at(2 * time.Hour), Cause: "fault: device d1 down"}
	state := func(t time.Time) string {
		s := tm.ConnectionState(c, t)
		if s == Available && outage.Covers(t) {
			return Down
		}
		return s
	}
	points := append(tm.ConnectionPoints(c), outage.Points()...)
	var got []string
	for _, ch := range Changes(points, state, at(3*time.Hour)) {
		got = append(got, ch.From+">"+ch.To+" ("+ch.Cause+")")
	}
	want := []string{
		">requested (" + CauseCreated + ")",
		"requested>pending (" + CauseCrossConnect + ")",
		"pending>available (" + CauseTurnedUp + ")",
		"available>down (fault: device d1 down)",
		"down>available (fault: device d1 up)",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes:\n got %q\nwant %q", got, want)
	}
	if n := len(Changes(points, state, at(90*time.Minute))); n != 4 {
		t.Errorf("%d changes up to 90m, want 4: none after now", n)
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
		{VirtualInterfaceTimeline{Created: t0, Deleted: t0}, Available, false, 0, Deleting},
		{VirtualInterfaceTimeline{Created: t0, Deleted: t0}, Available, false, tm.Deleting, Deleted},
		{VirtualInterfaceTimeline{Created: t0, Provisioning: Provisioning{Stalled: t0}}, Available, false, time.Hour, Pending},
		{VirtualInterfaceTimeline{Created: t0, Provisioning: Provisioning{Completed: t0}}, Available, false, 0, Available},
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

func TestClockFactorHasARangeAndTimeNeverOverflows(t *testing.T) {
	for _, f := range []float64{0, -1, MinFactor / 2, MaxFactor * 2, 1e10, math.NaN(), math.Inf(1)} {
		if err := CheckMode(ModeScaled, f); err == nil {
			t.Errorf("factor %v accepted", f)
		}
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	wall := start
	c := newWorldClock(func() time.Time { return wall })
	if err := c.SetMode(ModeScaled, MaxFactor); err != nil {
		t.Fatal(err)
	}
	last := c.Now()
	for _, d := range []time.Duration{time.Hour, 3 * time.Hour, 24 * time.Hour, 10 * 365 * 24 * time.Hour, 200 * 365 * 24 * time.Hour} {
		wall = start.Add(d)
		now := c.Now()
		if now.Before(last) || now.After(MaxTime) {
			t.Fatalf("after %v of wall time at factor %v the clock says %s (before: %s)", d, MaxFactor, now, last)
		}
		last = now
	}
	if !last.Equal(MaxTime) {
		t.Errorf("a clock run long at the largest factor stops at %s, want %s", last, MaxTime)
	}
	if err := c.Advance(time.Hour); err == nil {
		t.Error("advancing past MaxTime was accepted")
	}
	if err := c.Set(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), ModeManual, 1); err == nil {
		t.Error("setting the clock past MaxTime was accepted")
	}
}

func TestConnectionStateWithAnAutomaticCrossConnect(t *testing.T) {
	auto := ConnectionTimeline{Created: t0, AutoOrdered: t0}
	for d, want := range map[time.Duration]string{0: Requested, 9 * time.Second: Requested, 10 * time.Second: Pending, 30 * time.Second: Available} {
		if got := tm.ConnectionState(auto, at(d)); got != want {
			t.Errorf("at %s an automatically ordered connection is %s, want %s", d, got, want)
		}
	}
	// A later LOA download changes nothing.
	auto.LoaDownloaded = at(time.Hour)
	if ordered, cause := auto.ordered(); !ordered.Equal(t0) || cause != CauseAutoCrossConnect {
		t.Errorf("the cross-connect is ordered at %s by %q, want at creation by autoCrossConnect", ordered, cause)
	}
}

func TestConnectionDeletedBeforeItsCrossConnectIsDeletedAtOnce(t *testing.T) {
	never := ConnectionTimeline{Created: t0, Deleted: at(time.Minute)}
	if got := tm.ConnectionState(never, at(time.Minute)); got != Deleted {
		t.Errorf("a requested connection deleted is %s, want deleted at once", got)
	}
	made := ConnectionTimeline{Created: t0, LoaDownloaded: t0, Deleted: at(time.Minute)}
	if got := tm.ConnectionState(made, at(time.Minute)); got != Deleting {
		t.Errorf("an available connection deleted is %s, want deleting", got)
	}
	coming := ConnectionTimeline{Created: t0, LoaDownloaded: t0, Deleted: at(15 * time.Second)}
	if got := tm.ConnectionState(coming, at(15*time.Second)); got != Deleting {
		t.Errorf("a pending connection deleted is %s, want deleting", got)
	}
	hosted := ConnectionTimeline{Created: t0, Hosted: true, Deleted: at(time.Minute)}
	if got := tm.ConnectionState(hosted, at(time.Minute)); got != Deleting {
		t.Errorf("an ordering hosted connection deleted is %s, want deleting", got)
	}
}

func TestVirtualInterfaceIsPendingAfterAMove(t *testing.T) {
	v := VirtualInterfaceTimeline{Created: t0, Associated: []time.Time{at(time.Hour)}}
	for d, want := range map[time.Duration]string{time.Minute: Available, time.Hour: Pending, time.Hour + 19*time.Second: Pending, time.Hour + 20*time.Second: Available} {
		if got := tm.VirtualInterfaceState(v, Available, false, at(d)); got != want {
			t.Errorf("at %s the moved interface is %s, want %s", d, got, want)
		}
	}
}
