package cloudwatch

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Namespace is the one namespace whose metrics dxsim derives.
const Namespace = "AWS/DX"

// Dimension names of AWS/DX.
const (
	dimConnection = "ConnectionId"
	dimLane       = "OpticalLaneNumber"
	dimVif        = "VirtualInterfaceId"
	dimFamily     = "IpAddressFamily"
)

// families are the address families of BGP metrics; a metric's part is
// its index plus one.
var families = []string{"ipv4", "ipv6"}

// What a metric is about.
const (
	onConnection = iota
	onVirtualInterface
)

// metricDef is one metric of AWS/DX, as the Direct Connect user guide
// lists it, and how its value follows from the world.
type metricDef struct {
	name  string
	unit  string
	on    int
	lanes bool // one metric per OpticalLaneNumber (its part)
	bgp   bool // one metric per IpAddressFamily of the interface's BGP peers (its part)
	// port: only connections with an optical port of their own (not
	// hosted connections, which ride their partner's port).
	port   bool
	macsec bool // only MACsec-capable connections
	value  func(r *resource, part int, t time.Time) float64
}

// noLight is the level an optic reads with no light: a cut fibre, a port
// not yet cross-connected, a transmitter switched off.
const noLight = -40.0

var metricDefs = []metricDef{
	{name: "ConnectionState", unit: "None", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return boolValue(r.up(t)) }},
	{name: "ConnectionBpsEgress", unit: "Bits/Second", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(egress, t) }},
	{name: "ConnectionBpsIngress", unit: "Bits/Second", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(ingress, t) }},
	{name: "ConnectionPpsEgress", unit: "Count/Second", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(egress, t) / packetBits(r.id) }},
	{name: "ConnectionPpsIngress", unit: "Count/Second", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(ingress, t) / packetBits(r.id) }},
	{name: "ConnectionErrorCount", unit: "Count", on: onConnection, value: (*resource).errors},
	{name: "ConnectionDiscardsPpsEgress", unit: "Count/Second", on: onConnection, value: func(r *resource, _ int, t time.Time) float64 { return r.discardedBps(t) / packetBits(r.id) }},
	{name: "ConnectionLightLevelTx", unit: "None", on: onConnection, lanes: true, port: true, value: (*resource).lightTx},
	{name: "ConnectionLightLevelRx", unit: "None", on: onConnection, lanes: true, port: true, value: (*resource).lightRx},
	{name: "ConnectionEncryptionState", unit: "None", on: onConnection, macsec: true, value: func(r *resource, _ int, t time.Time) float64 { return boolValue(r.up(t) && r.encrypted(t)) }},
	{name: "VirtualInterfaceBpsEgress", unit: "Bits/Second", on: onVirtualInterface, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(egress, t) }},
	{name: "VirtualInterfaceBpsIngress", unit: "Bits/Second", on: onVirtualInterface, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(ingress, t) }},
	{name: "VirtualInterfacePpsEgress", unit: "Count/Second", on: onVirtualInterface, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(egress, t) / packetBits(r.id) }},
	{name: "VirtualInterfacePpsIngress", unit: "Count/Second", on: onVirtualInterface, value: func(r *resource, _ int, t time.Time) float64 { return r.bps(ingress, t) / packetBits(r.id) }},
	{name: "VirtualInterfaceBgpStatus", unit: "None", on: onVirtualInterface, bgp: true, value: func(r *resource, family int, t time.Time) float64 { return boolValue(r.bgpUp(family, t)) }},
	{name: "VirtualInterfaceBgpPrefixesAccepted", unit: "Count", on: onVirtualInterface, bgp: true, value: func(r *resource, family int, t time.Time) float64 {
		return r.prefixCount(family, t, func(c directconnect.PrefixCounts) int { return c.Accepted })
	}},
	{name: "VirtualInterfaceBgpPrefixesAdvertised", unit: "Count", on: onVirtualInterface, bgp: true, value: func(r *resource, family int, t time.Time) float64 {
		return r.prefixCount(family, t, func(c directconnect.PrefixCounts) int { return c.Advertised })
	}},
}

func metricNamed(name string) *metricDef {
	for i := range metricDefs {
		if metricDefs[i].name == name {
			return &metricDefs[i]
		}
	}
	return nil
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// resource is a connection or virtual interface with what its metrics
// follow from, loaded once; it then tells any metric at any instant
// without touching the store.
type resource struct {
	id       string
	connID   string // its ConnectionId dimension: itself, or a virtual interface's connection or LAG
	vif      bool
	created  time.Time
	hosted   bool
	macsec   bool
	lanes    int
	capacity float64 // bits per second
	state    func(time.Time) string
	faults   []*dx.FaultRecord // degraded link, and device or location down
	traffic  []*dx.TrafficRecord
	keys     []dx.KeyLink
	keyDelay time.Duration
	peers    []dx.BGPPeerRecord // a virtual interface's, past and present
	bgp      func(p *dx.BGPPeerRecord, t time.Time) string
	prefixes map[string]directconnect.PrefixCounts // by family, as now: the route sets are not kept in time
}

// parts are the parts of metric d the resource has: its lanes, the
// address families of its BGP peers, or the one metric.
func (r *resource) parts(d *metricDef) []int {
	switch {
	case d.lanes:
		out := make([]int, r.lanes)
		for i := range out {
			out[i] = i + 1
		}
		return out
	case d.bgp:
		var out []int
		for i, f := range families {
			if slices.ContainsFunc(r.peers, func(p dx.BGPPeerRecord) bool { return p.AddressFamily == f }) {
				out = append(out, i+1)
			}
		}
		return out
	}
	return []int{0}
}

// bgpUp reports whether a BGP session of the family (its part) is up at
// t.
func (r *resource) bgpUp(family int, t time.Time) bool {
	for i := range r.peers {
		p := &r.peers[i]
		if p.AddressFamily == families[family-1] && r.peerAt(p, t) && r.bgp(p, t) == sim.BGPUp {
			return true
		}
	}
	return false
}

// prefixCount is one count of the family's prefixes at t: the current
// route set's while a session of the family is up at t, 0 otherwise.
func (r *resource) prefixCount(family int, t time.Time, count func(directconnect.PrefixCounts) int) float64 {
	if !r.bgpUp(family, t) {
		return 0
	}
	return float64(count(r.prefixes[families[family-1]]))
}

func (r *resource) peerAt(p *dx.BGPPeerRecord, t time.Time) bool {
	return !t.Before(p.CreatedAt) && (p.DeletedAt.IsZero() || t.Before(p.DeletedAt))
}

// exists reports whether the resource reports samples at t: from its
// creation until it is deleted.
func (r *resource) exists(t time.Time) bool {
	switch r.state(t) {
	case "", sim.Deleted, sim.Rejected:
		return false
	}
	return true
}

func (r *resource) up(t time.Time) bool { return r.state(t) == sim.Available }

// override is the operator's traffic override in force at t, if any.
func (r *resource) override(t time.Time) *dx.TrafficRecord {
	for _, o := range r.traffic {
		if o.Covers(t) {
			return o
		}
	}
	return nil
}

// offered is the bit rate offered in direction at t: the override's, or
// the profile's.
func (r *resource) offered(direction string, t time.Time) float64 {
	if o := r.override(t); o != nil {
		if direction == egress {
			return o.EgressBps
		}
		return o.IngressBps
	}
	return profileBps(r.id, r.capacity, direction, t)
}

// bps is the bit rate carried in direction at t: none while down, at most
// the capacity.
func (r *resource) bps(direction string, t time.Time) float64 {
	if !r.up(t) {
		return 0
	}
	return min(r.offered(direction, t), r.capacity)
}

// discardedBps is the egress offered beyond the capacity, dropped.
func (r *resource) discardedBps(t time.Time) float64 {
	if !r.up(t) {
		return 0
	}
	return max(r.offered(egress, t)-r.capacity, 0)
}

// fault is the operator's fault of kind in force at t, if any.
func (r *resource) fault(t time.Time, kinds ...string) bool {
	for _, f := range r.faults {
		if !t.Before(f.From) && (f.Open() || t.Before(f.Until)) {
			for _, k := range kinds {
				if f.TargetKind == k {
					return true
				}
			}
		}
	}
	return false
}

// errors are the MAC errors counted since the previous sample: some on a
// degraded link that passes frames, none otherwise.
func (r *resource) errors(_ int, t time.Time) float64 {
	if !r.up(t) || !r.fault(t, dx.FaultDegraded) {
		return 0
	}
	return float64(20 + int(480*unit(r.id, "errors", strconv.FormatInt(t.Unix(), 10))))
}

// lightTx is the level the AWS side transmits on lane: none while its
// device or location is down (switched off), its optic's level otherwise.
func (r *resource) lightTx(lane int, t time.Time) float64 {
	if r.fault(t, dx.FaultDevice, dx.FaultLocation) {
		return noLight
	}
	return -2 + 3*unit(r.id, "tx", strconv.Itoa(lane))
}

// lightRx is the level the AWS side receives on lane: none while the link
// is not up (a cut fibre, no cross-connect yet, the far end off), 9 dB
// less on a degraded link.
func (r *resource) lightRx(lane int, t time.Time) float64 {
	if !r.up(t) {
		return noLight
	}
	level := -4.5 + 3*unit(r.id, "rx", strconv.Itoa(lane))
	if r.fault(t, dx.FaultDegraded) {
		level -= 9
	}
	return level
}

// encrypted reports whether a MACsec key was in force at t.
func (r *resource) encrypted(t time.Time) bool {
	for _, k := range r.keys {
		if !t.Before(k.AssociatedAt.Add(r.keyDelay)) && (k.DisassociatedAt.IsZero() || t.Before(k.DisassociatedAt)) {
			return true
		}
	}
	return false
}

// has reports whether the resource has metric d.
func (r *resource) has(d *metricDef) bool {
	switch {
	case (d.on == onVirtualInterface) != r.vif:
		return false
	case d.port && r.hosted, d.macsec && !r.macsec:
		return false
	}
	return true
}

// dimensions are the dimensions of part of metric d of the resource.
func (r *resource) dimensions(d *metricDef, lane int) []Dimension {
	if r.vif {
		dims := []Dimension{{Name: dimConnection, Value: r.connID}, {Name: dimVif, Value: r.id}}
		if d.bgp {
			dims = append(dims, Dimension{Name: dimFamily, Value: families[lane-1]})
		}
		return dims
	}
	dims := []Dimension{{Name: dimConnection, Value: r.id}}
	if d.lanes {
		dims = append(dims, Dimension{Name: dimLane, Value: strconv.Itoa(lane)})
	}
	return dims
}

// lanesOf is the number of optical lanes of a port of bandwidth: four for
// 100 and 400 Gbps optics, one below.
func lanesOf(bandwidth string) int {
	if dx.Mbps(bandwidth) >= 100_000 {
		return 4
	}
	return 1
}

// errNoMetric is a metric that names no resource of the caller's: no
// datapoints, as CloudWatch answers for a metric it has no data of.
var errNoMetric = errors.New("no such metric")

// connectionResource loads what connection c's metrics follow from.
func (s *Service) connectionResource(tx *core.Txn, c *dx.ConnectionRecord) (*resource, error) {
	state, err := s.dx.ConnectionStates(tx, c)
	if err != nil {
		return nil, err
	}
	r := &resource{id: c.ID, connID: c.ID, created: c.CreatedAt, hosted: c.Hosted(), macsec: c.MacSecCapable,
		lanes: lanesOf(c.Bandwidth), capacity: float64(dx.Mbps(c.Bandwidth)) * 1e6, state: state,
		keys: append(append([]dx.KeyLink{}, c.MacSecKeys...), c.PastMacSecKeys...), keyDelay: s.Config.Timings.MacSecKey}
	for _, target := range []string{c.ID, c.Device, c.Location} {
		if target == "" {
			continue
		}
		fs, err := store.LoadAll[dx.FaultRecord](tx, store.Query{Kind: store.Faults, Parent: target})
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if f.TargetKind == dx.FaultDegraded || f.TargetKind == dx.FaultDevice || f.TargetKind == dx.FaultLocation {
				r.faults = append(r.faults, f)
			}
		}
	}
	r.traffic, err = store.LoadAll[dx.TrafficRecord](tx, store.Query{Kind: store.Traffic, Parent: c.ID})
	return r, err
}

// vifResource loads what virtual interface v's metrics follow from; its
// capacity is its connection's or LAG's.
func (s *Service) vifResource(tx *core.Txn, v *dx.VirtualInterfaceRecord) (*resource, error) {
	state, err := s.dx.VirtualInterfaceStates(tx, v)
	if err != nil {
		return nil, err
	}
	bgp, err := s.dx.BGPStatuses(tx, v)
	if err != nil {
		return nil, err
	}
	prefixes, err := s.dx.BGPPrefixCounts(tx, v)
	if err != nil {
		return nil, err
	}
	r := &resource{id: v.ID, connID: v.ConnectionID, vif: true, created: v.CreatedAt, state: state, capacity: 1e9, peers: v.BGPPeers, bgp: bgp, prefixes: prefixes}
	if strings.HasPrefix(v.ConnectionID, dx.LagPrefix) {
		l, err := store.Load[dx.LagRecord](tx, store.Lags, v.ConnectionID)
		if err == nil {
			members, _ := tx.Count(store.Query{Kind: store.Connections, Parent: l.ID})
			r.capacity = float64(dx.Mbps(l.Bandwidth)) * 1e6 * float64(max(members, 1))
		}
	} else if c, err := store.Load[dx.ConnectionRecord](tx, store.Connections, v.ConnectionID); err == nil {
		r.capacity = float64(dx.Mbps(c.Bandwidth)) * 1e6
	}
	r.traffic, err = store.LoadAll[dx.TrafficRecord](tx, store.Query{Kind: store.Traffic, Parent: v.ID})
	return r, err
}

// series is one metric of one resource: one part of it.
type series struct {
	res  *resource
	def  *metricDef
	part int
}

// at is the series' sample at t, if it has one: a BGP status only while
// the interface has a peer of the family.
func (s series) at(t time.Time) (float64, bool) {
	if !s.res.exists(t) || s.def.bgp && !slices.ContainsFunc(s.res.peers, func(p dx.BGPPeerRecord) bool {
		return p.AddressFamily == families[s.part-1] && s.res.peerAt(&p, t)
	}) {
		return 0, false
	}
	return s.def.value(s.res, s.part, t), true
}

// findSeries is the series a query names, of the caller's resources:
// errNoMetric if none (another namespace, an unknown metric, dimensions
// that are not the metric's, a resource the caller cannot see).
func (s *Service) findSeries(tx *core.Txn, caller dx.Caller, namespace, name string, dims []Dimension) (series, error) {
	d := metricNamed(name)
	if namespace != Namespace || d == nil {
		return series{}, errNoMetric
	}
	byName := map[string]string{}
	for _, dim := range dims {
		if _, dup := byName[dim.Name]; dup {
			return series{}, errNoMetric
		}
		byName[dim.Name] = dim.Value
	}
	take := func(name string) (string, bool) {
		v, ok := byName[name]
		delete(byName, name)
		return v, ok
	}
	if d.on == onVirtualInterface {
		id, ok := take(dimVif)
		conn, named := take(dimConnection)
		part := 0
		if d.bgp {
			family, given := take(dimFamily)
			part = slices.Index(families, family) + 1
			ok = ok && given && part > 0
		}
		if !ok || len(byName) > 0 {
			return series{}, errNoMetric
		}
		v, err := core.LoadOwned[dx.VirtualInterfaceRecord](tx, store.VirtualInterfaces, id, caller, errNoMetric, nil)
		if err != nil {
			return series{}, err
		}
		if named && conn != v.ConnectionID {
			return series{}, errNoMetric
		}
		r, err := s.vifResource(tx, v)
		return series{res: r, def: d, part: part}, err
	}
	id, ok := take(dimConnection)
	lane := 0
	if d.lanes {
		l, named := take(dimLane)
		n, err := strconv.Atoi(l)
		if !named || err != nil {
			return series{}, errNoMetric
		}
		lane = n
	}
	if !ok || len(byName) > 0 {
		return series{}, errNoMetric
	}
	c, err := core.LoadOwned[dx.ConnectionRecord](tx, store.Connections, id, caller, errNoMetric, nil)
	if errors.Is(err, errNoMetric) && d.name == "ConnectionState" {
		c, err = s.hostingConnection(tx, caller, id)
	}
	if err != nil {
		return series{}, err
	}
	r, err := s.connectionResource(tx, c)
	if err != nil {
		return series{}, err
	}
	if !r.has(d) || d.lanes && (lane < 1 || lane > r.lanes) {
		return series{}, errNoMetric
	}
	return series{res: r, def: d, part: lane}, nil
}

// hostingConnection is connection id if the caller owns a virtual
// interface on it: ConnectionState "is also available in hosted virtual
// interface owner accounts" (the Direct Connect user guide).
func (s *Service) hostingConnection(tx *core.Txn, caller dx.Caller, id string) (*dx.ConnectionRecord, error) {
	n, err := tx.Count(store.Query{Kind: store.VirtualInterfaces, Account: caller.Account, Region: caller.Region, Parent: id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errNoMetric
	}
	return core.LoadIf(tx, store.Connections, id, errNoMetric, func(c *dx.ConnectionRecord) bool { return c.Region == caller.Region })
}
