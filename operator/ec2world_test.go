package operator_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestEC2ResourcesInTheEventLog(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	d := w.Config.Service.Timings.EC2
	vpc := aws.ToString(dxsimtest.CreateVpc(t, c, "10.0.0.0/16").VpcId)
	vgw := aws.ToString(dxsimtest.CreateVpnGateway(t, c, 0).VpnGatewayId)
	advance(t, w, d)
	if _, err := c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Hour)
	if _, err := c.DetachVpnGateway(ctx, &ec2.DetachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, d+time.Minute)
	if _, err := c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(vgw)}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Hour)
	want := []string{
		"vpn-gateway >pending (api: created)",
		"vpn-gateway pending>available (timeline: turned up)",
		"vpn-gateway-attachment >attaching (api: attached)",
		"vpn-gateway-attachment attaching>attached (timeline: attached)",
		"vpn-gateway-attachment attached>detaching (api: detached)",
		"vpn-gateway-attachment detaching>detached (timeline: detached)",
		"vpn-gateway available>deleting (api: deleted)",
		"vpn-gateway deleting>deleted (timeline: deletion finished)",
	}
	if got := events(t, w, "resource="+vgw); !reflect.DeepEqual(got, want) {
		t.Errorf("gateway events:\n got %q\nwant %q", got, want)
	}
	if _, err := c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)}); err != nil {
		t.Fatal(err)
	}
	advance(t, w, time.Minute)
	if got := events(t, w, "type=vpc"); !reflect.DeepEqual(got, []string{"vpc >pending (api: created)", "vpc pending>available (timeline: turned up)", "vpc available>deleted (api: deleted)"}) {
		t.Errorf("VPC events: %q", got)
	}
}

// ec2Describes is what EC2 and Secrets Manager answer about the world, to
// compare before export and after import.
func ec2Describes(t *testing.T, w *dxsimtest.World) string {
	t.Helper()
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatal(err)
	}
	vgws, err := c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{})
	if err != nil {
		t.Fatal(err)
	}
	tgws, err := c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{})
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region).ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{vpcs.Vpcs, vgws.VpnGateways, tgws.TransitGateways, secrets.SecretList})
	return string(b)
}

func TestEC2ResourcesAndSecretsAreExportedImportedAndReset(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	_, vgw := dxsimtest.AttachedVpnGateway(t, w, c, "10.0.0.0/16", 0)
	if _, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region).CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("kept")}); err != nil {
		t.Fatal(err)
	}
	want := ec2Describes(t, w)
	export := dxsimtest.Admin(t, w, http.MethodGet, "/_dxsim/export", "")
	dxsimtest.Admin(t, w, http.MethodPost, "/_dxsim/reset", "")
	if got := ec2Describes(t, w); got != "[[],[],[],[]]" {
		t.Fatalf("after reset: %s", got)
	}
	w2 := dxsimtest.Start(t)
	dxsimtest.Admin(t, w2, http.MethodPost, "/_dxsim/import", string(export))
	if got := ec2Describes(t, w2); got != want {
		t.Errorf("after import:\n got %s\nwant %s", got, want)
	}
	if got := dxsimtest.DescribeVpnGateway(t, w2.EC2For(dxsimtest.Account, dxsimtest.Region), vgw); len(got.VpcAttachments) != 1 {
		t.Errorf("imported gateway has attachments %v", got.VpcAttachments)
	}
}
