package directconnect_test

// An update with nothing to change succeeds and answers the resource as it
// is. Evidence: the model requires only the ID of UpdateLag,
// UpdateConnection, UpdateVirtualInterfaceAttributes and
// UpdateDirectConnectGatewayAssociation; Ansible community.aws's
// directconnect_link_aggregation_group (state absent, force_delete) calls
// UpdateLag with lagId alone (its min_links of 0 is left out), and the
// recording of AWS's answer is a 200 with the LAG
// (tests/unit/plugins/modules/placebo_recordings/directconnect_link_aggregation_group/delete_lag_with_connections/directconnect.UpdateLag_1.json);
// the Terraform AWS provider's resourceGatewayAssociationUpdate sends
// UpdateDirectConnectGatewayAssociation with neither prefix list when only
// the proposal changed (TestAccDirectConnectGatewayAssociation_recreateProposal).

import (
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestUpdatesWithNothingToChangeAnswerTheResource(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c, other := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
	w.Provision()
	vif := dxsimtest.CreatePublicVIF(t, c, conn.ConnectionId, 10)

	t.Run("UpdateLag", func(t *testing.T) {
		before := dxsimtest.DescribeLag(t, c, lag.LagId)
		out, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: lag.LagId})
		if err != nil {
			t.Fatalf("UpdateLag with lagId alone: %v", err)
		}
		if aws.ToString(out.LagId) != aws.ToString(lag.LagId) || aws.ToString(out.LagName) != aws.ToString(before.LagName) ||
			out.MinimumLinks != before.MinimumLinks || out.NumberOfConnections != 2 || out.LagState != before.LagState {
			t.Errorf("UpdateLag answered %+v, want the LAG as it was: %+v", out, before)
		}
		for _, id := range []string{"dxlag-fgaaaaaa", aws.ToString(dxsimtest.CreateLag(t, other, dxsimtest.NewLag("EqDC2", "1Gbps", 1)).LagId)} {
			_, err := c.UpdateLag(ctx, &directconnect.UpdateLagInput{LagId: aws.String(id)})
			dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Lag with ID "+id)
		}
	})
	t.Run("UpdateConnection", func(t *testing.T) {
		before := dxsimtest.DescribeConnection(t, c, conn.ConnectionId)
		out, err := c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: conn.ConnectionId})
		if err != nil {
			t.Fatalf("UpdateConnection with connectionId alone: %v", err)
		}
		if aws.ToString(out.ConnectionId) != aws.ToString(conn.ConnectionId) || aws.ToString(out.ConnectionName) != aws.ToString(before.ConnectionName) ||
			out.ConnectionState != before.ConnectionState || aws.ToString(out.EncryptionMode) != aws.ToString(before.EncryptionMode) {
			t.Errorf("UpdateConnection answered %+v, want the connection as it was: %+v", out, before)
		}
		_, err = c.UpdateConnection(ctx, &directconnect.UpdateConnectionInput{ConnectionId: aws.String("dxcon-fgaaaaaa")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID dxcon-fgaaaaaa")
	})
	t.Run("UpdateVirtualInterfaceAttributes", func(t *testing.T) {
		before := dxsimtest.DescribeVIF(t, c, vif.VirtualInterfaceId)
		out, err := c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: vif.VirtualInterfaceId})
		if err != nil {
			t.Fatalf("UpdateVirtualInterfaceAttributes with virtualInterfaceId alone: %v", err)
		}
		if aws.ToString(out.VirtualInterfaceId) != aws.ToString(vif.VirtualInterfaceId) || aws.ToString(out.VirtualInterfaceName) != aws.ToString(before.VirtualInterfaceName) ||
			aws.ToInt32(out.Mtu) != aws.ToInt32(before.Mtu) || out.VirtualInterfaceState != before.VirtualInterfaceState {
			t.Errorf("UpdateVirtualInterfaceAttributes answered %+v, want the interface as it was: %+v", out, before)
		}
		_, err = c.UpdateVirtualInterfaceAttributes(ctx, &directconnect.UpdateVirtualInterfaceAttributesInput{VirtualInterfaceId: aws.String("dxvif-fgaaaaaa")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "dxvif-fgaaaaaa", "does not exist")
	})
	t.Run("UpdateDirectConnectGatewayAssociation", func(t *testing.T) {
		g := dxsimtest.GwCreate(t, c, "gw", nil)
		dxsimtest.GwSettle(w)
		a := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Vgw(1), "10.1.0.0/24")
		dxsimtest.GwSettle(w)
		before := gwAssociation(t, c, a.AssociationId)
		out, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId})
		if err != nil {
			t.Fatalf("UpdateDirectConnectGatewayAssociation with associationId alone: %v", err)
		}
		got := *out.DirectConnectGatewayAssociation
		if got.AssociationState != types.DirectConnectGatewayAssociationStateAssociated ||
			gwPrefixString(got.AllowedPrefixesToDirectConnectGateway) != "10.1.0.0/24" || aws.ToString(got.AssociationId) != aws.ToString(a.AssociationId) {
			t.Errorf("UpdateDirectConnectGatewayAssociation answered %s, want it as it was: %s",
				gwAssociationString([]types.DirectConnectGatewayAssociation{got}), gwAssociationString([]types.DirectConnectGatewayAssociation{before}))
		}
		// Nothing changed, so nothing is updating.
		if after := gwAssociation(t, c, a.AssociationId); gwAssociationString([]types.DirectConnectGatewayAssociation{after}) != gwAssociationString([]types.DirectConnectGatewayAssociation{before}) {
			t.Errorf("the association after an update of nothing: %+v, before: %+v", after, before)
		}
		_, err = c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{AssociationId: aws.String("e5f4f4d4-0000-4000-8000-000000000000")})
		dxsimtest.WantError(t, err, "DirectConnectClientException", "does not exist")
	})
}

// ansibleForceDeleteLag is what Ansible community.aws's
// directconnect_link_aggregation_group does for state absent with
// force_delete (ensure_absent): describe the LAG and its interfaces, set
// min_links to 0 (an UpdateLag of lagId alone, since 0 is left out),
// disassociate every member, delete the LAG. It prints each call's
// outcome.
const ansibleForceDeleteLag = `
import json, sys, boto3, botocore.exceptions
url, account, lag_id = sys.argv[1:4]
c = boto3.client("directconnect", endpoint_url=url, region_name="us-east-1",
    aws_access_key_id=account, aws_secret_access_key="secret",
    config=botocore.config.Config(retries={"max_attempts": 1}))
out = []
def call(name, f):
    try:
        r = f()
        out.append({"call": name, "status": r["ResponseMetadata"]["HTTPStatusCode"], "answer": {k: v for k, v in r.items() if k != "ResponseMetadata"}})
        return r
    except botocore.exceptions.ClientError as e:
        out.append({"call": name, "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "error": e.response["Error"]["Message"]})
lag = call("DescribeLags", lambda: c.describe_lags(lagId=lag_id))["lags"][0]
call("DescribeVirtualInterfaces", lambda: c.describe_virtual_interfaces(connectionId=lag_id))
params = {}
min_links = 0
if min_links:
    params.update(minimumLinks=min_links)
call("UpdateLag", lambda: c.update_lag(lagId=lag_id, **params))
for conn in lag.get("connections", []):
    call("DisassociateConnectionFromLag", lambda: c.disassociate_connection_from_lag(connectionId=conn["connectionId"], lagId=lag_id))
call("DeleteLag", lambda: c.delete_lag(lagId=lag_id))
print(json.dumps(out))
`

func TestAnsibleForceDeletesALagWithConnections(t *testing.T) {
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skip("python3 with boto3 is not installed; apt-get install python3-boto3")
	}
	w := dxsimtest.Start(t)
	c := w.Client()
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
	raw, err := exec.CommandContext(ctx, "python3", "-c", ansibleForceDeleteLag, w.URL, dxsimtest.Account, aws.ToString(lag.LagId)).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("boto3: %v %s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var calls []struct {
		Call   string
		Status int
		Error  string
		Answer map[string]any
	}
	if err := json.Unmarshal(raw, &calls); err != nil {
		t.Fatalf("boto3 printed %q: %v", raw, err)
	}
	if len(calls) != 6 {
		t.Fatalf("the module made %d calls, want 6: %s", len(calls), raw)
	}
	for _, call := range calls {
		if call.Status != 200 || call.Error != "" {
			t.Errorf("%s answered %d %q, want 200", call.Call, call.Status, call.Error)
		}
	}
	if up := calls[2]; up.Call != "UpdateLag" || up.Answer["lagId"] != aws.ToString(lag.LagId) || up.Answer["lagName"] != "test lag" {
		t.Errorf("UpdateLag {lagId} answered %v, want the LAG as it was", up.Answer)
	}
	if del := calls[5]; del.Answer["lagState"] != "deleted" && del.Answer["lagState"] != "deleting" {
		t.Errorf("DeleteLag answered %v", del.Answer)
	}
}
