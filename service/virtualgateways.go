package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/store"
)

// Virtual private gateways and transit gateways are EC2 resources. Direct
// Connect sees those created through dxsim's EC2 API and those declared in
// its configuration (Config.VirtualGateways), through virtualGateway alone.

// declaredGateway finds the configured virtual private or transit gateway
// id of account in region.
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

// virtualGateway finds the virtual private or transit gateway id of
// account in region, as Direct Connect sees it: a live EC2 gateway (a
// virtual private gateway with the CIDR of the VPC it is attached to, once
// attached), or a configured one.
func (s *Service) virtualGateway(tx *txn, account, region, id string) (*dx.VirtualGatewayRecord, bool, error) {
	if g, ok := s.declaredGateway(account, region, id); ok {
		return g, true, nil
	}
	caller := dx.Caller{Account: account, Region: region}
	switch {
	case strings.HasPrefix(id, ec2.VpnGatewayPrefix):
		g, err := ownVpnGateway(tx, caller, id)
		if err != nil {
			return nil, false, ec2Missing(err)
		}
		out := &dx.VirtualGatewayRecord{ID: g.ID, Owner: g.Owner, Region: g.Region, Type: dx.VirtualPrivateGateway, AmazonSideAsn: g.AmazonSideAsn}
		if a, ok := g.Attachment(); ok && s.attachmentState(a, tx.now) == dx.Attached {
			v, err := store.Load[ec2.VpcRecord](tx, store.Vpcs, a.VpcID)
			if err != nil {
				return nil, false, err
			}
			out.VpcCidrs = []string{v.CidrBlock}
		}
		return out, true, nil
	case strings.HasPrefix(id, ec2.TransitGatewayPrefix) && !strings.HasPrefix(id, ec2.TransitGatewayRTBPrefix):
		g, err := ownTransitGateway(tx, caller, id)
		if err != nil {
			return nil, false, ec2Missing(err)
		}
		return &dx.VirtualGatewayRecord{ID: g.ID, Owner: g.Owner, Region: g.Region, Type: dx.TransitGateway, AmazonSideAsn: g.Options.AmazonSideAsn}, true, nil
	}
	return nil, false, nil
}

// ec2Missing turns an EC2 client error (a malformed or unknown ID) into
// "not there", for the Direct Connect call to answer in its own words.
func ec2Missing(err error) error {
	var e *dx.Error
	if errors.As(err, &e) {
		return nil
	}
	return err
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
	err := s.view(ctx, func(tx *txn) error {
		now := tx.now
		all, err := store.LoadAll[ec2.VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Account: caller.Account, Region: caller.Region})
		for _, g := range all {
			if s.visible(g.DeletedAt, tx.now) && !slices.ContainsFunc(out.VirtualGateways, func(v dx.VirtualGateway) bool { return v.VirtualGatewayID == g.ID }) {
				out.VirtualGateways = append(out.VirtualGateways, dx.VirtualGateway{VirtualGatewayID: g.ID, VirtualGatewayState: s.ec2State(g.CreatedAt, g.DeletedAt, now)})
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
