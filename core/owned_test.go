package core_test

import (
	"testing"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

func TestOwnsOrSharesLetsThePartnerOfAHostedConnectionIn(t *testing.T) {
	owner := dx.Caller{Account: "111122223333", Region: "us-east-1"}
	partner := dx.Caller{Account: "444455556666", Region: "us-east-1"}
	other := dx.Caller{Account: "777788889999", Region: "us-east-1"}
	hosted := &dx.ConnectionRecord{Owner: owner.Account, Region: "us-east-1", HostedOn: "dxcon-ic", Partner: partner.Account}
	for _, tc := range []struct {
		name   string
		caller dx.Caller
		c      *dx.ConnectionRecord
		want   bool
	}{
		{"its owner", owner, hosted, true},
		{"its partner", partner, hosted, true},
		{"another account", other, hosted, false},
		{"its partner in another Region", dx.Caller{Account: partner.Account, Region: "eu-west-1"}, hosted, false},
		{"a partner named on a connection that is not hosted", partner, &dx.ConnectionRecord{Owner: owner.Account, Region: "us-east-1", Partner: partner.Account}, false},
	} {
		if got := core.OwnsOrShares(tc.caller, tc.c); got != tc.want {
			t.Errorf("%s: OwnsOrShares = %v, want %v", tc.name, got, tc.want)
		}
	}
	// A virtual interface nobody allocated is shared with nobody, not with
	// an empty account.
	if core.OwnsOrShares(dx.Caller{Region: "us-east-1"}, &dx.VirtualInterfaceRecord{Owner: owner.Account, Region: "us-east-1"}) {
		t.Error("a caller with no account sees an interface with no allocator")
	}
	// Gateway associations are global: either side sees them anywhere.
	a := &dx.GatewayAssociationRecord{GatewayOwner: owner.Account, AssociatedOwner: partner.Account}
	if !core.OwnsOrShares(dx.Caller{Account: partner.Account, Region: "eu-west-1"}, a) || !core.Owns(owner, a) || core.Owns(partner, a) {
		t.Error("association sides")
	}
}
