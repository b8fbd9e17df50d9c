package postgres_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
)

// TestRoundTrips reports the round trips to PostgreSQL of the operations
// of the server benchmarks, one at a time (the page lists plain connections,
// as BenchmarkDescribeConnections's) (run with -v to read them).
func TestRoundTrips(t *testing.T) {
	url := pgtest.URL(t)
	var rt postgres.RoundTrips
	catalog := dxsimtest.BenchCatalogFile(t)
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.LocationsFile = catalog
		cfg.Service.ConnectionsPerLocation = 1 << 30
		cfg.Service.LagsPerRegion = 1 << 30
		cfg.DataPath = url
		cfg.OpenStore = func(string) (store.Store, error) { return postgres.OpenCounting(context.Background(), url, &rt) }
	})
	h := w.Server.Handler()
	call := func(op, body string) []byte {
		rec := dxsimtest.CallHandler(context.Background(), h, op, body)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s answered %d: %s", op, rec.Code, rec.Body.Bytes())
		}
		return rec.Body.Bytes()
	}
	var made struct{ ConnectionID string }
	if err := json.Unmarshal(call("CreateConnection", `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"bench","tags":[{"key":"env","value":"bench"}]}`), &made); err != nil {
		t.Fatal(err)
	}
	const runs = 50
	var ids []string // connections for DeleteConnection
	for range runs + 1 {
		var made struct{ ConnectionID string }
		json.Unmarshal(call("CreateConnection", `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"gone"}`), &made)
		ids = append(ids, made.ConnectionID)
	}
	for _, op := range []struct{ name, op, body string }{
		{"DeleteConnection", "DeleteConnection", ""},
		{"CreateConnection", "CreateConnection", `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"bench"}`},
		{"DescribeConnections page", "DescribeConnections", `{"maxResults":100}`},
		{"DescribeConnections by id", "DescribeConnections", `{"connectionId":"` + made.ConnectionID + `"}`},
		{"DescribeTags", "DescribeTags", `{"resourceArns":["arn:aws:directconnect:us-east-1:` + dxsimtest.Account + `:dxcon/` + made.ConnectionID + `"]}`},
		// Last: the connections of its LAGs would add a read of the LAG
		// each to the pages above.
		{"CreateLag", "CreateLag", `{"location":"BNCH1","connectionsBandwidth":"10Gbps","numberOfConnections":1,"lagName":"bench"}`},
	} {
		body := func(i int) string {
			if op.body == "" {
				return `{"connectionId":"` + ids[i] + `"}`
			}
			return op.body
		}
		call(op.op, body(runs)) // the statements prepared
		before := rt.N()
		for i := range runs {
			call(op.op, body(i))
		}
		t.Logf("%-26s %5.2f round trips", op.name, float64(rt.N()-before)/float64(runs))
	}
}
