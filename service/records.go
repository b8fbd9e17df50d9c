package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Typed access to the records of the store. The keys say how each kind of
// record is found: by owner account and Region, and under its parent.

func connectionKey(c *dx.ConnectionRecord) store.Row {
	r := store.Row{Kind: store.Connections, ID: c.ID, Account: c.Owner, Region: c.Region, Parent: c.Parent()}
	if !c.Deleted() && !c.Hosted() {
		r.Keys = []string{quotaKey(c.Owner, c.Region, c.Location, c.Interconnect)}
	}
	if !c.Deleted() {
		r.Keys = append(r.Keys, macSecKeys(c.MacSecKeys)...)
	}
	return r
}

// quotaKey is the key of an account's live dedicated connections (or
// interconnects) at a location in a Region: the connections-per-location
// quota counts them in the store, reading no more keys than the quota.
func quotaKey(account, region, location string, interconnect bool) string {
	what := "dedicated"
	if interconnect {
		what = "interconnect"
	}
	return "quota:" + account + ":" + region + ":" + location + ":" + what
}

// macSecKey finds the live connection or LAG a MACsec key (the secret of
// arn) is associated with.
func macSecKey(arn string) string { return "macsec:" + arn }

func macSecKeys(keys []dx.KeyLink) []string {
	var out []string
	for _, k := range keys {
		out = append(out, macSecKey(k.SecretARN))
	}
	return out
}

// virtualGatewayKey finds the live virtual interfaces attached to a
// virtual private gateway, and the associations of a virtual private or
// transit gateway.
func virtualGatewayKey(id string) string { return "vgw:" + id }

// bgpPeerKey finds the virtual interface that has a BGP peer.
func bgpPeerKey(peerID string) string { return "bgp-peer:" + peerID }

func lagKey(l *dx.LagRecord) store.Row {
	r := store.Row{Kind: store.Lags, ID: l.ID, Account: l.Owner, Region: l.Region}
	if !l.Deleted() {
		r.Keys = append([]string{liveKey(l.Owner, l.Region)}, macSecKeys(l.MacSecKeys)...)
	}
	return r
}

func gatewayRow(g *dx.DirectConnectGatewayRecord) store.Row {
	r := store.Row{Kind: store.DirectConnectGateways, ID: g.ID, Account: g.Owner}
	if !g.Deleted() {
		r.Keys = []string{liveKey(g.Owner, "")}
	}
	return r
}

// liveKey is the key of an account's live LAGs in a Region, or of its live
// Direct Connect gateways (Region ""): their quotas count them in the
// store, however many deleted ones the account has.
func liveKey(account, region string) string { return "live:" + account + ":" + region }

func vifKey(v *dx.VirtualInterfaceRecord) store.Row {
	r := store.Row{Kind: store.VirtualInterfaces, ID: v.ID, Account: v.Owner, Region: v.Region, Parent: v.ConnectionID}
	for _, p := range v.BGPPeers {
		r.Keys = append(r.Keys, bgpPeerKey(p.ID))
	}
	if v.DirectConnectGatewayID != "" && !v.Deleted() {
		r.Keys = append(r.Keys, gatewayKey(v.DirectConnectGatewayID))
	}
	if v.VirtualGatewayID != "" && !v.Deleted() {
		r.Keys = append(r.Keys, virtualGatewayKey(v.VirtualGatewayID))
	}
	return r
}

// gatewayKey finds the live virtual interfaces attached to a Direct
// Connect gateway.
func gatewayKey(gatewayID string) string { return "dxgw:" + gatewayID }

// withKeys returns r with the keys its record is found by, derived from
// its body, for rows of an import, which may predate those keys.
func withKeys(r store.Row) (store.Row, error) {
	var key store.Row
	switch r.Kind {
	case store.Connections:
		c, err := decodeRecord[dx.ConnectionRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = connectionKey(c)
	case store.VirtualInterfaces:
		v, err := decodeRecord[dx.VirtualInterfaceRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = vifKey(v)
	case store.Lags:
		l, err := decodeRecord[dx.LagRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = lagKey(l)
	case store.DirectConnectGateways:
		g, err := decodeRecord[dx.DirectConnectGatewayRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = gatewayRow(g)
	case store.GatewayAssociations:
		a, err := decodeRecord[dx.GatewayAssociationRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = associationKey(a)
	default:
		return r, nil
	}
	r.Keys = key.Keys
	return r, nil
}

func decodeRecord[T any](b []byte) (*T, error) {
	v := new(T)
	return v, json.Unmarshal(b, v)
}

func putConnection(tx store.Tx, c *dx.ConnectionRecord) error {
	return store.Save(tx, connectionKey(c), c)
}

func putLag(tx store.Tx, l *dx.LagRecord) error {
	return store.Save(tx, lagKey(l), l)
}

// insertWithNewID draws an ID, has row make the record's row with it, and
// inserts it under the store's uniqueness constraint. IDs are 36^8 strong,
// so a second draw is rare and a third practically never happens.
func insertWithNewID(tx store.Tx, prefix string, row func(id string) (store.Row, error)) (string, error) {
	for range 5 {
		id := dx.NewID(prefix)
		r, err := row(id)
		if err != nil {
			return "", err
		}
		if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
			return id, err
		}
	}
	return "", fmt.Errorf("could not draw a unique %s ID", prefix)
}

// freeID draws IDs with prefix until one is not taken in kind, for a
// record that needs its ID before it is written whole.
func freeID(tx store.Tx, kind store.Kind, prefix string) (string, error) {
	for range 5 {
		id := dx.NewID(prefix)
		if _, err := tx.Get(kind, id); !errors.Is(err, store.ErrNotFound) {
			if err == nil {
				continue
			}
			return "", err
		}
		return id, nil
	}
	return "", fmt.Errorf("could not draw a unique %s ID", prefix)
}

// owned is a record that belongs to one account, in one Region ("" for
// global records such as Direct Connect gateways).
type owned interface {
	OwnedBy() (account, region string)
}

// loadIf loads record kind/id if may accepts it; a missing record and one
// may refuses both answer missing, so the answer says nothing about other
// accounts' resources.
func loadIf[T any](tx store.Tx, kind store.Kind, id string, missing error, may func(*T) bool) (*T, error) {
	r, err := store.Load[T](tx, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, missing
	}
	if err != nil {
		return nil, err
	}
	if !may(r) {
		return nil, missing
	}
	return r, nil
}

// loadOwned loads record kind/id of the caller's account (and Region, for a
// regional record) that shown accepts (nil: every one); anything else is
// missing. It is the one place that decides whether a caller owns a record.
func loadOwned[T any, P interface {
	*T
	owned
}](tx store.Tx, kind store.Kind, id string, caller dx.Caller, missing error, shown func(P) bool) (P, error) {
	return loadIf(tx, kind, id, missing, func(r *T) bool {
		return owns(caller, P(r)) && (shown == nil || shown(P(r)))
	})
}

// owns reports whether caller owns r: same account, and same Region for a
// regional record.
func owns(caller dx.Caller, r owned) bool {
	account, region := r.OwnedBy()
	return account == caller.Account && (region == "" || region == caller.Region)
}

// live accepts records that are not deleted.
func live[P interface{ Deleted() bool }](r P) bool { return !r.Deleted() }

// ownConnection loads a connection the caller owns in its Region; anything
// else, deleted ones included, is "not found" for that caller.
func ownConnection(tx store.Tx, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	return loadOwned(tx, store.Connections, id, caller, dx.ConnectionNotFound(id, caller.Account, caller.Region), live[*dx.ConnectionRecord])
}

// visibleConnection loads a connection the caller may act on: one it owns,
// or a hosted connection it allocated as the partner.
func visibleConnection(tx store.Tx, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	return loadIf(tx, store.Connections, id, dx.ConnectionNotFound(id, caller.Account, caller.Region), func(c *dx.ConnectionRecord) bool {
		mine := c.Owner == caller.Account || c.Hosted() && c.Partner == caller.Account
		return mine && c.Region == caller.Region && !c.Deleted()
	})
}

// ownLag loads a LAG the caller owns in its Region, as ownConnection does.
func ownLag(tx store.Tx, caller dx.Caller, id string) (*dx.LagRecord, error) {
	return loadOwned(tx, store.Lags, id, caller, dx.LagNotFound(id, caller.Account, caller.Region), live[*dx.LagRecord])
}

// lagMembers lists the physical member connections of a LAG.
func lagMembers(tx store.Tx, lagID string) ([]*dx.ConnectionRecord, error) {
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

func putVIF(tx store.Tx, v *dx.VirtualInterfaceRecord) error {
	return store.Save(tx, vifKey(v), v)
}
