package core

import (
	"encoding/json"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// The rows of Direct Connect's records and the store index keys they are
// found by: by owner account and Region, under their parent, and by the
// keys other services look them up by (a gateway's associations and
// interfaces, a MACsec key's holder). They live here, below every service,
// because EC2, Secrets Manager and the operator's import find Direct
// Connect's records by them.

// ConnectionRow is the row of connection c with its keys.
func ConnectionRow(c *dx.ConnectionRecord) store.Row {
	r := store.Row{Kind: store.Connections, ID: c.ID, Account: c.Owner, Region: c.Region, Parent: c.Parent()}
	if !c.Deleted() && !c.Hosted() {
		r.Keys = []string{QuotaKey(c.Owner, c.Region, c.Location, c.Interconnect)}
	}
	if !c.Deleted() {
		r.Keys = append(r.Keys, MacSecKeys(c.MacSecKeys)...)
	}
	return r
}

// QuotaKey is the key of an account's live dedicated connections (or
// interconnects) at a location in a Region: the connections-per-location
// quota counts them in the store, reading no more keys than the quota.
func QuotaKey(account, region, location string, interconnect bool) string {
	what := "dedicated"
	if interconnect {
		what = "interconnect"
	}
	return "quota:" + account + ":" + region + ":" + location + ":" + what
}

// MacSecKey finds the live connection or LAG a MACsec key (the secret of
// arn) is associated with.
func MacSecKey(arn string) string { return "macsec:" + arn }

// MacSecKeys are the keys of the MACsec keys in keys.
func MacSecKeys(keys []dx.KeyLink) []string {
	var out []string
	for _, k := range keys {
		out = append(out, MacSecKey(k.SecretARN))
	}
	return out
}

// VirtualGatewayKey finds the live virtual interfaces attached to a
// virtual private gateway, and the associations of a virtual private or
// transit gateway.
func VirtualGatewayKey(id string) string { return "vgw:" + id }

// BGPPeerKey finds the virtual interface that has a BGP peer.
func BGPPeerKey(peerID string) string { return "bgp-peer:" + peerID }

// LagRow is the row of LAG l with its keys.
func LagRow(l *dx.LagRecord) store.Row {
	r := store.Row{Kind: store.Lags, ID: l.ID, Account: l.Owner, Region: l.Region}
	if !l.Deleted() {
		r.Keys = append([]string{LiveKey(l.Owner, l.Region)}, MacSecKeys(l.MacSecKeys)...)
	}
	return r
}

// GatewayRow is the row of Direct Connect gateway g with its keys.
func GatewayRow(g *dx.DirectConnectGatewayRecord) store.Row {
	r := store.Row{Kind: store.DirectConnectGateways, ID: g.ID, Account: g.Owner}
	if !g.Deleted() {
		r.Keys = []string{LiveKey(g.Owner, "")}
	}
	return r
}

// LiveKey is the key of an account's live LAGs in a Region, or of its live
// Direct Connect gateways (Region ""): their quotas count them in the
// store, however many deleted ones the account has.
func LiveKey(account, region string) string { return "live:" + account + ":" + region }

// VifRow is the row of virtual interface v with its keys.
func VifRow(v *dx.VirtualInterfaceRecord) store.Row {
	r := store.Row{Kind: store.VirtualInterfaces, ID: v.ID, Account: v.Owner, Region: v.Region, Parent: v.ConnectionID}
	for _, p := range v.BGPPeers {
		r.Keys = append(r.Keys, BGPPeerKey(p.ID))
	}
	if v.DirectConnectGatewayID != "" && !v.Deleted() {
		r.Keys = append(r.Keys, GatewayKey(v.DirectConnectGatewayID))
	}
	if v.VirtualGatewayID != "" && !v.Deleted() {
		r.Keys = append(r.Keys, VirtualGatewayKey(v.VirtualGatewayID))
	}
	return r
}

// GatewayKey finds the live virtual interfaces attached to a Direct
// Connect gateway.
func GatewayKey(gatewayID string) string { return "dxgw:" + gatewayID }

// WithKeys returns r with the keys its record is found by, derived from
// its body, for rows of an import, which may predate those keys.
func WithKeys(r store.Row) (store.Row, error) {
	var key store.Row
	switch r.Kind {
	case store.Connections:
		c, err := DecodeRecord[dx.ConnectionRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = ConnectionRow(c)
	case store.VirtualInterfaces:
		v, err := DecodeRecord[dx.VirtualInterfaceRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = VifRow(v)
	case store.Lags:
		l, err := DecodeRecord[dx.LagRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = LagRow(l)
	case store.DirectConnectGateways:
		g, err := DecodeRecord[dx.DirectConnectGatewayRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = GatewayRow(g)
	case store.GatewayAssociations:
		a, err := DecodeRecord[dx.GatewayAssociationRecord](r.Body)
		if err != nil {
			return r, err
		}
		key = AssociationRow(a)
	default:
		return r, nil
	}
	r.Keys = key.Keys
	return r, nil
}

// DecodeRecord decodes a record body of the store.
func DecodeRecord[T any](b []byte) (*T, error) {
	v := new(T)
	return v, json.Unmarshal(b, v)
}

// AssociationRow is how an association is found: by its owner's account
// and Region, under its Direct Connect gateway, and by the virtual private
// or transit gateway it associates.
func AssociationRow(a *dx.GatewayAssociationRecord) store.Row {
	return store.Row{Kind: store.GatewayAssociations, ID: a.ID, Account: a.AssociatedOwner, Region: a.AssociatedRegion, Parent: a.GatewayID,
		Keys: []string{VirtualGatewayKey(a.AssociatedID)}}
}

// AssociationsOf lists the associations of virtual private or transit
// gateway g that are not yet disassociated, each stage lasting delay.
func AssociationsOf(tx store.Tx, delay time.Duration, g *dx.VirtualGatewayRecord, now time.Time) ([]*dx.GatewayAssociationRecord, error) {
	all, err := store.LoadAll[dx.GatewayAssociationRecord](tx, store.Query{Kind: store.GatewayAssociations, Key: VirtualGatewayKey(g.ID)})
	if err != nil {
		return nil, err
	}
	var out []*dx.GatewayAssociationRecord
	for _, a := range all {
		if a.AssociatedID == g.ID && a.StateAt(delay, now) != dx.Disassociated {
			out = append(out, a)
		}
	}
	return out, nil
}

// SaveConnection writes connection c with its keys.
func SaveConnection(tx store.Tx, c *dx.ConnectionRecord) error {
	return store.Save(tx, ConnectionRow(c), c)
}

// SaveLag writes LAG l with its keys.
func SaveLag(tx store.Tx, l *dx.LagRecord) error { return store.Save(tx, LagRow(l), l) }

// SaveVirtualInterface writes virtual interface v with its keys.
func SaveVirtualInterface(tx store.Tx, v *dx.VirtualInterfaceRecord) error {
	return store.Save(tx, VifRow(v), v)
}
