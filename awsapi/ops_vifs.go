package awsapi

import "github.com/dxsim/dxsim/directconnect"

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
