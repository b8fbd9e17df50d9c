package directconnect

import (
	"context"
	"errors"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// vifParent is the connection, LAG or hosted connection a virtual interface
// is on.
type vifParent struct {
	id, owner, region, location, device string
	lag                                 bool
	hostedVlan                          int  // a hosted connection's VLAN, fixed by its partner
	partnerLag                          bool // a partner's LAG: its interfaces are not configured directly
	redundant                           bool // the device supports a second BGP peer per family
}

// loadVIFParent loads the caller's connection, LAG or hosted connection id
// as the parent of a virtual interface.
func (s *Service) loadVIFParent(tx *core.Txn, caller dx.Caller, id string) (vifParent, error) {
	var p vifParent
	if strings.HasPrefix(id, dx.LagPrefix) {
		l, err := ownLag(tx, caller, id)
		if err != nil {
			return p, err
		}
		_, partner := s.Partner(l.Owner)
		p = vifParent{id: l.ID, owner: l.Owner, region: l.Region, location: l.Location, device: l.Device, lag: true, partnerLag: partner}
	} else {
		c, err := ownConnection(tx, caller, id)
		if err != nil {
			return p, err
		}
		if err := c.CheckVIFParent(); err != nil {
			return p, err
		}
		p = vifParent{id: c.ID, owner: c.Owner, region: c.Region, location: c.Location, device: c.Device}
		if c.Hosted() {
			p.hostedVlan = c.Vlan
		}
	}
	if d, _, ok := s.Catalog.Device(p.device); ok {
		p.redundant = d.HasLogicalRedundancy == "yes"
	}
	return p, nil
}

// vifSpec is a virtual interface to create or allocate.
type vifSpec struct {
	typ          string
	connectionID string
	owner        string // allocations: the account that will own it
	allocate     bool
	in           *NewVirtualInterface
}

func (s *Service) CreatePrivateVirtualInterface(ctx context.Context, caller dx.Caller, in *CreatePrivateVirtualInterfaceInput) (*dx.VirtualInterface, error) {
	return s.createVIF(ctx, caller, vifSpec{typ: dx.PrivateVIF, connectionID: in.ConnectionID, in: in.New.union()})
}

func (s *Service) CreatePublicVirtualInterface(ctx context.Context, caller dx.Caller, in *CreatePublicVirtualInterfaceInput) (*dx.VirtualInterface, error) {
	return s.createVIF(ctx, caller, vifSpec{typ: dx.PublicVIF, connectionID: in.ConnectionID, in: in.New.union()})
}

func (s *Service) CreateTransitVirtualInterface(ctx context.Context, caller dx.Caller, in *CreateTransitVirtualInterfaceInput) (*VirtualInterfaceOutput, error) {
	v, err := s.createVIF(ctx, caller, vifSpec{typ: dx.TransitVIF, connectionID: in.ConnectionID, in: in.New.union()})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceOutput{VirtualInterface: *v}, nil
}

func (s *Service) AllocatePrivateVirtualInterface(ctx context.Context, caller dx.Caller, in *AllocatePrivateVirtualInterfaceInput) (*dx.VirtualInterface, error) {
	return s.createVIF(ctx, caller, vifSpec{typ: dx.PrivateVIF, connectionID: in.ConnectionID, owner: in.OwnerAccount, allocate: true, in: in.New.union()})
}

func (s *Service) AllocatePublicVirtualInterface(ctx context.Context, caller dx.Caller, in *AllocatePublicVirtualInterfaceInput) (*dx.VirtualInterface, error) {
	return s.createVIF(ctx, caller, vifSpec{typ: dx.PublicVIF, connectionID: in.ConnectionID, owner: in.OwnerAccount, allocate: true, in: in.New.union()})
}

func (s *Service) AllocateTransitVirtualInterface(ctx context.Context, caller dx.Caller, in *AllocateTransitVirtualInterfaceInput) (*VirtualInterfaceOutput, error) {
	v, err := s.createVIF(ctx, caller, vifSpec{typ: dx.TransitVIF, connectionID: in.ConnectionID, owner: in.OwnerAccount, allocate: true, in: in.New.union()})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceOutput{VirtualInterface: *v}, nil
}

// createVIF creates (or allocates for another account) a virtual interface.
func (s *Service) createVIF(ctx context.Context, caller dx.Caller, spec vifSpec) (*dx.VirtualInterface, error) {
	req, err := checkNewVIF(caller, spec)
	if err != nil {
		return nil, err
	}
	in := spec.in
	var out dx.VirtualInterface
	err = s.Update(ctx, func(tx *core.Txn) error {
		// Made afresh in each run: the transaction may run more than once.
		now := tx.Now
		v := &dx.VirtualInterfaceRecord{
			Owner: req.owner, Region: caller.Region, Type: spec.typ, Name: in.VirtualInterfaceName, Vlan: in.Vlan, Mtu: req.mtu,
			RouteFilterPrefixes: req.prefixes, SiteLinkEnabled: req.siteLink, RateLimit: in.RateLimit, Tags: in.Tags, CreatedAt: now,
		}
		if spec.allocate {
			v.Allocator = caller.Account
		}
		parent, err := s.loadVIFParent(tx, caller, spec.connectionID)
		if err != nil {
			return err
		}
		if err := s.placeVIF(tx, caller, spec, v, parent); err != nil {
			return err
		}
		siblings, err := vifsOn(tx, parent.id)
		if err != nil {
			return err
		}
		if err := dx.CheckVirtualInterfaceQuota(parent.id, parent.hostedVlan != 0, v.Type, vifTypes(siblings)); err != nil {
			return err
		}
		if err := dx.CheckVlanFree(siblings, parent.id, v.Vlan, ""); err != nil {
			return err
		}
		peer, err := newPeer(siblings, v, req.asn, req.family, in.AuthKey, in.AmazonAddress, in.CustomerAddress, now)
		if err != nil {
			return err
		}
		v.BGPPeers = []dx.BGPPeerRecord{peer}
		v.ID, err = core.InsertWithNewID(tx, s.NewID, dx.VirtualInterfacePrefix, func(id string) (store.Row, error) {
			v.ID = id
			return store.Encode(core.VifRow(v), v)
		})
		if err != nil {
			return err
		}
		out, err = s.world(tx).vifView(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// newVIF is what checkNewVIF makes of a request for a virtual interface.
type newVIF struct {
	asn      int64
	family   string
	mtu      int
	prefixes []string // a public interface's route filter
	owner    string
	siteLink bool
}

// checkNewVIF checks a request for a virtual interface before anything is
// loaded.
func checkNewVIF(caller dx.Caller, spec vifSpec) (newVIF, error) {
	in := spec.in
	var r newVIF
	var err error
	if r.asn, err = dx.ResolveAsn(in.Asn, in.AsnLong); err != nil {
		return r, err
	}
	if err := dx.CheckVlan(in.Vlan); err != nil {
		return r, err
	}
	if r.family, err = dx.CheckAddressFamily(in.AddressFamily); err != nil {
		return r, err
	}
	if r.mtu, err = dx.CheckMtu(spec.typ, in.Mtu); err != nil {
		return r, err
	}
	if in.AuthKey != "" {
		if err := dx.CheckAuthKey(in.AuthKey); err != nil {
			return r, err
		}
	}
	if err := dx.CheckPeerAddresses(r.family, in.AmazonAddress, in.CustomerAddress, spec.typ == dx.PublicVIF); err != nil {
		return r, err
	}
	if err := dx.CheckNewTags(in.Tags); err != nil {
		return r, err
	}
	for _, p := range in.RouteFilterPrefixes {
		r.prefixes = append(r.prefixes, p.Cidr)
	}
	if spec.typ == dx.PublicVIF && r.family == dx.IPv4 {
		if err := dx.CheckRouteFilterPrefixes(r.prefixes); err != nil {
			return r, err
		}
	}
	r.owner = caller.Account
	if spec.allocate {
		if err := dx.CheckAccountID("ownerAccount", spec.owner); err != nil {
			return r, err
		}
		// The caller owns the connection it allocates on (loadVIFParent).
		if err := dx.CheckAllocationOwner(spec.owner, caller.Account); err != nil {
			return r, err
		}
		r.owner = spec.owner
	} else if err := dx.CheckGatewayChoice(spec.typ, in.VirtualGatewayID, in.DirectConnectGatewayID); err != nil {
		return r, err
	}
	r.siteLink = in.EnableSiteLink != nil && *in.EnableSiteLink
	if r.siteLink && in.DirectConnectGatewayID == "" && !spec.allocate {
		return r, dx.Errorf("SiteLink works between virtual interfaces attached to Direct Connect gateways; give directConnectGatewayId")
	}
	return r, nil
}

// placeVIF puts new interface v on parent: as the parent allows (a
// partner's LAG, a hosted connection's VLAN, jumbo frames on its device),
// attached to its gateway unless it is allocated.
func (s *Service) placeVIF(tx *core.Txn, caller dx.Caller, spec vifSpec, v *dx.VirtualInterfaceRecord, parent vifParent) error {
	if err := dx.CheckPartnerLagVIF(parent.id, parent.partnerLag, spec.allocate); err != nil {
		return err
	}
	if parent.hostedVlan != 0 && v.Vlan != parent.hostedVlan {
		return dx.Errorf("Hosted connection %s uses VLAN %d, set by its partner; a virtual interface on it must use VLAN %d, not %d", parent.id, parent.hostedVlan, parent.hostedVlan, v.Vlan)
	}
	if !spec.allocate {
		var err error
		if v.AmazonSideAsn, err = s.attachTo(tx, caller, spec.typ, spec.in.VirtualGatewayID, spec.in.DirectConnectGatewayID); err != nil {
			return err
		}
		v.VirtualGatewayID, v.DirectConnectGatewayID = spec.in.VirtualGatewayID, spec.in.DirectConnectGatewayID
	} else {
		v.AmazonSideAsn = amazonUnconfirmedAsn // until its owner confirms it on a gateway
	}
	if spec.typ == dx.PublicVIF {
		v.AmazonSideAsn = amazonPublicAsn
	}
	if d, _, ok := s.Catalog.Device(parent.device); ok && v.Mtu > 1500 && !d.JumboFrameCapable {
		return dx.Errorf("Direct Connect endpoint %s does not support jumbo frames; use MTU 1500", d.AwsDevice)
	}
	v.ConnectionID, v.Location, v.Device = parent.id, parent.location, parent.device
	return nil
}

// amazonPublicAsn is the ASN Amazon announces on public virtual interfaces.
const amazonPublicAsn = 16509

// amazonUnconfirmedAsn is the Amazon side ASN of an allocated private or
// transit interface before its owner confirms it on a gateway: the aws
// CLI's examples show it, as amazonSideAsn (allocate-transit-virtual-interface.rst)
// and as the router configuration's amazon_bgp_asn (that example and
// allocate-private-virtual-interface.rst). Confirming sets the gateway's.
const amazonUnconfirmedAsn = 7224

// attachTo checks the gateway a virtual interface attaches to and returns
// the Amazon side ASN of the BGP session.
func (s *Service) attachTo(tx *core.Txn, caller dx.Caller, typ, vgwID, dxgwID string) (int64, error) {
	if dxgwID != "" {
		g, err := ownGateway(tx, caller, dxgwID)
		if err != nil {
			return 0, err
		}
		if err := s.checkGatewayAttachable(tx, g, typ); err != nil {
			return 0, err
		}
		return g.AmazonSideAsn, nil
	}
	if vgwID != "" {
		g, ok, err := s.ec2.VirtualGateway(tx, caller.Account, caller.Region, vgwID)
		if err != nil {
			return 0, err
		}
		if !ok || g.Type != dx.VirtualPrivateGateway {
			return 0, dx.Errorf("Virtual private gateway %s does not exist for account %s in region %s; create it with EC2 CreateVpnGateway or declare it in the dxsim configuration", vgwID, caller.Account, caller.Region)
		}
		if g.AmazonSideAsn != 0 {
			return g.AmazonSideAsn, nil
		}
		return 64512, nil
	}
	return 0, nil
}

// visibleVIF loads a virtual interface the caller may see and act on: its
// owner, or the owner of the connection it was allocated on.
func visibleVIF(tx store.Tx, caller dx.Caller, id string) (*dx.VirtualInterfaceRecord, error) {
	return core.LoadIf(tx, store.VirtualInterfaces, id, dx.NotFound("Virtual interface", id, caller.Account, caller.Region), func(v *dx.VirtualInterfaceRecord) bool {
		return vifSeenBy(v, caller) && !v.Deleted()
	})
}

// vifSeenBy reports whether caller sees v: its owner, or the owner of the
// connection it was allocated on, in v's Region.
func vifSeenBy(v *dx.VirtualInterfaceRecord, caller dx.Caller) bool {
	return core.OwnsOrShares(caller, v)
}

// ownVIF loads a virtual interface the caller owns.
func ownVIF(tx store.Tx, caller dx.Caller, id string) (*dx.VirtualInterfaceRecord, error) {
	v, err := visibleVIF(tx, caller, id)
	if err != nil {
		return nil, err
	}
	if !core.Owns(caller, v) {
		return nil, dx.Errorf("Virtual interface %s belongs to account %s; only its owner can do this", v.ID, v.Owner)
	}
	return v, nil
}

// confirmVIF confirms an allocated interface of type typ.
func (s *Service) confirmVIF(ctx context.Context, caller dx.Caller, typ, id, vgwID, dxgwID string) (*VirtualInterfaceStateOutput, error) {
	var state string
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := ownVIF(tx, caller, id)
		if err != nil {
			return err
		}
		now := tx.Now
		if v.Type != typ {
			return dx.Errorf("Virtual interface %s is a %s virtual interface; confirm it with Confirm%sVirtualInterface", v.ID, v.Type, strings.ToUpper(v.Type[:1])+v.Type[1:])
		}
		if v.Allocator == "" || !v.ConfirmedAt.IsZero() {
			return dx.Errorf("Virtual interface %s is not waiting for confirmation", v.ID)
		}
		if err := dx.CheckGatewayChoice(typ, vgwID, dxgwID); err != nil {
			return err
		}
		if typ != dx.PublicVIF {
			if v.AmazonSideAsn, err = s.attachTo(tx, caller, typ, vgwID, dxgwID); err != nil {
				return err
			}
			v.VirtualGatewayID, v.DirectConnectGatewayID = vgwID, dxgwID
		}
		v.ConfirmedAt = now
		if state, err = s.world(tx).vifState(v); err != nil {
			return err
		}
		return core.SaveVirtualInterface(tx, v)
	})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceStateOutput{VirtualInterfaceState: state}, nil
}

func (s *Service) ConfirmPrivateVirtualInterface(ctx context.Context, caller dx.Caller, in *ConfirmVirtualInterfaceInput) (*VirtualInterfaceStateOutput, error) {
	return s.confirmVIF(ctx, caller, dx.PrivateVIF, in.VirtualInterfaceID, in.VirtualGatewayID, in.DirectConnectGatewayID)
}

func (s *Service) ConfirmPublicVirtualInterface(ctx context.Context, caller dx.Caller, in *VirtualInterfaceIDInput) (*VirtualInterfaceStateOutput, error) {
	return s.confirmVIF(ctx, caller, dx.PublicVIF, in.VirtualInterfaceID, "", "")
}

func (s *Service) ConfirmTransitVirtualInterface(ctx context.Context, caller dx.Caller, in *ConfirmTransitVirtualInterfaceInput) (*VirtualInterfaceStateOutput, error) {
	return s.confirmVIF(ctx, caller, dx.TransitVIF, in.VirtualInterfaceID, "", in.DirectConnectGatewayID)
}

// DeleteVirtualInterface deletes a virtual interface; its owner or the owner
// of its connection may. An allocated one its owner deletes before
// confirming is rejected.
func (s *Service) DeleteVirtualInterface(ctx context.Context, caller dx.Caller, in *VirtualInterfaceIDInput) (*VirtualInterfaceStateOutput, error) {
	var state string
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := visibleVIF(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		now := tx.Now
		v.Rejected = v.Allocator != "" && v.ConfirmedAt.IsZero() && core.Owns(caller, v)
		v.DeletedAt = now
		if err := s.Doom(tx, string(store.VirtualInterfaces), v.ID, s.DeletedGone(v.DeletedAt)); err != nil {
			return err
		}
		if state, err = s.world(tx).vifState(v); err != nil {
			return err
		}
		return core.SaveVirtualInterface(tx, v)
	})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceStateOutput{VirtualInterfaceState: state}, nil
}

// DescribeVirtualInterfaces lists the caller's virtual interfaces in its
// Region, those on one of its connections or LAGs, or the one named.
func (s *Service) DescribeVirtualInterfaces(ctx context.Context, caller dx.Caller, in *DescribeVirtualInterfacesInput) (*VirtualInterfacesOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &VirtualInterfacesOutput{VirtualInterfaces: []dx.VirtualInterface{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		var rows []*dx.VirtualInterfaceRecord
		switch {
		case in.VirtualInterfaceID != "":
			// An ID the caller cannot see lists nothing, as on AWS (the
			// Terraform provider's vif.go finders rely on it).
			v, err := core.LoadIf(tx, store.VirtualInterfaces, in.VirtualInterfaceID, store.ErrNotFound, func(v *dx.VirtualInterfaceRecord) bool {
				return vifSeenBy(v, caller) && s.Visible(v.DeletedAt, tx.Now) && (in.ConnectionID == "" || v.ConnectionID == in.ConnectionID)
			})
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			rows = []*dx.VirtualInterfaceRecord{v}
		case in.ConnectionID != "":
			if _, err := s.loadVIFParent(tx, caller, in.ConnectionID); err != nil {
				return err
			}
			if rows, out.NextToken, err = core.Scan(tx, store.Query{Kind: store.VirtualInterfaces, Parent: in.ConnectionID}, p,
				func(v *dx.VirtualInterfaceRecord) string { return v.ID },
				func(v *dx.VirtualInterfaceRecord) bool { return s.Visible(v.DeletedAt, tx.Now) }); err != nil {
				return err
			}
		default:
			if rows, out.NextToken, err = core.Scan(tx, store.Query{Kind: store.VirtualInterfaces, Account: caller.Account, Region: caller.Region}, p,
				func(v *dx.VirtualInterfaceRecord) string { return v.ID },
				func(v *dx.VirtualInterfaceRecord) bool { return s.Visible(v.DeletedAt, tx.Now) }); err != nil {
				return err
			}
		}
		w := s.world(tx)
		for _, v := range rows {
			view, err := w.vifView(v)
			if err != nil {
				return err
			}
			out.VirtualInterfaces = append(out.VirtualInterfaces, view)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AssociateVirtualInterface moves a virtual interface to another connection
// or LAG of the caller.
func (s *Service) AssociateVirtualInterface(ctx context.Context, caller dx.Caller, in *AssociateVirtualInterfaceInput) (*dx.VirtualInterface, error) {
	var out dx.VirtualInterface
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := core.LoadIf(tx, store.VirtualInterfaces, in.VirtualInterfaceID, dx.NotFound("Virtual interface", in.VirtualInterfaceID, caller.Account, caller.Region),
			func(v *dx.VirtualInterfaceRecord) bool { return v.Region == caller.Region && !v.Deleted() })
		if err != nil {
			return err
		}
		if !core.Owns(caller, v) {
			// The owner of the interface's current connection may move it too.
			if _, err := s.loadVIFParent(tx, caller, v.ConnectionID); err != nil {
				return dx.NotFound("Virtual interface", in.VirtualInterfaceID, caller.Account, caller.Region)
			}
		}
		if cur, err := store.Load[dx.ConnectionRecord](tx, store.Connections, v.ConnectionID); err == nil && cur.Hosted() {
			return dx.Errorf("Virtual interface %s is on hosted connection %s; it moves with the hosted connection (AssociateHostedConnection)", v.ID, cur.ID)
		}
		target, err := s.loadVIFParent(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		if target.hostedVlan != 0 {
			return dx.Errorf("%s is a hosted connection; virtual interfaces cannot be moved onto hosted connections", target.id)
		}
		if target.id == v.ConnectionID {
			return dx.Errorf("Virtual interface %s is already on %s", v.ID, target.id)
		}
		if err := s.moveVIF(tx, v, target); err != nil {
			return err
		}
		// As on AWS, the interface is pending again on its new connection
		// or LAG: each BGP session is torn down (deleting) and set up anew
		// (pending) with the same settings.
		now := tx.Now
		v.AssociatedAt = append(v.AssociatedAt, now)
		for i := range v.BGPPeers {
			if !v.BGPPeers[i].DeletedAt.IsZero() {
				continue
			}
			again := v.BGPPeers[i]
			again.ID, again.CreatedAt = dx.NewID(dx.BGPPeerPrefix), now
			v.BGPPeers[i].DeletedAt = now
			if err := s.doomPeer(tx, v, &v.BGPPeers[i]); err != nil {
				return err
			}
			v.BGPPeers = append(v.BGPPeers, again)
		}
		if err := core.SaveVirtualInterface(tx, v); err != nil {
			return err
		}
		out, err = s.world(tx).vifView(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// vifTypes are the types of interfaces vifs.
func vifTypes(vifs []*dx.VirtualInterfaceRecord) []string {
	types := make([]string, len(vifs))
	for i, v := range vifs {
		types[i] = v.Type
	}
	return types
}

// moveVIF re-parents a virtual interface, refusing a conflicting VLAN or
// peer address on the target.
func (s *Service) moveVIF(tx *core.Txn, v *dx.VirtualInterfaceRecord, target vifParent) error {
	siblings, err := vifsOn(tx, target.id)
	if err != nil {
		return err
	}
	if err := dx.CheckVlanFree(siblings, target.id, v.Vlan, v.ID); err != nil {
		return err
	}
	if err := dx.CheckVirtualInterfaceQuota(target.id, target.hostedVlan != 0, v.Type, vifTypes(siblings)); err != nil {
		return err
	}
	for _, o := range siblings {
		for _, op := range o.LiveBGPPeers() {
			for _, mp := range v.LiveBGPPeers() {
				if op.CustomerAddress == mp.CustomerAddress || op.AmazonAddress == mp.AmazonAddress {
					return dx.Errorf("Virtual interface %s on %s uses peer address %s as %s does; the addresses conflict", o.ID, target.id, op.CustomerAddress, v.ID)
				}
			}
		}
	}
	v.PastParents = append(v.PastParents, dx.ParentSpan{ID: v.ConnectionID, Until: tx.Now})
	v.ConnectionID, v.Location, v.Device = target.id, target.location, target.device
	return core.SaveVirtualInterface(tx, v)
}

// moveVIFsToLag re-associates the virtual interfaces directly on connection
// c with lag, as happens when c joins it.
func (s *Service) moveVIFsToLag(tx *core.Txn, c *dx.ConnectionRecord, lag *dx.LagRecord) error {
	vifs, err := vifsOn(tx, c.ID)
	if err != nil {
		return err
	}
	target := vifParent{id: lag.ID, location: lag.Location, device: lag.Device, lag: true}
	for _, v := range vifs {
		if err := s.moveVIF(tx, v, target); err != nil {
			return err
		}
	}
	return nil
}

// UpdateVirtualInterfaceAttributes changes a virtual interface's MTU, name,
// SiteLink or rate limit. An update that names nothing to change answers
// the interface as it is.
func (s *Service) UpdateVirtualInterfaceAttributes(ctx context.Context, caller dx.Caller, in *UpdateVirtualInterfaceAttributesInput) (*dx.VirtualInterface, error) {
	return s.changeVIF(ctx, caller, in.VirtualInterfaceID, func(tx *core.Txn, v *dx.VirtualInterfaceRecord) error {
		if in.Mtu != nil {
			mtu, err := dx.CheckMtu(v.Type, *in.Mtu)
			if err != nil {
				return err
			}
			if d, _, ok := s.Catalog.Device(v.Device); ok && mtu > 1500 && !d.JumboFrameCapable {
				return dx.Errorf("Direct Connect endpoint %s does not support jumbo frames; use MTU 1500", d.AwsDevice)
			}
			v.Mtu = mtu
		}
		if in.EnableSiteLink != nil {
			if *in.EnableSiteLink && v.DirectConnectGatewayID == "" {
				return dx.Errorf("SiteLink works between virtual interfaces attached to Direct Connect gateways; %s is not attached to one", v.ID)
			}
			v.SiteLinkEnabled = *in.EnableSiteLink
		}
		if in.VirtualInterfaceName != nil {
			if *in.VirtualInterfaceName == "" {
				return dx.Errorf("virtualInterfaceName must not be empty")
			}
			v.Name = *in.VirtualInterfaceName
		}
		if in.RateLimit != nil {
			v.RateLimit = *in.RateLimit
		}
		return nil
	})
}

// changeVIF applies change to a virtual interface the caller owns, unless a
// partner's LAG carries it, and returns it as it is afterwards.
func (s *Service) changeVIF(ctx context.Context, caller dx.Caller, id string, change func(*core.Txn, *dx.VirtualInterfaceRecord) error) (*dx.VirtualInterface, error) {
	var out dx.VirtualInterface
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := ownVIF(tx, caller, id)
		if err != nil {
			return err
		}
		if strings.HasPrefix(v.ConnectionID, dx.LagPrefix) {
			if l, err := store.Load[dx.LagRecord](tx, store.Lags, v.ConnectionID); err == nil {
				if err := l.CheckVIFConfigurable(v.ID); err != nil {
					return err
				}
			}
		}
		if err := change(tx, v); err != nil {
			return err
		}
		if err := core.SaveVirtualInterface(tx, v); err != nil {
			return err
		}
		out, err = s.world(tx).vifView(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
