package cloudwatch

import (
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

// Limits of alarms.
const (
	maxAlarms     = 5000 // per account and Region
	maxActions    = 5    // per state
	maxAlarmNames = 100  // per call
	maxTags       = 50
	// EvaluationPeriods × Period, seconds: a day, or 7 days for periods
	// of an hour and more.
	maxEvaluationSpan     = 24 * 3600
	maxLongEvaluationSpan = 7 * 24 * 3600
)

var (
	staticOperators = []string{"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"}
	bandOperators   = []string{"LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"}
	missingData     = []string{"breaching", "notBreaching", "ignore", "missing"}
	alarmStates     = []string{StateOK, StateAlarm, StateInsufficientData}
)

// checkAlarmName checks an alarm name given as param.
func checkAlarmName(param, name string) error {
	switch {
	case name == "":
		return missing(param)
	case len(name) > 255:
		return errorf(ValidationError, "1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to 255", param)
	}
	return nil
}

// checkAction checks an alarm action's ARN.
func checkAction(param, arn string) error {
	parts := strings.SplitN(arn, ":", 6)
	if len(arn) > 1024 || len(parts) != 6 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] == "" || parts[5] == "" {
		return errorf(ValidationError, "Invalid arn syntax: %s (parameter %s; an action is an ARN such as arn:aws:sns:us-east-1:111122223333:my-topic)", arn, param)
	}
	return nil
}

// checkTags checks tags given as param.
func checkTags(param string, tags []Tag) error {
	if len(tags) > maxTags {
		return invalidValue(param, strconv.Itoa(len(tags))+" tags", fmt.Sprintf("a resource has at most %d tags", maxTags))
	}
	seen := map[string]bool{}
	for i, t := range tags {
		p := fmt.Sprintf("%s.member.%d", param, i+1)
		switch {
		case t.Key == "":
			return missing(p + ".Key")
		case len(t.Key) > 128:
			return invalidValue(p+".Key", t.Key, "a tag key has at most 128 characters")
		case len(t.Value) > 256:
			return invalidValue(p+".Value", t.Value, "a tag value has at most 256 characters")
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return invalidValue(p+".Key", t.Key, "the aws: prefix is reserved for AWS")
		case seen[t.Key]:
			return invalidValue(p+".Key", t.Key, "a tag key may be given once")
		}
		seen[t.Key] = true
	}
	return nil
}

// checkPutMetricAlarm checks everything PutMetricAlarm is given.
func checkPutMetricAlarm(in *PutMetricAlarmInput) error {
	if err := checkAlarmName("AlarmName", in.AlarmName); err != nil {
		return err
	}
	if in.AlarmDescription != nil && len(*in.AlarmDescription) > 1024 {
		return invalidValue("AlarmDescription", "of "+strconv.Itoa(len(*in.AlarmDescription))+" characters", "a description has at most 1024 characters")
	}
	for name, list := range map[string][]string{"OKActions": in.OKActions, "AlarmActions": in.AlarmActions, "InsufficientDataActions": in.InsufficientDataActions} {
		if len(list) > maxActions {
			return invalidValue(name, strconv.Itoa(len(list))+" actions", fmt.Sprintf("an alarm has at most %d actions for each state", maxActions))
		}
		for i, a := range list {
			if err := checkAction(fmt.Sprintf("%s.member.%d", name, i+1), a); err != nil {
				return err
			}
		}
	}
	switch {
	case len(in.Metrics) > 0 || in.ThresholdMetricId != "":
		return invalidValue("Metrics", "a metric math or anomaly detection alarm", "dxsim evaluates alarms on one metric (MetricName, Namespace, Dimensions, Statistic)")
	case slices.Contains(bandOperators, in.ComparisonOperator):
		return invalidValue("ComparisonOperator", in.ComparisonOperator, "dxsim does not serve anomaly detection bands; use a static threshold")
	case in.MetricName == "":
		return missing("MetricName")
	case in.Namespace == "":
		return missing("Namespace")
	case in.Statistic == "" && in.ExtendedStatistic == "":
		return errorf(InvalidParameterCombination, "One of the parameters Statistic and ExtendedStatistic must be specified.")
	case in.Statistic != "" && in.ExtendedStatistic != "":
		return errorf(InvalidParameterCombination, "The parameters Statistic and ExtendedStatistic are mutually exclusive; specify one of them.")
	case in.Statistic != "" && !slices.Contains(statistics, in.Statistic):
		return invalidValue("Statistic", in.Statistic, "it must be one of "+strings.Join(statistics, ", "))
	case in.ExtendedStatistic != "" && !validStat(in.ExtendedStatistic):
		return invalidValue("ExtendedStatistic", in.ExtendedStatistic, "it must be a percentile from p0 to p100, such as p99")
	case in.EvaluateLowSampleCountPercentile != "" && in.EvaluateLowSampleCountPercentile != "evaluate" && in.EvaluateLowSampleCountPercentile != "ignore":
		return invalidValue("EvaluateLowSampleCountPercentile", in.EvaluateLowSampleCountPercentile, "it must be evaluate or ignore")
	case in.Period == nil:
		return missing("Period")
	case *in.Period < 10 || *in.Period%60 != 0 && !slices.Contains([]int32{10, 20, 30}, *in.Period):
		return invalidValue("Period", strconv.Itoa(int(*in.Period)), "an alarm's period is 10, 20, 30 or a multiple of 60 seconds")
	case in.EvaluationPeriods == nil:
		return missing("EvaluationPeriods")
	case *in.EvaluationPeriods < 1:
		return invalidValue("EvaluationPeriods", strconv.Itoa(int(*in.EvaluationPeriods)), "it must be at least 1")
	case *in.Period < 3600 && int64(*in.EvaluationPeriods)*int64(*in.Period) > maxEvaluationSpan:
		return errorf(InvalidParameterCombination, "The evaluation span of the alarm (EvaluationPeriods × Period = %d seconds) must not exceed one day (%d seconds) for periods shorter than an hour.", int64(*in.EvaluationPeriods)*int64(*in.Period), maxEvaluationSpan)
	case int64(*in.EvaluationPeriods)*int64(*in.Period) > maxLongEvaluationSpan:
		return errorf(InvalidParameterCombination, "The evaluation span of the alarm (EvaluationPeriods × Period = %d seconds) must not exceed 7 days (%d seconds).", int64(*in.EvaluationPeriods)*int64(*in.Period), maxLongEvaluationSpan)
	case in.DatapointsToAlarm != nil && (*in.DatapointsToAlarm < 1 || *in.DatapointsToAlarm > *in.EvaluationPeriods):
		return invalidValue("DatapointsToAlarm", strconv.Itoa(int(*in.DatapointsToAlarm)), fmt.Sprintf("it must be from 1 to EvaluationPeriods (%d)", *in.EvaluationPeriods))
	case in.Threshold == nil:
		return missing("Threshold")
	case in.ComparisonOperator == "":
		return missing("ComparisonOperator")
	case !slices.Contains(staticOperators, in.ComparisonOperator):
		return invalidValue("ComparisonOperator", in.ComparisonOperator, "it must be one of "+strings.Join(staticOperators, ", "))
	case in.TreatMissingData != "" && !slices.Contains(missingData, in.TreatMissingData):
		return invalidValue("TreatMissingData", in.TreatMissingData, "it must be one of "+strings.Join(missingData, ", "))
	}
	if err := checkUnit("Unit", in.Unit); err != nil {
		return err
	}
	if err := checkDimensions("Dimensions", in.Dimensions); err != nil {
		return err
	}
	return checkTags("Tags", in.Tags)
}

// loadAlarm loads the caller's alarm name, caught up to now; nil if there
// is none. A caught-up alarm is saved.
func (s *Service) loadAlarm(tx *core.Txn, caller dx.Caller, name string) (*AlarmRecord, error) {
	a, err := core.LoadOwned[AlarmRecord](tx, store.Alarms, AlarmARN(caller.Region, caller.Account, name), caller, errNoAlarm, nil)
	if errors.Is(err, errNoAlarm) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return a, s.current(tx, a)
}

var errNoAlarm = errorf(ResourceNotFound, "no such alarm")

// current catches a up to now and saves it if it changed.
func (s *Service) current(tx *core.Txn, a *AlarmRecord) error {
	changed, err := s.catchUp(tx, a)
	if err != nil || !changed {
		return err
	}
	return saveAlarm(tx, a)
}

// configurationData is the HistoryData of a configuration update.
func configurationData(kind string, a *AlarmRecord) string {
	key := "createdAlarm"
	if kind == "Update" {
		key = "updatedAlarm"
	}
	v := a.view()
	b, _ := json.Marshal(map[string]any{"version": "1.0", "type": kind, key: map[string]any{
		"alarmName": v.AlarmName, "metricName": v.MetricName, "namespace": v.Namespace, "dimensions": v.Dimensions,
		"statistic": a.stat(), "period": v.Period, "evaluationPeriods": v.EvaluationPeriods, "threshold": v.Threshold,
		"comparisonOperator": v.ComparisonOperator, "actionsEnabled": v.ActionsEnabled, "alarmActions": v.AlarmActions,
		"okactions": v.OKActions, "insufficientDataActions": v.InsufficientDataActions}})
	return shorten(string(b), 4095)
}

// PutMetricAlarm creates an alarm, or replaces the configuration of the
// caller's alarm of that name (its state, history and tags stay).
func (s *Service) PutMetricAlarm(ctx context.Context, caller dx.Caller, in *PutMetricAlarmInput) (*Empty, error) {
	if err := checkPutMetricAlarm(in); err != nil {
		return nil, err
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		a, err := s.loadAlarm(tx, caller, in.AlarmName)
		if err != nil {
			return err
		}
		kind := "Update"
		if a == nil {
			n, err := tx.Count(store.Query{Kind: store.Alarms, Account: caller.Account, Region: caller.Region})
			if err != nil {
				return err
			}
			if n >= maxAlarms {
				return errorf(LimitExceeded, "The maximum number of alarms (%d) for account %s in %s has been reached; delete alarms before creating more.", maxAlarms, caller.Account, caller.Region)
			}
			kind = "Create"
			a = &AlarmRecord{ARN: AlarmARN(caller.Region, caller.Account, in.AlarmName), Name: in.AlarmName, Owner: caller.Account, Region: caller.Region,
				State: StateInsufficientData, StateReason: "Unchecked: Initial alarm creation", StateUpdatedAt: tx.Now, StateTransitionedAt: tx.Now,
				EvaluatedAt: tx.Now, Tags: in.Tags}
		}
		a.Description = ""
		if in.AlarmDescription != nil {
			a.Description = *in.AlarmDescription
		}
		a.ActionsEnabled = in.ActionsEnabled == nil || *in.ActionsEnabled
		a.OKActions, a.AlarmActions, a.InsufficientDataActions = in.OKActions, in.AlarmActions, in.InsufficientDataActions
		a.Namespace, a.MetricName, a.Dimensions = in.Namespace, in.MetricName, in.Dimensions
		a.Statistic, a.ExtendedStatistic, a.Period, a.Unit = in.Statistic, in.ExtendedStatistic, *in.Period, in.Unit
		a.EvaluationPeriods, a.DatapointsToAlarm = *in.EvaluationPeriods, 0
		if in.DatapointsToAlarm != nil {
			a.DatapointsToAlarm = *in.DatapointsToAlarm
		}
		a.Threshold, a.ComparisonOperator = *in.Threshold, in.ComparisonOperator
		a.TreatMissingData, a.EvaluateLowSampleCountPercentile = in.TreatMissingData, in.EvaluateLowSampleCountPercentile
		a.ConfiguredAt = tx.Now
		h := HistoryRecord{At: tx.Now, Type: HistoryConfiguration, Summary: fmt.Sprintf("Alarm %q %sd", a.Name, strings.ToLower(kind)),
			Data: configurationData(kind, a)}
		if kind == "Create" {
			h.NewState = a.State // the alarm comes into existence, for the event log
		}
		a.record(h)
		return saveAlarm(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

func checkAlarmNames(names []string) error {
	switch {
	case len(names) == 0:
		return missing("AlarmNames")
	case len(names) > maxAlarmNames:
		return invalidValue("AlarmNames", strconv.Itoa(len(names))+" names", fmt.Sprintf("at most %d alarms may be named in one call", maxAlarmNames))
	}
	for i, n := range names {
		if err := checkAlarmName(fmt.Sprintf("AlarmNames.member.%d", i+1), n); err != nil {
			return err
		}
	}
	return nil
}

// DeleteAlarms deletes the caller's alarms named, with their history; if
// any is missing, none is deleted.
func (s *Service) DeleteAlarms(ctx context.Context, caller dx.Caller, in *AlarmNamesInput) (*Empty, error) {
	if err := checkAlarmNames(in.AlarmNames); err != nil {
		return nil, err
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		var gone []string
		for _, name := range in.AlarmNames {
			_, err := core.LoadOwned[AlarmRecord](tx, store.Alarms, AlarmARN(caller.Region, caller.Account, name), caller, errNoAlarm, nil)
			if errors.Is(err, errNoAlarm) {
				gone = append(gone, name)
				continue
			}
			if err != nil {
				return err
			}
		}
		if len(gone) > 0 {
			return notFound(ResourceNotFound, "%d of the alarms named could not be found in account %s, %s: %s; no alarm was deleted", len(gone), caller.Account, caller.Region, strings.Join(gone, ", "))
		}
		for _, name := range in.AlarmNames {
			if err := tx.Delete(store.Alarms, AlarmARN(caller.Region, caller.Account, name)); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

// SetAlarmState sets an alarm's state until its next evaluation, which
// may set it back; the change is in its history and attempts its
// actions.
func (s *Service) SetAlarmState(ctx context.Context, caller dx.Caller, in *SetAlarmStateInput) (*Empty, error) {
	if err := checkAlarmName("AlarmName", in.AlarmName); err != nil {
		return nil, err
	}
	switch {
	case in.StateValue == "":
		return nil, missing("StateValue")
	case !slices.Contains(alarmStates, in.StateValue):
		return nil, invalidValue("StateValue", in.StateValue, "it must be one of "+strings.Join(alarmStates, ", "))
	case in.StateReason == "":
		return nil, missing("StateReason")
	case len(in.StateReason) > 1023:
		return nil, invalidValue("StateReason", "of "+strconv.Itoa(len(in.StateReason))+" characters", "a reason has at most 1023 characters")
	case len(in.StateReasonData) > 4000:
		return nil, invalidValue("StateReasonData", "of "+strconv.Itoa(len(in.StateReasonData))+" characters", "reason data has at most 4000 characters")
	case in.StateReasonData != "" && !json.Valid([]byte(in.StateReasonData)):
		return nil, errorf(InvalidFormat, "StateReasonData is not valid JSON: %s", in.StateReasonData)
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		a, err := s.loadAlarm(tx, caller, in.AlarmName)
		if err != nil {
			return err
		}
		if a == nil {
			return notFound(ResourceNotFound, "Alarm %s does not exist in account %s, %s.", in.AlarmName, caller.Account, caller.Region)
		}
		e := evaluation{state: in.StateValue, reason: in.StateReason, data: in.StateReasonData}
		if e.state == a.State {
			a.StateReason, a.StateReasonData, a.StateUpdatedAt = e.reason, e.data, tx.Now
		} else {
			a.transition(e, tx.Now)
		}
		return saveAlarm(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

// EnableAlarmActions turns the actions of the caller's alarms named on;
// names of no alarm are ignored, as CloudWatch does.
func (s *Service) EnableAlarmActions(ctx context.Context, caller dx.Caller, in *AlarmNamesInput) (*Empty, error) {
	return s.setActions(ctx, caller, in, true)
}

// DisableAlarmActions turns the actions of the caller's alarms named off.
func (s *Service) DisableAlarmActions(ctx context.Context, caller dx.Caller, in *AlarmNamesInput) (*Empty, error) {
	return s.setActions(ctx, caller, in, false)
}

func (s *Service) setActions(ctx context.Context, caller dx.Caller, in *AlarmNamesInput, on bool) (*Empty, error) {
	if err := checkAlarmNames(in.AlarmNames); err != nil {
		return nil, err
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		for _, name := range in.AlarmNames {
			a, err := s.loadAlarm(tx, caller, name)
			if err != nil {
				return err
			}
			if a == nil || a.ActionsEnabled == on {
				continue
			}
			a.ActionsEnabled = on
			if err := saveAlarm(tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}
