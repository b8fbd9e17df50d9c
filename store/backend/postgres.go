package backend

import (
	"errors"

	"github.com/dxsim/dxsim/store"
)

func openPostgres(url string) (store.Store, error) {
	return nil, errors.New("postgres: not built")
}
