package directconnect_test

import (
	"encoding/json"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
)

// collidingIDs draws IDs as dx.NewID does, except that once a prefix has
// a taken ID, every other draw of that prefix is that ID: every create
// meets a collision on its first draw and has to draw again.
type collidingIDs struct {
	mu    sync.Mutex
	taken map[string]string
	odd   map[string]bool
}

func (c *collidingIDs) take(id, prefix string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.taken[prefix] = id
}

func (c *collidingIDs) newID(prefix string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id, ok := c.taken[prefix]; ok {
		if c.odd[prefix] = !c.odd[prefix]; c.odd[prefix] {
			return id
		}
	}
	return dx.NewID(prefix)
}

// TestCreatesSurviveIDCollisions: an ID drawn for a new connection or LAG
// that is taken is found by the insert, not by a read before it, and the
// create is done again whole under another ID: the port claimed under the
// taken ID released, LAG members made under a taken LAG ID undone, the
// LAG's memberships naming only the members it has. On both stores.
func TestCreatesSurviveIDCollisions(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testIDCollisions(t, ":memory:") })
	t.Run("postgres", func(t *testing.T) { testIDCollisions(t, pgtest.URL(t)) })
}

func testIDCollisions(t *testing.T, data string) {
	ids := &collidingIDs{taken: map[string]string{}, odd: map[string]bool{}}
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.DataPath = data
		cfg.Service.IDs = ids.newID
	})
	c := w.Client()
	first := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	lag0, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"),
		NumberOfConnections: 1, LagName: aws.String("first")})
	if err != nil {
		t.Fatal(err)
	}
	ids.take(aws.ToString(first.ConnectionId), dx.ConnectionPrefix)
	ids.take(aws.ToString(lag0.LagId), dx.LagPrefix)

	// Every create below meets a taken ID on its first draw.
	second := dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps")
	lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"),
		NumberOfConnections: 2, LagName: aws.String("two new")})
	if err != nil {
		t.Fatal(err)
	}
	if len(lag.Connections) != 2 {
		t.Fatalf("the new LAG has %d members, want 2", len(lag.Connections))
	}
	joined, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"),
		ConnectionName: aws.String("joins"), LagId: lag.LagId})
	if err != nil {
		t.Fatal(err)
	}
	fromExisting, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"),
		NumberOfConnections: 2, LagName: aws.String("from existing"), ConnectionId: second.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{aws.ToString(first.ConnectionId), aws.ToString(second.ConnectionId), aws.ToString(joined.ConnectionId),
		aws.ToString(lag0.LagId), aws.ToString(lag.LagId), aws.ToString(fromExisting.LagId)}
	for i, id := range got {
		if slices.Contains(got[:i], id) {
			t.Errorf("ID %s given twice", id)
		}
	}
	if aws.ToString(joined.LagId) != aws.ToString(lag.LagId) {
		t.Errorf("the joining connection is in LAG %q, want %s", aws.ToString(joined.LagId), aws.ToString(lag.LagId))
	}

	// What the store holds is whole: each connection holds the one port
	// it names, nothing else is held, the ports of a device are the
	// lowest ones, and each LAG's memberships are its members, once each.
	snap, err := w.Server.Controls().Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conns := map[string]*dx.ConnectionRecord{}
	var lags []*dx.LagRecord
	for _, r := range snap.Rows {
		switch r.Kind {
		case store.Connections:
			var rec dx.ConnectionRecord
			if err := json.Unmarshal(r.Body, &rec); err != nil {
				t.Fatal(err)
			}
			conns[rec.ID] = &rec
		case store.Lags:
			var rec dx.LagRecord
			if err := json.Unmarshal(r.Body, &rec); err != nil {
				t.Fatal(err)
			}
			lags = append(lags, &rec)
		}
	}
	if len(conns) != 7 || len(lags) != 3 {
		t.Fatalf("the store holds %d connections and %d LAGs, want 7 and 3", len(conns), len(lags))
	}
	byDevice := map[string][]int{}
	held := map[string]bool{}
	for _, p := range snap.Ports {
		rec := conns[p.Holder]
		if rec == nil || rec.Device != p.Device || rec.Port != p.Port {
			t.Errorf("port %d of %s is held by %s, which does not hold it (%+v)", p.Port, p.Device, p.Holder, rec)
			continue
		}
		held[p.Holder] = true
		byDevice[p.Device] = append(byDevice[p.Device], p.Port)
	}
	for id := range conns {
		if !held[id] {
			t.Errorf("connection %s holds no port", id)
		}
	}
	for dev, ports := range byDevice {
		sort.Ints(ports)
		for i, p := range ports {
			if p != i+1 {
				t.Errorf("device %s holds ports %v, want 1 to %d", dev, ports, len(ports))
				break
			}
		}
	}
	for _, l := range lags {
		var seated []string
		for _, m := range l.Memberships {
			if !m.Until.IsZero() {
				continue
			}
			seated = append(seated, m.ConnectionID)
			if rec := conns[m.ConnectionID]; rec == nil || rec.LagID != l.ID {
				t.Errorf("LAG %s seats %s, which is not its member (%+v)", l.ID, m.ConnectionID, rec)
			}
		}
		var members []string
		for _, rec := range conns {
			if rec.LagID == l.ID {
				members = append(members, rec.ID)
			}
		}
		sort.Strings(seated)
		sort.Strings(members)
		if !slices.Equal(seated, members) {
			t.Errorf("LAG %s seats %v, its members are %v", l.ID, seated, members)
		}
	}
	for _, l := range []string{aws.ToString(lag.LagId), aws.ToString(fromExisting.LagId)} {
		out, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: aws.String(l)})
		if err != nil || len(out.Lags) != 1 || len(out.Lags[0].Connections) != 3 && l == aws.ToString(lag.LagId) {
			t.Errorf("DescribeLags %s = %+v, %v", l, out, err)
		}
	}
}
