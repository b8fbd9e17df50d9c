package directconnect

import (
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// The states the operator's controls read, derived as every Describe call
// derives them.

// ConnectionState is the state of connection, interconnect or hosted
// connection c at the transaction's time.
func (s *Service) ConnectionState(tx *core.Txn, c *dx.ConnectionRecord) (string, error) {
	return s.world(tx).connectionState(c)
}

// VirtualInterfaceState is the state of v at the transaction's time.
func (s *Service) VirtualInterfaceState(tx *core.Txn, v *dx.VirtualInterfaceRecord) (string, error) {
	return s.world(tx).vifState(v)
}
