package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/internal/pgtest"
)

// Several dxsim processes serving one world: on one SQLite file and on one
// PostgreSQL database. Requests race across the processes; the rules must
// hold as if they ran one at a time.

// raceCatalog has small devices, so that ports run out within a test.
const raceCatalog = `{"locations": [
 {"locationCode": "RACE1", "locationName": "Race Site 1", "region": "us-east-1",
  "availablePortSpeeds": ["1Gbps", "10Gbps"], "availableProviders": ["Megaport"], "availableMacSecPortSpeeds": [],
  "devices": [{"awsDevice": "RACE1-aaaaaaaaaaaa", "portSpeeds": ["1Gbps", "10Gbps"], "ports": 40, "hasLogicalRedundancy": "yes", "jumboFrameCapable": true}]},
 {"locationCode": "RACE2", "locationName": "Race Site 2", "region": "us-east-1",
  "availablePortSpeeds": ["1Gbps"], "availableProviders": ["Megaport"], "availableMacSecPortSpeeds": [],
  "devices": [{"awsDevice": "RACE2-bbbbbbbbbbbb", "portSpeeds": ["1Gbps"], "ports": 5, "hasLogicalRedundancy": "yes", "jumboFrameCapable": true}]},
 {"locationCode": "BIG1", "locationName": "Big Site 1", "region": "us-east-1",
  "availablePortSpeeds": ["1Gbps"], "availableProviders": ["Megaport"], "availableMacSecPortSpeeds": [],
  "devices": [{"awsDevice": "BIG1-cccccccccccc", "portSpeeds": ["1Gbps"], "ports": 1000000, "hasLogicalRedundancy": "yes", "jumboFrameCapable": true}]}
]}`

// sharedWorld starts n dxsim processes on one store: a SQLite file in dir
// or, for "postgres", a schema of its own in DXSIM_TEST_POSTGRES.
func sharedWorld(t *testing.T, ctx context.Context, backend string, n int, args ...string) []*dxsimProcess {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "shared.db")
	if backend == "postgres" {
		data = pgtest.URL(t)
	}
	catalog := filepath.Join(dir, "locations.json")
	if err := os.WriteFile(catalog, []byte(raceCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	var out []*dxsimProcess
	for range n {
		out = append(out, startDxsim(t, ctx, dir, append([]string{"--data", data, "--locations", catalog}, args...)...))
	}
	return out
}

// backends are the stores that several processes can share.
var backends = []string{"sqlite", "postgres"}

// raceAll runs n requests at once, spread over the processes, and returns
// how many succeeded. Refusals are expected; other failures fail t.
func raceAll(t *testing.T, procs []*dxsimProcess, n int, call func(i int, p *dxsimProcess) error) int {
	t.Helper()
	var ok atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if err := call(i, procs[i%len(procs)]); err == nil {
				ok.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	return int(ok.Load())
}

func TestProcessesHoldQuotaUnderRaces(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2, "--connections-per-location", "3")
			const account = "100000000000"
			ok := raceAll(t, procs, 12, func(i int, p *dxsimProcess) error {
				_, err := p.client(account, "us-east-1").CreateConnection(ctx, &directconnect.CreateConnectionInput{
					Location: aws.String("RACE1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(fmt.Sprint("c", i)),
				})
				return err
			})
			out, err := procs[1].client(account, "us-east-1").DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
			if err != nil {
				t.Fatal(err)
			}
			if ok != 3 || len(out.Connections) != 3 {
				t.Errorf("%d creates succeeded and %d connections exist; the quota is 3", ok, len(out.Connections))
			}
		})
	}
}

func TestProcessesShareFinitePorts(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2)
			// One account each, so only the device's 5 ports bind.
			var mu sync.Mutex
			made := map[string]string{}
			ok := raceAll(t, procs, 12, func(i int, p *dxsimProcess) error {
				account := fmt.Sprint(200000000000 + i)
				c, err := p.client(account, "us-east-1").CreateConnection(ctx, &directconnect.CreateConnectionInput{
					Location: aws.String("RACE2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("p"),
				})
				if err == nil {
					mu.Lock()
					made[aws.ToString(c.ConnectionId)] = account
					mu.Unlock()
				}
				return err
			})
			if ok != 5 || len(made) != 5 {
				t.Errorf("%d creates succeeded (%d distinct) on a device of 5 ports", ok, len(made))
			}
			for id, account := range made {
				out, err := procs[0].client(account, "us-east-1").DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(id)})
				if err != nil || len(out.Connections) != 1 {
					t.Errorf("acknowledged connection %s: %v", id, err)
				}
			}
		})
	}
}

func TestProcessesKeepVlansUniqueAndLagsBounded(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2, "--connections-per-location", "50")
			const account = "300000000000"
			c := procs[0].client(account, "us-east-1")
			gw, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("gw")})
			if err != nil {
				t.Fatal(err)
			}
			conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("RACE1"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("vifs")})
			if err != nil {
				t.Fatal(err)
			}
			// Twelve interfaces on three VLANs: one each may exist.
			ok := raceAll(t, procs, 12, func(i int, p *dxsimProcess) error {
				_, err := p.client(account, "us-east-1").CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
					ConnectionId: conn.ConnectionId,
					NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
						VirtualInterfaceName: aws.String(fmt.Sprint("v", i)), Vlan: int32(100 + i%3), Asn: 65000,
						DirectConnectGatewayId: gw.DirectConnectGateway.DirectConnectGatewayId,
					},
				})
				return err
			})
			vifs, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{ConnectionId: conn.ConnectionId})
			if err != nil {
				t.Fatal(err)
			}
			vlans := map[int32]int{}
			for _, v := range vifs.VirtualInterfaces {
				vlans[v.Vlan]++
			}
			if ok != 3 || len(vifs.VirtualInterfaces) != 3 || len(vlans) != 3 {
				t.Errorf("%d creates succeeded; interfaces per VLAN: %v; want one on each of 3 VLANs", ok, vlans)
			}

			// A LAG of 1 member and 8 connections racing to join it: a
			// 1Gbps LAG holds at most 4.
			lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("RACE1"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 1, LagName: aws.String("l")})
			if err != nil {
				t.Fatal(err)
			}
			var joiners []string
			for i := range 8 {
				j, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("RACE1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(fmt.Sprint("j", i))})
				if err != nil {
					t.Fatal(err)
				}
				joiners = append(joiners, aws.ToString(j.ConnectionId))
			}
			ok = raceAll(t, procs, 8, func(i int, p *dxsimProcess) error {
				_, err := p.client(account, "us-east-1").AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{
					ConnectionId: aws.String(joiners[i]), LagId: lag.LagId,
				})
				return err
			})
			lags, err := c.DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: lag.LagId})
			if err != nil {
				t.Fatal(err)
			}
			if members := len(lags.Lags[0].Connections); ok != 3 || members != 4 {
				t.Errorf("%d joins succeeded and the LAG has %d members; a 1Gbps LAG holds 4", ok, members)
			}

			// Eight requests of 10 new tags each on one connection: at most
			// 50 tags, and every acknowledged request's tags are there.
			arn := fmt.Sprintf("arn:aws:directconnect:us-east-1:%s:dxcon/%s", account, aws.ToString(conn.ConnectionId))
			ok = raceAll(t, procs, 8, func(i int, p *dxsimProcess) error {
				var tags []types.Tag
				for k := range 10 {
					tags = append(tags, types.Tag{Key: aws.String(fmt.Sprintf("k%d-%d", i, k)), Value: aws.String("v")})
				}
				_, err := p.client(account, "us-east-1").TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tags})
				return err
			})
			tags, err := c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{arn}})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(tags.ResourceTags[0].Tags); ok != 5 || n != 50 {
				t.Errorf("%d tag requests succeeded and the connection has %d tags; at most 50", ok, n)
			}
		})
	}
}

// TestKill9UnderLoadLosesNoAcknowledgedWrite kills a process with SIGKILL
// while clients create connections through it: every create it answered
// 200 is there afterwards, read through the other process on the store.
func TestKill9UnderLoadLosesNoAcknowledgedWrite(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2, "--connections-per-location", "1000000")
			victim, survivor := procs[0], procs[1]
			var mu sync.Mutex
			acked := map[string]string{} // connection ID -> account
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for w := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c := victim.client(fmt.Sprint(400000000000+w), "us-east-1")
					for {
						select {
						case <-stop:
							return
						default:
						}
						out, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
							Location: aws.String("BIG1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("load"),
						})
						if err != nil {
							select {
							case <-stop:
								return // the process is gone
							case <-time.After(time.Millisecond):
							}
							continue
						}
						mu.Lock()
						acked[aws.ToString(out.ConnectionId)] = fmt.Sprint(400000000000 + w)
						mu.Unlock()
					}
				}()
			}
			for {
				mu.Lock()
				n := len(acked)
				mu.Unlock()
				if n >= 200 {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := victim.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			close(stop)
			wg.Wait()
			victim.wait(t, ctx)
			mu.Lock()
			defer mu.Unlock()
			byAccount := map[string]map[string]bool{}
			for w := range 8 {
				account := fmt.Sprint(400000000000 + w)
				out, err := survivor.client(account, "us-east-1").DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
				if err != nil {
					t.Fatal(err)
				}
				byAccount[account] = map[string]bool{}
				for _, c := range out.Connections {
					byAccount[account][aws.ToString(c.ConnectionId)] = true
				}
			}
			lost := 0
			for id, account := range acked {
				if !byAccount[account][id] {
					lost++
				}
			}
			if lost > 0 {
				t.Errorf("%d of %d acknowledged creates are missing after kill -9", lost, len(acked))
			}
		})
	}
}
