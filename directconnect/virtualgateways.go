package directconnect

import (
	"context"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// Virtual private gateways and transit gateways are EC2 resources: Direct
// Connect sees them through package ec2's VirtualGateway alone.

// DescribeVirtualGateways lists the caller's virtual private gateways in its
// Region.
func (s *Service) DescribeVirtualGateways(ctx context.Context, caller dx.Caller, in *Empty) (*VirtualGatewaysOutput, error) {
	out := &VirtualGatewaysOutput{}
	err := s.View(ctx, func(tx *core.Txn) error {
		var err error
		out.VirtualGateways, err = s.ec2.VirtualPrivateGateways(tx, caller)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
