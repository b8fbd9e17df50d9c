package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
)

// Further rules that must hold when requests race across processes on one
// store: a host's capacity, a LAG's minimumLinks, and one clock.

func TestProcessesHoldHostedCapacity(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			const partner = "500000000000"
			procs := sharedWorld(t, ctx, backend, 2, "--partner-accounts", partner+":v2")
			ic, err := procs[0].client(partner, "us-east-1").CreateInterconnect(ctx, &directconnect.CreateInterconnectInput{
				Location: aws.String("RACE1"), Bandwidth: aws.String("10Gbps"), InterconnectName: aws.String("ic"),
			})
			if err != nil {
				t.Fatal(err)
			}
			// Twelve 2Gbps hosted connections on distinct VLANs race for
			// 10Gbps: five fit.
			ok := raceAll(t, procs, 12, func(i int, p *dxsimProcess) error {
				_, err := p.client(partner, "us-east-1").AllocateHostedConnection(ctx, &directconnect.AllocateHostedConnectionInput{
					ConnectionId: ic.InterconnectId, OwnerAccount: aws.String(fmt.Sprint(500000000100 + i)),
					Bandwidth: aws.String("2Gbps"), ConnectionName: aws.String(fmt.Sprint("h", i)), Vlan: int32(100 + i),
				})
				return err
			})
			out, err := procs[1].client(partner, "us-east-1").DescribeHostedConnections(ctx, &directconnect.DescribeHostedConnectionsInput{ConnectionId: ic.InterconnectId})
			if err != nil {
				t.Fatal(err)
			}
			if ok != 5 || len(out.Connections) != 5 {
				t.Errorf("%d allocations succeeded and the interconnect hosts %d connections of 2Gbps; 10Gbps holds 5", ok, len(out.Connections))
			}
		})
	}
}

func TestProcessesHoldMinimumLinks(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2)
			const account = "600000000000"
			c := procs[0].client(account, "us-east-1")
			lag, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
				Location: aws.String("RACE1"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 4, LagName: aws.String("l"),
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 2}); err != nil {
				t.Fatal(err)
			}
			// Three members leave and minimumLinks is raised to 3, all at
			// once. In any order exactly two succeed (two leave; or one
			// leaves and the raise lands) and the LAG keeps at least
			// minimumLinks members: two with minimumLinks 2, or three with 3.
			ok := raceAll(t, procs, 4, func(i int, p *dxsimProcess) error {
				pc := p.client(account, "us-east-1")
				if i == 3 {
					_, err := pc.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, MinimumLinks: 3})
					return err
				}
				_, err := pc.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{
					LagId: lag.LagId, ConnectionId: lag.Connections[i].ConnectionId,
				})
				return err
			})
			out, err := procs[1].client(account, "us-east-1").DescribeLags(ctx, &directconnect.DescribeLagsInput{LagId: lag.LagId})
			if err != nil {
				t.Fatal(err)
			}
			l := out.Lags[0]
			if members := len(l.Connections); ok != 2 || members != int(l.MinimumLinks) || members < 2 || members > 3 {
				t.Errorf("%d of 4 requests succeeded; the LAG has %d members and minimumLinks %d", ok, members, l.MinimumLinks)
			}
		})
	}
}

// TestProcessesTellOneTime advances the clock through one process and reads
// a state that depends on it through the other at once: each transaction
// reads the clock saved with the world, not a copy of the process's.
func TestProcessesTellOneTime(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
			defer cancel()
			procs := sharedWorld(t, ctx, backend, 2, "--auto-cross-connect")
			if out, err := procs[0].admin(t, ctx, nil, "clock", "set", "manual"); err != nil {
				t.Fatalf("clock set manual: %v\n%s", err, out)
			}
			const account = "700000000000"
			reader := procs[1].client(account, "us-east-1")
			conn, err := reader.CreateConnection(ctx, &directconnect.CreateConnectionInput{
				Location: aws.String("RACE1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("t"),
			})
			if err != nil {
				t.Fatal(err)
			}
			if conn.ConnectionState != "requested" {
				t.Fatalf("a new connection on a stopped clock is %s; want requested", conn.ConnectionState)
			}
			for range 3 {
				if out, err := procs[0].admin(t, ctx, nil, "clock", "advance", "1h"); err != nil {
					t.Fatalf("clock advance: %v\n%s", err, out)
				}
				out, err := reader.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: conn.ConnectionId})
				if err != nil {
					t.Fatal(err)
				}
				if s := out.Connections[0].ConnectionState; s != "available" {
					t.Fatalf("right after the other process advanced the clock an hour, the connection is %s; want available", s)
				}
			}
		})
	}
}
