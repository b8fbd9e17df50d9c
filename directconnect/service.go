// Package directconnect runs the AWS Direct Connect operations: one method
// per API operation, grouped by resource family in files of their own.
// Each method loads what it needs, lets the rules of package dx decide,
// and saves, inside one store transaction (core.Txn), so a failed call
// changes nothing. Resource states are derived, never stored: world.go
// tells each one's state at any moment from its timeline on the simulated
// clock and the faults of the world.
//
// It may import core, dx, sim and store, and reads the gateways of package
// ec2 and the secrets of package secretsmanager through their narrow
// functions, in its own transaction. Nothing here knows the wire protocol:
// package awsapi serves these methods.
package directconnect

import (
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/secretsmanager"
)

// Service serves the Direct Connect API over one world.
type Service struct {
	*core.Base
	ec2     *ec2.Service
	secrets *secretsmanager.Service
	// sessions are the live BGP sessions of dxsim serve --bgp; nil without.
	sessions Sessions
}

// New returns the Direct Connect service of the world base, which sees the
// gateways of ec2 and the secrets of secrets.
func New(base *core.Base, ec2 *ec2.Service, secrets *secretsmanager.Service) *Service {
	s := &Service{Base: base, ec2: ec2, secrets: secrets}
	base.AddReapers(s.reapers()...)
	return s
}
