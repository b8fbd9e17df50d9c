// Package store is dxsim's transactional storage. A Store runs functions in
// transactions: an operation validates everything, then writes inside one
// Update, so it either fully happens or changes nothing. Backends (an
// embedded SQLite file and PostgreSQL) hold rows of JSON documents keyed by
// kind and ID, indexed by owner account, Region and parent, plus the
// physical ports of devices; every backend passes the suite in package
// storetest. The store names no backend: a caller opens one (package
// store/backend chooses by the --data value) and hands it to the server.
// It may import the standard library only; its backends import it.
//
// The contract every backend keeps:
//
//   - Update runs its function in a serializable transaction. The function
//     MAY run more than once: a backend that detects a conflict with a
//     concurrent transaction (another goroutine or another process) rolls
//     back and runs it again. So the function must have no effect outside
//     the transaction other than on values it creates inside the call, and
//     must not keep state from an earlier run (allocate what it fills in
//     inside the function, not before it).
//   - A backend retries a conflict a bounded number of times with
//     randomised, growing backoff; when that bound is reached Update returns
//     an error that matches ErrConflict (errors.Is), which the API answers
//     as ThrottlingException, a 400 the caller may retry.
//   - If the function returns an error, nothing it wrote is kept and Update
//     returns that error unchanged (it is not retried).
//   - Get and Delete of a missing kind and ID return ErrNotFound; List of a
//     query nothing matches returns an empty slice and no error; ClaimPort on
//     a full device returns ErrNoFreePort.
//   - Lookups are indexed: Get by kind and ID; List and Count by kind with
//     any of account, Region and parent, ordered by ID (so a page costs the
//     rows it returns); ClaimPort finds the lowest free port in O(log n) of
//     the device's held ports; PortsInUse is a stored count.
//   - Damaged stored data is an error that matches ErrDamaged. A backend
//     refuses at open what it can tell is damaged (a SQLite file that
//     fails PRAGMA quick_check, a PostgreSQL schema changed outside dxsim),
//     saying what is wrong and how to recover; damage met later is
//     reported by Check (Checker, health.go).
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	gojson "github.com/goccy/go-json"
)

var (
	// ErrNotFound: no row of that kind and ID.
	ErrNotFound = errors.New("store: not found")
	// ErrExists: Insert of a kind and ID that is already there.
	ErrExists = errors.New("store: already exists")
	// ErrNoFreePort: every port of the device is held.
	ErrNoFreePort = errors.New("store: no free port on device")
	// ErrConflict: the transaction kept conflicting with concurrent ones
	// and the backend gave up retrying it; nothing was written.
	ErrConflict = errors.New("store: too many conflicting concurrent transactions")
)

// Kind names a family of rows.
type Kind string

const (
	Connections Kind = "connection"
	Lags        Kind = "lag"
	Secrets     Kind = "secret"
	Agreements  Kind = "agreement"
	// VirtualInterfaces hold virtual interfaces; their parent is the
	// connection, LAG or hosted connection they are on.
	VirtualInterfaces Kind = "vif"
	// Direct Connect gateways are global: their rows have no Region.
	DirectConnectGateways Kind = "dxgw"
	// GatewayAssociations link a Direct Connect gateway (parent) with a
	// virtual private gateway or transit gateway.
	GatewayAssociations Kind = "dxgw-association"
	// GatewayProposals are cross-account association proposals; parent is
	// the Direct Connect gateway.
	GatewayProposals Kind = "dxgw-proposal"
	// ResiliencyGroups group connections for resiliency.
	ResiliencyGroups Kind = "resiliency-group"
	// Faults are the outages of the simulated world and BGP sessions set
	// down by an operator; they have no account or Region.
	Faults Kind = "fault"
	// Traffic are the operator's overrides of the traffic a connection or
	// virtual interface (parent) carries; they have no account or Region.
	Traffic Kind = "traffic"
	// Alarms are CloudWatch metric alarms, keyed by their ARN.
	Alarms Kind = "cw-alarm"
	// EC2 resources: VPCs, virtual private gateways (parent: the VPC they
	// are attached to) and transit gateways.
	Vpcs            Kind = "ec2-vpc"
	VpnGateways     Kind = "ec2-vpn-gateway"
	TransitGateways Kind = "ec2-transit-gateway"
	// Settings are the world's own state, such as its clock; they are not
	// resources and are not exported.
	Settings Kind = "setting"
	// Tombstones index the deleted records by when they leave the store
	// (package core's purge); they are derived from the records, so they
	// are not exported either: an import derives them again.
	Tombstones Kind = "tombstone"
)

// ResourceKinds are the kinds of rows that make up a world's resources and
// faults: all but Settings and Tombstones.
var ResourceKinds = []Kind{Connections, Lags, Secrets, Agreements, VirtualInterfaces, DirectConnectGateways,
	GatewayAssociations, GatewayProposals, ResiliencyGroups, Faults, Traffic, Vpcs, VpnGateways, TransitGateways, Alarms}

// Row is one stored document with the keys it is found by.
type Row struct {
	Kind    Kind   `json:"kind"`
	ID      string `json:"id"`
	Account string `json:"account,omitempty"` // owner account
	Region  string `json:"region,omitempty"`
	Parent  string `json:"parent,omitempty"` // e.g. the LAG a connection belongs to; "" for none
	// Keys are further indexed keys the row is found by (Query.Key), such
	// as a VLAN in use on a connection or the ID of a BGP peer; a key holds
	// no space.
	Keys []string        `json:"keys,omitempty"`
	Body json.RawMessage `json:"body"`
}

// Query selects rows of one kind; empty fields match anything. Rows come
// ordered by ID; After and Limit page through them.
type Query struct {
	Kind    Kind
	Account string
	Region  string
	Parent  string
	Key     string // only rows with this among their Keys
	After   string // only IDs greater than this
	Limit   int    // 0: no limit
}

// Tx is a transaction. Its methods fail once the transaction has ended.
type Tx interface {
	Get(kind Kind, id string) (Row, error)
	Insert(r Row) error // ErrExists if kind and ID are taken
	Put(r Row) error    // insert or replace
	Delete(kind Kind, id string) error
	List(q Query) ([]Row, error) // an empty slice if nothing matches
	// ListBodies is List with only the kind, ID and body of each row set:
	// what decoding records needs, for less than List costs.
	ListBodies(q Query) ([]Row, error)
	// Count counts the rows q selects (After and Limit apply too).
	Count(q Query) (int, error)

	// ClaimPort gives holder the lowest free port (1..ports) of device, or
	// ErrNoFreePort.
	ClaimPort(device string, ports int, holder string) (int, error)
	// ReleasePort frees a port.
	ReleasePort(device string, port int) error
	// PortsInUse counts the held ports of device.
	PortsInUse(device string) (int, error)

	// Dump reads every row and held port.
	Dump() (Snapshot, error)
	// Scan calls row for every row, then port for every held port, in the
	// order of Dump, holding none of them after its call: an export of any
	// size streams through it.
	Scan(row func(Row) error, port func(Port) error) error
	// Restore replaces everything in the store with s.
	Restore(s Snapshot) error
	// Clear deletes every row and held port, for an import that then
	// inserts rows and holds ports one by one.
	Clear() error
	// HoldPort records port p of a device as held by p.Holder, as an
	// import does, keeping the device's free-port map; ErrExists if the
	// port is held already.
	HoldPort(p Port) error
}

// Snapshot is the whole content of a store, for export and import.
type Snapshot struct {
	Rows  []Row  `json:"rows"`
	Ports []Port `json:"ports"`
}

// Port is a held port of a device.
type Port struct {
	Device string `json:"device"`
	Port   int    `json:"port"`
	Holder string `json:"holder"`
}

// Store runs transactions. Update's function may write and may run more
// than once (see the package contract); if it returns an error, nothing it
// wrote is kept. View's function only reads, from one consistent snapshot.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
	View(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// decode decodes a stored body. Bodies are JSON that Encode wrote, so
// they are decoded with goccy/go-json, which reads them several times
// faster than encoding/json (a page of 100 connections decodes 101 of
// them); request bodies, which anyone may send, stay with encoding/json.
func decode(body []byte, v any) error { return gojson.Unmarshal(body, v) }

// Load reads the row kind/id and decodes its body into a new T.
func Load[T any](tx Tx, kind Kind, id string) (*T, error) {
	r, err := tx.Get(kind, id)
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := decode(r.Body, v); err != nil {
		return nil, fmt.Errorf("store: decoding %s %s: %w", kind, id, err)
	}
	return v, nil
}

// LoadAll reads the rows q selects and decodes each body into a T.
func LoadAll[T any](tx Tx, q Query) ([]*T, error) {
	rows, err := tx.ListBodies(q)
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(rows))
	for _, r := range rows {
		v := new(T)
		if err := decode(r.Body, v); err != nil {
			return nil, fmt.Errorf("store: decoding %s %s: %w", r.Kind, r.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// Each decodes the rows q selects, in ID order, page rows at a time, and
// calls fn with each: a walk over any number of rows holds one page.
// q.After starts the walk; q.Limit is ignored.
func Each[T any](tx Tx, q Query, page int, fn func(*T) error) error {
	q.Limit = page
	for {
		rows, err := tx.ListBodies(q)
		if err != nil {
			return err
		}
		for _, r := range rows {
			v := new(T)
			if err := decode(r.Body, v); err != nil {
				return fmt.Errorf("store: decoding %s %s: %w", r.Kind, r.ID, err)
			}
			if err := fn(v); err != nil {
				return err
			}
		}
		if len(rows) < page {
			return nil
		}
		q.After = rows[len(rows)-1].ID
	}
}

// Encode returns r with v as its JSON body.
func Encode(r Row, v any) (Row, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return Row{}, fmt.Errorf("store: encoding %s %s: %w", r.Kind, r.ID, err)
	}
	r.Body = b
	return r, nil
}

// Save stores v as the body of r, inserting or replacing it.
func Save(tx Tx, r Row, v any) error {
	r, err := Encode(r, v)
	if err != nil {
		return err
	}
	return tx.Put(r)
}

// PortMap is how a backend finds a device's lowest free port in O(log n):
// every port from Next up is free, Free lists the free ports below Next,
// and Held counts the held ones.
type PortMap struct {
	Device string
	Next   int
	Held   int
	Free   []int
}

// PortMaps derives the port maps of the devices that hold ports, for a
// backend restoring a snapshot.
func PortMaps(ports []Port) []PortMap {
	held := map[string][]int{}
	var devices []string
	for _, p := range ports {
		if _, ok := held[p.Device]; !ok {
			devices = append(devices, p.Device)
		}
		held[p.Device] = append(held[p.Device], p.Port)
	}
	slices.Sort(devices)
	out := make([]PortMap, 0, len(devices))
	for _, d := range devices {
		ps := held[d]
		slices.Sort(ps)
		m := PortMap{Device: d, Next: ps[len(ps)-1] + 1, Held: len(ps)}
		want := 1
		for _, p := range ps {
			for ; want < p; want++ {
				m.Free = append(m.Free, want)
			}
			want = p + 1
		}
		out = append(out, m)
	}
	return out
}
