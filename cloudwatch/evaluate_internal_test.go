package cloudwatch

import (
	"strings"
	"testing"
	"time"
)

// TestJudgeCountsMOutOfNAndTreatsMissingData names the evaluation rule:
// ALARM when at least DatapointsToAlarm of the last EvaluationPeriods
// periods breach, missing periods as TreatMissingData says.
func TestJudgeCountsMOutOfNAndTreatsMissingData(t *testing.T) {
	end := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	// Periods of 60 s before end, newest first; NaN marks a missing one.
	series := func(vs ...float64) map[time.Time]float64 {
		m := map[time.Time]float64{}
		for i, v := range vs {
			if v == v {
				m[end.Add(-time.Duration(i+1)*time.Minute)] = v
			}
		}
		return m
	}
	nan := func() float64 { var z float64; return z / z }()
	for _, c := range []struct {
		name    string
		n, m    int32
		missing string
		values  []float64
		from    string
		want    string
	}{
		{"1 of 1 breaching", 1, 1, "", []float64{0}, StateOK, StateAlarm},
		{"1 of 1 fine", 1, 1, "", []float64{1}, StateAlarm, StateOK},
		{"2 of 3, two breach", 3, 2, "", []float64{0, 1, 0}, StateOK, StateAlarm},
		{"2 of 3, one breaches", 3, 2, "", []float64{0, 1, 1}, StateAlarm, StateOK},
		{"all missing", 3, 3, "missing", []float64{nan, nan, nan}, StateOK, StateInsufficientData},
		{"all missing, ignore", 3, 3, "ignore", []float64{nan, nan, nan}, StateAlarm, StateAlarm},
		{"missing as breaching", 3, 3, "breaching", []float64{0, nan, nan}, StateOK, StateAlarm},
		{"missing as not breaching", 3, 1, "notBreaching", []float64{nan, nan, nan}, StateAlarm, StateOK},
		{"some missing, judged on the rest", 3, 1, "missing", []float64{nan, 0, nan}, StateOK, StateAlarm},
	} {
		a := &AlarmRecord{Period: 60, EvaluationPeriods: c.n, DatapointsToAlarm: c.m, Threshold: 1,
			ComparisonOperator: "LessThanThreshold", TreatMissingData: c.missing, State: c.from, Statistic: "Minimum"}
		w := &periods{from: end.Add(-time.Duration(c.n) * time.Minute), period: time.Minute, values: series(c.values...)}
		w.count(a, int(c.n))
		if got := a.decide(w.window(end, int(c.n))); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		if got := a.judge(w, end, end).state; got != c.want {
			t.Errorf("%s: judged %s, want %s", c.name, got, c.want)
		}
	}
}

func TestPercentileIsTheNearestRank(t *testing.T) {
	values := []float64{5, 1, 4, 2, 3}
	for stat, want := range map[string]float64{"p0": 1, "p50": 3, "p80": 4, "p81": 5, "p100": 5, "Average": 3, "SampleCount": 5} {
		if got := statOf(values, stat); got != want {
			t.Errorf("%s = %v, want %v", stat, got, want)
		}
	}
	for _, bad := range []string{"p", "p101", "p-1", "P50", "p1e1", "tm99"} {
		if validStat(bad) {
			t.Errorf("%q is accepted", bad)
		}
	}
}

func TestAStateReasonListsTenDatapointsAtMost(t *testing.T) {
	end := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	a := &AlarmRecord{Period: 60, EvaluationPeriods: 1440, Threshold: 1, ComparisonOperator: "LessThanThreshold", State: StateOK, Statistic: "Minimum"}
	w := &periods{from: end.Add(-1440 * time.Minute), period: time.Minute, values: map[time.Time]float64{}}
	for i := range 1440 {
		w.values[w.from.Add(time.Duration(i)*time.Minute)] = 0
	}
	w.count(a, 1440)
	e := a.judge(w, end, end)
	if e.state != StateAlarm || len(e.reason) > 1023 || !strings.Contains(e.reason, "1440 out of the last 1440 datapoints [0.0 (01/01/27 09:59:00), ") || !strings.Contains(e.reason, ", ...]") {
		t.Errorf("%s: %s", e.state, e.reason)
	}
}
