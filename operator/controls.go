package operator

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// The operator's controls of the simulated world: faults, BGP sessions and
// provisioning. They are served by the admin API, never by an AWS
// operation, and like the operations they either fully happen or change
// nothing.

// Fault is an outage as the admin API shows it.
type Fault struct {
	Target string     `json:"target"`
	Kind   string     `json:"kind"`
	Since  time.Time  `json:"since"`
	Until  *time.Time `json:"until,omitempty"`
}

func faultView(f *dx.FaultRecord) Fault {
	out := Fault{Target: f.Target, Kind: f.TargetKind, Since: f.From}
	if !f.Open() {
		out.Until = &f.Until
	}
	return out
}

// faultTarget resolves what an operator names: a connection or interconnect
// ID, a device's awsDevice or awsDeviceV2, or a location code.
func (s *Controls) faultTarget(tx store.Tx, id string) (target, kind string, err error) {
	if strings.HasPrefix(id, dx.ConnectionPrefix) {
		if _, err := load[dx.ConnectionRecord](tx, store.Connections, id, "connection or interconnect"); err != nil {
			return "", "", err
		}
		return id, dx.FaultConnection, nil
	}
	if d, ok := s.Catalog.DeviceNamed(id); ok {
		return d.AwsDevice, dx.FaultDevice, nil
	}
	if s.Catalog.HasLocation(id) {
		return id, dx.FaultLocation, nil
	}
	return "", "", core.ControlErrorf(http.StatusNotFound, "%q is not a connection or interconnect ID, a device (awsDevice or awsDeviceV2) or a location code of this world", id)
}

// load reads a record of any account, or answers 404 naming what.
func load[T any](tx store.Tx, kind store.Kind, id, what string) (*T, error) {
	v, err := store.Load[T](tx, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, core.ControlErrorf(http.StatusNotFound, "this world has no %s %s", what, id)
	}
	return v, err
}

// openFault is the fault of target that still lasts, if any: its outage,
// or (kind dx.FaultDegraded) its degradation, which a link has beside
// being down or up.
func openFault(tx store.Tx, target, kind string) (*dx.FaultRecord, error) {
	all, err := store.LoadAll[dx.FaultRecord](tx, store.Query{Kind: store.Faults, Parent: target})
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		if f.Open() && (f.TargetKind == dx.FaultDegraded) == (kind == dx.FaultDegraded) {
			return f, nil
		}
	}
	return nil, nil
}

// down starts an outage of target.
func (s *Controls) down(tx *core.Txn, target, kind string) (Fault, error) {
	open, err := openFault(tx, target, kind)
	if err != nil {
		return Fault{}, err
	}
	if open != nil && kind == dx.FaultDegraded {
		return Fault{}, core.ControlErrorf(http.StatusConflict, "connection %s is already degraded (since %s); repair it first", target, open.From.Format(time.RFC3339))
	}
	if open != nil {
		return Fault{}, core.ControlErrorf(http.StatusConflict, "%s %s is already down (since %s); bring it up first", kind, target, open.From.Format(time.RFC3339))
	}
	now := tx.Now
	f := &dx.FaultRecord{Target: target, TargetKind: kind, From: now}
	// Down, up and down again at one simulated instant make distinct rows.
	for n := 1; ; n++ {
		f.ID = fmt.Sprintf("%s@%s#%d", target, now.Format(time.RFC3339Nano), n)
		r, err := store.Encode(store.Row{Kind: store.Faults, ID: f.ID, Parent: target}, f)
		if err != nil {
			return Fault{}, err
		}
		if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
			if err == nil {
				err = core.AddFaults(tx, 1)
			}
			return faultView(f), err
		}
	}
}

// up ends the outage of target.
func (s *Controls) up(tx *core.Txn, target, kind string) (Fault, error) {
	f, err := openFault(tx, target, kind)
	if err != nil {
		return Fault{}, err
	}
	if f == nil && kind == dx.FaultDegraded {
		return Fault{}, core.ControlErrorf(http.StatusConflict, "connection %s is not degraded", target)
	}
	if f == nil {
		return Fault{}, core.ControlErrorf(http.StatusConflict, "%s %s is not down", kind, target)
	}
	f.Until = tx.Now
	return faultView(f), store.Save(tx, store.Row{Kind: store.Faults, ID: f.ID, Parent: target}, f)
}

// LinkDown takes a connection, an interconnect, every port of a device or
// every device of a location down until LinkUp.
func (s *Controls) LinkDown(ctx context.Context, id string) (Fault, error) {
	return s.link(ctx, id, s.down)
}

// LinkUp ends the outage LinkDown started.
func (s *Controls) LinkUp(ctx context.Context, id string) (Fault, error) {
	return s.link(ctx, id, s.up)
}

// Degrade makes a connection's or interconnect's link degraded until
// Repair: it stays up and carries traffic, but counts MAC errors and
// receives less light (CloudWatch's ConnectionErrorCount and
// ConnectionLightLevelRx), as a dirty fibre or a failing optic does.
func (s *Controls) Degrade(ctx context.Context, id string) (Fault, error) {
	return s.degradation(ctx, id, s.down)
}

// Repair ends the degradation Degrade started.
func (s *Controls) Repair(ctx context.Context, id string) (Fault, error) {
	return s.degradation(ctx, id, s.up)
}

func (s *Controls) degradation(ctx context.Context, id string, change func(*core.Txn, string, string) (Fault, error)) (Fault, error) {
	var out Fault
	err := s.Update(ctx, func(tx *core.Txn) error {
		target, kind, err := s.faultTarget(tx, id)
		if err != nil {
			return err
		}
		if kind != dx.FaultConnection {
			return core.ControlErrorf(http.StatusBadRequest, "%q is a %s; only a connection's or interconnect's link (a dxcon- ID) is degraded", id, kind)
		}
		out, err = change(tx, target, dx.FaultDegraded)
		return err
	})
	return out, err
}

func (s *Controls) link(ctx context.Context, id string, change func(*core.Txn, string, string) (Fault, error)) (Fault, error) {
	var out Fault
	err := s.Update(ctx, func(tx *core.Txn) error {
		target, kind, err := s.faultTarget(tx, id)
		if err != nil {
			return err
		}
		out, err = change(tx, target, kind)
		return err
	})
	return out, err
}

// Faults lists the outages, those that last and those that ended.
func (s *Controls) Faults(ctx context.Context) ([]Fault, error) {
	out := []Fault{}
	err := s.View(ctx, func(tx *core.Txn) error {
		all, err := store.LoadAll[dx.FaultRecord](tx, store.Query{Kind: store.Faults})
		for _, f := range all {
			out = append(out, faultView(f))
		}
		return err
	})
	return out, err
}

// SetBGPStatus holds a BGP peer's session down, or lets it come up again.
func (s *Controls) SetBGPStatus(ctx context.Context, peerID, status string) (Fault, error) {
	var change func(*core.Txn, string, string) (Fault, error)
	switch status {
	case sim.BGPDown:
		change = s.down
	case sim.BGPUp:
		change = s.up
	default:
		return Fault{}, core.ControlErrorf(http.StatusBadRequest, "bgpStatus %q is not up or down", status)
	}
	var out Fault
	err := s.Update(ctx, func(tx *core.Txn) error {
		vifs, err := store.LoadAll[dx.VirtualInterfaceRecord](tx, store.Query{Kind: store.VirtualInterfaces, Key: core.BGPPeerKey(peerID)})
		if err != nil {
			return err
		}
		for _, v := range vifs {
			for _, p := range v.LiveBGPPeers() {
				if p.ID == peerID && !v.Deleted() {
					out, err = change(tx, peerID, dx.FaultBGPPeer)
					return err
				}
			}
		}
		return core.ControlErrorf(http.StatusNotFound, "no virtual interface has a BGP peer %q", peerID)
	})
	return out, err
}

// Provisioning actions.
const (
	ProvisioningComplete = "complete"
	ProvisioningStall    = "stall"
)

// ResourceState is a resource and its state, as the admin API shows them.
type ResourceState struct {
	ID    string `json:"id"`
	State string `json:"state"`
}

// Provision completes or stalls the provisioning of a connection,
// interconnect, hosted connection, LAG (each member still provisioning) or
// virtual interface. A stalled resource stays in its stage (for example, the
// cross-connect is never delivered) until completed.
func (s *Controls) Provision(ctx context.Context, id, action string) ([]ResourceState, error) {
	if action != ProvisioningComplete && action != ProvisioningStall {
		return nil, core.ControlErrorf(http.StatusBadRequest, "provisioning action %q is not complete or stall", action)
	}
	var out []ResourceState
	err := s.Update(ctx, func(tx *core.Txn) error {
		switch {
		case strings.HasPrefix(id, dx.VirtualInterfacePrefix):
			v, err := load[dx.VirtualInterfaceRecord](tx, store.VirtualInterfaces, id, "virtual interface")
			if err != nil {
				return err
			}
			state, err := s.dx.VirtualInterfaceState(tx, v)
			if err != nil {
				return err
			}
			if err := stamp(&v.Provisioning, action, "virtual interface "+id, state, tx.Now); err != nil {
				return err
			}
			if err := core.SaveVirtualInterface(tx, v); err != nil {
				return err
			}
			state, err = s.dx.VirtualInterfaceState(tx, v)
			out = append(out, ResourceState{ID: id, State: state})
			return err
		case strings.HasPrefix(id, dx.LagPrefix):
			members, err := directconnect.LagMembers(tx, id)
			if err != nil {
				return err
			}
			if len(members) == 0 {
				return core.ControlErrorf(http.StatusNotFound, "no LAG %s with members", id)
			}
			for _, m := range members {
				st, err := s.dx.ConnectionState(tx, m)
				if err != nil {
					return err
				}
				if !provisioning(st) {
					continue
				}
				if err := s.provisionConnection(tx, m, action, &out); err != nil {
					return err
				}
			}
			if len(out) == 0 {
				return core.ControlErrorf(http.StatusConflict, "no member of LAG %s is still being provisioned", id)
			}
			return nil
		case strings.HasPrefix(id, dx.ConnectionPrefix):
			c, err := load[dx.ConnectionRecord](tx, store.Connections, id, "connection or interconnect")
			if err != nil {
				return err
			}
			return s.provisionConnection(tx, c, action, &out)
		}
		return core.ControlErrorf(http.StatusNotFound, "%q is not a connection, interconnect, LAG or virtual interface ID", id)
	})
	return out, err
}

func (s *Controls) provisionConnection(tx *core.Txn, c *dx.ConnectionRecord, action string, out *[]ResourceState) error {
	state, err := s.dx.ConnectionState(tx, c)
	if err != nil {
		return err
	}
	if err := stamp(&c.Provisioning, action, "connection "+c.ID, state, tx.Now); err != nil {
		return err
	}
	if err := core.SaveConnection(tx, c); err != nil {
		return err
	}
	if state, err = s.dx.ConnectionState(tx, c); err != nil {
		return err
	}
	*out = append(*out, ResourceState{ID: c.ID, State: state})
	return nil
}

// provisioning reports whether a resource in state is still being
// provisioned by AWS: not waiting for its owner, not done.
func provisioning(state string) bool {
	return state == sim.Requested || state == sim.Pending || state == sim.Verifying
}

// stamp records action on a resource in state at now.
func stamp(p *dx.Provisioning, action, what, state string, now time.Time) error {
	switch {
	case state == sim.Ordering || state == sim.Confirming:
		return core.ControlErrorf(http.StatusConflict, "%s is %s: it waits for its owner to confirm it, not for AWS", what, state)
	case !provisioning(state):
		return core.ControlErrorf(http.StatusConflict, "%s is %s; only a resource still being provisioned (requested, pending or verifying) can be completed or stalled", what, state)
	case action == ProvisioningComplete:
		p.CompletedAt = now
	case !p.StalledAt.IsZero():
		return core.ControlErrorf(http.StatusConflict, "%s is already stalled (since %s); complete it to let it go on", what, p.StalledAt.Format(time.RFC3339))
	default:
		p.StalledAt = now
	}
	return nil
}
