package directconnect

import "github.com/dxsim/dxsim/dx"

// Request and response shapes of the Direct Connect gateway operations.

type CreateDirectConnectGatewayInput struct {
	DirectConnectGatewayName string   `json:"directConnectGatewayName" required:"true"`
	Tags                     []dx.Tag `json:"tags"`
	AmazonSideAsn            *int64   `json:"amazonSideAsn"`
}

type DescribeDirectConnectGatewaysInput struct {
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	MaxResults             *int   `json:"maxResults"`
	NextToken              string `json:"nextToken"`
}

type UpdateDirectConnectGatewayInput struct {
	DirectConnectGatewayID      string `json:"directConnectGatewayId" required:"true"`
	NewDirectConnectGatewayName string `json:"newDirectConnectGatewayName" required:"true"`
}

type DirectConnectGatewayIDInput struct {
	DirectConnectGatewayID string `json:"directConnectGatewayId" required:"true"`
}

type DirectConnectGatewayOutput struct {
	DirectConnectGateway dx.DirectConnectGateway `json:"directConnectGateway"`
}

type DirectConnectGatewaysOutput struct {
	DirectConnectGateways []dx.DirectConnectGateway `json:"directConnectGateways"`
	NextToken             string                    `json:"nextToken,omitempty"`
}

type CreateDirectConnectGatewayAssociationInput struct {
	DirectConnectGatewayID string                 `json:"directConnectGatewayId" required:"true"`
	GatewayID              string                 `json:"gatewayId"`
	AddAllowedPrefixes     []dx.RouteFilterPrefix `json:"addAllowedPrefixesToDirectConnectGateway"`
	VirtualGatewayID       string                 `json:"virtualGatewayId"`
}

type DescribeDirectConnectGatewayAssociationsInput struct {
	AssociationID          string `json:"associationId"`
	AssociatedGatewayID    string `json:"associatedGatewayId"`
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	MaxResults             *int   `json:"maxResults"`
	NextToken              string `json:"nextToken"`
	VirtualGatewayID       string `json:"virtualGatewayId"`
}

type UpdateDirectConnectGatewayAssociationInput struct {
	AssociationID         string                 `json:"associationId"`
	AddAllowedPrefixes    []dx.RouteFilterPrefix `json:"addAllowedPrefixesToDirectConnectGateway"`
	RemoveAllowedPrefixes []dx.RouteFilterPrefix `json:"removeAllowedPrefixesToDirectConnectGateway"`
}

type DeleteDirectConnectGatewayAssociationInput struct {
	AssociationID          string `json:"associationId"`
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	VirtualGatewayID       string `json:"virtualGatewayId"`
}

type DirectConnectGatewayAssociationOutput struct {
	DirectConnectGatewayAssociation dx.DirectConnectGatewayAssociation `json:"directConnectGatewayAssociation"`
}

type DirectConnectGatewayAssociationsOutput struct {
	DirectConnectGatewayAssociations []dx.DirectConnectGatewayAssociation `json:"directConnectGatewayAssociations"`
	NextToken                        string                               `json:"nextToken,omitempty"`
}

type CreateDirectConnectGatewayAssociationProposalInput struct {
	DirectConnectGatewayID           string                 `json:"directConnectGatewayId" required:"true"`
	DirectConnectGatewayOwnerAccount string                 `json:"directConnectGatewayOwnerAccount" required:"true"`
	GatewayID                        string                 `json:"gatewayId" required:"true"`
	AddAllowedPrefixes               []dx.RouteFilterPrefix `json:"addAllowedPrefixesToDirectConnectGateway"`
	RemoveAllowedPrefixes            []dx.RouteFilterPrefix `json:"removeAllowedPrefixesToDirectConnectGateway"`
}

type DescribeDirectConnectGatewayAssociationProposalsInput struct {
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	ProposalID             string `json:"proposalId"`
	AssociatedGatewayID    string `json:"associatedGatewayId"`
	MaxResults             *int   `json:"maxResults"`
	NextToken              string `json:"nextToken"`
}

type ProposalIDInput struct {
	ProposalID string `json:"proposalId" required:"true"`
}

type AcceptDirectConnectGatewayAssociationProposalInput struct {
	DirectConnectGatewayID        string                 `json:"directConnectGatewayId" required:"true"`
	ProposalID                    string                 `json:"proposalId" required:"true"`
	AssociatedGatewayOwnerAccount string                 `json:"associatedGatewayOwnerAccount" required:"true"`
	OverrideAllowedPrefixes       []dx.RouteFilterPrefix `json:"overrideAllowedPrefixesToDirectConnectGateway"`
}

type DirectConnectGatewayAssociationProposalOutput struct {
	DirectConnectGatewayAssociationProposal dx.DirectConnectGatewayAssociationProposal `json:"directConnectGatewayAssociationProposal"`
}

type DirectConnectGatewayAssociationProposalsOutput struct {
	DirectConnectGatewayAssociationProposals []dx.DirectConnectGatewayAssociationProposal `json:"directConnectGatewayAssociationProposals"`
	NextToken                                string                                       `json:"nextToken,omitempty"`
}

type DescribeDirectConnectGatewayAttachmentsInput struct {
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	VirtualInterfaceID     string `json:"virtualInterfaceId"`
	MaxResults             *int   `json:"maxResults"`
	NextToken              string `json:"nextToken"`
}

type DirectConnectGatewayAttachmentsOutput struct {
	DirectConnectGatewayAttachments []dx.DirectConnectGatewayAttachment `json:"directConnectGatewayAttachments"`
	NextToken                       string                              `json:"nextToken,omitempty"`
}

type VirtualGatewaysOutput struct {
	VirtualGateways []dx.VirtualGateway `json:"virtualGateways"`
}

// cidrs returns the CIDRs of a RouteFilterPrefix list.
func cidrs(ps []dx.RouteFilterPrefix) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Cidr)
	}
	return out
}

// prefixList is the wire form of a CIDR list; never null.
func prefixList(cs []string) []dx.RouteFilterPrefix {
	out := make([]dx.RouteFilterPrefix, 0, len(cs))
	for _, c := range cs {
		out = append(out, dx.RouteFilterPrefix{Cidr: c})
	}
	return out
}
