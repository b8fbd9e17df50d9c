package directconnect

import (
	"context"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// host is an interconnect or a LAG that hosted connections are carved out of.
type host struct {
	id       string
	location string
	device   string
	mbps     int // capacity
	macSec   bool
}

// ownHost loads the caller's interconnect or hosting-enabled LAG named id.
func ownHost(tx store.Tx, caller dx.Caller, id string) (host, error) {
	if strings.HasPrefix(id, dx.LagPrefix) {
		l, err := ownLag(tx, caller, id)
		if err != nil {
			return host{}, err
		}
		f, err := lagFacts(tx, l)
		if err != nil {
			return host{}, err
		}
		mbps, err := l.HostCapacity(f)
		if err != nil {
			return host{}, err
		}
		return host{id: l.ID, location: l.Location, device: l.Device, mbps: mbps, macSec: l.MacSecCapable}, nil
	}
	c, err := ownInterconnect(tx, caller, id)
	if err != nil {
		return host{}, err
	}
	mbps, err := c.HostCapacity()
	if err != nil {
		return host{}, err
	}
	return host{id: c.ID, location: c.Location, device: c.Device, mbps: mbps, macSec: c.MacSecCapable}, nil
}

// hostedOn lists the live hosted connections of an interconnect or LAG.
func hostedOn(tx store.Tx, id string) ([]*dx.ConnectionRecord, error) {
	all, err := store.LoadAll[dx.ConnectionRecord](tx, store.Query{Kind: store.Connections, Parent: id})
	if err != nil {
		return nil, err
	}
	var out []*dx.ConnectionRecord
	for _, c := range all {
		if c.Hosted() && !c.Deleted() {
			out = append(out, c)
		}
	}
	return out, nil
}

// checkRoom checks that h can take a hosted connection of bandwidth on
// vlan, as dx.CheckHostRoom rules.
func checkRoom(tx store.Tx, h host, vlan int, bandwidth string) error {
	hosted, err := hostedOn(tx, h.id)
	if err != nil {
		return err
	}
	return dx.CheckHostRoom(h.id, h.mbps, hosted, vlan, bandwidth)
}

// AllocateHostedConnection carves a hosted connection for ownerAccount out of
// the partner's interconnect or LAG. It waits in state ordering until the
// owner confirms it.
func (s *Service) AllocateHostedConnection(ctx context.Context, caller dx.Caller, in *AllocateHostedConnectionInput) (*dx.Connection, error) {
	partner, err := s.requirePartner(caller, "AllocateHostedConnection")
	if err != nil {
		return nil, err
	}
	if err := dx.CheckAccountID("ownerAccount", in.OwnerAccount); err != nil {
		return nil, err
	}
	if err := dx.CheckHostedBandwidth(in.Bandwidth, partner.Gigabit); err != nil {
		return nil, err
	}
	if err := dx.CheckVlan(*in.Vlan); err != nil {
		return nil, err
	}
	if err := dx.CheckNewTags(in.Tags); err != nil {
		return nil, err
	}
	c := &dx.ConnectionRecord{
		Owner: in.OwnerAccount, Region: caller.Region, Name: in.ConnectionName, Bandwidth: in.Bandwidth,
		Vlan: *in.Vlan, Partner: caller.Account, PartnerName: partner.DisplayName(), Tags: in.Tags,
	}
	err = s.Update(ctx, func(tx *core.Txn) error {
		c.CreatedAt = tx.Now
		h, err := ownHost(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		if err := checkRoom(tx, h, c.Vlan, c.Bandwidth); err != nil {
			return err
		}
		c.HostedOn, c.HostMacSec, c.Location, c.Device = h.id, h.macSec, h.location, h.device
		c.ID, err = core.InsertWithNewID(tx, s.NewID, dx.ConnectionPrefix, func(id string) (store.Row, error) {
			c.ID = id
			return store.Encode(core.ConnectionRow(c), c)
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	v := s.connectionView(s.fresh(c), nil, nil, c.CreatedAt) // hosted: no MACsec keys
	return &v, nil
}

// AllocateConnectionOnInterconnect is the deprecated form of
// AllocateHostedConnection.
func (s *Service) AllocateConnectionOnInterconnect(ctx context.Context, caller dx.Caller, in *AllocateConnectionOnInterconnectInput) (*dx.Connection, error) {
	return s.AllocateHostedConnection(ctx, caller, &AllocateHostedConnectionInput{
		ConnectionID: in.InterconnectID, OwnerAccount: in.OwnerAccount, Bandwidth: in.Bandwidth,
		ConnectionName: in.ConnectionName, Vlan: in.Vlan,
	})
}

// DescribeHostedConnections lists the hosted connections of the caller's
// interconnect or LAG.
func (s *Service) DescribeHostedConnections(ctx context.Context, caller dx.Caller, in *DescribeHostedConnectionsInput) (*ConnectionsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ConnectionsOutput{Connections: []dx.Connection{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		if _, err := loadHostOwner(tx, caller, in.ConnectionID); err != nil {
			return err
		}
		rows, token, err := core.Scan(tx, store.Query{Kind: store.Connections, Parent: in.ConnectionID}, p,
			func(c *dx.ConnectionRecord) string { return c.ID },
			func(c *dx.ConnectionRecord) bool { return c.Hosted() && s.Visible(c.DeletedAt, tx.Now) })
		if err != nil {
			return err
		}
		w := s.world(tx)
		for _, c := range rows {
			v, err := w.connectionView(c)
			if err != nil {
				return err
			}
			out.Connections = append(out.Connections, v)
		}
		out.NextToken = token
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// loadHostOwner checks that id is the caller's interconnect or LAG, in any
// state of hosting, and returns its ID.
func loadHostOwner(tx store.Tx, caller dx.Caller, id string) (string, error) {
	if strings.HasPrefix(id, dx.LagPrefix) {
		l, err := ownLag(tx, caller, id)
		if err != nil {
			return "", err
		}
		return l.ID, nil
	}
	// An unknown parent answers as an unknown connection does: the
	// Terraform provider (hosted_connection.go) reads "Could not find
	// Connection with ID" from DescribeHostedConnections as gone.
	c, err := ownConnection(tx, caller, id)
	if err != nil {
		return "", err
	}
	if !c.Interconnect {
		return "", dx.NotFound("Interconnect", id, caller.Account, caller.Region)
	}
	return c.ID, nil
}

// DescribeConnectionsOnInterconnect is the deprecated form of
// DescribeHostedConnections for interconnects.
func (s *Service) DescribeConnectionsOnInterconnect(ctx context.Context, caller dx.Caller, in *InterconnectIDInput) (*ConnectionsOutput, error) {
	if !strings.HasPrefix(in.InterconnectID, dx.ConnectionPrefix) {
		return nil, dx.Errorf("interconnectId %q must be an interconnect ID (dxcon-xxxx); use DescribeHostedConnections for LAGs", in.InterconnectID)
	}
	return s.DescribeHostedConnections(ctx, caller, &DescribeHostedConnectionsInput{ConnectionID: in.InterconnectID})
}

// ConfirmConnection accepts a hosted connection: only its owner may, and only
// while it is ordering.
func (s *Service) ConfirmConnection(ctx context.Context, caller dx.Caller, in *ConnectionIDInput) (*ConnectionStateOutput, error) {
	var state string
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := ownConnection(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		w := s.world(tx)
		if state, err = w.connectionState(c); err != nil {
			return err
		}
		if !c.Hosted() || state != sim.Ordering {
			return dx.Errorf("Connection %s is %s; only a hosted connection in state ordering can be confirmed", c.ID, state)
		}
		c.ConfirmedAt = w.now
		if state, err = s.world(tx).connectionState(c); err != nil {
			return err
		}
		return core.SaveConnection(tx, c)
	})
	if err != nil {
		return nil, err
	}
	return &ConnectionStateOutput{ConnectionState: state}, nil
}

// AssociateHostedConnection moves a hosted connection to another
// interconnect or LAG of the same partner.
func (s *Service) AssociateHostedConnection(ctx context.Context, caller dx.Caller, in *AssociateHostedConnectionInput) (*dx.Connection, error) {
	if _, err := s.requirePartner(caller, "AssociateHostedConnection"); err != nil {
		return nil, err
	}
	var out dx.Connection
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := visibleConnection(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		if !c.Hosted() || !core.IsAccount(caller, c.Partner) {
			return dx.Errorf("Connection %s is not a hosted connection allocated by account %s", c.ID, caller.Account)
		}
		h, err := ownHost(tx, caller, in.ParentConnectionID)
		if err != nil {
			return err
		}
		if h.id == c.HostedOn {
			return dx.Errorf("Hosted connection %s is already on %s", c.ID, h.id)
		}
		if err := checkRoom(tx, h, c.Vlan, c.Bandwidth); err != nil {
			return err
		}
		// Its virtual interfaces are parented to the hosted connection and
		// move with it.
		c.PastHosts = append(c.PastHosts, dx.ParentSpan{ID: c.HostedOn, Until: tx.Now})
		c.HostedOn, c.HostMacSec, c.Location, c.Device = h.id, h.macSec, h.location, h.device
		if err := core.SaveConnection(tx, c); err != nil {
			return err
		}
		out, err = s.world(tx).connectionView(c)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
