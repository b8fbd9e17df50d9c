package directconnect_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestCreateConnectionFillsTheModel(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	out, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("primary"),
		ProviderName: aws.String("Megaport"), Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^dxcon-[a-z0-9]{8}$`).MatchString(aws.ToString(out.ConnectionId)) {
		t.Errorf("connectionId %q is not dxcon- and 8 lowercase letters and digits", aws.ToString(out.ConnectionId))
	}
	if out.ConnectionState != types.ConnectionStateRequested {
		t.Errorf("new connection is %s, want requested", out.ConnectionState)
	}
	want := map[string]string{"ownerAccount": dxsimtest.Account, "region": "us-east-1", "location": "EqDC2", "bandwidth": "10Gbps", "providerName": "Megaport", "connectionName": "primary"}
	for name, got := range map[string]*string{
		"ownerAccount": out.OwnerAccount, "region": out.Region, "location": out.Location,
		"bandwidth": out.Bandwidth, "providerName": out.ProviderName, "connectionName": out.ConnectionName,
	} {
		if aws.ToString(got) != want[name] {
			t.Errorf("%s = %q, want %q", name, aws.ToString(got), want[name])
		}
	}
	if aws.ToString(out.AwsDevice) == "" || aws.ToString(out.AwsDeviceV2) == "" || aws.ToString(out.AwsLogicalDeviceId) == "" {
		t.Errorf("device members not filled: %q %q %q", aws.ToString(out.AwsDevice), aws.ToString(out.AwsDeviceV2), aws.ToString(out.AwsLogicalDeviceId))
	}
	if out.HasLogicalRedundancy == "" || out.JumboFrameCapable == nil || out.MacSecCapable == nil {
		t.Errorf("hasLogicalRedundancy %q / jumboFrameCapable %v / macSecCapable %v not filled", out.HasLogicalRedundancy, out.JumboFrameCapable, out.MacSecCapable)
	}
	if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Key) != "env" || aws.ToString(out.Tags[0].Value) != "test" {
		t.Errorf("tags = %+v", out.Tags)
	}
	got := dxsimtest.DescribeConnections(t, c)
	if len(got) != 1 || aws.ToString(got[0].ConnectionId) != aws.ToString(out.ConnectionId) || aws.ToString(got[0].AwsDevice) != aws.ToString(out.AwsDevice) {
		t.Fatalf("DescribeConnections = %+v", got)
	}
}

func TestConnectionLifecycleFollowsTheClock(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	id := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId
	tm := w.Config.Service.Timings
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateRequested {
		t.Fatalf("new connection is %s, want requested", s)
	}
	w.Clock.Advance(1000 * time.Hour)
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateRequested {
		t.Fatalf("1000h later without an LOA download: %s, want requested", s)
	}
	dxsimtest.DownloadLoa(t, c, id)
	w.Clock.Advance(tm.CrossConnect - time.Second)
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateRequested {
		t.Fatalf("%v after the LOA download: %s, want requested until the cross-connect is delivered", tm.CrossConnect-time.Second, s)
	}
	w.Clock.Advance(time.Second)
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStatePending {
		t.Fatalf("%v after the LOA download: %s, want pending", tm.CrossConnect, s)
	}
	w.Clock.Advance(tm.Pending)
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateAvailable {
		t.Fatalf("after %v more: %s, want available", tm.Pending, s)
	}
	del, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: id})
	if err != nil {
		t.Fatal(err)
	}
	if del.ConnectionState != types.ConnectionStateDeleting {
		t.Errorf("DeleteConnection answered %s, want deleting", del.ConnectionState)
	}
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateDeleting {
		t.Errorf("connection just deleted describes as %s, want deleting", s)
	}
	w.Clock.Advance(tm.Deleting)
	if s := dxsimtest.DescribeConnection(t, c, id).ConnectionState; s != types.ConnectionStateDeleted {
		t.Errorf("%v after deletion: %s, want deleted", tm.Deleting, s)
	}
	w.Clock.Advance(w.Config.Service.DeletedRetention)
	if n := len(dxsimtest.DescribeConnections(t, c)); n != 0 {
		t.Errorf("%d connections listed after the deleted-retention period, want 0", n)
	}
}
