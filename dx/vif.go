package dx

import "time"

// ID prefixes of virtual interfaces and BGP peers.
const (
	VirtualInterfacePrefix = "dxvif-"
	BGPPeerPrefix          = "dxpeer-"
	ARNVirtualInterface    = "dxvif"
)

// Virtual interface types.
const (
	PrivateVIF = "private"
	PublicVIF  = "public"
	TransitVIF = "transit"
)

// VirtualInterfaceRecord is a virtual interface: a VLAN with BGP on a
// connection, LAG or hosted connection (ConnectionID, its parent).
type VirtualInterfaceRecord struct {
	ID           string `json:"id"`
	Owner        string `json:"owner"`  // the account that uses it
	Region       string `json:"region"` // the Region of its connection
	Type         string `json:"type"`   // private, public or transit
	Name         string `json:"name"`
	ConnectionID string `json:"connectionId"`
	Location     string `json:"location"`
	Device       string `json:"device"`
	Vlan         int    `json:"vlan"`
	Mtu          int    `json:"mtu"`
	// AmazonSideAsn is the ASN of the gateway it attaches to.
	AmazonSideAsn          int64                `json:"amazonSideAsn,omitempty"`
	VirtualGatewayID       string               `json:"virtualGatewayId,omitempty"`
	DirectConnectGatewayID string               `json:"directConnectGatewayId,omitempty"`
	RouteFilterPrefixes    []string             `json:"routeFilterPrefixes,omitempty"`
	SiteLinkEnabled        bool                 `json:"siteLinkEnabled,omitempty"`
	RateLimit              string               `json:"rateLimit,omitempty"`
	BGPPeers               []BGPPeerRecord      `json:"bgpPeers"`
	Tests                  []FailoverTestRecord `json:"tests,omitempty"`
	Tags                   []Tag                `json:"tags,omitempty"`
	// Allocator is the account that allocated it on its own connection for
	// Owner (Allocate*); such an interface waits in confirming until the
	// owner confirms it.
	Allocator   string    `json:"allocator,omitempty"`
	CreatedAt   time.Time `json:"createdAt"`
	ConfirmedAt time.Time `json:"confirmedAt,omitzero"`
	DeletedAt   time.Time `json:"deletedAt,omitzero"`
	// PastParents are the connections and LAGs it moved away from.
	PastParents []ParentSpan `json:"pastParents,omitempty"`
	// AssociatedAt are the moments AssociateVirtualInterface moved it; its
	// BGP sessions are set up again on the new connection or LAG.
	AssociatedAt []time.Time `json:"associatedAt,omitempty"`
	// Provisioning is what an operator did to its provisioning.
	Provisioning Provisioning `json:"provisioning,omitzero"`
	Rejected     bool         `json:"rejected,omitempty"`
}

// Deleted reports whether the virtual interface was deleted.
func (v *VirtualInterfaceRecord) Deleted() bool { return !v.DeletedAt.IsZero() }

// OwnedBy is the interface's owner account and Region.
func (v *VirtualInterfaceRecord) OwnedBy() (account, region string) { return v.Owner, v.Region }

// SharedWith is the account that allocated the interface on its own
// connection, if any: it acts on the interface too (core.OwnsOrShares).
func (v *VirtualInterfaceRecord) SharedWith() []string { return []string{v.Allocator} }

// ARN is the virtual interface's resource ARN.
func (v *VirtualInterfaceRecord) ARN() ARN {
	return ARN{Region: v.Region, Account: v.Owner, Type: ARNVirtualInterface, ID: v.ID}
}

// BGPPeerRecord is one BGP session of a virtual interface.
type BGPPeerRecord struct {
	ID              string    `json:"id"`
	Asn             int64     `json:"asn"`
	AuthKey         string    `json:"authKey"`
	AddressFamily   string    `json:"addressFamily"`
	AmazonAddress   string    `json:"amazonAddress"`
	CustomerAddress string    `json:"customerAddress"`
	CreatedAt       time.Time `json:"createdAt"`
	DeletedAt       time.Time `json:"deletedAt,omitzero"`
}

// FailoverTestRecord is a BGP failover test: the named peers are down from
// StartedAt until EndsAt (or StoppedAt, when stopped early).
type FailoverTestRecord struct {
	TestID    string    `json:"testId"`
	BGPPeers  []string  `json:"bgpPeers"`
	StartedAt time.Time `json:"startedAt"`
	EndsAt    time.Time `json:"endsAt"`
	StoppedAt time.Time `json:"stoppedAt,omitzero"`
}

// VirtualInterface is the model's VirtualInterface shape.
type VirtualInterface struct {
	OwnerAccount          string `json:"ownerAccount,omitempty"`
	VirtualInterfaceID    string `json:"virtualInterfaceId,omitempty"`
	Location              string `json:"location,omitempty"`
	ConnectionID          string `json:"connectionId,omitempty"`
	VirtualInterfaceType  string `json:"virtualInterfaceType,omitempty"`
	VirtualInterfaceName  string `json:"virtualInterfaceName,omitempty"`
	Vlan                  int    `json:"vlan"`
	Asn                   int64  `json:"asn"`
	AsnLong               int64  `json:"asnLong,omitempty"`
	AmazonSideAsn         int64  `json:"amazonSideAsn"`
	AuthKey               string `json:"authKey,omitempty"`
	AmazonAddress         string `json:"amazonAddress,omitempty"`
	CustomerAddress       string `json:"customerAddress,omitempty"`
	AddressFamily         string `json:"addressFamily,omitempty"`
	VirtualInterfaceState string `json:"virtualInterfaceState,omitempty"`
	CustomerRouterConfig  string `json:"customerRouterConfig,omitempty"`
	Mtu                   int    `json:"mtu,omitempty"`
	JumboFrameCapable     bool   `json:"jumboFrameCapable"`
	// AWS sends virtualGatewayId, directConnectGatewayId,
	// routeFilterPrefixes and tags even when empty ("" and []), as the aws
	// CLI's examples show; clients read them without checking.
	VirtualGatewayID       string              `json:"virtualGatewayId"`
	DirectConnectGatewayID string              `json:"directConnectGatewayId"`
	RouteFilterPrefixes    []RouteFilterPrefix `json:"routeFilterPrefixes"`
	BGPPeers               []BGPPeer           `json:"bgpPeers"`
	Region                 string              `json:"region,omitempty"`
	AwsDeviceV2            string              `json:"awsDeviceV2,omitempty"`
	AwsLogicalDeviceID     string              `json:"awsLogicalDeviceId,omitempty"`
	Tags                   []Tag               `json:"tags"`
	SiteLinkEnabled        bool                `json:"siteLinkEnabled"`
	RateLimit              string              `json:"rateLimit,omitempty"`
}

// RouteFilterPrefix is an IPv4 or IPv6 CIDR a public virtual interface
// advertises.
type RouteFilterPrefix struct {
	Cidr string `json:"cidr,omitempty"`
}

// BGPPeer is the model's BGPPeer shape.
type BGPPeer struct {
	BGPPeerID          string `json:"bgpPeerId,omitempty"`
	Asn                int64  `json:"asn"`
	AsnLong            int64  `json:"asnLong,omitempty"`
	AuthKey            string `json:"authKey,omitempty"`
	AddressFamily      string `json:"addressFamily,omitempty"`
	AmazonAddress      string `json:"amazonAddress,omitempty"`
	CustomerAddress    string `json:"customerAddress,omitempty"`
	BGPPeerState       string `json:"bgpPeerState,omitempty"`
	BGPStatus          string `json:"bgpStatus,omitempty"`
	AwsDeviceV2        string `json:"awsDeviceV2,omitempty"`
	AwsLogicalDeviceID string `json:"awsLogicalDeviceId,omitempty"`
}

// LiveBGPPeers are the peers of v that are not deleted.
func (v *VirtualInterfaceRecord) LiveBGPPeers() []BGPPeerRecord {
	var out []BGPPeerRecord
	for _, p := range v.BGPPeers {
		if p.DeletedAt.IsZero() {
			out = append(out, p)
		}
	}
	return out
}
