package dx

import "time"

// ARN resource type of Direct Connect gateways. Their ARNs have no Region:
// arn:aws:directconnect::<account>:dx-gateway/<id>.
const ARNGateway = "dx-gateway"

// DirectConnectGatewayRecord is a Direct Connect gateway, a global resource
// of its owner account.
type DirectConnectGatewayRecord struct {
	ID            string    `json:"id"` // a UUID
	Owner         string    `json:"owner"`
	Name          string    `json:"name"`
	AmazonSideAsn int64     `json:"amazonSideAsn"`
	Tags          []Tag     `json:"tags,omitempty"`
	CreatedAt     time.Time `json:"createdAt"`
	DeletedAt     time.Time `json:"deletedAt,omitzero"`
}

// Deleted reports whether the gateway was deleted.
func (g *DirectConnectGatewayRecord) Deleted() bool { return !g.DeletedAt.IsZero() }

// OwnedBy is the gateway's owner account; Direct Connect gateways are
// global, in no Region.
func (g *DirectConnectGatewayRecord) OwnedBy() (account, region string) { return g.Owner, "" }

// Gateway types a Direct Connect gateway associates with.
const (
	VirtualPrivateGateway = "virtualPrivateGateway"
	TransitGateway        = "transitGateway"
)

// VirtualGatewayRecord is a virtual private gateway (vgw-…) or transit
// gateway (tgw-…) of an account in a Region. They are created in EC2, not
// through Direct Connect, so dxsim is told about them (configuration).
type VirtualGatewayRecord struct {
	ID            string `json:"id"`
	Owner         string `json:"owner"`
	Region        string `json:"region"`
	Type          string `json:"type,omitempty"` // virtualPrivateGateway or transitGateway; by default from the ID's prefix
	AmazonSideAsn int64  `json:"amazonSideAsn,omitempty"`
	// VpcCidrs are the CIDRs of the VPC a virtual private gateway is
	// attached to: what it advertises by default, and what may not overlap
	// between the VPCs of one Direct Connect gateway.
	VpcCidrs []string `json:"vpcCidrs,omitempty"`
}

// DefaultGatewayAsn is the Amazon side ASN of a gateway when none is set,
// for Direct Connect gateways and EC2's virtual private and transit gateways
// alike.
const DefaultGatewayAsn = 64512

// OwnedBy is the gateway's owner account and Region.
func (g *VirtualGatewayRecord) OwnedBy() (account, region string) { return g.Owner, g.Region }

// Asn is the gateway's Amazon side ASN.
func (g *VirtualGatewayRecord) Asn() int64 {
	if g.AmazonSideAsn == 0 {
		return DefaultGatewayAsn
	}
	return g.AmazonSideAsn
}

// ARN is the gateway's resource ARN; a gateway is global, so it has no
// Region.
func (g *DirectConnectGatewayRecord) ARN() ARN {
	return ARN{Account: g.Owner, Type: ARNGateway, ID: g.ID}
}

// GatewayAssociationRecord associates a Direct Connect gateway with a
// virtual private gateway or transit gateway, possibly of another account
// (through an accepted proposal).
type GatewayAssociationRecord struct {
	ID               string    `json:"id"` // a UUID
	GatewayID        string    `json:"directConnectGatewayId"`
	GatewayOwner     string    `json:"directConnectGatewayOwner"`
	AssociatedID     string    `json:"associatedGatewayId"`
	AssociatedType   string    `json:"associatedGatewayType"`
	AssociatedOwner  string    `json:"associatedGatewayOwner"`
	AssociatedRegion string    `json:"associatedGatewayRegion"`
	AllowedPrefixes  []string  `json:"allowedPrefixes"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt,omitzero"` // allowed prefixes last changed
	DeletedAt        time.Time `json:"deletedAt,omitzero"` // disassociation requested
}

// OwnedBy is the owner of the association's Direct Connect gateway; it is
// global.
func (a *GatewayAssociationRecord) OwnedBy() (account, region string) { return a.GatewayOwner, "" }

// SharedWith is the owner of the associated gateway.
func (a *GatewayAssociationRecord) SharedWith() []string { return []string{a.AssociatedOwner} }

// States of an association: of a gateway association, and of a
// connection with a resiliency group (which is never updating).
const (
	Associating    = "associating"
	Associated     = "associated"
	Updating       = "updating"
	Disassociating = "disassociating"
	Disassociated  = "disassociated"
)

// StateAt derives the association's state at now, each of its stages
// lasting d (the gateway delay).
func (a *GatewayAssociationRecord) StateAt(d time.Duration, now time.Time) string {
	switch {
	case !a.DeletedAt.IsZero() && !now.Before(a.DeletedAt.Add(d)):
		return Disassociated
	case !a.DeletedAt.IsZero() && !now.Before(a.DeletedAt):
		return Disassociating
	case now.Before(a.CreatedAt.Add(d)):
		return Associating
	case !a.UpdatedAt.IsZero() && !now.Before(a.UpdatedAt) && now.Before(a.UpdatedAt.Add(d)):
		return Updating
	}
	return Associated
}

// Listed reports whether DescribeDirectConnectGatewayAssociations still
// answers the association at now: until linger after it is disassociated
// (each stage lasting d), not for the deleted-resource retention. Clients
// wait for it to leave the list: Ansible's community.aws
// directconnect_gateway polls until a gateway's list is empty before
// deleting the gateway, and associates a virtual private gateway again only
// when the pair lists nothing; the Terraform provider reads disassociated
// and missing alike as gone.
func (a *GatewayAssociationRecord) Listed(d, linger time.Duration, now time.Time) bool {
	return a.DeletedAt.IsZero() || now.Before(a.DeletedAt.Add(d+linger))
}

// GatewayProposalRecord is a proposal, made by the owner of a virtual
// private gateway or transit gateway, to associate it with another
// account's Direct Connect gateway (or to change the allowed prefixes of
// their association).
type GatewayProposalRecord struct {
	ID               string    `json:"id"` // a UUID
	GatewayID        string    `json:"directConnectGatewayId"`
	GatewayOwner     string    `json:"directConnectGatewayOwner"`
	AssociatedID     string    `json:"associatedGatewayId"`
	AssociatedType   string    `json:"associatedGatewayType"`
	AssociatedOwner  string    `json:"associatedGatewayOwner"`
	AssociatedRegion string    `json:"associatedGatewayRegion"`
	Existing         []string  `json:"existingAllowedPrefixes,omitempty"`
	Requested        []string  `json:"requestedAllowedPrefixes,omitempty"`
	CreatedAt        time.Time `json:"createdAt"`
	AcceptedAt       time.Time `json:"acceptedAt,omitzero"`
	DeletedAt        time.Time `json:"deletedAt,omitzero"`
}

// OwnedBy is the account that made the proposal: the owner of the
// associated gateway. A proposal is global.
func (p *GatewayProposalRecord) OwnedBy() (account, region string) { return p.AssociatedOwner, "" }

// SharedWith is the owner of the Direct Connect gateway proposed to.
func (p *GatewayProposalRecord) SharedWith() []string { return []string{p.GatewayOwner} }

// Proposal states.
const (
	ProposalRequested = "requested"
	ProposalAccepted  = "accepted"
	ProposalDeleted   = "deleted"
)

// State is the proposal's state.
func (p *GatewayProposalRecord) State() string {
	switch {
	case !p.DeletedAt.IsZero():
		return ProposalDeleted
	case !p.AcceptedAt.IsZero():
		return ProposalAccepted
	}
	return ProposalRequested
}

// DirectConnectGateway is the model's DirectConnectGateway shape.
type DirectConnectGateway struct {
	DirectConnectGatewayID    string `json:"directConnectGatewayId,omitempty"`
	DirectConnectGatewayName  string `json:"directConnectGatewayName,omitempty"`
	AmazonSideAsn             int64  `json:"amazonSideAsn"`
	OwnerAccount              string `json:"ownerAccount,omitempty"`
	DirectConnectGatewayState string `json:"directConnectGatewayState,omitempty"`
	StateChangeError          string `json:"stateChangeError,omitempty"`
	Tags                      []Tag  `json:"tags,omitempty"`
}

// AssociatedGateway is the model's AssociatedGateway shape.
type AssociatedGateway struct {
	ID           string `json:"id,omitempty"`
	Type         string `json:"type,omitempty"`
	OwnerAccount string `json:"ownerAccount,omitempty"`
	Region       string `json:"region,omitempty"`
}

// DirectConnectGatewayAssociation is the model's shape of the same name.
// The virtualGateway* members are set for virtual private gateways only.
type DirectConnectGatewayAssociation struct {
	DirectConnectGatewayID                string              `json:"directConnectGatewayId,omitempty"`
	DirectConnectGatewayOwnerAccount      string              `json:"directConnectGatewayOwnerAccount,omitempty"`
	AssociationState                      string              `json:"associationState,omitempty"`
	StateChangeError                      string              `json:"stateChangeError,omitempty"`
	AssociatedGateway                     *AssociatedGateway  `json:"associatedGateway,omitempty"`
	AssociationID                         string              `json:"associationId,omitempty"`
	AllowedPrefixesToDirectConnectGateway []RouteFilterPrefix `json:"allowedPrefixesToDirectConnectGateway"`
	VirtualGatewayID                      string              `json:"virtualGatewayId,omitempty"`
	VirtualGatewayRegion                  string              `json:"virtualGatewayRegion,omitempty"`
	VirtualGatewayOwnerAccount            string              `json:"virtualGatewayOwnerAccount,omitempty"`
	// AssociatedCoreNetwork is set only for a Cloud WAN core network,
	// which dxsim does not associate.
	AssociatedCoreNetwork *AssociatedCoreNetwork `json:"associatedCoreNetwork,omitempty"`
}

// AssociatedCoreNetwork is the model's shape of a Cloud WAN core network on
// a gateway association.
type AssociatedCoreNetwork struct {
	ID           string `json:"id,omitempty"`
	OwnerAccount string `json:"ownerAccount,omitempty"`
	AttachmentID string `json:"attachmentId,omitempty"`
}

// DirectConnectGatewayAssociationProposal is the model's shape of the same
// name.
type DirectConnectGatewayAssociationProposal struct {
	ProposalID                                     string              `json:"proposalId,omitempty"`
	DirectConnectGatewayID                         string              `json:"directConnectGatewayId,omitempty"`
	DirectConnectGatewayOwnerAccount               string              `json:"directConnectGatewayOwnerAccount,omitempty"`
	ProposalState                                  string              `json:"proposalState,omitempty"`
	AssociatedGateway                              *AssociatedGateway  `json:"associatedGateway,omitempty"`
	ExistingAllowedPrefixesToDirectConnectGateway  []RouteFilterPrefix `json:"existingAllowedPrefixesToDirectConnectGateway"`
	RequestedAllowedPrefixesToDirectConnectGateway []RouteFilterPrefix `json:"requestedAllowedPrefixesToDirectConnectGateway"`
}

// Attachment types and states of a virtual interface on a Direct Connect
// gateway.
const (
	PrivateAttachment = "PrivateVirtualInterface"
	TransitAttachment = "TransitVirtualInterface"

	Attaching = "attaching"
	Attached  = "attached"
	Detaching = "detaching"
	Detached  = "detached"
)

// DirectConnectGatewayAttachment is the model's shape of the same name.
type DirectConnectGatewayAttachment struct {
	DirectConnectGatewayID       string `json:"directConnectGatewayId,omitempty"`
	VirtualInterfaceID           string `json:"virtualInterfaceId,omitempty"`
	VirtualInterfaceRegion       string `json:"virtualInterfaceRegion,omitempty"`
	VirtualInterfaceOwnerAccount string `json:"virtualInterfaceOwnerAccount,omitempty"`
	AttachmentState              string `json:"attachmentState,omitempty"`
	AttachmentType               string `json:"attachmentType,omitempty"`
	StateChangeError             string `json:"stateChangeError,omitempty"`
}

// VirtualGateway is the model's VirtualGateway shape.
type VirtualGateway struct {
	VirtualGatewayID    string `json:"virtualGatewayId,omitempty"`
	VirtualGatewayState string `json:"virtualGatewayState,omitempty"`
}
