package directconnect

import (
	"context"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/store"
)

// macSecTarget is a connection or LAG that MACsec keys are associated with.
type macSecTarget struct {
	conn *dx.ConnectionRecord
	lag  *dx.LagRecord
}

func (t macSecTarget) links() *[]dx.KeyLink {
	if t.conn != nil {
		return &t.conn.MacSecKeys
	}
	return &t.lag.MacSecKeys
}

// past are the keys disassociated from the target.
func (t macSecTarget) past() *[]dx.KeyLink {
	if t.conn != nil {
		return &t.conn.PastMacSecKeys
	}
	return &t.lag.PastMacSecKeys
}

func (t macSecTarget) save(tx store.Tx) error {
	if t.conn != nil {
		return core.SaveConnection(tx, t.conn)
	}
	return core.SaveLag(tx, t.lag)
}

// loadMacSecTarget loads the caller's dedicated connection (dxcon-) or LAG
// (dxlag-) named id.
func loadMacSecTarget(tx store.Tx, caller dx.Caller, id string) (macSecTarget, error) {
	var t macSecTarget
	var err error
	var capable bool
	switch {
	case strings.HasPrefix(id, dx.ConnectionPrefix):
		if t.conn, err = ownConnection(tx, caller, id); err != nil {
			return t, err
		}
		if t.conn.Hosted() {
			return t, dx.Errorf("Connection %s is a hosted connection; MAC Security is only available on dedicated connections", id)
		}
		capable = t.conn.MacSecCapable
	case strings.HasPrefix(id, dx.LagPrefix):
		if t.lag, err = ownLag(tx, caller, id); err != nil {
			return t, err
		}
		capable = t.lag.MacSecCapable
	default:
		return t, dx.Errorf("connectionId %q must be the ID of a dedicated connection (dxcon-xxxx) or of a LAG (dxlag-xxxx)", id)
	}
	if !capable {
		return t, dx.Errorf("%s is not MACsec capable; MACsec keys can only be associated with resources created with requestMACSec", id)
	}
	return t, nil
}

// checkKeyNotAssociated refuses a secret (or its CKN) that already applies to
// the target: associated with it, with the LAG a connection is in, or with a
// member of a LAG. A LAG's keys apply to its members, so either would list the
// key twice.
func checkKeyNotAssociated(tx store.Tx, t macSecTarget, secret *secretsmanager.SecretRecord) error {
	type holder struct {
		id    string
		links []dx.KeyLink
	}
	var holders []holder
	if t.conn != nil {
		holders = append(holders, holder{t.conn.ID, t.conn.MacSecKeys})
		if t.conn.LagID != "" {
			lag, err := store.Load[dx.LagRecord](tx, store.Lags, t.conn.LagID)
			if err != nil {
				return err
			}
			holders = append(holders, holder{"its LAG " + lag.ID, lag.MacSecKeys})
		}
	} else {
		holders = append(holders, holder{t.lag.ID, t.lag.MacSecKeys})
		members, err := LagMembers(tx, t.lag.ID)
		if err != nil {
			return err
		}
		for _, m := range members {
			holders = append(holders, holder{"its member connection " + m.ID, m.MacSecKeys})
		}
	}
	for _, h := range holders {
		if slices.ContainsFunc(h.links, func(k dx.KeyLink) bool { return k.SecretARN == secret.ARN || k.Ckn == secret.Ckn }) {
			return dx.Errorf("The MACsec key with CKN %s is already associated with %s", secret.Ckn, h.id)
		}
	}
	return nil
}

// AssociateMacSecKey associates a MACsec CKN/CAK pair, given directly or as a
// secret stored by an earlier association, with a connection or LAG.
func (s *Service) AssociateMacSecKey(ctx context.Context, caller dx.Caller, in *AssociateMacSecKeyInput) (*MacSecKeysOutput, error) {
	if err := dx.CheckMacSecKeyInput(in.SecretARN, in.Ckn, in.Cak); err != nil {
		return nil, err
	}
	out := &MacSecKeysOutput{ConnectionID: in.ConnectionID}
	err := s.Update(ctx, func(tx *core.Txn) error {
		t, err := loadMacSecTarget(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		now := tx.Now
		var secret *secretsmanager.SecretRecord
		if in.SecretARN != "" {
			secret, err = secretsmanager.Owned(tx, caller, in.SecretARN,
				dx.Errorf("Secret %s does not exist for account %s in region %s; associate a ckn and cak pair to create one", in.SecretARN, caller.Account, caller.Region))
			if err != nil {
				return err
			}
			if !secret.DeletedAt.IsZero() {
				return dx.Errorf("Secret %s is scheduled for deletion; restore it or associate another secret", in.SecretARN)
			}
			if !secret.MacSecKey() {
				return dx.Errorf(`Secret %s does not hold a MACsec key: its SecretString must be a JSON object {"CKN": "...", "CAK": "..."} of 64 hexadecimal characters each`, in.SecretARN)
			}
			if err := dx.CheckMacSecKeyInput("", secret.Ckn, secret.Cak); err != nil {
				return dx.Errorf("Secret %s does not hold a valid MACsec key: %s", in.SecretARN, err.(*dx.Error).Message)
			}
		} else {
			if secret, err = secretsmanager.StoreMacSecKey(tx, caller, in.Ckn, in.Cak, now); err != nil {
				return err
			}
		}
		if err := checkKeyNotAssociated(tx, t, secret); err != nil {
			return err
		}
		router, err := s.world(tx).router()
		if err != nil {
			return err
		}
		links := t.links()
		*links = append(*links, dx.KeyLink{SecretARN: secret.ARN, Ckn: secret.Ckn, AssociatedAt: now})
		out.MacSecKeys = s.keyViews(*links, router, now)
		return t.save(tx)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DisassociateMacSecKey removes a MACsec secret from a connection or LAG.
func (s *Service) DisassociateMacSecKey(ctx context.Context, caller dx.Caller, in *DisassociateMacSecKeyInput) (*MacSecKeysOutput, error) {
	out := &MacSecKeysOutput{ConnectionID: in.ConnectionID}
	err := s.Update(ctx, func(tx *core.Txn) error {
		t, err := loadMacSecTarget(tx, caller, in.ConnectionID)
		if err != nil {
			return err
		}
		links := t.links()
		i := slices.IndexFunc(*links, func(k dx.KeyLink) bool { return k.SecretARN == in.SecretARN })
		if i < 0 {
			return dx.Errorf("Secret %s is not associated with %s", in.SecretARN, in.ConnectionID)
		}
		link := (*links)[i]
		link.DisassociatedAt = tx.Now
		out.MacSecKeys = s.keyViews([]dx.KeyLink{link}, nil, link.DisassociatedAt) // disassociated either way
		*t.past() = append(*t.past(), link)
		*links = slices.Delete(*links, i, i+1)
		return t.save(tx)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
