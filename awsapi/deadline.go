package awsapi

import (
	"net/http"

	"github.com/dxsim/dxsim/dx"
)

// deadlineError is the answer to a request whose deadline passed before
// its transaction finished (nothing was applied): the API's throttling
// error, which the SDKs retry.
func deadlineError(api *API) *dx.Error {
	return &dx.Error{Type: api.Errors.Throttling, Status: http.StatusBadRequest,
		Message: "Rate exceeded: the request did not finish within the server's request deadline (dxsim serve --request-timeout) and was not applied; retry it"}
}
