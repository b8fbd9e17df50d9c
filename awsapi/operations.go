package awsapi

import "github.com/dxsim/dxsim/directconnect"

// operations is the routing table: one row per operation, kept in one
// table per resource family.
func operations(s *directconnect.Service) map[string]operation {
	ops := map[string]operation{}
	for _, family := range []map[string]operation{connectionOps(s), virtualInterfaceOps(s), gatewayOps(s), resiliencyOps(s)} {
		for name, run := range family {
			if _, dup := ops[name]; dup {
				panic("awsapi: operation " + name + " is routed twice")
			}
			ops[name] = run
		}
	}
	return ops
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
