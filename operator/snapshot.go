package operator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/dxsim/dxsim/cloudwatch"
	"net/http"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/store"
)

// A world's state as a whole: reset, export and import. The world's
// settings (its clock) outlive them. The tombstones of deleted records
// (core.Purge) are not exported: an import derives them from its rows.

// exported reports whether rows of kind are part of an export: resources
// and faults, not the world's settings or the tombstones derived from its
// records.
func exported(kind store.Kind) bool { return kind != store.Settings && kind != store.Tombstones }

// Reset empties the world: every resource, fault and held port. The clock
// and the configuration stay.
func (s *Controls) Reset(ctx context.Context) error {
	return s.Update(ctx, func(tx *core.Txn) error { return s.replaceResources(tx, store.Snapshot{}) })
}

// Snapshot is every resource, fault and held port of the world, for export.
func (s *Controls) Snapshot(ctx context.Context) (store.Snapshot, error) {
	out := store.Snapshot{Rows: []store.Row{}, Ports: []store.Port{}}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := tx.Dump()
		out.Ports = append(out.Ports, all.Ports...)
		for _, r := range all.Rows {
			if exported(r.Kind) {
				out.Rows = append(out.Rows, r)
			}
		}
		return err
	})
	return out, err
}

// Export streams every resource, fault and held port of the world, as
// Snapshot returns them, to row and port in one read transaction, holding
// none of them: a world of any size exports in constant memory.
func (s *Controls) Export(ctx context.Context, row func(store.Row) error, port func(store.Port) error) error {
	sent := false
	return s.View(ctx, func(tx *core.Txn) error {
		if sent {
			// What was sent cannot be taken back to run again.
			return errors.New("the export was interrupted by a conflicting transaction; export again")
		}
		return tx.Scan(func(r store.Row) error {
			if !exported(r.Kind) {
				return nil
			}
			sent = true
			return row(r)
		}, func(p store.Port) error {
			sent = true
			return port(p)
		})
	})
}

// Restore replaces the world's resources, faults and ports with snap, an
// export of this or another dxsim world.
func (s *Controls) Restore(ctx context.Context, snap store.Snapshot) error {
	if err := checkSnapshot(snap); err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "%s; import only what GET /_dxsim/export wrote", err)
	}
	if err := checkReferences(snap); err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "%s", err)
	}
	return s.Update(ctx, func(tx *core.Txn) error { return s.replaceResources(tx, snap) })
}

// RestoreFrom replaces the world's resources, faults and ports with an
// export that read streams, row by row and port by port, so that a world
// of any size imports without being held in memory: it loads the rows and
// ports, then reads the export again to check its references against the
// rows loaded, and a broken one rolls everything back. read is called
// twice for each run of the transaction (which may run more than once): it
// must read the export from its start each time.
func (s *Controls) RestoreFrom(ctx context.Context, read func(row func(store.Row) error, port func(store.Port) error) error) error {
	return s.Update(ctx, func(tx *core.Txn) error {
		if err := clearKeepingSettings(tx); err != nil {
			return err
		}
		ld := newImportLoader(tx.Tx, s.Tombstones)
		err := read(ld.row, ld.port)
		if err == nil && ld.bulk != nil {
			err = ld.flush()
		}
		if err != nil {
			return err
		}
		if err := core.MarkTombstoned(tx); err != nil {
			return err
		}
		if err := core.CountFaults(tx); err != nil {
			return err
		}
		return checkLoaded(ctx, tx, read)
	})
}

// clearKeepingSettings empties the world but for its settings (its clock),
// which outlive an import.
func clearKeepingSettings(tx store.Tx) error {
	settings, err := tx.List(store.Query{Kind: store.Settings})
	if err != nil {
		return err
	}
	if err := tx.Clear(); err != nil {
		return err
	}
	for _, r := range settings {
		if err := tx.Insert(r); err != nil {
			return err
		}
	}
	return nil
}

// importBatch is how many rows, or ports, an importLoader loads in one
// bulk call.
const importBatch = 2000

// importLoader loads the rows and ports of a streamed export into one run
// of RestoreFrom's transaction, with the tombstones of its deleted records:
// in batches if the backend loads in bulk, one by one if not. A row or port
// held twice is refused, naming it (or, in bulk, the batch it is in).
type importLoader struct {
	tx    store.Tx
	tombs func(store.Row) ([]store.Row, error)
	bulk  bulkLoader // nil if the backend does not load in bulk
	rows  []store.Row
	ports []store.Port
}

func newImportLoader(tx store.Tx, tombs func(store.Row) ([]store.Row, error)) *importLoader {
	bulk, _ := core.Backend(tx).(bulkLoader)
	return &importLoader{tx: tx, tombs: tombs, bulk: bulk}
}

// row checks that r is a dxsim record, derives the keys it is found by and
// loads it.
func (ld *importLoader) row(r store.Row) error {
	if err := checkRow(r); err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "%s; import only what GET /_dxsim/export wrote", err)
	}
	r, err := core.WithKeys(r)
	if err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
	}
	tombs, err := ld.tombs(r)
	if err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
	}
	if ld.bulk != nil {
		if ld.rows = append(append(ld.rows, r), tombs...); len(ld.rows) >= importBatch {
			return ld.flush()
		}
		return nil
	}
	if err := ld.tx.Insert(r); errors.Is(err, store.ErrExists) {
		return core.ControlErrorf(http.StatusBadRequest, "the export holds %s %s twice; import only what GET /_dxsim/export wrote", r.Kind, r.ID)
	} else if err != nil {
		return err
	}
	for _, t := range tombs {
		if err := ld.tx.Put(t); err != nil {
			return err
		}
	}
	return nil
}

// port checks that p is valid and loads it. In bulk, the rows batched so
// far are loaded before it.
func (ld *importLoader) port(p store.Port) error {
	if p.Device == "" || p.Port < 1 || p.Holder == "" {
		return core.ControlErrorf(http.StatusBadRequest, "the export holds a port that is not valid (%+v); import only what GET /_dxsim/export wrote", p)
	}
	if ld.bulk != nil {
		if len(ld.rows) > 0 {
			if err := ld.flush(); err != nil {
				return err
			}
		}
		if ld.ports = append(ld.ports, p); len(ld.ports) == importBatch {
			return ld.flush()
		}
		return nil
	}
	if err := ld.tx.HoldPort(p); errors.Is(err, store.ErrExists) {
		return core.ControlErrorf(http.StatusBadRequest, "the export holds port %d of %s twice; import only what GET /_dxsim/export wrote", p.Port, p.Device)
	} else if err != nil {
		return err
	}
	return nil
}

// flush loads the rows and ports batched so far in bulk. A row or port
// held twice is refused naming the first and last of its batch: the bulk
// load does not say which.
func (ld *importLoader) flush() error {
	if len(ld.rows) > 0 {
		rows := ld.rows
		if err := ld.bulk.InsertRows(rows); errors.Is(err, store.ErrExists) {
			return core.ControlErrorf(http.StatusBadRequest, "the export holds one of the rows %s %s to %s %s twice; import only what GET /_dxsim/export wrote",
				rows[0].Kind, rows[0].ID, rows[len(rows)-1].Kind, rows[len(rows)-1].ID)
		} else if err != nil {
			return err
		}
		ld.rows = ld.rows[:0]
	}
	if len(ld.ports) > 0 {
		ports := ld.ports
		if err := ld.bulk.HoldPorts(ports); errors.Is(err, store.ErrExists) {
			return core.ControlErrorf(http.StatusBadRequest, "the export holds one of the ports %d of %s to %d of %s twice; import only what GET /_dxsim/export wrote",
				ports[0].Port, ports[0].Device, ports[len(ports)-1].Port, ports[len(ports)-1].Device)
		} else if err != nil {
			return err
		}
		ld.ports = ld.ports[:0]
	}
	return nil
}

// bulkLoader is a backend that loads an import in batches (PostgreSQL's
// COPY): a transaction's optional capability, found by type assertion.
type bulkLoader interface {
	InsertRows(rows []store.Row) error  // store.ErrExists if any kind and ID is taken
	HoldPorts(ports []store.Port) error // store.ErrExists if any port is held
}

// checkRow refuses a row that is not a dxsim record.
func checkRow(r store.Row) error {
	decode, ok := records[r.Kind]
	if !ok || r.ID == "" {
		return fmt.Errorf("the export holds a row that is not a dxsim record (kind %q, id %q)", short(string(r.Kind)), short(r.ID))
	}
	if err := decode(r.Body); err != nil || len(r.Body) == 0 || r.Body[0] != '{' {
		return fmt.Errorf("the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
	}
	return nil
}

// records decode the body of each kind of row, to check an import.
var records = map[store.Kind]func([]byte) error{
	store.Connections:           decodes[dx.ConnectionRecord],
	store.Lags:                  decodes[dx.LagRecord],
	store.Secrets:               decodes[secretsmanager.SecretRecord],
	store.Agreements:            decodes[dx.AgreementRecord],
	store.VirtualInterfaces:     decodes[dx.VirtualInterfaceRecord],
	store.DirectConnectGateways: decodes[dx.DirectConnectGatewayRecord],
	store.GatewayAssociations:   decodes[dx.GatewayAssociationRecord],
	store.GatewayProposals:      decodes[dx.GatewayProposalRecord],
	store.ResiliencyGroups:      decodes[dx.ResiliencyGroupRecord],
	store.Faults:                decodes[dx.FaultRecord],
	store.Traffic:               decodes[dx.TrafficRecord],
	store.Alarms:                decodes[cloudwatch.AlarmRecord],
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

// replaceResources restores snap, with the tombstones of its deleted
// records, keeping the world's settings.
func (s *Controls) replaceResources(tx store.Tx, snap store.Snapshot) error {
	settings, err := tx.List(store.Query{Kind: store.Settings})
	if err != nil {
		return err
	}
	rows := make([]store.Row, 0, len(snap.Rows)+len(settings))
	for _, r := range snap.Rows {
		if r, err = core.WithKeys(r); err != nil {
			return fmt.Errorf("the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
		}
		tombs, err := s.Tombstones(r)
		if err != nil {
			return fmt.Errorf("the body of %s %s is not a dxsim record: %s", r.Kind, short(r.ID), short(fmt.Sprint(err)))
		}
		rows = append(append(rows, r), tombs...)
	}
	snap.Rows = append(rows, settings...)
	if err := tx.Restore(snap); err != nil {
		return err
	}
	if err := core.MarkTombstoned(tx); err != nil {
		return err
	}
	return core.CountFaults(tx)
}

// keysVersion numbers the set of keys records are found by (core.WithKeys);
// it goes up when a kind gains a key. A world saved with an older version,
// or with none (an older dxsim's), is reindexed when it is opened.
const keysVersion = 3

// keysSetting is the row the world's keys version is saved in.
const keysSetting = "row-keys"

type keysState struct {
	Version int `json:"version"`
}

// EnsureKeys reindexes the world if its records were saved with older
// keys than this dxsim finds them by, and counts its faults if no count
// was saved with it (core.EnsureFaultCount). Processes opening one world
// together may both reindex: reindexing is idempotent.
func (s *Controls) EnsureKeys(ctx context.Context) error {
	if err := s.EnsureFaultCount(ctx); err != nil {
		return err
	}
	var have keysState
	err := s.Store.View(ctx, func(tx store.Tx) error {
		r, err := tx.Get(store.Settings, keysSetting)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(r.Body, &have)
	})
	if err != nil || have.Version >= keysVersion {
		return err
	}
	if err := s.reindex(ctx); err != nil {
		return err
	}
	return s.Store.Update(ctx, func(tx store.Tx) error {
		return store.Save(tx, store.Row{Kind: store.Settings, ID: keysSetting}, keysState{Version: keysVersion})
	})
}

// reindex derives again the keys every record is found by and saves them.
// It runs in pages, one transaction each.
func (s *Controls) reindex(ctx context.Context) error {
	for _, kind := range []store.Kind{store.Connections, store.VirtualInterfaces, store.Lags, store.DirectConnectGateways, store.GatewayAssociations} {
		after := ""
		for {
			var n int
			var last string
			err := s.Store.Update(ctx, func(tx store.Tx) error {
				rows, err := tx.List(store.Query{Kind: kind, After: after, Limit: 500})
				if err != nil {
					return err
				}
				n = len(rows)
				for _, r := range rows {
					if r, err = core.WithKeys(r); err != nil {
						return fmt.Errorf("reindexing %s %s: %w", r.Kind, r.ID, err)
					}
					if err := tx.Put(r); err != nil {
						return err
					}
					last = r.ID
				}
				return nil
			})
			if err != nil {
				return err
			}
			after = last
			if n < 500 {
				break
			}
		}
	}
	return nil
}
