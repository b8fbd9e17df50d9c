package console

import (
	"context"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
)

// What the drawing shows right of the Direct Connect gateways: the virtual
// private and transit gateways the account's interfaces and gateways
// reach, and the VPCs behind them, as EC2's Describe calls answer them for
// the gateway's owner in the gateway's Region.

// Behind is a virtual private or transit gateway.
type Behind struct {
	ID            string `json:"id"`
	Type          string `json:"type"` // dx.VirtualPrivateGateway or dx.TransitGateway
	Owner         string `json:"owner"`
	Region        string `json:"region"`
	State         string `json:"state,omitempty"` // EC2's; empty when EC2 does not describe it to this account
	AmazonSideAsn int64  `json:"amazonSideAsn,omitempty"`
	// Cidrs are those of the VPC attached to a virtual private gateway
	// (from DescribeVpcs, or the configuration for a declared gateway).
	Cidrs []string    `json:"cidrs"`
	Vpcs  []VpcBehind `json:"vpcs"`
	// Record is the item DescribeVpnGateways or DescribeTransitGateways
	// answers, in EC2's XML; empty for a gateway declared in dxsim's
	// configuration, which EC2 does not list, or another account's.
	Record string `json:"record,omitempty"`
	// Declared: a gateway of dxsim's configuration, not an EC2 resource.
	Declared bool `json:"declared,omitempty"`
}

// VpcBehind is a VPC attached to a virtual private gateway.
type VpcBehind struct {
	VpcID      string   `json:"vpcId"`
	State      string   `json:"state"`      // the VPC's
	Attachment string   `json:"attachment"` // the gateway's attachment to it
	Cidrs      []string `json:"cidrs"`
	Record     string   `json:"record"` // DescribeVpcs' item, XML
}

// behind reads the gateways the interfaces and associations of w name.
func (h *handler) behind(ctx context.Context, c dx.Caller, w *World) ([]Behind, error) {
	type ref struct{ id, owner, region, typ string }
	var refs []ref
	add := func(r ref) {
		if r.id != "" && !slices.Contains(refs, r) {
			refs = append(refs, r)
		}
	}
	for _, v := range w.VirtualInterfaces {
		add(ref{v.VirtualGatewayID, v.OwnerAccount, v.Region, dx.VirtualPrivateGateway})
	}
	for _, a := range w.Associations {
		if g := a.AssociatedGateway; g != nil {
			add(ref{g.ID, g.OwnerAccount, g.Region, g.Type})
		}
	}
	out := []Behind{}
	for _, r := range refs {
		b := Behind{ID: r.id, Type: r.typ, Owner: r.owner, Region: r.region, Cidrs: []string{}, Vpcs: []VpcBehind{}}
		// Only the account's own gateways: it cannot describe another's.
		if r.owner == c.Account {
			if err := h.describeGateway(ctx, dx.Caller{Account: r.owner, Region: r.region}, &b); err != nil {
				return nil, err
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// describeGateway fills b from EC2's Describe calls, or from the
// configuration for a declared gateway.
func (h *handler) describeGateway(ctx context.Context, c dx.Caller, b *Behind) error {
	e := h.world.EC2()
	var declared *dx.VirtualGatewayRecord
	err := e.View(ctx, func(tx *core.Txn) error {
		g, ok, err := e.VirtualGateway(tx, c.Account, c.Region, b.ID)
		if ok && e.IsDeclared(c.Account, c.Region, b.ID) {
			declared = g
		}
		return err
	})
	if err != nil {
		return err
	}
	if declared != nil {
		b.Declared, b.State, b.AmazonSideAsn = true, "available", declared.AmazonSideAsn
		b.Cidrs = append(b.Cidrs, declared.VpcCidrs...)
		return nil
	}
	switch b.Type {
	case dx.VirtualPrivateGateway:
		out, err := e.DescribeVpnGateways(ctx, c, &ec2.DescribeVpnGatewaysInput{VpnGatewayIDs: []string{b.ID}})
		if err != nil || len(out.VpnGateways) == 0 {
			return ignoreClient(err)
		}
		g := out.VpnGateways[0]
		b.State, b.AmazonSideAsn, b.Record = g.State, g.AmazonSideAsn, item(g)
		for _, a := range g.Attachments {
			vpcs, err := e.DescribeVpcs(ctx, c, &ec2.DescribeVpcsInput{VpcIDs: []string{a.VpcID}})
			if err != nil || len(vpcs.Vpcs) == 0 {
				if err := ignoreClient(err); err != nil {
					return err
				}
				continue
			}
			v := vpcs.Vpcs[0]
			vb := VpcBehind{VpcID: v.VpcID, State: v.State, Attachment: a.State, Cidrs: []string{}, Record: item(v)}
			for _, cb := range v.CidrBlockAssociationSet {
				vb.Cidrs = append(vb.Cidrs, cb.CidrBlock)
			}
			if len(vb.Cidrs) == 0 {
				vb.Cidrs = append(vb.Cidrs, v.CidrBlock)
			}
			b.Vpcs = append(b.Vpcs, vb)
			if a.State == "attached" {
				b.Cidrs = append(b.Cidrs, vb.Cidrs...)
			}
		}
	case dx.TransitGateway:
		out, err := e.DescribeTransitGateways(ctx, c, &ec2.DescribeTransitGatewaysInput{TransitGatewayIDs: []string{b.ID}})
		if err != nil || len(out.TransitGateways) == 0 {
			return ignoreClient(err)
		}
		g := out.TransitGateways[0]
		b.State, b.AmazonSideAsn, b.Record = g.State, g.Options.AmazonSideAsn, item(g)
	}
	return nil
}

// ignoreClient drops a client error (a gateway deleted and gone): the
// drawing shows the gateway without EC2's word on it.
func ignoreClient(err error) error {
	if err != nil && clientError(err) {
		return nil
	}
	return err
}

// item is v as EC2 answers it in a Describe call's set.
func item(v any) string {
	var b strings.Builder
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: "item"}}) != nil {
		return ""
	}
	return b.String()
}

// routes lists what each virtual interface's BGP sessions carry, as
// ListVirtualInterfaceRoutes answers it: the drawing counts the prefixes
// of each session's family.
func (h *handler) routes(ctx context.Context, c dx.Caller, vifs []dx.VirtualInterface) (map[string][]directconnect.Route, error) {
	out := map[string][]directconnect.Route{}
	for _, v := range vifs {
		routes := []directconnect.Route{}
		for token := ""; ; {
			page, err := h.dc.ListVirtualInterfaceRoutes(ctx, c, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceID: v.VirtualInterfaceID, NextToken: token})
			if err != nil {
				if clientError(err) { // not the account's to list (allocated, not yet accepted)
					break
				}
				return nil, err
			}
			routes = append(routes, page.Routes...)
			if token = page.NextToken; token == "" {
				break
			}
		}
		out[v.VirtualInterfaceID] = routes
	}
	return out, nil
}
