package directconnect

import (
	"context"
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// CreateConnection creates a dedicated connection, on a LAG's device when
// lagId is given.
func (s *Service) CreateConnection(ctx context.Context, caller dx.Caller, in *CreateConnectionInput) (*dx.Connection, error) {
	c, lag, router, err := s.createPort(ctx, caller, dx.PortOrder{
		Location: in.Location, Bandwidth: in.Bandwidth, ProviderName: in.ProviderName, Tags: in.Tags,
		BillingMode: in.BillingMode, RequestMACSec: in.RequestMACSec != nil && *in.RequestMACSec,
	}, in.ConnectionName, in.LagID, false)
	if err != nil {
		return nil, err
	}
	v := s.connectionView(s.fresh(c), lag, router, c.CreatedAt)
	return &v, nil
}

// createPort creates a connection record holding a new port that order
// asks for: a dedicated connection or, for a partner, an interconnect; on
// the device of the LAG it joins if lagID is given. The customer router's
// history comes with a LAG, whose MACsec keys apply to the new member.
func (s *Service) createPort(ctx context.Context, caller dx.Caller, order dx.PortOrder, name, lagID string, interconnect bool) (*dx.ConnectionRecord, *dx.LagRecord, sim.UnconfiguredRouter, error) {
	site, err := order.Check(s.Catalog, caller.Region)
	if err != nil {
		return nil, nil, nil, err
	}
	var c *dx.ConnectionRecord
	var lag *dx.LagRecord
	var router sim.UnconfiguredRouter
	err = s.Update(ctx, func(tx *core.Txn) error {
		// Made afresh in each run: the transaction may run more than once.
		c = order.NewConnection(caller, name, tx.Now)
		c.Interconnect = interconnect
		if err := s.checkQuota(tx, caller, site.LocationCode, 1, interconnect); err != nil {
			return err
		}
		var dev pick
		if lag, dev, err = s.portDevice(tx, caller, site, c, lagID); err != nil {
			return err
		}
		c.Device = dev.AwsDevice
		if err := orderCrossConnect(tx, c); err != nil {
			return err
		}
		// The port is claimed for a newly drawn ID before the one write
		// of the record, whose insert tells whether the ID is free; on
		// the rare collision the port is released and both are done again
		// under another ID. The LAG seats a copy of the member each time.
		seated := lag
		if c.ID, err = core.CreateWithNewID(tx, s.NewID, dx.ConnectionPrefix, func(id string) (store.Row, error) {
			c.ID = id
			var err error
			if c.Port, err = claimPort(tx, dev, id); err != nil {
				return store.Row{}, err
			}
			if lag != nil {
				l := *lag
				l.Memberships = slices.Clip(lag.Memberships)
				l.SeatNew(c, c.CreatedAt)
				seated = &l
			}
			return store.Encode(core.ConnectionRow(c), c)
		}, func(string) error { return tx.ReleasePort(dev.AwsDevice, c.Port) }); err != nil {
			return err
		}
		if lag = seated; lag != nil {
			if err := core.SaveLag(tx, lag); err != nil {
				return err
			}
			if router, err = s.world(tx).router(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return c, lag, router, nil
}

// portDevice picks the device of new connection c: that of the caller's LAG
// lagID, which admits it, or else one of the site's with a free port.
func (s *Service) portDevice(tx store.Tx, caller dx.Caller, site *dx.Site, c *dx.ConnectionRecord, lagID string) (*dx.LagRecord, pick, error) {
	if lagID == "" {
		dev, err := pickDevice(tx, site, c.Bandwidth, 1)
		return nil, dev, err
	}
	lag, err := ownLag(tx, caller, lagID)
	if err != nil {
		return nil, pick{}, err
	}
	f, err := lagFacts(tx, lag)
	if err != nil {
		return nil, pick{}, err
	}
	if err := lag.AdmitNew(c, f); err != nil {
		return nil, pick{}, err
	}
	dev, err := s.Catalog.DeviceOf("LAG "+lag.ID, lag.Device)
	return lag, pick{Device: dev}, err
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
// An update that names nothing to change answers the connection as it is,
// as AWS answers UpdateLag.
func (s *Service) UpdateConnection(ctx context.Context, caller dx.Caller, in *UpdateConnectionInput) (*dx.Connection, error) {
	return s.changeConnection(ctx, caller, in.ConnectionID, func(tx *core.Txn, c *dx.ConnectionRecord) error {
		if in.ConnectionName != nil {
			if *in.ConnectionName == "" {
				return dx.Errorf("connectionName must not be empty")
			}
			c.Name = *in.ConnectionName
		}
		if in.EncryptionMode != nil {
			return c.SetEncryptionMode(*in.EncryptionMode)
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
			c.Rejected = c.ConfirmedAt.IsZero() && core.Owns(caller, c)
			c.DeletedAt = now
		default:
			if err := s.deletePort(tx, c); err != nil {
				return err
			}
		}
		if err := s.doomConnection(tx, c); err != nil {
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
