package awsapi

import (
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/secretsmanager"
)

// SecretsManager is the part of AWS Secrets Manager that Direct Connect's
// MACsec keys live in (AWS JSON 1.1, `X-Amz-Target: secretsmanager.<Operation>`),
// served by s.
func SecretsManager(s *secretsmanager.Service) *API {
	return &API{
		Name:        "secretsmanager",
		Title:       "Secrets Manager",
		SigningName: "secretsmanager",
		Protocol:    JSON11,
		Target:      "secretsmanager.",
		Errors:      ErrorStyle{ServerFault: "InternalServiceError", Throttling: dx.ThrottlingError, MessageKey: "Message"},
		Unknown: func(op, _ string, served []string) error {
			return dx.TypedErrorf(dx.UnknownOperationError, "Operation %s is not a Secrets Manager operation served by dxsim; it serves %v", op, served)
		},
		ops: map[string]operation{
			"CreateSecret":      op(s.CreateSecret),
			"DescribeSecret":    op(s.DescribeSecret),
			"ListSecrets":       op(s.ListSecrets),
			"DeleteSecret":      op(s.DeleteSecret),
			"GetResourcePolicy": op(s.GetResourcePolicy),
			"TagResource":       op(s.TagSecret),
			"UntagResource":     op(s.UntagSecret),
			"PutSecretValue":    op(s.PutSecretValue),
			"GetSecretValue":    op(s.GetSecretValue),
			"UpdateSecret":      op(s.UpdateSecret),
		},
	}
}
