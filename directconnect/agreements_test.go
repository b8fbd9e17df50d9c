package directconnect_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

// agreementStatuses returns the caller's agreements by name, and checks
// the partner type, which is nonPartner for every account so far.
func agreementStatuses(t *testing.T, c *directconnect.Client) map[string]string {
	t.Helper()
	out, err := c.DescribeCustomerMetadata(ctx, &directconnect.DescribeCustomerMetadataInput{})
	if err != nil {
		t.Fatal(err)
	}
	if out.NniPartnerType != types.NniPartnerTypeNonPartner {
		t.Errorf("nniPartnerType = %q, want nonPartner", out.NniPartnerType)
	}
	got := map[string]string{}
	for _, a := range out.Agreements {
		got[aws.ToString(a.AgreementName)] = aws.ToString(a.Status)
	}
	return got
}

func agreementConfirm(t *testing.T, c *directconnect.Client, name string) {
	t.Helper()
	out, err := c.ConfirmCustomerAgreement(ctx, &directconnect.ConfirmCustomerAgreementInput{AgreementName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Status) != "signed" {
		t.Errorf("ConfirmCustomerAgreement(%q) status = %q, want signed", name, aws.ToString(out.Status))
	}
}

func TestCustomerAgreementIsKeptPerAccount(t *testing.T) {
	w := dxsimtest.Start(t)
	name := w.Config.Service.Agreements[0]
	c := w.Client()
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)

	if got := agreementStatuses(t, c); len(got) != 1 || got[name] != "unsigned" {
		t.Fatalf("before signing: %v, want %q unsigned", got, name)
	}
	agreementConfirm(t, c, name)
	if got := agreementStatuses(t, c); len(got) != 1 || got[name] != "signed" {
		t.Errorf("after signing: %v, want %q signed", got, name)
	}
	if got := agreementStatuses(t, other); got[name] != "unsigned" {
		t.Errorf("another account: %v, want %q unsigned", got, name)
	}
	// The agreement binds the account, whichever Region it was signed in.
	if got := agreementStatuses(t, w.ClientFor(dxsimtest.Account, "eu-west-1")); got[name] != "signed" {
		t.Errorf("same account in eu-west-1: %v, want %q signed", got, name)
	}
	// Signing again is harmless.
	agreementConfirm(t, c, name)
	if got := agreementStatuses(t, c); got[name] != "signed" {
		t.Errorf("after signing twice: %v", got)
	}
}

func TestCustomerAgreementsAreKeptPerAgreement(t *testing.T) {
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.Service.Agreements = []string{"Direct Connect Customer Agreement", "MACsec Addendum"}
	})
	c := w.Client()
	agreementConfirm(t, c, "MACsec Addendum")
	got := agreementStatuses(t, c)
	if len(got) != 2 || got["MACsec Addendum"] != "signed" || got["Direct Connect Customer Agreement"] != "unsigned" {
		t.Errorf("after signing the addendum: %v", got)
	}
}

func TestConfirmUnknownCustomerAgreement(t *testing.T) {
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.Service.Agreements = []string{"Direct Connect Customer Agreement", "MACsec Addendum"}
	})
	c := w.Client()
	_, err := c.ConfirmCustomerAgreement(ctx, &directconnect.ConfirmCustomerAgreementInput{AgreementName: aws.String("Terms of Nothing")})
	dxsimtest.WantError(t, err, "DirectConnectClientException", `"Terms of Nothing"`, "Direct Connect Customer Agreement", "MACsec Addendum")
	got := agreementStatuses(t, c)
	if len(got) != 2 || got["Direct Connect Customer Agreement"] != "unsigned" || got["MACsec Addendum"] != "unsigned" {
		t.Errorf("after the refusal: %v, want both unsigned", got)
	}
	if _, listed := got["Terms of Nothing"]; listed {
		t.Error("the refused agreement is listed")
	}
}

func TestConfirmCustomerAgreementWithoutNameSignsTheFirst(t *testing.T) {
	w := dxsimtest.Start(t, func(cfg *server.Config) {
		cfg.Service.Agreements = []string{"Direct Connect Customer Agreement", "MACsec Addendum"}
	})
	c := w.Client()
	out, err := c.ConfirmCustomerAgreement(ctx, &directconnect.ConfirmCustomerAgreementInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Status) != "signed" {
		t.Errorf("status = %q, want signed", aws.ToString(out.Status))
	}
	got := agreementStatuses(t, c)
	if got["Direct Connect Customer Agreement"] != "signed" || got["MACsec Addendum"] != "unsigned" {
		t.Errorf("after confirming without a name: %v, want only the customer agreement signed", got)
	}
}
