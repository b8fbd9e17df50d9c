package core

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// InsertWithNewID draws an ID with newID (Base.NewID, or ec2.NewID for
// EC2's longer IDs), has row make the record's row with it, and inserts it
// under the store's uniqueness constraint. IDs are at least 36^8 strong, so
// a second draw is rare and a third practically never happens.
func InsertWithNewID(tx store.Tx, newID func(prefix string) string, prefix string, row func(id string) (store.Row, error)) (string, error) {
	return CreateWithNewID(tx, newID, prefix, row, nil)
}

// CreateWithNewID is InsertWithNewID for a record that holds something
// under its ID before it is written (a port claimed for it): make does
// that and returns the row, and if the ID turns out to be taken, undo
// (when not nil) undoes it before the next draw, so that nothing is left
// half done. No read asks whether an ID is free: the insert tells.
func CreateWithNewID(tx store.Tx, newID func(prefix string) string, prefix string, make func(id string) (store.Row, error), undo func(id string) error) (string, error) {
	for range 5 {
		id := newID(prefix)
		r, err := make(id)
		if err != nil {
			return "", err
		}
		if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
			return id, err
		}
		if undo != nil {
			if err := undo(id); err != nil {
				return "", err
			}
		}
	}
	return "", fmt.Errorf("could not draw a unique %s ID", prefix)
}

// Owned is a record that belongs to one account, in one Region ("" for
// global records such as Direct Connect gateways).
type Owned interface {
	OwnedBy() (account, region string)
}

// LoadIf loads record kind/id if may accepts it; a missing record and one
// may refuses both answer missing, so the answer says nothing about other
// accounts' resources.
func LoadIf[T any](tx store.Tx, kind store.Kind, id string, missing error, may func(*T) bool) (*T, error) {
	r, err := store.Load[T](tx, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, missing
	}
	if err != nil {
		return nil, err
	}
	if !may(r) {
		return nil, missing
	}
	return r, nil
}

// LoadOwned loads record kind/id of the caller's account (and Region, for a
// regional record) that shown accepts (nil: every one); anything else is
// missing. It decides ownership with Owns; Owns, OwnsOrShares and IsAccount
// are the only places that compare an account with a caller.
func LoadOwned[T any, P interface {
	*T
	Owned
}](tx store.Tx, kind store.Kind, id string, caller dx.Caller, missing error, shown func(P) bool) (P, error) {
	return LoadIf(tx, kind, id, missing, func(r *T) bool {
		return Owns(caller, P(r)) && (shown == nil || shown(P(r)))
	})
}

// Owns reports whether caller owns r: same account, and same Region for a
// regional record.
func Owns(caller dx.Caller, r Owned) bool {
	account, region := r.OwnedBy()
	return account == caller.Account && (region == "" || region == caller.Region)
}

// Shared is an owned record that other accounts act on too: the partner
// that allocated a hosted connection, the account that allocated a virtual
// interface, the other side of a gateway association or proposal.
type Shared interface {
	Owned
	SharedWith() []string
}

// OwnsOrShares reports whether caller owns r or is an account r is shared
// with, in r's Region for a regional record.
func OwnsOrShares(caller dx.Caller, r Shared) bool {
	if Owns(caller, r) {
		return true
	}
	_, region := r.OwnedBy()
	return (region == "" || region == caller.Region) && slices.ContainsFunc(r.SharedWith(), func(a string) bool { return IsAccount(caller, a) })
}

// IsAccount reports whether account, one a record or a request names (an
// ARN's, a hosted connection's partner), is the caller's. With Owns and
// OwnsOrShares it is the only comparison of an account with a caller.
func IsAccount(caller dx.Caller, account string) bool {
	return account != "" && account == caller.Account
}

// Live accepts records that are not deleted.
func Live[P interface{ Deleted() bool }](r P) bool { return !r.Deleted() }
