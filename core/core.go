// Package core is what the packages of dxsim's AWS services (directconnect,
// ec2, secretsmanager) and its operator controls share, and nothing more:
// the world's configuration, the transaction every operation runs in with
// the one time it reads, pagination, new IDs, ownership of records, the
// store index keys by which one service finds another's records, and the
// purge of deleted records (purge.go), each service telling how its own
// leave. It may import dx, sim and store; never a service.
package core

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
	// IDs draws the IDs of new Direct Connect resources (prefix and 8
	// random characters); nil is dx.NewID. A test sets it to make IDs
	// collide.
	IDs func(prefix string) string
}

// DefaultConfig is the configuration of `dxsim serve` without flags.
var DefaultConfig = Config{
	ConnectionsPerLocation: 10,
	LagsPerRegion:          dx.LagsPerRegion,
	DeletedRetention:       24 * time.Hour,
	Agreements:             []string{"Direct Connect Customer Agreement"},
	Timings:                sim.DefaultTimings,
}

// Base is the world every service works on: its store, location catalog,
// clock and configuration. Each service embeds it.
type Base struct {
	Store   store.Store
	Catalog *dx.Catalog
	Clock   sim.Clock
	Config  Config
	reapers []Reaper // how deleted things leave the store (AddReapers)
}

// NewBase returns the world over st and catalog with time from clock.
func NewBase(st store.Store, catalog *dx.Catalog, clock sim.Clock, cfg Config) *Base {
	return &Base{Store: st, Catalog: catalog, Clock: clock, Config: cfg}
}

// NewID draws the ID of a new Direct Connect resource with prefix
// (Config.IDs). The caller inserts its record under the store's
// uniqueness constraint and draws again on the rare collision.
func (s *Base) NewID(prefix string) string {
	if s.Config.IDs != nil {
		return s.Config.IDs(prefix)
	}
	return dx.NewID(prefix)
}

// Partner returns the caller's partner registration, if it is a partner.
func (s *Base) Partner(account string) (dx.Partner, bool) {
	for _, p := range s.Config.Partners {
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

// Txn is a transaction of a service with the one time its operation
// reads: the world's clock as saved in the transaction, read at its start.
// Every rule of the operation that depends on time uses now, so a retried
// transaction and every process sharing the store agree on it.
type Txn struct {
	store.Tx
	Now time.Time
}

// Update runs fn in a write transaction. fn may run more than once (the
// store contract): it must only change what it creates inside the call.
func (s *Base) Update(ctx context.Context, fn func(*Txn) error) error {
	return throttled(s.Store.Update(ctx, s.timed(fn)))
}

// View runs fn in a read transaction.
func (s *Base) View(ctx context.Context, fn func(*Txn) error) error {
	return throttled(s.Store.View(ctx, s.timed(fn)))
}

// timed reads the world's clock in the transaction, then runs fn at that
// time.
func (s *Base) timed(fn func(*Txn) error) func(store.Tx) error {
	return func(stx store.Tx) error {
		// Made afresh in each run: the transaction may run more than once.
		tx := &settingsTx{Tx: stx}
		c, ok := s.Clock.(TxClock)
		if !ok {
			return fn(&Txn{Tx: tx, Now: s.Clock.Now()})
		}
		now, err := c.SyncTx(tx)
		if err != nil {
			return err
		}
		return fn(&Txn{Tx: tx, Now: now})
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

// Visible reports whether a resource deleted at deletedAt still shows in
// Describe calls: while deleting, then for the retention period as deleted.
func (s *Base) Visible(deletedAt, now time.Time) bool {
	return s.Retained(s.DeletedGone(deletedAt), now)
}

// DeletedGone is when a resource deleted at deletedAt reached state
// deleted; zero if it was not deleted.
func (s *Base) DeletedGone(deletedAt time.Time) time.Time {
	if deletedAt.IsZero() {
		return time.Time{}
	}
	return deletedAt.Add(s.Config.Timings.Deleting)
}

// Retained reports whether a resource that reached its final state (deleted,
// disassociated) at gone still shows in Describe calls. Once it does not,
// it leaves the store (Purge).
func (s *Base) Retained(gone, now time.Time) bool {
	return gone.IsZero() || now.Before(gone.Add(s.Config.DeletedRetention))
}

// Page is the maxResults/nextToken pagination of Describe operations.
type Page struct {
	After string // the position after which the page starts
	Limit int    // 0: no limit
}

// MaxPageSize is the most results a page holds.
const MaxPageSize = 100

// ParsePage checks maxResults and decodes nextToken. Without maxResults the
// whole list is returned, as the real service does; above 100, 100.
func ParsePage(maxResults *int, nextToken string) (Page, error) {
	var p Page
	if maxResults != nil {
		if *maxResults < 1 {
			return p, dx.Errorf("maxResults %d is out of range; it must be at least 1 (at most 100 results are returned per call)", *maxResults)
		}
		p.Limit = min(*maxResults, MaxPageSize)
	}
	if nextToken != "" {
		b, err := base64.RawURLEncoding.DecodeString(nextToken)
		if err != nil || len(b) == 0 {
			return p, dx.Errorf("nextToken %q is not a token this service returned; pass the nextToken of the previous response unchanged", nextToken)
		}
		p.After = string(b)
	}
	return p, nil
}

// EncodeToken makes an opaque nextToken of a position.
func EncodeToken(pos string) string { return base64.RawURLEncoding.EncodeToString([]byte(pos)) }

// Scan reads the rows q selects in ID order, from the page's start, and
// keeps those keep accepts until the page is full. It returns them and the
// nextToken: the last ID read when more rows may follow, "" at the end.
func Scan[T any](tx store.Tx, q store.Query, p Page, id func(*T) string, keep func(*T) bool) ([]*T, string, error) {
	var out []*T
	q.After = p.After
	// A page reads one row more than it returns, to know whether more
	// follow; filtered rows cost further reads.
	batch := 200
	if p.Limit > 0 {
		batch = min(batch, p.Limit+1)
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
			if p.Limit > 0 && len(out) == p.Limit {
				if i == len(rows)-1 && len(rows) < batch {
					return out, "", nil // nothing follows
				}
				return out, EncodeToken(id(r)), nil
			}
		}
		if len(rows) < batch {
			return out, "", nil
		}
		q.After = id(rows[len(rows)-1])
	}
}

// NotFoundAs answers e for a record the store does not have.
func NotFoundAs(err error, e *dx.Error) error {
	if errors.Is(err, store.ErrNotFound) {
		return e
	}
	return err
}
