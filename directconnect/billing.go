package directconnect

import (
	"context"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

type UpdateConnectionsBillingModeInput struct {
	ConnectionIDs []string `json:"connectionIds" required:"true"`
	BillingMode   string   `json:"billingMode" required:"true"`
}

type UpdateConnectionsBillingModeOutput struct {
	BillingMode string          `json:"billingMode"`
	Connections []dx.Connection `json:"connections"`
}

// UpdateConnectionsBillingMode sets the billing mode of up to 200 of the
// caller's connections, all or none.
func (s *Service) UpdateConnectionsBillingMode(ctx context.Context, caller dx.Caller, in *UpdateConnectionsBillingModeInput) (*UpdateConnectionsBillingModeOutput, error) {
	if err := dx.CheckRequestBillingMode(in.BillingMode); err != nil {
		return nil, err
	}
	if err := dx.CheckBillingModeConnectionIDs(in.ConnectionIDs); err != nil {
		return nil, err
	}
	out := &UpdateConnectionsBillingModeOutput{BillingMode: in.BillingMode, Connections: []dx.Connection{}}
	err := s.Update(ctx, func(tx *core.Txn) error {
		out.Connections = out.Connections[:0] // from an earlier run of the transaction
		w := s.world(tx)
		conns := make([]*dx.ConnectionRecord, 0, len(in.ConnectionIDs))
		for _, id := range in.ConnectionIDs {
			c, err := ownConnection(tx, caller, id)
			if err != nil {
				return err
			}
			if c.Interconnect {
				return dx.Errorf("%s is an interconnect; UpdateConnectionsBillingMode changes connections", c.ID)
			}
			if err := dx.CheckBillingModeFor(c, in.BillingMode); err != nil {
				return err
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.BillingMode = in.BillingMode
			if err := core.SaveConnection(tx, c); err != nil {
				return err
			}
			v, err := w.connectionView(c)
			if err != nil {
				return err
			}
			out.Connections = append(out.Connections, v)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
