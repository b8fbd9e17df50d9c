package dx

import (
	"crypto/rand"
	"fmt"
	"regexp"
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

// IDKind is a kind of ID a request names: the service's word for what it
// names, and the form every ID of the kind has. An ID of another form is
// malformed, and the service says so before it looks for it; a well-formed
// ID that names nothing the caller can see is "not found" instead (the
// Terraform AWS provider reads those answers as a resource that is gone).
type IDKind struct {
	Name    string // "Connection": the message says "Connection ID x has an invalid format"
	Form    string // the form, in words, with an example
	matches func(id string) bool
}

// The kinds of ID Direct Connect requests name. Every ID dxsim ever drew
// has its kind's form: dx.NewID's prefix and 8 lowercase letters and
// digits, uuid.NewString's lowercase UUIDs, and EC2's vgw- and tgw- IDs of
// 8 or 17 hexadecimal digits (what CheckVirtualGateways has always
// required of declared gateways and ec2.NewID draws).
var (
	// ConnectionID is a connectionId: a connection, hosted connection or
	// interconnect, or a LAG where the operation takes one.
	ConnectionID = IDKind{"Connection", "dxcon- (or dxlag- for a LAG) and 8 lowercase letters and digits, such as dxcon-fg5pmr7l",
		func(id string) bool { return IsID(id, ConnectionPrefix) || IsID(id, LagPrefix) }}
	// InterconnectID is an interconnectId; a LAG's ID is well-formed, and
	// the operations tell what to call for a LAG instead.
	InterconnectID = IDKind{"Interconnect", "dxcon- and 8 lowercase letters and digits, such as dxcon-fg5pmr7l",
		func(id string) bool { return IsID(id, ConnectionPrefix) || IsID(id, LagPrefix) }}
	LagID = IDKind{"Lag", "dxlag- and 8 lowercase letters and digits, such as dxlag-fgkk4dja",
		func(id string) bool { return IsID(id, LagPrefix) }}
	VirtualInterfaceID = IDKind{"Virtual interface", "dxvif- and 8 lowercase letters and digits, such as dxvif-fgh0hcrk",
		func(id string) bool { return IsID(id, VirtualInterfacePrefix) }}
	BGPPeerID = IDKind{"BGP peer", "dxpeer- and 8 lowercase letters and digits, such as dxpeer-fg5hyt7m",
		func(id string) bool { return IsID(id, BGPPeerPrefix) }}
	DirectConnectGatewayID = IDKind{"Direct Connect gateway", "a UUID, such as 5f294f92-bafb-4011-916d-9b0b4b5e3f2a", isUUID}
	AssociationID          = IDKind{"Association", "a UUID, such as 6cd1b2c4-8a3e-4bc4-8b8f-2a6d1f0e7c11", isUUID}
	ProposalID             = IDKind{"Proposal", "a UUID, such as c2ede9b4-bbc6-4d33-923c-bc4fe2f4d1a7", isUUID}
	VirtualGatewayID       = IDKind{"Virtual gateway", "vgw- and 8 or 17 hexadecimal digits, such as vgw-0123456789abcdef0",
		func(id string) bool {
			return ec2GatewayID.MatchString(id) && GatewayTypeOf(id) == VirtualPrivateGateway
		}}
	GatewayID = IDKind{"Gateway", "vgw- (a virtual private gateway) or tgw- (a transit gateway) and 8 or 17 hexadecimal digits, such as tgw-0123456789abcdef0",
		ec2GatewayID.MatchString}
)

// CheckID refuses id, named as an ID of kind k, if it is not of k's form,
// in the service's words ("Connection ID fake-connection has an invalid
// format", as the AWS SDKs' integration tests record).
func CheckID(k IDKind, id string) error {
	if k.matches(id) {
		return nil
	}
	return Errorf("%s ID %s has an invalid format. It must be %s", k.Name, id, k.Form)
}

var uuidForm = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func isUUID(id string) bool { return uuidForm.MatchString(id) }
