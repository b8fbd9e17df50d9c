package core

import (
	"errors"
	"fmt"

	"github.com/dxsim/dxsim/sim"
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
	// CustomerRouter is the customer's router at the far end of every
	// connection: CustomerRouterConfigured (the default: BGP sessions come
	// up and MACsec keys come into force on their own) or
	// CustomerRouterUnconfigured, as on a new AWS connection: sessions stay
	// down, virtual interfaces are down once provisioned, MACsec keys stay
	// associating. It applies to every resource from the moment it
	// changes, and back again when it changes back; real BGP sessions
	// (--bgp) are not overridden by it.
	CustomerRouter string `json:"customerRouter"`
	// UnconfiguredRouter are the spans the router was unconfigured, which
	// states and the event log follow; SaveSettings keeps them in step
	// with CustomerRouter.
	UnconfiguredRouter sim.UnconfiguredRouter `json:"customerRouterUnconfigured,omitempty"`
}

// The values of WorldSettings.CustomerRouter.
const (
	CustomerRouterConfigured   = "configured"
	CustomerRouterUnconfigured = "unconfigured"
)

// CheckCustomerRouter refuses a customerRouter value other than configured
// and unconfigured.
func CheckCustomerRouter(v string) error {
	if v != CustomerRouterConfigured && v != CustomerRouterUnconfigured {
		return fmt.Errorf("customerRouter must be %q or %q, got %q", CustomerRouterConfigured, CustomerRouterUnconfigured, v)
	}
	return nil
}

// worldSetting is the row the world's settings are saved in.
const worldSetting = "world"

// LoadSettings reads the world's settings; a world that never saved any
// has the defaults.
func LoadSettings(tx store.Tx) (WorldSettings, error) {
	ws, err := store.Load[WorldSettings](tx, store.Settings, worldSetting)
	if errors.Is(err, store.ErrNotFound) {
		return WorldSettings{CustomerRouter: CustomerRouterConfigured}, nil
	}
	if err != nil {
		return WorldSettings{}, err
	}
	if ws.CustomerRouter == "" { // saved by a dxsim that had no such setting
		ws.CustomerRouter = CustomerRouterConfigured
	}
	return *ws, nil
}

// SaveSettings saves the world's settings, recording a change of the
// customer router at the transaction's time.
func SaveSettings(tx *Txn, ws WorldSettings) error {
	if err := CheckCustomerRouter(ws.CustomerRouter); err != nil {
		return ControlErrorf(400, "%s", err)
	}
	ws.UnconfiguredRouter = ws.UnconfiguredRouter.Switch(ws.CustomerRouter == CustomerRouterUnconfigured, tx.Now)
	return store.Save(tx, store.Row{Kind: store.Settings, ID: worldSetting}, ws)
}
