package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dxsim/dxsim/internal/sqlitedamage"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// filled opens a new file at path with n connections in it.
func filled(t *testing.T, path string, n int) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"pad":"` + strings.Repeat("x", 400) + `"}`)
	if err := s.Update(context.Background(), func(tx store.Tx) error {
		for i := range n {
			r := store.Row{Kind: store.Connections, ID: fmt.Sprintf("dxcon-%08x", i), Account: fmt.Sprint(100000000000 + i%7),
				Region: "us-east-1", Keys: []string{fmt.Sprintf("vlan:%d", i)}, Body: body}
			if err := tx.Insert(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

func wantRefused(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("Open succeeded, want it refused")
	}
	if !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Open: %v; want an error matching store.ErrDamaged", err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("Open: %v\nwant it to mention %q", err, p)
		}
	}
}

func TestOpenRefusesAFileWithDamagedIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	filled(t, path, 500).Close()
	indexes := sqlitedamage.IndexRoots(t, path)
	s, err := sqlite.Open(path)
	if err == nil {
		s.Close()
	}
	wantRefused(t, err, append(indexes, path, "quick_check", "btreeInitPage", "Only the indexes", "the rows are intact",
		"sqlite3 "+path+" .dump", "PRAGMA user_version = 2")...)
}

func TestOpenRefusesATruncatedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	filled(t, path, 2000).Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err == nil {
		s.Close()
	}
	wantRefused(t, err, path, "is damaged", "malformed", "dxsim admin import", ".dump")
}

func TestOpenRefusesAFileThatIsNoDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(path, []byte(`{"format":"dxsim-export/1","rows":[],"ports":[]}`+strings.Repeat(" ", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(path)
	if err == nil {
		s.Close()
	}
	wantRefused(t, err, path, "not a SQLite database", "--data")
}

// TestCheckSeesDamageUnderAnOpenStore damages the file of an open store:
// Check reads it as it is on disk, whatever the store's connections keep
// in memory, and reports it from then on.
func TestCheckSeesDamageUnderAnOpenStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	s := filled(t, path, 500)
	defer s.Close()
	ctx := context.Background()
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check of a sound file: %v", err)
	}
	var told atomic.Int32
	s.OnDamage(func(*store.Damage) { told.Add(1) })
	sqlitedamage.IndexRoots(t, path)
	for range 3 {
		err := s.Check(ctx)
		if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), path) {
			t.Errorf("Check of a damaged file: %v; want store.ErrDamaged naming %s", err, path)
		}
	}
	if n := told.Load(); n != 1 {
		t.Errorf("OnDamage told %d times, want once", n)
	}
}

// TestStatementsMeetingDamageAreReportedOnce reads through a damaged
// index: every read fails with store.ErrDamaged, OnDamage is told once,
// and Check reports the damage from then on.
func TestStatementsMeetingDamageAreReportedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	s := filled(t, path, 500)
	defer s.Close()
	ctx := context.Background()
	var told []*store.Damage
	s.OnDamage(func(d *store.Damage) { told = append(told, d) })
	byOwner := store.Query{Kind: store.Connections, Account: "100000000003"}
	read := func() error {
		return s.View(ctx, func(tx store.Tx) error {
			_, err := tx.List(byOwner)
			return err
		})
	}
	if err := read(); err != nil {
		t.Fatal(err)
	}
	sqlitedamage.IndexRoots(t, path)
	for range 3 {
		if err := read(); !errors.Is(err, store.ErrDamaged) {
			t.Errorf("List by owner through a damaged index: %v; want store.ErrDamaged", err)
		}
	}
	err := s.Update(ctx, func(tx store.Tx) error {
		_, err := tx.Count(byOwner)
		return err
	})
	if !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Count by owner in an Update through a damaged index: %v; want store.ErrDamaged", err)
	}
	if len(told) != 1 {
		t.Fatalf("OnDamage told %d times, want once", len(told))
	}
	if d := told[0]; !strings.Contains(d.Error(), "malformed") || !strings.Contains(d.Recover, "start one again") {
		t.Errorf("damage told: %v, recover %q", d, d.Recover)
	}
	if err := s.Check(ctx); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Check after a read met damage: %v; want store.ErrDamaged", err)
	}
}

func TestCheckOfAMemoryStore(t *testing.T) {
	s, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("Check of a memory store: %v", err)
	}
}

// TestCheckOfARemovedFile: a store whose file was removed keeps a world
// that the next start loses; Check says so, and no empty file appears.
func TestCheckOfARemovedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	s := filled(t, path, 10)
	defer s.Close()
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(f)
	}
	if err := s.Check(context.Background()); err == nil || errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("Check with the file removed: %v; want an error naming it that is not damage", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Check made %s again: %v", path, err)
	}
}
