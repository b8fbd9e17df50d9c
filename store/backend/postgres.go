package backend

import (
	"context"
	"time"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/postgres"
)

func openPostgres(url string) (store.Store, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return postgres.Open(ctx, url)
}
