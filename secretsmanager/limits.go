package secretsmanager

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dxsim/dxsim/dx"
)

// Secrets Manager's documented bounds (its API reference and quotas page):
// a secret costs at most these, times its versions, which the staging
// labels bound.
const (
	MaxSecretValue   = 65536 // bytes of a SecretString or SecretBinary
	MaxDescription   = 2048  // characters
	MaxSecretID      = 2048  // characters of a name or ARN
	MaxKmsKeyID      = 2048
	MinRequestToken  = 32 // characters of a ClientRequestToken
	MaxRequestToken  = 64
	MaxStagingLabel  = 256
	MaxTagKey        = 128
	MaxTagValue      = 256
	MaxLabelsPerCall = 20 // VersionStages of one request
	// MaxLabelsPerSecret is the quota of staging labels attached across
	// all versions of a secret. A version without a label is dropped, so
	// it also bounds the versions a secret keeps.
	MaxLabelsPerSecret = 20
)

// length is one member's length, in the unit of its bound.
type length struct {
	member   string
	n        int
	min, max int
}

// chars is the length of s in characters, the unit of most bounds.
func chars(member, s string, min, max int) length {
	return length{member, utf8.RuneCountInString(s), min, max}
}

// checkLengths reports, as AWS's validation does, every member out of its
// bounds, without repeating the values: some are secret.
func checkLengths(ls ...length) error {
	var violations []string
	for _, l := range ls {
		switch {
		case l.n > l.max:
			violations = append(violations, fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d; it has %d", l.member, l.max, l.n))
		case l.n < l.min:
			violations = append(violations, fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d; it has %d", l.member, l.min, l.n))
		}
	}
	switch len(violations) {
	case 0:
		return nil
	case 1:
		return dx.TypedErrorf(SecretValidation, "1 validation error detected: %s", violations[0])
	}
	return dx.TypedErrorf(SecretValidation, "%d validation errors detected: %s", len(violations), strings.Join(violations, "; "))
}

// valueLengths are the bounds of a secret value and the token of its
// version; an absent token (the SDKs always send one) is not checked.
func valueLengths(str *string, bin []byte, token string) []length {
	var ls []length
	if str != nil {
		ls = append(ls, length{"secretString", len(*str), 0, MaxSecretValue})
	}
	if bin != nil {
		ls = append(ls, length{"secretBinary", len(bin), 0, MaxSecretValue})
	}
	if token != "" {
		ls = append(ls, chars("clientRequestToken", token, MinRequestToken, MaxRequestToken))
	}
	return ls
}

// tagLengths are the bounds of tags' keys and values.
func tagLengths(tags []SecretTag) []length {
	var ls []length
	for i, t := range tags {
		ls = append(ls, chars(fmt.Sprintf("tags.%d.member.key", i+1), t.Key, 0, MaxTagKey),
			chars(fmt.Sprintf("tags.%d.member.value", i+1), t.Value, 0, MaxTagValue))
	}
	return ls
}

// stageLengths are the bounds of the staging labels of one request.
func stageLengths(stages []string) []length {
	ls := []length{{"versionStages", len(stages), 0, MaxLabelsPerCall}}
	for i, s := range stages {
		ls = append(ls, chars(fmt.Sprintf("versionStages.%d.member", i+1), s, 1, MaxStagingLabel))
	}
	return ls
}

// checkLabelQuota refuses a secret whose versions would carry more than
// MaxLabelsPerSecret staging labels.
func checkLabelQuota(r *SecretRecord) error {
	labels := 0
	for _, v := range r.Versions {
		labels += len(v.Stages)
	}
	if labels > MaxLabelsPerSecret {
		return dx.TypedErrorf(SecretLimitExceeded, "A secret's versions carry at most %d staging labels (a Secrets Manager quota); this request would attach %d. Reuse a label the secret has: it moves to the new version", MaxLabelsPerSecret, labels)
	}
	return nil
}
