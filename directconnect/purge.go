package directconnect

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// How Direct Connect's deleted records leave the store (core.Purge): each
// when the Describe call that lists it stops showing it, with what hangs on
// it. Ports are freed when a connection is deleted; what remains are the
// outages an operator raised on a connection or BGP peer, a connection's
// place in the history of its owner's LAGs and resiliency groups, and the
// associations and proposals of a Direct Connect gateway. Past hosts and
// parents named in the history of other accounts' hosted connections and
// virtual interfaces are not looked for: that history is derived without
// them (world.parent).

// bgpPeerWhat names a deleted BGP peer, a part of its virtual interface's
// record; its ID is "<virtual interface>/<peer>".
const bgpPeerWhat = "bgp-peer"

// reapers purge Direct Connect's records.
func (s *Service) reapers() []core.Reaper {
	t := s.resiliencyTimings()
	return []core.Reaper{
		core.RecordReaper(store.Connections, func(c *dx.ConnectionRecord) time.Time { return s.DeletedGone(c.DeletedAt) }, removeConnection),
		core.RecordReaper(store.Lags, func(l *dx.LagRecord) time.Time { return s.DeletedGone(l.DeletedAt) }, nil),
		core.RecordReaper(store.VirtualInterfaces, func(v *dx.VirtualInterfaceRecord) time.Time { return s.DeletedGone(v.DeletedAt) },
			func(tx *core.Txn, v *dx.VirtualInterfaceRecord) error {
				for _, p := range v.BGPPeers {
					if err := removeFaults(tx, p.ID); err != nil {
						return err
					}
				}
				return nil
			}),
		s.bgpPeerReaper(),
		core.RecordReaper(store.DirectConnectGateways, s.gatewayGone, removeGateway),
		core.RecordReaper(store.GatewayAssociations, s.associationGone, nil),
		core.RecordReaper(store.GatewayProposals, func(p *dx.GatewayProposalRecord) time.Time { return s.DeletedGone(p.DeletedAt) }, nil),
		core.RecordReaper(store.ResiliencyGroups, t.DeletedAt, nil),
	}
}

// associationGone is when a deleted association stopped being listed: it
// is listed while deleting, and counts as live until disassociated.
func (s *Service) associationGone(a *dx.GatewayAssociationRecord) time.Time {
	if a.DeletedAt.IsZero() {
		return time.Time{}
	}
	return a.DeletedAt.Add(max(s.Config.Timings.Deleting, s.gatewayDelay()))
}

// bgpPeerReaper purges the BGP peers deleted from a virtual interface that
// stays; those of a deleted interface leave with it.
func (s *Service) bgpPeerReaper() core.Reaper {
	return core.Reaper{
		What: bgpPeerWhat,
		Kind: store.VirtualInterfaces,
		Doomed: func(r store.Row) ([]core.Doomed, error) {
			v, err := core.DecodeRecord[dx.VirtualInterfaceRecord](r.Body)
			if err != nil || v.Deleted() {
				return nil, err
			}
			var out []core.Doomed
			for _, p := range v.BGPPeers {
				if !p.DeletedAt.IsZero() {
					out = append(out, core.Doomed{What: bgpPeerWhat, ID: v.ID + "/" + p.ID, Gone: s.DeletedGone(p.DeletedAt)})
				}
			}
			return out, nil
		},
		Reap: func(tx *core.Txn, id string, due func(time.Time) bool) (time.Time, error) {
			vifID, peerID, _ := strings.Cut(id, "/")
			v, err := store.Load[dx.VirtualInterfaceRecord](tx, store.VirtualInterfaces, vifID)
			if errors.Is(err, store.ErrNotFound) {
				return time.Time{}, nil
			}
			if err != nil {
				return time.Time{}, err
			}
			i := slices.IndexFunc(v.BGPPeers, func(p dx.BGPPeerRecord) bool { return p.ID == peerID })
			if i < 0 {
				return time.Time{}, nil
			}
			gone := s.DeletedGone(v.BGPPeers[i].DeletedAt)
			if gone.IsZero() || !due(gone) {
				return gone, nil
			}
			v.BGPPeers = slices.Delete(v.BGPPeers, i, i+1)
			if err := removeFaults(tx, peerID); err != nil {
				return gone, err
			}
			return gone, core.SaveVirtualInterface(tx, v) // without the peer's key
		},
	}
}

// doomPeer records that peer p of virtual interface v was deleted.
func (s *Service) doomPeer(tx store.Tx, v *dx.VirtualInterfaceRecord, p *dx.BGPPeerRecord) error {
	return s.Doom(tx, bgpPeerWhat, v.ID+"/"+p.ID, s.DeletedGone(p.DeletedAt))
}

// removeConnection removes what names connection c but its own row: its
// outages, and its memberships of its owner's LAGs and resiliency groups
// (a connection joins only those of its own account and Region).
func removeConnection(tx *core.Txn, c *dx.ConnectionRecord) error {
	if err := removeFaults(tx, c.ID); err != nil {
		return err
	}
	mine := func(kind store.Kind) store.Query { return store.Query{Kind: kind, Account: c.Owner, Region: c.Region} }
	lags, err := store.LoadAll[dx.LagRecord](tx, mine(store.Lags))
	if err != nil {
		return err
	}
	for _, l := range lags {
		n := len(l.Memberships)
		if l.Memberships = slices.DeleteFunc(l.Memberships, func(m dx.LagMembership) bool { return m.ConnectionID == c.ID }); len(l.Memberships) < n {
			if err := core.SaveLag(tx, l); err != nil {
				return err
			}
		}
	}
	groups, err := store.LoadAll[dx.ResiliencyGroupRecord](tx, mine(store.ResiliencyGroups))
	if err != nil {
		return err
	}
	for _, g := range groups {
		n := len(g.Associations)
		if g.Associations = slices.DeleteFunc(g.Associations, func(a dx.ResiliencyAssociation) bool { return a.ConnectionID == c.ID }); len(g.Associations) < n {
			if err := putResiliencyGroup(tx, g); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeGateway removes the associations and proposals of Direct Connect
// gateway g: it was deleted only once its associations were
// disassociated, and a proposal to it can no longer be accepted.
func removeGateway(tx *core.Txn, g *dx.DirectConnectGatewayRecord) error {
	for _, kind := range []store.Kind{store.GatewayAssociations, store.GatewayProposals} {
		rows, err := tx.ListBodies(store.Query{Kind: kind, Parent: g.ID})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := tx.Delete(kind, r.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeFaults removes the outages an operator raised on target, a
// connection or BGP peer that leaves the store: nothing could end them.
func removeFaults(tx store.Tx, target string) error {
	rows, err := tx.ListBodies(store.Query{Kind: store.Faults, Parent: target})
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := tx.Delete(store.Faults, r.ID); err != nil {
			return err
		}
	}
	return core.AddFaults(tx, -len(rows))
}
