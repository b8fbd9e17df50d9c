package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// conflicting is a store whose every Update gave up on conflicts, as a
// backend does after its bounded retries.
type conflicting struct{ store.Store }

func (conflicting) Update(context.Context, func(store.Tx) error) error {
	return fmt.Errorf("serialization failure, retried 8 times: %w", store.ErrConflict)
}

// TestConflictIsThrottling: a transaction the store gave up retrying is a
// ThrottlingException (a 4xx the SDK retries), not a server error.
func TestConflictIsThrottling(t *testing.T) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	w := dxsimtest.Start(t, func(cfg *server.Config) { cfg.Store = conflicting{st} })
	_, err = w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("c"),
	})
	dxsimtest.WantError(t, err, "ThrottlingException", "retry")
}
