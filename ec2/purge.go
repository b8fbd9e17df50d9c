package ec2

import (
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/store"
)

// reapers purge EC2's deleted records (core.Purge): a virtual private or
// transit gateway once it is no longer listed as deleted, a VPC (never
// listed once deleted) after the retention period, for the event log.
func (s *Service) reapers() []core.Reaper {
	return []core.Reaper{
		core.RecordReaper(store.Vpcs, func(v *VpcRecord) time.Time { return v.DeletedAt }, nil),
		core.RecordReaper(store.VpnGateways, func(g *VpnGatewayRecord) time.Time { return s.DeletedGone(g.DeletedAt) }, nil),
		core.RecordReaper(store.TransitGateways, func(g *TransitGatewayRecord) time.Time { return s.DeletedGone(g.DeletedAt) }, nil),
	}
}
