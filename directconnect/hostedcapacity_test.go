package directconnect_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestHostedCapacityHoldsWhenMembersLeave: a hosting LAG of 2 x 1 Gbps
// carrying 4 x 500 Mbps cannot lose a member, by disassociation or
// deletion; once the hosted bandwidth fits one member, it can.
func TestHostedCapacityHoldsWhenMembersLeave(t *testing.T) {
	_, partner, _, _ := dxsimtest.StartPartners(t)
	lag := dxsimtest.CreateLag(t, partner, dxsimtest.NewLag("EqDC2", "1Gbps", 2))
	var hosted []*directconnect.AllocateHostedConnectionOutput
	for i := range 4 {
		hosted = append(hosted, dxsimtest.Allocate(t, partner, lag.LagId, "500Mbps", int32(200+i)))
	}
	member := lag.Connections[0].ConnectionId
	_, err := partner.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: member, LagId: lag.LagId})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "2000 Mbps", "1000 Mbps")
	_, err = partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: member})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "2000 Mbps", "1000 Mbps")
	if got := dxsimtest.DescribeLag(t, partner, lag.LagId).NumberOfConnections; got != 2 {
		t.Fatalf("after refused removals the LAG has %d members", got)
	}
	for _, h := range hosted[2:] {
		if _, err := partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: h.ConnectionId}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := partner.DisassociateConnectionFromLag(ctx, &directconnect.DisassociateConnectionFromLagInput{ConnectionId: member, LagId: lag.LagId}); err != nil {
		t.Errorf("with 1000 Mbps hosted on 2 x 1 Gbps, a member cannot leave: %v", err)
	}
	last := lag.Connections[1].ConnectionId
	_, err = partner.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: last})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "1000 Mbps", "0 Mbps")
}
