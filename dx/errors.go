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

// The "not found" answers whose wording clients depend on. The Terraform
// AWS provider reads "Could not find Connection with ID" and "Could not
// find Lag with ID" as a resource that is gone (connection.go, lag.go), and
// "Connection does not exist" / "Lag does not exist" from
// DisassociateConnectionFromLag as an association that is gone
// (connection_association.go). Another account's resource answers the same,
// so the answer tells nothing about other accounts.

// ConnectionNotFound is the answer for a connection ID the caller cannot see.
func ConnectionNotFound(id, account, region string) *Error {
	return Errorf("Could not find Connection with ID %s: it does not exist for account %s in region %s", id, account, region)
}

// LagNotFound is the answer for a LAG ID the caller cannot see.
func LagNotFound(id, account, region string) *Error {
	return Errorf("Could not find Lag with ID %s: it does not exist for account %s in region %s", id, account, region)
}

// NotFoundToDisassociate words the not-found answer err for the connection
// or LAG named in DisassociateConnectionFromLag as that operation does:
// "Connection does not exist: ..." or "Lag does not exist: ...". Any other
// error is returned as it is.
func NotFoundToDisassociate(what string, err error) error {
	e, ok := err.(*Error)
	if !ok || e.Type != ClientException {
		return err
	}
	return Errorf("%s does not exist: %s", what, e.Message)
}

// LastBGPPeer is the answer for deleting the only BGP peer left on a
// virtual interface, in the service's words (bgp_peer.go reads it).
func LastBGPPeer(peer, vif string) *Error {
	return Errorf("The last BGP Peer on a Virtual Interface cannot be deleted: %s is the only peer of %s; delete the virtual interface instead", peer, vif)
}
