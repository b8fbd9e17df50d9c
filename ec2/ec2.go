// Package ec2 is the part of Amazon EC2 that Direct Connect configurations
// stand on: VPCs (with the main route table, default network ACL and default
// security group every VPC has), virtual private gateways and their VPC
// attachments, and transit gateways with their default route table. It holds
// their records, wire shapes (XML element names as EC2 answers them), ID and
// ARN formats, Describe filters, the EC2 error codes and the operations
// (methods of Service), and the narrow reads Direct Connect makes of the
// gateways (VirtualGateway). It may import core, dx, sim and store; it sees
// Direct Connect's associations only through core's keys and dx's records.
package ec2

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"

	"github.com/dxsim/dxsim/dx"
)

// ID prefixes of EC2 resources. New IDs have 17 hexadecimal digits.
const (
	VpcPrefix               = "vpc-"
	VpnGatewayPrefix        = "vgw-"
	TransitGatewayPrefix    = "tgw-"
	TransitGatewayRTBPrefix = "tgw-rtb-"
	RouteTablePrefix        = "rtb-"
	RouteTableAssocPrefix   = "rtbassoc-"
	NetworkAclPrefix        = "acl-"
	SecurityGroupPrefix     = "sg-"
	DhcpOptionsPrefix       = "dopt-"
	CidrBlockAssocPrefix    = "vpc-cidr-assoc-"
)

// NewID returns prefix and 17 random hexadecimal digits, the form of EC2
// IDs since 2018 (vpc-0123456789abcdef0).
func NewID(prefix string) string {
	b := make([]byte, 9)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)[:17]
}

var idPattern = regexp.MustCompile(`^[0-9a-f]{8}([0-9a-f]{9})?$`)

// IsID reports whether id is prefix followed by 8 or 17 hexadecimal digits.
func IsID(id, prefix string) bool {
	return len(id) > len(prefix) && id[:len(prefix)] == prefix && idPattern.MatchString(id[len(prefix):])
}

// EC2 error codes (the <Code> of an EC2 error answer).
const (
	InvalidParameterValue       = "InvalidParameterValue"
	MissingParameter            = "MissingParameter"
	InvalidParameterCombination = "InvalidParameterCombination"
	IncorrectState              = "IncorrectState"
	DependencyViolation         = "DependencyViolation"
	InvalidVpcRange             = "InvalidVpc.Range"
	InvalidVpcIDNotFound        = "InvalidVpcID.NotFound"
	InvalidVpcIDMalformed       = "InvalidVpcID.Malformed"
	InvalidVpnGatewayNotFound   = "InvalidVpnGatewayID.NotFound"
	InvalidVpnGatewayMalformed  = "InvalidVpnGatewayID.Malformed"
	InvalidAttachmentNotFound   = "InvalidVpnGatewayAttachment.NotFound"
	InvalidTransitGatewayNF     = "InvalidTransitGatewayID.NotFound"
	InvalidTransitGatewayMal    = "InvalidTransitGatewayID.Malformed"
	InvalidRouteTableNotFound   = "InvalidRouteTableID.NotFound"
	InvalidNetworkAclNotFound   = "InvalidNetworkAclID.NotFound"
	InvalidGroupNotFound        = "InvalidGroup.NotFound"
	InvalidTGWRouteTableNF      = "InvalidRouteTableID.NotFound"
	InvalidID                   = "InvalidID"
	TagLimitExceeded            = "TagLimitExceeded"
	AttachmentLimitExceeded     = "VpnGatewayAttachmentLimitExceeded"
	InvalidNextToken            = "InvalidNextToken"
	UnknownOperation            = "InvalidAction"
	DryRunOperation             = "DryRunOperation"
)

// Errorf returns an EC2 client error (HTTP 400) with code.
func Errorf(code, format string, args ...any) *dx.Error {
	return &dx.Error{Type: code, Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

// ARN is the ARN of an EC2 resource: arn:aws:ec2:<region>:<account>:<type>/<id>.
func ARN(region, account, typ, id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", region, account, typ, id)
}
