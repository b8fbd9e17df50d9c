package cloudwatch

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// How CloudWatch keeps AWS/DX data: every interval's datapoint aggregates
// two samples (the Direct Connect user guide: "an aggregation of at least
// two samples collected during that interval"), taken at the start and the
// middle of the interval; intervals are one minute for data up to 15 days
// old, five minutes up to 63 days, one hour up to 455 days; older data is
// gone.
const (
	rawResolution = time.Minute
	fineAge       = 15 * 24 * time.Hour
	mediumAge     = 63 * 24 * time.Hour
	retention     = 455 * 24 * time.Hour
)

// resolution is the interval of data whose age (from now) is age; 0 for
// data older than CloudWatch keeps.
func resolution(age time.Duration) time.Duration {
	switch {
	case age <= fineAge:
		return rawResolution
	case age <= mediumAge:
		return 5 * time.Minute
	case age <= retention:
		return time.Hour
	}
	return 0
}

// bucket is one period's samples.
type bucket struct {
	start  time.Time
	values []float64
}

// collect samples sr over [from, to), up to now, at resolution res (two
// samples per interval) and groups them into periods of period from
// from; only periods with samples are returned, oldest first. It stops
// once it has taken budget samples, and reports whether it finished.
func collect(sr series, from, to, now time.Time, period, res time.Duration, budget *int) ([]bucket, bool) {
	var out []bucket
	step := res / 2
	t := from.Truncate(step)
	if t.Before(from) {
		t = t.Add(step)
	}
	for ; t.Before(to) && !t.After(now); t = t.Add(step) {
		if *budget <= 0 {
			return out, false
		}
		*budget--
		v, ok := sr.at(t)
		if !ok {
			continue
		}
		start := from.Add(t.Sub(from) / period * period)
		if n := len(out); n == 0 || !out[n-1].start.Equal(start) {
			out = append(out, bucket{start: start})
		}
		out[len(out)-1].values = append(out[len(out)-1].values, v)
	}
	return out, true
}

// Statistics CloudWatch computes.
var statistics = []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}

// percentile reads an extended statistic pNN or pNN.NN, 0 to 100.
func percentile(stat string) (float64, bool) {
	num, ok := strings.CutPrefix(stat, "p")
	if !ok || num == "" || len(num) > 6 {
		return 0, false
	}
	p, err := strconv.ParseFloat(num, 64)
	if err != nil || p < 0 || p > 100 || strings.ContainsAny(num, "eE+-") {
		return 0, false
	}
	return p, true
}

// validStat reports whether stat is a statistic or percentile dxsim
// computes.
func validStat(stat string) bool {
	_, ok := percentile(stat)
	return ok || slices.Contains(statistics, stat)
}

// statOf is stat over values (at least one).
func statOf(values []float64, stat string) float64 {
	switch stat {
	case "SampleCount":
		return float64(len(values))
	case "Sum", "Average":
		sum := 0.0
		for _, v := range values {
			sum += v
		}
		if stat == "Average" {
			return sum / float64(len(values))
		}
		return sum
	case "Minimum":
		return slices.Min(values)
	case "Maximum":
		return slices.Max(values)
	}
	p, _ := percentile(stat)
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	// Nearest rank: the smallest value at least p% of the samples do not
	// exceed.
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}
