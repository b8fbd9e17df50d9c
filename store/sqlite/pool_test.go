package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestPoolReusesTheLastConnectionAndWaitsWhenFull: a View takes the
// connection used last rather than opening another, no more than the
// pool's size are open at once, and a View beyond them waits for its
// context.
func TestPoolReusesTheLastConnectionAndWaitsWhenFull(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "pool.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := newPool(s.reads.dsn, 2)
	defer p.Close()
	ctx := context.Background()
	a, err := p.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if c, err := p.get(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a third get of a pool of 2 answered %v, %v; want it to wait until its deadline", c, err)
	}
	p.put(a)
	p.put(b)
	for range 3 {
		c, err := p.get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c != b {
			t.Fatalf("get took another connection than the one put back last")
		}
		p.put(c)
	}
	if len(p.idle) != 2 {
		t.Errorf("%d connections open, want the 2 opened", len(p.idle))
	}
	// A connection its View closed gives back its slot only.
	c, err := p.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.close()
	p.put(nil)
	if len(p.idle) != 1 {
		t.Errorf("%d connections open after one was closed, want 1", len(p.idle))
	}
	for range 2 { // both slots are free again
		if _, err := p.get(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(p.slots); got != 2 {
		t.Errorf("%d slots in use after two gets, want 2", got)
	}
}
