package sts

import (
	"context"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func TestGetCallerIdentityIsTheAccountsRoot(t *testing.T) {
	out, err := New().GetCallerIdentity(context.Background(), dx.Caller{Account: "111122223333", Region: "eu-west-1"}, &GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Arn != "arn:aws:iam::111122223333:root" || out.UserID != "111122223333" || out.Account != "111122223333" {
		t.Errorf("GetCallerIdentity = %+v", out)
	}
}
