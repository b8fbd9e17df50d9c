package awsapi

import (
	"net/http"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
)

// ec2Version is the EC2 API version the SDKs send.
const ec2Version = "2016-11-15"

// EC2 is the part of the EC2 API that Direct Connect needs (EC2's Query
// protocol, answered in XML with EC2's element names and codes, as
// aws-sdk-go-v2's EC2 client, boto3 and Terraform expect), served by s.
func EC2(s *ec2.Service) *API {
	return &API{
		Name:        "ec2",
		Title:       "EC2",
		SigningName: "ec2",
		Protocol:    EC2Query,
		Version:     ec2Version,
		Namespace:   "http://ec2.amazonaws.com/doc/" + ec2Version + "/",
		Errors:      ErrorStyle{ServerFault: "InternalError", Throttling: "RequestLimitExceeded", TrimAuthException: true, AccessDenied: "UnauthorizedOperation"},
		DryRun:      &dx.Error{Type: ec2.DryRunOperation, Status: http.StatusPreconditionFailed, Message: "Request would have succeeded, but DryRun flag is set."},
		Unknown: func(op, _ string, served []string) error {
			return ec2.Errorf(ec2.UnknownOperation, "The action %s is not valid for this web service; dxsim's EC2 API serves %v", op, served)
		},
		ops: ec2Ops(s),
	}
}

func ec2Ops(s *ec2.Service) map[string]operation {
	return map[string]operation{
		"CreateVpc":                        op(s.CreateVpc),
		"DescribeVpcs":                     op(s.DescribeVpcs),
		"DeleteVpc":                        op(s.DeleteVpc),
		"ModifyVpcAttribute":               op(s.ModifyVpcAttribute),
		"DescribeVpcAttribute":             op(s.DescribeVpcAttribute),
		"DescribeVpcClassicLink":           op(s.DescribeVpcClassicLink),
		"DescribeVpcClassicLinkDnsSupport": op(s.DescribeVpcClassicLinkDnsSupport),
		"DescribeRouteTables":              op(s.DescribeRouteTables),
		"DescribeNetworkAcls":              op(s.DescribeNetworkAcls),
		"DescribeSecurityGroups":           op(s.DescribeSecurityGroups),

		"CreateVpnGateway":    op(s.CreateVpnGateway),
		"DescribeVpnGateways": op(s.DescribeVpnGateways),
		"AttachVpnGateway":    op(s.AttachVpnGateway),
		"DetachVpnGateway":    op(s.DetachVpnGateway),
		"DeleteVpnGateway":    op(s.DeleteVpnGateway),

		"CreateTransitGateway":              op(s.CreateTransitGateway),
		"DescribeTransitGateways":           op(s.DescribeTransitGateways),
		"ModifyTransitGateway":              op(s.ModifyTransitGateway),
		"DeleteTransitGateway":              op(s.DeleteTransitGateway),
		"DescribeTransitGatewayRouteTables": op(s.DescribeTransitGatewayRouteTables),
		"DescribeTransitGatewayAttachments": op(s.DescribeTransitGatewayAttachments),

		"CreateTags":   op(s.CreateTags),
		"DeleteTags":   op(s.DeleteTags),
		"DescribeTags": op(s.DescribeEC2Tags),
	}
}
