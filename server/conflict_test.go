package server_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// conflicting is a store whose every Update, once on, gave up on
// conflicts, as a backend does after its bounded retries.
type conflicting struct {
	store.Store
	on *atomic.Bool
}

func (c conflicting) Update(ctx context.Context, fn func(store.Tx) error) error {
	if !c.on.Load() {
		return c.Store.Update(ctx, fn)
	}
	return fmt.Errorf("serialization failure, retried 8 times: %w", store.ErrConflict)
}

// TestConflictIsThrottling: a transaction the store gave up retrying is a
// ThrottlingException (a 4xx the SDK retries), not a server error.
func TestConflictIsThrottling(t *testing.T) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	var on atomic.Bool
	w := dxsimtest.Start(t, func(cfg *server.Config) { cfg.Store = conflicting{st, &on} })
	on.Store(true)
	_, err = w.Client().CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("c"),
	})
	dxsimtest.WantError(t, err, "ThrottlingException", "retry")
}
