package cloudwatch

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// Alarm evaluation, as CloudWatch does it: at every whole minute T, the
// alarm takes its statistic over each of the last EvaluationPeriods whole
// periods before T (a period is [k×Period, (k+1)×Period) on the clock),
// counts those that breach the threshold, and is in ALARM when at least
// DatapointsToAlarm do, OK otherwise. A period without samples is missing
// data, treated as TreatMissingData says: missing (the default: judged on
// the periods that have data; all missing is INSUFFICIENT_DATA), ignore
// (as missing, but all missing keeps the state), breaching or
// notBreaching (counted as such). A new alarm is INSUFFICIENT_DATA until
// its first evaluation, the next whole minute.

// maxCatchUp bounds how far back an alarm not evaluated for long (the
// clock jumped) is evaluated: its last 15 days of minutes.
const maxCatchUp = 15 * 24 * time.Hour

// evaluation is the outcome of one evaluation.
type evaluation struct {
	state, reason, data string
}

// catchUp evaluates alarm a at every whole minute from the one after its
// last evaluation up to tx.Now, recording its transitions (and the actions
// they attempt) in its history at the minutes they happened. It reports
// whether a changed.
func (s *Service) catchUp(tx *core.Txn, a *AlarmRecord) (bool, error) {
	now := tx.Now
	first := a.EvaluatedAt.Truncate(time.Minute).Add(time.Minute)
	if first.After(now) {
		return false, nil
	}
	if limit := now.Add(-maxCatchUp).Truncate(time.Minute); first.Before(limit) {
		first = limit
	}
	last := now.Truncate(time.Minute)
	period := time.Duration(a.Period) * time.Second
	n := int(a.EvaluationPeriods)
	// The periods that any minute evaluated looks at, from the oldest
	// one the first minute sees; each minute's window of n periods is then
	// counted from running sums, whatever n is.
	from := first.Truncate(period).Add(-time.Duration(n) * period)
	w := &periods{from: from, period: period, values: map[time.Time]float64{}}
	sr, err := s.findSeries(tx, dx.Caller{Account: a.Owner, Region: a.Region}, a.Namespace, a.MetricName, a.Dimensions)
	switch {
	case errors.Is(err, errNoMetric):
	case err != nil:
		return false, err
	case a.Unit == "" || a.Unit == sr.def.unit:
		budget := int(2*last.Sub(from)/rawResolution) + 2
		buckets, _ := collect(sr, from, last, now, period, rawResolution, &budget)
		for _, b := range buckets {
			w.values[b.start] = statOf(b.values, a.stat())
		}
	}
	w.count(a, int(last.Sub(from)/period)+1)
	var prevEnd time.Time
	for t := first; !t.After(last); t = t.Add(time.Minute) {
		end := t.Truncate(period)
		if end.Equal(prevEnd) {
			continue // the same periods as the last minute: the same answer
		}
		prevEnd = end
		if state := a.decide(w.window(end, n)); state != a.State {
			a.transition(a.judge(w, end, t), t)
		}
	}
	a.EvaluatedAt = last
	return true, nil
}

// periods are the statistic's values of an alarm's periods from from, and
// running sums of those present and those breaching.
type periods struct {
	from             time.Time
	period           time.Duration
	values           map[time.Time]float64
	present, breachN []int // present[i]: periods before the i-th with a value
}

func (w *periods) count(a *AlarmRecord, k int) {
	w.present, w.breachN = make([]int, k+1), make([]int, k+1)
	for i := range k {
		v, ok := w.values[w.from.Add(time.Duration(i)*w.period)]
		w.present[i+1], w.breachN[i+1] = w.present[i], w.breachN[i]
		if ok {
			w.present[i+1]++
			if a.breaches(v) {
				w.breachN[i+1]++
			}
		}
	}
}

// counts are what an evaluation counts in its window of periods.
type counts struct{ n, present, breaching int }

// window counts the n periods before end.
func (w *periods) window(end time.Time, n int) counts {
	if w.present == nil { // not counted: every period is missing
		return counts{n: n}
	}
	hi := int(end.Sub(w.from) / w.period)
	lo := max(hi-n, 0)
	hi = min(max(hi, 0), len(w.present)-1)
	return counts{n: n, present: w.present[hi] - w.present[lo], breaching: w.breachN[hi] - w.breachN[lo]}
}

// decide is the state the alarm's rule gives for a window's counts.
func (a *AlarmRecord) decide(c counts) string {
	switch a.TreatMissingData {
	case "breaching":
		c.breaching += c.n - c.present
	case "notBreaching":
	default: // missing, ignore
		if c.present == 0 && a.TreatMissingData == "ignore" {
			return a.State
		}
		if c.present == 0 {
			return StateInsufficientData
		}
	}
	if c.breaching >= a.datapointsToAlarm() {
		return StateAlarm
	}
	return StateOK
}

// shownDatapoints is how many datapoints a state reason lists.
const shownDatapoints = 10

// judge is the evaluation of the alarm at t over the periods before end:
// its state, and the reason CloudWatch words.
func (a *AlarmRecord) judge(w *periods, end, at time.Time) evaluation {
	period := time.Duration(a.Period) * time.Second
	n, m := int(a.EvaluationPeriods), a.datapointsToAlarm()
	c := w.window(end, n)
	state := a.decide(c)
	missing := n - c.present
	switch {
	case state == a.State && c.present == 0: // ignore: all missing keeps the state
		return evaluation{state: a.State, reason: a.StateReason, data: a.StateReasonData}
	case state == StateInsufficientData:
		return evaluation{state: state, reason: fmt.Sprintf("Insufficient Data: %d datapoint%s %s unknown.", missing, plural(missing), wasWere(missing)),
			data: reasonData(a, at, nil, nil)}
	}
	// The newest datapoints, as the reason lists them.
	var shown []string
	var recent []float64
	var stamps []time.Time
	for k := 1; k <= n && len(shown) < shownDatapoints; k++ {
		start := end.Add(-time.Duration(k) * period)
		if v, ok := w.values[start]; ok {
			shown = append(shown, formatValue(v)+" ("+start.UTC().Format("02/01/06 15:04:05")+")")
			recent = append(recent, v)
			stamps = append(stamps, start)
		}
	}
	if c.present > len(shown) {
		shown = append(shown, "...")
	}
	not, transition, counted := "not ", "ALARM -> OK", c.present-c.breaching
	if state == StateAlarm {
		not, transition, counted = "", "OK -> ALARM", c.breaching
	}
	reason := fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints [%s] %s %s%s the threshold (%s) (minimum %d datapoint%s for %s transition).",
		counted, n, strings.Join(shown, ", "), wasWere(counted), not, comparisonWords[a.ComparisonOperator], formatValue(a.Threshold), m, plural(m), transition)
	return evaluation{state: state, reason: shorten(reason, 1023), data: reasonData(a, at, recent, stamps)}
}

// breaches reports whether v crosses the threshold.
func (a *AlarmRecord) breaches(v float64) bool {
	switch a.ComparisonOperator {
	case "GreaterThanOrEqualToThreshold":
		return v >= a.Threshold
	case "GreaterThanThreshold":
		return v > a.Threshold
	case "LessThanThreshold":
		return v < a.Threshold
	case "LessThanOrEqualToThreshold":
		return v <= a.Threshold
	}
	return false
}

var comparisonWords = map[string]string{
	"GreaterThanOrEqualToThreshold": "greater than or equal to",
	"GreaterThanThreshold":          "greater than",
	"LessThanThreshold":             "less than",
	"LessThanOrEqualToThreshold":    "less than or equal to",
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// formatValue writes a value as CloudWatch's reasons do: 1.0, 0.5.
func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// reasonData is the StateReasonData of an evaluation at t.
func reasonData(a *AlarmRecord, at time.Time, recent []float64, stamps []time.Time) string {
	type evaluated struct {
		Timestamp string  `json:"timestamp"`
		Value     float64 `json:"value"`
	}
	d := struct {
		Version             string      `json:"version"`
		QueryDate           string      `json:"queryDate"`
		StartDate           string      `json:"startDate,omitempty"`
		Statistic           string      `json:"statistic,omitempty"`
		Unit                string      `json:"unit,omitempty"`
		Period              int32       `json:"period"`
		RecentDatapoints    []float64   `json:"recentDatapoints"`
		Threshold           float64     `json:"threshold"`
		EvaluatedDatapoints []evaluated `json:"evaluatedDatapoints,omitempty"`
	}{Version: "1.0", QueryDate: at.UTC().Format("2006-01-02T15:04:05.000+0000"), Statistic: a.stat(), Unit: a.Unit, Period: a.Period,
		RecentDatapoints: recent, Threshold: a.Threshold}
	if d.RecentDatapoints == nil {
		d.RecentDatapoints = []float64{}
	}
	for i, v := range recent {
		d.EvaluatedDatapoints = append(d.EvaluatedDatapoints, evaluated{Timestamp: stamps[i].UTC().Format("2006-01-02T15:04:05.000+0000"), Value: v})
	}
	if len(stamps) > 0 {
		d.StartDate = stamps[len(stamps)-1].UTC().Format("2006-01-02T15:04:05.000+0000")
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// transition moves the alarm to e's state at t, recording the change and
// the actions of the new state it attempts.
func (a *AlarmRecord) transition(e evaluation, t time.Time) {
	type stateJSON struct {
		StateValue      string          `json:"stateValue"`
		StateReason     string          `json:"stateReason"`
		StateReasonData json.RawMessage `json:"stateReasonData,omitempty"`
	}
	old := stateJSON{StateValue: a.State, StateReason: a.StateReason}
	nu := stateJSON{StateValue: e.state, StateReason: e.reason}
	if json.Valid([]byte(e.data)) {
		nu.StateReasonData = json.RawMessage(e.data)
	}
	data, _ := json.Marshal(struct {
		Version  string    `json:"version"`
		OldState stateJSON `json:"oldState"`
		NewState stateJSON `json:"newState"`
	}{"1.0", old, nu})
	a.record(HistoryRecord{At: t, Type: HistoryState, Summary: fmt.Sprintf("Alarm updated from %s to %s", a.State, e.state),
		Data: string(data), OldState: a.State, NewState: e.state})
	a.State, a.StateReason, a.StateReasonData = e.state, e.reason, e.data
	a.StateUpdatedAt, a.StateTransitionedAt = t, t
	if !a.ActionsEnabled {
		return
	}
	for _, action := range a.actions(e.state) {
		data, _ := json.Marshal(map[string]any{"actionState": "Attempted", "stateUpdateTimestamp": t.UnixMilli(),
			"notificationResource": action, "error": "dxsim serves no SNS: the notification was recorded, not sent"})
		a.record(HistoryRecord{At: t, Type: HistoryAction, Data: string(data),
			Summary: shorten("Attempted to publish a notification to "+action+" (dxsim serves no SNS: nothing was sent)", 255)})
	}
}

// shorten cuts s to n bytes.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}
