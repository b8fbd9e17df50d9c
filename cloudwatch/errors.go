package cloudwatch

import (
	"fmt"
	"net/http"

	"github.com/dxsim/dxsim/dx"
)

// CloudWatch's error codes, as its Query protocol answers them.
const (
	InvalidParameterValue       = "InvalidParameterValue"
	InvalidParameterCombination = "InvalidParameterCombination"
	MissingParameter            = "MissingParameter"
	LimitExceeded               = "LimitExceeded"
	ResourceNotFound            = "ResourceNotFound"          // alarms (SetAlarmState, DeleteAlarms)
	ResourceNotFoundException   = "ResourceNotFoundException" // tagged resources
	InvalidNextToken            = "InvalidNextToken"
	InvalidFormat               = "InvalidFormat"
	ValidationError             = "ValidationError"
	InternalServiceError        = "InternalServiceError"
	Throttling                  = "Throttling"
	InvalidAction               = "InvalidAction"
)

func errorf(code, format string, args ...any) *dx.Error {
	return dx.TypedErrorf(code, format, args...)
}

func notFound(code, format string, args ...any) *dx.Error {
	return &dx.Error{Type: code, Status: http.StatusNotFound, Message: fmt.Sprintf(format, args...)}
}

func missing(param string) *dx.Error {
	return errorf(MissingParameter, "The parameter %s is required.", param)
}

func invalidValue(param, value, why string) *dx.Error {
	return errorf(InvalidParameterValue, "The value %s for parameter %s is not valid: %s", value, param, why)
}

func badToken(token string) *dx.Error {
	return errorf(InvalidNextToken, "The NextToken %q is not one this call answered; pass the NextToken of the previous answer unchanged", token)
}

// UnknownOperation is the answer to an operation dxsim's CloudWatch does
// not serve.
func UnknownOperation(op, version string, served []string) error {
	return errorf(InvalidAction, "Could not find operation %s for version %s; dxsim's CloudWatch serves %v", op, version, served)
}
