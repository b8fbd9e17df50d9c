package awsapi

import (
	"github.com/dxsim/dxsim/awsapi/model"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
)

// SigningName is the SigV4 service name of Direct Connect's credential scope.
const SigningName = "directconnect"

// DirectConnect is the Direct Connect API (AWS JSON 1.1,
// `X-Amz-Target: OvertureService.<Operation>`) served by s; every body is
// validated against the service model before its operation runs. It serves
// whatever no other API claims.
func DirectConnect(s *directconnect.Service) *API {
	return &API{
		Name:        "directconnect",
		Title:       "Direct Connect",
		SigningName: SigningName,
		Protocol:    JSON11,
		Target:      "OvertureService.",
		Fallback:    true,
		Errors:      ErrorStyle{ServerFault: dx.ServerException, Throttling: dx.ThrottlingError, MessageKey: "message"},
		Unknown: func(op, _ string, _ []string) error {
			return dx.TypedErrorf(dx.UnknownOperationError, "Operation %s is not a Direct Connect operation served by dxsim", op)
		},
		IDs: directConnectIDs,
		ops: withModel(table("directconnect", connectionOps(s), virtualInterfaceOps(s), gatewayOps(s), resiliencyOps(s)), model.Load()),
	}
}

// directConnectIDs are the model's ID shapes, each with the kind of ID its
// members name. An associatedGatewayId filter may name a Cloud WAN core
// network, which dxsim does not model, so it is left to the operation;
// resiliency group IDs have the model's own pattern, checked by the
// operations in the model's words.
var directConnectIDs = map[string]dx.IDKind{
	"ConnectionId":                      dx.ConnectionID,
	"InterconnectId":                    dx.InterconnectID,
	"LagId":                             dx.LagID,
	"VirtualInterfaceId":                dx.VirtualInterfaceID,
	"BGPPeerId":                         dx.BGPPeerID,
	"DirectConnectGatewayId":            dx.DirectConnectGatewayID,
	"DirectConnectGatewayAssociationId": dx.AssociationID,
	"DirectConnectGatewayAssociationProposalId": dx.ProposalID,
	"VirtualGatewayId":                          dx.VirtualGatewayID,
	"GatewayIdToAssociate":                      dx.GatewayID,
}

// connectionOps routes connections, LAGs, MACsec, interconnects, hosted
// connections, tags, locations, LOAs and agreements.
func connectionOps(s *directconnect.Service) map[string]operation {
	return map[string]operation{
		"CreateConnection":              op(s.CreateConnection),
		"DescribeConnections":           op(s.DescribeConnections),
		"UpdateConnection":              op(s.UpdateConnection),
		"DeleteConnection":              op(s.DeleteConnection),
		"CreateLag":                     op(s.CreateLag),
		"DescribeLags":                  op(s.DescribeLags),
		"UpdateLag":                     op(s.UpdateLag),
		"DeleteLag":                     op(s.DeleteLag),
		"AssociateConnectionWithLag":    op(s.AssociateConnectionWithLag),
		"DisassociateConnectionFromLag": op(s.DisassociateConnectionFromLag),
		"AssociateMacSecKey":            op(s.AssociateMacSecKey),
		"DisassociateMacSecKey":         op(s.DisassociateMacSecKey),
		"DescribeLocations":             op(s.DescribeLocations),
		"TagResource":                   op(s.TagResource),
		"UntagResource":                 op(s.UntagResource),
		"DescribeTags":                  op(s.DescribeTags),
		"DescribeLoa":                   op(s.DescribeLoa),
		"DescribeConnectionLoa":         op(s.DescribeConnectionLoa),
		"ConfirmCustomerAgreement":      op(s.ConfirmCustomerAgreement),
		"DescribeCustomerMetadata":      op(s.DescribeCustomerMetadata),

		"CreateInterconnect":                op(s.CreateInterconnect),
		"DescribeInterconnects":             op(s.DescribeInterconnects),
		"DeleteInterconnect":                op(s.DeleteInterconnect),
		"DescribeInterconnectLoa":           op(s.DescribeInterconnectLoa),
		"AllocateHostedConnection":          op(s.AllocateHostedConnection),
		"AllocateConnectionOnInterconnect":  op(s.AllocateConnectionOnInterconnect),
		"DescribeHostedConnections":         op(s.DescribeHostedConnections),
		"DescribeConnectionsOnInterconnect": op(s.DescribeConnectionsOnInterconnect),
		"AssociateHostedConnection":         op(s.AssociateHostedConnection),
		"ConfirmConnection":                 op(s.ConfirmConnection),
	}
}

// virtualInterfaceOps routes virtual interfaces, BGP peers and failover
// tests.
func virtualInterfaceOps(s *directconnect.Service) map[string]operation {
	return map[string]operation{
		"CreatePrivateVirtualInterface":    op(s.CreatePrivateVirtualInterface),
		"CreatePublicVirtualInterface":     op(s.CreatePublicVirtualInterface),
		"CreateTransitVirtualInterface":    op(s.CreateTransitVirtualInterface),
		"AllocatePrivateVirtualInterface":  op(s.AllocatePrivateVirtualInterface),
		"AllocatePublicVirtualInterface":   op(s.AllocatePublicVirtualInterface),
		"AllocateTransitVirtualInterface":  op(s.AllocateTransitVirtualInterface),
		"ConfirmPrivateVirtualInterface":   op(s.ConfirmPrivateVirtualInterface),
		"ConfirmPublicVirtualInterface":    op(s.ConfirmPublicVirtualInterface),
		"ConfirmTransitVirtualInterface":   op(s.ConfirmTransitVirtualInterface),
		"DescribeVirtualInterfaces":        op(s.DescribeVirtualInterfaces),
		"DeleteVirtualInterface":           op(s.DeleteVirtualInterface),
		"AssociateVirtualInterface":        op(s.AssociateVirtualInterface),
		"UpdateVirtualInterfaceAttributes": op(s.UpdateVirtualInterfaceAttributes),
		"CreateBGPPeer":                    op(s.CreateBGPPeer),
		"DeleteBGPPeer":                    op(s.DeleteBGPPeer),
		"StartBgpFailoverTest":             op(s.StartBgpFailoverTest),
		"StopBgpFailoverTest":              op(s.StopBgpFailoverTest),
		"ListVirtualInterfaceTestHistory":  op(s.ListVirtualInterfaceTestHistory),
		"ListVirtualInterfaceRoutes":       op(s.ListVirtualInterfaceRoutes),
		"DescribeRouterConfiguration":      op(s.DescribeRouterConfiguration),
	}
}

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

// resiliencyOps routes resiliency groups and connection billing modes.
func resiliencyOps(s *directconnect.Service) map[string]operation {
	return map[string]operation{
		"CreateResiliencyGroup":                      op(s.CreateResiliencyGroup),
		"GetResiliencyGroup":                         op(s.GetResiliencyGroup),
		"ListResiliencyGroups":                       op(s.ListResiliencyGroups),
		"UpdateResiliencyGroup":                      op(s.UpdateResiliencyGroup),
		"DeleteResiliencyGroup":                      op(s.DeleteResiliencyGroup),
		"AssociateConnectionsToResiliencyGroup":      op(s.AssociateConnectionsToResiliencyGroup),
		"DisassociateConnectionsFromResiliencyGroup": op(s.DisassociateConnectionsFromResiliencyGroup),
		"ListResiliencyGroupAssociations":            op(s.ListResiliencyGroupAssociations),
		"UpdateConnectionsBillingMode":               op(s.UpdateConnectionsBillingMode),
	}
}
