package service

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/store"
)

// A world's state as a whole: reset, export and import. The world's
// settings (its clock) outlive them.

// Reset empties the world: every resource, fault and held port. The clock
// and the configuration stay.
func (s *Service) Reset(ctx context.Context) error {
	return s.update(ctx, func(tx store.Tx) error { return replaceResources(tx, store.Snapshot{}) })
}

// Snapshot is every resource, fault and held port of the world, for export.
func (s *Service) Snapshot(ctx context.Context) (store.Snapshot, error) {
	out := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
	err := s.view(ctx, func(tx store.Tx) error {
		all, err := tx.Dump()
		out.Ports = append(out.Ports, all.Ports...)
		for _, r := range all.Rows {
			if r.Kind != store.Settings {
				out.Rows = append(out.Rows, r)
			}
		}
		return err
	})
	return out, err
}

// Restore replaces the world's resources, faults and ports with snap, an
// export of this or another dxsim world.
func (s *Service) Restore(ctx context.Context, snap store.Snapshot) error {
	if err := checkSnapshot(snap); err != nil {
		return controlErrorf(http.StatusBadRequest, "%s; import only what GET /_dxsim/export wrote", err)
	}
	if err := checkReferences(snap); err != nil {
		return controlErrorf(http.StatusBadRequest, "%s", err)
	}
	return s.update(ctx, func(tx store.Tx) error { return replaceResources(tx, snap) })
}

// records decode the body of each kind of row, to check an import.
var records = map[store.Kind]func([]byte) error{
	store.Connections:           decodes[dx.ConnectionRecord],
	store.Lags:                  decodes[dx.LagRecord],
	store.Secrets:               decodes[dx.SecretRecord],
	store.Agreements:            decodes[dx.AgreementRecord],
	store.VirtualInterfaces:     decodes[dx.VirtualInterfaceRecord],
	store.DirectConnectGateways: decodes[dx.DirectConnectGatewayRecord],
	store.GatewayAssociations:   decodes[dx.GatewayAssociationRecord],
	store.GatewayProposals:      decodes[dx.GatewayProposalRecord],
	store.ResiliencyGroups:      decodes[dx.ResiliencyGroupRecord],
	store.Faults:                decodes[dx.FaultRecord],
	store.Vpcs:                  decodes[ec2.VpcRecord],
	store.VpnGateways:           decodes[ec2.VpnGatewayRecord],
	store.TransitGateways:       decodes[ec2.TransitGatewayRecord],
}

func decodes[T any](b []byte) error { return json.Unmarshal(b, new(T)) }

// checkSnapshot refuses rows that are not dxsim records and rows or ports
// that appear twice.
func checkSnapshot(snap store.Snapshot) error {
	rows := map[[2]string]bool{}
	for _, r := range snap.Rows {
		decode, ok := records[r.Kind]
		if !ok || r.ID == "" {
			return fmt.Errorf("the export holds a row that is not a dxsim record (kind %q, id %q)", short(string(r.Kind)), short(r.ID))
		}
		if err := decode(r.Body); err != nil || r.Body[0] != '{' {
			return fmt.Errorf("the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
		}
		key := [2]string{string(r.Kind), r.ID}
		if rows[key] {
			return fmt.Errorf("the export holds %s %s twice", r.Kind, short(r.ID))
		}
		rows[key] = true
	}
	ports := map[store.Port]bool{}
	for _, p := range snap.Ports {
		if p.Device == "" || p.Port < 1 || p.Holder == "" {
			return fmt.Errorf("the export holds a port that is not valid (device %q, port %d, holder %q)", short(p.Device), p.Port, short(p.Holder))
		}
		held := store.Port{Device: p.Device, Port: p.Port}
		if ports[held] {
			return fmt.Errorf("the export holds port %d of %s twice", p.Port, short(p.Device))
		}
		ports[held] = true
	}
	return nil
}

// replaceResources restores snap, keeping the world's settings.
func replaceResources(tx store.Tx, snap store.Snapshot) error {
	settings, err := tx.List(store.Query{Kind: store.Settings})
	if err != nil {
		return err
	}
	snap.Rows = append(slices.Clip(snap.Rows), settings...)
	return tx.Restore(snap)
}
