// Package service implements the Direct Connect operations: one method per
// API operation, grouped by resource family. Each method checks its input
// against the rules in package dx, then reads and writes inside one store
// transaction, so a failed call changes nothing.
package service

import (
	"context"
	"encoding/base64"
	"errors"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Config is the part of a dxsim world that is configuration, not state.
type Config struct {
	// ConnectionsPerLocation is the quota of dedicated connections an
	// account may have at one location.
	ConnectionsPerLocation int
	// LagsPerRegion is the quota of LAGs an account may have in a
	// Region (10 on AWS, which raises it on request).
	LagsPerRegion int
	// DeletedRetention is how long deleted resources stay visible in
	// Describe calls, in state deleted.
	DeletedRetention time.Duration
	// Agreements are the customer agreements an account can sign.
	Agreements []string
	// Timings are the simulated provisioning delays.
	Timings sim.Timings
	// Partners are the accounts registered as Direct Connect Partners.
	Partners []dx.Partner
	// VirtualGateways are the virtual private and transit gateways of
	// accounts: they are created in EC2, so dxsim is told about them.
	VirtualGateways []dx.VirtualGatewayRecord
}

// DefaultConfig is the configuration of `dxsim serve` without flags.
var DefaultConfig = Config{
	ConnectionsPerLocation: 10,
	LagsPerRegion:          dx.LagsPerRegion,
	DeletedRetention:       24 * time.Hour,
	Agreements:             []string{"Direct Connect Customer Agreement"},
	Timings:                sim.DefaultTimings,
}

// Service serves the Direct Connect API over one world.
type Service struct {
	store   store.Store
	catalog *dx.Catalog
	clock   sim.Clock
	cfg     Config
	// sessions are the live BGP sessions of dxsim serve --bgp; nil without.
	sessions Sessions
}

// New returns a Service over st and catalog with time from clock.
func New(st store.Store, catalog *dx.Catalog, clock sim.Clock, cfg Config) *Service {
	return &Service{store: st, catalog: catalog, clock: clock, cfg: cfg}
}

// partner returns the caller's partner registration, if it is a partner.
func (s *Service) partner(account string) (dx.Partner, bool) {
	for _, p := range s.cfg.Partners {
		if p.Account == account {
			return p, true
		}
	}
	return dx.Partner{}, false
}

// TxClock is a clock whose state is part of the world: the service syncs
// it at the start of every transaction, so that every process sharing the
// store tells the time the transaction reads. SyncTx returns that time.
type TxClock interface {
	sim.Clock
	SyncTx(tx store.Tx) (time.Time, error)
}

// txn is a transaction of the service with the one time its operation
// reads: the world's clock as saved in the transaction, read at its start.
// Every rule of the operation that depends on time uses now, so a retried
// transaction and every process sharing the store agree on it.
type txn struct {
	store.Tx
	now time.Time
}

// update runs fn in a write transaction. fn may run more than once (the
// store contract): it must only change what it creates inside the call.
func (s *Service) update(ctx context.Context, fn func(*txn) error) error {
	return throttled(s.store.Update(ctx, s.timed(fn)))
}

// view runs fn in a read transaction.
func (s *Service) view(ctx context.Context, fn func(*txn) error) error {
	return throttled(s.store.View(ctx, s.timed(fn)))
}

// timed reads the world's clock in the transaction, then runs fn at that
// time.
func (s *Service) timed(fn func(*txn) error) func(store.Tx) error {
	return func(tx store.Tx) error {
		c, ok := s.clock.(TxClock)
		if !ok {
			return fn(&txn{Tx: tx, now: s.clock.Now()})
		}
		now, err := c.SyncTx(tx)
		if err != nil {
			return err
		}
		return fn(&txn{Tx: tx, now: now})
	}
}

// throttled answers a transaction the store gave up retrying as
// ThrottlingException: nothing was written and the caller may retry.
func throttled(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return dx.TypedErrorf(dx.ThrottlingError, "Rate exceeded: the request kept conflicting with concurrent requests and was not applied; retry it with backoff")
	}
	return err
}

// visible reports whether a resource deleted at deletedAt still shows in
// Describe calls: while deleting, then for the retention period as deleted.
func (s *Service) visible(deletedAt, now time.Time) bool {
	return deletedAt.IsZero() || s.retained(deletedAt.Add(s.cfg.Timings.Deleting), now)
}

// retained reports whether a resource that reached its final state (deleted,
// disassociated) at gone still shows in Describe calls.
func (s *Service) retained(gone, now time.Time) bool {
	return gone.IsZero() || now.Before(gone.Add(s.cfg.DeletedRetention))
}

// page is the maxResults/nextToken pagination of Describe operations.
type page struct {
	after string
	limit int
}

const maxPageSize = 100

// parsePage checks maxResults and decodes nextToken. Without maxResults the
// whole list is returned, as the real service does; above 100, 100.
func parsePage(maxResults *int, nextToken string) (page, error) {
	var p page
	if maxResults != nil {
		if *maxResults < 1 {
			return p, dx.Errorf("maxResults %d is out of range; it must be at least 1 (at most 100 results are returned per call)", *maxResults)
		}
		p.limit = min(*maxResults, maxPageSize)
	}
	if nextToken != "" {
		b, err := base64.RawURLEncoding.DecodeString(nextToken)
		if err != nil || len(b) == 0 {
			return p, dx.Errorf("nextToken %q is not a token this service returned; pass the nextToken of the previous response unchanged", nextToken)
		}
		p.after = string(b)
	}
	return p, nil
}

// encodeToken makes an opaque nextToken of a position.
func encodeToken(pos string) string { return base64.RawURLEncoding.EncodeToString([]byte(pos)) }

// scan reads the rows q selects in ID order, from the page's start, and
// keeps those keep accepts until the page is full. It returns them and the
// nextToken: the last ID read when more rows may follow, "" at the end.
func scan[T any](tx store.Tx, q store.Query, p page, id func(*T) string, keep func(*T) bool) ([]*T, string, error) {
	var out []*T
	q.After = p.after
	// A page reads one row more than it returns, to know whether more
	// follow; filtered rows cost further reads.
	batch := 200
	if p.limit > 0 {
		batch = min(batch, p.limit+1)
	}
	for {
		q.Limit = batch
		rows, err := store.LoadAll[T](tx, q)
		if err != nil {
			return nil, "", err
		}
		for i, r := range rows {
			if !keep(r) {
				continue
			}
			out = append(out, r)
			if p.limit > 0 && len(out) == p.limit {
				if i == len(rows)-1 && len(rows) < batch {
					return out, "", nil // nothing follows
				}
				return out, encodeToken(id(r)), nil
			}
		}
		if len(rows) < batch {
			return out, "", nil
		}
		q.After = id(rows[len(rows)-1])
	}
}

func notFoundAs(err error, e *dx.Error) error {
	if errors.Is(err, store.ErrNotFound) {
		return e
	}
	return err
}
