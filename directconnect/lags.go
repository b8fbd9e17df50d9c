package directconnect

import (
	"context"
	"fmt"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// CreateLag creates a LAG on one device with numberOfConnections members: new
// connections, or an existing connection plus new ones. If the device cannot
// take them all, nothing is created.
func (s *Service) CreateLag(ctx context.Context, caller dx.Caller, in *CreateLagInput) (*dx.Lag, error) {
	site, err := s.site(caller, in.Location)
	if err != nil {
		return nil, err
	}
	if err := dx.CheckDedicatedBandwidth(site, in.ConnectionsBandwidth); err != nil {
		return nil, err
	}
	n := *in.NumberOfConnections
	if err := dx.CheckLagSize(in.ConnectionsBandwidth, n); err != nil {
		return nil, err
	}
	if err := checkNewTags(in.Tags); err != nil {
		return nil, err
	}
	if err := checkNewTags(in.ChildConnectionTags); err != nil {
		return nil, err
	}
	if in.BillingMode != "" {
		if err := dx.CheckRequestBillingMode(in.BillingMode); err != nil {
			return nil, err
		}
	}
	macSec := in.RequestMACSec != nil && *in.RequestMACSec
	if macSec {
		if err := site.CheckMacSecOffered(in.ConnectionsBandwidth); err != nil {
			return nil, err
		}
	}
	var v dx.Lag
	err = s.Update(ctx, func(tx *core.Txn) error {
		// The LAG is made afresh in each run of the transaction, which
		// may run more than once.
		now := tx.Now
		lag := &dx.LagRecord{
			Owner: caller.Account, Region: caller.Region, Name: in.LagName, Location: site.LocationCode,
			Bandwidth: in.ConnectionsBandwidth, ProviderName: in.ProviderName, MacSecCapable: macSec,
			Tags: in.Tags, BillingMode: in.BillingMode, CreatedAt: now,
		}
		_, lag.AllowsHostedConnections = s.Partner(caller.Account)
		if macSec {
			lag.EncryptionMode = dx.NoEncrypt
		}
		var dev *dx.Device
		newCount := n
		var existing *dx.ConnectionRecord
		if in.ConnectionID != "" {
			if existing, err = ownConnection(tx, caller, in.ConnectionID); err != nil {
				return err
			}
			// The new LAG is on the existing connection's device.
			if err := dx.CheckLagJoin(dx.LagFacts{
				ID: "to be created", Location: site.LocationCode, Bandwidth: in.ConnectionsBandwidth, Device: existing.Device, MacSecCapable: macSec,
			}, joinCandidate(existing)); err != nil {
				return err
			}
			if err := leaveLag(tx, existing, now); err != nil {
				return err
			}
			newCount--
			var ok bool
			if dev, _, ok = s.Catalog.Device(existing.Device); !ok {
				return dx.Errorf("Connection %s is on Direct Connect endpoint %s, which the location catalog no longer has", existing.ID, existing.Device)
			}
			if used, err := tx.PortsInUse(dev.AwsDevice); err != nil {
				return err
			} else if dev.Ports-used < newCount {
				return dx.Errorf("Direct Connect endpoint %s of connection %s has %d free port(s); the LAG needs %d more; no LAG was created", dev.AwsDevice, existing.ID, dev.Ports-used, newCount)
			}
		} else if dev, err = pickDevice(tx, site, in.ConnectionsBandwidth, n); err != nil {
			return err
		}
		if err := s.checkQuota(tx, caller, site.LocationCode, newCount, false); err != nil {
			return err
		}
		live, err := tx.Count(store.Query{Kind: store.Lags, Key: core.LiveKey(caller.Account, caller.Region)})
		if err != nil {
			return err
		}
		if err := dx.CheckLagQuota(caller.Account, caller.Region, live, s.Config.LagsPerRegion); err != nil {
			return err
		}
		lag.Device = dev.AwsDevice
		if lag.ID, err = core.InsertWithNewID(tx, dx.LagPrefix, func(id string) (store.Row, error) {
			lag.ID = id
			return store.Encode(core.LagRow(lag), lag)
		}); err != nil {
			return err
		}
		if existing != nil {
			if err := moveHostedToLag(tx, existing, lag, now); err != nil {
				return err
			}
			if err := s.moveVIFsToLag(tx, existing, lag); err != nil {
				return err
			}
			joinLag(existing, lag, now)
			if err := core.SaveConnection(tx, existing); err != nil {
				return err
			}
		}
		for i := 1; i <= newCount; i++ {
			c := &dx.ConnectionRecord{
				Owner: caller.Account, Region: caller.Region, Name: fmt.Sprintf("Requested Connection %d for Lag %s", i, lag.ID),
				Location: site.LocationCode, Bandwidth: lag.Bandwidth, ProviderName: in.ProviderName,
				MacSecCapable: macSec, Tags: in.ChildConnectionTags, Device: dev.AwsDevice, CreatedAt: now,
				BillingMode: lag.BillingMode,
			}
			c.LagID = lag.ID
			if err := orderCrossConnect(tx, c); err != nil {
				return err
			}
			if c.ID, err = core.InsertWithNewID(tx, dx.ConnectionPrefix, func(id string) (store.Row, error) {
				c.ID = id
				return store.Encode(core.ConnectionRow(c), c)
			}); err != nil {
				return err
			}
			joinLag(c, lag, now)
			if c.Port, err = claimPort(tx, dev, c.ID); err != nil {
				return err
			}
			if err := core.SaveConnection(tx, c); err != nil {
				return err
			}
		}
		if err := core.SaveLag(tx, lag); err != nil {
			return err
		}
		v, err = s.world(tx).lagView(lag)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// joinLag makes c a member of lag at now; a MACsec member takes the LAG's
// encryption mode, which the LAG applies to all its members. The caller
// saves both.
func joinLag(c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) {
	c.LagID = lag.ID
	lag.Join(c.ID, now)
	if c.MacSecCapable && lag.MacSecCapable {
		c.EncryptionMode = lag.EncryptionMode
	}
}

// leaveLag takes c out of the LAG it is in, if any, unless that would leave
// the LAG with fewer members than its minimumLinks (a last member may always
// leave).
func leaveLag(tx store.Tx, c *dx.ConnectionRecord, now time.Time) error {
	if c.LagID == "" {
		return nil
	}
	lag, err := store.Load[dx.LagRecord](tx, store.Lags, c.LagID)
	if err != nil {
		return err
	}
	members, err := LagMembers(tx, lag.ID)
	if err != nil {
		return err
	}
	if left := len(members) - 1; left > 0 && left < lag.MinimumLinks {
		return dx.Errorf("Removing connection %s from LAG %s would leave it %d connection(s), below its minimumLinks of %d; lower minimumLinks with UpdateLag first", c.ID, lag.ID, left, lag.MinimumLinks)
	}
	return dropFromLag(tx, c, lag, now)
}

// dropFromLag ends c's membership of lag at now and saves lag; the caller
// saves c.
func dropFromLag(tx store.Tx, c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) error {
	if err := checkHostedCapacityWithout(tx, lag, c.ID); err != nil {
		return err
	}
	lag.Leave(c.ID, now)
	c.LagID = ""
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
// applies to every member).
func (s *Service) UpdateLag(ctx context.Context, caller dx.Caller, in *UpdateLagInput) (*dx.Lag, error) {
	if in.LagName == nil && in.MinimumLinks == nil && in.EncryptionMode == nil {
		return nil, dx.Errorf("Specify at least one attribute to update: lagName, minimumLinks or encryptionMode")
	}
	return s.changeLag(ctx, caller, in.LagID, func(tx *core.Txn, l *dx.LagRecord, members []*dx.ConnectionRecord) error {
		if in.LagName != nil {
			if *in.LagName == "" {
				return dx.Errorf("lagName must not be empty")
			}
			l.Name = *in.LagName
		}
		if in.MinimumLinks != nil {
			if err := dx.CheckMinimumLinks(*in.MinimumLinks, len(members)); err != nil {
				return err
			}
			l.SetMinimumLinks(*in.MinimumLinks, tx.Now)
		}
		if in.EncryptionMode != nil {
			if err := dx.CheckEncryptionMode(*in.EncryptionMode, l.MacSecCapable, "LAG "+l.ID); err != nil {
				return err
			}
			l.EncryptionMode = *in.EncryptionMode
			for _, m := range members {
				m.EncryptionMode = l.EncryptionMode
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
			l.Leave(m.ID, now)
			m.LagID = ""
			if err := core.SaveConnection(tx, m); err != nil {
				return err
			}
		}
		l.DeletedAt = now
		return nil
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
		if c.LagID == lag.ID {
			return dx.Errorf("Connection %s is already a member of LAG %s", c.ID, lag.ID)
		}
		if err := checkJoin(tx, lag, joinCandidate(c)); err != nil {
			return err
		}
		now := tx.Now
		if err := leaveLag(tx, c, now); err != nil {
			return err
		}
		if err := moveHostedToLag(tx, c, lag, now); err != nil {
			return err
		}
		// Interfaces of a LAG the connection came from are parented to that
		// LAG and stay with it.
		if err := s.moveVIFsToLag(tx, c, lag); err != nil {
			return err
		}
		joinLag(c, lag, now)
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
		if c.LagID != lag.ID {
			return dx.Errorf("Connection %s is not a member of LAG %s", c.ID, lag.ID)
		}
		if err := leaveLag(tx, c, tx.Now); err != nil {
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
// that joins lag with the LAG. Hosted connections of a LAG the interconnect
// came from are parented to that LAG and stay with it.
func moveHostedToLag(tx store.Tx, c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) error {
	moving, err := hostedOn(tx, c.ID)
	if err != nil || len(moving) == 0 {
		return err
	}
	if !lag.AllowsHostedConnections {
		return dx.Errorf("Interconnect %s has hosted connections and LAG %s is not enabled to host connections", c.ID, lag.ID)
	}
	staying, err := hostedOn(tx, lag.ID)
	if err != nil {
		return err
	}
	for _, m := range moving {
		for _, st := range staying {
			if m.Vlan == st.Vlan {
				return dx.Errorf("Hosted connection %s of %s and %s of LAG %s both use VLAN %d; move one to another VLAN first", m.ID, c.ID, st.ID, lag.ID, m.Vlan)
			}
		}
		m.PastHosts = append(m.PastHosts, dx.ParentSpan{ID: m.HostedOn, Until: now})
		m.HostedOn, m.HostMacSec, m.Device = lag.ID, lag.MacSecCapable, lag.Device
		if err := core.SaveConnection(tx, m); err != nil {
			return err
		}
	}
	return nil
}
