package awsapi

import (
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sts"
)

// stsVersion is the STS API version the SDKs send.
const stsVersion = "2011-06-15"

// STS is the one AWS STS call tools make before any other,
// GetCallerIdentity (Query protocol, answered in XML), served by s.
func STS(s *sts.Service) *API {
	return &API{
		Name:        "sts",
		Title:       "STS",
		SigningName: "sts",
		Protocol:    Query,
		Version:     stsVersion,
		Namespace:   "https://sts.amazonaws.com/doc/" + stsVersion + "/",
		Errors:      ErrorStyle{ServerFault: "InternalFailure", Throttling: "Throttling", AccessDenied: "AccessDenied"},
		Unknown: func(op, version string, _ []string) error {
			return dx.TypedErrorf("InvalidAction", "Could not find operation %s for version %s; dxsim's STS serves GetCallerIdentity only", op, version)
		},
		ops: map[string]operation{
			"GetCallerIdentity": op(s.GetCallerIdentity),
		},
	}
}
