package store

import "sync/atomic"

// Observer is told of a store's own work, for metrics. Its methods are
// called from the store's goroutines and must be safe for concurrent use.
type Observer interface {
	// TxRetried: a transaction is run again after a conflict.
	TxRetried()
	// CommitBatch: one commit wrote the changes of n transactions.
	CommitBatch(n int)
}

// Observable is a Store that reports its work to an Observer. The server
// finds it by a type assertion; a store that is not Observable has no
// store metrics.
type Observable interface {
	Observe(Observer)
}

// ObserverSlot holds the Observer a store reports to; a backend embeds it
// to be Observable. The zero value reports to no one.
type ObserverSlot struct{ o atomic.Pointer[Observer] }

// Observe makes o the store's Observer.
func (s *ObserverSlot) Observe(o Observer) { s.o.Store(&o) }

// TxRetried tells the Observer, if any, that a transaction runs again.
func (s *ObserverSlot) TxRetried() {
	if o := s.o.Load(); o != nil {
		(*o).TxRetried()
	}
}

// CommitBatch tells the Observer, if any, that one commit carried n
// transactions.
func (s *ObserverSlot) CommitBatch(n int) {
	if o := s.o.Load(); o != nil {
		(*o).CommitBatch(n)
	}
}
