package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

func agreementKey(account, name string) string { return account + "/" + name }

// ConfirmCustomerAgreement records that the caller's account signed an
// agreement; without a name, the first of the configured agreements.
func (s *Service) ConfirmCustomerAgreement(ctx context.Context, caller dx.Caller, in *ConfirmCustomerAgreementInput) (*AgreementStatusOutput, error) {
	name := in.AgreementName
	if name == "" && len(s.cfg.Agreements) > 0 {
		name = s.cfg.Agreements[0]
	}
	if !slices.Contains(s.cfg.Agreements, name) {
		return nil, dx.Errorf("Agreement %q does not exist; the agreements are: %s", name, strings.Join(s.cfg.Agreements, ", "))
	}
	err := s.update(ctx, func(tx *txn) error {
		a := &dx.AgreementRecord{Account: caller.Account, Name: name, SignedAt: tx.now}
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
	if p, ok := s.partner(caller.Account); ok {
		out.NniPartnerType = p.NniPartnerType()
	}
	err := s.view(ctx, func(tx *txn) error {
		for _, name := range s.cfg.Agreements {
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
