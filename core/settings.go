package core

import (
	"errors"

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

// LoadSettings reads the world's settings; a world that never saved any
// has the defaults.
func LoadSettings(tx store.Tx) (WorldSettings, error) {
	ws, err := store.Load[WorldSettings](tx, store.Settings, worldSetting)
	if errors.Is(err, store.ErrNotFound) {
		return WorldSettings{}, nil
	}
	if err != nil {
		return WorldSettings{}, err
	}
	return *ws, nil
}

// SaveSettings saves the world's settings.
func SaveSettings(tx store.Tx, ws WorldSettings) error {
	return store.Save(tx, store.Row{Kind: store.Settings, ID: worldSetting}, ws)
}
