package operator

import (
	"context"
	"log/slog"
	"time"
)

// PurgeEvery is how often, in real time, a dxsim process purges the
// deleted records that are due (core.Purge); it also purges when its
// operator moves the world's clock.
const PurgeEvery = time.Minute

// Purge removes the deleted records whose retention period has passed
// (and secrets whose deletion date has), and answers how many it removed.
// A world an older dxsim saved gets the tombstones the purge finds them by
// first, once.
func (s *Controls) Purge(ctx context.Context) (int, error) {
	if err := s.EnsureTombstones(ctx); err != nil {
		return 0, err
	}
	return s.Base.Purge(ctx)
}

// ClockMoved evaluates the alarms up to the clock's new time, and purges
// what the operator's move of the world's clock made due, before the move is answered, so that the world is as that much time
// would have left it. If that fails, the background purge (RunPurge) tries
// again at once.
func (s *Controls) ClockMoved(ctx context.Context) {
	// Alarms evaluate as the clock passes: their transitions are saved
	// now (they are derived either way; see package cloudwatch), over the
	// resources as they were before the purge.
	_ = s.cw.EvaluateAll(ctx)
	if _, err := s.Purge(ctx); err != nil {
		s.PurgeSoon()
	}
}

// PurgeSoon asks the background purge to run now.
func (s *Controls) PurgeSoon() {
	select {
	case s.purge <- struct{}{}:
	default: // one is asked for already
	}
}

// RunPurge purges when it starts, every PurgeEvery and when PurgeSoon asks,
// until stop is closed.
func (s *Controls) RunPurge(stop <-chan struct{}, log *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	tick := time.NewTicker(PurgeEvery)
	defer tick.Stop()
	for {
		if n, err := s.Purge(ctx); err != nil && ctx.Err() == nil {
			log.Warn("purging deleted records", "err", err)
		} else if n > 0 {
			log.Info("purged deleted records", "removed", n)
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		case <-s.purge:
		}
	}
}
