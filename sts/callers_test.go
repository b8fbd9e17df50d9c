package sts_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

// The Terraform AWS provider asks STS who the caller is and builds every
// ARN it tags with from that account (issue: the account, as the provider
// learns it).
func TestGetCallerIdentityAnswersTheSigningAccount(t *testing.T) {
	w := dxsimtest.Start(t)
	for _, account := range []string{dxsimtest.Account, dxsimtest.OtherAccount} {
		out, err := w.STSFor(account, "eu-west-1").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.Account) != account || aws.ToString(out.Arn) != "arn:aws:iam::"+account+":root" || aws.ToString(out.UserId) != account {
			t.Errorf("GetCallerIdentity as %s = account %q, arn %q, user %q", account, aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
		}
	}
}

func TestGetCallerIdentityOfANonAccountKeyIsTheDefaultAccount(t *testing.T) {
	w := dxsimtest.Start(t)
	out, err := w.STSFor("AKIAIOSFODNN7EXAMPLE", dxsimtest.Region).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.Account); got != w.Config.DefaultAccount {
		t.Errorf("account = %s, want the default account %s", got, w.Config.DefaultAccount)
	}
}
