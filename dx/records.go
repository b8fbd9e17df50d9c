package dx

import (
	"time"
)

// Records are the stored facts about resources. Wire shapes are views built
// from them: states are not stored but derived from these timestamps, the
// clock and the rest of the world (see package sim).

// Caller is who makes a request: the account and Region of its credentials.
type Caller struct {
	Account string
	Region  string
}

// ConnectionRecord is a connection: dedicated, an interconnect, or hosted.
type ConnectionRecord struct {
	ID           string `json:"id"`
	Owner        string `json:"owner"`
	Region       string `json:"region"`
	Name         string `json:"name"`
	Location     string `json:"location"`
	Bandwidth    string `json:"bandwidth"`
	LagID        string `json:"lagId,omitempty"`
	ProviderName string `json:"providerName,omitempty"`
	Device       string `json:"device"`
	Port         int    `json:"port"`
	// HostedOn is the interconnect or LAG a hosted connection is carved out
	// of, Vlan its VLAN there, and HostMacSec whether that host is MACsec
	// capable (fixed when the host was created).
	HostedOn   string `json:"hostedOn,omitempty"`
	Vlan       int    `json:"vlan,omitempty"`
	HostMacSec bool   `json:"hostMacSec,omitempty"`
	// PastHosts are the hosts a hosted connection moved away from.
	PastHosts []ParentSpan `json:"pastHosts,omitempty"`
	// Interconnect marks a partner's interconnect: a port that hosted
	// connections are carved out of.
	Interconnect bool `json:"interconnect,omitempty"`
	// Partner is the account that allocated a hosted connection, and
	// PartnerName its name as customers see it.
	Partner        string    `json:"partner,omitempty"`
	PartnerName    string    `json:"partnerName,omitempty"`
	ConfirmedAt    time.Time `json:"confirmedAt,omitzero"` // when the owner confirmed a hosted connection
	Rejected       bool      `json:"rejected,omitempty"`   // the owner deleted it instead of confirming
	MacSecCapable  bool      `json:"macSecCapable,omitempty"`
	EncryptionMode string    `json:"encryptionMode,omitempty"`
	MacSecKeys     []KeyLink `json:"macSecKeys,omitempty"`
	// PastMacSecKeys are the keys disassociated from it, kept for the
	// event log.
	PastMacSecKeys []KeyLink `json:"pastMacSecKeys,omitempty"`
	Tags           []Tag     `json:"tags,omitempty"`
	CreatedAt      time.Time `json:"createdAt"`
	LoaIssuedAt    time.Time `json:"loaIssuedAt,omitzero"`
	// LoaDownloadedAt is when its owner first downloaded its LOA-CFA: the
	// cross-connect is ordered with it.
	LoaDownloadedAt time.Time `json:"loaDownloadedAt,omitzero"`
	// CrossConnectOrderedAt is when its cross-connect was ordered without
	// an LOA download: its creation, when the world's autoCrossConnect
	// setting was on then.
	CrossConnectOrderedAt time.Time    `json:"crossConnectOrderedAt,omitzero"`
	Provisioning          Provisioning `json:"provisioning,omitzero"`
	DeletedAt             time.Time    `json:"deletedAt,omitzero"`
	BillingMode           string       `json:"billingMode,omitempty"` // "" is PayAsYouGo
}

// ParentSpan records that a resource was on parent ID (an interconnect or
// LAG hosting a connection, the connection or LAG of a virtual interface)
// until Until, when it moved.
type ParentSpan struct {
	ID    string    `json:"id"`
	Until time.Time `json:"until"`
}

// Deleted reports whether the connection was deleted.
func (c *ConnectionRecord) Deleted() bool { return !c.DeletedAt.IsZero() }

// OwnedBy is the connection's owner account and Region.
func (c *ConnectionRecord) OwnedBy() (account, region string) { return c.Owner, c.Region }

// SharedWith is the partner that allocated a hosted connection: it acts on
// the connection too (core.OwnsOrShares).
func (c *ConnectionRecord) SharedWith() []string {
	if c.Hosted() {
		return []string{c.Partner}
	}
	return nil
}

// Hosted reports whether this is a hosted connection.
func (c *ConnectionRecord) Hosted() bool { return c.HostedOn != "" }

// Parent is the ID the connection is listed under: the LAG it is a member
// of, or the interconnect or LAG hosting it.
func (c *ConnectionRecord) Parent() string {
	if c.Hosted() {
		return c.HostedOn
	}
	return c.LagID
}

// ARN is the connection's resource ARN.
func (c *ConnectionRecord) ARN() ARN {
	return ARN{Region: c.Region, Account: c.Owner, Type: ARNConnection, ID: c.ID}
}

// LagRecord is a link aggregation group. Its members are the connections
// whose LagID names it.
type LagRecord struct {
	ID                      string    `json:"id"`
	Owner                   string    `json:"owner"`
	Region                  string    `json:"region"`
	Name                    string    `json:"name"`
	Location                string    `json:"location"`
	Bandwidth               string    `json:"bandwidth"`
	Device                  string    `json:"device"`
	MinimumLinks            int       `json:"minimumLinks"`
	ProviderName            string    `json:"providerName,omitempty"`
	AllowsHostedConnections bool      `json:"allowsHostedConnections,omitempty"`
	BillingMode             string    `json:"billingMode,omitempty"` // "" is PayAsYouGo; members start with it
	MacSecCapable           bool      `json:"macSecCapable,omitempty"`
	EncryptionMode          string    `json:"encryptionMode,omitempty"`
	MacSecKeys              []KeyLink `json:"macSecKeys,omitempty"`
	PastMacSecKeys          []KeyLink `json:"pastMacSecKeys,omitempty"` // disassociated, kept for the event log
	Tags                    []Tag     `json:"tags,omitempty"`
	CreatedAt               time.Time `json:"createdAt"`
	LoaIssuedAt             time.Time `json:"loaIssuedAt,omitzero"`
	DeletedAt               time.Time `json:"deletedAt,omitzero"`
	// Memberships and MinimumLinksChanges are the LAG's history: its state
	// at any moment, past ones included, follows from them.
	Memberships         []LagMembership      `json:"memberships,omitempty"`
	MinimumLinksChanges []MinimumLinksChange `json:"minimumLinksChanges,omitempty"`
}

// LagMembership is a span during which a connection was a LAG's member;
// Until is zero while it is.
type LagMembership struct {
	ConnectionID string    `json:"connectionId"`
	From         time.Time `json:"from"`
	Until        time.Time `json:"until,omitzero"`
}

// MinimumLinksChange records that minimumLinks was From until At.
type MinimumLinksChange struct {
	At   time.Time `json:"at"`
	From int       `json:"from"`
}

// Join records that connection id became a member at at.
func (l *LagRecord) Join(id string, at time.Time) {
	l.Memberships = append(l.Memberships, LagMembership{ConnectionID: id, From: at})
}

// Leave records that connection id stopped being a member at at.
func (l *LagRecord) Leave(id string, at time.Time) {
	for i := range l.Memberships {
		if m := &l.Memberships[i]; m.ConnectionID == id && m.Until.IsZero() {
			m.Until = at
		}
	}
}

// SetMinimumLinks changes minimumLinks to n at at.
func (l *LagRecord) SetMinimumLinks(n int, at time.Time) {
	if n != l.MinimumLinks {
		l.MinimumLinksChanges = append(l.MinimumLinksChanges, MinimumLinksChange{At: at, From: l.MinimumLinks})
		l.MinimumLinks = n
	}
}

// MinimumLinksAt is minimumLinks at t.
func (l *LagRecord) MinimumLinksAt(t time.Time) int {
	n := l.MinimumLinks
	for i := len(l.MinimumLinksChanges) - 1; i >= 0 && t.Before(l.MinimumLinksChanges[i].At); i-- {
		n = l.MinimumLinksChanges[i].From
	}
	return n
}

// Deleted reports whether the LAG was deleted.
func (l *LagRecord) Deleted() bool { return !l.DeletedAt.IsZero() }

// OwnedBy is the LAG's owner account and Region.
func (l *LagRecord) OwnedBy() (account, region string) { return l.Owner, l.Region }

// ARN is the LAG's resource ARN.
func (l *LagRecord) ARN() ARN {
	return ARN{Region: l.Region, Account: l.Owner, Type: ARNLag, ID: l.ID}
}

// KeyLink is a MACsec secret associated with a connection or LAG.
type KeyLink struct {
	SecretARN       string    `json:"secretARN"`
	Ckn             string    `json:"ckn"`
	AssociatedAt    time.Time `json:"associatedAt"`
	DisassociatedAt time.Time `json:"disassociatedAt,omitzero"` // only in PastMacSecKeys
}

// AgreementRecord is an account's signature of a customer agreement.
type AgreementRecord struct {
	Account  string    `json:"account"`
	Name     string    `json:"name"`
	SignedAt time.Time `json:"signedAt"`
}
