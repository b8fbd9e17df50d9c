package directconnect

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// BGP failover test limits, as AWS documents them.
const (
	defaultTestMinutes = 180
	maxTestMinutes     = 4320
)

// Failover test statuses.
const (
	testInProgress = "in-progress"
	testCompleted  = "completed"
)

func newTestID() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(randomInt(256))
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func testView(v *dx.VirtualInterfaceRecord, t dx.FailoverTestRecord, now time.Time) VirtualInterfaceTest {
	end := t.EndsAt
	if !t.StoppedAt.IsZero() {
		end = t.StoppedAt
	}
	status := testCompleted
	if now.Before(end) {
		status = testInProgress
	}
	return VirtualInterfaceTest{
		TestID: t.TestID, VirtualInterfaceID: v.ID, BGPPeers: t.BGPPeers, Status: status, OwnerAccount: v.Owner,
		TestDurationInMinutes: int(t.EndsAt.Sub(t.StartedAt) / time.Minute),
		StartTime:             dx.NewEpochTime(t.StartedAt), EndTime: dx.NewEpochTime(end),
	}
}

// StartBgpFailoverTest brings the named BGP peers (all, if none are named)
// of a virtual interface down for the test's duration.
func (s *Service) StartBgpFailoverTest(ctx context.Context, caller dx.Caller, in *StartBgpFailoverTestInput) (*VirtualInterfaceTestOutput, error) {
	minutes := defaultTestMinutes
	if in.TestDurationInMinutes != nil {
		minutes = *in.TestDurationInMinutes
		if minutes < 1 || minutes > maxTestMinutes {
			return nil, dx.Errorf("testDurationInMinutes %d is out of range; it must be between 1 and %d (72 hours); the default is %d", minutes, maxTestMinutes, defaultTestMinutes)
		}
	}
	var out VirtualInterfaceTestOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := visibleVIF(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		w := s.world(tx)
		now := w.now
		n, err := w.vif(v)
		if err != nil {
			return err
		}
		if t := n.test(now); t != nil {
			return dx.Errorf("Virtual interface %s is already in failover test %s; stop it with StopBgpFailoverTest first", v.ID, t.TestID)
		}
		if st := n.at(now); st != sim.Available {
			return dx.Errorf("Virtual interface %s is %s; a failover test needs an available virtual interface", v.ID, st)
		}
		live := v.LiveBGPPeers()
		peers := in.BGPPeers
		if len(peers) == 0 {
			for _, p := range live {
				peers = append(peers, p.ID)
			}
		}
		for _, id := range peers {
			if !slices.ContainsFunc(live, func(p dx.BGPPeerRecord) bool { return p.ID == id }) {
				return dx.Errorf("BGP peer %s is not a peer of virtual interface %s", id, v.ID)
			}
		}
		t := dx.FailoverTestRecord{TestID: newTestID(), BGPPeers: peers, StartedAt: now, EndsAt: now.Add(time.Duration(minutes) * time.Minute)}
		v.Tests = append(v.Tests, t)
		out.VirtualInterfaceTest = testView(v, t, now)
		return core.SaveVirtualInterface(tx, v)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// StopBgpFailoverTest ends the failover test running on a virtual interface.
func (s *Service) StopBgpFailoverTest(ctx context.Context, caller dx.Caller, in *VirtualInterfaceIDInput) (*VirtualInterfaceTestOutput, error) {
	var out VirtualInterfaceTestOutput
	err := s.Update(ctx, func(tx *core.Txn) error {
		v, err := visibleVIF(tx, caller, in.VirtualInterfaceID)
		if err != nil {
			return err
		}
		now := tx.Now
		t := activeTest(v, now)
		if t == nil {
			return dx.Errorf("Virtual interface %s has no failover test in progress", v.ID)
		}
		t.StoppedAt = now
		out.VirtualInterfaceTest = testView(v, *t, now)
		return core.SaveVirtualInterface(tx, v)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListVirtualInterfaceTestHistory lists the failover tests of the caller's
// virtual interfaces, newest first, filtered as asked.
func (s *Service) ListVirtualInterfaceTestHistory(ctx context.Context, caller dx.Caller, in *ListVirtualInterfaceTestHistoryInput) (*TestHistoryOutput, error) {
	p, err := core.ParsePage(in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &TestHistoryOutput{VirtualInterfaceTestHistory: []VirtualInterfaceTest{}}
	err = s.View(ctx, func(tx *core.Txn) error {
		q := store.Query{Kind: store.VirtualInterfaces, Account: caller.Account, Region: caller.Region}
		vifs, err := store.LoadAll[dx.VirtualInterfaceRecord](tx, q)
		if err != nil {
			return err
		}
		now := tx.Now
		var all []VirtualInterfaceTest
		for _, v := range vifs {
			if in.VirtualInterfaceID != "" && v.ID != in.VirtualInterfaceID {
				continue
			}
			for _, t := range v.Tests {
				tv := testView(v, t, now)
				if in.TestID != "" && tv.TestID != in.TestID || in.Status != "" && tv.Status != in.Status {
					continue
				}
				if len(in.BGPPeers) > 0 && !slices.ContainsFunc(in.BGPPeers, func(id string) bool { return slices.Contains(tv.BGPPeers, id) }) {
					continue
				}
				all = append(all, tv)
			}
		}
		slices.SortFunc(all, func(a, b VirtualInterfaceTest) int {
			if c := b.StartTime.Compare(a.StartTime.Time); c != 0 {
				return c
			}
			return cmp.Compare(a.TestID, b.TestID)
		})
		// Tests live inside their interfaces; the token is an offset.
		start := 0
		if p.After != "" {
			if _, err := fmt.Sscanf(p.After, "%d", &start); err != nil || start < 0 || start > len(all) {
				return dx.Errorf("nextToken is not a token this service returned; pass the nextToken of the previous response unchanged")
			}
		}
		end := len(all)
		if p.Limit > 0 && start+p.Limit < end {
			end = start + p.Limit
			out.NextToken = core.EncodeToken(fmt.Sprint(end))
		}
		out.VirtualInterfaceTestHistory = append(out.VirtualInterfaceTestHistory, all[start:end]...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
