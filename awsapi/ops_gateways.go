package awsapi

import "github.com/dxsim/dxsim/directconnect"

// gatewayOps routes Direct Connect gateways, their associations and proposals, and virtual gateways.
func gatewayOps(s *directconnect.Service) map[string]operation {
	return map[string]operation{
		"CreateDirectConnectGateway":                       op(s.CreateDirectConnectGateway),
		"DescribeDirectConnectGateways":                    op(s.DescribeDirectConnectGateways),
		"UpdateDirectConnectGateway":                       op(s.UpdateDirectConnectGateway),
		"DeleteDirectConnectGateway":                       op(s.DeleteDirectConnectGateway),
		"CreateDirectConnectGatewayAssociation":            op(s.CreateDirectConnectGatewayAssociation),
		"DescribeDirectConnectGatewayAssociations":         op(s.DescribeDirectConnectGatewayAssociations),
		"UpdateDirectConnectGatewayAssociation":            op(s.UpdateDirectConnectGatewayAssociation),
		"DeleteDirectConnectGatewayAssociation":            op(s.DeleteDirectConnectGatewayAssociation),
		"CreateDirectConnectGatewayAssociationProposal":    op(s.CreateDirectConnectGatewayAssociationProposal),
		"DescribeDirectConnectGatewayAssociationProposals": op(s.DescribeDirectConnectGatewayAssociationProposals),
		"DeleteDirectConnectGatewayAssociationProposal":    op(s.DeleteDirectConnectGatewayAssociationProposal),
		"AcceptDirectConnectGatewayAssociationProposal":    op(s.AcceptDirectConnectGatewayAssociationProposal),
		"DescribeDirectConnectGatewayAttachments":          op(s.DescribeDirectConnectGatewayAttachments),
		"DescribeVirtualGateways":                          op(s.DescribeVirtualGateways),
	}
}
