package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// testPortsLowestFreeFirst checks the contract's "ClaimPort finds the
// lowest free port" and "PortsInUse is a stored count": released ports are
// handed out again lowest first, releasing a free port changes nothing,
// and a restored snapshot keeps the free ports below the highest held.
func testPortsLowestFreeFirst(t *testing.T, s store.Store) {
	s.Update(ctx, func(tx store.Tx) error {
		for range 6 {
			tx.ClaimPort("dev", 10, "x")
		}
		tx.ReleasePort("dev", 5)
		tx.ReleasePort("dev", 2)
		tx.ReleasePort("dev", 2) // a free port released again changes nothing
		for _, want := range []int{2, 5, 7} {
			if p, err := tx.ClaimPort("dev", 10, "y"); err != nil || p != want {
				t.Errorf("ClaimPort = %d, %v; want %d", p, err, want)
			}
		}
		if n, _ := tx.PortsInUse("dev"); n != 7 {
			t.Errorf("PortsInUse = %d, want 7", n)
		}
		if n, _ := tx.PortsInUse("never-used"); n != 0 {
			t.Errorf("PortsInUse of an unused device = %d", n)
		}
		return nil
	})
	// A restored snapshot keeps the free ports below the highest held.
	var snap store.Snapshot
	s.View(ctx, func(tx store.Tx) error { snap, _ = tx.Dump(); return nil })
	snap.Ports = slices.DeleteFunc(snap.Ports, func(p store.Port) bool { return p.Port == 3 })
	s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Restore(snap); err != nil {
			t.Fatal(err)
		}
		if p, err := tx.ClaimPort("dev", 10, "z"); err != nil || p != 3 {
			t.Errorf("after Restore, ClaimPort = %d, %v; want 3", p, err)
		}
		if p, err := tx.ClaimPort("dev", 10, "z"); err != nil || p != 8 {
			t.Errorf("after Restore, ClaimPort = %d, %v; want 8", p, err)
		}
		return nil
	})
}

// testClearAndHoldPorts checks Tx.Clear and Tx.HoldPort, as an import uses
// them: Clear deletes every row and port, HoldPort holds the ports it is
// given in any order (ErrExists for a held one), and the device's
// free-port map follows, so ClaimPort still hands out the lowest free port.
func testClearAndHoldPorts(t *testing.T, s store.Store) {
	s.Update(ctx, func(tx store.Tx) error {
		tx.Insert(row("a", "1", ""))
		tx.ClaimPort("dev", 10, "a")
		if err := tx.Clear(); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Get(store.Connections, "a"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a row survived Clear: %v", err)
		}
		for _, p := range []int{2, 5, 3} {
			if err := tx.HoldPort(store.Port{Device: "dev", Port: p, Holder: "h"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.HoldPort(store.Port{Device: "dev", Port: 3, Holder: "h"}); !errors.Is(err, store.ErrExists) {
			t.Errorf("holding a held port: %v, want ErrExists", err)
		}
		if n, _ := tx.PortsInUse("dev"); n != 3 {
			t.Errorf("PortsInUse = %d, want 3", n)
		}
		for _, want := range []int{1, 4, 6} {
			if p, err := tx.ClaimPort("dev", 10, "x"); err != nil || p != want {
				t.Errorf("ClaimPort = %d, %v; want %d", p, err, want)
			}
		}
		return nil
	})
}

// testPortsAreFinite checks the contract's "ClaimPort on a full device
// returns ErrNoFreePort": a device has ports 1..ports, devices do not
// share them, and a released port is free again.
func testPortsAreFinite(t *testing.T, s store.Store) {
	s.Update(ctx, func(tx store.Tx) error {
		for want := 1; want <= 3; want++ {
			if p, err := tx.ClaimPort("dev", 3, "x"); err != nil || p != want {
				t.Fatalf("ClaimPort = %d, %v; want %d", p, err, want)
			}
		}
		if _, err := tx.ClaimPort("dev", 3, "x"); !errors.Is(err, store.ErrNoFreePort) {
			t.Errorf("ClaimPort on a full device: %v, want ErrNoFreePort", err)
		}
		if p, err := tx.ClaimPort("other", 3, "x"); err != nil || p != 1 {
			t.Errorf("ports of another device: %d, %v", p, err)
		}
		tx.ReleasePort("dev", 2)
		if p, err := tx.ClaimPort("dev", 3, "y"); err != nil || p != 2 {
			t.Errorf("after release, ClaimPort = %d, %v; want the freed port 2", p, err)
		}
		if n, _ := tx.PortsInUse("dev"); n != 3 {
			t.Errorf("PortsInUse = %d, want 3", n)
		}
		return nil
	})
}
