package directconnect

import (
	"time"

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

// ConnectionStates tells the state of connection, interconnect or hosted
// connection c at any instant, as Describe calls derive it then: what
// CloudWatch's AWS/DX metrics of c follow from.
func (s *Service) ConnectionStates(tx *core.Txn, c *dx.ConnectionRecord) (func(time.Time) string, error) {
	n, err := s.world(tx).conn(c)
	if err != nil {
		return nil, err
	}
	return n.at, nil
}

// VirtualInterfaceStates tells the state of v at any instant, as Describe
// calls derive it then.
func (s *Service) VirtualInterfaceStates(tx *core.Txn, v *dx.VirtualInterfaceRecord) (func(time.Time) string, error) {
	n, err := s.world(tx).vif(v)
	if err != nil {
		return nil, err
	}
	return n.at, nil
}

// BGPStatuses tells the bgpStatus of each BGP peer of v at any instant, as
// Describe calls derive it then.
func (s *Service) BGPStatuses(tx *core.Txn, v *dx.VirtualInterfaceRecord) (func(p *dx.BGPPeerRecord, t time.Time) string, error) {
	n, err := s.world(tx).vif(v)
	if err != nil {
		return nil, err
	}
	return n.peerStatus, nil
}

// PrefixCounts are the numbers of prefixes a virtual interface's BGP
// sessions of one address family carry while one of them is up.
type PrefixCounts struct {
	Accepted   int // from the customer
	Advertised int // to the customer
}

// BGPPrefixCounts counts, by address family, the routes
// ListVirtualInterfaceRoutes lists for v while a session of the family is
// up. The route sets are those of the transaction's time (the gateway's VPC
// CIDRs or associations' allowed prefixes, the route filter, what live
// sessions carry): whether a family's sessions are up at an instant is
// BGPStatuses' to tell.
func (s *Service) BGPPrefixCounts(tx *core.Txn, v *dx.VirtualInterfaceRecord) (map[string]PrefixCounts, error) {
	w := s.world(tx)
	n, err := w.vif(v)
	if err != nil {
		return nil, err
	}
	t := &routeTable{up: map[string]int64{dx.IPv4: 0, dx.IPv6: 0}}
	if err := s.fillRoutes(tx, t, v, n, w.now); err != nil {
		return nil, err
	}
	out := map[string]PrefixCounts{}
	for _, r := range t.routes {
		c := out[r.AddressFamily]
		if r.RouteDirection == "accepted" {
			c.Accepted++
		} else {
			c.Advertised++
		}
		out[r.AddressFamily] = c
	}
	return out, nil
}
