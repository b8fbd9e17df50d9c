package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
)

// countingStore notes every call its transactions make of the store.Tx
// interface: each is one statement (or more, on some backends) and, on
// PostgreSQL, a round trip.
type countingStore struct {
	dxsimtest.WrappedStore
	mu    sync.Mutex
	calls []string
}

// newCountingStore counts the calls of Counted requests.
func newCountingStore() *countingStore {
	s := &countingStore{}
	s.Wrap = func(tx store.Tx) store.Tx { return &countingTx{Tx: tx, s: s} }
	return s
}

func (s *countingStore) note(call string) {
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.mu.Unlock()
}

// take returns the calls noted since the last take and forgets them.
func (s *countingStore) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.calls
	s.calls = nil
	return out
}

type countingTx struct {
	store.Tx
	s *countingStore
}

func (t *countingTx) Get(kind store.Kind, id string) (store.Row, error) {
	t.s.note(fmt.Sprintf("Get %s %s", kind, id))
	return t.Tx.Get(kind, id)
}

func (t *countingTx) Insert(r store.Row) error {
	t.s.note(fmt.Sprintf("Insert %s %s", r.Kind, r.ID))
	return t.Tx.Insert(r)
}

func (t *countingTx) Put(r store.Row) error {
	t.s.note(fmt.Sprintf("Put %s %s", r.Kind, r.ID))
	return t.Tx.Put(r)
}

func (t *countingTx) Delete(kind store.Kind, id string) error {
	t.s.note(fmt.Sprintf("Delete %s %s", kind, id))
	return t.Tx.Delete(kind, id)
}

func (t *countingTx) List(q store.Query) ([]store.Row, error) {
	t.s.note(fmt.Sprintf("List %+v", q))
	return t.Tx.List(q)
}

func (t *countingTx) ListBodies(q store.Query) ([]store.Row, error) {
	t.s.note(fmt.Sprintf("ListBodies %+v", q))
	return t.Tx.ListBodies(q)
}

func (t *countingTx) Count(q store.Query) (int, error) {
	t.s.note(fmt.Sprintf("Count %+v", q))
	return t.Tx.Count(q)
}

func (t *countingTx) ClaimPort(device string, ports int, holder string) (int, error) {
	t.s.note(fmt.Sprintf("ClaimPort %s %s", device, holder))
	return t.Tx.ClaimPort(device, ports, holder)
}

func (t *countingTx) ReleasePort(device string, port int) error {
	t.s.note(fmt.Sprintf("ReleasePort %s %d", device, port))
	return t.Tx.ReleasePort(device, port)
}

func (t *countingTx) PortsInUse(device string) (int, error) {
	t.s.note("PortsInUse " + device)
	return t.Tx.PortsInUse(device)
}

// TestStatementsPerOperation counts the store calls of the operations a
// client sends most, on a warm world of the benchmarks' catalog, and holds
// each to the count it has: a change that adds a statement (a round trip on
// PostgreSQL) to one of them fails here and says which.
func TestStatementsPerOperation(t *testing.T) {
	counting := newCountingStore()
	dir := t.TempDir()
	catalog := dxsimtest.BenchCatalogFile(t)
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.LocationsFile = catalog
		cfg.DataPath = filepath.Join(dir, "dxsim.db")
		cfg.Clock = nil // the world's own clock, as dxsim serve runs
		cfg.OpenStore = func(data string) (store.Store, error) {
			st, err := backend.Open(data)
			counting.Store = st
			return counting, err
		}
	})
	h := w.Server.Handler()
	do := func(op, body string) ([]byte, []string) {
		t.Helper()
		counting.take()
		rec := dxsimtest.CallHandler(dxsimtest.Counted(context.Background()), h, op, body)
		calls := counting.take()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s answered %d: %s", op, rec.Code, rec.Body.Bytes())
		}
		return rec.Body.Bytes(), calls
	}
	// Warm up: the first create of a world writes its settings.
	do("CreateConnection", benchCreateBody)

	var made struct{ ConnectionID string }
	out, created := do("CreateConnection", `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"bench","tags":[{"key":"env","value":"bench"}]}`)
	if err := json.Unmarshal(out, &made); err != nil {
		t.Fatal(err)
	}
	_, lag := do("CreateLag", benchCreateLagBody)
	_, page := do("DescribeConnections", benchDescribeBody)
	_, one := do("DescribeConnections", `{"connectionId":"`+made.ConnectionID+`"}`)
	_, tags := do("DescribeTags", `{"resourceArns":["arn:aws:directconnect:us-east-1:`+dxsimtest.Account+`:dxcon/`+made.ConnectionID+`"]}`)
	out, _ = do("CreateDirectConnectGateway", `{"directConnectGatewayName":"g"}`)
	var g struct {
		DirectConnectGateway struct{ DirectConnectGatewayID string }
	}
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	out, _ = do("CreatePrivateVirtualInterface", `{"connectionId":"`+made.ConnectionID+`","newPrivateVirtualInterface":{"virtualInterfaceName":"v","vlan":101,"asn":65000,"directConnectGatewayId":"`+g.DirectConnectGateway.DirectConnectGatewayID+`"}}`)
	var v struct{ VirtualInterfaceID string }
	if err := json.Unmarshal(out, &v); err != nil || v.VirtualInterfaceID == "" {
		t.Fatalf("%s %v", out, err)
	}
	_, vifs := do("DescribeVirtualInterfaces", `{"virtualInterfaceId":"`+v.VirtualInterfaceID+`"}`)
	// The settings rows (clock, settings, count of faults) in one
	// statement, then what the operation itself needs: a create on a
	// location whose one device serves the bandwidth counts no ports
	// (the claim tells), and a world without faults looks none up.
	for _, op := range []struct {
		name  string
		calls []string
		want  int
	}{
		{"CreateConnection", created, 4},          // settings, quota, claim, insert
		{"CreateLag", lag, 6},                     // settings, 2 quotas, claim, insert member, insert LAG
		{"DescribeConnections page", page, 2},     // settings, page
		{"DescribeConnections id", one, 2},        // settings, row
		{"DescribeTags", tags, 2},                 // settings, row
		{"DescribeVirtualInterfaces id", vifs, 3}, // settings, row, its connection
	} {
		t.Logf("%s: %d calls\n\t%s", op.name, len(op.calls), strings.Join(op.calls, "\n\t"))
		if len(op.calls) != op.want {
			t.Errorf("%s made %d store calls, want %d:\n\t%s", op.name, len(op.calls), op.want, strings.Join(op.calls, "\n\t"))
		}
	}
}
