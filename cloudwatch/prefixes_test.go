package cloudwatch_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/dxsimtest"
)

// The prefix counts are those ListVirtualInterfaceRoutes lists: a private
// interface advertises its VPC's CIDR, a public one accepts its route
// filter prefixes and advertises Amazon's; a session held down carries
// none.
func TestVirtualInterfaceBgpPrefixCounts(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	cw := cwClient(w, dxsimtest.Account, dxsimtest.Region)
	c := w.Client()
	conn := readyConnection(t, w)
	private, err := c.CreatePrivateVirtualInterface(context.Background(), &directconnect.CreatePrivateVirtualInterfaceInput{ConnectionId: &conn,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("vgw"), Vlan: 102, Asn: 65000, VirtualGatewayId: aws.String(dxsimtest.Vgw(2))}})
	if err != nil {
		t.Fatal(err)
	}
	public := dxsimtest.CreatePublicVIF(t, c, &conn, 101)
	w.Provision()
	w.Clock.Advance(w.Clock.Now().Truncate(time.Minute).Add(time.Minute).Sub(w.Clock.Now()))

	count := func(metric, vif string, from time.Time) float64 {
		t.Helper()
		var out cloudwatch.GetMetricStatisticsOutput
		err := cw.call("GetMetricStatistics", params("Namespace", "AWS/DX", "MetricName", metric,
			"Dimensions.member.1.Name", "ConnectionId", "Dimensions.member.1.Value", conn,
			"Dimensions.member.2.Name", "VirtualInterfaceId", "Dimensions.member.2.Value", vif,
			"Dimensions.member.3.Name", "IpAddressFamily", "Dimensions.member.3.Value", "ipv4",
			"StartTime", ts(from), "EndTime", ts(from.Add(time.Minute)), "Period", "60", "Statistics.member.1", "Maximum"), &out)
		if err != nil || len(out.Datapoints) != 1 || out.Datapoints[0].Unit != "Count" {
			t.Fatalf("%s of %s: %+v %v", metric, vif, out, err)
		}
		return *out.Datapoints[0].Maximum
	}
	routes := func(vif, direction string) float64 {
		t.Helper()
		out, err := c.ListVirtualInterfaceRoutes(context.Background(), &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: &vif,
			Filters: &types.RouteFilters{RouteDirection: types.RouteDirection(direction), AddressFamily: types.AddressFamilyIPv4}})
		if err != nil {
			t.Fatal(err)
		}
		return float64(len(out.Routes))
	}
	privateID, publicID := aws.ToString(private.VirtualInterfaceId), aws.ToString(public.VirtualInterfaceId)
	up := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	if got, want := count("VirtualInterfaceBgpPrefixesAdvertised", privateID, up), routes(privateID, "advertised"); got != 1 || got != want {
		t.Errorf("private interface advertises %v prefixes, lists %v routes; want its VPC CIDR", got, want)
	}
	if got := count("VirtualInterfaceBgpPrefixesAccepted", privateID, up); got != 0 {
		t.Errorf("private interface accepts %v prefixes", got)
	}
	if got, want := count("VirtualInterfaceBgpPrefixesAccepted", publicID, up), routes(publicID, "accepted"); got != 1 || got != want {
		t.Errorf("public interface accepts %v prefixes, lists %v routes; want its route filter prefix", got, want)
	}
	if got, want := count("VirtualInterfaceBgpPrefixesAdvertised", publicID, up), routes(publicID, "advertised"); got == 0 || got != want {
		t.Errorf("public interface advertises %v prefixes, lists %v routes", got, want)
	}

	for _, v := range []*string{private.VirtualInterfaceId, public.VirtualInterfaceId} {
		if err := w.SetBGPStatus(ctx, aws.ToString(dxsimtest.DescribeVIF(t, c, v).BgpPeers[0].BgpPeerId), "down"); err != nil {
			t.Fatal(err)
		}
	}
	down := w.Clock.Now()
	w.Clock.Advance(time.Minute)
	for _, metric := range []string{"VirtualInterfaceBgpPrefixesAccepted", "VirtualInterfaceBgpPrefixesAdvertised"} {
		for _, vif := range []string{privateID, publicID} {
			if got := count(metric, vif, down); got != 0 {
				t.Errorf("%s of %s with its session down: %v", metric, vif, got)
			}
		}
	}
	// Read again later, the minute the sessions were up still counts them.
	if got := count("VirtualInterfaceBgpPrefixesAccepted", publicID, up); got != 1 {
		t.Errorf("public interface accepted %v prefixes while up, read after", got)
	}
}
