package store

import (
	"context"
	"errors"
	"sync"
)

// ErrDamaged matches (errors.Is) the error of a store whose stored data is
// damaged: unlike a conflict or a lost connection it does not heal by
// itself, and what reads the damaged part fails until a person repairs or
// replaces the data.
var ErrDamaged = errors.New("store: the stored data is damaged")

// Damage is the error of damaged stored data. It matches ErrDamaged and
// wraps what the database said.
type Damage struct {
	// Err is what the database said, with where the data is.
	Err error
	// Recover tells a person how to recover.
	Recover string
}

func (d *Damage) Error() string   { return "store: the stored data is damaged: " + d.Err.Error() }
func (d *Damage) Unwrap() []error { return []error{ErrDamaged, d.Err} }

// Checker is a Store that can tell whether it still works, for GET
// /health. The server finds it by a type assertion; a store that is not a
// Checker is taken to be healthy.
type Checker interface {
	// Check returns nil when the store answers and its data reads, or
	// why not: an error matching ErrDamaged once the store has met
	// damaged data (it stays so until the store is closed), another when
	// the database cannot be reached. It costs a few page reads or one
	// round trip, bounded by ctx.
	Check(ctx context.Context) error
	// OnDamage makes f the function told of the first damage the store
	// meets; f is called once, at once if the store met damage already.
	OnDamage(f func(*Damage))
}

// DamageSlot keeps the first damage a store met and tells of it once; a
// backend embeds it to implement OnDamage. The zero value holds none.
type DamageSlot struct {
	mu    sync.Mutex
	first *Damage
	tell  func(*Damage)
}

// OnDamage makes f the function told of the first damage.
func (s *DamageSlot) OnDamage(f func(*Damage)) {
	s.mu.Lock()
	s.tell = f
	first := s.first
	s.mu.Unlock()
	if first != nil && f != nil {
		f(first)
	}
}

// Damaged records d if it is the first damage, and then tells of it.
func (s *DamageSlot) Damaged(d *Damage) {
	s.mu.Lock()
	if s.first != nil {
		s.mu.Unlock()
		return
	}
	s.first = d
	tell := s.tell
	s.mu.Unlock()
	if tell != nil {
		tell(d)
	}
}

// Damage is the first damage the store met, or nil.
func (s *DamageSlot) Damage() *Damage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first
}

// Note records the damage err shows, if any, and returns the error to
// answer with: err itself unless isDamage(err), else a *Damage (err, or
// the one damage(err) makes), which the slot records.
func (s *DamageSlot) Note(err error, isDamage func(error) bool, damage func(error) *Damage) error {
	if err == nil || !isDamage(err) {
		return err
	}
	var d *Damage
	if errors.As(err, &d) {
		return err
	}
	d = damage(err)
	s.Damaged(d)
	return d
}
