package dx

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// ID prefixes of Direct Connect resources.
const (
	ConnectionPrefix = "dxcon-"
	LagPrefix        = "dxlag-"
)

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// NewID returns prefix followed by 8 random lowercase letters and digits,
// the form of real IDs such as dxcon-fguhmqlc. Callers insert it under a
// uniqueness constraint and draw again on the rare collision.
func NewID(prefix string) string { return prefix + randomString(8) }

func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		// 256 is not a multiple of 36; the slight bias does not matter for IDs.
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// IsID reports whether id has the given prefix and an 8-character suffix of
// lowercase letters and digits.
func IsID(id, prefix string) bool {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok || len(rest) != 8 {
		return false
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// ARN resource types used by TagResource, UntagResource and DescribeTags.
const (
	ARNConnection = "dxcon"
	ARNLag        = "dxlag"
)

// ARN is a parsed Direct Connect resource ARN:
// arn:aws:directconnect:<region>:<account>:<type>/<id>.
type ARN struct {
	Region, Account, Type, ID string
}

func (a ARN) String() string {
	return fmt.Sprintf("arn:aws:directconnect:%s:%s:%s/%s", a.Region, a.Account, a.Type, a.ID)
}

// ParseARN parses a Direct Connect resource ARN.
func ParseARN(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] != "directconnect" {
		return ARN{}, Errorf("%q is not a Direct Connect resource ARN; expected arn:aws:directconnect:<region>:<account>:<dxcon|dxlag>/<id>", s)
	}
	typ, id, ok := strings.Cut(parts[5], "/")
	if !ok || typ == "" || id == "" {
		return ARN{}, Errorf("%q is not a Direct Connect resource ARN; expected arn:aws:directconnect:<region>:<account>:<dxcon|dxlag>/<id>", s)
	}
	return ARN{Region: parts[3], Account: parts[4], Type: typ, ID: id}, nil
}

// SecretARN returns the ARN of a Secrets Manager secret in which the service
// keeps a MACsec CKN/CAK pair, in the form the real service uses.
func SecretARN(region, account string) string {
	return fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:directconnect!prod/%s/directconnect/%s-%s",
		region, account, region, randomHex(16), randomString(6))
}

func randomHex(n int) string {
	const hex = "0123456789abcdef"
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = hex[b[i]%16]
	}
	return string(b)
}

// UserSecretARN returns the ARN of a secret named name that its owner
// creates: the name, a hyphen and six random characters.
func UserSecretARN(region, account, name string) string {
	return fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-%s", region, account, name, randomString(6))
}
