package service

import "github.com/dxsim/dxsim/dx"

// Request and response shapes of the virtual interface operations.

// NewVirtualInterface is the union of the model's NewPrivateVirtualInterface,
// NewPublicVirtualInterface, NewTransitVirtualInterface and their
// *Allocation forms; each operation reads the members its type has.
type NewVirtualInterface struct {
	VirtualInterfaceName   string                 `json:"virtualInterfaceName" required:"true"`
	Vlan                   *int                   `json:"vlan" required:"true"`
	Asn                    int64                  `json:"asn"`
	AsnLong                *int64                 `json:"asnLong"`
	Mtu                    int                    `json:"mtu"`
	AuthKey                string                 `json:"authKey"`
	AmazonAddress          string                 `json:"amazonAddress"`
	CustomerAddress        string                 `json:"customerAddress"`
	AddressFamily          string                 `json:"addressFamily"`
	VirtualGatewayID       string                 `json:"virtualGatewayId"`
	DirectConnectGatewayID string                 `json:"directConnectGatewayId"`
	RouteFilterPrefixes    []dx.RouteFilterPrefix `json:"routeFilterPrefixes"`
	Tags                   []dx.Tag               `json:"tags"`
	EnableSiteLink         *bool                  `json:"enableSiteLink"`
	RateLimit              string                 `json:"rateLimit"`
}

type CreatePrivateVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	New          *NewVirtualInterface `json:"newPrivateVirtualInterface" required:"true"`
}

type CreatePublicVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	New          *NewVirtualInterface `json:"newPublicVirtualInterface" required:"true"`
}

type CreateTransitVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	New          *NewVirtualInterface `json:"newTransitVirtualInterface" required:"true"`
}

type AllocatePrivateVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	OwnerAccount string               `json:"ownerAccount" required:"true"`
	New          *NewVirtualInterface `json:"newPrivateVirtualInterfaceAllocation" required:"true"`
}

type AllocatePublicVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	OwnerAccount string               `json:"ownerAccount" required:"true"`
	New          *NewVirtualInterface `json:"newPublicVirtualInterfaceAllocation" required:"true"`
}

type AllocateTransitVirtualInterfaceInput struct {
	ConnectionID string               `json:"connectionId" required:"true"`
	OwnerAccount string               `json:"ownerAccount" required:"true"`
	New          *NewVirtualInterface `json:"newTransitVirtualInterfaceAllocation" required:"true"`
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

type CreateBGPPeerInput struct {
	VirtualInterfaceID string      `json:"virtualInterfaceId" required:"true"`
	NewBGPPeer         *NewBGPPeer `json:"newBGPPeer" required:"true"`
}

type DeleteBGPPeerInput struct {
	VirtualInterfaceID string `json:"virtualInterfaceId" required:"true"`
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
