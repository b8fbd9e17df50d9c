package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/operator"
)

// pollEvery is how often the event stream reads the event log. The log is
// derived from timelines, not pushed, so it is sampled.
const pollEvery = 500 * time.Millisecond

// backlog is how many past events a new stream starts with, and the most a
// resumed one catches up with.
const backlog = 200

// EventsPath is the console's event stream. It lasts as long as the page
// is open, so the server's deadline of one request's work does not apply
// to it (server.WithDeadline); it ends when the page goes, when the server
// shuts down, or when the page stops reading for the server's write
// timeout.
const EventsPath = "/console/api/events"

// events streams the account's event log as server-sent events: "change"
// carries one event (oldest first) with its place in the log as its id
// (see cursor), "clock" the simulated time whenever the stream reads the
// log, and "history" says that the events sent so far no longer hold (the
// clock was set back, or the page's Last-Event-ID cannot be followed) and
// the log starts again. A page redraws its world on each change.
//
// A browser that reconnects sends the id of the last change it got as
// Last-Event-ID, and the stream sends exactly the events after it.
func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	c, err := h.caller(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s := &stream{w: w, rc: http.NewResponseController(w), writeTimeout: writeTimeout(r), caller: c, fresh: true}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if err := s.flush(); err != nil {
		return
	}
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		if s.cur, err = parseCursor(id); err != nil {
			s.restart(err.Error())
		} else {
			s.fresh = false
		}
	}
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		// A clock set back (an import, a test) makes a history that is
		// not a continuation of what was sent: send it anew.
		if h.world.Now().Before(s.cur.at) {
			s.restart("the clock was set back")
		}
		if !s.sendChanges(r.Context(), h.world) {
			return
		}
		s.send("clock", "", map[string]time.Time{"now": h.world.Now()})
		if s.flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-tick.C:
		}
	}
}

// restart tells the page that the events sent so far no longer hold, and
// starts the stream's history again.
func (s *stream) restart(reason string) {
	s.cur, s.fresh = cursor{}, true
	s.send("history", "", map[string]string{"reason": reason})
}

// sendChanges sends the events of the log after the cursor, moving it
// past them; false means the stream is over.
func (s *stream) sendChanges(ctx context.Context, world *operator.Controls) bool {
	filter := core.EventFilter{Account: s.caller.Account, Since: s.cur.at}
	if s.fresh {
		filter.Limit = backlog
	}
	log, err := world.Events(ctx, filter)
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		s.send("failure", "", map[string]string{"error": err.Error()})
		return true
	}
	var next []core.Event
	for _, e := range s.cur.next(log) {
		if e.Region == "" || e.Region == s.caller.Region {
			next = append(next, e)
		}
	}
	// A page away for long catches up with the newest events only.
	if len(next) > backlog {
		next = next[len(next)-backlog:]
		s.restart(fmt.Sprintf("more than %d events were missed", backlog))
	}
	s.fresh = false
	for _, e := range next {
		s.cur.advance(e)
		s.send("change", s.cur.String(), e)
	}
	return true
}

// stream writes server-sent events. A write that the client does not read
// within the server's write timeout ends the stream, as it ends any other
// answer; a client that reads keeps it open.
type stream struct {
	w            http.ResponseWriter
	rc           *http.ResponseController
	writeTimeout time.Duration // 0: none
	err          error         // the first write that failed

	caller dx.Caller // whose events, in which Region
	cur    cursor    // the last event sent
	fresh  bool      // nothing sent since the stream (re)started: the backlog comes next
}

// writeTimeout is the write timeout of the server serving r, if any.
func writeTimeout(r *http.Request) time.Duration {
	if srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server); ok {
		return srv.WriteTimeout
	}
	return 0
}

// send writes one event. Only "history" is sent without an id; it sends
// an empty one, so that a browser forgets the id it had.
func (s *stream) send(name, id string, v any) {
	if s.extend() != nil {
		return
	}
	b, _ := json.Marshal(v)
	if id != "" || name == "history" {
		_, s.err = fmt.Fprintf(s.w, "event: %s\nid: %s\ndata: %s\n\n", name, id, b)
	} else {
		_, s.err = fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", name, b)
	}
}

func (s *stream) flush() error {
	if s.extend() == nil {
		s.err = s.rc.Flush()
	}
	return s.err
}

// extend gives the next write a deadline of its own: the server's counts
// from the request's headers, which would end a stream that is read. A
// ResponseWriter that cannot take one keeps the server's.
func (s *stream) extend() error {
	if s.err == nil && s.writeTimeout > 0 {
		if err := s.rc.SetWriteDeadline(time.Now().Add(s.writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			s.err = err
		}
	}
	return s.err
}
