package operator

import (
	"context"

	"github.com/dxsim/dxsim/core"
)

// Settings answers the world's settings.
func (s *Controls) Settings(ctx context.Context) (core.WorldSettings, error) {
	var out core.WorldSettings
	err := s.View(ctx, func(tx *core.Txn) error {
		var err error
		out, err = core.LoadSettings(tx)
		return err
	})
	return out, err
}

// ChangeSettings applies change to the world's settings and saves them; a
// change of the customer router takes effect at the transaction's time.
func (s *Controls) ChangeSettings(ctx context.Context, change func(*core.WorldSettings)) (core.WorldSettings, error) {
	var out core.WorldSettings
	err := s.Update(ctx, func(tx *core.Txn) error {
		ws, err := core.LoadSettings(tx)
		if err != nil {
			return err
		}
		change(&ws)
		if err := core.SaveSettings(tx, ws); err != nil {
			return err
		}
		out, err = core.LoadSettings(tx)
		return err
	})
	return out, err
}
