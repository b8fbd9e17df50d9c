package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/dxsim/dxsim/store/storetest"
)

// TestGroupCommitSharesOneCommit runs the shared group-commit check, and
// the store's own counters agree with it.
func TestGroupCommitSharesOneCommit(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "dxsim.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const queued = 10
	storetest.GroupCommit(t, s, s.writes.Len)
	st := s.GroupCommit()
	if st.Updates != queued+1 || st.Commits != 2 || st.MaxBatch != queued {
		t.Errorf("group commit stats %+v; want %d updates in 2 commits, the second of %d", st, queued+1, queued)
	}
}
