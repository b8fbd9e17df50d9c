package cloudwatch

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// The alarm operations that read: each catches the alarms it answers up
// to now first, in its own write transaction, so what it answers is the
// state the alarm has at the transaction's time.

var historyTypes = []string{HistoryConfiguration, HistoryState, HistoryAction, "AlarmContributorStateUpdate", "AlarmContributorAction"}

func checkMaxRecords(n *int32) (int, error) {
	if n == nil {
		return 0, nil
	}
	if *n < 1 || *n > 100 {
		return 0, invalidValue("MaxRecords", strconv.Itoa(int(*n)), "it must be from 1 to 100")
	}
	return int(*n), nil
}

func checkAlarmTypes(types []string) (metricAlarms bool, err error) {
	if len(types) == 0 {
		return true, nil
	}
	for i, t := range types {
		if t != "MetricAlarm" && t != "CompositeAlarm" {
			return false, invalidValue(fmt.Sprintf("AlarmTypes.member.%d", i+1), t, "it must be MetricAlarm or CompositeAlarm")
		}
	}
	return slices.Contains(types, "MetricAlarm"), nil
}

// DescribeAlarms lists the caller's metric alarms, by name, 50 a page
// unless MaxRecords says otherwise.
func (s *Service) DescribeAlarms(ctx context.Context, caller dx.Caller, in *DescribeAlarmsInput) (*DescribeAlarmsOutput, error) {
	limit, err := checkMaxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 50
	}
	metricAlarms, err := checkAlarmTypes(in.AlarmTypes)
	switch {
	case err != nil:
		return nil, err
	case len(in.AlarmNames) > 0 && in.AlarmNamePrefix != "":
		return nil, errorf(InvalidParameterCombination, "AlarmNames and AlarmNamePrefix are mutually exclusive; give one of them.")
	case len(in.AlarmNames) > maxAlarmNames:
		return nil, invalidValue("AlarmNames", strconv.Itoa(len(in.AlarmNames))+" names", fmt.Sprintf("at most %d alarms may be named", maxAlarmNames))
	case in.StateValue != "" && !slices.Contains(alarmStates, in.StateValue):
		return nil, invalidValue("StateValue", in.StateValue, "it must be one of "+strings.Join(alarmStates, ", "))
	case (in.ChildrenOfAlarmName != "" || in.ParentsOfAlarmName != "") && (len(in.AlarmNames) > 0 || in.AlarmNamePrefix != "" || in.StateValue != "" || in.ActionPrefix != ""):
		return nil, errorf(InvalidParameterCombination, "ChildrenOfAlarmName and ParentsOfAlarmName cannot be given with other filters.")
	}
	page, err := core.ParsePage(&limit, in.NextToken)
	if err != nil {
		return nil, badToken(in.NextToken)
	}
	out := &DescribeAlarmsOutput{}
	err = s.Update(ctx, func(tx *core.Txn) error {
		out.CompositeAlarms, out.MetricAlarms, out.NextToken = []CompositeAlarm{}, []MetricAlarm{}, ""
		// Only composite alarms have children and parents, and dxsim
		// serves none.
		if !metricAlarms || in.ChildrenOfAlarmName != "" || in.ParentsOfAlarmName != "" {
			return nil
		}
		var keepErr error
		keep := func(a *AlarmRecord) bool {
			if keepErr != nil || len(in.AlarmNames) > 0 && !slices.Contains(in.AlarmNames, a.Name) || !strings.HasPrefix(a.Name, in.AlarmNamePrefix) {
				return false
			}
			if keepErr = s.current(tx, a); keepErr != nil {
				return false
			}
			return (in.StateValue == "" || a.State == in.StateValue) && (in.ActionPrefix == "" || slices.ContainsFunc(
				slices.Concat(a.OKActions, a.AlarmActions, a.InsufficientDataActions), func(s string) bool { return strings.HasPrefix(s, in.ActionPrefix) }))
		}
		var alarms []*AlarmRecord
		var next string
		if len(in.AlarmNames) > 0 {
			// Named alarms are found by their ARN, not by a walk.
			names := slices.Clone(in.AlarmNames)
			slices.Sort(names)
			for _, name := range slices.Compact(names) {
				arn := AlarmARN(caller.Region, caller.Account, name)
				if arn <= page.After {
					continue
				}
				a, err := core.LoadOwned[AlarmRecord](tx, store.Alarms, arn, caller, errNoAlarm, nil)
				if errors.Is(err, errNoAlarm) {
					continue
				}
				if err != nil {
					return err
				}
				if !keep(a) {
					continue
				}
				if len(alarms) == limit {
					next = core.EncodeToken(alarms[len(alarms)-1].ARN)
					break
				}
				alarms = append(alarms, a)
			}
		} else {
			q := store.Query{Kind: store.Alarms, Account: caller.Account, Region: caller.Region}
			if in.AlarmNamePrefix != "" && AlarmARN(caller.Region, caller.Account, in.AlarmNamePrefix) > page.After {
				// Names with the prefix sort together: start just before them.
				page.After = AlarmARN(caller.Region, caller.Account, in.AlarmNamePrefix[:len(in.AlarmNamePrefix)-1])
			}
			var err error
			alarms, next, err = core.Scan(tx, q, page, func(a *AlarmRecord) string { return a.ARN }, keep)
			if err != nil {
				return err
			}
		}
		if keepErr != nil {
			return keepErr
		}
		for _, a := range alarms {
			out.MetricAlarms = append(out.MetricAlarms, a.view())
		}
		out.NextToken = next
		return nil
	})
	return out, err
}

// DescribeAlarmsForMetric lists the caller's alarms on a metric, found by
// the metric (an indexed lookup); the statistic, dimensions, period and
// unit narrow them when given.
func (s *Service) DescribeAlarmsForMetric(ctx context.Context, caller dx.Caller, in *DescribeAlarmsForMetricInput) (*DescribeAlarmsForMetricOutput, error) {
	switch {
	case in.MetricName == "":
		return nil, missing("MetricName")
	case in.Namespace == "":
		return nil, missing("Namespace")
	case in.Statistic != "" && !slices.Contains(statistics, in.Statistic):
		return nil, invalidValue("Statistic", in.Statistic, "it must be one of "+strings.Join(statistics, ", "))
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return nil, err
	}
	if err := checkUnit("Unit", in.Unit); err != nil {
		return nil, err
	}
	out := &DescribeAlarmsForMetricOutput{}
	err := s.Update(ctx, func(tx *core.Txn) error {
		out.MetricAlarms = []MetricAlarm{}
		q := store.Query{Kind: store.Alarms, Account: caller.Account, Region: caller.Region, Key: metricKey(in.Namespace, in.MetricName)}
		return core.Each(tx, q, func(a *AlarmRecord) error {
			if a.Namespace != in.Namespace || a.MetricName != in.MetricName ||
				in.Statistic != "" && a.Statistic != in.Statistic || in.ExtendedStatistic != "" && a.ExtendedStatistic != in.ExtendedStatistic ||
				in.Dimensions != nil && !sameDimensions(a.Dimensions, in.Dimensions) ||
				in.Period != nil && a.Period != *in.Period || in.Unit != "" && a.Unit != in.Unit {
				return nil
			}
			if err := s.current(tx, a); err != nil {
				return err
			}
			out.MetricAlarms = append(out.MetricAlarms, a.view())
			return nil
		})
	})
	return out, err
}

// DescribeAlarmHistory lists the history of the caller's alarm, or of all
// its alarms, newest first unless ScanBy says otherwise, 100 a page.
func (s *Service) DescribeAlarmHistory(ctx context.Context, caller dx.Caller, in *DescribeAlarmHistoryInput) (*DescribeAlarmHistoryOutput, error) {
	limit, err := checkMaxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 100
	}
	metricAlarms, err := checkAlarmTypes(in.AlarmTypes)
	switch {
	case err != nil:
		return nil, err
	case in.HistoryItemType != "" && !slices.Contains(historyTypes, in.HistoryItemType):
		return nil, invalidValue("HistoryItemType", in.HistoryItemType, "it must be one of "+strings.Join(historyTypes, ", "))
	case in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending":
		return nil, invalidValue("ScanBy", in.ScanBy, "it must be TimestampDescending or TimestampAscending")
	case in.StartDate != nil && in.EndDate != nil && in.StartDate.After(in.EndDate.Time):
		return nil, errorf(InvalidParameterValue, "The parameter StartDate must not be after the parameter EndDate.")
	}
	if in.AlarmName != "" {
		if err := checkAlarmName("AlarmName", in.AlarmName); err != nil {
			return nil, err
		}
	}
	offset := 0
	if in.NextToken != "" {
		p, err := core.ParsePage(nil, in.NextToken)
		n, err2 := strconv.Atoi(p.After)
		if err != nil || err2 != nil || n < 0 {
			return nil, badToken(in.NextToken)
		}
		offset = n
	}
	out := &DescribeAlarmHistoryOutput{}
	err = s.Update(ctx, func(tx *core.Txn) error {
		out.AlarmHistoryItems, out.NextToken = []AlarmHistoryItem{}, ""
		if !metricAlarms {
			return nil
		}
		var items []AlarmHistoryItem
		add := func(a *AlarmRecord) error {
			if err := s.current(tx, a); err != nil {
				return err
			}
			for _, h := range a.History {
				if h.At.Before(tx.Now.Add(-historyRetention)) || in.HistoryItemType != "" && h.Type != in.HistoryItemType ||
					in.StartDate != nil && h.At.Before(in.StartDate.Time) || in.EndDate != nil && h.At.After(in.EndDate.Time) {
					continue
				}
				items = append(items, AlarmHistoryItem{AlarmName: a.Name, AlarmType: "MetricAlarm", Timestamp: dx.EpochTime{Time: h.At.UTC()},
					HistoryItemType: h.Type, HistorySummary: h.Summary, HistoryData: h.Data})
			}
			return nil
		}
		if in.AlarmName != "" {
			a, err := core.LoadOwned[AlarmRecord](tx, store.Alarms, AlarmARN(caller.Region, caller.Account, in.AlarmName), caller, errNoAlarm, nil)
			if errors.Is(err, errNoAlarm) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := add(a); err != nil {
				return err
			}
		} else if err := core.Each(tx, store.Query{Kind: store.Alarms, Account: caller.Account, Region: caller.Region}, add); err != nil {
			return err
		}
		// Items of one instant keep their order: a transition before the
		// actions it attempted.
		slices.SortStableFunc(items, func(a, b AlarmHistoryItem) int {
			return cmp.Or(a.Timestamp.Compare(b.Timestamp.Time), cmp.Compare(a.AlarmName, b.AlarmName))
		})
		if in.ScanBy != "TimestampAscending" {
			slices.Reverse(items)
		}
		if offset > len(items) {
			offset = len(items)
		}
		items = items[offset:]
		if len(items) > limit {
			items = items[:limit]
			out.NextToken = core.EncodeToken(strconv.Itoa(offset + limit))
		}
		out.AlarmHistoryItems = items
		return nil
	})
	return out, err
}

// Walk tells the event log of alarms' state changes (resource type
// "cloudwatch-alarm"): those saved in their history, and those their
// evaluation up to the log's time finds, derived without saving them.
func (s *Service) Walk(tx *core.Txn, log *core.EventLog) error {
	return core.Each(tx, log.Scope(store.Alarms), func(a *AlarmRecord) error {
		if _, err := s.catchUp(tx, a); err != nil {
			return err
		}
		if log.States != nil {
			log.States[[2]string{"cloudwatch-alarm", a.State}]++
			return nil
		}
		for _, h := range a.History {
			if h.NewState == "" || h.At.After(log.Now) {
				continue
			}
			// Its parent is the resource it watches, so that the
			// resource's own events (events --resource) include it.
			e := core.Event{Time: h.At, Resource: a.ARN, ResourceType: "cloudwatch-alarm", Parent: Watched(a.Dimensions), Account: a.Owner, Region: a.Region,
				OldState: h.OldState, NewState: h.NewState, Cause: "cloudwatch: " + h.Summary}
			if reason := stateReasonOf(h.Data); h.Type == HistoryState && reason != "" {
				e.Cause = "cloudwatch: " + shorten(reason, 200)
			}
			if log.Filter.Match(e) {
				log.Events = append(log.Events, e)
			}
		}
		return nil
	})
}

// EvaluateAll catches every alarm of the world up to now, a page of alarms
// per transaction: the operator calls it when the clock moves, so the
// history is saved as the clock passes.
func (s *Service) EvaluateAll(ctx context.Context) error {
	after := ""
	for {
		var last string
		n := 0
		err := s.Update(ctx, func(tx *core.Txn) error {
			last, n = "", 0
			alarms, err := store.LoadAll[AlarmRecord](tx, store.Query{Kind: store.Alarms, After: after, Limit: 100})
			if err != nil {
				return err
			}
			for _, a := range alarms {
				if err := s.current(tx, a); err != nil {
					return err
				}
				last = a.ARN
			}
			n = len(alarms)
			return nil
		})
		if err != nil || n < 100 {
			return err
		}
		after = last
	}
}

// stateReasonOf is the new state's reason in a state update's data.
func stateReasonOf(data string) string {
	var d struct {
		NewState struct {
			StateReason string `json:"stateReason"`
		} `json:"newState"`
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return ""
	}
	return d.NewState.StateReason
}
