package service

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// maxProblems bounds the list of problems an import is refused with.
const maxProblems = 20

// checkReferences checks that every reference between the records of snap
// resolves inside snap, so that an imported world answers every operation:
// LAG members and hosted connections name a LAG or interconnect of the
// export, virtual interfaces a connection or LAG, gateway associations and
// proposals a Direct Connect gateway, MACsec keys a secret, and every held
// port a connection.
func checkReferences(snap store.Snapshot) error {
	rc := newReferenceCheck()
	for _, r := range snap.Rows {
		rc.index(r)
	}
	for _, r := range snap.Rows {
		rc.row(r)
	}
	for _, p := range snap.Ports {
		rc.port(p)
	}
	return rc.err()
}

// referenceCheck checks an export's references in two passes over its
// rows, so that a streamed export is checked without holding it: the first
// pass (index) keeps only IDs and the few links the second (row, port)
// compares against.
type referenceCheck struct {
	ids           map[store.Kind]map[string]bool
	interconnects map[string]bool
	peers         map[string]bool
	lagOf         map[string]string  // connection -> its lagId
	openMember    map[[2]string]bool // {lag, connection} with a current membership
	problems      []string
	n             int
}

func newReferenceCheck() *referenceCheck {
	return &referenceCheck{ids: map[store.Kind]map[string]bool{}, interconnects: map[string]bool{}, peers: map[string]bool{},
		lagOf: map[string]string{}, openMember: map[[2]string]bool{}}
}

func (rc *referenceCheck) index(r store.Row) {
	if rc.ids[r.Kind] == nil {
		rc.ids[r.Kind] = map[string]bool{}
	}
	rc.ids[r.Kind][r.ID] = true
	switch r.Kind {
	case store.Connections:
		var c dx.ConnectionRecord
		if json.Unmarshal(r.Body, &c) == nil && c.Interconnect && !c.Hosted() {
			rc.interconnects[r.ID] = true
		}
		if c.LagID != "" {
			rc.lagOf[r.ID] = c.LagID
		}
	case store.Lags:
		var l dx.LagRecord
		json.Unmarshal(r.Body, &l)
		for _, m := range l.Memberships {
			if m.Until.IsZero() {
				rc.openMember[[2]string{r.ID, m.ConnectionID}] = true
			}
		}
	case store.VirtualInterfaces:
		var v dx.VirtualInterfaceRecord
		json.Unmarshal(r.Body, &v)
		for _, p := range v.BGPPeers {
			rc.peers[p.ID] = true
		}
	}
}

func (rc *referenceCheck) add(format string, args ...any) {
	rc.n++
	if len(rc.problems) < maxProblems {
		rc.problems = append(rc.problems, fmt.Sprintf(format, args...))
	}
}

// row checks the references of one row against the index.
func (rc *referenceCheck) row(r store.Row) {
	ids, interconnects, peers, lagOf, openMember, add := rc.ids, rc.interconnects, rc.peers, rc.lagOf, rc.openMember, rc.add
	connOrLag := func(id string) bool { return ids[store.Connections][id] || ids[store.Lags][id] }
	host := func(id string) bool { return interconnects[id] || ids[store.Lags][id] }
	{
		what := string(r.Kind) + " " + short(r.ID)
		switch r.Kind {
		case store.Connections:
			var c dx.ConnectionRecord
			json.Unmarshal(r.Body, &c) // checkSnapshot decoded it already
			sameKey(r, connectionKey(&c), what, add)
			if c.Hosted() && (c.Interconnect || c.LagID != "") {
				add("%s is hosted and also an interconnect or LAG member; a hosted connection is neither", what)
			}
			if c.LagID != "" && !ids[store.Lags][c.LagID] {
				add("%s is a member of LAG %s, which the export does not hold", what, short(c.LagID))
			} else if c.LagID != "" && !openMember[[2]string{c.LagID, c.ID}] {
				add("%s is a member of LAG %s, whose memberships do not list it", what, short(c.LagID))
			}
			if c.HostedOn != "" && !host(c.HostedOn) {
				add("%s is hosted on %s, which is not an interconnect or LAG of the export", what, short(c.HostedOn))
			}
			for _, p := range c.PastHosts {
				if !host(p.ID) {
					add("%s was hosted on %s, which is not an interconnect or LAG of the export", what, short(p.ID))
				}
			}
			keys(c.MacSecKeys, ids, what, add)
		case store.Lags:
			var l dx.LagRecord
			json.Unmarshal(r.Body, &l)
			sameKey(r, lagKey(&l), what, add)
			for _, m := range l.Memberships {
				if !ids[store.Connections][m.ConnectionID] {
					add("%s lists member %s, which the export does not hold", what, short(m.ConnectionID))
				} else if m.Until.IsZero() && lagOf[m.ConnectionID] != l.ID {
					add("%s lists %s as a current member, but its lagId is %q", what, short(m.ConnectionID), short(lagOf[m.ConnectionID]))
				}
			}
			keys(l.MacSecKeys, ids, what, add)
		case store.VirtualInterfaces:
			var v dx.VirtualInterfaceRecord
			json.Unmarshal(r.Body, &v)
			sameKey(r, vifKey(&v), what, add)
			if !connOrLag(v.ConnectionID) {
				add("%s is on %s, which is not a connection or LAG of the export", what, short(v.ConnectionID))
			}
			for _, p := range v.PastParents {
				if !connOrLag(p.ID) {
					add("%s was on %s, which is not a connection or LAG of the export", what, short(p.ID))
				}
			}
			if v.DirectConnectGatewayID != "" && !ids[store.DirectConnectGateways][v.DirectConnectGatewayID] {
				add("%s attaches to Direct Connect gateway %s, which the export does not hold", what, short(v.DirectConnectGatewayID))
			}
		case store.Secrets:
			var sec dx.SecretRecord
			json.Unmarshal(r.Body, &sec)
			if sec.ARN != r.ID {
				add("%s holds the secret %s", what, short(sec.ARN))
			}
		case store.ResiliencyGroups:
			var g dx.ResiliencyGroupRecord
			json.Unmarshal(r.Body, &g)
			for _, a := range g.Associations {
				if !ids[store.Connections][a.ConnectionID] {
					add("%s holds connection %s, which the export does not hold", what, short(a.ConnectionID))
				}
			}
		case store.Faults:
			var f dx.FaultRecord
			json.Unmarshal(r.Body, &f)
			if r.Parent != f.Target {
				add("%s is keyed under %s but its target is %s", what, short(r.Parent), short(f.Target))
			}
			switch f.TargetKind {
			case dx.FaultConnection:
				if !ids[store.Connections][f.Target] {
					add("%s takes down connection %s, which the export does not hold", what, short(f.Target))
				}
			case dx.FaultBGPPeer:
				if !peers[f.Target] {
					add("%s holds BGP peer %s down, which no virtual interface of the export has", what, short(f.Target))
				}
			case dx.FaultDevice, dx.FaultLocation:
			default:
				add("%s has target kind %q, which is not connection, device, location or bgp-peer", what, short(f.TargetKind))
			}
		case store.GatewayAssociations:
			var a dx.GatewayAssociationRecord
			json.Unmarshal(r.Body, &a)
			if !ids[store.DirectConnectGateways][a.GatewayID] {
				add("%s associates Direct Connect gateway %s, which the export does not hold", what, short(a.GatewayID))
			}
		case store.GatewayProposals:
			var p dx.GatewayProposalRecord
			json.Unmarshal(r.Body, &p)
			if !ids[store.DirectConnectGateways][p.GatewayID] {
				add("%s proposes for Direct Connect gateway %s, which the export does not hold", what, short(p.GatewayID))
			}
		}
		if r.Parent != "" && r.Kind != store.Faults && !parentHeld(ids, r.Parent) { // a fault's target may be a device or location
			add("%s has parent %s, which the export does not hold", what, short(r.Parent))
		}
	}
}

// port checks that a held port's holder is a connection or LAG of the
// export.
func (rc *referenceCheck) port(p store.Port) {
	if !rc.ids[store.Connections][p.Holder] && !rc.ids[store.Lags][p.Holder] {
		rc.add("port %d of %s is held by %s, which is not a connection of the export", p.Port, short(p.Device), short(p.Holder))
	}
}

// err is the problems found, if any, as one refusal.
func (rc *referenceCheck) err() error {
	if rc.n == 0 {
		return nil
	}
	msg := fmt.Sprintf("the export has %d broken references and nothing was imported: %s", rc.n, strings.Join(rc.problems, "; "))
	if rc.n > len(rc.problems) {
		msg += fmt.Sprintf("; and %d more", rc.n-len(rc.problems))
	}
	return fmt.Errorf("%s", msg)
}

// sameKey checks that a row is keyed as its record says: the ID, owner,
// Region and parent the operations find it by.
func sameKey(r, want store.Row, what string, add func(string, ...any)) {
	if r.ID != want.ID || r.Account != want.Account || r.Region != want.Region || r.Parent != want.Parent {
		add("%s is keyed as id %s, account %s, region %s, parent %s, but its record says %s, %s, %s, %s", what,
			short(r.ID), short(r.Account), short(r.Region), short(r.Parent), short(want.ID), short(want.Account), short(want.Region), short(want.Parent))
	}
}

func keys(links []dx.KeyLink, ids map[store.Kind]map[string]bool, what string, add func(string, ...any)) {
	for _, k := range links {
		if !ids[store.Secrets][k.SecretARN] {
			add("%s has MACsec key %s, whose secret the export does not hold", what, short(k.SecretARN))
		}
	}
}

func parentHeld(ids map[store.Kind]map[string]bool, id string) bool {
	for _, m := range ids {
		if m[id] {
			return true
		}
	}
	return false
}

// short quotes at most a short prefix of a value from outside, so that an
// error never echoes a large input.
func short(s string) string {
	if len(s) > 256 {
		s = s[:64] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// CheckImport checks a streamed export as a whole before anything is
// replaced: that every row is a dxsim record held once, every port valid
// and held once, and every reference resolves inside the export (as
// checkReferences). read streams the export from its start and is called
// twice; only IDs and links are kept between the passes, so an export of
// any size is checked in memory proportional to its count of resources.
// It answers how much secret material the export lacks.
func (s *Service) CheckImport(ctx context.Context, read func(row func(store.Row) error, port func(store.Port) error) error) (SecretCounts, error) {
	rc := newReferenceCheck()
	var missing SecretCounts
	held := map[store.Port]bool{}
	err := read(func(r store.Row) error {
		if err := checkRow(r); err != nil {
			return controlErrorf(http.StatusBadRequest, "%s; import only what GET /_dxsim/export wrote", err)
		}
		if rc.ids[r.Kind][r.ID] {
			return controlErrorf(http.StatusBadRequest, "the export holds %s %s twice; import only what GET /_dxsim/export wrote", r.Kind, short(r.ID))
		}
		rc.index(r)
		missing.add(missingSecrets(r))
		return ctx.Err()
	}, func(p store.Port) error {
		if p.Device == "" || p.Port < 1 || p.Holder == "" {
			return controlErrorf(http.StatusBadRequest, "the export holds a port that is not valid (device %q, port %d, holder %q); import only what GET /_dxsim/export wrote", short(p.Device), p.Port, short(p.Holder))
		}
		key := store.Port{Device: p.Device, Port: p.Port}
		if held[key] {
			return controlErrorf(http.StatusBadRequest, "the export holds port %d of %s twice; import only what GET /_dxsim/export wrote", p.Port, short(p.Device))
		}
		held[key] = true
		return nil
	})
	if err != nil {
		return missing, err
	}
	err = read(func(r store.Row) error { rc.row(r); return ctx.Err() }, func(p store.Port) error { rc.port(p); return nil })
	if err != nil {
		return missing, err
	}
	if err := rc.err(); err != nil {
		return missing, controlErrorf(http.StatusBadRequest, "%s", err)
	}
	return missing, nil
}
