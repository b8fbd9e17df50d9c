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
	slices.SortFunc(out.Datapoints, func(a, b cloudwatch.Datapoint) int { return a.Timestamp.Compare(b.Timestamp.Time) })
	return out.Datapoints
}

// minima are the Minimum of each datapoint, by its minute.
func minima(dps []cloudwatch.Datapoint) map[time.Time]float64 {
	out := map[time.Time]float64{}
	for _, dp := range dps {
		out[dp.Timestamp.Time] = *dp.Minimum
	}
	return out
}

// readyAt makes an available 1 Gbps connection and moves the clock to the
// next whole minute after it came up.
func readyConnection(t testing.TB, w *dxsimtest.World) string {
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

func TestOldDataIsKeptAsCloudWatchKeepsIt(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	created := w.Clock.Now().Truncate(time.Hour).Add(time.Hour) // a whole hour the connection was up in
	w.Clock.Advance(20 * 24 * time.Hour)
	// 20 days on, minutes are gone: a 60 s period answers nothing, a
	// 300 s period two samples per datapoint.
	if dps := cw.stats(t, "ConnectionState", conn, created, created.Add(time.Hour), 60, "SampleCount"); len(dps) != 0 {
		t.Errorf("one-minute data of 20 days ago: %d datapoints", len(dps))
	}
	dps := cw.stats(t, "ConnectionState", conn, created, created.Add(time.Hour), 300, "SampleCount")
	if len(dps) != 12 || *dps[0].SampleCount != 2 {
		t.Errorf("five-minute data of 20 days ago: %+v", dps)
	}
	// A range reaching back further than CloudWatch keeps answers what is
	// kept: the last 455 days.
	w.Clock.Advance(500 * 24 * time.Hour)
	now := w.Clock.Now()
	dps = cw.stats(t, "ConnectionState", conn, now.Add(-600*24*time.Hour), now, 86400, "Minimum")
	if len(dps) < 454 || len(dps) > 456 || dps[0].Timestamp.Before(now.Add(-456*24*time.Hour)) {
		t.Errorf("a range of 600 days answered %d datapoints from %s", len(dps), dps[0].Timestamp)
	}
}
