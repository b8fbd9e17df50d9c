// Package operator holds the operator's controls of the simulated world:
// the world's own clock (WorldClock, saved with the world; moving it
// evaluates CloudWatch's alarms), faults (links and BGP sessions down and
// up, links degraded), traffic overrides (what CloudWatch's AWS/DX metrics
// show a link carry), provisioning (stall and complete), the
// event log, export, import and reset, the purge of deleted records, the
// world's settings and the sites' port use. The admin API, the console and
// metrics call them; no AWS operation does. Like the operations, each
// either fully happens or changes nothing.
//
// It may import core, dx, sim, store and the services (directconnect,
// ec2, secretsmanager, cloudwatch), whose resources it walks and drives.
package operator

import (
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/ec2"
)

// Controls drives the world of the services.
type Controls struct {
	*core.Base
	dx    *directconnect.Service
	ec2   *ec2.Service
	cw    *cloudwatch.Service
	purge chan struct{} // asks RunPurge to purge now
}

// New returns the controls of the world base and its services.
func New(base *core.Base, dx *directconnect.Service, ec2 *ec2.Service, cw *cloudwatch.Service) *Controls {
	return &Controls{Base: base, dx: dx, ec2: ec2, cw: cw, purge: make(chan struct{}, 1)}
}

// DirectConnect is the Direct Connect service of the world, for the
// console, which shows what its Describe calls answer.
func (s *Controls) DirectConnect() *directconnect.Service { return s.dx }

// EC2 is the EC2 service of the world, for the console, which draws the
// gateways and VPCs behind the Direct Connect gateways as its Describe
// calls answer them.
func (s *Controls) EC2() *ec2.Service { return s.ec2 }

// CloudWatch is the CloudWatch service of the world, for the console,
// which shows each alarm on the resource it watches as DescribeAlarms
// answers it.
func (s *Controls) CloudWatch() *cloudwatch.Service { return s.cw }
