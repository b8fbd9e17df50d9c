// Package sts is the one AWS STS call that tools make before any other,
// GetCallerIdentity, for the account of the request's signing credential:
// the Terraform AWS provider builds every ARN it tags with from it.
package sts

import (
	"context"

	"github.com/dxsim/dxsim/dx"
)

// Service is dxsim's STS. It keeps no state.
type Service struct{}

// New returns the STS service.
func New() *Service { return &Service{} }

// GetCallerIdentityInput has no parameters.
type GetCallerIdentityInput struct{}

// GetCallerIdentityOutput is who the caller is, in STS's XML names.
type GetCallerIdentityOutput struct {
	Arn     string `xml:"Arn"`
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
}

// GetCallerIdentity answers the caller's account. The caller is the
// account's root identity: its user ID is the account.
func (*Service) GetCallerIdentity(_ context.Context, caller dx.Caller, _ *GetCallerIdentityInput) (*GetCallerIdentityOutput, error) {
	return &GetCallerIdentityOutput{Arn: "arn:aws:iam::" + caller.Account + ":root", UserID: caller.Account, Account: caller.Account}, nil
}
