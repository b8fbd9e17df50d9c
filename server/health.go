package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/dxsim/dxsim/store"
)

// storeCheckTimeout bounds the store check of one GET /health.
const storeCheckTimeout = 2 * time.Second

// storeHealth checks the store for GET /health. Requests that arrive while
// a check runs share it, so a flood of health checks costs one check at a
// time. It logs when the store stops answering and when it answers again;
// damage the store meets is logged once, with how to recover, as it is met.
type storeHealth struct {
	checker store.Checker // nil: a store that cannot tell, taken as healthy
	log     *slog.Logger
	mu      sync.Mutex
	running *storeCheck // the check in flight, if any
	failing bool        // the last check failed
}

// storeCheck is one run of the store's Check.
type storeCheck struct {
	done chan struct{}
	err  error // set before done is closed
}

func newStoreHealth(st store.Store, log *slog.Logger) *storeHealth {
	h := &storeHealth{log: log}
	if c, ok := st.(store.Checker); ok {
		h.checker = c
		c.OnDamage(func(d *store.Damage) {
			log.Error("the store is damaged: requests that read the damaged data fail with a server fault and GET /health answers 503",
				"err", d.Err.Error(), "recover", d.Recover)
		})
	}
	return h
}

// check returns what the store's check in flight, or a new one, found.
func (h *storeHealth) check(ctx context.Context) error {
	if h.checker == nil {
		return nil
	}
	h.mu.Lock()
	c := h.running
	if c == nil {
		c = &storeCheck{done: make(chan struct{})}
		h.running = c
		go h.run(c)
	}
	h.mu.Unlock()
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run runs c on a deadline of its own: a caller that gives up does not
// end the check the others wait for.
func (h *storeHealth) run(c *storeCheck) {
	ctx, cancel := context.WithTimeout(context.Background(), storeCheckTimeout)
	defer cancel()
	c.err = h.checker.Check(ctx)
	h.mu.Lock()
	h.running = nil
	was := h.failing
	h.failing = c.err != nil
	h.mu.Unlock()
	switch {
	case c.err != nil && !was && !errors.Is(c.err, store.ErrDamaged): // damage is logged as it is met
		h.log.Error("the store does not answer: GET /health answers 503", "err", c.err.Error())
	case c.err == nil && was:
		h.log.Info("the store answers again: GET /health answers 200")
	}
	close(c.done)
}

// healthAnswer is the body of GET /health.
type healthAnswer struct {
	Status string `json:"status"`           // ok or unhealthy
	Store  string `json:"store,omitempty"`  // unhealthy: damaged or unavailable
	Reason string `json:"reason,omitempty"` // what the store said
	// Recover says how to recover damaged data.
	Recover string `json:"recover,omitempty"`
}

// serveHealth answers GET /health: 200 while the store answers, 503 with
// the reason when it does not.
func (h *storeHealth) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	err := h.check(r.Context())
	if err == nil {
		io.WriteString(w, `{"status":"ok"}`+"\n")
		return
	}
	a := healthAnswer{Status: "unhealthy", Store: "unavailable", Reason: err.Error()}
	var d *store.Damage
	if errors.As(err, &d) {
		a.Store, a.Recover = "damaged", d.Recover
	}
	w.WriteHeader(http.StatusServiceUnavailable)
	json.NewEncoder(w).Encode(a)
}
