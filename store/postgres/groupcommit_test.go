package postgres

import (
	"context"
	"testing"

	"github.com/dxsim/dxsim/internal/pgtest"
	"github.com/dxsim/dxsim/store/storetest"
)

func TestGroupCommitSharesOneCommit(t *testing.T) {
	s, err := Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.GroupCommit(t, s, s.writes.Len)
}
