package directconnect_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
)

func TestProviderConnectionAssociationDisappears(t *testing.T) {
	// terraform-provider-aws TestAccDirectConnectConnectionAssociation_disappears:
	// the association is deleted out of band (resourceConnectionAssociationDelete),
	// and terraform-plugin-testing's post-test destroy runs without a
	// refresh (WorkingDir.Destroy: tfexec.Refresh(false)), so it calls
	// DisassociateConnectionFromLag again for a connection that is no
	// longer in the LAG. deleteConnectionLAGAssociation reads "Connection
	// does not exist" (or "Lag does not exist") as already gone, and the
	// test ends cleanly on AWS.
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	in := &directconnect.DisassociateConnectionFromLagInput{ConnectionId: conn.ConnectionId, LagId: lag.LagId}
	if _, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: conn.ConnectionId, LagId: lag.LagId}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DisassociateConnectionFromLag(ctx, in); err != nil {
		t.Fatal(err)
	}
	// findConnectionLAGAssociation: gone, since the connection's lagId differs.
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); got.LagId != nil {
		t.Fatalf("the disassociated connection still has lagId %s", aws.ToString(got.LagId))
	}
	_, err := c.DisassociateConnectionFromLag(ctx, in)
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Connection does not exist", aws.ToString(conn.ConnectionId), aws.ToString(lag.LagId))
	// A connection in another LAG is not in this one either.
	other := dxsimtest.CreateLag(t, c, dxsimtest.NewLag("EqDC2", "1Gbps", 1))
	if _, err := c.AssociateConnectionWithLag(ctx, &directconnect.AssociateConnectionWithLagInput{ConnectionId: conn.ConnectionId, LagId: other.LagId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DisassociateConnectionFromLag(ctx, in)
	dxsimtest.WantError(t, err, "DirectConnectClientException", "Connection does not exist", aws.ToString(other.LagId))
	if got := dxsimtest.DescribeConnection(t, c, conn.ConnectionId); aws.ToString(got.LagId) != aws.ToString(other.LagId) {
		t.Errorf("a refused disassociation moved the connection to lagId %q", aws.ToString(got.LagId))
	}
}
