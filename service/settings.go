package service

import (
	"context"
	"errors"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// WorldSettings are settings of the simulated world that change what its
// resources do. They are saved with the world, like its clock, so every
// dxsim process serving one database applies the same ones; reset, export
// and import leave them as they are.
type WorldSettings struct {
	// AutoCrossConnect makes the cross-connect of a dedicated connection or
	// interconnect arrive without an LOA-CFA download: it is ordered when
	// the connection is created, so the connection is pending after the
	// cross-connect delay and available after the pending delay. It applies
	// to connections created while it is on; each one records that, so its
	// history does not change when the setting does. Off by default: on
	// AWS, nothing happens until someone takes the LOA to the colocation
	// provider.
	AutoCrossConnect bool `json:"autoCrossConnect"`
}

// worldSetting is the row the world's settings are saved in.
const worldSetting = "world"

// Settings answers the world's settings.
func (s *Service) Settings(ctx context.Context) (WorldSettings, error) {
	var out WorldSettings
	err := s.view(ctx, func(tx *txn) error {
		var err error
		out, err = loadSettings(tx)
		return err
	})
	return out, err
}

// ChangeSettings applies change to the world's settings and saves them.
func (s *Service) ChangeSettings(ctx context.Context, change func(*WorldSettings)) (WorldSettings, error) {
	var out WorldSettings
	err := s.update(ctx, func(tx *txn) error {
		ws, err := loadSettings(tx)
		if err != nil {
			return err
		}
		change(&ws)
		out = ws
		return store.Save(tx, store.Row{Kind: store.Settings, ID: worldSetting}, ws)
	})
	return out, err
}

// loadSettings reads the world's settings; a world that never saved any
// has the defaults.
func loadSettings(tx store.Tx) (WorldSettings, error) {
	ws, err := store.Load[WorldSettings](tx, store.Settings, worldSetting)
	if errors.Is(err, store.ErrNotFound) {
		return WorldSettings{}, nil
	}
	if err != nil {
		return WorldSettings{}, err
	}
	return *ws, nil
}

// orderCrossConnect orders the cross-connect of a new dedicated connection
// or interconnect at its creation when the world's AutoCrossConnect setting
// is on. It sets the stamp either way, since a store may run the
// transaction again after the setting changed.
func orderCrossConnect(tx store.Tx, c *dx.ConnectionRecord) error {
	ws, err := loadSettings(tx)
	if err != nil {
		return err
	}
	c.CrossConnectOrderedAt = time.Time{}
	if ws.AutoCrossConnect {
		c.CrossConnectOrderedAt = c.CreatedAt
	}
	return nil
}
