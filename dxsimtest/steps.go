package dxsimtest

// Steps through the Direct Connect client that the tests of several
// packages (server, directconnect, operator, secretsmanager) take: each
// makes one call and fails the test if it is refused.

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/sim"
)

func CreateConnection(t testing.TB, c *directconnect.Client, location, bandwidth string) *directconnect.CreateConnectionOutput {
	t.Helper()
	out, err := c.CreateConnection(context.Background(), &directconnect.CreateConnectionInput{
		Location: aws.String(location), Bandwidth: aws.String(bandwidth), ConnectionName: aws.String("test connection"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ReadyConnection creates a connection and downloads its LOA-CFA, so that
// it becomes available as the clock advances.
func ReadyConnection(t testing.TB, c *directconnect.Client, location, bandwidth string) *directconnect.CreateConnectionOutput {
	t.Helper()
	out := CreateConnection(t, c, location, bandwidth)
	DownloadLoa(t, c, out.ConnectionId)
	return out
}

// DownloadLoa downloads the LOA-CFA of a connection, interconnect or LAG,
// which orders its cross-connect.
func DownloadLoa(t testing.TB, c *directconnect.Client, id *string) {
	t.Helper()
	if _, err := c.DescribeLoa(context.Background(), &directconnect.DescribeLoaInput{ConnectionId: id}); err != nil {
		t.Fatal(err)
	}
}

func DescribeConnections(t testing.TB, c *directconnect.Client) []types.Connection {
	t.Helper()
	out, err := c.DescribeConnections(context.Background(), &directconnect.DescribeConnectionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Connections
}

func DescribeConnection(t testing.TB, c *directconnect.Client, id *string) types.Connection {
	t.Helper()
	out, err := c.DescribeConnections(context.Background(), &directconnect.DescribeConnectionsInput{ConnectionId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Connections) != 1 {
		t.Fatalf("DescribeConnections(%s) returned %d connections", aws.ToString(id), len(out.Connections))
	}
	return out.Connections[0]
}

// WantConnectionState fails t unless connection id is in state want.
func WantConnectionState(t testing.TB, c *directconnect.Client, id *string, want types.ConnectionState) {
	t.Helper()
	if got := DescribeConnection(t, c, id).ConnectionState; got != want {
		t.Fatalf("connection %s is %s, want %s", aws.ToString(id), got, want)
	}
}

func CreateLag(t testing.TB, c *directconnect.Client, in *directconnect.CreateLagInput) *directconnect.CreateLagOutput {
	t.Helper()
	if in.LagName == nil {
		in.LagName = aws.String("test lag")
	}
	out, err := c.CreateLag(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func NewLag(location, bandwidth string, n int32) *directconnect.CreateLagInput {
	return &directconnect.CreateLagInput{Location: aws.String(location), ConnectionsBandwidth: aws.String(bandwidth), NumberOfConnections: n, LagName: aws.String("test lag")}
}

func DescribeLag(t testing.TB, c *directconnect.Client, id *string) types.Lag {
	t.Helper()
	out, err := c.DescribeLags(context.Background(), &directconnect.DescribeLagsInput{LagId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Lags) != 1 {
		t.Fatalf("DescribeLags(%s) returned %d LAGs", aws.ToString(id), len(out.Lags))
	}
	return out.Lags[0]
}

func describeLags(t testing.TB, c *directconnect.Client) []types.Lag {
	t.Helper()
	out, err := c.DescribeLags(context.Background(), &directconnect.DescribeLagsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Lags
}

// Counts is how many connections and LAGs the account has, for checking that
// a refused request created nothing.
func Counts(t testing.TB, c *directconnect.Client) string {
	t.Helper()
	return fmt.Sprintf("%d connections, %d LAGs", len(DescribeConnections(t, c)), len(describeLags(t, c)))
}

func PublicVIF(vlan int32) *types.NewPublicVirtualInterface {
	return &types.NewPublicVirtualInterface{
		VirtualInterfaceName: aws.String(fmt.Sprintf("public-%d", vlan)), Vlan: vlan, Asn: 65000,
		AmazonAddress: aws.String("203.0.113.1/30"), CustomerAddress: aws.String("203.0.113.2/30"),
		RouteFilterPrefixes: []types.RouteFilterPrefix{{Cidr: aws.String("198.51.100.0/24")}},
	}
}

func CreatePublicVIF(t testing.TB, c *directconnect.Client, connID *string, vlan int32) *directconnect.CreatePublicVirtualInterfaceOutput {
	t.Helper()
	in := PublicVIF(vlan)
	// Distinct public peer addresses per interface.
	in.AmazonAddress = aws.String(fmt.Sprintf("203.0.%d.1/30", vlan%250))
	in.CustomerAddress = aws.String(fmt.Sprintf("203.0.%d.2/30", vlan%250))
	out, err := c.CreatePublicVirtualInterface(context.Background(), &directconnect.CreatePublicVirtualInterfaceInput{ConnectionId: connID, NewPublicVirtualInterface: in})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func DescribeVIF(t testing.TB, c *directconnect.Client, id *string) types.VirtualInterface {
	t.Helper()
	out, err := c.DescribeVirtualInterfaces(context.Background(), &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.VirtualInterfaces) != 1 {
		t.Fatalf("DescribeVirtualInterfaces(%s) returned %d", aws.ToString(id), len(out.VirtualInterfaces))
	}
	return out.VirtualInterfaces[0]
}

// VifCount is how many virtual interfaces c's account lists.
func VifCount(t testing.TB, c *directconnect.Client) int {
	t.Helper()
	out, err := c.DescribeVirtualInterfaces(context.Background(), &directconnect.DescribeVirtualInterfacesInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.VirtualInterfaces)
}

// Virtual private and transit gateways of the gateway tests. Vgw(i) is in
// us-east-1 with VPC 10.i.0.0/16, Tgw(i) in us-east-1 with ASN 65000+i,
// except those set apart below.
func Vgw(i int) string { return fmt.Sprintf("vgw-%017x", i) }
func Tgw(i int) string { return fmt.Sprintf("tgw-%017x", i) }

const (
	GwWest       = 100 // Vgw(100) and Tgw(100) are in us-west-2; Tgw(100) has Tgw(1)'s ASN
	GwOther      = 200 // Vgw(200) and Tgw(200) belong to OtherAccount
	GwOverlap    = 50  // Vgw(50)'s VPC overlaps Vgw(1)'s
	GwDefaultAsn = 9   // Tgw(9) has the default ASN, 64512
)

func GwDeclared() []dx.VirtualGatewayRecord {
	var gws []dx.VirtualGatewayRecord
	for i := 1; i <= 22; i++ {
		gws = append(gws, dx.VirtualGatewayRecord{ID: Vgw(i), Owner: Account, Region: Region, Type: dx.VirtualPrivateGateway, VpcCidrs: []string{fmt.Sprintf("10.%d.0.0/16", i)}})
	}
	for i := 1; i <= 8; i++ {
		gws = append(gws, dx.VirtualGatewayRecord{ID: Tgw(i), Owner: Account, Region: Region, Type: dx.TransitGateway, AmazonSideAsn: int64(65000 + i)})
	}
	return append(gws,
		dx.VirtualGatewayRecord{ID: Tgw(GwDefaultAsn), Owner: Account, Region: Region, Type: dx.TransitGateway},
		dx.VirtualGatewayRecord{ID: Vgw(GwOverlap), Owner: Account, Region: Region, Type: dx.VirtualPrivateGateway, VpcCidrs: []string{"10.1.128.0/17"}},
		dx.VirtualGatewayRecord{ID: Vgw(GwWest), Owner: Account, Region: "us-west-2", Type: dx.VirtualPrivateGateway, VpcCidrs: []string{"10.100.0.0/16"}},
		dx.VirtualGatewayRecord{ID: Tgw(GwWest), Owner: Account, Region: "us-west-2", Type: dx.TransitGateway, AmazonSideAsn: 65001},
		dx.VirtualGatewayRecord{ID: Vgw(GwOther), Owner: OtherAccount, Region: Region, Type: dx.VirtualPrivateGateway, VpcCidrs: []string{"10.200.0.0/16"}},
		dx.VirtualGatewayRecord{ID: Tgw(GwOther), Owner: OtherAccount, Region: Region, Type: dx.TransitGateway, AmazonSideAsn: 65200},
	)
}

func GwWorld(t testing.TB) *World {
	return Start(t, func(c *server.Config) { c.Service.VirtualGateways = GwDeclared() })
}

func GwCreate(t testing.TB, c *directconnect.Client, name string, asn *int64) types.DirectConnectGateway {
	t.Helper()
	out, err := c.CreateDirectConnectGateway(context.Background(), &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String(name), AmazonSideAsn: asn})
	if err != nil {
		t.Fatal(err)
	}
	return *out.DirectConnectGateway
}

func GwPrefixes(cidrs ...string) []types.RouteFilterPrefix {
	var out []types.RouteFilterPrefix
	for _, c := range cidrs {
		out = append(out, types.RouteFilterPrefix{Cidr: aws.String(c)})
	}
	return out
}

func GwAssociate(t testing.TB, c *directconnect.Client, dxgw *string, gateway string, cidrs ...string) types.DirectConnectGatewayAssociation {
	t.Helper()
	out, err := c.CreateDirectConnectGatewayAssociation(context.Background(), &directconnect.CreateDirectConnectGatewayAssociationInput{
		DirectConnectGatewayId: dxgw, GatewayId: aws.String(gateway), AddAllowedPrefixesToDirectConnectGateway: GwPrefixes(cidrs...),
	})
	if err != nil {
		t.Fatal(err)
	}
	return *out.DirectConnectGatewayAssociation
}

// GwPrivateVIF creates a private virtual interface on connection conn with
// vlan, attached to Direct Connect gateway dxgw, and answers its ID.
func GwPrivateVIF(t testing.TB, c *directconnect.Client, conn, dxgw *string, vlan int32) *string {
	t.Helper()
	out, err := c.CreatePrivateVirtualInterface(context.Background(), &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String(fmt.Sprintf("private-%d", vlan)), Vlan: vlan, Asn: 65000, DirectConnectGatewayId: dxgw,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.VirtualInterfaceId
}

// GwSettle advances the clock past a gateway or association state change.
func GwSettle(w *World) { w.Clock.Advance(w.Config.Service.Timings.Gateway) }

// Key material of the tests. The CAKs differ from every CKN so that a CAK
// found in a response cannot be a CKN.
const (
	MacsecCkn  = "1111111111111111111111111111111111111111111111111111111111111111"
	MacsecCak  = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	MacsecCkn2 = "2222222222222222222222222222222222222222222222222222222222222222"
	MacsecCak2 = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
)

// MacsecTimings make each stage long enough that a key can come into force
// well before its connection is available.
func MacsecTimings(c *server.Config) {
	c.Service.Timings = sim.Timings{CrossConnect: 10 * time.Minute, Pending: 10 * time.Minute, MacSecKey: time.Minute}
}

func MacsecConnection(t testing.TB, c *directconnect.Client, location, bandwidth string) *directconnect.CreateConnectionOutput {
	t.Helper()
	out, err := c.CreateConnection(context.Background(), &directconnect.CreateConnectionInput{
		Location: aws.String(location), Bandwidth: aws.String(bandwidth), ConnectionName: aws.String("macsec connection"), RequestMACSec: aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(out.MacSecCapable) {
		t.Fatalf("connection %s created with requestMACSec is not macSecCapable", aws.ToString(out.ConnectionId))
	}
	return out
}

func MacsecAssociate(t testing.TB, c *directconnect.Client, id *string, ckn, cak string) *directconnect.AssociateMacSecKeyOutput {
	t.Helper()
	out, err := c.AssociateMacSecKey(context.Background(), &directconnect.AssociateMacSecKeyInput{ConnectionId: id, Ckn: aws.String(ckn), Cak: aws.String(cak)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ConnectionId) != aws.ToString(id) || len(out.MacSecKeys) == 0 {
		t.Fatalf("AssociateMacSecKey(%s) answered %s with %d keys", aws.ToString(id), aws.ToString(out.ConnectionId), len(out.MacSecKeys))
	}
	return out
}

// MacsecLag creates a LAG of n connections of bandwidth at location,
// asking for MACsec if macSec.
func MacsecLag(t testing.TB, c *directconnect.Client, location, bandwidth string, n int32, macSec bool) *directconnect.CreateLagOutput {
	t.Helper()
	out, err := c.CreateLag(context.Background(), &directconnect.CreateLagInput{
		Location: aws.String(location), ConnectionsBandwidth: aws.String(bandwidth), NumberOfConnections: n,
		LagName: aws.String("macsec lag"), RequestMACSec: aws.Bool(macSec),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// MacsecSecretOf is the secretARN of the key with ckn listed on connection id.
func MacsecSecretOf(t testing.TB, c *directconnect.Client, id *string, ckn string) *string {
	t.Helper()
	for _, k := range DescribeConnection(t, c, id).MacSecKeys {
		if aws.ToString(k.Ckn) == ckn {
			return k.SecretARN
		}
	}
	t.Fatalf("%s lists no key with CKN %s", aws.ToString(id), ckn)
	return nil
}

// MacsecSecretARN matches the ARN of a secret that holds a MACsec key of
// Account, as Direct Connect lists it.
var MacsecSecretARN = regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:111122223333:secret:\S+$`)

// Direct Connect Partners of the partner tests: PartnerAccount
// (sub-gigabit, named) and GigaPartnerAccount (gigabit).
const (
	PartnerAccount     = "777788889999"
	GigaPartnerAccount = "888899990000"
)

func CreateInterconnect(t testing.TB, c *directconnect.Client, bandwidth string, macSec bool) *directconnect.CreateInterconnectOutput {
	t.Helper()
	out, err := c.CreateInterconnect(context.Background(), &directconnect.CreateInterconnectInput{
		InterconnectName: aws.String("ic"), Bandwidth: aws.String(bandwidth), Location: aws.String("EqDC2"), RequestMACSec: aws.Bool(macSec),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func Allocate(t testing.TB, partner *directconnect.Client, hostID *string, bandwidth string, vlan int32) *directconnect.AllocateHostedConnectionOutput {
	t.Helper()
	out, err := partner.AllocateHostedConnection(context.Background(), Allocation(hostID, bandwidth, vlan))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func Allocation(hostID *string, bandwidth string, vlan int32) *directconnect.AllocateHostedConnectionInput {
	return &directconnect.AllocateHostedConnectionInput{
		ConnectionId: hostID, OwnerAccount: aws.String(Account), Bandwidth: aws.String(bandwidth),
		ConnectionName: aws.String("hosted"), Vlan: vlan,
	}
}

// NewResiliencyGroup creates a resiliency group named name, of the high
// resiliency model.
func NewResiliencyGroup(t testing.TB, c *directconnect.Client, name string) *types.ResiliencyGroup {
	t.Helper()
	out, err := c.CreateResiliencyGroup(context.Background(), &directconnect.CreateResiliencyGroupInput{
		ResiliencyGroupName: aws.String(name), IntendedResiliencyModel: types.ResiliencyModelHighResiliency,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.ResiliencyGroup
}

// AssociateToGroup associates connections conns with resiliency group group
// and answers the associations the call lists.
func AssociateToGroup(t testing.TB, c *directconnect.Client, group *string, conns ...string) []types.ResiliencyGroupAssociation {
	t.Helper()
	out, err := c.AssociateConnectionsToResiliencyGroup(context.Background(), &directconnect.AssociateConnectionsToResiliencyGroupInput{
		ResiliencyGroupId: group, ConnectionIdentifiers: conns,
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.ResiliencyGroupAssociations
}
