package awsapi

import "github.com/dxsim/dxsim/service"

// resiliencyOps routes resiliency groups and connection billing modes.
func resiliencyOps(s *service.Service) map[string]operation {
	return map[string]operation{}
}
