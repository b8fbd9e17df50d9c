package operator

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/dxsim/dxsim/store"
)

// EvaluateEvery is how often a dxsim process evaluates CloudWatch's alarms
// in the background, so that an alarm nobody reads does not leave its
// next reader (or the event log, or /metrics) many minutes to catch up.
const EvaluateEvery = 30 * time.Second

// RunEvaluation evaluates every alarm up to the clock's time every
// EvaluateEvery, until stop is closed. Evaluation is deterministic, so
// processes sharing a database may all run it.
func (s *Controls) RunEvaluation(stop <-chan struct{}, log *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	tick := time.NewTicker(EvaluateEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		if err := s.cw.EvaluateAll(ctx); err != nil && ctx.Err() == nil && !errors.Is(err, store.ErrDamaged) {
			log.Warn("evaluating CloudWatch alarms", "err", err)
		}
	}
}
