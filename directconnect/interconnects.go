package directconnect

import (
	"context"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// requirePartner refuses callers that are not registered partners.
func (s *Service) requirePartner(caller dx.Caller, op string) (dx.Partner, error) {
	p, ok := s.Partner(caller.Account)
	if !ok {
		return p, dx.Errorf("%s is intended for AWS Direct Connect Partners; account %s is not a registered partner", op, caller.Account)
	}
	return p, nil
}

// ownInterconnect loads an interconnect the caller owns in its Region.
func ownInterconnect(tx store.Tx, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	c, err := ownConnection(tx, caller, id)
	if err != nil || !c.Interconnect {
		return nil, dx.NotFound("Interconnect", id, caller.Account, caller.Region)
	}
	return c, nil
}

// interconnectView is the wire shape of an interconnect.
func interconnectView(v dx.Connection) dx.Interconnect {
	return dx.Interconnect{
		InterconnectID: v.ConnectionID, InterconnectName: v.ConnectionName, InterconnectState: v.ConnectionState,
		Region: v.Region, Location: v.Location, Bandwidth: v.Bandwidth, LoaIssueTime: v.LoaIssueTime, LagID: v.LagID,
		AwsDevice: v.AwsDevice, JumboFrameCapable: v.JumboFrameCapable, AwsDeviceV2: v.AwsDeviceV2,
		AwsLogicalDeviceID: v.AwsLogicalDeviceID, HasLogicalRedundancy: v.HasLogicalRedundancy, Tags: v.Tags,
		ProviderName: v.ProviderName, MacSecCapable: v.MacSecCapable, PortEncryptionStatus: v.PortEncryptionStatus,
		EncryptionMode: v.EncryptionMode, MacSecKeys: v.MacSecKeys,
	}
}

// CreateInterconnect creates a partner's interconnect, in a LAG when lagId
// is given.
func (s *Service) CreateInterconnect(ctx context.Context, caller dx.Caller, in *CreateInterconnectInput) (*dx.Interconnect, error) {
	if _, err := s.requirePartner(caller, "CreateInterconnect"); err != nil {
		return nil, err
	}
	c, lag, router, err := s.createPort(ctx, caller, dx.PortOrder{
		Location: in.Location, Bandwidth: in.Bandwidth, ProviderName: in.ProviderName, Tags: in.Tags,
		RequestMACSec: in.RequestMACSec != nil && *in.RequestMACSec,
	}, in.InterconnectName, in.LagID, true)
	if err != nil {
		return nil, err
	}
	v := interconnectView(s.connectionView(s.fresh(c), lag, router, c.CreatedAt))
	return &v, nil
}

// DescribeInterconnects lists the caller's interconnects in its Region, or
// the one named.
func (s *Service) DescribeInterconnects(ctx context.Context, caller dx.Caller, in *DescribeInterconnectsInput) (*InterconnectsOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &InterconnectsOutput{Interconnects: []dx.Interconnect{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		w := s.world(tx)
		var rows []*dx.ConnectionRecord
		if in.InterconnectID != "" {
			c, err := core.LoadOwned(tx, store.Connections, in.InterconnectID, caller, dx.NotFound("Interconnect", in.InterconnectID, caller.Account, caller.Region),
				func(c *dx.ConnectionRecord) bool { return c.Interconnect && s.Visible(c.DeletedAt, tx.Now) })
			if err != nil {
				return err
			}
			rows = []*dx.ConnectionRecord{c}
		} else if rows, out.NextToken, err = core.Scan(tx, store.Query{Kind: store.Connections, Account: caller.Account, Region: caller.Region}, p,
			func(c *dx.ConnectionRecord) string { return c.ID },
			func(c *dx.ConnectionRecord) bool { return c.Interconnect && s.Visible(c.DeletedAt, tx.Now) }); err != nil {
			return err
		}
		for _, c := range rows {
			v, err := w.connectionView(c)
			if err != nil {
				return err
			}
			out.Interconnects = append(out.Interconnects, interconnectView(v))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteInterconnect deletes an interconnect that hosts no connections.
func (s *Service) DeleteInterconnect(ctx context.Context, caller dx.Caller, in *InterconnectIDInput) (*InterconnectStateOutput, error) {
	var out InterconnectStateOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		c, err := ownInterconnect(tx, caller, in.InterconnectID)
		if err != nil {
			return err
		}
		if err := s.deletePort(tx, c); err != nil {
			return err
		}
		if err := s.doomConnection(tx, c); err != nil {
			return err
		}
		if err := core.SaveConnection(tx, c); err != nil {
			return err
		}
		out.InterconnectState, err = s.world(tx).connectionState(c)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// deletePort deletes a dedicated connection or interconnect: refused while it
// carries virtual interfaces or hosted connections; frees its port; a LAG
// member leaves its LAG.
func (s *Service) deletePort(tx *core.Txn, c *dx.ConnectionRecord) error {
	what := "Connection"
	if c.Interconnect {
		what = "Interconnect"
	}
	if err := checkNoDependents(tx, what, c.ID); err != nil {
		return err
	}
	if err := tx.ReleasePort(c.Device, c.Port); err != nil {
		return err
	}
	c.DeletedAt = tx.Now
	return leaveLag(tx, c, c.DeletedAt, (*dx.LagRecord).ReleaseDeleted)
}

// doomConnection records that connection, interconnect or hosted connection
// c was deleted, for the purge.
func (s *Service) doomConnection(tx store.Tx, c *dx.ConnectionRecord) error {
	return s.Doom(tx, string(store.Connections), c.ID, s.DeletedGone(c.DeletedAt))
}

// DescribeInterconnectLoa returns the LOA-CFA of an interconnect.
func (s *Service) DescribeInterconnectLoa(ctx context.Context, caller dx.Caller, in *DescribeInterconnectLoaInput) (*ConnectionLoaOutput, error) {
	err := s.View(ctx, func(tx *core.Txn) error {
		_, err := ownInterconnect(tx, caller, in.InterconnectID)
		return err
	})
	if err != nil {
		return nil, err
	}
	l, err := s.DescribeLoa(ctx, caller, &DescribeLoaInput{ConnectionID: in.InterconnectID, ProviderName: in.ProviderName, LoaContentType: in.LoaContentType})
	if err != nil {
		return nil, err
	}
	return &ConnectionLoaOutput{Loa: *l}, nil
}
