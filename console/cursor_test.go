package console

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/core"
)

func eventAt(at time.Time, resource string) core.Event {
	return core.Event{Time: at, Resource: resource, ResourceType: "connection", Account: "111122223333", NewState: "requested"}
}

// A cursor read back from its id sends what follows it: the events at its
// instant it did not send, wherever they sort, and the later ones.
func TestCursorReadBackFromItsIDSendsWhatFollows(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 123456789, time.UTC)
	b, d := eventAt(t0, "dxcon-b"), eventAt(t0, "dxcon-d")
	var c cursor
	c.advance(eventAt(t0.Add(-time.Second), "dxcon-z"))
	c.advance(b)
	c.advance(d)
	back, err := parseCursor(c.String())
	if err != nil {
		t.Fatalf("parseCursor(%q): %v", c.String(), err)
	}
	if !back.at.Equal(t0) || !slices.Equal(back.sent, []string{digest(b), digest(d)}) {
		t.Fatalf("cursor %q read back as %v %v", c.String(), back.at, back.sent)
	}
	a, later := eventAt(t0, "dxcon-a"), eventAt(t0.Add(time.Nanosecond), "dxcon-c")
	got := back.next([]core.Event{a, b, d, later})
	if !slices.Equal(got, []core.Event{a, later}) {
		t.Errorf("after %q: %v, want %s and %s", c.String(), got, a.Resource, later.Resource)
	}
}

// Past maxSent events at one instant an id names only its own event: it
// stays small, the page still tells events apart, and a stream cannot
// follow it.
func TestCursorIDOfManyEventsAtOneInstantNamesOnlyItsOwn(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var c cursor
	var last core.Event
	for i := range maxSent + 1 {
		last = eventAt(t0, fmt.Sprintf("dxcon-%04d", i))
		c.advance(last)
	}
	id := c.String()
	if want := t0.Format(time.RFC3339Nano) + " ~ " + digest(last); id != want {
		t.Errorf("id %q, want %q", id, want)
	}
	if _, err := parseCursor(id); err == nil || !strings.Contains(err.Error(), "more events at one instant") {
		t.Errorf("parseCursor(%q) = %v, want an error", id, err)
	}
}
