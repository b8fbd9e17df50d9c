package cloudwatch_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestVirtualInterfaceTrafficAndBgpStatus(t *testing.T) {
	w := dxsimtest.Start(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	conn := readyConnection(t, w)
	vif := dxsimtest.CreatePublicVIF(t, w.Client(), &conn, 101)
	vifID, peer := aws.ToString(vif.VirtualInterfaceId), aws.ToString(vif.BgpPeers[0].BgpPeerId)
	w.Provision()
	w.Clock.Advance(w.Clock.Now().Truncate(time.Minute).Add(time.Minute).Sub(w.Clock.Now()))

	var list cloudwatch.ListMetricsOutput
	if err := cw.call("ListMetrics", params("Dimensions.member.1.Name", "VirtualInterfaceId", "Dimensions.member.1.Value", vifID), &list); err != nil {
		t.Fatal(err)
	}
	names := map[string][]cloudwatch.Dimension{}
	for _, m := range list.Metrics {
		names[m.MetricName] = m.Dimensions
	}
	if len(names) != 7 || len(names["VirtualInterfaceBgpStatus"]) != 3 || len(names["VirtualInterfaceBgpPrefixesAccepted"]) != 3 || names["VirtualInterfaceBgpStatus"][2] != (cloudwatch.Dimension{Name: "IpAddressFamily", Value: "ipv4"}) ||
		names["VirtualInterfaceBpsEgress"][0] != (cloudwatch.Dimension{Name: "ConnectionId", Value: conn}) {
		t.Fatalf("metrics of the interface: %+v", names)
	}
	bgp := func(from time.Time) float64 {
		t.Helper()
		var out cloudwatch.GetMetricStatisticsOutput
		err := cw.call("GetMetricStatistics", params("Namespace", "AWS/DX", "MetricName", "VirtualInterfaceBgpStatus",
			"Dimensions.member.1.Name", "VirtualInterfaceId", "Dimensions.member.1.Value", vifID,
			"Dimensions.member.2.Name", "ConnectionId", "Dimensions.member.2.Value", conn,
			"Dimensions.member.3.Name", "IpAddressFamily", "Dimensions.member.3.Value", "ipv4",
			"StartTime", ts(from), "EndTime", ts(from.Add(time.Minute)), "Period", "60", "Statistics.member.1", "Minimum"), &out)
		if err != nil || len(out.Datapoints) != 1 {
			t.Fatalf("BGP status: %+v %v", out, err)
		}
		return *out.Datapoints[0].Minimum
	}
	up := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	if err := w.SetBGPStatus(ctx, peer, "down"); err != nil {
		t.Fatal(err)
	}
	down := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	if bgp(up) != 1 || bgp(down) != 0 {
		t.Errorf("BGP status up %v, then held down %v", bgp(up), bgp(down))
	}
	// A held BGP session does not take the interface down: it still
	// carries traffic, scaled to its 1 Gbps connection.
	var out cloudwatch.GetMetricStatisticsOutput
	if err := cw.call("GetMetricStatistics", params("Namespace", "AWS/DX", "MetricName", "VirtualInterfaceBpsIngress",
		"Dimensions.member.1.Name", "VirtualInterfaceId", "Dimensions.member.1.Value", vifID,
		"StartTime", ts(up), "EndTime", ts(up.Add(2*time.Minute)), "Period", "120", "Statistics.member.1", "Average"), &out); err != nil {
		t.Fatal(err)
	}
	if avg := average(t, out.Datapoints); avg <= 0 || avg > 1e9 {
		t.Errorf("interface ingress %v bps", avg)
	}
}

func TestAHostedInterfaceOwnerReadsItsConnectionState(t *testing.T) {
	w := dxsimtest.Start(t)
	conn := readyConnection(t, w)
	_, err := w.Client().AllocatePrivateVirtualInterface(ctx, &directconnect.AllocatePrivateVirtualInterfaceInput{
		ConnectionId: &conn, OwnerAccount: aws.String(dxsimtest.OtherAccount),
		NewPrivateVirtualInterfaceAllocation: &types.NewPrivateVirtualInterfaceAllocation{VirtualInterfaceName: aws.String("hosted"), Vlan: 200, Asn: 65001},
	})
	if err != nil {
		t.Fatal(err)
	}
	start := w.Clock.Now()
	w.Clock.Advance(2 * time.Minute)
	owner := cwClient(w, dxsimtest.OtherAccount, dxsimtest.Region)
	if dps := owner.stats(t, "ConnectionState", conn, start, w.Clock.Now(), 60, "Minimum"); len(dps) != 2 || *dps[0].Minimum != 1 {
		t.Errorf("the hosted interface's owner reads %+v", dps)
	}
	if dps := owner.stats(t, "ConnectionBpsEgress", conn, start, w.Clock.Now(), 60, "Average"); len(dps) != 0 {
		t.Errorf("the hosted interface's owner reads the connection's traffic: %+v", dps)
	}
	if dps := cwClient(w, "777788889999", dxsimtest.Region).stats(t, "ConnectionState", conn, start, w.Clock.Now(), 60, "Minimum"); len(dps) != 0 {
		t.Errorf("a third account reads %+v", dps)
	}
}
