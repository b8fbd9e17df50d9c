package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/dxsim/dxsim/core"
)

// pollEvery is how often the event stream reads the event log. The log is
// derived from timelines, not pushed, so it is sampled.
const pollEvery = 500 * time.Millisecond

// backlog is how many past events a new stream starts with.
const backlog = 200

// events streams the account's event log as server-sent events: "change"
// carries one event (oldest first), "clock" the simulated time whenever
// the stream reads the log, and "history" says that the events sent so far
// no longer hold (the clock was set back) and the log starts again. A page
// redraws its world on each change.
func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	c, err := h.caller(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "this connection cannot stream events")
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()

	// Events at the latest instant already sent are remembered, so that one
	// sent before a later event at the same instant appeared is not sent
	// twice.
	var last time.Time
	sentAtLast := map[core.Event]bool{}
	filter := core.EventFilter{Account: c.Account, Limit: backlog}
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		// A clock set back (an import, a test) makes a history that is
		// not a continuation of what was sent: send it anew.
		if h.world.Now().Before(last) {
			last, filter = time.Time{}, core.EventFilter{Account: c.Account, Limit: backlog}
			clear(sentAtLast)
			send(w, "history", map[string]string{"reason": "the clock was set back"})
		}
		events, err := h.world.Events(r.Context(), filter)
		if err != nil {
			if r.Context().Err() != nil {
				return
			}
			send(w, "failure", map[string]string{"error": err.Error()})
		}
		for _, e := range events {
			if e.Region != "" && e.Region != c.Region || sentAtLast[e] {
				continue
			}
			if e.Time.After(last) {
				last = e.Time
				clear(sentAtLast)
			}
			sentAtLast[e] = true
			send(w, "change", e)
		}
		filter.Limit, filter.Since = 0, last
		send(w, "clock", map[string]time.Time{"now": h.world.Now()})
		flusher.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-tick.C:
		}
	}
}

func send(w http.ResponseWriter, name string, v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
}
