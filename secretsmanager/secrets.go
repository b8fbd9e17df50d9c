// Package secretsmanager is AWS Secrets Manager as far as Direct Connect
// needs it: the secrets that AssociateMacSecKey stores are listed and
// described with their ARN, name and tags (never their value), and a
// secret made with CreateSecret whose SecretString is {"CKN": "...",
// "CAK": "..."} is a MACsec key that AssociateMacSecKey takes by its ARN.
// It holds the secret record, its operations, and the narrow reads and
// writes Direct Connect makes of secrets inside its own transaction. It may
// import core, dx and store; never another service.
package secretsmanager

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
	"github.com/google/uuid"
)

// Service runs the Secrets Manager operations over the world's store.
type Service struct {
	*core.Base
}

// New returns the Secrets Manager service of the world base.
func New(base *core.Base) *Service {
	s := &Service{Base: base}
	base.AddReapers(s.reapers()...)
	return s
}

// Secrets Manager error types.
const (
	SecretNotFound      = "ResourceNotFoundException"
	SecretExists        = "ResourceExistsException"
	SecretInvalidParam  = "InvalidParameterException"
	SecretInvalidReq    = "InvalidRequestException"
	SecretValidation    = "ValidationException"
	SecretLimitExceeded = "LimitExceededException"
)

func secretNotFound() *dx.Error {
	return dx.TypedErrorf(SecretNotFound, "Secrets Manager can't find the specified secret.")
}

func markedForDeletion() *dx.Error {
	return dx.TypedErrorf(SecretInvalidReq, "You can't perform this operation on the secret because it was marked for deletion.")
}

func secretKey(r *SecretRecord) store.Row {
	return store.Row{Kind: store.Secrets, ID: r.ARN, Account: r.Owner, Region: r.Region}
}

// secretGone reports whether a scheduled deletion has taken effect.
func (s *Service) secretGone(r *SecretRecord, now time.Time) bool {
	return !r.DeletionDate.IsZero() && !now.Before(r.DeletionDate)
}

// callerSecrets lists the caller's secrets in its Region that still exist.
func (s *Service) callerSecrets(tx store.Tx, caller dx.Caller, now time.Time) ([]*SecretRecord, error) {
	all, err := store.LoadAll[SecretRecord](tx, store.Query{Kind: store.Secrets, Account: caller.Account, Region: caller.Region})
	return slices.DeleteFunc(all, func(r *SecretRecord) bool { return s.secretGone(r, now) }), err
}

// ownSecret loads the caller's secret by ARN or name.
func (s *Service) ownSecret(tx store.Tx, caller dx.Caller, id string, now time.Time) (*SecretRecord, error) {
	if id == "" {
		return nil, dx.TypedErrorf(SecretValidation, "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must not be null or empty")
	}
	if err := checkLengths(chars("secretId", id, 1, MaxSecretID)); err != nil {
		return nil, err
	}
	if strings.HasPrefix(id, "arn:") {
		return core.LoadOwned(tx, store.Secrets, id, caller, secretNotFound(), func(r *SecretRecord) bool { return !s.secretGone(r, now) })
	}
	all, err := s.callerSecrets(tx, caller, now)
	if err != nil {
		return nil, err
	}
	for _, r := range all {
		if r.SecretName() == id {
			return r, nil
		}
	}
	return nil, secretNotFound()
}

func (s *Service) secretEntry(r *SecretRecord) SecretEntry {
	e := SecretEntry{ARN: r.ARN, Name: r.SecretName(), Description: r.Description, KmsKeyID: r.KmsKeyID, PrimaryRegion: r.Region,
		CreatedDate: epoch(r.Created), LastChangedDate: epoch(r.Created), Tags: []SecretTag{}}
	if !r.ChangedAt.IsZero() {
		e.LastChangedDate = epoch(r.ChangedAt)
	}
	if r.Name == "" {
		e.OwningService = "directconnect"
	}
	if !r.DeletedAt.IsZero() {
		d := epoch(r.DeletedAt)
		e.DeletedDate = &d
	}
	if len(r.Versions) > 0 {
		e.VersionIDsToStages = map[string][]string{}
		for _, v := range r.Versions {
			if len(v.Stages) > 0 {
				e.VersionIDsToStages[v.ID] = v.Stages
			}
		}
	}
	for _, t := range r.Tags {
		st := SecretTag{Key: t.Key}
		if t.Value != nil {
			st.Value = *t.Value
		}
		e.Tags = append(e.Tags, st)
	}
	return e
}

var secretNamePattern = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,512}$`)

// macSecSecretString reads a CKN/CAK pair from a SecretString, if it is
// one.
func macSecSecretString(s string) (ckn, cak string) {
	var v struct {
		CKN string `json:"CKN"`
		CAK string `json:"CAK"`
	}
	if json.Unmarshal([]byte(s), &v) != nil {
		return "", ""
	}
	return strings.ToLower(v.CKN), strings.ToLower(v.CAK)
}

func secretTags(in []SecretTag) ([]dx.Tag, error) {
	var out []dx.Tag
	for _, t := range in {
		if t.Key == "" {
			return nil, dx.TypedErrorf(SecretInvalidParam, "Tag keys must not be empty")
		}
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			return nil, dx.TypedErrorf(SecretInvalidParam, "Tag key %q starts with aws:, which is reserved for AWS use", t.Key)
		}
		v := t.Value
		out = slices.DeleteFunc(out, func(o dx.Tag) bool { return o.Key == t.Key })
		out = append(out, dx.Tag{Key: t.Key, Value: &v})
	}
	if len(out) > 50 {
		return nil, dx.TypedErrorf(SecretInvalidParam, "A secret has at most 50 tags; %d were given", len(out))
	}
	return out, nil
}

// CreateSecret creates a secret. Its value is kept only as far as it is a
// MACsec CKN/CAK pair.
func (s *Service) CreateSecret(ctx context.Context, caller dx.Caller, in *CreateSecretInput) (*CreateSecretOutput, error) {
	switch {
	case in.Name == "":
		return nil, dx.TypedErrorf(SecretValidation, "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must not be null or empty")
	case !secretNamePattern.MatchString(in.Name):
		return nil, dx.TypedErrorf(SecretValidation, "Invalid name %q: a secret name is 1 to 512 characters: letters, digits and /_+=.@-", in.Name)
	case strings.HasPrefix(in.Name, "directconnect!"):
		return nil, dx.TypedErrorf(SecretInvalidReq, "Names starting with directconnect! are reserved for the secrets Direct Connect stores")
	case len(in.AddReplicaRegions) > 0:
		return nil, dx.TypedErrorf(SecretInvalidReq, "dxsim does not replicate secrets; leave AddReplicaRegions out")
	case in.SecretString != nil && in.SecretBinary != nil:
		return nil, dx.TypedErrorf(SecretInvalidParam, "You can't specify both a binary secret value and a string secret value in the same secret.")
	case len(in.Description) > MaxDescription:
		return nil, dx.TypedErrorf(SecretValidation, "The description is %d characters long; at most %d are allowed", len(in.Description), MaxDescription)
	}
	lengths := append(valueLengths(in.SecretString, in.SecretBinary, in.ClientRequestToken), chars("kmsKeyId", in.KmsKeyID, 0, MaxKmsKeyID))
	if err := checkLengths(append(lengths, tagLengths(in.Tags)...)...); err != nil {
		return nil, err
	}
	tags, err := secretTags(in.Tags)
	if err != nil {
		return nil, err
	}
	var out CreateSecretOutput
	err = s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		all, err := s.callerSecrets(tx, caller, now)
		if err != nil {
			return err
		}
		for _, o := range all {
			if o.SecretName() == in.Name {
				if !o.DeletedAt.IsZero() {
					return dx.TypedErrorf(SecretInvalidReq, "You can't create this secret because a secret with this name is already scheduled for deletion.")
				}
				return dx.TypedErrorf(SecretExists, "The operation failed because the secret %s already exists.", in.Name)
			}
		}
		r := &SecretRecord{Owner: caller.Account, Region: caller.Region, Name: in.Name, Description: in.Description, KmsKeyID: in.KmsKeyID,
			Tags: tags, Created: now, HasValue: in.SecretString != nil || in.SecretBinary != nil}
		if r.HasValue {
			versionID := in.ClientRequestToken
			if versionID == "" {
				versionID = uuid.NewString()
			}
			putVersion(r, SecretVersion{ID: versionID, String: in.SecretString, Binary: in.SecretBinary, CreatedAt: now}, nil)
		}
		for range 5 {
			r.ARN = dx.UserSecretARN(caller.Region, caller.Account, in.Name)
			row, err := store.Encode(secretKey(r), r)
			if err != nil {
				return err
			}
			if err = tx.Insert(row); err != store.ErrExists {
				if err == nil {
					out = CreateSecretOutput{ARN: r.ARN, Name: r.Name}
					if r.HasValue {
						out.VersionID = r.Versions[0].ID
					}
				}
				return err
			}
		}
		return store.ErrExists
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DescribeSecret describes a secret, never its value.
func (s *Service) DescribeSecret(ctx context.Context, caller dx.Caller, in *SecretIDInput) (*SecretEntry, error) {
	var out SecretEntry
	err := s.View(ctx, func(tx *core.Txn) error {
		r, err := s.ownSecret(tx, caller, in.SecretID, tx.Now)
		if err != nil {
			return err
		}
		out = s.secretEntry(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSecrets lists the caller's secrets in its Region.
func (s *Service) ListSecrets(ctx context.Context, caller dx.Caller, in *ListSecretsInput) (*ListSecretsOutput, error) {
	if in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 100) {
		return nil, dx.TypedErrorf(SecretValidation, "MaxResults %d is out of range; it must be between 1 and 100", *in.MaxResults)
	}
	for _, f := range in.Filters {
		switch f.Key {
		case "name", "description", "tag-key", "tag-value", "owning-service", "primary-region", "all":
		default:
			return nil, dx.TypedErrorf(SecretValidation, "Filter key %q is not valid; use name, description, tag-key, tag-value, owning-service, primary-region or all", f.Key)
		}
	}
	out := &ListSecretsOutput{SecretList: []SecretEntry{}}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := s.callerSecrets(tx, caller, tx.Now)
		if err != nil {
			return err
		}
		var entries []SecretEntry
		for _, r := range all {
			e := s.secretEntry(r)
			if (in.IncludePlannedDeletion || e.DeletedDate == nil) && secretMatches(e, in) {
				entries = append(entries, e)
			}
		}
		slices.SortFunc(entries, func(a, b SecretEntry) int { return time.Time(a.CreatedDate).Compare(time.Time(b.CreatedDate)) })
		if in.SortOrder == "desc" {
			slices.Reverse(entries)
		}
		start := 0
		if in.NextToken != "" {
			b, err := base64.RawURLEncoding.DecodeString(in.NextToken)
			i := slices.IndexFunc(entries, func(e SecretEntry) bool { return e.ARN == string(b) })
			if err != nil || i < 0 {
				return dx.TypedErrorf(SecretInvalidParam, "NextToken %q is not a token this service returned; pass the NextToken of the previous answer unchanged", in.NextToken)
			}
			start = i + 1
		}
		entries = entries[start:]
		if in.MaxResults != nil && len(entries) > *in.MaxResults {
			entries = entries[:*in.MaxResults]
			out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(entries[len(entries)-1].ARN))
		}
		out.SecretList = append(out.SecretList, entries...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// secretMatches applies ListSecrets filters: each value a prefix, a
// leading ! negating it.
func secretMatches(e SecretEntry, in *ListSecretsInput) bool {
	for _, f := range in.Filters {
		var have []string
		switch f.Key {
		case "name":
			have = []string{e.Name}
		case "description":
			have = []string{e.Description}
		case "owning-service":
			have = []string{e.OwningService}
		case "primary-region":
			have = []string{e.PrimaryRegion}
		case "tag-key", "tag-value", "all":
			for _, t := range e.Tags {
				if f.Key != "tag-value" {
					have = append(have, t.Key)
				}
				if f.Key != "tag-key" {
					have = append(have, t.Value)
				}
			}
			if f.Key == "all" {
				have = append(have, e.Name, e.Description)
			}
		}
		ok := false
		for _, v := range f.Values {
			neg := strings.HasPrefix(v, "!")
			v = strings.TrimPrefix(v, "!")
			hit := slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(strings.ToLower(h), strings.ToLower(v)) })
			if hit != neg {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// DeleteSecret schedules a secret's deletion after its recovery window (7
// to 30 days, 30 by default), or deletes it at once. A secret associated
// with a connection or LAG as its MACsec key is not deleted.
func (s *Service) DeleteSecret(ctx context.Context, caller dx.Caller, in *DeleteSecretInput) (*DeleteSecretOutput, error) {
	force := in.ForceDeleteWithoutRecovery != nil && *in.ForceDeleteWithoutRecovery
	days := int64(30)
	if in.RecoveryWindowInDays != nil {
		if force {
			return nil, dx.TypedErrorf(SecretInvalidParam, "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.")
		}
		if days = *in.RecoveryWindowInDays; days < 7 || days > 30 {
			return nil, dx.TypedErrorf(SecretInvalidParam, "RecoveryWindowInDays %d is out of range; it must be between 7 and 30", days)
		}
	}
	var out DeleteSecretOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		r, err := s.ownSecret(tx, caller, in.SecretID, now)
		if err != nil {
			return err
		}
		if !r.DeletedAt.IsZero() && !force {
			return markedForDeletion()
		}
		if holder, err := s.secretHolder(tx, r); err != nil || holder != "" {
			if err != nil {
				return err
			}
			return dx.TypedErrorf(SecretInvalidReq, "Secret %s is the MACsec key of %s; disassociate it (DisassociateMacSecKey) before deleting it", r.ARN, holder)
		}
		out = DeleteSecretOutput{ARN: r.ARN, Name: r.SecretName(), DeletionDate: epoch(now)}
		if force {
			return tx.Delete(store.Secrets, r.ARN)
		}
		r.DeletedAt, r.DeletionDate = now, now.Add(time.Duration(days)*24*time.Hour)
		out.DeletionDate = epoch(r.DeletionDate)
		if err := s.Doom(tx, string(store.Secrets), r.ARN, r.DeletionDate); err != nil {
			return err
		}
		return store.Save(tx, secretKey(r), r)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// secretHolder is the connection or LAG of the secret's owner that has it
// as a MACsec key, or "".
func (s *Service) secretHolder(tx store.Tx, r *SecretRecord) (string, error) {
	q := store.Query{Account: r.Owner, Region: r.Region, Key: core.MacSecKey(r.ARN)}
	has := func(keys []dx.KeyLink) bool {
		return slices.ContainsFunc(keys, func(k dx.KeyLink) bool { return k.SecretARN == r.ARN })
	}
	q.Kind = store.Connections
	conns, err := store.LoadAll[dx.ConnectionRecord](tx, q)
	if err != nil {
		return "", err
	}
	for _, c := range conns {
		if !c.Deleted() && has(c.MacSecKeys) {
			return c.ID, nil
		}
	}
	q.Kind = store.Lags
	lags, err := store.LoadAll[dx.LagRecord](tx, q)
	if err != nil {
		return "", err
	}
	for _, l := range lags {
		if !l.Deleted() && has(l.MacSecKeys) {
			return l.ID, nil
		}
	}
	return "", nil
}

// GetResourcePolicy answers a secret's resource policy; dxsim's secrets
// have none.
func (s *Service) GetResourcePolicy(ctx context.Context, caller dx.Caller, in *SecretIDInput) (*GetResourcePolicyOutput, error) {
	var out GetResourcePolicyOutput
	err := s.View(ctx, func(tx *core.Txn) error {
		r, err := s.ownSecret(tx, caller, in.SecretID, tx.Now)
		if err != nil {
			return err
		}
		if !r.DeletedAt.IsZero() {
			return markedForDeletion()
		}
		out = GetResourcePolicyOutput{ARN: r.ARN, Name: r.SecretName()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// TagSecret (TagResource) adds or overwrites tags of a secret.
func (s *Service) TagSecret(ctx context.Context, caller dx.Caller, in *TagSecretInput) (*Empty, error) {
	if err := checkLengths(tagLengths(in.Tags)...); err != nil {
		return nil, err
	}
	set, err := secretTags(in.Tags)
	if err != nil {
		return nil, err
	}
	return s.changeSecretTags(ctx, caller, in.SecretID, func(tags []dx.Tag) []dx.Tag {
		for _, t := range set {
			tags = append(slices.DeleteFunc(tags, func(o dx.Tag) bool { return o.Key == t.Key }), t)
		}
		return tags
	})
}

// UntagSecret (UntagResource) removes tags of a secret.
func (s *Service) UntagSecret(ctx context.Context, caller dx.Caller, in *UntagSecretInput) (*Empty, error) {
	return s.changeSecretTags(ctx, caller, in.SecretID, func(tags []dx.Tag) []dx.Tag {
		return slices.DeleteFunc(tags, func(t dx.Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
	})
}

func (s *Service) changeSecretTags(ctx context.Context, caller dx.Caller, id string, change func([]dx.Tag) []dx.Tag) (*Empty, error) {
	err := s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		r, err := s.ownSecret(tx, caller, id, now)
		if err != nil {
			return err
		}
		if !r.DeletedAt.IsZero() {
			return markedForDeletion()
		}
		if r.Tags = change(slices.Clone(r.Tags)); len(r.Tags) > 50 {
			return dx.TypedErrorf(SecretInvalidParam, "A secret has at most 50 tags; this request would leave %d", len(r.Tags))
		}
		r.ChangedAt = now
		return store.Save(tx, secretKey(r), r)
	})
	if err != nil {
		return nil, err
	}
	return &Empty{}, nil
}

// Staging labels of secret versions.
const (
	stageCurrent  = "AWSCURRENT"
	stagePrevious = "AWSPREVIOUS"
)

// putVersion adds v to r with stages (AWSCURRENT when none), moving each
// stage from the version that had it; the version AWSCURRENT leaves becomes
// AWSPREVIOUS. The secret's MACsec key is its current value's.
func putVersion(r *SecretRecord, v SecretVersion, stages []string) {
	if len(stages) == 0 {
		stages = []string{stageCurrent}
	}
	if slices.Contains(stages, stageCurrent) {
		for i := range r.Versions {
			o := &r.Versions[i]
			o.Stages = slices.DeleteFunc(o.Stages, func(s string) bool { return s == stagePrevious })
			if slices.Contains(o.Stages, stageCurrent) {
				o.Stages = append(slices.DeleteFunc(o.Stages, func(s string) bool { return s == stageCurrent }), stagePrevious)
			}
		}
	}
	for i := range r.Versions {
		r.Versions[i].Stages = slices.DeleteFunc(r.Versions[i].Stages, func(s string) bool { return slices.Contains(stages, s) && s != stagePrevious })
	}
	v.Stages = slices.Clone(stages)
	r.Versions = append(r.Versions, v)
	// Versions without a label are dropped, as Secrets Manager deprecates them.
	r.Versions = slices.DeleteFunc(r.Versions, func(o SecretVersion) bool { return len(o.Stages) == 0 })
	r.Ckn, r.Cak = "", ""
	for _, o := range r.Versions {
		if slices.Contains(o.Stages, stageCurrent) && o.String != nil {
			r.Ckn, r.Cak = macSecSecretString(*o.String)
		}
	}
}

// PutSecretValue stores a new value of a secret its owner created.
func (s *Service) PutSecretValue(ctx context.Context, caller dx.Caller, in *PutSecretValueInput) (*PutSecretValueOutput, error) {
	if (in.SecretString == nil) == (in.SecretBinary == nil) {
		return nil, dx.TypedErrorf(SecretInvalidParam, "Specify exactly one of SecretString and SecretBinary")
	}
	if err := checkLengths(append(valueLengths(in.SecretString, in.SecretBinary, in.ClientRequestToken), stageLengths(in.VersionStages)...)...); err != nil {
		return nil, err
	}
	var out PutSecretValueOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		r, err := s.ownSecret(tx, caller, in.SecretID, now)
		if err != nil {
			return err
		}
		switch {
		case !r.DeletedAt.IsZero():
			return markedForDeletion()
		case r.Name == "":
			return dx.TypedErrorf(SecretInvalidReq, "Secret %s is managed by Direct Connect; associate a new CKN/CAK pair with AssociateMacSecKey instead", r.ARN)
		}
		id := in.ClientRequestToken
		if id == "" {
			id = uuid.NewString()
		}
		if i := slices.IndexFunc(r.Versions, func(v SecretVersion) bool { return v.ID == id }); i >= 0 {
			v := r.Versions[i]
			if !slices.Equal(v.Binary, in.SecretBinary) || (v.String == nil) != (in.SecretString == nil) || v.String != nil && *v.String != *in.SecretString {
				return dx.TypedErrorf(SecretExists, "You can't modify an existing version, you can only create a new version: version %s has another value", id)
			}
			out = PutSecretValueOutput{ARN: r.ARN, Name: r.SecretName(), VersionID: id, VersionStages: v.Stages}
			return nil
		}
		putVersion(r, SecretVersion{ID: id, String: in.SecretString, Binary: in.SecretBinary, CreatedAt: now}, in.VersionStages)
		if err := checkLabelQuota(r); err != nil {
			return err
		}
		r.HasValue, r.ChangedAt = true, now
		out = PutSecretValueOutput{ARN: r.ARN, Name: r.SecretName(), VersionID: id, VersionStages: r.Versions[len(r.Versions)-1].Stages}
		return store.Save(tx, secretKey(r), r)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetSecretValue answers a value its owner put, by version ID or staging
// label (AWSCURRENT by default). The secrets Direct Connect stores for
// AssociateMacSecKey never reveal their key.
func (s *Service) GetSecretValue(ctx context.Context, caller dx.Caller, in *GetSecretValueInput) (*GetSecretValueOutput, error) {
	var out GetSecretValueOutput
	err := s.View(ctx, func(tx *core.Txn) error {
		r, err := s.ownSecret(tx, caller, in.SecretID, tx.Now)
		if err != nil {
			return err
		}
		switch {
		case !r.DeletedAt.IsZero():
			return markedForDeletion()
		case r.Name == "":
			return dx.TypedErrorf(SecretInvalidReq, "Secret %s holds a MACsec key stored by Direct Connect, whose CAK is never returned", r.ARN)
		}
		stage := in.VersionStage
		if stage == "" && in.VersionID == "" {
			stage = stageCurrent
		}
		for _, v := range r.Versions {
			if (in.VersionID == "" || v.ID == in.VersionID) && (stage == "" || slices.Contains(v.Stages, stage)) {
				out = GetSecretValueOutput{ARN: r.ARN, Name: r.SecretName(), VersionID: v.ID, SecretString: v.String, SecretBinary: v.Binary,
					VersionStages: v.Stages, CreatedDate: epoch(v.CreatedAt)}
				return nil
			}
		}
		return dx.TypedErrorf(SecretNotFound, "Secrets Manager can't find the specified secret value for VersionId %q and staging label %q", in.VersionID, stage)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateSecret changes a secret's description or KMS key, and puts a new
// value when one is given.
func (s *Service) UpdateSecret(ctx context.Context, caller dx.Caller, in *UpdateSecretInput) (*CreateSecretOutput, error) {
	if in.SecretString != nil && in.SecretBinary != nil {
		return nil, dx.TypedErrorf(SecretInvalidParam, "You can't specify both a binary secret value and a string secret value in the same secret.")
	}
	if in.Description != nil && len(*in.Description) > MaxDescription {
		return nil, dx.TypedErrorf(SecretValidation, "The description is %d characters long; at most %d are allowed", len(*in.Description), MaxDescription)
	}
	lengths := valueLengths(in.SecretString, in.SecretBinary, in.ClientRequestToken)
	if in.KmsKeyID != nil {
		lengths = append(lengths, chars("kmsKeyId", *in.KmsKeyID, 0, MaxKmsKeyID))
	}
	if err := checkLengths(lengths...); err != nil {
		return nil, err
	}
	var out CreateSecretOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		now := tx.Now
		r, err := s.ownSecret(tx, caller, in.SecretID, now)
		if err != nil {
			return err
		}
		switch {
		case !r.DeletedAt.IsZero():
			return markedForDeletion()
		case r.Name == "":
			return dx.TypedErrorf(SecretInvalidReq, "Secret %s is managed by Direct Connect; it cannot be updated", r.ARN)
		}
		if in.Description != nil {
			r.Description = *in.Description
		}
		if in.KmsKeyID != nil {
			r.KmsKeyID = *in.KmsKeyID
		}
		out = CreateSecretOutput{ARN: r.ARN, Name: r.Name}
		if in.SecretString != nil || in.SecretBinary != nil {
			id := in.ClientRequestToken
			if id == "" || slices.ContainsFunc(r.Versions, func(v SecretVersion) bool { return v.ID == id }) {
				id = uuid.NewString()
			}
			putVersion(r, SecretVersion{ID: id, String: in.SecretString, Binary: in.SecretBinary, CreatedAt: now}, nil)
			r.HasValue, out.VersionID = true, id
		}
		r.ChangedAt = now
		return store.Save(tx, secretKey(r), r)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
