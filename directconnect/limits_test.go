package directconnect_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
)

// Names are bounded at 256 characters (awsapi/model.MaxString): the
// longest is stored and answered whole, one character more is refused.
var (
	longestName = strings.Repeat("𝄞", 256) // 256 characters of 4 bytes each
	tooLongName = strings.Repeat("n", 257)
	hugeName    = strings.Repeat("n", 1<<20-4096) // what the front end once stored
)

// TestTheLongestNamesAreKeptWhole: a connection, LAG, Direct Connect
// gateway and virtual interface named with 256 four-byte characters answer
// their names unchanged.
func TestTheLongestNamesAreKeptWhole(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(longestName)})
	if err != nil {
		t.Fatal(err)
	}
	lag := dxsimtest.CreateLag(t, c, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 1, LagName: aws.String(longestName)})
	gw := dxsimtest.GwCreate(t, c, longestName, nil)
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
	if _, err := c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId, VirtualInterfaceName: aws.String(longestName)}); err != nil {
		t.Fatal(err)
	}
	for what, got := range map[string]*string{
		"connection":        dxsimtest.DescribeConnection(t, c, conn.ConnectionId).ConnectionName,
		"LAG":               dxsimtest.DescribeLag(t, c, lag.LagId).LagName,
		"gateway":           gw.DirectConnectGatewayName,
		"virtual interface": dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceName,
	} {
		if aws.ToString(got) != longestName {
			t.Errorf("the %s's name has %d bytes, want the 1,024 it was given", what, len(aws.ToString(got)))
		}
	}
}

// TestLongerNamesAndIDsAreRefusedEverywhere: a name or ID of 257
// characters, or of nearly 1 MiB, is refused by every operation that takes
// it, with a message that names the member and the bound and does not
// repeat the value, and changes nothing.
func TestLongerNamesAndIDsAreRefusedEverywhere(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	gw := dxsimtest.GwCreate(t, c, "gw", nil)
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 101)
	before := dxsimtest.Counts(t, c)
	for _, name := range []string{tooLongName, hugeName} {
		for _, tc := range []struct {
			member string
			call   func() error
		}{
			{"'connectionName'", func() error {
				_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String(name)})
				return err
			}},
			{"'connectionName'", func() error {
				_, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId, ConnectionName: aws.String(name)})
				return err
			}},
			{"'lagName'", func() error {
				_, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 1, LagName: aws.String(name)})
				return err
			}},
			{"'lagName'", func() error {
				_, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId, LagName: aws.String(name)})
				return err
			}},
			{"'directConnectGatewayName'", func() error {
				_, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String(name)})
				return err
			}},
			{"'newDirectConnectGatewayName'", func() error {
				_, err := c.UpdateDirectConnectGateway(ctx, &directconnect.UpdateDirectConnectGatewayInput{DirectConnectGatewayId: gw.DirectConnectGatewayId, NewDirectConnectGatewayName: aws.String(name)})
				return err
			}},
			{"'newPublicVirtualInterface.virtualInterfaceName'", func() error {
				in := dxsimtest.PublicVIF(102)
				in.VirtualInterfaceName = aws.String(name)
				_, err := c.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: conn.ConnectionId, NewPublicVirtualInterface: in})
				return err
			}},
			{"'virtualInterfaceName'", func() error {
				_, err := c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId, VirtualInterfaceName: aws.String(name)})
				return err
			}},
			{"'connectionId'", func() error {
				_, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(name)})
				return err
			}},
			{"'tags.1.member.value'", func() error {
				_, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String("arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxcon/" + aws.ToString(conn.ConnectionId)),
					Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String(name)}}})
				return err
			}},
		} {
			err := tc.call()
			if tc.member == "'tags.1.member.value'" {
				// The model bounds tag values (256); the tag rule says so.
				dxsimtest.WantError(t, err, dx.ClientException, "at most 256 characters")
				continue
			}
			dxsimtest.WantError(t, err, dx.ClientException, "1 validation error detected", tc.member, "length less than or equal to 256", "it has")
			if msg := err.Error(); len(msg) > 1024 || strings.Contains(msg, strings.Repeat("n", 100)) {
				t.Errorf("the refusal repeats the value: %d bytes", len(msg))
			}
		}
	}
	if after := dxsimtest.Counts(t, c); after != before {
		t.Errorf("refused requests changed the world: %s, was %s", after, before)
	}
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId).ConnectionName; aws.ToString(got) != "test connection" {
		t.Errorf("the connection's name is %.40q after refused updates", aws.ToString(got))
	}
	if got := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId).VirtualInterfaceName; len(aws.ToString(got)) > 256 {
		t.Errorf("the interface's name has %d bytes after refused updates", len(aws.ToString(got)))
	}
}
