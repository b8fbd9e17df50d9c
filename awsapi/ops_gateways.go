package awsapi

import "github.com/dxsim/dxsim/service"

// gatewayOps routes Direct Connect gateways, their associations and proposals, and virtual gateways.
func gatewayOps(s *service.Service) map[string]operation {
	return map[string]operation{}
}
