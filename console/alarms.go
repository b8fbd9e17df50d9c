package console

import (
	"context"
	"errors"
	"net/http"

	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dx"
)

// Alarm is one of the account's CloudWatch alarms as DescribeAlarms
// answers it, with the resource the drawing shows it on.
type Alarm struct {
	// Resource is the virtual interface the alarm's metric is of (its
	// VirtualInterfaceId dimension), else the connection (ConnectionId);
	// "" when it names neither.
	Resource string                 `json:"resource"`
	Record   cloudwatch.MetricAlarm `json:"record"`
}

// historyItems is how many of an alarm's latest history items the details
// pane shows.
const historyItems = 10

// alarms reads every alarm of the account in the Region, a page of
// DescribeAlarms at a time.
func (h *handler) alarms(ctx context.Context, c dx.Caller) ([]Alarm, error) {
	out := []Alarm{}
	limit := int32(100)
	in := &cloudwatch.DescribeAlarmsInput{MaxRecords: &limit}
	for {
		page, err := h.cw.DescribeAlarms(ctx, c, in)
		if err != nil {
			return nil, err
		}
		for _, a := range page.MetricAlarms {
			out = append(out, Alarm{Resource: cloudwatch.Watched(a.Dimensions), Record: a})
		}
		if page.NextToken == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// alarmHistory answers the latest items of one alarm's history, as
// DescribeAlarmHistory does.
func (h *handler) alarmHistory(w http.ResponseWriter, r *http.Request) {
	c, err := h.caller(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		writeError(w, http.StatusBadRequest, "name must be the name of one of the account's alarms")
		return
	}
	limit := int32(historyItems)
	out, err := h.cw.DescribeAlarmHistory(r.Context(), c, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: name, MaxRecords: &limit})
	var e *dx.Error
	switch {
	case errors.As(err, &e):
		writeError(w, e.Status, e.Message)
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, out)
	}
}
