package directconnect_test

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

func TestCreateLagBundlesNewConnections(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 3)
	in.ProviderName = aws.String("Megaport")
	in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}
	in.ChildConnectionTags = []types.Tag{{Key: aws.String("member"), Value: aws.String("yes")}}
	lag := dxsimtest.CreateLag(t, c, in)
	id := aws.ToString(lag.LagId)
	if !dx.IsID(id, "dxlag-") {
		t.Errorf("lagId %q is not dxlag- and 8 lowercase letters and digits", id)
	}
	if lag.NumberOfConnections != 3 || len(lag.Connections) != 3 {
		t.Fatalf("numberOfConnections %d with %d connections, want 3", lag.NumberOfConnections, len(lag.Connections))
	}
	if lag.LagState != types.LagStateRequested || aws.ToString(lag.ProviderName) != "Megaport" || aws.ToString(lag.ConnectionsBandwidth) != "10Gbps" {
		t.Errorf("LAG state %s, provider %q, bandwidth %q", lag.LagState, aws.ToString(lag.ProviderName), aws.ToString(lag.ConnectionsBandwidth))
	}
	if len(lag.Tags) != 1 || aws.ToString(lag.Tags[0].Key) != "team" {
		t.Errorf("LAG tags = %+v, want team", lag.Tags)
	}
	var names []string
	for _, m := range lag.Connections {
		names = append(names, aws.ToString(m.ConnectionName))
		if aws.ToString(m.AwsDevice) != aws.ToString(lag.AwsDevice) {
			t.Errorf("member %s on %s, LAG on %s", aws.ToString(m.ConnectionId), aws.ToString(m.AwsDevice), aws.ToString(lag.AwsDevice))
		}
		if aws.ToString(m.LagId) != id || aws.ToString(m.Bandwidth) != "10Gbps" || aws.ToString(m.ProviderName) != "Megaport" {
			t.Errorf("member %+v does not carry the LAG's ID, bandwidth and provider", m)
		}
		if len(m.Tags) != 1 || aws.ToString(m.Tags[0].Key) != "member" {
			t.Errorf("member tags = %+v, want childConnectionTags", m.Tags)
		}
	}
	sort.Strings(names)
	for i, n := range names {
		if want := fmt.Sprintf("Requested Connection %d for Lag %s", i+1, id); n != want {
			t.Errorf("member name %q, want %q", n, want)
		}
	}
	if got := len(dxsimtest.DescribeConnections(t, c)); got != 3 {
		t.Errorf("DescribeConnections lists %d connections, want the 3 members", got)
	}
}

func TestCreateLagSizeRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	for _, tc := range []struct {
		bandwidth string
		n         int32
		want      string
	}{
		{"10Gbps", 0, "numberOfConnections"}, // the SDK does not send a zero; the server sees it missing
		{"1Gbps", 5, "1 to 4"},
		{"100Gbps", 3, "1 to 2"},
		{"400Gbps", 3, "1 to 2"},
		{"2Gbps", 1, "1Gbps, 10Gbps, 100Gbps, 400Gbps"},
	} {
		_, err := c.CreateLag(ctx, dxsimtest.NewLag("EqDC2", tc.bandwidth, tc.n))
		dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want)
	}
	for _, ok := range []struct {
		bandwidth string
		n         int32
	}{{"1Gbps", 4}, {"100Gbps", 2}, {"400Gbps", 2}} {
		dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", ok.bandwidth, ok.n))
	}
	if got := dxsimtest.Counts(t, c); got != "8 connections, 3 LAGs" {
		t.Errorf("after the refused and accepted LAGs: %s, want 8 connections, 3 LAGs", got)
	}
}

func TestCreateLagNeedsPortsOnOneDevice(t *testing.T) {
	w := dxsimtest.StartSmall(t)
	c := w.Client()
	// The largest device has 3 ports: four 1Gbps members cannot be placed.
	_, err := c.CreateLag(ctx, dxsimtest.NewLag("TST1", "1Gbps", 4))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "TST1", "free")
	if got := dxsimtest.Counts(t, c); got != "0 connections, 0 LAGs" {
		t.Errorf("a refused LAG left %s", got)
	}
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("TST1", "1Gbps", 3))
	if aws.ToString(lag.AwsDevice) != "TST1-aaaaaaaaaaaa" {
		t.Errorf("LAG on %s, want the only 1Gbps device", aws.ToString(lag.AwsDevice))
	}
}

func TestConnectionQuotaPerLocation(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 3 })
	c := w.Client()
	dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "limit of 3", "EqDC2")
	_, err = c.CreateLag(ctx, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "limit of 3")
	if got := dxsimtest.Counts(t, c); got != "3 connections, 1 LAGs" {
		t.Errorf("after refused creates: %s", got)
	}
	// The quota is per location and per account.
	dxsimtest.CreateConnection(t, c, "CSVA1", "1Gbps")
	dxsimtest.CreateConnection(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), "EqDC2", "1Gbps")
	// A deleted connection no longer counts.
	conns := dxsimtest.DescribeConnections(t, c)
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conns[0].ConnectionId}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.CreateConnection(t, c, aws.ToString(conns[0].Location), "1Gbps")
}

func TestDevicePortsAreFinite(t *testing.T) {
	w := dxsimtest.StartSmall(t)
	c := w.Client()
	var ids []*string
	for range 3 {
		ids = append(ids, dxsimtest.CreateConnection(t, c, "TST1", "1Gbps").ConnectionId)
	}
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "free", "TST1")
	if n := len(dxsimtest.DescribeConnections(t, c)); n != 3 {
		t.Errorf("%d connections after a refused create, want 3", n)
	}
	// Ports are shared by every account at the location.
	_, err = w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "free")
	// Deleting a connection frees its port.
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: ids[0]}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.CreateConnection(t, c, "TST1", "1Gbps")
}

func TestCreateLagWithExistingConnection(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 2)
	in.ConnectionId = conn.ConnectionId
	lag := dxsimtest.CreateLag(t, c, in)
	if lag.NumberOfConnections != 2 || !slices.Contains(memberIDs(types.Lag{Connections: lag.Connections}), aws.ToString(conn.ConnectionId)) {
		t.Fatalf("LAG members %v do not include %s (or are not 2)", memberIDs(types.Lag{Connections: lag.Connections}), aws.ToString(conn.ConnectionId))
	}
	if aws.ToString(lag.AwsDevice) != aws.ToString(conn.AwsDevice) {
		t.Errorf("LAG created on %s, want the connection's device %s", aws.ToString(lag.AwsDevice), aws.ToString(conn.AwsDevice))
	}
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); aws.ToString(got.LagId) != aws.ToString(lag.LagId) {
		t.Errorf("connection's lagId %q, want %q", aws.ToString(got.LagId), aws.ToString(lag.LagId))
	}
	if n := len(dxsimtest.DescribeConnections(t, c)); n != 2 {
		t.Errorf("%d connections, want 2 (the existing one counts toward numberOfConnections)", n)
	}

	// Bandwidth and location must match.
	other := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	in = dxsimtest.NewLag("EqDC2", "10Gbps", 1)
	in.ConnectionId = other.ConnectionId
	_, err := c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(other.ConnectionId), "1Gbps")
	in = dxsimtest.NewLag("CSVA1", "1Gbps", 1)
	in.ConnectionId = other.ConnectionId
	_, err = c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "DirectConnectClientException", "EqDC2", "CSVA1")
	if got := dxsimtest.Counts(t, c); got != "3 connections, 1 LAGs" {
		t.Errorf("after refused LAGs: %s", got)
	}
}

func TestCreateConnectionOnLag(t *testing.T) {
	w := dxsimtest.StartSmall(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("TST1", "1Gbps", 1))
	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("second"), LagId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(conn.LagId) != aws.ToString(lag.LagId) || aws.ToString(conn.AwsDevice) != aws.ToString(lag.AwsDevice) {
		t.Errorf("connection in LAG %q on %q, want LAG %q on %q", aws.ToString(conn.LagId), aws.ToString(conn.AwsDevice), aws.ToString(lag.LagId), aws.ToString(lag.AwsDevice))
	}
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 2 {
		t.Errorf("LAG has %d connections, want 2", got.NumberOfConnections)
	}
	// Bandwidth must match the LAG's.
	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("x"), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "1Gbps", "10Gbps")
	// The device has 3 ports; the third goes to the LAG, then there is none.
	dxsimtest.CreateConnection(t, c, "TST1", "10Gbps") // takes a port on the 10Gbps-only device first (most free ports)
	if _, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("third"), LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "TST1-aaaaaaaaaaaa", "no free port")
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 3 {
		t.Errorf("LAG has %d connections after a refused create, want 3", got.NumberOfConnections)
	}
}

func TestLagMaximumHolds(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "100Gbps", 2))
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("100Gbps"), ConnectionName: aws.String("x"), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "already has 2")
	// A standalone connection on the same device cannot join a full LAG either.
	var extra *directconnect.CreateConnectionOutput
	for extra == nil || aws.ToString(extra.AwsDevice) != aws.ToString(lag.AwsDevice) {
		extra = dxsimtest.CreateConnection(t, c, "EqDC2", "100Gbps")
	}
	_, err = c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: extra.ConnectionId, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "already has 2")
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 2 {
		t.Errorf("LAG has %d connections, want 2", got.NumberOfConnections)
	}
}

// lagAndStrays creates a 1-member LAG and standalone connections until one
// lands on the LAG's device and one on another device.
func lagAndStrays(t *testing.T, c *directconnect.Client, bandwidth string) (lag *directconnect.CreateLagOutput, same, other *directconnect.CreateConnectionOutput) {
	t.Helper()
	lag = dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", bandwidth, 1))
	for same == nil || other == nil {
		conn := dxsimtest.CreateConnection(t, c, "EqDC2", bandwidth)
		if aws.ToString(conn.AwsDevice) == aws.ToString(lag.AwsDevice) {
			same = conn
		} else if other == nil {
			other = conn
		}
	}
	return lag, same, other
}

func TestAssociateConnectionWithLag(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag, same, other := lagAndStrays(t, c, "1Gbps")

	_, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: other.ConnectionId, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(other.AwsDevice), "same Direct Connect endpoint")
	if got := dxsimtest.DescribeConnection(t, c, other.ConnectionId); got.LagId != nil {
		t.Errorf("refused connection joined LAG %s", aws.ToString(got.LagId))
	}

	out, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: same.ConnectionId, LagId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.LagId) != aws.ToString(lag.LagId) || aws.ToString(out.ConnectionId) != aws.ToString(same.ConnectionId) {
		t.Errorf("AssociateConnectionWithLag answered %s in %s", aws.ToString(out.ConnectionId), aws.ToString(out.LagId))
	}
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 2 {
		t.Errorf("LAG has %d members, want 2", got.NumberOfConnections)
	}
	_, err = c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: same.ConnectionId, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "already a member")
}

func TestAssociateConnectionWithLagNeedsSameBandwidth(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 1))
	var conn *directconnect.CreateConnectionOutput
	for conn == nil || aws.ToString(conn.AwsDevice) != aws.ToString(lag.AwsDevice) {
		conn = dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	}
	_, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: conn.ConnectionId, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "10Gbps", "1Gbps")
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 1 {
		t.Errorf("LAG has %d members after a refused association, want 1", got.NumberOfConnections)
	}
}

func TestReassociationKeepsOriginalLagAboveMinimumLinks(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	from := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: from.LagId, MinimumLinks: 2}); err != nil {
		t.Fatal(err)
	}
	// A second LAG on the same device.
	in := dxsimtest.NewLag("EqDC2", "1Gbps", 1)
	var to *directconnect.CreateLagOutput
	for to == nil || aws.ToString(to.AwsDevice) != aws.ToString(from.AwsDevice) {
		to = dxsimtest.CreateLag(t, c, in)
	}
	moving := from.Connections[0].ConnectionId
	_, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: moving, LagId: to.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(from.LagId), "minimumLinks of 2")
	if got := dxsimtest.DescribeLag(t, c, from.LagId); got.NumberOfConnections != 2 {
		t.Errorf("original LAG has %d members after a refused move, want 2", got.NumberOfConnections)
	}
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: from.LagId, MinimumLinks: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: moving, LagId: to.LagId}); err != nil {
		t.Fatal(err)
	}
	if got := dxsimtest.DescribeLag(t, c, from.LagId); got.NumberOfConnections != 1 {
		t.Errorf("original LAG has %d members, want 1", got.NumberOfConnections)
	}
	if got := dxsimtest.DescribeLag(t, c, to.LagId); got.NumberOfConnections != 2 || !slices.Contains(memberIDs(got), aws.ToString(moving)) {
		t.Errorf("target LAG members %v, want 2 including %s", memberIDs(got), aws.ToString(moving))
	}
}

func TestDisassociateConnectionFromLag(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 3))
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2}); err != nil {
		t.Fatal(err)
	}
	ids := memberIDs(dxsimtest.DescribeLag(t, c, lag.LagId))
	out, err := c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: aws.String(ids[0]), LagId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if out.LagId != nil || out.ConnectionState == types.ConnectionStateDeleted {
		t.Errorf("disassociated connection: lagId %q, state %s; want standalone and not deleted", aws.ToString(out.LagId), out.ConnectionState)
	}
	_, err = c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: aws.String(ids[1]), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "minimumLinks of 2")
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); got.NumberOfConnections != 2 {
		t.Fatalf("LAG has %d members after a refused disassociation, want 2", got.NumberOfConnections)
	}
	_, err = c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: aws.String(ids[0]), LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Connection does not exist", "not a member")

	// The last member may always leave; the LAG stays, empty.
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 1}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids[1:] {
		if _, err := c.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: aws.String(id), LagId: lag.LagId}); err != nil {
			t.Fatalf("disassociating %s: %v", id, err)
		}
	}
	empty := dxsimtest.DescribeLag(t, c, lag.LagId)
	if empty.NumberOfConnections != 0 || len(empty.Connections) != 0 || empty.LagState != types.LagStateDown {
		t.Errorf("empty LAG: %d connections, state %s; want 0 and down", empty.NumberOfConnections, empty.LagState)
	}
	if n := len(dxsimtest.DescribeConnections(t, c)); n != 3 {
		t.Errorf("%d connections after disassociation, want 3 standalone", n)
	}
}

func TestUpdateLag(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	for _, bad := range []int32{-1, 3} {
		_, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: bad, LagName: aws.String("renamed")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", fmt.Sprint(bad), "between 0 and")
	}
	if got := dxsimtest.DescribeLag(t, c, lag.LagId); aws.ToString(got.LagName) != "test lag" || got.MinimumLinks != 0 {
		t.Errorf("refused updates changed the LAG: name %q, minimumLinks %d", aws.ToString(got.LagName), got.MinimumLinks)
	}
	out, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2, LagName: aws.String("renamed")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.LagName) != "renamed" || out.MinimumLinks != 2 {
		t.Errorf("UpdateLag answered name %q, minimumLinks %d", aws.ToString(out.LagName), out.MinimumLinks)
	}
}

func TestUpdateConnection(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	out, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId, ConnectionName: aws.String("renamed")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ConnectionName) != "renamed" || aws.ToString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).ConnectionName) != "renamed" {
		t.Errorf("rename did not stick")
	}
}

func TestLagStateFollowsMembersAndMinimumLinks(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateRequested {
		t.Errorf("new LAG is %s, want requested", s)
	}
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Clock.Advance(w.Config.Service.Timings.CrossConnect)
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStatePending {
		t.Errorf("LAG with pending members is %s, want pending", s)
	}
	w.Provision()
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG with available members is %s, want available", s)
	}
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2}); err != nil {
		t.Fatal(err)
	}
	// Losing a member drops the LAG below minimumLinks 2: down.
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: lag.Connections[0].ConnectionId}); err != nil {
		t.Fatal(err)
	}
	got := dxsimtest.DescribeLag(t, c, lag.LagId)
	if got.LagState != types.LagStateDown || got.NumberOfConnections != 1 {
		t.Errorf("LAG with 1 of minimumLinks 2 is %s with %d members, want down with 1", got.LagState, got.NumberOfConnections)
	}
	if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 1}); err != nil {
		t.Fatal(err)
	}
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateAvailable {
		t.Errorf("LAG with 1 of minimumLinks 1 is %s, want available", s)
	}
}

func TestDeleteLagLeavesMembersStandalone(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "10Gbps", 2))
	dxsimtest.DownloadLoa(t, c, lag.LagId)
	w.Provision() // a provisioned LAG is deleting first; a requested one is deleted at once
	out, err := c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	if out.LagState != types.LagStateDeleting || out.NumberOfConnections != 0 {
		t.Errorf("DeleteLag answered %s with %d connections, want deleting with 0", out.LagState, out.NumberOfConnections)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	if s := dxsimtest.DescribeLag(t, c, lag.LagId).LagState; s != types.LagStateDeleted {
		t.Errorf("deleted LAG describes as %s", s)
	}
	for _, m := range dxsimtest.DescribeConnections(t, c) {
		if m.LagId != nil || m.ConnectionState == types.ConnectionStateDeleted {
			t.Errorf("former member %s: lagId %q, state %s; want standalone and not deleted", aws.ToString(m.ConnectionId), aws.ToString(m.LagId), m.ConnectionState)
		}
	}
	_, err = c.DeleteLag(ctx, &directconnect.DeleteLagInput{LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(lag.LagId), "does not exist")
	_, err = c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, LagName: aws.String("x")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
}

func TestDescribePagination(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 1000 })
	c := w.Client()
	want := map[string]bool{}
	for range 7 {
		want[aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)] = true
	}
	for range 3 {
		dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	}
	got := map[string]bool{}
	pages := 0
	var token *string
	for {
		out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(3), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.Connections) > 3 {
			t.Fatalf("page of %d connections with maxResults 3", len(out.Connections))
		}
		for _, conn := range out.Connections {
			if got[aws.ToString(conn.ConnectionId)] {
				t.Errorf("%s on two pages", aws.ToString(conn.ConnectionId))
			}
			got[aws.ToString(conn.ConnectionId)] = true
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if len(got) != 10 || pages < 4 {
		t.Errorf("%d connections over %d pages, want 10 over at least 4", len(got), pages)
	}
	lagPage, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{MaxResults: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	rest, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{MaxResults: aws.Int32(2), NextToken: lagPage.NextToken})
	if err != nil {
		t.Fatal(err)
	}
	if len(lagPage.Lags) != 2 || len(rest.Lags) != 1 || rest.NextToken != nil {
		t.Errorf("LAG pages of %d and %d (next %v), want 2 and 1 and no more", len(lagPage.Lags), len(rest.Lags), rest.NextToken)
	}
	_, err = c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(0)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "maxResults")
	_, err = c.DescribeLags(ctx, &directconnect.DescribeLagsInput{NextToken: aws.String("not-a-token!")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "nextToken")
}

func TestDescribeReturnsAtMost100(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 1000 })
	c := w.Client()
	for i := range 105 {
		dxsimtest.CreateConnection(t, c, []string{"EqDC2", "CSVA1", "TLLPJ", "165HS"}[i%4], "1Gbps")
	}
	out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(500)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Connections) != 100 || out.NextToken == nil {
		t.Errorf("maxResults 500 gave %d connections (next token %v), want 100 and a token", len(out.Connections), out.NextToken)
	}
}

func TestConcurrentCreatesKeepEveryRecord(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 1000 })
	c := w.Client()
	const n = 40
	ids := make(chan string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loc := []string{"EqDC2", "CSVA1"}[i%2]
			out, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String(loc), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(fmt.Sprint(i))})
			if err != nil {
				t.Error(err)
				return
			}
			ids <- aws.ToString(out.ConnectionId)
		}()
	}
	wg.Wait()
	close(ids)
	created := map[string]bool{}
	for id := range ids {
		created[id] = true
	}
	listed := map[string]bool{}
	for _, conn := range dxsimtest.DescribeConnections(t, c) {
		listed[aws.ToString(conn.ConnectionId)] = true
	}
	if len(created) != n || len(listed) != n {
		t.Errorf("%d concurrent creates gave %d distinct IDs and %d listed connections", n, len(created), len(listed))
	}
}

func TestLagMemberEncryptionModeFollowsTheLag(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 2)
	in.RequestMACSec = aws.Bool(true)
	lag := dxsimtest.CreateLag(t, c, in)
	member := lag.Connections[0].ConnectionId
	_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: member, EncryptionMode: aws.String("must_encrypt")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", aws.ToString(lag.LagId), "UpdateLag")
	if got := dxsimtest.DescribeConnection(t, c, member); aws.ToString(got.EncryptionMode) != aws.ToString(lag.EncryptionMode) {
		t.Errorf("member encryptionMode %q after a refused update, want the LAG's %q", aws.ToString(got.EncryptionMode), aws.ToString(lag.EncryptionMode))
	}
}

func TestBillingModeAtCreation(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	in := dxsimtest.NewLag("EqDC2", "10Gbps", 2)
	in.BillingMode = types.RequestBillingModeFlatRateTier1
	lag := dxsimtest.CreateLag(t, c, in)
	if lag.BillingMode != types.BillingModeFlatRateTier1 {
		t.Errorf("LAG billing mode %q", lag.BillingMode)
	}
	for _, m := range lag.Connections {
		if m.BillingMode != types.BillingModeFlatRateTier1 {
			t.Errorf("member %s billing mode %q, want the LAG's", aws.ToString(m.ConnectionId), m.BillingMode)
		}
	}
	if got := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps"); got.BillingMode != types.BillingModePayAsYouGo {
		t.Errorf("default billing mode %q, want PayAsYouGo", got.BillingMode)
	}
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), BillingMode: "Monthly"})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "billingMode", "Monthly")
	if got := dxsimtest.Counts(t, c); got != "3 connections, 1 LAGs" {
		t.Errorf("after a refused create: %s", got)
	}
}
