package operator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/dxsim/dxsim/core"
	dxsvc "github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
)

// Deleted resources leave the store once they have been listed as deleted
// for --deleted-retention (secrets at their deletion date), on both
// backends, so that what an account costs to serve follows what it holds.

// retention is the --deleted-retention of the purge tests.
const retention = time.Hour

// countingStore counts the rows that the transactions of a
// dxsimtest.Counted request read, so that a test measures the work of one
// request.
type countingStore struct {
	dxsimtest.WrappedStore
	rows atomic.Int64
}

type countingTx struct {
	store.Tx
	rows *atomic.Int64
}

func (t countingTx) Get(kind store.Kind, id string) (store.Row, error) {
	r, err := t.Tx.Get(kind, id)
	if err == nil {
		t.rows.Add(1)
	}
	return r, err
}

func (t countingTx) List(q store.Query) ([]store.Row, error) {
	rs, err := t.Tx.List(q)
	t.rows.Add(int64(len(rs)))
	return rs, err
}

func (t countingTx) ListBodies(q store.Query) ([]store.Row, error) {
	rs, err := t.Tx.ListBodies(q)
	t.rows.Add(int64(len(rs)))
	return rs, err
}

// purgeWorld starts a world on the store data names (":memory:" or a
// PostgreSQL URL), counted, with partners, declared gateways and the
// retention of the purge tests.
func purgeWorld(t *testing.T, data string) (*dxsimtest.World, *countingStore) {
	t.Helper()
	st, err := backend.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{}
	cs.Store = st
	cs.Wrap = func(tx store.Tx) store.Tx { return countingTx{Tx: tx, rows: &cs.rows} }
	w := dxsimtest.Start(t, func(c *server.Config) {
		c.Store = cs
		c.Service.DeletedRetention = retention
		c.Service.Partners = []dx.Partner{{Account: dxsimtest.PartnerAccount, Name: "Example Networks"}}
		c.Service.VirtualGateways = dxsimtest.GwDeclared()
	})
	return w, cs
}

// sharedWorld opens another world (a dxsim process of its own) on the
// store at data, with the purge tests' retention.
func sharedWorld(t *testing.T, data string) *dxsimtest.World {
	t.Helper()
	w, err := dxsimtest.New(func(cfg *server.Config) {
		cfg.DataPath, cfg.OpenStore = data, backend.Open
		cfg.Service.DeletedRetention = retention
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

// purgeBackends are the stores the purge tests run on: SQLite, and
// PostgreSQL when DXSIM_TEST_POSTGRES names one.
func purgeBackends(t *testing.T, test func(t *testing.T, data func(t *testing.T) string)) {
	t.Run("sqlite", func(t *testing.T) {
		test(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "dxsim.db") })
	})
	t.Run("postgres", func(t *testing.T) { test(t, func(t *testing.T) string { return pgtest.URL(t) }) })
}

// rowCounts counts the world's rows of every kind but its settings.
func rowCounts(t *testing.T, st store.Store) map[store.Kind]int {
	t.Helper()
	out := map[store.Kind]int{}
	err := st.View(ctx, func(tx store.Tx) error {
		clear(out)
		for _, k := range append(slices.Clone(store.ResourceKinds), store.Tombstones) {
			n, err := tx.Count(store.Query{Kind: k})
			if err != nil {
				return err
			}
			if n > 0 {
				out[k] = n
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rowsRead is how many rows the store reads for one DescribeConnections of
// the customer's, in-process, and how many connections it lists.
func rowsRead(t *testing.T, w *dxsimtest.World, cs *countingStore) (rows int64, listed int) {
	t.Helper()
	cs.rows.Store(0)
	out, err := w.Server.Controls().DirectConnect().DescribeConnections(dxsimtest.Counted(ctx), dx.Caller{Account: dxsimtest.Account, Region: dxsimtest.Region}, &dxsvc.DescribeConnectionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return cs.rows.Load(), len(out.Connections)
}

// churn creates and deletes n dedicated connections of the customer's
// through the service (the SDK would only be slower) and answers the
// first one's ID.
func churn(t *testing.T, w *dxsimtest.World, n int) string {
	t.Helper()
	dc := w.Server.Controls().DirectConnect()
	caller := dx.Caller{Account: dxsimtest.Account, Region: dxsimtest.Region}
	first := ""
	for i := range n {
		c, err := dc.CreateConnection(ctx, caller, &dxsvc.CreateConnectionInput{Location: "CSVA1", Bandwidth: "1Gbps", ConnectionName: fmt.Sprint("churn-", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dc.DeleteConnection(ctx, caller, &dxsvc.ConnectionIDInput{ConnectionID: c.ConnectionID}); err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = c.ConnectionID
		}
	}
	return first
}

// must answers v, failing the test t it is given on err:
// must(call(...))(t).
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantGone checks that a Describe call no longer shows a resource: it
// lists none (listed tells how many it listed), or answers that it does
// not exist.
func wantGone(t *testing.T, what string, listed func() int, err error) {
	t.Helper()
	if err == nil && listed() != 0 {
		t.Errorf("%s is still listed after its retention period and the purge", what)
	}
}

func TestDeletedResourcesLeaveTheStore(t *testing.T) {
	purgeBackends(t, func(t *testing.T, data func(*testing.T) string) {
		w, cs := purgeWorld(t, data(t))
		c, partner, other := w.Client(), w.ClientFor(dxsimtest.PartnerAccount, dxsimtest.Region), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
		e, sm := w.EC2For(dxsimtest.Account, dxsimtest.Region), w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)

		var live []*string
		for range 3 {
			live = append(live, dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId)
		}
		first := churn(t, w, 2000)

		// One deleted resource of every other kind, and live ones whose
		// history names deleted ones.
		lagGone := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
		must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: lagGone.Connections[0].ConnectionId}))(t)
		must(c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lagGone.LagId}))(t)
		lagKept := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
		pastMember := lagKept.Connections[1].ConnectionId
		// An outage an operator raised on it goes with it.
		if err := w.LinkDown(ctx, aws.ToString(pastMember)); err != nil {
			t.Fatal(err)
		}
		must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: pastMember}))(t)

		ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false)
		hosted := dxsimtest.Allocate(t, partner, ic.InterconnectId, "500Mbps", 100)
		must(partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: hosted.ConnectionId}))(t)
		must(partner.DeleteInterconnect(ctx, &directconnect.DeleteInterconnectInput{InterconnectId: ic.InterconnectId}))(t)

		w.Provision()
		vifGone := dxsimtest.CreatePublicVIF(t, c, live[0], 10).VirtualInterfaceId
		must(c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vifGone}))(t)
		vifKept := dxsimtest.CreatePublicVIF(t, c, live[1], 11).VirtualInterfaceId
		added := must(c.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: vifKept,
			NewBGPPeer: &types.NewBGPPeer{Asn: 65001, AddressFamily: types.AddressFamilyIPv6}}))(t)
		var peerGone string
		for _, p := range added.VirtualInterface.BgpPeers {
			if p.AddressFamily == types.AddressFamilyIPv6 {
				peerGone = aws.ToString(p.BgpPeerId)
			}
		}
		if err := w.SetBGPStatus(ctx, peerGone, "down"); err != nil {
			t.Fatal(err)
		}
		must(c.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vifKept, BgpPeerId: &peerGone}))(t)

		gwGone := dxsimtest.GwCreate(t, c, "gone", nil).DirectConnectGatewayId
		must(c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: gwGone}))(t)
		gwKept := dxsimtest.GwCreate(t, c, "kept", nil).DirectConnectGatewayId
		assoc := dxsimtest.GwAssociate(t, c, gwKept, dxsimtest.Vgw(1)).AssociationId
		must(c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: assoc}))(t)
		prop := must(other.CreateDirectConnectGatewayAssociationProposal(ctx, &directconnect.CreateDirectConnectGatewayAssociationProposalInput{
			DirectConnectGatewayId: gwKept, DirectConnectGatewayOwnerAccount: aws.String(dxsimtest.Account), GatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther)),
		}))(t).DirectConnectGatewayAssociationProposal.ProposalId
		must(other.DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{ProposalId: prop}))(t)

		groupGone := dxsimtest.NewResiliencyGroup(t, c, "gone").ResiliencyGroupId
		must(c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: groupGone}))(t)
		groupKept := dxsimtest.NewResiliencyGroup(t, c, "kept").ResiliencyGroupId
		pastGroupMember := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
		dxsimtest.AssociateToGroup(t, c, groupKept, aws.ToString(pastGroupMember))
		must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: pastGroupMember}))(t)

		vpc := dxsimtest.CreateVpc(t, e, "10.9.0.0/16").VpcId
		must(e.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: vpc}))(t)
		vgw := dxsimtest.CreateVpnGateway(t, e, 64600).VpnGatewayId
		must(e.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: vgw}))(t)
		tgw := must(e.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{}))(t).TransitGateway.TransitGatewayId
		must(e.DeleteTransitGateway(ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: tgw}))(t)
		secret := must(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("gone")}))(t).ARN
		must(sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: secret, RecoveryWindowInDays: aws.Int64(7)}))(t)

		before := rowCounts(t, cs)
		readBefore, listedBefore := rowsRead(t, w, cs)
		if before[store.Connections] < 2000 || readBefore < 2000 {
			t.Fatalf("before the retention period: %d connection rows, %d read by DescribeConnections; want the 2,000 deleted ones too", before[store.Connections], readBefore)
		}

		// Past every retention: a week (the secret's recovery window) and
		// more. The admin API's advance purges what it made due.
		start := time.Now()
		dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/clock/advance", `{"duration": "192h"}`)
		t.Logf("the advance that purged took %v", time.Since(start))

		after := rowCounts(t, cs)
		want := map[store.Kind]int{
			store.Connections:           4, // live, and lagKept's member
			store.Lags:                  1, // lagKept
			store.VirtualInterfaces:     1, // vifKept
			store.DirectConnectGateways: 1, // gwKept
			store.ResiliencyGroups:      1, // groupKept
		}
		if fmt.Sprint(after) != fmt.Sprint(want) {
			t.Errorf("rows after the purge:\n got %v\nwant %v (before: %v)", after, want, before)
		}
		readAfter, listedAfter := rowsRead(t, w, cs)
		t.Logf("rows: %v before, %v after; DescribeConnections read %d rows listing %d, then %d rows listing %d",
			before, after, readBefore, listedBefore, readAfter, listedAfter)
		if listedAfter != 4 || readAfter > 2*int64(listedAfter) {
			t.Errorf("DescribeConnections lists %d connections reading %d rows after the purge; want 4, reading at most 8", listedAfter, readAfter)
		}

		// Each resource is gone as AWS tells it after the retention period.
		out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: &first})
		wantGone(t, "churned connection "+first, func() int { return len(out.Connections) }, err)
		lags, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: lagGone.LagId})
		wantGone(t, "LAG", func() int { return len(lags.Lags) }, err)
		ics, err := partner.DescribeInterconnects(ctx, &directconnect.DescribeInterconnectsInput{InterconnectId: ic.InterconnectId})
		wantGone(t, "interconnect", func() int { return len(ics.Interconnects) }, err)
		out, err = c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: hosted.ConnectionId})
		wantGone(t, "hosted connection", func() int { return len(out.Connections) }, err)
		vifs, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: vifGone})
		wantGone(t, "virtual interface", func() int { return len(vifs.VirtualInterfaces) }, err)
		gws, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: gwGone})
		wantGone(t, "Direct Connect gateway", func() int { return len(gws.DirectConnectGateways) }, err)
		assocs, err := c.DescribeDirectConnectGatewayAssociations(ctx, &directconnect.DescribeDirectConnectGatewayAssociationsInput{AssociationId: assoc})
		wantGone(t, "gateway association", func() int { return len(assocs.DirectConnectGatewayAssociations) }, err)
		props, err := other.DescribeDirectConnectGatewayAssociationProposals(ctx, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: prop})
		wantGone(t, "proposal", func() int { return len(props.DirectConnectGatewayAssociationProposals) }, err)
		_, err = c.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: groupGone})
		wantGone(t, "resiliency group", func() int { return 1 }, err)
		vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{aws.ToString(vpc)}})
		wantGone(t, "VPC", func() int { return len(vpcs.Vpcs) }, err)
		vgws, err := e.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{VpnGatewayIds: []string{aws.ToString(vgw)}})
		wantGone(t, "virtual private gateway", func() int { return len(vgws.VpnGateways) }, err)
		tgws, err := e.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{aws.ToString(tgw)}})
		wantGone(t, "transit gateway", func() int { return len(tgws.TransitGateways) }, err)
		_, err = sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: secret})
		dxsimtest.WantError(t, err, "ResourceNotFoundException")

		// What stays answers as before, without what it named.
		if l := dxsimtest.DescribeLag(t, c, lagKept.LagId); len(l.Connections) != 1 || l.LagState == "" {
			t.Errorf("the LAG whose past member was purged lists %d members in state %q, want 1", len(l.Connections), l.LagState)
		}
		if v := dxsimtest.DescribeVIF(t, c, vifKept); len(v.BgpPeers) != 1 || aws.ToString(v.BgpPeers[0].BgpPeerId) == peerGone {
			t.Errorf("the interface whose BGP peer was purged lists peers %+v", v.BgpPeers)
		}
		err = cs.View(ctx, func(tx store.Tx) error {
			n, err := tx.Count(store.Query{Kind: store.VirtualInterfaces, Key: core.BGPPeerKey(peerGone)})
			if n != 0 {
				t.Errorf("the purged BGP peer's key still finds %d interfaces", n)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListResiliencyGroupAssociations(ctx, &directconnect.ListResiliencyGroupAssociationsInput{ResiliencyGroupId: groupKept}); err != nil {
			t.Errorf("the group whose past member was purged: %v", err)
		}
		events, err := w.Events(ctx, core.EventFilter{})
		if err != nil {
			t.Fatalf("the event log after the purge: %v", err)
		}
		if slices.ContainsFunc(events, func(e core.Event) bool { return e.Resource == first }) {
			t.Errorf("the event log still tells of purged connection %s", first)
		}
		// A new connection takes a freed port, and the world exports and
		// imports whole.
		dxsimtest.CreateConnection(t, c, "CSVA1", "1Gbps")
		snap, err := w.Server.Controls().Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Server.Controls().Restore(ctx, snap); err != nil {
			t.Errorf("the purged world's export does not import: %v", err)
		}

		var purged struct{ Removed int }
		if err := json.Unmarshal(dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/purge", ""), &purged); err != nil || purged.Removed != 0 {
			t.Errorf("a second purge removed %d (%v), want 0", purged.Removed, err)
		}
	})
}

// TestPurgeKeepsWhatIsStillShown: a resource inside its retention period,
// and a secret inside its recovery window or whose deletion was cancelled,
// stay.
func TestPurgeKeepsWhatIsStillShown(t *testing.T) {
	w, cs := purgeWorld(t, ":memory:")
	c, sm := w.Client(), w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId
	must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn}))(t)
	scheduled := must(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("scheduled")}))(t).ARN
	must(sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: scheduled, RecoveryWindowInDays: aws.Int64(7)}))(t)
	restored := must(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("restored")}))(t).ARN
	must(sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: restored, RecoveryWindowInDays: aws.Int64(7)}))(t)
	// Cancel the deletion as RestoreSecret does (dxsim does not serve it).
	err := cs.Update(ctx, func(tx store.Tx) error {
		r, err := tx.Get(store.Secrets, aws.ToString(restored))
		if err != nil {
			return err
		}
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return err
		}
		delete(body, "deletedAt")
		delete(body, "deletionDate")
		return store.Save(tx, r, body)
	})
	if err != nil {
		t.Fatal(err)
	}

	// The world's background purge may run at any moment too, so the test
	// looks at what is left, not at who removed it.
	purge := func(when string, want map[store.Kind]int) {
		t.Helper()
		must(w.Server.Controls().Purge(ctx))(t)
		if got := rowCounts(t, cs); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("rows %s: %v, want %v", when, got, want)
		}
	}
	w.Clock.Advance(retention / 2)
	purge("inside the retention period", map[store.Kind]int{store.Connections: 1, store.Secrets: 2, store.Tombstones: 3})
	if got := dxsimtest.DescribeConnection(t, c, conn).ConnectionState; got != types.ConnectionStateDeleted {
		t.Errorf("connection inside its retention period is %s, want deleted", got)
	}
	w.Clock.Advance(2 * 24 * time.Hour)
	// The restored secret's tombstone is not due before its deletion date.
	purge("past the retention period", map[store.Kind]int{store.Secrets: 2, store.Tombstones: 2})
	if d := must(sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: scheduled}))(t); d.DeletedDate == nil {
		t.Errorf("the secret inside its recovery window is not scheduled for deletion")
	}
	w.Clock.Advance(6 * 24 * time.Hour)
	purge("past the secrets' deletion date", map[store.Kind]int{store.Secrets: 1})
	if d := must(sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: restored}))(t); d.DeletedDate != nil {
		t.Errorf("the restored secret is scheduled for deletion")
	}
}

// TestOlderAndImportedWorldsArePurged: a world saved without tombstones
// (by an older dxsim) is indexed once when dxsim opens it, and an import
// derives the tombstones of its deleted records.
func TestOlderAndImportedWorldsArePurged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	open := func() *dxsimtest.World {
		w, err := dxsimtest.New(func(cfg *server.Config) {
			cfg.DataPath, cfg.OpenStore = path, backend.Open
			cfg.Service.DeletedRetention = retention
		})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := open()
	c := w.Client()
	for range 3 {
		id := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId
		must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: id}))(t)
	}
	export := dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", "")
	if strings.Contains(string(export), `"kind":"tombstone"`) {
		t.Errorf("the export holds tombstones: %.300s", export)
	}
	w.Close()

	// As an older dxsim left it: no tombstones, never indexed.
	st := must(backend.Open(path))(t)
	err := st.Update(ctx, func(tx store.Tx) error {
		rows, err := tx.List(store.Query{Kind: store.Tombstones})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := tx.Delete(r.Kind, r.ID); err != nil {
				return err
			}
		}
		return tx.Delete(store.Settings, "tombstones")
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	w = open()
	defer w.Close()
	w.Clock.Advance(2 * retention)
	must(w.Server.Controls().Purge(ctx))(t)
	if got := rowCounts(t, w.Server.Controls().Store); len(got) != 0 {
		t.Errorf("the reopened older world holds %v after the purge, want nothing", got)
	}

	imported := dxsimtest.Start(t, func(cfg *server.Config) { cfg.Service.DeletedRetention = retention })
	dxsimtest.Admin(t, imported, http.MethodPost, "/_dxsim/import", string(export))
	if got := rowCounts(t, imported.Server.Controls().Store); got[store.Tombstones] != 3 {
		t.Errorf("the imported world holds %v, want the 3 deleted connections' tombstones", got)
	}
	imported.Clock.Advance(2 * retention)
	must(imported.Server.Controls().Purge(ctx))(t)
	if got := rowCounts(t, imported.Server.Controls().Store); len(got) != 0 {
		t.Errorf("the imported world holds %v after the purge, want nothing", got)
	}
}

// TestTwoStoresPurgeTogether: two dxsim worlds on one database purge it at
// once; each deleted record leaves once, and nothing fails.
func TestTwoStoresPurgeTogether(t *testing.T) {
	purgeBackends(t, func(t *testing.T, data func(*testing.T) string) {
		shared := data(t)
		worlds := []*dxsimtest.World{sharedWorld(t, shared), sharedWorld(t, shared)}
		const n = 300
		churn(t, worlds[0], n)
		var wg sync.WaitGroup
		removed := make([]int, len(worlds))
		errs := make([]error, len(worlds))
		for i, w := range worlds {
			w.Clock.Advance(2 * retention)
			wg.Add(1)
			go func() {
				defer wg.Done()
				removed[i], errs[i] = w.Server.Controls().Purge(ctx)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("purge of world %d: %v", i, err)
			}
		}
		// Their background purges may have taken part: none is counted
		// twice.
		if removed[0]+removed[1] > n {
			t.Errorf("the two purges removed %v, more than the %d deleted", removed, n)
		}
		if rows := dxsimtest.DescribeConnections(t, worlds[1].Client()); len(rows) != 0 {
			t.Errorf("%d connections listed after the purge", len(rows))
		}
		err := worlds[1].Server.Controls().View(ctx, func(tx *core.Txn) error {
			for _, k := range []store.Kind{store.Connections, store.Tombstones} {
				if c, err := tx.Count(store.Query{Kind: k}); err != nil || c != 0 {
					t.Errorf("%d %s rows after the purge (%v)", c, k, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestPurgedParentsLeaveHistory: a virtual interface and a hosted
// connection that moved away from a connection and an interconnect since
// deleted and purged still answer, in Describe calls, the event log and an
// export that imports.
func TestPurgedParentsLeaveHistory(t *testing.T) {
	w, cs := purgeWorld(t, ":memory:")
	c, partner := w.Client(), w.ClientFor(dxsimtest.PartnerAccount, dxsimtest.Region)
	from, to := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId, dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	icFrom, icTo := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false).InterconnectId, dxsimtest.CreateInterconnect(t, partner, "10Gbps", false).InterconnectId
	dxsimtest.DownloadLoa(t, partner, icFrom)
	dxsimtest.DownloadLoa(t, partner, icTo)
	w.Provision()
	vif := dxsimtest.CreatePublicVIF(t, c, from, 10).VirtualInterfaceId
	hosted := dxsimtest.Allocate(t, partner, icFrom, "500Mbps", 100).ConnectionId
	must(c.ConfirmConnection(ctx, &directconnect.ConfirmConnectionInput{ConnectionId: hosted}))(t)
	w.Provision()
	must(c.AssociateVirtualInterface(ctx, &directconnect.AssociateVirtualInterfaceInput{VirtualInterfaceId: vif, ConnectionId: to}))(t)
	must(partner.AssociateHostedConnection(ctx, &directconnect.AssociateHostedConnectionInput{ConnectionId: hosted, ParentConnectionId: icTo}))(t)
	must(c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: from}))(t)
	must(partner.DeleteInterconnect(ctx, &directconnect.DeleteInterconnectInput{InterconnectId: icFrom}))(t)
	w.Provision()

	w.Clock.Advance(2 * retention)
	must(w.Server.Controls().Purge(ctx))(t)
	if n := rowCounts(t, cs)[store.Connections]; n != 3 {
		t.Fatalf("%d connection rows after the purge, want 3 (to, icTo, hosted)", n)
	}
	if v := dxsimtest.DescribeVIF(t, c, vif); v.VirtualInterfaceState != types.VirtualInterfaceStateAvailable {
		t.Errorf("the moved interface is %s, want available", v.VirtualInterfaceState)
	}
	if h := dxsimtest.DescribeConnection(t, c, hosted); h.ConnectionState != types.ConnectionStateAvailable {
		t.Errorf("the moved hosted connection is %s, want available", h.ConnectionState)
	}
	if _, err := w.Events(ctx, core.EventFilter{}); err != nil {
		t.Errorf("the event log: %v", err)
	}
	snap := must(w.Server.Controls().Snapshot(ctx))(t)
	if err := w.Server.Controls().Restore(ctx, snap); err != nil {
		t.Errorf("the export does not import: %v", err)
	}
}
