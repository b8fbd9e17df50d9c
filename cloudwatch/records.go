package cloudwatch

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Alarm states.
const (
	StateOK               = "OK"
	StateAlarm            = "ALARM"
	StateInsufficientData = "INSUFFICIENT_DATA"
)

// History item types.
const (
	HistoryConfiguration = "ConfigurationUpdate"
	HistoryState         = "StateUpdate"
	HistoryAction        = "Action"
)

// AlarmRecord is a metric alarm of its owner's account and Region, with
// its state as last evaluated (EvaluatedAt) and its history.
type AlarmRecord struct {
	ARN                              string      `json:"arn"`
	Name                             string      `json:"name"`
	Owner                            string      `json:"owner"`
	Region                           string      `json:"region"`
	Description                      string      `json:"description,omitempty"`
	ActionsEnabled                   bool        `json:"actionsEnabled"`
	OKActions                        []string    `json:"okActions,omitempty"`
	AlarmActions                     []string    `json:"alarmActions,omitempty"`
	InsufficientDataActions          []string    `json:"insufficientDataActions,omitempty"`
	Namespace                        string      `json:"namespace"`
	MetricName                       string      `json:"metricName"`
	Dimensions                       []Dimension `json:"dimensions,omitempty"`
	Statistic                        string      `json:"statistic,omitempty"`
	ExtendedStatistic                string      `json:"extendedStatistic,omitempty"`
	Period                           int32       `json:"period"`
	Unit                             string      `json:"unit,omitempty"`
	EvaluationPeriods                int32       `json:"evaluationPeriods"`
	DatapointsToAlarm                int32       `json:"datapointsToAlarm,omitempty"`
	Threshold                        float64     `json:"threshold"`
	ComparisonOperator               string      `json:"comparisonOperator"`
	TreatMissingData                 string      `json:"treatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile string      `json:"evaluateLowSampleCountPercentile,omitempty"`
	Tags                             []Tag       `json:"tags,omitempty"`
	ConfiguredAt                     time.Time   `json:"configuredAt"`
	State                            string      `json:"state"`
	StateReason                      string      `json:"stateReason"`
	StateReasonData                  string      `json:"stateReasonData,omitempty"`
	StateUpdatedAt                   time.Time   `json:"stateUpdatedAt"`
	StateTransitionedAt              time.Time   `json:"stateTransitionedAt"`
	// EvaluatedAt is the last whole minute the alarm was evaluated at;
	// evaluation goes on from the next one.
	EvaluatedAt time.Time       `json:"evaluatedAt"`
	History     []HistoryRecord `json:"history,omitempty"`
}

// HistoryRecord is one entry of an alarm's history; a state update also
// names the states it went from and to (for the event log).
type HistoryRecord struct {
	At       time.Time `json:"at"`
	Type     string    `json:"type"`
	Summary  string    `json:"summary"`
	Data     string    `json:"data"`
	OldState string    `json:"oldState,omitempty"`
	NewState string    `json:"newState,omitempty"`
}

// History is kept as CloudWatch keeps it, 30 days, and at most
// maxHistory entries an alarm.
const (
	historyRetention = 30 * 24 * time.Hour
	maxHistory       = 500
)

// OwnedBy is the alarm's owner account and Region.
func (a *AlarmRecord) OwnedBy() (account, region string) { return a.Owner, a.Region }

// record appends an entry to the history, dropping what is older than
// CloudWatch keeps.
func (a *AlarmRecord) record(h HistoryRecord) {
	a.History = append(a.History, h)
	cut := slices.IndexFunc(a.History, func(o HistoryRecord) bool { return !o.At.Before(h.At.Add(-historyRetention)) })
	if cut < 0 {
		cut = len(a.History)
	}
	cut = max(cut, len(a.History)-maxHistory)
	a.History = a.History[cut:]
}

// actions are the alarm's actions for state.
func (a *AlarmRecord) actions(state string) []string {
	switch state {
	case StateOK:
		return a.OKActions
	case StateAlarm:
		return a.AlarmActions
	}
	return a.InsufficientDataActions
}

// datapointsToAlarm is M of "M out of N".
func (a *AlarmRecord) datapointsToAlarm() int {
	if a.DatapointsToAlarm > 0 {
		return int(a.DatapointsToAlarm)
	}
	return int(a.EvaluationPeriods)
}

// stat is the statistic the alarm evaluates.
func (a *AlarmRecord) stat() string {
	if a.ExtendedStatistic != "" {
		return a.ExtendedStatistic
	}
	return a.Statistic
}

// AlarmARN is the ARN of alarm name of account in region.
func AlarmARN(region, account, name string) string {
	return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name
}

// metricKey is the store key alarms on a metric are found by.
func metricKey(namespace, name string) string {
	return "metric:" + url.QueryEscape(namespace) + "/" + url.QueryEscape(name)
}

func alarmRow(a *AlarmRecord) store.Row {
	return store.Row{Kind: store.Alarms, ID: a.ARN, Account: a.Owner, Region: a.Region, Keys: []string{metricKey(a.Namespace, a.MetricName)}}
}

func saveAlarm(tx store.Tx, a *AlarmRecord) error { return store.Save(tx, alarmRow(a), a) }

// view is the alarm as DescribeAlarms answers it.
func (a *AlarmRecord) view() MetricAlarm {
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	dims := a.Dimensions
	if dims == nil {
		dims = []Dimension{}
	}
	return MetricAlarm{
		AlarmName: a.Name, AlarmArn: a.ARN, AlarmDescription: a.Description, AlarmConfigurationUpdatedTimestamp: dx.EpochTime{Time: a.ConfiguredAt.UTC()},
		ActionsEnabled: a.ActionsEnabled, OKActions: nonNil(a.OKActions), AlarmActions: nonNil(a.AlarmActions),
		InsufficientDataActions: nonNil(a.InsufficientDataActions), StateValue: a.State, StateReason: a.StateReason,
		StateReasonData: a.StateReasonData, StateUpdatedTimestamp: dx.EpochTime{Time: a.StateUpdatedAt.UTC()}, StateTransitionedTimestamp: dx.EpochTime{Time: a.StateTransitionedAt.UTC()},
		MetricName: a.MetricName, Namespace: a.Namespace, Statistic: a.Statistic, ExtendedStatistic: a.ExtendedStatistic,
		Dimensions: dims, Period: a.Period, Unit: a.Unit, EvaluationPeriods: a.EvaluationPeriods, DatapointsToAlarm: a.DatapointsToAlarm,
		Threshold: a.Threshold, ComparisonOperator: a.ComparisonOperator, TreatMissingData: a.TreatMissingData,
		EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile,
	}
}

// sameDimensions reports whether a and b are the same set of dimensions.
func sameDimensions(a, b []Dimension) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(ds []Dimension) []string {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = d.Name + "\x00" + d.Value
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// alarmNameOf is the alarm name of an alarm ARN of caller's, or "".
func alarmNameOf(arn string, caller dx.Caller) string {
	prefix := AlarmARN(caller.Region, caller.Account, "")
	if !strings.HasPrefix(arn, prefix) || len(arn) == len(prefix) {
		return ""
	}
	return arn[len(prefix):]
}

// Watched is the Direct Connect resource a metric with dims is of: a
// virtual interface's metrics carry their connection's ID too, and are
// the interface's. "" when dims name neither.
func Watched(dims []Dimension) string {
	conn := ""
	for _, d := range dims {
		switch d.Name {
		case "VirtualInterfaceId":
			return d.Value
		case "ConnectionId":
			conn = d.Value
		}
	}
	return conn
}
