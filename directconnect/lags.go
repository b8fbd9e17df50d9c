package directconnect

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// CreateLag creates a LAG on one device with numberOfConnections members: new
// connections, or an existing connection plus new ones. If the device cannot
// take them all, nothing is created.
func (s *Service) CreateLag(ctx context.Context, caller dx.Caller, in *CreateLagInput) (*dx.Lag, error) {
	order := dx.PortOrder{
		Location: in.Location, Bandwidth: in.ConnectionsBandwidth, ProviderName: in.ProviderName, Tags: in.Tags,
		BillingMode: in.BillingMode, RequestMACSec: in.RequestMACSec != nil && *in.RequestMACSec,
		ForLag: true, Connections: *in.NumberOfConnections, MemberTags: in.ChildConnectionTags,
	}
	site, err := order.Check(s.Catalog, caller.Region)
	if err != nil {
		return nil, err
	}
	var v dx.Lag
	err = s.Update(ctx, func(tx *core.Txn) error {
		// The LAG is made afresh in each run of the transaction, which
		// may run more than once.
		lag := order.NewLag(caller, in.LagName, tx.Now)
		_, lag.AllowsHostedConnections = s.Partner(caller.Account)
		existing, dev, err := s.lagDevice(tx, caller, site, order, lag, in.ConnectionID)
		if err != nil {
			return err
		}
		newCount := order.Connections
		if existing != nil {
			newCount--
		}
		if err := s.checkLagQuotas(tx, caller, site, newCount); err != nil {
			if full := dev.counted(tx); full != nil {
				return full // the device's answer comes first
			}
			return err
		}
		lag.Device = dev.AwsDevice
		w := s.world(tx)
		if existing == nil {
			// The LAG is written once, after its members: each holds a
			// port under its ID and names the LAG, so if the LAG's ID
			// turns out to be taken they are undone and made again
			// under another.
			var members []*dx.ConnectionRecord
			if lag.ID, err = core.CreateWithNewID(tx, s.NewID, dx.LagPrefix, func(id string) (store.Row, error) {
				lag.ID, lag.Memberships, members = id, nil, members[:0]
				for i := 1; i <= newCount; i++ {
					c := order.NewMember(lag, i, tx.Now)
					if err := s.addLagMember(tx, c, lag, dev); err != nil {
						return store.Row{}, err
					}
					members = append(members, c)
				}
				return store.Encode(core.LagRow(lag), lag)
			}, func(string) error {
				for _, c := range members {
					if err := tx.Delete(store.Connections, c.ID); err != nil {
						return err
					}
					if err := tx.ReleasePort(dev.AwsDevice, c.Port); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				return err
			}
			// Its members are those just made, as the store lists them.
			slices.SortFunc(members, func(a, b *dx.ConnectionRecord) int { return strings.Compare(a.ID, b.ID) })
			n, err := w.lagOf(lag, members)
			if err != nil {
				return err
			}
			router, err := w.router()
			if err != nil {
				return err
			}
			v = s.lagView(n, router, w.now)
			return nil
		}
		if lag.ID, err = core.InsertWithNewID(tx, s.NewID, dx.LagPrefix, func(id string) (store.Row, error) {
			lag.ID = id
			return store.Encode(core.LagRow(lag), lag)
		}); err != nil {
			return err
		}
		if err := s.moveIntoLag(tx, existing, lag, tx.Now); err != nil {
			return err
		}
		if err := core.SaveConnection(tx, existing); err != nil {
			return err
		}
		for i := 1; i <= newCount; i++ {
			if err := s.addLagMember(tx, order.NewMember(lag, i, tx.Now), lag, dev); err != nil {
				return err
			}
		}
		if err := core.SaveLag(tx, lag); err != nil {
			return err
		}
		v, err = w.lagView(lag)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// lagDevice picks the device of a new LAG: that of the caller's existing
// connection connID, which the LAG admits and which leaves its LAG, if any,
// with free ports for the other members; or else one of the site's with
// ports for them all.
func (s *Service) lagDevice(tx *core.Txn, caller dx.Caller, site *dx.Site, order dx.PortOrder, lag *dx.LagRecord, connID string) (*dx.ConnectionRecord, pick, error) {
	if connID == "" {
		dev, err := pickDevice(tx, site, order.Bandwidth, order.Connections)
		return nil, dev, err
	}
	existing, err := ownConnection(tx, caller, connID)
	if err != nil {
		return nil, pick{}, err
	}
	// The new LAG is on the existing connection's device.
	lag.Device = existing.Device
	f, err := lagFacts(tx, lag)
	if err != nil {
		return nil, pick{}, err
	}
	if err := lag.Admit(existing, f); err != nil {
		return nil, pick{}, err
	}
	if err := leaveLag(tx, existing, tx.Now, (*dx.LagRecord).Release); err != nil {
		return nil, pick{}, err
	}
	dev, err := s.Catalog.DeviceOf("Connection "+existing.ID, existing.Device)
	if err != nil {
		return nil, pick{}, err
	}
	used, err := tx.PortsInUse(dev.AwsDevice)
	if err != nil {
		return nil, pick{}, err
	}
	return existing, pick{Device: dev}, dx.CheckLagPorts(dev.AwsDevice, existing.ID, dev.Ports-used, order.Connections-1)
}

// checkLagQuotas checks that the caller may add n dedicated connections at
// site and one more LAG in its Region.
func (s *Service) checkLagQuotas(tx store.Tx, caller dx.Caller, site *dx.Site, n int) error {
	if err := s.checkQuota(tx, caller, site.LocationCode, n, false); err != nil {
		return err
	}
	live, err := tx.Count(store.Query{Kind: store.Lags, Key: core.LiveKey(caller.Account, caller.Region)})
	if err != nil {
		return err
	}
	return dx.CheckLagQuota(caller.Account, caller.Region, live, s.Config.LagsPerRegion)
}

// addLagMember inserts new member c of lag on a port of dev, with its
// cross-connect ordered as the world's settings say, and seats it in lag
// (which the caller saves). The port is claimed under a newly drawn ID
// before the one write of c; if the insert finds the ID taken, the port is
// released and the seat taken back before the next draw.
func (s *Service) addLagMember(tx store.Tx, c *dx.ConnectionRecord, lag *dx.LagRecord, dev pick) error {
	c.LagID = lag.ID
	if err := orderCrossConnect(tx, c); err != nil {
		return err
	}
	seats := len(lag.Memberships)
	var err error
	c.ID, err = core.CreateWithNewID(tx, s.NewID, dx.ConnectionPrefix, func(id string) (store.Row, error) {
		c.ID = id
		var err error
		if c.Port, err = claimPort(tx, dev, id); err != nil {
			return store.Row{}, err
		}
		lag.SeatNew(c, c.CreatedAt)
		return store.Encode(core.ConnectionRow(c), c)
	}, func(string) error {
		lag.Memberships = lag.Memberships[:seats]
		return tx.ReleasePort(dev.AwsDevice, c.Port)
	})
	return err
}

// lagFacts loads what lag's rules need (dx.LagFacts): its live members and
// the bandwidth of the hosted connections carved out of it. It is the one
// place that gathers them; a LAG still to be created has none.
func lagFacts(tx store.Tx, lag *dx.LagRecord) (dx.LagFacts, error) {
	var f dx.LagFacts
	if lag.ID == "" {
		return f, nil
	}
	members, err := LagMembers(tx, lag.ID)
	if err != nil {
		return f, err
	}
	for _, m := range members {
		f.Members = append(f.Members, m.ID)
	}
	hosted, err := hostedOn(tx, lag.ID)
	if err != nil {
		return f, err
	}
	for _, c := range hosted {
		f.HostedMbps += dx.Mbps(c.Bandwidth)
	}
	return f, nil
}

// moveIntoLag makes c a member of lag at now, with the hosted connections
// carved out of it (an interconnect's) and its virtual interfaces. Those of
// a LAG it came from are parented to that LAG and stay with it. The caller
// saves c and lag.
func (s *Service) moveIntoLag(tx *core.Txn, c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) error {
	if err := moveHostedToLag(tx, c, lag, now); err != nil {
		return err
	}
	if err := s.moveVIFsToLag(tx, c, lag); err != nil {
		return err
	}
	lag.Seat(c, now)
	return nil
}

// leaveLag takes c out of the LAG it is in, if any, as the LAG's rule
// release ((*dx.LagRecord).Release or ReleaseDeleted) allows, and saves the
// LAG; the caller saves c.
func leaveLag(tx store.Tx, c *dx.ConnectionRecord, now time.Time, release func(*dx.LagRecord, string, dx.LagFacts) error) error {
	if c.LagID == "" {
		return nil
	}
	lag, err := store.Load[dx.LagRecord](tx, store.Lags, c.LagID)
	if err != nil {
		return err
	}
	f, err := lagFacts(tx, lag)
	if err != nil {
		return err
	}
	if err := release(lag, c.ID, f); err != nil {
		return err
	}
	lag.Unseat(c, now)
	return core.SaveLag(tx, lag)
}

// DescribeLags lists the caller's LAGs in its Region, or the one named.
func (s *Service) DescribeLags(ctx context.Context, caller dx.Caller, in *DescribeLagsInput) (*LagsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &LagsOutput{Lags: []dx.Lag{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		w := s.world(tx)
		add := func(l *dx.LagRecord) error {
			v, err := w.lagView(l)
			out.Lags = append(out.Lags, v)
			return err
		}
		if in.LagID != "" {
			l, err := core.LoadOwned(tx, store.Lags, in.LagID, caller, dx.LagNotFound(in.LagID, caller.Account, caller.Region),
				func(l *dx.LagRecord) bool { return s.Visible(l.DeletedAt, tx.Now) })
			if err != nil {
				return err
			}
			return add(l)
		}
		rows, token, err := core.Scan(tx, store.Query{Kind: store.Lags, Account: caller.Account, Region: caller.Region}, p,
			func(l *dx.LagRecord) string { return l.ID },
			func(l *dx.LagRecord) bool { return s.Visible(l.DeletedAt, tx.Now) })
		if err != nil {
			return err
		}
		for _, l := range rows {
			if err := add(l); err != nil {
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

// UpdateLag changes a LAG's name, minimumLinks or encryption mode (which it
// applies to every member). An update that names nothing to change answers
// the LAG as it is: the model requires only lagId, and AWS answered 200 to
// UpdateLag {"lagId"} (Ansible community.aws's recording
// directconnect_link_aggregation_group/delete_lag_with_connections/directconnect.UpdateLag_1.json).
func (s *Service) UpdateLag(ctx context.Context, caller dx.Caller, in *UpdateLagInput) (*dx.Lag, error) {
	return s.changeLag(ctx, caller, in.LagID, func(tx *core.Txn, l *dx.LagRecord, members []*dx.ConnectionRecord) error {
		if in.LagName != nil {
			if err := l.Rename(*in.LagName); err != nil {
				return err
			}
		}
		if in.MinimumLinks != nil {
			if err := l.ChangeMinimumLinks(*in.MinimumLinks, len(members), tx.Now); err != nil {
				return err
			}
		}
		if in.EncryptionMode != nil {
			if err := l.SetEncryptionMode(*in.EncryptionMode, members); err != nil {
				return err
			}
			for _, m := range members {
				if err := core.SaveConnection(tx, m); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// DeleteLag deletes a LAG that carries no virtual interfaces or hosted
// connections. Its member connections are not deleted: they stay as
// standalone connections, as the real service leaves them.
func (s *Service) DeleteLag(ctx context.Context, caller dx.Caller, in *LagIDInput) (*dx.Lag, error) {
	return s.changeLag(ctx, caller, in.LagID, func(tx *core.Txn, l *dx.LagRecord, members []*dx.ConnectionRecord) error {
		if err := checkNoDependents(tx, "LAG", l.ID); err != nil {
			return err
		}
		now := tx.Now
		for _, m := range members {
			l.Unseat(m, now)
			if err := core.SaveConnection(tx, m); err != nil {
				return err
			}
		}
		l.DeletedAt = now
		return s.Doom(tx, string(store.Lags), l.ID, s.DeletedGone(l.DeletedAt))
	})
}

// changeLag applies change to the caller's LAG id inside one transaction and
// returns the LAG as it is afterwards.
func (s *Service) changeLag(ctx context.Context, caller dx.Caller, id string, change func(*core.Txn, *dx.LagRecord, []*dx.ConnectionRecord) error) (*dx.Lag, error) {
	var out dx.Lag
	err := s.Update(ctx, func(tx *core.Txn) error {
		l, err := ownLag(tx, caller, id)
		if err != nil {
			return err
		}
		members, err := LagMembers(tx, l.ID)
		if err != nil {
			return err
		}
		if err := change(tx, l, members); err != nil {
			return err
		}
		if err := core.SaveLag(tx, l); err != nil {
			return err
		}
		out, err = s.world(tx).lagView(l)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AssociateConnectionWithLag moves a connection into a LAG on the same
// device, out of the LAG it was in, if any.
func (s *Service) AssociateConnectionWithLag(ctx context.Context, caller dx.Caller, in *ConnectionLagInput) (*dx.Connection, error) {
	return s.changeConnection(ctx, caller, in.ConnectionID, func(tx *core.Txn, c *dx.ConnectionRecord) error {
		lag, err := ownLag(tx, caller, in.LagID)
		if err != nil {
			return err
		}
		f, err := lagFacts(tx, lag)
		if err != nil {
			return err
		}
		if err := lag.Admit(c, f); err != nil {
			return err
		}
		if err := leaveLag(tx, c, tx.Now, (*dx.LagRecord).Release); err != nil {
			return err
		}
		if err := s.moveIntoLag(tx, c, lag, tx.Now); err != nil {
			return err
		}
		return core.SaveLag(tx, lag)
	})
}

// DisassociateConnectionFromLag makes a LAG member a standalone connection.
// A connection or LAG the caller cannot see answers "Connection does not
// exist" or "Lag does not exist", as AWS does.
func (s *Service) DisassociateConnectionFromLag(ctx context.Context, caller dx.Caller, in *ConnectionLagInput) (*dx.Connection, error) {
	var out dx.Connection
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := ownConnection(tx, caller, in.ConnectionID)
		if err != nil {
			return dx.NotFoundToDisassociate("Connection", err)
		}
		lag, err := ownLag(tx, caller, in.LagID)
		if err != nil {
			return dx.NotFoundToDisassociate("Lag", err)
		}
		if err := lag.CheckMember(c); err != nil {
			return err
		}
		if err := leaveLag(tx, c, tx.Now, (*dx.LagRecord).Release); err != nil {
			return err
		}
		// A partner's connection leaves as an interconnect.
		_, c.Interconnect = s.Partner(c.Owner)
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

// moveHostedToLag re-associates the hosted connections of an interconnect
// c that joins lag with the LAG, as the LAG's AdoptHosted rule allows.
func moveHostedToLag(tx store.Tx, c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) error {
	moving, err := hostedOn(tx, c.ID)
	if err != nil || len(moving) == 0 {
		return err
	}
	staying, err := hostedOn(tx, lag.ID)
	if err != nil {
		return err
	}
	if err := lag.AdoptHosted(c.ID, moving, staying, now); err != nil {
		return err
	}
	for _, m := range moving {
		if err := core.SaveConnection(tx, m); err != nil {
			return err
		}
	}
	return nil
}
