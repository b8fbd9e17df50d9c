package operator

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/store"
)

// maxProblems bounds the list of problems an import is refused with.
const maxProblems = 20

// checkReferences checks that every reference between the records of snap
// resolves inside snap, so that an imported world answers every operation:
// LAG members and hosted connections name a LAG or interconnect of the
// export, virtual interfaces a connection or LAG, gateway associations and
// proposals a Direct Connect gateway, MACsec keys a secret, and every held
// port a connection. A deleted record, and the past hosts and parents a
// record moved away from, may name what was purged since (core.Purge):
// those references are not checked.
func checkReferences(snap store.Snapshot) error {
	ix := newMapIndex()
	for _, r := range snap.Rows {
		ix.index(r)
	}
	rc := &referenceCheck{ix: ix}
	for _, r := range snap.Rows {
		rc.row(r)
	}
	for _, p := range snap.Ports {
		rc.port(p)
	}
	return rc.err()
}

// referenceCheck checks an export's references, row by row, against an
// index of what the export holds: a snapshot's, built in memory by a first
// pass (mapIndex), or, for a streamed import, the store the rows were just
// loaded into, inside the import's transaction (storeIndex), so that an
// export of any size is checked without holding its IDs.
type referenceCheck struct {
	ix       heldIndex
	problems []string
	n        int
}

// heldIndex answers what an export holds.
type heldIndex interface {
	has(kind store.Kind, id string) bool
	anyKind(id string) bool                          // a row of any kind has the ID
	interconnect(id string) bool                     // a connection that is an interconnect, not hosted
	peer(id string) bool                             // a virtual interface has the BGP peer
	lagOf(connection string) (lag string, held bool) // the connection's lagId, if the export holds it
	openMember(lag, connection string) bool          // lag lists a current membership of connection
}

// mapIndex is a heldIndex in memory, of the rows passed to index.
type mapIndex struct {
	ids           map[store.Kind]map[string]bool
	interconnects map[string]bool
	peers         map[string]bool
	lagOfs        map[string]string  // connection -> its lagId
	openMembers   map[[2]string]bool // {lag, connection} with a current membership
}

func newMapIndex() *mapIndex {
	return &mapIndex{ids: map[store.Kind]map[string]bool{}, interconnects: map[string]bool{}, peers: map[string]bool{},
		lagOfs: map[string]string{}, openMembers: map[[2]string]bool{}}
}

func (m *mapIndex) has(kind store.Kind, id string) bool { return m.ids[kind][id] }
func (m *mapIndex) anyKind(id string) bool {
	for _, ids := range m.ids {
		if ids[id] {
			return true
		}
	}
	return false
}
func (m *mapIndex) interconnect(id string) bool { return m.interconnects[id] }
func (m *mapIndex) peer(id string) bool         { return m.peers[id] }
func (m *mapIndex) lagOf(connection string) (string, bool) {
	return m.lagOfs[connection], m.ids[store.Connections][connection]
}
func (m *mapIndex) openMember(lag, connection string) bool {
	return m.openMembers[[2]string{lag, connection}]
}

func (m *mapIndex) index(r store.Row) {
	if m.ids[r.Kind] == nil {
		m.ids[r.Kind] = map[string]bool{}
	}
	m.ids[r.Kind][r.ID] = true
	switch r.Kind {
	case store.Connections:
		var c dx.ConnectionRecord
		if json.Unmarshal(r.Body, &c) == nil && c.Interconnect && !c.Hosted() {
			m.interconnects[r.ID] = true
		}
		if c.LagID != "" {
			m.lagOfs[r.ID] = c.LagID
		}
	case store.Lags:
		var l dx.LagRecord
		json.Unmarshal(r.Body, &l)
		for _, mb := range l.Memberships {
			if mb.Until.IsZero() {
				m.openMembers[[2]string{r.ID, mb.ConnectionID}] = true
			}
		}
	case store.VirtualInterfaces:
		var v dx.VirtualInterfaceRecord
		json.Unmarshal(r.Body, &v)
		for _, p := range v.BGPPeers {
			m.peers[p.ID] = true
		}
	}
}

// storeIndex is a heldIndex of the rows of a transaction, found by their
// indexes. A lookup that fails keeps its error in err and answers false.
type storeIndex struct {
	tx  store.Tx
	err error
}

func (x *storeIndex) note(err error) bool {
	if err != nil && !errors.Is(err, store.ErrNotFound) && x.err == nil {
		x.err = err
	}
	return err == nil
}

func (x *storeIndex) has(kind store.Kind, id string) bool {
	_, err := x.tx.Get(kind, id)
	return x.note(err)
}

func (x *storeIndex) anyKind(id string) bool {
	for _, kind := range store.ResourceKinds {
		if x.has(kind, id) {
			return true
		}
	}
	return false
}

func (x *storeIndex) connection(id string) *dx.ConnectionRecord {
	c, err := store.Load[dx.ConnectionRecord](x.tx, store.Connections, id)
	if !x.note(err) {
		return nil
	}
	return c
}

func (x *storeIndex) interconnect(id string) bool {
	c := x.connection(id)
	return c != nil && c.Interconnect && !c.Hosted()
}

func (x *storeIndex) peer(id string) bool {
	rows, err := x.tx.ListBodies(store.Query{Kind: store.VirtualInterfaces, Key: core.BGPPeerKey(id), Limit: 1})
	return x.note(err) && len(rows) > 0
}

func (x *storeIndex) lagOf(connection string) (string, bool) {
	if c := x.connection(connection); c != nil {
		return c.LagID, true
	}
	return "", false
}

func (x *storeIndex) openMember(lag, connection string) bool {
	l, err := store.Load[dx.LagRecord](x.tx, store.Lags, lag)
	if !x.note(err) {
		return false
	}
	return slices.ContainsFunc(l.Memberships, func(m dx.LagMembership) bool { return m.Until.IsZero() && m.ConnectionID == connection })
}

func (rc *referenceCheck) add(format string, args ...any) {
	rc.n++
	if len(rc.problems) < maxProblems {
		rc.problems = append(rc.problems, fmt.Sprintf(format, args...))
	}
}

// row checks the references of one row against the index: those its kind
// has, then its parent, unless that may have been purged.
func (rc *referenceCheck) row(r store.Row) {
	what := string(r.Kind) + " " + short(r.ID)
	live := true // the row's parent is live: it must be held
	switch r.Kind {
	case store.Connections:
		live = rc.connection(r, what)
	case store.Lags:
		rc.lag(r, what)
	case store.VirtualInterfaces:
		live = rc.virtualInterface(r, what)
	case store.VpnGateways:
		// Its parent is the VPC it was last attached to, which may have
		// been deleted, and purged, since it was detached.
		var g ec2.VpnGatewayRecord
		json.Unmarshal(r.Body, &g)
		_, live = g.Attachment()
	case store.Secrets:
		rc.secret(r, what)
	case store.ResiliencyGroups:
		rc.resiliencyGroup(r, what)
	case store.Faults:
		rc.fault(r, what)
	case store.GatewayAssociations:
		rc.gatewayAssociation(r, what)
	case store.GatewayProposals:
		rc.gatewayProposal(r, what)
	}
	// A fault's target may be a device or location; a traffic override's
	// resource may have been purged since.
	if r.Parent != "" && live && r.Kind != store.Faults && r.Kind != store.Traffic && !rc.ix.anyKind(r.Parent) {
		rc.add("%s has parent %s, which the export does not hold", what, short(r.Parent))
	}
}

// connOrLag reports whether id is a connection or LAG of the export: what
// a virtual interface may be on.
func (rc *referenceCheck) connOrLag(id string) bool {
	return rc.ix.has(store.Connections, id) || rc.ix.has(store.Lags, id)
}

// host reports whether id is an interconnect or LAG of the export: what a
// hosted connection may be hosted on.
func (rc *referenceCheck) host(id string) bool {
	return rc.ix.interconnect(id) || rc.ix.has(store.Lags, id)
}

// connection checks a connection's key, its LAG membership (which the LAG
// must list back) and, unless it is deleted, its host and MACsec keys.
func (rc *referenceCheck) connection(r store.Row, what string) (live bool) {
	ix, add := rc.ix, rc.add
	var c dx.ConnectionRecord
	json.Unmarshal(r.Body, &c) // checkSnapshot decoded it already
	sameKey(r, core.ConnectionRow(&c), what, add)
	if c.Hosted() && (c.Interconnect || c.LagID != "") {
		add("%s is hosted and also an interconnect or LAG member; a hosted connection is neither", what)
	}
	if c.LagID != "" && !ix.has(store.Lags, c.LagID) {
		add("%s is a member of LAG %s, which the export does not hold", what, short(c.LagID))
	} else if c.LagID != "" && !ix.openMember(c.LagID, c.ID) {
		add("%s is a member of LAG %s, whose memberships do not list it", what, short(c.LagID))
	}
	if c.HostedOn != "" && !c.Deleted() && !rc.host(c.HostedOn) {
		add("%s is hosted on %s, which is not an interconnect or LAG of the export", what, short(c.HostedOn))
	}
	if !c.Deleted() { // the secret of a deleted one's key may be deleted
		keys(c.MacSecKeys, ix, what, add)
	}
	return !c.Deleted()
}

// lag checks a LAG's key, that each member is held and each current member
// names the LAG back, and, unless it is deleted, its MACsec keys.
func (rc *referenceCheck) lag(r store.Row, what string) {
	ix, add := rc.ix, rc.add
	var l dx.LagRecord
	json.Unmarshal(r.Body, &l)
	sameKey(r, core.LagRow(&l), what, add)
	for _, m := range l.Memberships {
		// One lookup of the member tells both.
		if lag, held := ix.lagOf(m.ConnectionID); !held {
			add("%s lists member %s, which the export does not hold", what, short(m.ConnectionID))
		} else if m.Until.IsZero() && lag != l.ID {
			add("%s lists %s as a current member, but its lagId is %q", what, short(m.ConnectionID), short(lag))
		}
	}
	if !l.Deleted() {
		keys(l.MacSecKeys, ix, what, add)
	}
}

// virtualInterface checks a virtual interface's key and, unless it is
// deleted, its connection or LAG and its Direct Connect gateway.
func (rc *referenceCheck) virtualInterface(r store.Row, what string) (live bool) {
	ix, add := rc.ix, rc.add
	var v dx.VirtualInterfaceRecord
	json.Unmarshal(r.Body, &v)
	sameKey(r, core.VifRow(&v), what, add)
	if v.Deleted() {
		return false
	}
	if !rc.connOrLag(v.ConnectionID) {
		add("%s is on %s, which is not a connection or LAG of the export", what, short(v.ConnectionID))
	}
	if v.DirectConnectGatewayID != "" && !ix.has(store.DirectConnectGateways, v.DirectConnectGatewayID) {
		add("%s attaches to Direct Connect gateway %s, which the export does not hold", what, short(v.DirectConnectGatewayID))
	}
	return true
}

// secret checks that a secret is keyed by its own ARN, which MACsec keys
// find it by.
func (rc *referenceCheck) secret(r store.Row, what string) {
	var sec secretsmanager.SecretRecord
	json.Unmarshal(r.Body, &sec)
	if sec.ARN != r.ID {
		rc.add("%s holds the secret %s", what, short(sec.ARN))
	}
}

// resiliencyGroup checks that each connection of a resiliency group is
// held.
func (rc *referenceCheck) resiliencyGroup(r store.Row, what string) {
	var g dx.ResiliencyGroupRecord
	json.Unmarshal(r.Body, &g)
	for _, a := range g.Associations {
		if !rc.ix.has(store.Connections, a.ConnectionID) {
			rc.add("%s holds connection %s, which the export does not hold", what, short(a.ConnectionID))
		}
	}
}

// fault checks that a fault is keyed under its target and that a
// connection or BGP peer it targets is held; a device or location is not a
// record, so it is not checked.
func (rc *referenceCheck) fault(r store.Row, what string) {
	ix, add := rc.ix, rc.add
	var f dx.FaultRecord
	json.Unmarshal(r.Body, &f)
	if r.Parent != f.Target {
		add("%s is keyed under %s but its target is %s", what, short(r.Parent), short(f.Target))
	}
	switch f.TargetKind {
	case dx.FaultConnection, dx.FaultDegraded:
		if !ix.has(store.Connections, f.Target) {
			add("%s takes down connection %s, which the export does not hold", what, short(f.Target))
		}
	case dx.FaultBGPPeer:
		if !ix.peer(f.Target) {
			add("%s holds BGP peer %s down, which no virtual interface of the export has", what, short(f.Target))
		}
	case dx.FaultDevice, dx.FaultLocation:
	default:
		add("%s has target kind %q, which is not connection, degraded, device, location or bgp-peer", what, short(f.TargetKind))
	}
}

// gatewayAssociation checks that an association's Direct Connect gateway
// is held.
func (rc *referenceCheck) gatewayAssociation(r store.Row, what string) {
	var a dx.GatewayAssociationRecord
	json.Unmarshal(r.Body, &a)
	if !rc.ix.has(store.DirectConnectGateways, a.GatewayID) {
		rc.add("%s associates Direct Connect gateway %s, which the export does not hold", what, short(a.GatewayID))
	}
}

// gatewayProposal checks that a proposal's Direct Connect gateway is held.
func (rc *referenceCheck) gatewayProposal(r store.Row, what string) {
	var p dx.GatewayProposalRecord
	json.Unmarshal(r.Body, &p)
	if !rc.ix.has(store.DirectConnectGateways, p.GatewayID) {
		rc.add("%s proposes for Direct Connect gateway %s, which the export does not hold", what, short(p.GatewayID))
	}
}

// port checks that a held port's holder is a connection or LAG of the
// export.
func (rc *referenceCheck) port(p store.Port) {
	if !rc.ix.has(store.Connections, p.Holder) && !rc.ix.has(store.Lags, p.Holder) {
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

func keys(links []dx.KeyLink, ix heldIndex, what string, add func(string, ...any)) {
	for _, k := range links {
		if !ix.has(store.Secrets, k.SecretARN) {
			add("%s has MACsec key %s, whose secret the export does not hold", what, short(k.SecretARN))
		}
	}
}

// short quotes at most a short prefix of a value from outside, so that an
// error never echoes a large input.
func short(s string) string {
	if len(s) > 256 {
		s = s[:64] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// CheckImport checks each row and port of a streamed export before
// anything is replaced: that every row is a dxsim record and every port
// valid. It holds nothing between rows; RestoreFrom then finds rows or
// ports held twice and broken references inside its transaction. It
// answers how much secret material the export lacks.
func (s *Controls) CheckImport(ctx context.Context, read func(row func(store.Row) error, port func(store.Port) error) error) (SecretCounts, error) {
	var missing SecretCounts
	err := read(func(r store.Row) error {
		if err := checkRow(r); err != nil {
			return core.ControlErrorf(http.StatusBadRequest, "%s; import only what GET /_dxsim/export wrote", err)
		}
		missing.add(missingSecrets(r))
		return ctx.Err()
	}, func(p store.Port) error {
		if p.Device == "" || p.Port < 1 || p.Holder == "" {
			return core.ControlErrorf(http.StatusBadRequest, "the export holds a port that is not valid (device %q, port %d, holder %q); import only what GET /_dxsim/export wrote", short(p.Device), p.Port, short(p.Holder))
		}
		return nil
	})
	return missing, err
}

// checkLoaded checks the references of a streamed export against the
// rows loaded from it into tx (RestoreFrom), reading the export again.
func checkLoaded(ctx context.Context, tx store.Tx, read func(row func(store.Row) error, port func(store.Port) error) error) error {
	ix := &storeIndex{tx: tx}
	rc := &referenceCheck{ix: ix}
	err := read(func(r store.Row) error { rc.row(r); return cmp.Or(ix.err, ctx.Err()) }, func(p store.Port) error { rc.port(p); return ix.err })
	if err != nil {
		return err
	}
	if err := rc.err(); err != nil {
		return core.ControlErrorf(http.StatusBadRequest, "%s", err)
	}
	return nil
}
