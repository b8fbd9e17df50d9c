package cloudwatch_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
)

// stats asks GetMetricStatistics for one connection metric.
func (c *queryClient) stats(t testing.TB, metric, conn string, start, end time.Time, period int, stats ...string) []cloudwatch.Datapoint {
	t.Helper()
	p := params("Namespace", "AWS/DX", "MetricName", metric, "Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", conn,
		"StartTime", ts(start), "EndTime", ts(end), "Period", itoa(period))
	for i, s := range stats {
		p.Set("Statistics.member."+itoa(i+1), s)
	}
	var out cloudwatch.GetMetricStatisticsOutput
	if err := c.call("GetMetricStatistics", p, &out); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out.Datapoints, func(a, b cloudwatch.Datapoint) int { return a.Timestamp.Compare(b.Timestamp) })
	return out.Datapoints
}

// minima are the Minimum of each datapoint, by its minute.
func minima(dps []cloudwatch.Datapoint) map[time.Time]float64 {
	out := map[time.Time]float64{}
	for _, dp := range dps {
		out[dp.Timestamp] = *dp.Minimum
	}
	return out
}

// readyAt makes an available 1 Gbps connection and moves the clock to the
// next whole minute after it came up.
func readyConnection(t *testing.T, w *dxsimtest.World) string {
	t.Helper()
	id := aws.ToString(dxsimtest.ReadyConnection(t, w.Client(), "EqDC2", "1Gbps").ConnectionId)
	w.Provision()
	w.Clock.Advance(w.Clock.Now().Truncate(time.Minute).Add(time.Minute).Sub(w.Clock.Now()))
	return id
}

func TestConnectionStateFollowsALinkDownAndUp(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	up := w.Clock.Now()
	w.Clock.Advance(3 * time.Minute)
	if err := w.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	down := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)
	if err := w.LinkUp(ctx, conn); err != nil {
		t.Fatal(err)
	}
	back := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)

	got := minima(cw.stats(t, "ConnectionState", conn, up, w.Clock.Now(), 60, "Minimum", "SampleCount"))
	for m := up; m.Before(w.Clock.Now()); m = m.Add(time.Minute) {
		want := 1.0
		if !m.Before(down) && m.Before(back) {
			want = 0
		}
		if v, ok := got[m]; !ok || v != want {
			t.Errorf("ConnectionState at %s = %v (present %v), want %v", m.Format(time.TimeOnly), v, ok, want)
		}
	}
	// While it was provisioned (up 30 s after its creation), the
	// connection was down: 0, not absent.
	early := cw.stats(t, "ConnectionState", conn, dxsimtest.Epoch, up, 60, "Minimum", "Maximum")
	if len(early) == 0 || *early[0].Minimum != 0 || *early[0].Maximum != 1 {
		t.Errorf("before it came up: %+v", early)
	}
	// Each minute's datapoint aggregates two samples.
	dps := cw.stats(t, "ConnectionState", conn, up, up.Add(time.Minute), 60, "SampleCount")
	if len(dps) != 1 || *dps[0].SampleCount != 2 || dps[0].Unit != "None" {
		t.Errorf("one minute: %+v", dps)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
