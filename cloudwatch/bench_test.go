package cloudwatch_test

import (
	"testing"
	"time"

	"github.com/dxsim/dxsim/dxsimtest"
)

// BenchmarkFifteenDaysOfTraffic derives 15 days of one connection's
// egress in hours: 43,200 samples a call.
func BenchmarkFifteenDaysOfTraffic(b *testing.B) {
	w := dxsimtest.Start(b)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(b, w)
	w.Clock.Advance(15 * 24 * time.Hour)
	now := w.Clock.Now()
	for b.Loop() {
		if dps := cw.stats(b, "ConnectionBpsEgress", conn, now.Add(-15*24*time.Hour+time.Minute), now, 3600, "Average", "Maximum"); len(dps) < 359 {
			b.Fatalf("%d datapoints", len(dps))
		}
	}
}

// BenchmarkAlarmCatchingUpFifteenDays evaluates an alarm of 1,440 periods
// of a minute at each of the 21,600 minutes of 15 days it was not read.
func BenchmarkAlarmCatchingUpFifteenDays(b *testing.B) {
	w := dxsimtest.Start(b)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(b, w)
	for b.Loop() {
		b.StopTimer()
		cw.putStateAlarm(b, "long", conn, "EvaluationPeriods", "1440", "DatapointsToAlarm", "1")
		cw.alarm(b, "long")
		w.Clock.Advance(15 * 24 * time.Hour)
		b.StartTimer()
		cw.alarm(b, "long")
	}
}
