package directconnect

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Direct Connect gateways are global: a gateway belongs to an account and is
// the same from every Region. Their rows have no Region.

// Direct Connect gateway states.
const (
	gatewayPending   = "pending"
	gatewayAvailable = "available"
	gatewayDeleting  = "deleting"
	gatewayDeleted   = "deleted"
)

// gatewayDelay is how long a gateway or an association takes to change
// state (pending to available, associating to associated, and so on): the
// world's Pending timing.
func (s *Service) gatewayDelay() time.Duration { return s.Config.Timings.Gateway }

// gatewayState derives a gateway's state at now.
func (s *Service) gatewayState(g *dx.DirectConnectGatewayRecord, now time.Time) string {
	d := s.gatewayDelay()
	switch {
	case g.Deleted() && !now.Before(g.DeletedAt.Add(d)):
		return gatewayDeleted
	case g.Deleted() && !now.Before(g.DeletedAt):
		return gatewayDeleting
	case now.Before(g.CreatedAt.Add(d)):
		return gatewayPending
	}
	return gatewayAvailable
}

// gatewayGone is when a deleted gateway reached state deleted (zero while
// it is not deleted).
func (s *Service) gatewayGone(g *dx.DirectConnectGatewayRecord) time.Time {
	if !g.Deleted() {
		return time.Time{}
	}
	return g.DeletedAt.Add(s.gatewayDelay())
}

func (s *Service) gatewayView(g *dx.DirectConnectGatewayRecord, now time.Time) dx.DirectConnectGateway {
	return dx.DirectConnectGateway{
		DirectConnectGatewayID: g.ID, DirectConnectGatewayName: g.Name, AmazonSideAsn: g.AmazonSideAsn,
		OwnerAccount: g.Owner, DirectConnectGatewayState: s.gatewayState(g, now), Tags: g.Tags,
	}
}

func putGateway(tx store.Tx, g *dx.DirectConnectGatewayRecord) error {
	return store.Save(tx, core.GatewayRow(g), g)
}

// insertWithUUID inserts the row row(id) under a fresh UUID.
func insertWithUUID(tx store.Tx, row func(id string) (store.Row, error)) (string, error) {
	for range 3 {
		id := uuid.NewString()
		r, err := row(id)
		if err != nil {
			return "", err
		}
		if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
			return id, err
		}
	}
	return "", errors.New("could not draw a unique UUID")
}

func missingGateway(id, account string) *dx.Error {
	return dx.Errorf("Direct Connect gateway %s does not exist for account %s", id, account)
}

// ownGateway loads a Direct Connect gateway of the caller's account, from
// any Region; deleted ones are not found.
func ownGateway(tx store.Tx, caller dx.Caller, id string) (*dx.DirectConnectGatewayRecord, error) {
	return core.LoadOwned(tx, store.DirectConnectGateways, id, caller, missingGateway(id, caller.Account), core.Live[*dx.DirectConnectGatewayRecord])
}

// CreateDirectConnectGateway creates a Direct Connect gateway.
func (s *Service) CreateDirectConnectGateway(ctx context.Context, caller dx.Caller, in *CreateDirectConnectGatewayInput) (*DirectConnectGatewayOutput, error) {
	asn, err := dx.ResolveGatewayAsn(in.AmazonSideAsn)
	if err != nil {
		return nil, err
	}
	if err := dx.CheckNewTags(in.Tags); err != nil {
		return nil, err
	}
	g := &dx.DirectConnectGatewayRecord{Owner: caller.Account, Name: in.DirectConnectGatewayName, AmazonSideAsn: asn, Tags: in.Tags}
	err = s.Update(ctx, func(tx *core.Txn) error {
		g.CreatedAt = tx.Now
		live, err := tx.Count(store.Query{Kind: store.DirectConnectGateways, Key: core.LiveKey(caller.Account, "")})
		if err != nil {
			return err
		}
		if live >= dx.GatewaysPerAccount {
			return dx.Errorf("Account %s already has %d Direct Connect gateways, the quota; delete one you no longer use, or ask for a quota increase", caller.Account, live)
		}
		g.ID, err = insertWithUUID(tx, func(id string) (store.Row, error) {
			g.ID = id
			return store.Encode(core.GatewayRow(g), g)
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayOutput{DirectConnectGateway: s.gatewayView(g, g.CreatedAt)}, nil
}

// DescribeDirectConnectGateways lists the caller's Direct Connect gateways,
// or the one named; deleted gateways are not returned.
func (s *Service) DescribeDirectConnectGateways(ctx context.Context, caller dx.Caller, in *DescribeDirectConnectGatewaysInput) (*DirectConnectGatewaysOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	var now time.Time // the transaction's
	// A deleted gateway is listed in state deleted for the retention period
	// (the Terraform provider's gateway.go delete waiter ends on it).
	shown := func(g *dx.DirectConnectGatewayRecord) bool {
		return core.Owns(caller, g) && s.Retained(s.gatewayGone(g), now)
	}
	out := &DirectConnectGatewaysOutput{DirectConnectGateways: []dx.DirectConnectGateway{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		now = tx.Now
		var rows []*dx.DirectConnectGatewayRecord
		if in.DirectConnectGatewayID != "" {
			// An unknown ID lists nothing, as on AWS.
			g, err := core.LoadIf(tx, store.DirectConnectGateways, in.DirectConnectGatewayID, store.ErrNotFound, shown)
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			rows = append(rows, g)
		} else if rows, out.NextToken, err = core.Scan(tx, store.Query{Kind: store.DirectConnectGateways, Account: caller.Account}, p,
			func(g *dx.DirectConnectGatewayRecord) string { return g.ID }, shown); err != nil {
			return err
		}
		for _, g := range rows {
			out.DirectConnectGateways = append(out.DirectConnectGateways, s.gatewayView(g, now))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateDirectConnectGateway renames a Direct Connect gateway.
func (s *Service) UpdateDirectConnectGateway(ctx context.Context, caller dx.Caller, in *UpdateDirectConnectGatewayInput) (*DirectConnectGatewayOutput, error) {
	var out dx.DirectConnectGateway
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownGateway(tx, caller, in.DirectConnectGatewayID)
		if err != nil {
			return err
		}
		g.Name = in.NewDirectConnectGatewayName
		out = s.gatewayView(g, tx.Now)
		return putGateway(tx, g)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayOutput{DirectConnectGateway: out}, nil
}

// DeleteDirectConnectGateway deletes a Direct Connect gateway that has no
// associations and no virtual interfaces attached.
func (s *Service) DeleteDirectConnectGateway(ctx context.Context, caller dx.Caller, in *DirectConnectGatewayIDInput) (*DirectConnectGatewayOutput, error) {
	var out dx.DirectConnectGateway
	err := s.Update(ctx, func(tx *core.Txn) error {
		g, err := ownGateway(tx, caller, in.DirectConnectGatewayID)
		if err != nil {
			return err
		}
		now := tx.Now
		assocs, err := s.liveAssociations(tx, g.ID, now)
		if err != nil {
			return err
		}
		if len(assocs) > 0 {
			a := assocs[0]
			return dx.Errorf("Direct Connect gateway %s is associated with %s (association %s, %s); delete its associations and wait until they are disassociated first",
				g.ID, a.AssociatedID, a.ID, s.associationState(a, now))
		}
		vifs, err := attachedVIFs(tx, g)
		if err != nil {
			return err
		}
		if len(vifs) > 0 {
			return dx.Errorf("Direct Connect gateway %s has virtual interfaces attached (for example %s in %s); delete them first", g.ID, vifs[0].ID, vifs[0].Region)
		}
		g.DeletedAt = now
		out = s.gatewayView(g, now)
		if err := s.Doom(tx, string(store.DirectConnectGateways), g.ID, s.gatewayGone(g)); err != nil {
			return err
		}
		return putGateway(tx, g)
	})
	if err != nil {
		return nil, err
	}
	return &DirectConnectGatewayOutput{DirectConnectGateway: out}, nil
}

// attachedVIFs lists the live virtual interfaces attached to g, from every
// Region; they belong to g's owner.
func attachedVIFs(tx store.Tx, g *dx.DirectConnectGatewayRecord) ([]*dx.VirtualInterfaceRecord, error) {
	all, err := store.LoadAll[dx.VirtualInterfaceRecord](tx, store.Query{Kind: store.VirtualInterfaces, Account: g.Owner, Key: core.GatewayKey(g.ID)})
	if err != nil {
		return nil, err
	}
	var out []*dx.VirtualInterfaceRecord
	for _, v := range all {
		if v.DirectConnectGatewayID == g.ID && !v.Deleted() {
			out = append(out, v)
		}
	}
	return out, nil
}

// checkGatewayAttachable checks that a virtual interface of type typ
// (private or transit) may attach to g: the quota of virtual interfaces per
// gateway, and private interfaces with virtual private gateways, transit
// ones with transit gateways.
func (s *Service) checkGatewayAttachable(tx *core.Txn, g *dx.DirectConnectGatewayRecord, typ string) error {
	vifs, err := attachedVIFs(tx, g)
	if err != nil {
		return err
	}
	assocs, err := s.liveAssociations(tx, g.ID, tx.Now)
	if err != nil {
		return err
	}
	var types []string
	for _, a := range assocs {
		types = append(types, a.AssociatedType)
	}
	return dx.CheckAttachmentFits(g, typ, len(vifs), types)
}

// attachmentState follows the state of the attached virtual interface.
func attachmentState(vifState string) string {
	switch vifState {
	case sim.Pending, sim.Confirming, sim.Verifying:
		return dx.Attaching
	case sim.Deleting:
		return dx.Detaching
	case sim.Deleted, sim.Rejected:
		return dx.Detached
	}
	return dx.Attached // available, down, testing
}

// DescribeDirectConnectGatewayAttachments lists the virtual interfaces
// attached to a Direct Connect gateway, or the gateway a virtual interface
// is attached to.
func (s *Service) DescribeDirectConnectGatewayAttachments(ctx context.Context, caller dx.Caller, in *DescribeDirectConnectGatewayAttachmentsInput) (*DirectConnectGatewayAttachmentsOutput, error) {
	if in.DirectConnectGatewayID == "" && in.VirtualInterfaceID == "" {
		return nil, dx.Errorf("Specify directConnectGatewayId, virtualInterfaceId or both: the attachments of a Direct Connect gateway, or of a virtual interface")
	}
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &DirectConnectGatewayAttachmentsOutput{DirectConnectGatewayAttachments: []dx.DirectConnectGatewayAttachment{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		var vifs []*dx.VirtualInterfaceRecord
		if in.VirtualInterfaceID != "" {
			v, err := core.LoadOwned(tx, store.VirtualInterfaces, in.VirtualInterfaceID, caller, dx.NotFound("Virtual interface", in.VirtualInterfaceID, caller.Account, caller.Region),
				func(v *dx.VirtualInterfaceRecord) bool { return s.Visible(v.DeletedAt, tx.Now) })
			if err != nil {
				return err
			}
			if v.DirectConnectGatewayID != "" && (in.DirectConnectGatewayID == "" || in.DirectConnectGatewayID == v.DirectConnectGatewayID) {
				vifs = append(vifs, v)
			}
		} else {
			g, err := ownGateway(tx, caller, in.DirectConnectGatewayID)
			if err != nil {
				return err
			}
			if vifs, out.NextToken, err = core.Scan(tx, store.Query{Kind: store.VirtualInterfaces, Account: g.Owner}, p,
				func(v *dx.VirtualInterfaceRecord) string { return v.ID },
				func(v *dx.VirtualInterfaceRecord) bool {
					return v.DirectConnectGatewayID == g.ID && s.Visible(v.DeletedAt, tx.Now)
				}); err != nil {
				return err
			}
		}
		w := s.world(tx)
		for _, v := range vifs {
			view, err := w.vifView(v)
			if err != nil {
				return err
			}
			typ := dx.PrivateAttachment
			if v.Type == dx.TransitVIF {
				typ = dx.TransitAttachment
			}
			out.DirectConnectGatewayAttachments = append(out.DirectConnectGatewayAttachments, dx.DirectConnectGatewayAttachment{
				DirectConnectGatewayID: v.DirectConnectGatewayID, VirtualInterfaceID: v.ID, VirtualInterfaceRegion: v.Region,
				VirtualInterfaceOwnerAccount: v.Owner, AttachmentType: typ,
				AttachmentState: attachmentState(view.VirtualInterfaceState),
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
