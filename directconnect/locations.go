package directconnect

import (
	"context"

	"github.com/dxsim/dxsim/dx"
)

// DescribeLocations lists the Direct Connect locations of the caller's
// Region.
func (s *Service) DescribeLocations(ctx context.Context, caller dx.Caller, _ *Empty) (*LocationsOutput, error) {
	return &LocationsOutput{Locations: s.Catalog.Locations(caller.Region)}, nil
}
