package cloudwatch

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Limits of the metric operations, as CloudWatch documents them.
const (
	maxStatisticsDatapoints = 1440    // GetMetricStatistics
	maxMetricDataDatapoints = 100_800 // GetMetricData, per call
	maxMetricDataQueries    = 500
	maxListedMetrics        = 500 // ListMetrics, per page
	maxDimensions           = 30
	// sampleBudget bounds the samples one GetMetricData call derives; a
	// page ends before a query that would pass it, and NextToken goes on.
	sampleBudget = 2_000_000 // about a second of derivation (BenchmarkFifteenDaysOfTraffic)
)

// units are CloudWatch's StandardUnit values.
var units = []string{"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
	"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
	"Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
	"Gigabits/Second", "Terabits/Second", "Count/Second", "None"}

func checkUnit(param, u string) error {
	if u != "" && !slices.Contains(units, u) {
		return invalidValue(param, u, "it must be one of "+strings.Join(units, ", "))
	}
	return nil
}

// checkPeriod checks a period: 1, 5, 10, 30 or a multiple of 60 seconds.
func checkPeriod(param string, p *int32) error {
	switch {
	case p == nil:
		return missing(param)
	case *p < 1 || *p%60 != 0 && !slices.Contains([]int32{1, 5, 10, 30}, *p):
		return invalidValue(param, strconv.Itoa(int(*p)), "the period must be 1, 5, 10, 30 or a multiple of 60 seconds")
	}
	return nil
}

func checkDimensions(param string, dims []Dimension) error {
	if len(dims) > maxDimensions {
		return invalidValue(param, strconv.Itoa(len(dims))+" dimensions", fmt.Sprintf("a metric has at most %d dimensions", maxDimensions))
	}
	for i, d := range dims {
		switch {
		case d.Name == "":
			return missing(fmt.Sprintf("%s.member.%d.Name", param, i+1))
		case d.Value == "":
			return missing(fmt.Sprintf("%s.member.%d.Value", param, i+1))
		}
	}
	return nil
}

// span is the time range of a metric query: its start rounded down to the
// interval of the data it reaches back to, and that interval. A start
// older than CloudWatch keeps data is moved up to the oldest data kept.
func span(start, now time.Time, period time.Duration) (time.Time, time.Duration) {
	if oldest := now.Add(-retention); start.Before(oldest) {
		start = oldest.Truncate(time.Hour).Add(time.Hour)
	}
	res := resolution(now.Sub(start))
	switch {
	case res == 0:
		return start, 0
	case period < rawResolution:
		return start.Truncate(period), res
	}
	return start.Truncate(res), res
}

// answers reports whether data of resolution res can be asked in periods
// of period: CloudWatch returns no datapoints for periods finer than the
// data it keeps.
func answers(period, res time.Duration) bool {
	return res != 0 && (res == rawResolution || period%res == 0)
}

// GetMetricStatistics answers the statistics of one metric in periods.
func (s *Service) GetMetricStatistics(ctx context.Context, caller dx.Caller, in *GetMetricStatisticsInput) (*GetMetricStatisticsOutput, error) {
	switch {
	case in.Namespace == "":
		return nil, missing("Namespace")
	case in.MetricName == "":
		return nil, missing("MetricName")
	case in.StartTime == nil:
		return nil, missing("StartTime")
	case in.EndTime == nil:
		return nil, missing("EndTime")
	}
	if err := checkPeriod("Period", in.Period); err != nil {
		return nil, err
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return nil, err
	}
	if err := checkUnit("Unit", in.Unit); err != nil {
		return nil, err
	}
	if !in.StartTime.Before(in.EndTime.Time) {
		return nil, errorf(InvalidParameterValue, "The parameter StartTime must be less than the parameter EndTime.")
	}
	switch {
	case len(in.Statistics) == 0 && len(in.ExtendedStatistics) == 0:
		return nil, errorf(InvalidParameterCombination, "At least one of the parameters Statistics and ExtendedStatistics must be specified.")
	case len(in.Statistics) > 0 && len(in.ExtendedStatistics) > 0:
		return nil, errorf(InvalidParameterCombination, "The parameters Statistics and ExtendedStatistics are mutually exclusive; specify one of them.")
	case len(in.Statistics) > 5:
		return nil, invalidValue("Statistics", strconv.Itoa(len(in.Statistics))+" statistics", "at most 5 may be asked")
	case len(in.ExtendedStatistics) > 10:
		return nil, invalidValue("ExtendedStatistics", strconv.Itoa(len(in.ExtendedStatistics))+" statistics", "at most 10 may be asked")
	}
	for i, st := range in.Statistics {
		if !slices.Contains(statistics, st) {
			return nil, invalidValue(fmt.Sprintf("Statistics.member.%d", i+1), st, "it must be one of "+strings.Join(statistics, ", "))
		}
	}
	for i, st := range in.ExtendedStatistics {
		if _, ok := percentile(st); !ok {
			return nil, invalidValue(fmt.Sprintf("ExtendedStatistics.member.%d", i+1), st, "it must be a percentile from p0 to p100, such as p99 or p99.9")
		}
	}
	period := time.Duration(*in.Period) * time.Second
	// The limit is on what the request asks, before the data's age is known.
	if n := (in.EndTime.Sub(in.StartTime.Truncate(period)) + period - 1) / period; n > maxStatisticsDatapoints {
		return nil, errorf(InvalidParameterCombination, "You have requested up to %d datapoints, which exceeds the limit of %d. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", n, maxStatisticsDatapoints)
	}
	out := &GetMetricStatisticsOutput{Label: in.MetricName, Datapoints: []Datapoint{}}
	err := s.View(ctx, func(tx *core.Txn) error {
		out.Datapoints = out.Datapoints[:0]
		from, res := span(in.StartTime.Time, tx.Now, period)
		if !answers(period, res) {
			return nil
		}
		sr, err := s.findSeries(tx, caller, in.Namespace, in.MetricName, in.Dimensions)
		if errors.Is(err, errNoMetric) || err == nil && in.Unit != "" && in.Unit != sr.def.unit {
			return nil
		}
		if err != nil {
			return err
		}
		budget := sampleBudget
		buckets, _ := collect(sr, from, in.EndTime.Time, tx.Now, period, res, &budget)
		for _, b := range buckets {
			dp := Datapoint{Timestamp: dx.EpochTime{Time: b.start.UTC()}, Unit: sr.def.unit}
			for _, st := range in.Statistics {
				v := statOf(b.values, st)
				switch st {
				case "SampleCount":
					dp.SampleCount = &v
				case "Average":
					dp.Average = &v
				case "Sum":
					dp.Sum = &v
				case "Minimum":
					dp.Minimum = &v
				case "Maximum":
					dp.Maximum = &v
				}
			}
			if len(in.ExtendedStatistics) > 0 {
				dp.ExtendedStatistics = ValueMap{}
				for _, st := range in.ExtendedStatistics {
					dp.ExtendedStatistics[st] = statOf(b.values, st)
				}
			}
			out.Datapoints = append(out.Datapoints, dp)
		}
		return nil
	})
	return out, err
}

var metricDataID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

// checkMetricDataQuery checks query i of GetMetricData (or of an alarm's
// Metrics, named by param).
func checkMetricDataQuery(param string, q MetricDataQuery) error {
	switch {
	case q.Id == "":
		return missing(param + ".Id")
	case len(q.Id) > 255 || !metricDataID.MatchString(q.Id):
		return invalidValue(param+".Id", q.Id, "an Id starts with a lowercase letter and holds only letters, digits and underscores")
	case q.Expression != "" && q.MetricStat != nil:
		return errorf(InvalidParameterCombination, "%s: exactly one of MetricStat and Expression must be given, not both.", param)
	case q.Expression != "":
		return invalidValue(param+".Expression", q.Expression, "dxsim does not evaluate metric math expressions; ask for the metric with MetricStat")
	case q.MetricStat == nil:
		return errorf(InvalidParameterCombination, "%s: exactly one of MetricStat and Expression must be given.", param)
	}
	ms := q.MetricStat
	switch {
	case ms.Metric == nil || ms.Metric.MetricName == "":
		return missing(param + ".MetricStat.Metric.MetricName")
	case ms.Metric.Namespace == "":
		return missing(param + ".MetricStat.Metric.Namespace")
	case ms.Stat == "":
		return missing(param + ".MetricStat.Stat")
	case !validStat(ms.Stat):
		return invalidValue(param+".MetricStat.Stat", ms.Stat, "dxsim computes SampleCount, Average, Sum, Minimum, Maximum and percentiles such as p99")
	}
	if err := checkPeriod(param+".MetricStat.Period", ms.Period); err != nil {
		return err
	}
	if err := checkUnit(param+".MetricStat.Unit", ms.Unit); err != nil {
		return err
	}
	return checkDimensions(param+".MetricStat.Metric.Dimensions", ms.Metric.Dimensions)
}

// GetMetricData answers the datapoints of up to 500 metric queries, at
// most MaxDatapoints (100,800) per call, the rest on further pages.
func (s *Service) GetMetricData(ctx context.Context, caller dx.Caller, in *GetMetricDataInput) (*GetMetricDataOutput, error) {
	switch {
	case len(in.MetricDataQueries) == 0:
		return nil, missing("MetricDataQueries")
	case len(in.MetricDataQueries) > maxMetricDataQueries:
		return nil, errorf(InvalidParameterValue, "The collection MetricDataQueries must not have a size greater than %d; it has %d.", maxMetricDataQueries, len(in.MetricDataQueries))
	case in.StartTime == nil:
		return nil, missing("StartTime")
	case in.EndTime == nil:
		return nil, missing("EndTime")
	case !in.StartTime.Before(in.EndTime.Time):
		return nil, errorf(InvalidParameterValue, "The parameter StartTime must be less than the parameter EndTime.")
	case in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending":
		return nil, invalidValue("ScanBy", in.ScanBy, "it must be TimestampDescending or TimestampAscending")
	case in.MaxDatapoints != nil && *in.MaxDatapoints < 1:
		return nil, invalidValue("MaxDatapoints", strconv.Itoa(int(*in.MaxDatapoints)), "it must be at least 1")
	}
	ids := map[string]bool{}
	for i, q := range in.MetricDataQueries {
		param := fmt.Sprintf("MetricDataQueries.member.%d", i+1)
		if err := checkMetricDataQuery(param, q); err != nil {
			return nil, err
		}
		if ids[q.Id] {
			return nil, invalidValue(param+".Id", q.Id, "each query's Id must be unique in the request")
		}
		ids[q.Id] = true
	}
	first, offset := 0, 0
	if in.NextToken != "" {
		p, err := core.ParsePage(nil, in.NextToken)
		a, b, ok := strings.Cut(p.After, ":")
		q, err1 := strconv.Atoi(a)
		off, err2 := strconv.Atoi(b)
		if err != nil || !ok || err1 != nil || err2 != nil || q < 0 || q >= len(in.MetricDataQueries) || off < 0 {
			return nil, badToken(in.NextToken)
		}
		first, offset = q, off
		in.MetricDataQueries = in.MetricDataQueries[first:]
	}
	limit := maxMetricDataDatapoints
	if in.MaxDatapoints != nil {
		limit = int(*in.MaxDatapoints)
	}
	out := &GetMetricDataOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		out.MetricDataResults, out.NextToken = []MetricDataResult{}, ""
		left, budget := limit, sampleBudget
		for i, q := range in.MetricDataQueries {
			skip := 0
			if i == 0 {
				skip = offset
			}
			ms := q.MetricStat
			period := time.Duration(*ms.Period) * time.Second
			from, res := span(in.StartTime.Time, tx.Now, period)
			if end := minTime(in.EndTime.Time, tx.Now); res != 0 && i > 0 && end.After(from) && int(2*end.Sub(from)/res) > budget {
				out.NextToken = core.EncodeToken(fmt.Sprintf("%d:0", first+i))
				return nil
			}
			r := MetricDataResult{Id: q.Id, Label: q.Label, Timestamps: []dx.EpochTime{}, Values: []float64{}, StatusCode: "Complete"}
			if r.Label == "" {
				r.Label = ms.Metric.MetricName
			}
			if answers(period, res) && (q.AccountId == "" || q.AccountId == caller.Account) {
				sr, err := s.findSeries(tx, caller, ms.Metric.Namespace, ms.Metric.MetricName, ms.Metric.Dimensions)
				if err != nil && !errors.Is(err, errNoMetric) {
					return err
				}
				if err == nil && (ms.Unit == "" || ms.Unit == sr.def.unit) {
					buckets, _ := collect(sr, from, in.EndTime.Time, tx.Now, period, res, &budget)
					if in.ScanBy != "TimestampAscending" {
						slices.Reverse(buckets)
					}
					for _, b := range buckets {
						r.Timestamps = append(r.Timestamps, dx.EpochTime{Time: b.start.UTC()})
						r.Values = append(r.Values, statOf(b.values, ms.Stat))
					}
				}
			}
			r.Timestamps, r.Values = r.Timestamps[min(skip, len(r.Timestamps)):], r.Values[min(skip, len(r.Values)):]
			if len(r.Values) > left {
				r.Timestamps, r.Values, r.StatusCode = r.Timestamps[:left], r.Values[:left], "PartialData"
				out.NextToken = core.EncodeToken(fmt.Sprintf("%d:%d", first+i, skip+left))
			}
			left -= len(r.Values)
			if q.ReturnData == nil || *q.ReturnData {
				out.MetricDataResults = append(out.MetricDataResults, r)
			}
			if out.NextToken != "" {
				return nil
			}
		}
		return nil
	})
	return out, err
}

// ListMetrics lists the AWS/DX metrics of the caller's connections and
// virtual interfaces in its Region, 500 a page.
func (s *Service) ListMetrics(ctx context.Context, caller dx.Caller, in *ListMetricsInput) (*ListMetricsOutput, error) {
	if in.RecentlyActive != "" && in.RecentlyActive != "PT3H" {
		return nil, invalidValue("RecentlyActive", in.RecentlyActive, "the only value is PT3H")
	}
	if len(in.Dimensions) > 10 {
		return nil, invalidValue("Dimensions", strconv.Itoa(len(in.Dimensions))+" filters", "at most 10 dimension filters may be given")
	}
	filter := map[string]*string{}
	for i, f := range in.Dimensions {
		if f.Name == "" {
			return nil, missing(fmt.Sprintf("Dimensions.member.%d.Name", i+1))
		}
		filter[f.Name] = f.Value
	}
	// The position is the kind of the last resource listed and its ID.
	after := ""
	if in.NextToken != "" {
		p, err := core.ParsePage(nil, in.NextToken)
		if err != nil || !strings.HasPrefix(p.After, "c|") && !strings.HasPrefix(p.After, "v|") {
			return nil, badToken(in.NextToken)
		}
		after = p.After
	}
	out := &ListMetricsOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		out.Metrics, out.NextToken = []Metric{}, ""
		if in.Namespace != "" && in.Namespace != Namespace {
			return nil
		}
		active := func(r *resource) bool {
			since := 14 * 24 * time.Hour // CloudWatch lists metrics with data in the last two weeks
			if in.RecentlyActive != "" {
				since = 3 * time.Hour
			}
			for t := tx.Now; !t.Before(tx.Now.Add(-since)); t = t.Add(-30 * time.Minute) {
				if r.exists(t) {
					return true
				}
			}
			return r.exists(tx.Now.Add(-since))
		}
		// add lists r's metrics that the filters select, unless the page
		// is full; it reports whether it did.
		add := func(r *resource) bool {
			var ms []Metric
			for i := range metricDefs {
				d := &metricDefs[i]
				if !r.has(d) || in.MetricName != "" && in.MetricName != d.name {
					continue
				}
				for _, part := range r.parts(d) {
					dims := r.dimensions(d, part)
					if matches(dims, filter) {
						ms = append(ms, Metric{Namespace: Namespace, MetricName: d.name, Dimensions: dims})
					}
				}
			}
			if len(out.Metrics)+len(ms) > maxListedMetrics {
				return false
			}
			out.Metrics = append(out.Metrics, ms...)
			return true
		}
		var last string
		stop := errors.New("page full")
		walk := func(kind string, load func(id string) (*resource, error), q store.Query) error {
			if after != "" && after > kind+"|"+"\xff" {
				return nil
			}
			if strings.HasPrefix(after, kind+"|") {
				q.After = strings.TrimPrefix(after, kind+"|")
			}
			return store.Each(tx, q, 200, func(row *idOnly) error {
				r, err := load(row.ID)
				if errors.Is(err, errNoMetric) {
					return nil
				}
				if err != nil {
					return err
				}
				if !active(r) {
					return nil
				}
				if !add(r) {
					out.NextToken = core.EncodeToken(last)
					return stop
				}
				last = kind + "|" + r.id
				return nil
			})
		}
		loadConn := func(id string) (*resource, error) {
			c, err := core.LoadOwned[dx.ConnectionRecord](tx, store.Connections, id, caller, errNoMetric, nil)
			if err != nil {
				return nil, err
			}
			return s.connectionResource(tx, c)
		}
		loadVif := func(id string) (*resource, error) {
			v, err := core.LoadOwned[dx.VirtualInterfaceRecord](tx, store.VirtualInterfaces, id, caller, errNoMetric, nil)
			if err != nil {
				return nil, err
			}
			return s.vifResource(tx, v)
		}
		connQ := store.Query{Kind: store.Connections, Account: caller.Account, Region: caller.Region}
		vifQ := store.Query{Kind: store.VirtualInterfaces, Account: caller.Account, Region: caller.Region}
		// A dimension's value names the one resource (or a connection's
		// interfaces): an indexed lookup, not a walk of the account.
		if id := filter[dimVif]; id != nil {
			r, err := loadVif(*id)
			if err == nil && active(r) {
				add(r)
			} else if err != nil && !errors.Is(err, errNoMetric) {
				return err
			}
			return nil
		}
		if id := filter[dimConnection]; id != nil {
			if r, err := loadConn(*id); err == nil && active(r) && (after == "" || after < "c|"+r.id) {
				if !add(r) {
					return nil
				}
				last = "c|" + r.id
			} else if err != nil && !errors.Is(err, errNoMetric) {
				return err
			}
			connQ = store.Query{}
			vifQ.Parent = *id
		}
		if connQ.Kind != "" {
			if err := walk("c", loadConn, connQ); err != nil {
				if errors.Is(err, stop) {
					return nil
				}
				return err
			}
		}
		if err := walk("v", loadVif, vifQ); err != nil && !errors.Is(err, stop) {
			return err
		}
		return nil
	})
	return out, err
}

// idOnly decodes only a record's ID.
type idOnly struct {
	ID string `json:"id"`
}

// matches reports whether dims has every dimension of filter, with its
// value where the filter gives one.
func matches(dims []Dimension, filter map[string]*string) bool {
	for name, value := range filter {
		i := slices.IndexFunc(dims, func(d Dimension) bool { return d.Name == name })
		if i < 0 || value != nil && dims[i].Value != *value {
			return false
		}
	}
	return true
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
