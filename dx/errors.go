package dx

import (
	"fmt"
	"net/http"
)

// Error types the service returns. Their names are the `__type` of an AWS
// JSON 1.1 error body.
const (
	ClientException          = "DirectConnectClientException"
	ServerException          = "DirectConnectServerException"
	DuplicateTagKeysError    = "DuplicateTagKeysException"
	TooManyTagsError         = "TooManyTagsException"
	UnknownOperationError    = "UnknownOperationException"
	SerializationError       = "SerializationException"
	MissingAuthenticationErr = "MissingAuthenticationTokenException"
	IncompleteSignatureError = "IncompleteSignatureException"
	// ThrottlingError is the AWS-wide error of a request to retry later;
	// dxsim answers it when a transaction kept conflicting.
	ThrottlingError = "ThrottlingException"
)

// Error is an error a caller can act on: an AWS error type, the HTTP status
// it travels with and a message saying what was wrong and what is allowed.
type Error struct {
	Type    string
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Type + ": " + e.Message }

// Errorf returns a DirectConnectClientException (400), the error the real
// service returns for invalid parameters and for every rule violation.
func Errorf(format string, args ...any) *Error {
	return &Error{Type: ClientException, Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

// TypedErrorf returns a 400 error of the given type.
func TypedErrorf(typ, format string, args ...any) *Error {
	return &Error{Type: typ, Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

// NotFound is the error for an ID the caller cannot see in its account and
// Region; another account's resource is indistinguishable from a missing one.
func NotFound(what, id, account, region string) *Error {
	return Errorf("%s %s does not exist for account %s in region %s", what, id, account, region)
}
