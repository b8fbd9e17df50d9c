package awsapi

import "github.com/dxsim/dxsim/service"

// virtualInterfaceOps routes virtual interfaces and BGP peers.
func virtualInterfaceOps(s *service.Service) map[string]operation {
	return map[string]operation{}
}
