package sim

import (
	"testing"
	"time"
)

func TestUnconfiguredRouterCoversItsSpans(t *testing.T) {
	var u UnconfiguredRouter
	u = u.Switch(true, at(time.Hour))
	u = u.Switch(true, at(90*time.Minute)) // already unconfigured: no change
	u = u.Switch(false, at(2*time.Hour))
	u = u.Switch(true, at(3*time.Hour))
	if len(u) != 2 || !u.Open() {
		t.Fatalf("spans = %+v, want two, the last open", u)
	}
	for _, s := range []struct {
		at   time.Duration
		want bool
	}{
		{0, false}, {time.Hour - time.Nanosecond, false}, {time.Hour, true}, {2*time.Hour - time.Nanosecond, true},
		{2 * time.Hour, false}, {3 * time.Hour, true}, {1000 * time.Hour, true},
	} {
		if got := u.At(at(s.at)); got != s.want {
			t.Errorf("At(+%v) = %v, want %v", s.at, got, s.want)
		}
	}
	got := Changes(u.Points(), func(t time.Time) string {
		if u.At(t) {
			return "unconfigured"
		}
		return "configured"
	}, at(4*time.Hour))
	if len(got) != 3 || got[0].At != at(time.Hour) || got[0].Cause != CauseRouterUnconfigured ||
		got[1].At != at(2*time.Hour) || got[1].Cause != CauseRouterConfigured || got[2].At != at(3*time.Hour) {
		t.Errorf("changes = %+v", got)
	}
}

func TestUnconfiguredRouterForAnInstantIsNoSpan(t *testing.T) {
	u := UnconfiguredRouter{}.Switch(true, at(time.Hour)).Switch(false, at(time.Hour))
	if len(u) != 0 || u.At(at(time.Hour)) {
		t.Errorf("unconfigured and configured again at one instant left %+v", u)
	}
}

func TestUnconfiguredRouterKeepsTheLatestSpans(t *testing.T) {
	var u UnconfiguredRouter
	for i := range MaxRouterSpans + 5 {
		u = u.Switch(true, at(time.Duration(2*i)*time.Hour)).Switch(false, at(time.Duration(2*i+1)*time.Hour))
	}
	if len(u) != MaxRouterSpans || u[0].From != at(10*time.Hour) {
		t.Errorf("after %d spans: %d kept, the oldest from +%v; want %d from +10h", MaxRouterSpans+5, len(u), u[0].From.Sub(t0), MaxRouterSpans)
	}
}

func TestUnconfiguredRouterHoldsWhenTheClockGoesBack(t *testing.T) {
	// Switched at +10h; then the clock is put back to +5h (an import).
	unconfigured := UnconfiguredRouter{}.Switch(true, at(10*time.Hour))
	if got := unconfigured.AsOf(at(5 * time.Hour)); !got.At(at(5*time.Hour)) || !got.At(t0) {
		t.Errorf("unconfigured since +10h, seen at +5h: %+v, want unconfigured throughout", got)
	}
	configured := unconfigured.Switch(false, at(12*time.Hour))
	if got := configured.AsOf(at(5 * time.Hour)); got.At(at(5*time.Hour)) || got.At(at(11*time.Hour)) {
		t.Errorf("configured again since +12h, seen at +5h: %+v, want configured throughout", got)
	}
	// A history that fits the clock is kept as it is.
	if got := configured.AsOf(at(12 * time.Hour)); len(got) != 1 || !got.At(at(11*time.Hour)) {
		t.Errorf("seen at +12h: %+v", got)
	}
	// Switching after the clock went back starts a history that fits it.
	again := unconfigured.Switch(false, at(5*time.Hour))
	if again.At(at(5*time.Hour)) || !again.At(at(4*time.Hour)) || again.Open() {
		t.Errorf("configured at +5h after the clock went back: %+v", again)
	}
}
