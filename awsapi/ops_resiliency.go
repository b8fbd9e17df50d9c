package awsapi

import "github.com/dxsim/dxsim/directconnect"

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
