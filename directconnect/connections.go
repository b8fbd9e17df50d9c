package directconnect

import (
	"context"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// site returns the caller's location code as a catalog site.
func (s *Service) site(caller dx.Caller, code string) (*dx.Site, error) {
	site, ok := s.Catalog.Site(caller.Region, code)
	if !ok {
		return nil, dx.Errorf("Location %q is not a Direct Connect location in region %s; DescribeLocations lists the locations of the region", code, caller.Region)
	}
	return site, nil
}

// checkNewTags checks the tags a create request puts on a new resource.
func checkNewTags(tags []dx.Tag) error {
	if err := dx.CheckTags(tags); err != nil {
		return err
	}
	_, err := dx.MergeTags(nil, tags)
	return err
}

// CreateConnection creates a dedicated connection, on a LAG's device when
// lagId is given.
func (s *Service) CreateConnection(ctx context.Context, caller dx.Caller, in *CreateConnectionInput) (*dx.Connection, error) {
	c, lag, err := s.createPort(ctx, caller, portRequest{
		location: in.Location, bandwidth: in.Bandwidth, name: in.ConnectionName, lagID: in.LagID,
		providerName: in.ProviderName, tags: in.Tags, macSec: in.RequestMACSec != nil && *in.RequestMACSec, billingMode: in.BillingMode,
	})
	if err != nil {
		return nil, err
	}
	v := s.connectionView(s.fresh(c), lag, c.CreatedAt)
	return &v, nil
}

// portRequest asks for a new physical port: a dedicated connection or, for a
// partner, an interconnect.
type portRequest struct {
	location, bandwidth, name, lagID, providerName string
	billingMode                                    string // "" is pay as you go
	tags                                           []dx.Tag
	macSec, interconnect                           bool
}

// createPort creates a connection record holding a new port at a location,
// on the device of the LAG it joins if lagID is given.
func (s *Service) createPort(ctx context.Context, caller dx.Caller, r portRequest) (*dx.ConnectionRecord, *dx.LagRecord, error) {
	site, err := s.site(caller, r.location)
	if err != nil {
		return nil, nil, err
	}
	if err := dx.CheckDedicatedBandwidth(site, r.bandwidth); err != nil {
		return nil, nil, err
	}
	if err := checkNewTags(r.tags); err != nil {
		return nil, nil, err
	}
	if r.billingMode != "" {
		if err := dx.CheckRequestBillingMode(r.billingMode); err != nil {
			return nil, nil, err
		}
	}
	if r.macSec {
		if err := site.CheckMacSecOffered(r.bandwidth); err != nil {
			return nil, nil, err
		}
	}
	c := &dx.ConnectionRecord{
		Owner: caller.Account, Region: caller.Region, Name: r.name, Location: site.LocationCode, Bandwidth: r.bandwidth,
		ProviderName: r.providerName, MacSecCapable: r.macSec, Tags: r.tags, Interconnect: r.interconnect,
		BillingMode: r.billingMode,
	}
	var lag *dx.LagRecord
	err = s.Update(ctx, func(tx *core.Txn) error {
		c.CreatedAt = tx.Now
		if err := s.checkQuota(tx, caller, site.LocationCode, 1, r.interconnect); err != nil {
			return err
		}
		var dev *dx.Device
		if r.lagID != "" {
			if lag, err = ownLag(tx, caller, r.lagID); err != nil {
				return err
			}
			if err := checkJoin(tx, lag, dx.LagCandidate{Location: site.LocationCode, Bandwidth: r.bandwidth, MacSecCapable: r.macSec, New: true}); err != nil {
				return err
			}
			var ok bool
			if dev, _, ok = s.Catalog.Device(lag.Device); !ok {
				return dx.Errorf("LAG %s is on Direct Connect endpoint %s, which the location catalog no longer has", lag.ID, lag.Device)
			}
			c.LagID, c.MacSecCapable = lag.ID, lag.MacSecCapable
		} else if dev, err = pickDevice(tx, site, r.bandwidth, 1); err != nil {
			return err
		}
		if c.MacSecCapable {
			c.EncryptionMode = dx.NoEncrypt
			if lag != nil {
				c.EncryptionMode = lag.EncryptionMode
			}
		}
		c.Device = dev.AwsDevice
		if err := orderCrossConnect(tx, c); err != nil {
			return err
		}
		// The port is claimed for the new ID before the one write of
		// the record.
		if c.ID, err = core.FreeID(tx, store.Connections, dx.ConnectionPrefix); err != nil {
			return err
		}
		if c.Port, err = claimPort(tx, dev, c.ID); err != nil {
			return err
		}
		if lag != nil {
			joinLag(c, lag, c.CreatedAt)
			if err := core.SaveLag(tx, lag); err != nil {
				return err
			}
		}
		r, err := store.Encode(core.ConnectionRow(c), c)
		if err != nil {
			return err
		}
		return tx.Insert(r)
	})
	if err != nil {
		return nil, nil, err
	}
	return c, lag, nil
}

// checkJoin applies dx.CheckLagJoin to c joining lag, with lag's current
// members.
func checkJoin(tx store.Tx, lag *dx.LagRecord, c dx.LagCandidate) error {
	members, err := LagMembers(tx, lag.ID)
	if err != nil {
		return err
	}
	return dx.CheckLagJoin(dx.LagFacts{
		ID: lag.ID, Location: lag.Location, Bandwidth: lag.Bandwidth, Device: lag.Device, MacSecCapable: lag.MacSecCapable, Members: len(members),
	}, c)
}

// joinCandidate is connection c as a candidate to join a LAG.
func joinCandidate(c *dx.ConnectionRecord) dx.LagCandidate {
	return dx.LagCandidate{ID: c.ID, Location: c.Location, Bandwidth: c.Bandwidth, Device: c.Device, Hosted: c.Hosted(), MacSecCapable: c.MacSecCapable}
}

// DescribeConnections lists the caller's connections in its Region, or the
// one named.
func (s *Service) DescribeConnections(ctx context.Context, caller dx.Caller, in *DescribeConnectionsInput) (*ConnectionsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ConnectionsOutput{Connections: []dx.Connection{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		w := s.world(tx)
		add := func(c *dx.ConnectionRecord) error {
			v, err := w.connectionView(c)
			out.Connections = append(out.Connections, v)
			return err
		}
		if in.ConnectionID != "" {
			c, err := core.LoadOwned(tx, store.Connections, in.ConnectionID, caller, dx.ConnectionNotFound(in.ConnectionID, caller.Account, caller.Region),
				func(c *dx.ConnectionRecord) bool { return s.Visible(c.DeletedAt, tx.Now) })
			if err != nil {
				return err
			}
			return add(c)
		}
		rows, token, err := core.Scan(tx, store.Query{Kind: store.Connections, Account: caller.Account, Region: caller.Region}, p,
			func(c *dx.ConnectionRecord) string { return c.ID },
			func(c *dx.ConnectionRecord) bool { return !c.Interconnect && s.Visible(c.DeletedAt, tx.Now) })
		if err != nil {
			return err
		}
		out.Connections = make([]dx.Connection, 0, len(rows))
		for _, c := range rows {
			if err := add(c); err != nil {
				return err
			}
		}
		out.NextToken = token
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// orNotFound turns a nil error (the record exists but is not the caller's)
// into ErrNotFound.
func orNotFound(err error) error {
	if err == nil {
		return store.ErrNotFound
	}
	return err
}

// UpdateConnection renames a connection or sets its MACsec encryption mode.
func (s *Service) UpdateConnection(ctx context.Context, caller dx.Caller, in *UpdateConnectionInput) (*dx.Connection, error) {
	if in.ConnectionName == nil && in.EncryptionMode == nil {
		return nil, dx.Errorf("Specify at least one attribute to update: connectionName or encryptionMode")
	}
	return s.changeConnection(ctx, caller, in.ConnectionID, func(tx *core.Txn, c *dx.ConnectionRecord) error {
		if in.ConnectionName != nil {
			if *in.ConnectionName == "" {
				return dx.Errorf("connectionName must not be empty")
			}
			c.Name = *in.ConnectionName
		}
		if in.EncryptionMode != nil {
			if err := dx.CheckEncryptionMode(*in.EncryptionMode, c.MacSecCapable, "connection "+c.ID); err != nil {
				return err
			}
			if c.LagID != "" {
				// A LAG applies its mode to every member; one member must not differ.
				return dx.Errorf("Connection %s is a member of LAG %s; set encryptionMode on the LAG with UpdateLag", c.ID, c.LagID)
			}
			c.EncryptionMode = *in.EncryptionMode
		}
		return nil
	})
}

// DeleteConnection deletes a dedicated connection and frees its port (a LAG
// member leaves its LAG), or deletes a hosted connection: its owner or the
// partner that allocated it may. A hosted connection its owner deletes
// before confirming it is rejected.
func (s *Service) DeleteConnection(ctx context.Context, caller dx.Caller, in *ConnectionIDInput) (*dx.Connection, error) {
	var out dx.Connection
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := visibleConnection(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		now := tx.Now
		switch {
		case c.Interconnect:
			return dx.Errorf("%s is an interconnect; delete it with DeleteInterconnect", c.ID)
		case c.Hosted():
			if err := checkNoDependents(tx, "Hosted connection", c.ID); err != nil {
				return err
			}
			c.Rejected = c.ConfirmedAt.IsZero() && caller.Account == c.Owner
			c.DeletedAt = now
		default:
			if err := s.deletePort(tx, c); err != nil {
				return err
			}
		}
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

// changeConnection applies change to the caller's connection id inside one
// transaction and returns the connection as it is afterwards.
func (s *Service) changeConnection(ctx context.Context, caller dx.Caller, id string, change func(*core.Txn, *dx.ConnectionRecord) error) (*dx.Connection, error) {
	var out dx.Connection
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := ownConnection(tx, caller, id)
		if err != nil {
			return err
		}
		if err := change(tx, c); err != nil {
			return err
		}
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

// orderCrossConnect orders the cross-connect of a new dedicated connection
// or interconnect at its creation when the world's AutoCrossConnect setting
// is on. It sets the stamp either way, since a store may run the
// transaction again after the setting changed.
func orderCrossConnect(tx store.Tx, c *dx.ConnectionRecord) error {
	ws, err := core.LoadSettings(tx)
	if err != nil {
		return err
	}
	c.CrossConnectOrderedAt = time.Time{}
	if ws.AutoCrossConnect {
		c.CrossConnectOrderedAt = c.CreatedAt
	}
	return nil
}
