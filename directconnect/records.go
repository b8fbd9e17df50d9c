package directconnect

import (
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// ownConnection loads a connection the caller owns in its Region; anything
// else, deleted ones included, is "not found" for that caller.
func ownConnection(tx store.Tx, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	return core.LoadOwned(tx, store.Connections, id, caller, dx.ConnectionNotFound(id, caller.Account, caller.Region), core.Live[*dx.ConnectionRecord])
}

// visibleConnection loads a connection the caller may act on: one it owns,
// or a hosted connection it allocated as the partner.
func visibleConnection(tx store.Tx, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	return core.LoadIf(tx, store.Connections, id, dx.ConnectionNotFound(id, caller.Account, caller.Region), func(c *dx.ConnectionRecord) bool {
		return core.OwnsOrShares(caller, c) && !c.Deleted()
	})
}

// ownLag loads a LAG the caller owns in its Region, as ownConnection does.
func ownLag(tx store.Tx, caller dx.Caller, id string) (*dx.LagRecord, error) {
	return core.LoadOwned(tx, store.Lags, id, caller, dx.LagNotFound(id, caller.Account, caller.Region), core.Live[*dx.LagRecord])
}

// LagMembers lists the physical member connections of a LAG.
func LagMembers(tx store.Tx, lagID string) ([]*dx.ConnectionRecord, error) {
	all, err := store.LoadAll[dx.ConnectionRecord](tx, store.Query{Kind: store.Connections, Parent: lagID})
	if err != nil {
		return nil, err
	}
	members := all[:0]
	for _, c := range all {
		if !c.Hosted() && !c.Deleted() {
			members = append(members, c)
		}
	}
	return members, nil
}

// Dependents that keep a connection or LAG from being deleted: virtual
// interfaces on it, and hosted connections carved out of it (rows of
// VirtualInterfaces and hosted Connections whose parent is its ID).
func checkNoDependents(tx store.Tx, what, id string) error {
	vifs, err := vifsOn(tx, id)
	if err != nil {
		return err
	}
	if len(vifs) > 0 {
		return dx.Errorf("%s %s has virtual interfaces (for example %s); delete them or associate them with another connection or LAG first", what, id, vifs[0].ID)
	}
	children, err := store.LoadAll[dx.ConnectionRecord](tx, store.Query{Kind: store.Connections, Parent: id})
	if err != nil {
		return err
	}
	for _, c := range children {
		if c.Hosted() && !c.Deleted() {
			return dx.Errorf("%s %s has hosted connections (for example %s); delete them or move them to another interconnect or LAG first", what, id, c.ID)
		}
	}
	return nil
}

// vifsOn lists the live virtual interfaces on a connection, LAG or hosted
// connection.
func vifsOn(tx store.Tx, parent string) ([]*dx.VirtualInterfaceRecord, error) {
	all, err := store.LoadAll[dx.VirtualInterfaceRecord](tx, store.Query{Kind: store.VirtualInterfaces, Parent: parent})
	if err != nil {
		return nil, err
	}
	live := all[:0]
	for _, v := range all {
		if !v.Deleted() {
			live = append(live, v)
		}
	}
	return live, nil
}
