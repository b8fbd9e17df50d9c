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
	Type          string `json:"type"` // virtualPrivateGateway or transitGateway
	AmazonSideAsn int64  `json:"amazonSideAsn,omitempty"`
}
