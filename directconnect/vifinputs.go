package directconnect

import "github.com/dxsim/dxsim/dx"

// Request and response shapes of the virtual interface operations.

// NewVirtualInterface is what creating or allocating any type of virtual
// interface reads: the union of the model's six New*VirtualInterface* shapes
// below, into which each converts. A member its shape lacks stays zero.
type NewVirtualInterface struct {
	VirtualInterfaceName   string
	Vlan                   int // 0 when the request has none (the transit shapes do not require it)
	Asn                    int64
	AsnLong                *int64
	Mtu                    int
	AuthKey                string
	AmazonAddress          string
	CustomerAddress        string
	AddressFamily          string
	VirtualGatewayID       string
	DirectConnectGatewayID string
	RouteFilterPrefixes    []dx.RouteFilterPrefix
	Tags                   []dx.Tag
	EnableSiteLink         *bool
	RateLimit              string
}

// vifPeering holds the members every New*VirtualInterface* shape has.
type vifPeering struct {
	Asn             int64    `json:"asn"`
	AsnLong         *int64   `json:"asnLong"`
	AuthKey         string   `json:"authKey"`
	AmazonAddress   string   `json:"amazonAddress"`
	CustomerAddress string   `json:"customerAddress"`
	AddressFamily   string   `json:"addressFamily"`
	Tags            []dx.Tag `json:"tags"`
	RateLimit       string   `json:"rateLimit"`
}

func (p vifPeering) union(name string, vlan *int) *NewVirtualInterface {
	n := &NewVirtualInterface{
		VirtualInterfaceName: name, Asn: p.Asn, AsnLong: p.AsnLong, AuthKey: p.AuthKey, AmazonAddress: p.AmazonAddress,
		CustomerAddress: p.CustomerAddress, AddressFamily: p.AddressFamily, Tags: p.Tags, RateLimit: p.RateLimit,
	}
	if vlan != nil {
		n.Vlan = *vlan
	}
	return n
}

// NewPrivateVirtualInterface is the model's shape of the same name.
type NewPrivateVirtualInterface struct {
	VirtualInterfaceName string `json:"virtualInterfaceName" required:"true"`
	Vlan                 *int   `json:"vlan" required:"true"`
	vifPeering
	Mtu                    int    `json:"mtu"`
	VirtualGatewayID       string `json:"virtualGatewayId"`
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	EnableSiteLink         *bool  `json:"enableSiteLink"`
}

func (n *NewPrivateVirtualInterface) union() *NewVirtualInterface {
	if n == nil {
		return &NewVirtualInterface{}
	}
	u := n.vifPeering.union(n.VirtualInterfaceName, n.Vlan)
	u.Mtu, u.VirtualGatewayID, u.DirectConnectGatewayID, u.EnableSiteLink = n.Mtu, n.VirtualGatewayID, n.DirectConnectGatewayID, n.EnableSiteLink
	return u
}

// NewPrivateVirtualInterfaceAllocation is the model's shape of the same name.
type NewPrivateVirtualInterfaceAllocation struct {
	VirtualInterfaceName string `json:"virtualInterfaceName" required:"true"`
	Vlan                 *int   `json:"vlan" required:"true"`
	vifPeering
	Mtu int `json:"mtu"`
}

func (n *NewPrivateVirtualInterfaceAllocation) union() *NewVirtualInterface {
	if n == nil {
		return &NewVirtualInterface{}
	}
	u := n.vifPeering.union(n.VirtualInterfaceName, n.Vlan)
	u.Mtu = n.Mtu
	return u
}

// NewPublicVirtualInterface is the model's shape of the same name, and of
// NewPublicVirtualInterfaceAllocation, which has the same members.
type NewPublicVirtualInterface struct {
	VirtualInterfaceName string `json:"virtualInterfaceName" required:"true"`
	Vlan                 *int   `json:"vlan" required:"true"`
	vifPeering
	RouteFilterPrefixes []dx.RouteFilterPrefix `json:"routeFilterPrefixes"`
}

func (n *NewPublicVirtualInterface) union() *NewVirtualInterface {
	if n == nil {
		return &NewVirtualInterface{}
	}
	u := n.vifPeering.union(n.VirtualInterfaceName, n.Vlan)
	u.RouteFilterPrefixes = n.RouteFilterPrefixes
	return u
}

// NewTransitVirtualInterface is the model's shape of the same name; unlike
// the others, the model requires none of its members.
type NewTransitVirtualInterface struct {
	VirtualInterfaceName string `json:"virtualInterfaceName"`
	Vlan                 *int   `json:"vlan"`
	vifPeering
	Mtu                    int    `json:"mtu"`
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
	EnableSiteLink         *bool  `json:"enableSiteLink"`
}

func (n *NewTransitVirtualInterface) union() *NewVirtualInterface {
	if n == nil {
		return &NewVirtualInterface{}
	}
	u := n.vifPeering.union(n.VirtualInterfaceName, n.Vlan)
	u.Mtu, u.DirectConnectGatewayID, u.EnableSiteLink = n.Mtu, n.DirectConnectGatewayID, n.EnableSiteLink
	return u
}

// NewTransitVirtualInterfaceAllocation is the model's shape of the same
// name.
type NewTransitVirtualInterfaceAllocation struct {
	VirtualInterfaceName string `json:"virtualInterfaceName"`
	Vlan                 *int   `json:"vlan"`
	vifPeering
	Mtu int `json:"mtu"`
}

func (n *NewTransitVirtualInterfaceAllocation) union() *NewVirtualInterface {
	if n == nil {
		return &NewVirtualInterface{}
	}
	u := n.vifPeering.union(n.VirtualInterfaceName, n.Vlan)
	u.Mtu = n.Mtu
	return u
}

type CreatePrivateVirtualInterfaceInput struct {
	ConnectionID string                      `json:"connectionId" required:"true"`
	New          *NewPrivateVirtualInterface `json:"newPrivateVirtualInterface" required:"true"`
}

type CreatePublicVirtualInterfaceInput struct {
	ConnectionID string                     `json:"connectionId" required:"true"`
	New          *NewPublicVirtualInterface `json:"newPublicVirtualInterface" required:"true"`
}

type CreateTransitVirtualInterfaceInput struct {
	ConnectionID string                      `json:"connectionId" required:"true"`
	New          *NewTransitVirtualInterface `json:"newTransitVirtualInterface" required:"true"`
}

type AllocatePrivateVirtualInterfaceInput struct {
	ConnectionID string                                `json:"connectionId" required:"true"`
	OwnerAccount string                                `json:"ownerAccount" required:"true"`
	New          *NewPrivateVirtualInterfaceAllocation `json:"newPrivateVirtualInterfaceAllocation" required:"true"`
}

type AllocatePublicVirtualInterfaceInput struct {
	ConnectionID string                     `json:"connectionId" required:"true"`
	OwnerAccount string                     `json:"ownerAccount" required:"true"`
	New          *NewPublicVirtualInterface `json:"newPublicVirtualInterfaceAllocation" required:"true"`
}

type AllocateTransitVirtualInterfaceInput struct {
	ConnectionID string                                `json:"connectionId" required:"true"`
	OwnerAccount string                                `json:"ownerAccount" required:"true"`
	New          *NewTransitVirtualInterfaceAllocation `json:"newTransitVirtualInterfaceAllocation" required:"true"`
}

type ConfirmVirtualInterfaceInput struct {
	VirtualInterfaceID     string `json:"virtualInterfaceId" required:"true"`
	VirtualGatewayID       string `json:"virtualGatewayId"`
	DirectConnectGatewayID string `json:"directConnectGatewayId"`
}

type ConfirmTransitVirtualInterfaceInput struct {
	VirtualInterfaceID     string `json:"virtualInterfaceId" required:"true"`
	DirectConnectGatewayID string `json:"directConnectGatewayId" required:"true"`
}

type VirtualInterfaceIDInput struct {
	VirtualInterfaceID string `json:"virtualInterfaceId" required:"true"`
}

type DescribeVirtualInterfacesInput struct {
	ConnectionID       string `json:"connectionId"`
	VirtualInterfaceID string `json:"virtualInterfaceId"`
	MaxResults         *int   `json:"maxResults"`
	NextToken          string `json:"nextToken"`
}

type AssociateVirtualInterfaceInput struct {
	VirtualInterfaceID string `json:"virtualInterfaceId" required:"true"`
	ConnectionID       string `json:"connectionId" required:"true"`
}

type UpdateVirtualInterfaceAttributesInput struct {
	VirtualInterfaceID   string  `json:"virtualInterfaceId" required:"true"`
	Mtu                  *int    `json:"mtu"`
	EnableSiteLink       *bool   `json:"enableSiteLink"`
	VirtualInterfaceName *string `json:"virtualInterfaceName"`
	RateLimit            *string `json:"rateLimit"`
}

type NewBGPPeer struct {
	Asn             int64  `json:"asn"`
	AsnLong         *int64 `json:"asnLong"`
	AuthKey         string `json:"authKey"`
	AddressFamily   string `json:"addressFamily"`
	AmazonAddress   string `json:"amazonAddress"`
	CustomerAddress string `json:"customerAddress"`
}

// CreateBGPPeerInput: the model requires neither member; an absent peer is
// read as a peer without ASN or address family, which the rules refuse.
type CreateBGPPeerInput struct {
	VirtualInterfaceID string     `json:"virtualInterfaceId"`
	NewBGPPeer         NewBGPPeer `json:"newBGPPeer"`
}

type DeleteBGPPeerInput struct {
	VirtualInterfaceID string `json:"virtualInterfaceId"`
	Asn                int64  `json:"asn"`
	AsnLong            *int64 `json:"asnLong"`
	CustomerAddress    string `json:"customerAddress"`
	BGPPeerID          string `json:"bgpPeerId"`
}

type StartBgpFailoverTestInput struct {
	VirtualInterfaceID    string   `json:"virtualInterfaceId" required:"true"`
	BGPPeers              []string `json:"bgpPeers"`
	TestDurationInMinutes *int     `json:"testDurationInMinutes"`
}

type ListVirtualInterfaceTestHistoryInput struct {
	TestID             string   `json:"testId"`
	VirtualInterfaceID string   `json:"virtualInterfaceId"`
	BGPPeers           []string `json:"bgpPeers"`
	Status             string   `json:"status"`
	MaxResults         *int     `json:"maxResults"`
	NextToken          string   `json:"nextToken"`
}

type VirtualInterfacesOutput struct {
	VirtualInterfaces []dx.VirtualInterface `json:"virtualInterfaces"`
	NextToken         string                `json:"nextToken,omitempty"`
}

type VirtualInterfaceOutput struct {
	VirtualInterface dx.VirtualInterface `json:"virtualInterface"`
}

type VirtualInterfaceStateOutput struct {
	VirtualInterfaceState string `json:"virtualInterfaceState"`
}

// VirtualInterfaceTest is the model's VirtualInterfaceTestHistory shape.
type VirtualInterfaceTest struct {
	TestID                string        `json:"testId"`
	VirtualInterfaceID    string        `json:"virtualInterfaceId"`
	BGPPeers              []string      `json:"bgpPeers"`
	Status                string        `json:"status"`
	OwnerAccount          string        `json:"ownerAccount"`
	TestDurationInMinutes int           `json:"testDurationInMinutes"`
	StartTime             *dx.EpochTime `json:"startTime,omitempty"`
	EndTime               *dx.EpochTime `json:"endTime,omitempty"`
}

type VirtualInterfaceTestOutput struct {
	VirtualInterfaceTest VirtualInterfaceTest `json:"virtualInterfaceTest"`
}

type TestHistoryOutput struct {
	VirtualInterfaceTestHistory []VirtualInterfaceTest `json:"virtualInterfaceTestHistory"`
	NextToken                   string                 `json:"nextToken,omitempty"`
}
