package directconnect

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

func agreementKey(account, name string) string { return account + "/" + name }

// ConfirmCustomerAgreement records that the caller's account signed an
// agreement; without a name, the first of the configured agreements.
func (s *Service) ConfirmCustomerAgreement(ctx context.Context, caller dx.Caller, in *ConfirmCustomerAgreementInput) (*AgreementStatusOutput, error) {
	name := in.AgreementName
	if name == "" && len(s.Config.Agreements) > 0 {
		name = s.Config.Agreements[0]
	}
	if !slices.Contains(s.Config.Agreements, name) {
		return nil, dx.Errorf("Agreement %q does not exist; the agreements are: %s", name, strings.Join(s.Config.Agreements, ", "))
	}
	err := s.Update(ctx, func(tx *core.Txn) error {
		a := &dx.AgreementRecord{Account: caller.Account, Name: name, SignedAt: tx.Now}
		r, err := store.Encode(store.Row{Kind: store.Agreements, ID: agreementKey(caller.Account, name), Account: caller.Account}, a)
		if err != nil {
			return err
		}
		if err := tx.Insert(r); err != nil && !errors.Is(err, store.ErrExists) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &AgreementStatusOutput{Status: "signed"}, nil
}

// DescribeCustomerMetadata lists the agreements and whether the caller's
// account signed them, and its partner type.
func (s *Service) DescribeCustomerMetadata(ctx context.Context, caller dx.Caller, _ *Empty) (*CustomerMetadataOutput, error) {
	out := &CustomerMetadataOutput{Agreements: []dx.CustomerAgreement{}, NniPartnerType: "nonPartner"}
	if p, ok := s.Partner(caller.Account); ok {
		out.NniPartnerType = p.NniPartnerType()
	}
	err := s.View(ctx, func(tx *core.Txn) error {
		for _, name := range s.Config.Agreements {
			status := "unsigned"
			if _, err := tx.Get(store.Agreements, agreementKey(caller.Account, name)); err == nil {
				status = "signed"
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			out.Agreements = append(out.Agreements, dx.CustomerAgreement{AgreementName: name, Status: status})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
