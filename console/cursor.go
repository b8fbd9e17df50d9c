package console

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"hash/fnv"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
)

// cursor is where a stream stands in the event log: the instant of the
// last event sent and the events at that instant sent so far. The log is
// derived, not appended to, so counting events is not enough: while the
// manual clock stands still an event at the latest instant can appear
// after others at that instant were sent, and sort before them; one can
// also disappear (a fault raised and cleared at that instant). So the
// cursor names each event sent at its instant, by a digest.
//
// Its text is the id of each "change" event: the instant in RFC 3339 and
// the digests, the event's own last, separated by spaces. A browser sends
// the last one back as Last-Event-ID when it reconnects, and the stream
// goes on from there. The instant and the last digest name the event
// itself, which is how a page tells an event it already has.
//
// Past maxSent events at one instant the id names only the event itself
// (after a "~"), so that ids stay small: a stream resumed from such an id
// cannot know what was sent, and starts its history again.
type cursor struct {
	at   time.Time
	sent []string // digests of the events at `at` sent, in the order sent
}

// digestLen is the length of an event's digest: 6 bytes of FNV-1a in
// unpadded base64url, so that two events at one instant share one by
// chance about once in 2^48 pairs.
const digestLen = 8

// maxSent bounds the digests an id carries (about 2 KiB of them).
const maxSent = 256

// digest names an event by everything it says.
func digest(e core.Event) string {
	b, _ := json.Marshal(e)
	h := fnv.New64a()
	h.Write(b)
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:6])
}

func (c cursor) String() string {
	if c.at.IsZero() {
		return ""
	}
	at := c.at.UTC().Format(time.RFC3339Nano)
	if len(c.sent) > maxSent {
		return at + " ~ " + c.sent[len(c.sent)-1]
	}
	return at + " " + strings.Join(c.sent, " ")
}

// parseCursor reads the id of a "change" event back.
func parseCursor(id string) (cursor, error) {
	at, rest, _ := strings.Cut(id, " ")
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return cursor{}, errors.New("Last-Event-ID does not start with an RFC 3339 time")
	}
	c := cursor{at: t, sent: strings.Fields(rest)}
	if len(c.sent) == 0 {
		return cursor{}, errors.New("Last-Event-ID names no event")
	}
	if c.sent[0] == "~" {
		return cursor{}, errors.New("Last-Event-ID follows more events at one instant than it can name")
	}
	for _, d := range c.sent {
		if _, err := base64.RawURLEncoding.DecodeString(d); err != nil || len(d) != digestLen {
			return cursor{}, errors.New("Last-Event-ID has a malformed event digest")
		}
	}
	return c, nil
}

// next returns the events of the log (oldest first, none before c.at)
// that come after c: those at c.at it has not sent, then the later ones.
func (c cursor) next(log []core.Event) []core.Event {
	sent := make(map[string]bool, len(c.sent))
	for _, d := range c.sent {
		sent[d] = true
	}
	var out []core.Event
	for _, e := range log {
		if e.Time.Before(c.at) || e.Time.Equal(c.at) && sent[digest(e)] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// advance moves c past e, which the stream sends next.
func (c *cursor) advance(e core.Event) {
	if !e.Time.Equal(c.at) {
		c.at, c.sent = e.Time, nil
	}
	c.sent = append(c.sent, digest(e))
}
