package store

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
