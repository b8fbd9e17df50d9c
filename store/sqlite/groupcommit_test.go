package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dxsim/dxsim/store"
)

// TestGroupCommitSharesOneCommit holds the writer in one Update while
// others queue: those then commit together, each answered after that
// commit, and a failing one among them leaves the others' writes.
func TestGroupCommitSharesOneCommit(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "dxsim.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	hold, held := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- s.Update(ctx, func(tx store.Tx) error {
			close(held)
			<-hold
			return tx.Insert(store.Row{Kind: store.Lags, ID: "first", Body: []byte(`{}`)})
		})
	}()
	<-held
	const queued = 10
	boom := errors.New("boom")
	errs := make([]error, queued)
	var wg sync.WaitGroup
	for i := range queued {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Update(ctx, func(tx store.Tx) error {
				if err := tx.Insert(store.Row{Kind: store.Lags, ID: fmt.Sprint("q", i), Body: []byte(`{}`)}); err != nil {
					return err
				}
				if i == 3 {
					return boom // rolled back to its savepoint alone
				}
				return nil
			})
		}()
	}
	for s.writes.Len() < queued {
		time.Sleep(time.Millisecond)
	}
	close(hold)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i, err := range errs {
		if want := error(nil); i == 3 {
			if !errors.Is(err, boom) {
				t.Errorf("update 3 returned %v, want its own error", err)
			}
		} else if err != want {
			t.Errorf("update %d: %v", i, err)
		}
	}
	st := s.GroupCommit()
	if st.Updates != queued+1 || st.Commits != 2 || st.MaxBatch != queued {
		t.Errorf("group commit stats %+v; want %d updates in 2 commits, the second of %d", st, queued+1, queued)
	}
	s.View(ctx, func(tx store.Tx) error {
		rows, _ := tx.List(store.Query{Kind: store.Lags})
		if len(rows) != queued {
			t.Errorf("%d rows kept, want %d (all but the failed update's)", len(rows), queued)
		}
		return nil
	})
}
