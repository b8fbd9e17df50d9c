package ec2

import "time"

// Records are the stored facts; states are derived from their timestamps
// and the simulated clock, as for Direct Connect resources.

// Tag is an EC2 tag; its wire shape is <item><key/><value/></item>.
type Tag struct {
	Key   string `json:"key" xml:"key" query:"Key"`
	Value string `json:"value" xml:"value" query:"Value"`
}

// VpcRecord is a VPC with the resources EC2 makes with it: its main route
// table, default network ACL and default security group.
type VpcRecord struct {
	ID                        string `json:"id"`
	Owner                     string `json:"owner"`
	Region                    string `json:"region"`
	CidrBlock                 string `json:"cidrBlock"`
	CidrAssociationID         string `json:"cidrAssociationId"`
	InstanceTenancy           string `json:"instanceTenancy"`
	DhcpOptionsID             string `json:"dhcpOptionsId"`
	EnableDnsSupport          bool   `json:"enableDnsSupport"`
	EnableDnsHostnames        bool   `json:"enableDnsHostnames"`
	EnableNetworkAddressUsage bool   `json:"enableNetworkAddressUsageMetrics,omitempty"`
	MainRouteTableID          string `json:"mainRouteTableId"`
	MainRouteTableAssocID     string `json:"mainRouteTableAssociationId"`
	DefaultNetworkAclID       string `json:"defaultNetworkAclId"`
	DefaultSecurityGroupID    string `json:"defaultSecurityGroupId"`
	Tags                      []Tag  `json:"tags,omitempty"`
	// ChildTags are the tags of its route table, network ACL and security
	// group, by their IDs.
	ChildTags map[string][]Tag `json:"childTags,omitempty"`
	CreatedAt time.Time        `json:"createdAt"`
	// DeletedAt is when DeleteVpc removed it: it is gone at once, and kept
	// only for the event log.
	DeletedAt time.Time `json:"deletedAt,omitzero"`
}

// Deleted reports whether DeleteVpc was called.
func (v *VpcRecord) Deleted() bool { return !v.DeletedAt.IsZero() }

// OwnedBy is the VPC's owner account and Region.
func (v *VpcRecord) OwnedBy() (account, region string) { return v.Owner, v.Region }

// VpnGatewayRecord is a virtual private gateway.
type VpnGatewayRecord struct {
	ID               string          `json:"id"`
	Owner            string          `json:"owner"`
	Region           string          `json:"region"`
	Type             string          `json:"type"`
	AvailabilityZone string          `json:"availabilityZone,omitempty"`
	AmazonSideAsn    int64           `json:"amazonSideAsn"`
	Attachments      []VpcAttachment `json:"attachments,omitempty"`
	Tags             []Tag           `json:"tags,omitempty"`
	CreatedAt        time.Time       `json:"createdAt"`
	DeletedAt        time.Time       `json:"deletedAt,omitzero"`
}

// VpcAttachment is an attachment of a virtual private gateway to a VPC,
// from AttachVpnGateway until DetachVpnGateway.
type VpcAttachment struct {
	VpcID      string    `json:"vpcId"`
	AttachedAt time.Time `json:"attachedAt"`
	DetachedAt time.Time `json:"detachedAt,omitzero"`
}

// Live reports whether the attachment has not been detached.
func (a VpcAttachment) Live() bool { return a.DetachedAt.IsZero() }

// Attachment is the live attachment of the gateway, if any.
func (g *VpnGatewayRecord) Attachment() (VpcAttachment, bool) {
	for _, a := range g.Attachments {
		if a.Live() {
			return a, true
		}
	}
	return VpcAttachment{}, false
}

// Deleted reports whether DeleteVpnGateway was called.
func (g *VpnGatewayRecord) Deleted() bool { return !g.DeletedAt.IsZero() }

// OwnedBy is the gateway's owner account and Region.
func (g *VpnGatewayRecord) OwnedBy() (account, region string) { return g.Owner, g.Region }

// TransitGatewayRecord is a transit gateway with its default route table.
type TransitGatewayRecord struct {
	ID          string                `json:"id"`
	Owner       string                `json:"owner"`
	Region      string                `json:"region"`
	Description string                `json:"description,omitempty"`
	Options     TransitGatewayOptions `json:"options"`
	// RouteTableID is the default route table, "" when neither default
	// association nor propagation was enabled at creation.
	RouteTableID   string    `json:"routeTableId,omitempty"`
	RouteTableTags []Tag     `json:"routeTableTags,omitempty"`
	Tags           []Tag     `json:"tags,omitempty"`
	CreatedAt      time.Time `json:"createdAt"`
	DeletedAt      time.Time `json:"deletedAt,omitzero"`
}

// Deleted reports whether DeleteTransitGateway was called.
func (g *TransitGatewayRecord) Deleted() bool { return !g.DeletedAt.IsZero() }

// OwnedBy is the transit gateway's owner account and Region.
func (g *TransitGatewayRecord) OwnedBy() (account, region string) { return g.Owner, g.Region }

// TransitGatewayOptions are a transit gateway's options; the
// enable/disable ones hold EC2's own words.
type TransitGatewayOptions struct {
	AmazonSideAsn                   int64    `json:"amazonSideAsn"`
	AutoAcceptSharedAttachments     string   `json:"autoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string   `json:"defaultRouteTableAssociation"`
	DefaultRouteTablePropagation    string   `json:"defaultRouteTablePropagation"`
	DnsSupport                      string   `json:"dnsSupport"`
	MulticastSupport                string   `json:"multicastSupport"`
	VpnEcmpSupport                  string   `json:"vpnEcmpSupport"`
	SecurityGroupReferencingSupport string   `json:"securityGroupReferencingSupport"`
	TransitGatewayCidrBlocks        []string `json:"transitGatewayCidrBlocks,omitempty"`
}
