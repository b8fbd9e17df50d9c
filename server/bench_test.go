package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

const (
	benchCreateBody    = `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"bench"}`
	benchDescribeBody  = `{"maxResults":100}`
	benchCreateLagBody = `{"location":"BNCH1","connectionsBandwidth":"10Gbps","numberOfConnections":1,"lagName":"bench"}`
)

// benchStores are the stores every benchmark runs on; "postgres" skips
// without DXSIM_TEST_POSTGRES.
var benchStores = []string{"memory", "file", "postgres"}

// benchWorld starts a world on dxsimtest.BenchCatalog with a quota no benchmark
// reaches, on the in-memory store or a database file.
func benchWorld(b *testing.B, st string) *dxsimtest.World {
	b.Helper()
	dir := b.TempDir()
	catalog := dxsimtest.BenchCatalogFile(b)
	return dxsimtest.Start(b, func(cfg *server.Config) {
		cfg.LocationsFile = catalog
		cfg.Service.ConnectionsPerLocation = 1 << 30
		cfg.Service.LagsPerRegion = 1 << 30
		// The store as dxsim serve opens it: dxsimtest's runs every update
		// twice to catch code that is not safe to retry.
		cfg.OpenStore = backend.Open
		switch st {
		case "file":
			cfg.DataPath = filepath.Join(dir, "dxsim.db")
		case "postgres":
			cfg.DataPath = pgtest.URL(b)
		}
	})
}

// benchCaller sends one operation with body and fails b unless it answers
// 200; it returns the response body.
type benchCaller func(b *testing.B, op, body string) []byte

// benchHTTP posts over loopback HTTP with keep-alive, as a client does.
func benchHTTP(w *dxsimtest.World) benchCaller {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	return func(b *testing.B, op, body string) []byte {
		req, err := http.NewRequest(http.MethodPost, w.URL+"/", bytes.NewReader([]byte(body)))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "OvertureService."+op)
		req.Header.Set("Authorization", dxsimtest.BenchAuth)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		out, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("%s answered %d: %s %v", op, resp.StatusCode, out, err)
		}
		return out
	}
}

// benchHandler calls the server's http.Handler in-process: the cost of
// dxsim without the network.
func benchHandler(w *dxsimtest.World) benchCaller {
	h := w.Server.Handler()
	return func(b *testing.B, op, body string) []byte {
		rec := dxsimtest.CallHandler(context.Background(), h, op, body)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s answered %d: %s", op, rec.Code, rec.Body.Bytes())
		}
		return rec.Body.Bytes()
	}
}

// benchSDK is the world's SDK client with a transport that owns a copy of
// each request body. The SDK may close the body it handed to net/http while
// the transport still writes it; the transport then drops the connection
// under the response it is reading ("use of closed network connection",
// aws/aws-sdk-go-v2#2737). dxsimtest clients make one attempt, so under the GC
// pressure of a benchmark that fails a call now and then.
func benchSDK(w *dxsimtest.World) *directconnect.Client { return w.Client() }

// benchWorldSize is the most connections a CreateConnection benchmark puts
// in one world before it moves on to a fresh one, with the timer stopped,
// so that the figure is the mean over worlds holding 0 to benchWorldSize-1
// whatever b.N is. (A create no longer costs more in a larger world: the
// quota is a stored count and the free port comes from an index; cmd/dxbench
// measures worlds of up to 1,000,000 connections.)
const benchWorldSize = 100

func BenchmarkCreateConnection(b *testing.B) {
	for _, st := range benchStores {
		for _, via := range []struct {
			name   string
			caller func(*dxsimtest.World) benchCaller
		}{{"handler", benchHandler}, {"http", benchHTTP}} {
			b.Run(st+"/"+via.name, func(b *testing.B) {
				var call benchCaller
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					if i%benchWorldSize == 0 {
						b.StopTimer()
						call = via.caller(benchWorld(b, st))
						b.StartTimer()
					}
					call(b, "CreateConnection", benchCreateBody)
				}
			})
		}
		b.Run(st+"/sdk", func(b *testing.B) {
			var c *directconnect.Client
			in := &directconnect.CreateConnectionInput{Location: aws.String("BNCH1"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("bench")}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i%benchWorldSize == 0 {
					b.StopTimer()
					c = benchSDK(benchWorld(b, st))
					b.StartTimer()
				}
				if _, err := c.CreateConnection(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchConnections is how many connections DescribeConnections lists: one
// full page.
const benchConnections = 100

// benchPopulated starts a world with benchConnections connections.
func benchPopulated(b *testing.B, st string) *dxsimtest.World {
	w := benchWorld(b, st)
	call := benchHandler(w)
	for range benchConnections {
		call(b, "CreateConnection", benchCreateBody)
	}
	var out struct{ Connections []json.RawMessage }
	if err := json.Unmarshal(call(b, "DescribeConnections", benchDescribeBody), &out); err != nil || len(out.Connections) != benchConnections {
		b.Fatalf("DescribeConnections listed %d connections (%v), want %d", len(out.Connections), err, benchConnections)
	}
	return w
}

func BenchmarkDescribeConnections(b *testing.B) {
	for _, st := range benchStores {
		for _, via := range []struct {
			name   string
			caller func(*dxsimtest.World) benchCaller
		}{{"handler", benchHandler}, {"http", benchHTTP}} {
			b.Run(st+"/"+via.name, func(b *testing.B) {
				call := via.caller(benchPopulated(b, st))
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					call(b, "DescribeConnections", benchDescribeBody)
				}
			})
		}
		b.Run(st+"/sdk", func(b *testing.B) {
			c := benchSDK(benchPopulated(b, st))
			in := &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(benchConnections)}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				out, err := c.DescribeConnections(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Connections) != benchConnections {
					b.Fatalf("listed %d connections, want %d", len(out.Connections), benchConnections)
				}
			}
		})
	}
}

// BenchmarkCreateConnectionConcurrent runs 8 creates at a time through the
// handler on the durable stores: group commit shares commits among them.
func BenchmarkCreateConnectionConcurrent(b *testing.B) {
	for _, st := range []string{"file", "postgres"} {
		b.Run(st, func(b *testing.B) {
			call := benchHandler(benchWorld(b, st))
			b.SetParallelism(8 / runtime.GOMAXPROCS(0))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					call(b, "CreateConnection", benchCreateBody)
				}
			})
		})
	}
}

// BenchmarkCreateLag creates a LAG of one new member through the handler:
// a durable write of two records and a port.
func BenchmarkCreateLag(b *testing.B) {
	for _, st := range benchStores {
		b.Run(st+"/handler", func(b *testing.B) {
			var call benchCaller
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i%benchWorldSize == 0 {
					b.StopTimer()
					call = benchHandler(benchWorld(b, st))
					b.StartTimer()
				}
				call(b, "CreateLag", benchCreateLagBody)
			}
		})
	}
}

// BenchmarkDescribeTags reads the tags of one connection's ARN through the
// handler.
func BenchmarkDescribeTags(b *testing.B) {
	for _, st := range benchStores {
		b.Run(st+"/handler", func(b *testing.B) {
			call := benchHandler(benchWorld(b, st))
			var made struct{ ConnectionID string }
			if err := json.Unmarshal(call(b, "CreateConnection", `{"location":"BNCH1","bandwidth":"10Gbps","connectionName":"bench","tags":[{"key":"env","value":"bench"}]}`), &made); err != nil {
				b.Fatal(err)
			}
			body := `{"resourceArns":["arn:aws:directconnect:us-east-1:` + dxsimtest.Account + `:dxcon/` + made.ConnectionID + `"]}`
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				call(b, "DescribeTags", body)
			}
		})
	}
}
