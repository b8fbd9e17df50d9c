package service

import (
	"context"

	"github.com/dxsim/dxsim/dx"
)

// Virtual private gateways and transit gateways are EC2 resources; dxsim
// knows those declared in its configuration (Config.VirtualGateways), all
// of them available.

// declaredGateway finds the virtual private or transit gateway id of
// account in region.
func (s *Service) declaredGateway(account, region, id string) (*dx.VirtualGatewayRecord, bool) {
	for i := range s.cfg.VirtualGateways {
		g := s.cfg.VirtualGateways[i]
		if g.ID == id && g.Owner == account && g.Region == region {
			if g.Type == "" {
				g.Type = dx.GatewayTypeOf(g.ID)
			}
			return &g, true
		}
	}
	return nil, false
}

// DescribeVirtualGateways lists the caller's virtual private gateways in its
// Region.
func (s *Service) DescribeVirtualGateways(ctx context.Context, caller dx.Caller, in *Empty) (*VirtualGatewaysOutput, error) {
	out := &VirtualGatewaysOutput{VirtualGateways: []dx.VirtualGateway{}}
	for _, g := range s.cfg.VirtualGateways {
		if owns(caller, &g) && dx.GatewayTypeOf(g.ID) == dx.VirtualPrivateGateway {
			out.VirtualGateways = append(out.VirtualGateways, dx.VirtualGateway{VirtualGatewayID: g.ID, VirtualGatewayState: "available"})
		}
	}
	return out, nil
}
