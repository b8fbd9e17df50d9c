package secretsmanager

import (
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// SecretRecord is a Secrets Manager secret of the owner's account: a MACsec
// CKN/CAK pair that AssociateMacSecKey stored, or a secret made with
// CreateSecret (holding a pair when its SecretString is {"CKN": ..., "CAK":
// ...}). The CAK of a secret AssociateMacSecKey stored is never returned;
// the value of a secret its owner put is returned to its owner
// (GetSecretValue), as Secrets Manager does.
type SecretRecord struct {
	ARN     string    `json:"arn"`
	Owner   string    `json:"owner"`
	Region  string    `json:"region"`
	Ckn     string    `json:"ckn"`
	Cak     string    `json:"cak"`
	Created time.Time `json:"created"`
	// Name is "" for the secrets AssociateMacSecKey stored: their name is
	// in their ARN (SecretName).
	Name        string    `json:"name,omitempty"`
	Description string    `json:"description,omitempty"`
	KmsKeyID    string    `json:"kmsKeyId,omitempty"`
	Tags        []dx.Tag  `json:"tags,omitempty"`
	HasValue    bool      `json:"hasValue,omitempty"` // CreateSecret was given a value
	ChangedAt   time.Time `json:"changedAt,omitzero"`
	// DeletedAt is when DeleteSecret scheduled the deletion that takes
	// effect at DeletionDate.
	DeletedAt    time.Time `json:"deletedAt,omitzero"`
	DeletionDate time.Time `json:"deletionDate,omitzero"`
	// Versions are the values its owner put, newest last.
	Versions []SecretVersion `json:"versions,omitempty"`
}

// OwnedBy is the secret's owner account and Region.
func (s *SecretRecord) OwnedBy() (account, region string) { return s.Owner, s.Region }

// SecretVersion is one value of a secret with its staging labels.
type SecretVersion struct {
	ID        string    `json:"id"`
	String    *string   `json:"string,omitempty"`
	Binary    []byte    `json:"binary,omitempty"`
	Stages    []string  `json:"stages,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
}

// SecretName is the secret's name: its own, or the one in its ARN
// (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>).
func (s *SecretRecord) SecretName() string {
	if s.Name != "" {
		return s.Name
	}
	_, name, _ := strings.Cut(s.ARN, ":secret:")
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		name = name[:i]
	}
	return name
}

// MacSecKey reports whether the secret holds a MACsec CKN/CAK pair.
func (s *SecretRecord) MacSecKey() bool { return s.Ckn != "" && s.Cak != "" }

// The narrow reads and writes Direct Connect makes of secrets, inside its
// own transaction.

// Owned loads the caller's secret arn; a missing secret, or another
// account's, answers missing.
func Owned(tx store.Tx, caller dx.Caller, arn string, missing error) (*SecretRecord, error) {
	return core.LoadOwned[SecretRecord](tx, store.Secrets, arn, caller, missing, nil)
}

// StoreMacSecKey stores a MACsec CKN/CAK pair, given to AssociateMacSecKey,
// as a secret of the caller's, under a new ARN of the form Direct Connect
// uses.
func StoreMacSecKey(tx store.Tx, caller dx.Caller, ckn, cak string, now time.Time) (*SecretRecord, error) {
	secret := &SecretRecord{ARN: dx.SecretARN(caller.Region, caller.Account), Owner: caller.Account, Region: caller.Region,
		Ckn: strings.ToLower(ckn), Cak: strings.ToLower(cak), Created: now}
	r, err := store.Encode(secretKey(secret), secret)
	if err != nil {
		return nil, err
	}
	return secret, tx.Insert(r)
}
