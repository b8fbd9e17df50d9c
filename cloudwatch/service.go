// Package cloudwatch is Amazon CloudWatch as far as Direct Connect's
// monitoring goes: the AWS/DX metrics of connections and virtual
// interfaces (ListMetrics, GetMetricStatistics, GetMetricData), metric
// alarms over them (PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric,
// DeleteAlarms, DescribeAlarmHistory, SetAlarmState, Enable/DisableAlarmActions)
// and alarms' tags.
//
// Metrics are derived, never stored. A metric's samples are a function of
// simulated time: the state of its connection or virtual interface (as
// package directconnect derives it from timelines and faults), the
// operator's faults (a degraded link, a device down) and traffic overrides,
// and a deterministic traffic profile seeded by the resource's ID
// (signals.go, profile.go). A query samples that function over the span it
// asks for, so every dxsim process sharing a database answers the same
// datapoints, and a link down at 10:00 reads 0 from 10:00.
//
// Alarms are records (kind store.Alarms, keyed by ARN). Their state is
// also a function of the clock: evaluated at every whole minute since the
// alarm was configured, over the metric's samples as they were then
// (evaluate.go). Evaluation is lazy and checkpointed: whichever operation
// reads an alarm first catches it up to the transaction's now, in the same
// write transaction, appends the transitions to its history at the minutes
// they happened and saves it; the operator's clock advance catches up every
// alarm (EvaluateAll), and the event log derives the transitions not yet
// saved without saving them (Walk). Since catching up is a pure function of
// the record and the world up to now, the order in which processes do it
// changes nothing, and the store's serializable transactions keep two
// processes from saving the same minute twice.
//
// It may import core, dx, sim and store, and reads Direct Connect's states
// through directconnect's narrow functions, in its own transaction. Nothing
// here knows the wire protocol: package awsapi serves these methods.
package cloudwatch

import (
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
)

// Service serves CloudWatch over one world.
type Service struct {
	*core.Base
	dx *directconnect.Service
}

// New returns the CloudWatch service of the world base, whose AWS/DX
// metrics follow the resources of dc.
func New(base *core.Base, dc *directconnect.Service) *Service {
	return &Service{Base: base, dx: dc}
}
