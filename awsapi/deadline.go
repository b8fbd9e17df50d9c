package awsapi

import (
	"context"
	"errors"
	"net/http"

	"github.com/dxsim/dxsim/dx"
)

// ThrottlingError is the type AWS answers when it cannot serve a request
// now; the SDKs retry it.
const ThrottlingError = "ThrottlingException"

// deadlineError is the answer to a request whose deadline passed before
// its transaction finished (nothing was applied), or nil for other errors.
func deadlineError(err error) *dx.Error {
	if !errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return &dx.Error{Type: ThrottlingError, Status: http.StatusBadRequest,
		Message: "Rate exceeded: the request did not finish within the server's request deadline (dxsim serve --request-timeout) and was not applied; retry it"}
}
