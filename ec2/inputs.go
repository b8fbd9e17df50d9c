package ec2

// Inputs and outputs of the EC2 operations. Inputs carry the Query
// protocol's parameter names (query tags), outputs EC2's XML element names.

// DescribeInput is what every Describe call of EC2 takes besides IDs.
type DescribeInput struct {
	Filters    []Filter `query:"Filter"`
	MaxResults *int32   `query:"MaxResults"`
	NextToken  string   `query:"NextToken"`
}

type CreateVpcInput struct {
	CidrBlock                   string             `query:"CidrBlock"`
	InstanceTenancy             string             `query:"InstanceTenancy"`
	AmazonProvidedIpv6CidrBlock *bool              `query:"AmazonProvidedIpv6CidrBlock"`
	Ipv4IpamPoolID              string             `query:"Ipv4IpamPoolId"`
	TagSpecifications           []TagSpecification `query:"TagSpecification"`
}

type VpcOutput struct {
	Vpc Vpc `xml:"vpc"`
}

type DescribeVpcsInput struct {
	DescribeInput
	VpcIDs []string `query:"VpcId"`
}

type DescribeVpcsOutput struct {
	Vpcs      []Vpc  `xml:"vpcSet>item"`
	NextToken string `xml:"nextToken,omitempty"`
}

type VpcIDInput struct {
	VpcID string `query:"VpcId"`
}

// ReturnOutput is the <return>true</return> of calls that answer nothing
// else.
type ReturnOutput struct {
	Return bool `xml:"return"`
}

type ModifyVpcAttributeInput struct {
	VpcID                            string        `query:"VpcId"`
	EnableDnsSupport                 *ec2BoolParam `query:"EnableDnsSupport"`
	EnableDnsHostnames               *ec2BoolParam `query:"EnableDnsHostnames"`
	EnableNetworkAddressUsageMetrics *ec2BoolParam `query:"EnableNetworkAddressUsageMetrics"`
}

// ec2BoolParam is EC2's AttributeBooleanValue parameter (Name.Value=true).
type ec2BoolParam struct {
	Value *bool `query:"Value"`
}

type DescribeVpcAttributeInput struct {
	VpcID     string `query:"VpcId"`
	Attribute string `query:"Attribute"`
}

type DescribeVpcAttributeOutput struct {
	VpcID                            string     `xml:"vpcId"`
	EnableDnsSupport                 *BoolValue `xml:"enableDnsSupport,omitempty"`
	EnableDnsHostnames               *BoolValue `xml:"enableDnsHostnames,omitempty"`
	EnableNetworkAddressUsageMetrics *BoolValue `xml:"enableNetworkAddressUsageMetrics,omitempty"`
}

type DescribeRouteTablesInput struct {
	DescribeInput
	RouteTableIDs []string `query:"RouteTableId"`
}

type DescribeRouteTablesOutput struct {
	RouteTables []RouteTable `xml:"routeTableSet>item"`
	NextToken   string       `xml:"nextToken,omitempty"`
}

type DescribeNetworkAclsInput struct {
	DescribeInput
	NetworkAclIDs []string `query:"NetworkAclId"`
}

type DescribeNetworkAclsOutput struct {
	NetworkAcls []NetworkAcl `xml:"networkAclSet>item"`
	NextToken   string       `xml:"nextToken,omitempty"`
}

type DescribeSecurityGroupsInput struct {
	DescribeInput
	GroupIDs   []string `query:"GroupId"`
	GroupNames []string `query:"GroupName"`
}

type DescribeSecurityGroupsOutput struct {
	SecurityGroups []SecurityGroup `xml:"securityGroupInfo>item"`
	NextToken      string          `xml:"nextToken,omitempty"`
}

type CreateVpnGatewayInput struct {
	Type              string             `query:"Type"`
	AvailabilityZone  string             `query:"AvailabilityZone"`
	AmazonSideAsn     *int64             `query:"AmazonSideAsn"`
	TagSpecifications []TagSpecification `query:"TagSpecification"`
}

type VpnGatewayOutput struct {
	VpnGateway VpnGateway `xml:"vpnGateway"`
}

type DescribeVpnGatewaysInput struct {
	Filters       []Filter `query:"Filter"`
	VpnGatewayIDs []string `query:"VpnGatewayId"`
}

type DescribeVpnGatewaysOutput struct {
	VpnGateways []VpnGateway `xml:"vpnGatewaySet>item"`
}

type VpnGatewayIDInput struct {
	VpnGatewayID string `query:"VpnGatewayId"`
}

type VpnGatewayAttachmentInput struct {
	VpcID        string `query:"VpcId"`
	VpnGatewayID string `query:"VpnGatewayId"`
}

type AttachVpnGatewayOutput struct {
	Attachment VpcAttachmentOut `xml:"attachment"`
}

type CreateTransitGatewayInput struct {
	Description       string                      `query:"Description"`
	Options           *TransitGatewayOptionsInput `query:"Options"`
	TagSpecifications []TagSpecification          `query:"TagSpecification"`
}

// TransitGatewayOptionsInput are the options of CreateTransitGateway and
// ModifyTransitGateway.
type TransitGatewayOptionsInput struct {
	AmazonSideAsn                   *int64   `query:"AmazonSideAsn"`
	AutoAcceptSharedAttachments     string   `query:"AutoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string   `query:"DefaultRouteTableAssociation"`
	DefaultRouteTablePropagation    string   `query:"DefaultRouteTablePropagation"`
	DnsSupport                      string   `query:"DnsSupport"`
	MulticastSupport                string   `query:"MulticastSupport"`
	VpnEcmpSupport                  string   `query:"VpnEcmpSupport"`
	SecurityGroupReferencingSupport string   `query:"SecurityGroupReferencingSupport"`
	TransitGatewayCidrBlocks        []string `query:"TransitGatewayCidrBlocks"`
	AddTransitGatewayCidrBlocks     []string `query:"AddTransitGatewayCidrBlocks"`
	RemoveTransitGatewayCidrBlocks  []string `query:"RemoveTransitGatewayCidrBlocks"`
}

type TransitGatewayOutput struct {
	TransitGateway TransitGateway `xml:"transitGateway"`
}

type DescribeTransitGatewaysInput struct {
	DescribeInput
	TransitGatewayIDs []string `query:"TransitGatewayIds"`
}

type DescribeTransitGatewaysOutput struct {
	TransitGateways []TransitGateway `xml:"transitGatewaySet>item"`
	NextToken       string           `xml:"nextToken,omitempty"`
}

type TransitGatewayIDInput struct {
	TransitGatewayID string `query:"TransitGatewayId"`
}

type ModifyTransitGatewayInput struct {
	TransitGatewayID string                      `query:"TransitGatewayId"`
	Description      *string                     `query:"Description"`
	Options          *TransitGatewayOptionsInput `query:"Options"`
}

type DescribeTransitGatewayRouteTablesInput struct {
	DescribeInput
	RouteTableIDs []string `query:"TransitGatewayRouteTableIds"`
}

type DescribeTransitGatewayRouteTablesOutput struct {
	RouteTables []TransitGatewayRouteTable `xml:"transitGatewayRouteTables>item"`
	NextToken   string                     `xml:"nextToken,omitempty"`
}

type CreateTagsInput struct {
	ResourceIDs []string   `query:"ResourceId"`
	Tags        []InputTag `query:"Tag"`
}

type DescribeEC2TagsOutput struct {
	Tags      []TagDescription `xml:"tagSet>item"`
	NextToken string           `xml:"nextToken,omitempty"`
}

type DescribeTransitGatewayAttachmentsInput struct {
	DescribeInput
	AttachmentIDs []string `query:"TransitGatewayAttachmentIds"`
}

type DescribeTransitGatewayAttachmentsOutput struct {
	Attachments []TransitGatewayAttachment `xml:"transitGatewayAttachments>item"`
	NextToken   string                     `xml:"nextToken,omitempty"`
}
