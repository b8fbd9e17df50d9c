package ec2

import (
	"errors"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Virtual private gateways and transit gateways as Direct Connect sees
// them: those created through dxsim's EC2 API and those declared in its
// configuration (core.Config.VirtualGateways). Package directconnect reads
// them through these functions alone, inside its own transaction.

// declaredGateway finds the configured virtual private or transit gateway
// id of account in region.
func (s *Service) declaredGateway(account, region, id string) (*dx.VirtualGatewayRecord, bool) {
	for i := range s.Config.VirtualGateways {
		g := s.Config.VirtualGateways[i]
		if g.ID == id && core.Owns(dx.Caller{Account: account, Region: region}, &g) {
			if g.Type == "" {
				g.Type = dx.GatewayTypeOf(g.ID)
			}
			return &g, true
		}
	}
	return nil, false
}

// IsDeclared reports whether id is a gateway of account in region declared
// in the configuration rather than created through EC2.
func (s *Service) IsDeclared(account, region, id string) bool {
	_, ok := s.declaredGateway(account, region, id)
	return ok
}

// VirtualGateway finds the virtual private or transit gateway id of
// account in region, as Direct Connect sees it: a live EC2 gateway (a
// virtual private gateway with the CIDR of the VPC it is attached to, once
// attached), or a configured one.
func (s *Service) VirtualGateway(tx *core.Txn, account, region, id string) (*dx.VirtualGatewayRecord, bool, error) {
	if g, ok := s.declaredGateway(account, region, id); ok {
		return g, true, nil
	}
	caller := dx.Caller{Account: account, Region: region}
	switch {
	case strings.HasPrefix(id, VpnGatewayPrefix):
		g, err := ownVpnGateway(tx, caller, id)
		if err != nil {
			return nil, false, ec2Missing(err)
		}
		out := &dx.VirtualGatewayRecord{ID: g.ID, Owner: g.Owner, Region: g.Region, Type: dx.VirtualPrivateGateway, AmazonSideAsn: g.AmazonSideAsn}
		if a, ok := g.Attachment(); ok && s.attachmentState(a, tx.Now) == dx.Attached {
			v, err := store.Load[VpcRecord](tx, store.Vpcs, a.VpcID)
			if err != nil {
				return nil, false, err
			}
			out.VpcCidrs = []string{v.CidrBlock}
		}
		return out, true, nil
	case strings.HasPrefix(id, TransitGatewayPrefix) && !strings.HasPrefix(id, TransitGatewayRTBPrefix):
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

// VirtualPrivateGateways lists the caller's virtual private gateways in its
// Region, declared and created, with their states.
func (s *Service) VirtualPrivateGateways(tx *core.Txn, caller dx.Caller) ([]dx.VirtualGateway, error) {
	out := []dx.VirtualGateway{}
	for _, g := range s.Config.VirtualGateways {
		if core.Owns(caller, &g) && dx.GatewayTypeOf(g.ID) == dx.VirtualPrivateGateway {
			out = append(out, dx.VirtualGateway{VirtualGatewayID: g.ID, VirtualGatewayState: "available"})
		}
	}
	all, err := store.LoadAll[VpnGatewayRecord](tx, store.Query{Kind: store.VpnGateways, Account: caller.Account, Region: caller.Region})
	for _, g := range all {
		if s.Visible(g.DeletedAt, tx.Now) && !slices.ContainsFunc(out, func(v dx.VirtualGateway) bool { return v.VirtualGatewayID == g.ID }) {
			out = append(out, dx.VirtualGateway{VirtualGatewayID: g.ID, VirtualGatewayState: s.ec2State(g.CreatedAt, g.DeletedAt, tx.Now)})
		}
	}
	return out, err
}
