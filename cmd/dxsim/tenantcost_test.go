package main

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestATenantsCostIsBounded fills one account with the most it may store
// at a location: 32 connections (the quota, raised by flag), each with the
// longest name and 50 tags of the longest keys and values, every character
// four bytes. Names of nearly 1 MiB, which dxsim once stored, are refused.
// Six clients at a time then describe all of them, and the server's peak
// RSS stays within the bound below.
//
// The bound: a connection stores at most 1 KiB of name and 50 x 1.5 KiB of
// tags, so one DescribeConnections answer is about 2.5 MiB of JSON. Each
// request holds a few copies of it (rows, records, wire shapes, the
// encoded body: say 5), six at once, and the heap may grow to twice its
// live size before a collection: 2 x 6 x 5 x 2.5 MiB = 150 MiB. The test
// allows 256 MiB of growth for a noisy machine. With names of 1 MiB, the
// same requests took the server from 152 MiB to 1,050 MiB.
func TestATenantsCostIsBounded(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads RSS from /proc")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const quota = 32
	p := startDxsim(t, ctx, t.TempDir(), "--data", ":memory:", "--connections-per-location", strconv.Itoa(quota))
	c := p.client(dxsimtest.Account, dxsimtest.Region)

	huge := strings.Repeat("n", 1<<20-1024)
	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(huge)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "'connectionName'", "256")

	const letter = "𝒜" // a letter of four bytes, which names and tags admit
	name := strings.Repeat(letter, 256)
	var tags []types.Tag
	for i := range 50 {
		tags = append(tags, types.Tag{Key: aws.String(fmt.Sprintf("%02d", i) + strings.Repeat(letter, 126)), Value: aws.String(strings.Repeat(letter, 256))})
	}
	for i := range quota {
		out, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(name), Tags: tags})
		if err != nil {
			t.Fatalf("connection %d: %v", i+1, err)
		}
		if i == 0 {
			_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: out.ConnectionId, ConnectionName: aws.String(huge)})
			dxsimtest.WantError(t, err, "DirectConnectClientException", "'connectionName'", "256")
		}
	}
	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(name)})
	dxsimtest.WantError(t, err, "DirectConnectClientException")

	pid := p.cmd.Process.Pid
	before := rssMiB(t, pid)
	for range 5 {
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
				if err != nil {
					t.Error(err)
					return
				}
				if len(out.Connections) != quota || aws.ToString(out.Connections[0].ConnectionName) != name || len(out.Connections[0].Tags) != 50 {
					t.Errorf("DescribeConnections answered %d connections", len(out.Connections))
				}
			}()
		}
		wg.Wait()
	}
	peak := peakRSSMiB(t, pid)
	t.Logf("dxsim RSS: %d MiB with %d connections of the longest names and tags stored; peak %d MiB over 5 rounds of 6 concurrent DescribeConnections", before, quota, peak)
	if peak-before > 256 {
		t.Errorf("describing one tenant's connections grew dxsim by %d MiB; the bound is 256", peak-before)
	}
}
