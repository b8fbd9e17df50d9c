package server_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

// TestEC2AndSecretsManagerDeadlineIsThrottling: an EC2 or Secrets Manager
// request whose deadline passes before its transaction runs answers the
// API's throttling error (which the SDKs retry), as Direct Connect does,
// not a server error, and applies nothing.
func TestEC2AndSecretsManagerDeadlineIsThrottling(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.OpenStore = backend.Open
	cfg.DataPath = ":memory:"
	srv, err := server.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(ctx)
	late := httptest.NewServer(server.WithDeadline(srv.Handler(), time.Nanosecond))
	defer late.Close()
	onTime := httptest.NewServer(srv.Handler())
	defer onTime.Close()

	w := &dxsimtest.World{URL: late.URL}
	_, err = w.EC2For(dxsimtest.Account, dxsimtest.Region).CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	dxsimtest.WantError(t, err, "RequestLimitExceeded", "request deadline", "--request-timeout")
	_, err = w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region).CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name: aws.String("late"), SecretString: aws.String("s")})
	dxsimtest.WantError(t, err, "ThrottlingException", "request deadline", "--request-timeout")

	w = &dxsimtest.World{URL: onTime.URL}
	vpcs, err := w.EC2For(dxsimtest.Account, dxsimtest.Region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) != 0 {
		t.Errorf("after the late CreateVpc: %d VPCs (err %v), want none", len(vpcs.Vpcs), err)
	}
	secrets, err := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region).ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
	if err != nil || len(secrets.SecretList) != 0 {
		t.Errorf("after the late CreateSecret: %d secrets (err %v), want none", len(secrets.SecretList), err)
	}
}

// TestEC2ErrorMessagesQuoteAShortPrefix: as in Direct Connect's, a 100 KB
// value an EC2 or Secrets Manager error message names comes back as a
// short prefix.
func TestEC2ErrorMessagesQuoteAShortPrefix(t *testing.T) {
	w := dxsimtest.Start(t)
	big := strings.Repeat("y", 100_000)
	_, err := w.EC2For(dxsimtest.Account, dxsimtest.Region).DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String("vpc-" + big)})
	dxsimtest.WantError(t, err, "InvalidVpcID.Malformed", "yyyyyyyy...")
	wantShort(t, err)
	_, err = w.EC2For(dxsimtest.Account, dxsimtest.Region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-0123456789abcdef0", "vpc-" + big}})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound", "yyyyyyyy...")
	wantShort(t, err)
	_, err = w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region).CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(big)})
	dxsimtest.WantError(t, err, "ValidationException", "yyyyyyyy...")
	wantShort(t, err)
}

func wantShort(t *testing.T, err error) {
	t.Helper()
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && len(apiErr.ErrorMessage()) > 1024 {
		t.Errorf("a %d-byte message: %.200s...", len(apiErr.ErrorMessage()), apiErr.ErrorMessage())
	}
}
