package dx

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Resiliency groups gather an account's connections in a Region so they can
// be managed as one unit that aims at a resiliency model. Their IDs are
// dxrg- and 17 letters and digits; their ARNs, like those of Direct Connect
// gateways, have no Region: arn:aws:directconnect::<account>:dx-resiliency-group/<id>.
const (
	ResiliencyGroupPrefix = "dxrg-"
	ARNResiliencyGroup    = "dx-resiliency-group"
	// ResiliencyGroupManaged is the only resiliency group type.
	ResiliencyGroupManaged = "Managed"
	// MaxResiliencyGroupConnections is how many connections a group holds,
	// and how many one call may name: the model caps connectionIdentifiers
	// (and CloudFormation's ConnectionArns) at 50.
	MaxResiliencyGroupConnections = 50
)

// Resiliency models a group can aim at.
var ResiliencyModels = []string{"maximum-resiliency", "high-resiliency", "basic-resiliency"}

// Resiliency group states. Its associations have the states of every
// association (Associating and the others, in gateway.go).
const (
	GroupPending   = "pending"
	GroupAvailable = "available"
	GroupDeleting  = "deleting"
	GroupDeleted   = "deleted"
)

// NewResiliencyGroupID returns a fresh resiliency group ID.
func NewResiliencyGroupID() string { return ResiliencyGroupPrefix + randomString(17) }

// ResiliencyGroupARN is the ARN of a group; it names no Region.
func ResiliencyGroupARN(account, id string) string {
	return ARN{Account: account, Type: ARNResiliencyGroup, ID: id}.String()
}

// ResiliencyGroupRecord is a resiliency group and its connections.
type ResiliencyGroupRecord struct {
	ID     string `json:"id"`
	Owner  string `json:"owner"`
	Region string `json:"region"`
	Name   string `json:"name"`
	// Model is the intendedResiliencyModel; no response carries it.
	Model     string    `json:"model"`
	Tags      []Tag     `json:"tags,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	// DeletingAt is when DeleteResiliencyGroup was called.
	DeletingAt   time.Time               `json:"deletingAt,omitzero"`
	Associations []ResiliencyAssociation `json:"associations,omitempty"`
	// CreateToken is the clientToken of CreateResiliencyGroup, Requests the
	// recent tokens of the calls that changed the group, for idempotent retries.
	CreateToken string     `json:"createToken,omitempty"`
	Requests    []TokenUse `json:"requests,omitempty"`
}

// OwnedBy is the group's owner account and Region.
func (g *ResiliencyGroupRecord) OwnedBy() (account, region string) { return g.Owner, g.Region }

// ResiliencyAssociation is a connection's membership of a group, from
// AssociatedAt until DisassociatedAt.
type ResiliencyAssociation struct {
	ConnectionID    string    `json:"connectionId"`
	AssociatedAt    time.Time `json:"associatedAt"`
	DisassociatedAt time.Time `json:"disassociatedAt,omitzero"`
}

// TokenUse is a clientToken an operation was called with and what it asked.
type TokenUse struct {
	Token   string `json:"token"`
	Request string `json:"request"`
}

// MaxRememberedTokens bounds the clientTokens a group remembers.
const MaxRememberedTokens = 50

// ResiliencyTimings are how long a group takes to be set up and torn down,
// and a connection to join or leave it, in simulated time.
type ResiliencyTimings struct {
	Setup, Teardown, Association time.Duration
}

// GroupState derives a group's state at now.
func (t ResiliencyTimings) GroupState(g *ResiliencyGroupRecord, now time.Time) string {
	switch {
	case !g.DeletingAt.IsZero() && !now.Before(g.DeletingAt.Add(t.Teardown)):
		return GroupDeleted
	case !g.DeletingAt.IsZero() && !now.Before(g.DeletingAt):
		return GroupDeleting
	case now.Before(g.CreatedAt.Add(t.Setup)):
		return GroupPending
	}
	return GroupAvailable
}

// DeletedAt is when a group reached (or will reach) the deleted state; zero
// while it is not being deleted.
func (t ResiliencyTimings) DeletedAt(g *ResiliencyGroupRecord) time.Time {
	if g.DeletingAt.IsZero() {
		return time.Time{}
	}
	return g.DeletingAt.Add(t.Teardown)
}

// AssociationState derives an association's state at now. connectionDeleted
// is when its connection was deleted, if it was: a deleted connection has
// left every group.
func (t ResiliencyTimings) AssociationState(a ResiliencyAssociation, connectionDeleted, now time.Time) string {
	switch {
	case !connectionDeleted.IsZero() && !now.Before(connectionDeleted):
		return Disassociated
	case !a.DisassociatedAt.IsZero() && !now.Before(a.DisassociatedAt.Add(t.Association)):
		return Disassociated
	case !a.DisassociatedAt.IsZero() && !now.Before(a.DisassociatedAt):
		return Disassociating
	case now.Before(a.AssociatedAt.Add(t.Association)):
		return Associating
	}
	return Associated
}

// Member reports whether an association state holds the connection in its
// group (joining or joined).
func Member(state string) bool { return state == Associating || state == Associated }

// ResiliencyGroup is the model's ResiliencyGroup shape.
type ResiliencyGroup struct {
	OwnerAccount        string `json:"ownerAccount,omitempty"`
	ResiliencyGroupArn  string `json:"resiliencyGroupArn,omitempty"`
	ResiliencyGroupID   string `json:"resiliencyGroupId,omitempty"`
	ResiliencyGroupName string `json:"resiliencyGroupName,omitempty"`
	ResiliencyGroupType string `json:"resiliencyGroupType,omitempty"`
	State               string `json:"state,omitempty"`
	Tags                []Tag  `json:"tags,omitempty"`
}

// ResiliencyGroupSummary is the model's ResiliencyGroupSummary shape.
type ResiliencyGroupSummary struct {
	OwnerAccount        string `json:"ownerAccount,omitempty"`
	ResiliencyGroupArn  string `json:"resiliencyGroupArn,omitempty"`
	ResiliencyGroupID   string `json:"resiliencyGroupId,omitempty"`
	ResiliencyGroupName string `json:"resiliencyGroupName,omitempty"`
	ResiliencyGroupType string `json:"resiliencyGroupType,omitempty"`
	State               string `json:"state,omitempty"`
}

// ResiliencyGroupAssociation is the model's ResiliencyGroupAssociation shape.
type ResiliencyGroupAssociation struct {
	ConnectionArn     string `json:"connectionArn,omitempty"`
	ResiliencyGroupID string `json:"resiliencyGroupId,omitempty"`
	State             string `json:"state,omitempty"`
}

// CheckResiliencyGroupID checks an ID against the model's pattern
// ^(dxrg|DXRG)-[0-9a-zA-Z]{17}$ and returns it in the lowercase form the
// service gives out.
func CheckResiliencyGroupID(id string) (string, error) {
	prefix, rest, ok := strings.Cut(id, "-")
	valid := ok && (prefix == "dxrg" || prefix == "DXRG") && len(rest) == 17
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			valid = false
		}
	}
	if !valid {
		return "", Errorf("1 validation error detected: Value %q at 'resiliencyGroupId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(dxrg|DXRG)-[0-9a-zA-Z]{17}$ (a resiliency group ID such as dxrg-0123456789abcdefg)", id)
	}
	return strings.ToLower(id), nil
}

// CheckResiliencyGroupName checks a name: 1 to 255 letters, digits, hyphens
// and underscores.
func CheckResiliencyGroupName(name string) error {
	valid := len(name) >= 1 && len(name) <= 255
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			valid = false
		}
	}
	if !valid {
		return Errorf("1 validation error detected: Value %q at 'resiliencyGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-]+$ and have length between 1 and 255 (letters, digits, hyphens and underscores only)", name)
	}
	return nil
}

// CheckResiliencyModel checks an intendedResiliencyModel.
func CheckResiliencyModel(model string) error {
	return checkEnum("intendedResiliencyModel", model, ResiliencyModels)
}

// checkEnum refuses a value of member that is not one of values, as the
// service's input validation words it.
func checkEnum(member, value string, values []string) error {
	if slices.Contains(values, value) {
		return nil
	}
	return Errorf("1 validation error detected: Value %q at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, member, strings.Join(values, ", "))
}

// CheckClientToken checks an idempotency token: 1 to 128 characters when
// given.
func CheckClientToken(token *string) error {
	if token != nil && (len(*token) < 1 || len(*token) > 128) {
		return Errorf("1 validation error detected: Value %q at 'clientToken' failed to satisfy constraint: Member must have length between 1 and 128", *token)
	}
	return nil
}

// ConnectionIdentifier is a connection named by ID or by ARN.
type ConnectionIdentifier struct {
	Given           string // as the caller wrote it
	ID              string
	Account, Region string // from an ARN; empty for an ID
}

// ParseConnectionIdentifiers checks the connectionIdentifiers of a resiliency
// group request: 1 to 50 connection IDs or connection ARNs, each named once.
func ParseConnectionIdentifiers(ids []string) ([]ConnectionIdentifier, error) {
	if len(ids) < 1 || len(ids) > MaxResiliencyGroupConnections {
		return nil, Errorf("1 validation error detected: Value at 'connectionIdentifiers' failed to satisfy constraint: Member must have length between 1 and %d; got %d connections", MaxResiliencyGroupConnections, len(ids))
	}
	out := make([]ConnectionIdentifier, 0, len(ids))
	seen := map[string]string{}
	for i, s := range ids {
		if len(s) < 1 || len(s) > 1024 {
			return nil, Errorf("1 validation error detected: Value %q at 'connectionIdentifiers.%d.member' failed to satisfy constraint: Member must have length between 1 and 1024", s, i+1)
		}
		ci := ConnectionIdentifier{Given: s, ID: s}
		if strings.HasPrefix(s, "arn:") {
			a, err := ParseARN(s)
			if err != nil || a.Type != ARNConnection {
				return nil, Errorf("connectionIdentifiers member %q is neither a connection ID (dxcon-…) nor a connection ARN (arn:aws:directconnect:<region>:<account>:dxcon/<id>)", s)
			}
			ci = ConnectionIdentifier{Given: s, ID: a.ID, Account: a.Account, Region: a.Region}
		}
		if first, dup := seen[ci.ID]; dup {
			return nil, Errorf("connectionIdentifiers names connection %s twice (%q and %q); name each connection once", ci.ID, first, s)
		}
		seen[ci.ID] = s
		out = append(out, ci)
	}
	return out, nil
}

// Billing modes. A connection is billed PayAsYouGo unless its owner chose a
// flat-rate tier; the PortPair modes exist in responses only.
const PayAsYouGo = "PayAsYouGo"

// RequestBillingModes are the billing modes a request may set.
var RequestBillingModes = []string{PayAsYouGo, "FlatRateTier1", "FlatRateTier2", "FlatRateTier3", "FlatRateTier4", "FlatRateTier5"}

// MaxBillingModeConnections is how many connections UpdateConnectionsBillingMode takes.
const MaxBillingModeConnections = 200

// BillingModeOf is the billing mode a connection record shows.
func BillingModeOf(stored string) string {
	if stored == "" {
		return PayAsYouGo
	}
	return stored
}

// CheckRequestBillingMode checks a billing mode a request sets.
func CheckRequestBillingMode(mode string) error {
	return checkEnum("billingMode", mode, RequestBillingModes)
}

// CheckBillingModeConnectionIDs checks the connectionIds of
// UpdateConnectionsBillingMode: 1 to 200, each named once.
func CheckBillingModeConnectionIDs(ids []string) error {
	if len(ids) < 1 || len(ids) > MaxBillingModeConnections {
		return Errorf("1 validation error detected: Value at 'connectionIds' failed to satisfy constraint: Member must have length between 1 and %d; got %d connections", MaxBillingModeConnections, len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return Errorf("connectionIds names connection %s twice; name each connection once", id)
		}
		seen[id] = true
	}
	return nil
}

// CheckBillingModeFor checks that a connection may be billed in mode:
// flat-rate pricing is for dedicated connections, not hosted ones, whose
// port belongs to a partner.
func CheckBillingModeFor(c *ConnectionRecord, mode string) error {
	if c.Hosted() && mode != PayAsYouGo {
		return Errorf("Connection %s is a hosted connection; flat-rate billing (%s) applies to dedicated connections only, hosted connections are billed %s", c.ID, mode, PayAsYouGo)
	}
	return nil
}

// RequestDigest is how a request is remembered under its clientToken.
func RequestDigest(op string, parts ...string) string {
	return fmt.Sprintf("%s(%s)", op, strings.Join(parts, ","))
}
