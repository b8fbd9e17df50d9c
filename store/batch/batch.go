// Package batch queues a store's Updates for one writer goroutine, which
// takes those waiting together as one batch: the backend runs a batch in
// one transaction, each Update in a savepoint of its own, and commits it
// once (group commit). The queue answers each caller when its batch is
// done, so an acknowledged Update is durable.
package batch

import (
	"context"
	"sync"
	"time"

	"github.com/dxsim/dxsim/store"
)

// Request is one queued Update.
type Request struct {
	Ctx    context.Context
	Fn     func(store.Tx) error
	Queued time.Time
	// Err is what Fn returned, or why its batch failed; Panic is a panic
	// of Fn, raised again in its caller.
	Err   error
	Panic any
	done  chan struct{}
}

// Run calls Fn on tx, keeping its error or panic. A batch run again runs
// each request again.
func (r *Request) Run(tx store.Tx) {
	r.Err, r.Panic = nil, nil
	defer func() {
		if p := recover(); p != nil {
			r.Panic = p
		}
	}()
	r.Err = r.Fn(tx)
}

// Failed reports whether Fn failed or panicked in its last run.
func (r *Request) Failed() bool { return r.Err != nil || r.Panic != nil }

// Queue is the queue of one writer.
type Queue struct {
	ch         chan *Request
	stop, done chan struct{}
	closing    sync.Once
	errClosed  error
}

// Start starts a writer that passes up to max waiting requests at a time
// to commit. commit runs them (Run) and returns nil if their batch
// committed, or why it did not: then every request that did not fail on
// its own fails with that error. closed is the error of an Update that
// comes after Close.
func Start(max int, closed error, commit func([]*Request) error) *Queue {
	q := &Queue{ch: make(chan *Request, max), stop: make(chan struct{}), done: make(chan struct{}), errClosed: closed}
	go q.writer(max, commit)
	return q
}

// Do queues fn and waits until its batch is done.
func (q *Queue) Do(ctx context.Context, fn func(store.Tx) error) error {
	r := &Request{Ctx: ctx, Fn: fn, Queued: time.Now(), done: make(chan struct{})}
	select {
	case <-q.stop:
		return q.errClosed
	default:
	}
	select {
	case <-q.stop:
		return q.errClosed
	case q.ch <- r:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-r.done:
	case <-q.done:
		// The writer stopped; it may have done so before taking r.
		select {
		case <-r.done:
		default:
			return q.errClosed
		}
	}
	if r.Panic != nil {
		panic(r.Panic)
	}
	return r.Err
}

// Len is how many requests wait for the writer.
func (q *Queue) Len() int { return len(q.ch) }

// Close stops taking requests, runs those already queued and waits for
// the writer to finish.
func (q *Queue) Close() {
	q.closing.Do(func() { close(q.stop) })
	<-q.done
}

func (q *Queue) writer(max int, commit func([]*Request) error) {
	defer close(q.done)
	run := func(batch []*Request) {
		if err := commit(batch); err != nil {
			for _, r := range batch {
				if !r.Failed() {
					r.Err = err
				}
			}
		}
		for _, r := range batch {
			close(r.done)
		}
	}
	batch := make([]*Request, 0, max)
	for {
		select {
		case r := <-q.ch:
			batch = append(batch[:0], r)
		case <-q.stop:
			for {
				select {
				case r := <-q.ch:
					run([]*Request{r})
				default:
					return
				}
			}
		}
	fill:
		for len(batch) < max {
			select {
			case r := <-q.ch:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		run(batch)
	}
}
