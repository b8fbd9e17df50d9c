package cloudwatch_test

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// TestTwoProcessesEvaluateAnAlarmOnce: two dxsim servers on one database
// and clock read an alarm at once after the link went down; each minute's
// transition is saved once, and both answer the same history.
func TestTwoProcessesEvaluateAnAlarmOnce(t *testing.T) {
	data := filepath.Join(t.TempDir(), "world.db")
	first := dxsimtest.Start(t, func(c *server.Config) { c.DataPath = data })
	second := dxsimtest.Start(t, func(c *server.Config) { c.DataPath, c.Clock = data, first.Clock })
	conn := readyConnection(t, first)
	a, b := cwClient(first, dxsimtest.Account, dxsimtest.Region), cwClient(second, dxsimtest.Account, dxsimtest.Region)
	a.putStateAlarm(t, "dx-down", conn)
	first.Clock.Advance(time.Minute)
	if err := first.LinkDown(ctx, conn); err != nil {
		t.Fatal(err)
	}
	first.Clock.Advance(5 * time.Minute)
	var wg sync.WaitGroup
	for _, c := range []queryClient{*a, *b, *a, *b} { // copies: a client records its last request ID
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out cloudwatch.DescribeAlarmsOutput
			if err := c.call("DescribeAlarms", nil, &out); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	summaries := func(c *queryClient) []string {
		var out []string
		for _, h := range c.history(t, "AlarmName", "dx-down", "ScanBy", "TimestampAscending") {
			out = append(out, h.Timestamp.Format(time.TimeOnly)+" "+h.HistoryItemType+" "+h.HistorySummary)
		}
		return out
	}
	fromA, fromB := summaries(a), summaries(b)
	if !slices.Equal(fromA, fromB) || len(fromA) != 5 { // created, OK and its action, ALARM and its action
		t.Errorf("history from one process %q\nfrom the other %q", fromA, fromB)
	}
}
