package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dxsim/dxsim/store"
)

// batches is an Observer that counts commits and the Updates they carried.
type batches struct{ commits, updates, largest atomic.Int64 }

func (b *batches) TxRetried() {}
func (b *batches) CommitBatch(n int) {
	b.commits.Add(1)
	b.updates.Add(int64(n))
	for {
		old := b.largest.Load()
		if int64(n) <= old || b.largest.CompareAndSwap(old, int64(n)) {
			return
		}
	}
}

// GroupCommit checks the group commit of a store whose Updates one writer
// runs (queued says how many wait for it): it holds the writer in one
// Update while others queue, and those then commit together in one
// transaction, each answered after it, and a failing one among them
// leaves the others' writes. s must be empty and Observable.
func GroupCommit(t *testing.T, s store.Store, queued func() int) {
	t.Helper()
	var seen batches
	s.(store.Observable).Observe(&seen)
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
	const waiting = 10
	boom := errors.New("boom")
	errs := make([]error, waiting)
	var wg sync.WaitGroup
	for i := range waiting {
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
	for queued() < waiting {
		time.Sleep(time.Millisecond)
	}
	close(hold)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i, err := range errs {
		if i == 3 {
			if !errors.Is(err, boom) {
				t.Errorf("update 3 returned %v, want its own error", err)
			}
		} else if err != nil {
			t.Errorf("update %d: %v", i, err)
		}
	}
	if c, u, l := seen.commits.Load(), seen.updates.Load(), seen.largest.Load(); u != waiting+1 || c != 2 || l != waiting {
		t.Errorf("%d commits carried %d updates, the largest %d; want %d updates in 2 commits, the second of %d", c, u, l, waiting+1, waiting)
	}
	s.View(ctx, func(tx store.Tx) error {
		rows, _ := tx.List(store.Query{Kind: store.Lags})
		if len(rows) != waiting {
			t.Errorf("%d rows kept, want %d (all but the failed update's)", len(rows), waiting)
		}
		return nil
	})
}
