package directconnect_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// TestFullDeviceAnswersTheSame: when one device of a location serves a
// bandwidth, its ports are not counted before they are claimed (there is no
// device to choose), and a create that finds too few free answers as one
// that counted them: naming the location, the bandwidth and the ports it
// asked for, before the LAG quota, and leaving nothing behind.
func TestFullDeviceAnswersTheSame(t *testing.T) {
	w := dxsimtest.StartSmall(t, func(cfg *server.Config) { cfg.Service.LagsPerRegion = 1 })
	c := w.Client()
	// TST1-aaaaaaaaaaaa, of 3 ports, is the only device with 1Gbps ports.
	dxsimtest.CreateConnection(t, c, "TST1", "1Gbps")
	dxsimtest.CreateConnection(t, c, "TST1", "1Gbps")
	_, err := c.CreateLag(ctx, dxsimtest.NewLag("TST1", "1Gbps", 2))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "No Direct Connect endpoint at location TST1 has 2 free 1Gbps port(s)")
	if got := dxsimtest.Counts(t, c); got != "2 connections, 0 LAGs" {
		t.Errorf("after a refused CreateLag: %s", got)
	}
	dxsimtest.CreateLag(t, c, dxsimtest.NewLag("TST1", "1Gbps", 1)) // the last port; the LAG quota is reached
	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("TST1"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("one too many")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "No Direct Connect endpoint at location TST1 has 1 free 1Gbps port(s)")
	_, err = c.CreateLag(ctx, dxsimtest.NewLag("TST1", "100Gbps", 1))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "No Direct Connect endpoint at location TST1 has 1 free 100Gbps port(s)")
	// A device with the ports answers the quota.
	_, err = c.CreateLag(ctx, dxsimtest.NewLag("TST1", "10Gbps", 1))
	dxsimtest.WantError(t, err, "DirectConnectClientException", "already has 1 LAGs in region us-east-1")
	if got := dxsimtest.Counts(t, c); got != "3 connections, 1 LAGs" {
		t.Errorf("after the refused creates: %s", got)
	}
	snap, err := w.Server.Controls().Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Ports) != 3 {
		t.Errorf("%d ports held, want 3: %+v", len(snap.Ports), snap.Ports)
	}
}
