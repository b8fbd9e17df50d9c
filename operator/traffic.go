package operator

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// Traffic overrides: the operator sets the bit rate a connection or
// virtual interface carries, replacing the profile CloudWatch's AWS/DX
// metrics derive (package cloudwatch), to show a saturated or an idle
// link. An override lasts until cleared or replaced; ended overrides are
// kept, so metrics of the past stay what they were.

// maxTrafficBps bounds an override: more than any port carries.
const maxTrafficBps = 1e13

// Traffic is an override as the admin API shows it.
type Traffic struct {
	Target     string     `json:"target"`
	EgressBps  float64    `json:"egressBps"`
	IngressBps float64    `json:"ingressBps"`
	Since      time.Time  `json:"since"`
	Until      *time.Time `json:"until,omitempty"`
}

func trafficView(t *dx.TrafficRecord) Traffic {
	out := Traffic{Target: t.Target, EgressBps: t.EgressBps, IngressBps: t.IngressBps, Since: t.From}
	if !t.Open() {
		out.Until = &t.Until
	}
	return out
}

// trafficTarget checks that id is a connection, interconnect or virtual
// interface of the world.
func trafficTarget(tx store.Tx, id string) error {
	switch {
	case strings.HasPrefix(id, dx.ConnectionPrefix):
		_, err := load[dx.ConnectionRecord](tx, store.Connections, id, "connection or interconnect")
		return err
	case strings.HasPrefix(id, dx.VirtualInterfacePrefix):
		_, err := load[dx.VirtualInterfaceRecord](tx, store.VirtualInterfaces, id, "virtual interface")
		return err
	}
	return core.ControlErrorf(http.StatusNotFound, "%q is not a connection, interconnect or virtual interface ID (dxcon-, dxvif-)", id)
}

// endTraffic ends target's override in force, if any, at now.
func endTraffic(tx *core.Txn, target string) (*dx.TrafficRecord, error) {
	all, err := store.LoadAll[dx.TrafficRecord](tx, store.Query{Kind: store.Traffic, Parent: target})
	if err != nil {
		return nil, err
	}
	for _, t := range all {
		if t.Open() {
			t.Until = tx.Now
			return t, store.Save(tx, store.Row{Kind: store.Traffic, ID: t.ID, Parent: target}, t)
		}
	}
	return nil, nil
}

// SetTraffic makes target carry egressBps out of AWS and ingressBps into
// it from now on (while it is up; never more than its capacity, the excess
// counted as discards), replacing any override in force.
func (s *Controls) SetTraffic(ctx context.Context, target string, egressBps, ingressBps float64) (Traffic, error) {
	for name, v := range map[string]float64{"egressBps": egressBps, "ingressBps": ingressBps} {
		if math.IsNaN(v) || v < 0 || v > maxTrafficBps {
			return Traffic{}, core.ControlErrorf(http.StatusBadRequest, "%s %v is out of range; it is bits per second from 0 to %g", name, v, float64(maxTrafficBps))
		}
	}
	var out Traffic
	err := s.Update(ctx, func(tx *core.Txn) error {
		if err := trafficTarget(tx, target); err != nil {
			return err
		}
		if _, err := endTraffic(tx, target); err != nil {
			return err
		}
		t := &dx.TrafficRecord{Target: target, EgressBps: egressBps, IngressBps: ingressBps, From: tx.Now}
		// Overrides set and replaced at one simulated instant make
		// distinct rows.
		for n := 1; ; n++ {
			t.ID = fmt.Sprintf("%s@%s#%d", target, tx.Now.Format(time.RFC3339Nano), n)
			r, err := store.Encode(store.Row{Kind: store.Traffic, ID: t.ID, Parent: target}, t)
			if err != nil {
				return err
			}
			if err := tx.Insert(r); !errors.Is(err, store.ErrExists) {
				out = trafficView(t)
				return err
			}
		}
	})
	return out, err
}

// ClearTraffic ends target's override: it carries its profile's traffic
// again.
func (s *Controls) ClearTraffic(ctx context.Context, target string) (Traffic, error) {
	var out Traffic
	err := s.Update(ctx, func(tx *core.Txn) error {
		if err := trafficTarget(tx, target); err != nil {
			return err
		}
		t, err := endTraffic(tx, target)
		if err != nil {
			return err
		}
		if t == nil {
			return core.ControlErrorf(http.StatusConflict, "%s has no traffic override in force", target)
		}
		out = trafficView(t)
		return nil
	})
	return out, err
}

// TrafficOverrides lists the overrides, those in force and those that
// ended.
func (s *Controls) TrafficOverrides(ctx context.Context) ([]Traffic, error) {
	out := []Traffic{}
	err := s.View(ctx, func(tx *core.Txn) error {
		out = out[:0]
		return core.Each(tx, store.Query{Kind: store.Traffic}, func(t *dx.TrafficRecord) error {
			out = append(out, trafficView(t))
			return nil
		})
	})
	return out, err
}
