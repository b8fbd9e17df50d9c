package ec2

import (
	"crypto/sha256"
	"encoding/hex"
)

// Wire shapes: what DescribeVpcs, DescribeVpnGateways and the others answer,
// with EC2's element names (lists are <nameSet><item>...</item></nameSet>).

// TimeFormat is how EC2 writes timestamps.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// Vpc is EC2's Vpc shape.
type Vpc struct {
	VpcID                   string                 `xml:"vpcId"`
	OwnerID                 string                 `xml:"ownerId"`
	State                   string                 `xml:"state"`
	CidrBlock               string                 `xml:"cidrBlock"`
	CidrBlockAssociationSet []CidrBlockAssociation `xml:"cidrBlockAssociationSet>item"`
	DhcpOptionsID           string                 `xml:"dhcpOptionsId"`
	InstanceTenancy         string                 `xml:"instanceTenancy"`
	IsDefault               bool                   `xml:"isDefault"`
	Tags                    []Tag                  `xml:"tagSet>item,omitempty"`
}

// CidrBlockAssociation is an IPv4 CIDR of a VPC.
type CidrBlockAssociation struct {
	AssociationID string     `xml:"associationId"`
	CidrBlock     string     `xml:"cidrBlock"`
	State         StateValue `xml:"cidrBlockState"`
}

// StateValue is a <state> wrapped in its own element.
type StateValue struct {
	State string `xml:"state"`
}

// BoolValue is EC2's AttributeBooleanValue.
type BoolValue struct {
	Value bool `xml:"value"`
}

// VpnGateway is EC2's VpnGateway shape.
type VpnGateway struct {
	VpnGatewayID     string             `xml:"vpnGatewayId"`
	State            string             `xml:"state"`
	Type             string             `xml:"type"`
	AvailabilityZone string             `xml:"availabilityZone,omitempty"`
	Attachments      []VpcAttachmentOut `xml:"attachments>item"`
	AmazonSideAsn    int64              `xml:"amazonSideAsn"`
	Tags             []Tag              `xml:"tagSet>item,omitempty"`
}

// VpcAttachmentOut is an attachment as DescribeVpnGateways and
// AttachVpnGateway answer it.
type VpcAttachmentOut struct {
	VpcID string `xml:"vpcId"`
	State string `xml:"state"`
}

// TransitGateway is EC2's TransitGateway shape.
type TransitGateway struct {
	TransitGatewayID  string            `xml:"transitGatewayId"`
	TransitGatewayArn string            `xml:"transitGatewayArn"`
	State             string            `xml:"state"`
	OwnerID           string            `xml:"ownerId"`
	Description       string            `xml:"description"`
	CreationTime      string            `xml:"creationTime"`
	Options           TransitGatewayOut `xml:"options"`
	Tags              []Tag             `xml:"tagSet>item,omitempty"`
}

// TransitGatewayOut is EC2's TransitGatewayOptions shape.
type TransitGatewayOut struct {
	AmazonSideAsn                   int64             `xml:"amazonSideAsn"`
	TransitGatewayCidrBlocks        []string          `xml:"transitGatewayCidrBlocks>item,omitempty"`
	AutoAcceptSharedAttachments     string            `xml:"autoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string            `xml:"defaultRouteTableAssociation"`
	AssociationDefaultRouteTableID  string            `xml:"associationDefaultRouteTableId,omitempty"`
	DefaultRouteTablePropagation    string            `xml:"defaultRouteTablePropagation"`
	PropagationDefaultRouteTableID  string            `xml:"propagationDefaultRouteTableId,omitempty"`
	VpnEcmpSupport                  string            `xml:"vpnEcmpSupport"`
	DnsSupport                      string            `xml:"dnsSupport"`
	SecurityGroupReferencingSupport string            `xml:"securityGroupReferencingSupport"`
	MulticastSupport                string            `xml:"multicastSupport"`
	EncryptionSupport               EncryptionSupport `xml:"encryptionSupport"`
}

// EncryptionSupport is a transit gateway's VPC encryption state; dxsim's
// transit gateways have none.
type EncryptionSupport struct {
	EncryptionState string `xml:"encryptionState"`
}

// TransitGatewayRouteTable is EC2's shape of the same name.
type TransitGatewayRouteTable struct {
	TransitGatewayRouteTableID   string `xml:"transitGatewayRouteTableId"`
	TransitGatewayID             string `xml:"transitGatewayId"`
	State                        string `xml:"state"`
	DefaultAssociationRouteTable bool   `xml:"defaultAssociationRouteTable"`
	DefaultPropagationRouteTable bool   `xml:"defaultPropagationRouteTable"`
	CreationTime                 string `xml:"creationTime"`
	Tags                         []Tag  `xml:"tagSet>item,omitempty"`
}

// RouteTable is EC2's RouteTable shape.
type RouteTable struct {
	RouteTableID string                  `xml:"routeTableId"`
	VpcID        string                  `xml:"vpcId"`
	OwnerID      string                  `xml:"ownerId"`
	Routes       []Route                 `xml:"routeSet>item"`
	Associations []RouteTableAssociation `xml:"associationSet>item"`
	Tags         []Tag                   `xml:"tagSet>item,omitempty"`
}

// Route is a route of a route table.
type Route struct {
	DestinationCidrBlock string `xml:"destinationCidrBlock"`
	GatewayID            string `xml:"gatewayId"`
	State                string `xml:"state"`
	Origin               string `xml:"origin"`
}

// RouteTableAssociation is the main association of a VPC's route table.
type RouteTableAssociation struct {
	Main                    bool       `xml:"main"`
	RouteTableAssociationID string     `xml:"routeTableAssociationId"`
	RouteTableID            string     `xml:"routeTableId"`
	AssociationState        StateValue `xml:"associationState"`
}

// NetworkAcl is EC2's NetworkAcl shape.
type NetworkAcl struct {
	NetworkAclID string            `xml:"networkAclId"`
	VpcID        string            `xml:"vpcId"`
	IsDefault    bool              `xml:"default"`
	OwnerID      string            `xml:"ownerId"`
	Entries      []NetworkAclEntry `xml:"entrySet>item"`
	Tags         []Tag             `xml:"tagSet>item,omitempty"`
}

// NetworkAclEntry is a rule of a network ACL.
type NetworkAclEntry struct {
	RuleNumber int    `xml:"ruleNumber"`
	Protocol   string `xml:"protocol"`
	RuleAction string `xml:"ruleAction"`
	Egress     bool   `xml:"egress"`
	CidrBlock  string `xml:"cidrBlock"`
}

// SecurityGroup is EC2's SecurityGroup shape.
type SecurityGroup struct {
	GroupID             string         `xml:"groupId"`
	GroupName           string         `xml:"groupName"`
	GroupDescription    string         `xml:"groupDescription"`
	VpcID               string         `xml:"vpcId"`
	OwnerID             string         `xml:"ownerId"`
	SecurityGroupArn    string         `xml:"securityGroupArn"`
	IPPermissions       []IPPermission `xml:"ipPermissions>item"`
	IPPermissionsEgress []IPPermission `xml:"ipPermissionsEgress>item"`
	Tags                []Tag          `xml:"tagSet>item,omitempty"`
}

// IPPermission is a security group rule.
type IPPermission struct {
	IPProtocol string      `xml:"ipProtocol"`
	Groups     []GroupPair `xml:"groups>item,omitempty"`
	IPRanges   []IPRange   `xml:"ipRanges>item,omitempty"`
}

// GroupPair names a security group a rule allows.
type GroupPair struct {
	GroupID string `xml:"groupId"`
	UserID  string `xml:"userId"`
}

// IPRange is a CIDR a rule allows.
type IPRange struct {
	CidrIP string `xml:"cidrIp"`
}

// TagDescription is a tag with the resource it is on, as DescribeTags
// answers it.
type TagDescription struct {
	ResourceID   string `xml:"resourceId"`
	ResourceType string `xml:"resourceType"`
	Key          string `xml:"key"`
	Value        string `xml:"value"`
}

// Resource types of tags and tag specifications.
const (
	TypeVpc                      = "vpc"
	TypeVpnGateway               = "vpn-gateway"
	TypeTransitGateway           = "transit-gateway"
	TypeTransitGatewayRouteTable = "transit-gateway-route-table"
	TypeRouteTable               = "route-table"
	TypeNetworkAcl               = "network-acl"
	TypeSecurityGroup            = "security-group"
)

// VpcView is the wire shape of v in state.
func VpcView(v *VpcRecord, state string) Vpc {
	return Vpc{
		VpcID: v.ID, OwnerID: v.Owner, State: state, CidrBlock: v.CidrBlock, DhcpOptionsID: v.DhcpOptionsID,
		InstanceTenancy: v.InstanceTenancy, Tags: v.Tags,
		CidrBlockAssociationSet: []CidrBlockAssociation{{AssociationID: v.CidrAssociationID, CidrBlock: v.CidrBlock, State: StateValue{"associated"}}},
	}
}

// MainRouteTable is the wire shape of v's main route table.
func MainRouteTable(v *VpcRecord) RouteTable {
	return RouteTable{
		RouteTableID: v.MainRouteTableID, VpcID: v.ID, OwnerID: v.Owner, Tags: v.ChildTags[v.MainRouteTableID],
		Routes: []Route{{DestinationCidrBlock: v.CidrBlock, GatewayID: "local", State: "active", Origin: "CreateRouteTable"}},
		Associations: []RouteTableAssociation{{Main: true, RouteTableAssociationID: v.MainRouteTableAssocID,
			RouteTableID: v.MainRouteTableID, AssociationState: StateValue{"associated"}}},
	}
}

// DefaultNetworkAcl is the wire shape of v's default network ACL: all
// traffic allowed both ways, then the catch-all deny.
func DefaultNetworkAcl(v *VpcRecord) NetworkAcl {
	var entries []NetworkAclEntry
	for _, egress := range []bool{true, false} {
		entries = append(entries,
			NetworkAclEntry{RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: egress, CidrBlock: "0.0.0.0/0"},
			NetworkAclEntry{RuleNumber: 32767, Protocol: "-1", RuleAction: "deny", Egress: egress, CidrBlock: "0.0.0.0/0"})
	}
	return NetworkAcl{NetworkAclID: v.DefaultNetworkAclID, VpcID: v.ID, IsDefault: true, OwnerID: v.Owner, Entries: entries, Tags: v.ChildTags[v.DefaultNetworkAclID]}
}

// DefaultSecurityGroup is the wire shape of v's default security group:
// traffic from its own members in, everything out.
func DefaultSecurityGroup(v *VpcRecord) SecurityGroup {
	return SecurityGroup{
		GroupID: v.DefaultSecurityGroupID, GroupName: "default", GroupDescription: "default VPC security group",
		VpcID: v.ID, OwnerID: v.Owner, SecurityGroupArn: ARN(v.Region, v.Owner, "security-group", v.DefaultSecurityGroupID),
		IPPermissions:       []IPPermission{{IPProtocol: "-1", Groups: []GroupPair{{GroupID: v.DefaultSecurityGroupID, UserID: v.Owner}}}},
		IPPermissionsEgress: []IPPermission{{IPProtocol: "-1", IPRanges: []IPRange{{CidrIP: "0.0.0.0/0"}}}},
		Tags:                v.ChildTags[v.DefaultSecurityGroupID],
	}
}

// TransitGatewayView is the wire shape of g in state.
func TransitGatewayView(g *TransitGatewayRecord, state string) TransitGateway {
	o := g.Options
	out := TransitGateway{
		TransitGatewayID: g.ID, TransitGatewayArn: ARN(g.Region, g.Owner, "transit-gateway", g.ID), State: state,
		OwnerID: g.Owner, Description: g.Description, CreationTime: g.CreatedAt.UTC().Format(TimeFormat), Tags: g.Tags,
		Options: TransitGatewayOut{
			AmazonSideAsn: o.AmazonSideAsn, TransitGatewayCidrBlocks: o.TransitGatewayCidrBlocks,
			AutoAcceptSharedAttachments: o.AutoAcceptSharedAttachments, DefaultRouteTableAssociation: o.DefaultRouteTableAssociation,
			DefaultRouteTablePropagation: o.DefaultRouteTablePropagation, VpnEcmpSupport: o.VpnEcmpSupport, DnsSupport: o.DnsSupport,
			SecurityGroupReferencingSupport: o.SecurityGroupReferencingSupport, MulticastSupport: o.MulticastSupport,
			EncryptionSupport: EncryptionSupport{EncryptionState: "disabled"},
		},
	}
	if o.DefaultRouteTableAssociation == Enable {
		out.Options.AssociationDefaultRouteTableID = g.RouteTableID
	}
	if o.DefaultRouteTablePropagation == Enable {
		out.Options.PropagationDefaultRouteTableID = g.RouteTableID
	}
	return out
}

// RouteTableView is the wire shape of g's default route table in state.
func RouteTableView(g *TransitGatewayRecord, state string) TransitGatewayRouteTable {
	return TransitGatewayRouteTable{
		TransitGatewayRouteTableID: g.RouteTableID, TransitGatewayID: g.ID, State: state,
		DefaultAssociationRouteTable: g.Options.DefaultRouteTableAssociation == Enable,
		DefaultPropagationRouteTable: g.Options.DefaultRouteTablePropagation == Enable,
		CreationTime:                 g.CreatedAt.UTC().Format(TimeFormat), Tags: g.RouteTableTags,
	}
}

// Option values of transit gateways.
const (
	Enable  = "enable"
	Disable = "disable"
)

// TransitGatewayAttachment is EC2's shape of the same name; dxsim's are the
// attachments Direct Connect gateway associations make.
type TransitGatewayAttachment struct {
	TransitGatewayAttachmentID string                               `xml:"transitGatewayAttachmentId"`
	TransitGatewayID           string                               `xml:"transitGatewayId"`
	TransitGatewayOwnerID      string                               `xml:"transitGatewayOwnerId"`
	ResourceOwnerID            string                               `xml:"resourceOwnerId"`
	ResourceType               string                               `xml:"resourceType"`
	ResourceID                 string                               `xml:"resourceId"`
	State                      string                               `xml:"state"`
	Association                *TransitGatewayAttachmentAssociation `xml:"association,omitempty"`
	CreationTime               string                               `xml:"creationTime"`
}

// TransitGatewayAttachmentAssociation is the route table an attachment is
// associated with.
type TransitGatewayAttachmentAssociation struct {
	TransitGatewayRouteTableID string `xml:"transitGatewayRouteTableId"`
	State                      string `xml:"state"`
}

// DirectConnectAttachmentID is the ID of the transit gateway attachment a
// Direct Connect gateway association makes: derived from the
// association's ID, so it is the same in every answer.
func DirectConnectAttachmentID(associationID string) string {
	sum := sha256.Sum256([]byte(associationID))
	return "tgw-attach-" + hex.EncodeToString(sum[:])[:17]
}
