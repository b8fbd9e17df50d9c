package awsapi

import (
	"context"

	"github.com/dxsim/dxsim/dx"
)

// SetOperation serves fn as api's operation name: a test-only table entry.
func SetOperation(api *API, name string, fn func(context.Context, dx.Caller, *struct{}) (*struct{}, error)) {
	api.ops[name] = op(fn)
}
