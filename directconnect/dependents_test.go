package directconnect

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// Virtual interfaces and hosted connections are not served yet; these tests
// put their rows in the store directly to show the rule that keeps a LAG or
// connection that carries them from being deleted.

func newTestService(t *testing.T) (*Service, store.Store) {
	t.Helper()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	base := core.NewBase(st, dx.DefaultCatalog(), sim.NewManualClock(time.Unix(0, 0)), core.DefaultConfig)
	return New(base, ec2.New(base), secretsmanager.New(base)), st
}

var caller = dx.Caller{Account: "111122223333", Region: "us-east-1"}

func TestDeleteRefusedWhileVirtualInterfacesRemain(t *testing.T) {
	ctx := context.Background()
	s, st := newTestService(t)
	n := 1
	lag, err := s.CreateLag(ctx, caller, &CreateLagInput{NumberOfConnections: &n, Location: "EqDC2", ConnectionsBandwidth: "10Gbps", LagName: "l"})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := s.CreateConnection(ctx, caller, &CreateConnectionInput{Location: "EqDC2", Bandwidth: "1Gbps", ConnectionName: "c"})
	if err != nil {
		t.Fatal(err)
	}
	for _, parent := range []string{lag.LagID, conn.ConnectionID} {
		st.Update(ctx, func(tx store.Tx) error {
			return tx.Insert(store.Row{Kind: store.VirtualInterfaces, ID: "dxvif-" + parent[6:], Account: caller.Account, Region: caller.Region, Parent: parent, Body: []byte(`{}`)})
		})
	}
	_, err = s.DeleteLag(ctx, caller, &LagIDInput{LagID: lag.LagID})
	wantRefused(t, err, "virtual interfaces")
	_, err = s.DeleteConnection(ctx, caller, &ConnectionIDInput{ConnectionID: conn.ConnectionID})
	wantRefused(t, err, "virtual interfaces")
	out, err := s.DescribeLags(ctx, caller, &DescribeLagsInput{LagID: lag.LagID})
	if err != nil || out.Lags[0].LagState == sim.Deleted || out.Lags[0].NumberOfConnections != 1 {
		t.Errorf("refused DeleteLag changed the LAG: %+v, %v", out, err)
	}
	cs, err := s.DescribeConnections(ctx, caller, &DescribeConnectionsInput{ConnectionID: conn.ConnectionID})
	if err != nil || cs.Connections[0].ConnectionState == sim.Deleted {
		t.Errorf("refused DeleteConnection changed the connection: %+v, %v", cs, err)
	}
}

func TestDeleteLagRefusedWhileHostedConnectionsRemain(t *testing.T) {
	ctx := context.Background()
	s, st := newTestService(t)
	n := 1
	lag, err := s.CreateLag(ctx, caller, &CreateLagInput{NumberOfConnections: &n, Location: "EqDC2", ConnectionsBandwidth: "10Gbps", LagName: "l"})
	if err != nil {
		t.Fatal(err)
	}
	hosted := &dx.ConnectionRecord{ID: "dxcon-hosted01", Owner: "444455556666", Region: caller.Region, HostedOn: lag.LagID, Vlan: 101, Bandwidth: "500Mbps", Location: "EqDC2"}
	if err := st.Update(ctx, func(tx store.Tx) error { return core.SaveConnection(tx, hosted) }); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteLag(ctx, caller, &LagIDInput{LagID: lag.LagID})
	wantRefused(t, err, "hosted connections")
	out, err := s.DescribeLags(ctx, caller, &DescribeLagsInput{LagID: lag.LagID})
	if err != nil || out.Lags[0].NumberOfConnections != 1 {
		t.Errorf("hosted connection counted as a member, or LAG changed: %+v, %v", out, err)
	}
}

func wantRefused(t *testing.T, err error, part string) {
	t.Helper()
	e, ok := err.(*dx.Error)
	if !ok || e.Type != dx.ClientException || !strings.Contains(e.Message, part) {
		t.Errorf("got %v, want a %s about %s", err, dx.ClientException, part)
	}
}
