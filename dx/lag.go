package dx

import "time"

// A LAG's rules: which connections it admits, when a member may leave, how
// a member takes its place (and the LAG's encryption mode), and what it
// hosts. Each is a method of the LagRecord; what they need beyond the record
// is in LagFacts, which package directconnect loads in one place.

// MaxLagConnections is the most connections a LAG of the given port speed
// bundles: four at 1 or 10 Gbps, two at 100 or 400 Gbps.
func MaxLagConnections(bandwidth string) int {
	switch bandwidth {
	case "100Gbps", "400Gbps":
		return 2
	default:
		return 4
	}
}

// CheckLagSize checks the numberOfConnections of a new LAG.
func CheckLagSize(bandwidth string, n int) error {
	if max := MaxLagConnections(bandwidth); n < 1 || n > max {
		return Errorf("numberOfConnections %d is out of range: a LAG of %s connections has 1 to %d connections", n, bandwidth, max)
	}
	return nil
}

// LagsPerRegion is the user guide's quota of LAGs per account and Region,
// the default of a world's.
const LagsPerRegion = 10

// CheckLagQuota checks that an account with have live LAGs in a Region may
// create one more under a quota of limit.
func CheckLagQuota(account, region string, have, limit int) error {
	if have >= limit {
		return Errorf("Account %s already has %d LAGs in region %s, the quota of LAGs per Region; delete one you no longer use, or ask for a quota increase", account, have, region)
	}
	return nil
}

// CheckLagPorts checks that the device of connection conn, which a new LAG
// is built around, has the free ports its need more members take.
func CheckLagPorts(device, conn string, free, need int) error {
	if free < need {
		return Errorf("Direct Connect endpoint %s of connection %s has %d free port(s); the LAG needs %d more; no LAG was created", device, conn, free, need)
	}
	return nil
}

// LagFacts are what a LAG's rules need beyond its record. A LAG still to
// be created has none.
type LagFacts struct {
	Members    []string // the IDs of its live member connections
	HostedMbps int      // the bandwidth of its live hosted connections
}

// name names the LAG in messages; one still to be created has no ID yet.
func (l *LagRecord) name() string {
	if l.ID == "" {
		return "to be created"
	}
	return l.ID
}

// Admit is the rule for existing connection c joining the LAG: not a member
// already, a dedicated connection or interconnect (not a hosted connection),
// at the LAG's location, of the LAG's bandwidth, on the LAG's device, MACsec
// capable if the LAG is, and with room under the LAG's maximum.
func (l *LagRecord) Admit(c *ConnectionRecord, f LagFacts) error {
	if l.ID != "" && c.LagID == l.ID {
		return Errorf("Connection %s is already a member of LAG %s", c.ID, l.ID)
	}
	return l.admit(c, "connection "+c.ID, false, f)
}

// AdmitNew is the rule for a new connection c joining the LAG: at its
// location and of its bandwidth, with room under its maximum. The new
// connection takes the LAG's device and MACsec capability (Seat); it cannot
// request MACsec (c.MacSecCapable) in a LAG that is not MACsec capable.
func (l *LagRecord) AdmitNew(c *ConnectionRecord, f LagFacts) error {
	return l.admit(c, "the new connection", true, f)
}

func (l *LagRecord) admit(c *ConnectionRecord, what string, isNew bool, f LagFacts) error {
	switch {
	case c.Hosted():
		return Errorf("Connection %s is a hosted connection; only dedicated connections and interconnects can join a LAG", c.ID)
	case c.Location != l.Location:
		return Errorf("LAG %s is at location %s; %s is at %s", l.name(), l.Location, what, c.Location)
	case c.Bandwidth != l.Bandwidth:
		return Errorf("LAG %s bundles %s connections; %s has bandwidth %s", l.name(), l.Bandwidth, what, c.Bandwidth)
	case !isNew && c.Device != l.Device:
		return Errorf("Connection %s terminates on %s, LAG %s on %s; a connection can only join a LAG on the same Direct Connect endpoint", c.ID, c.Device, l.name(), l.Device)
	case isNew && c.MacSecCapable && !l.MacSecCapable:
		return Errorf("LAG %s is not MACsec capable; %s cannot request MACsec in it", l.name(), what)
	case !isNew && l.MacSecCapable && !c.MacSecCapable:
		return Errorf("LAG %s is MACsec capable and connection %s is not; every connection of a MACsec LAG must be", l.name(), c.ID)
	}
	if max := MaxLagConnections(l.Bandwidth); len(f.Members) >= max {
		return Errorf("LAG %s already has %d connections, the most a LAG of %s connections can have", l.name(), len(f.Members), l.Bandwidth)
	}
	return nil
}

// Seat makes c a member of the LAG from at; a MACsec member takes the
// LAG's encryption mode, which the LAG applies to all its members. The
// caller saves both.
func (l *LagRecord) Seat(c *ConnectionRecord, at time.Time) {
	c.LagID = l.ID
	l.Join(c.ID, at)
	if c.MacSecCapable && l.MacSecCapable {
		c.EncryptionMode = l.EncryptionMode
	}
}

// SeatNew seats a new connection, which AdmitNew admitted: it takes the
// LAG's MACsec capability, and so its encryption mode.
func (l *LagRecord) SeatNew(c *ConnectionRecord, at time.Time) {
	c.MacSecCapable = l.MacSecCapable
	l.Seat(c, at)
}

// Unseat ends member c's membership of the LAG at at. The caller saves both.
func (l *LagRecord) Unseat(c *ConnectionRecord, at time.Time) {
	l.Leave(c.ID, at)
	c.LagID = ""
}

// CheckMember refuses a connection that is not a member of the LAG, as
// DisassociateConnectionFromLag does: "Connection does not exist", the
// answer the Terraform AWS provider reads as an association already gone
// (connection_association.go deleteConnectionLAGAssociation). Its
// TestAccDirectConnectConnectionAssociation_disappears disassociates the
// pair out of band and then destroys without refreshing, so it calls
// DisassociateConnectionFromLag for a connection no longer in the LAG,
// and ends cleanly on AWS.
func (l *LagRecord) CheckMember(c *ConnectionRecord) error {
	if c.LagID == l.ID {
		return nil
	}
	if c.LagID != "" {
		return Errorf("Connection does not exist in LAG %s: %s is a member of LAG %s", l.ID, c.ID, c.LagID)
	}
	return Errorf("Connection does not exist in LAG %s: %s is not a member of it", l.ID, c.ID)
}

// Release is the rule for member leaving the LAG, for another LAG or to
// stand alone: the members left are not fewer than its minimumLinks (a last
// member may always leave), and they carry its hosted connections.
func (l *LagRecord) Release(member string, f LagFacts) error {
	if left := len(f.Members) - 1; left > 0 && left < l.MinimumLinks {
		return Errorf("Removing connection %s from LAG %s would leave it %d connection(s), below its minimumLinks of %d; lower minimumLinks with UpdateLag first", member, l.ID, left, l.MinimumLinks)
	}
	return l.ReleaseDeleted(member, f)
}

// ReleaseDeleted is the rule for member leaving the LAG because it is
// deleted: the members left carry the LAG's hosted connections.
func (l *LagRecord) ReleaseDeleted(member string, f LagFacts) error {
	left := 0
	for _, m := range f.Members {
		if m != member {
			left++
		}
	}
	if capacity := Mbps(l.Bandwidth) * left; f.HostedMbps > capacity {
		return Errorf("Connection %s cannot leave LAG %s: its hosted connections use %d Mbps and the %d member(s) left would give %d Mbps of capacity; delete hosted connections first", member, l.ID, f.HostedMbps, left, capacity)
	}
	return nil
}

// Rename names the LAG; a name cannot be empty.
func (l *LagRecord) Rename(name string) error {
	if name == "" {
		return Errorf("lagName must not be empty")
	}
	l.Name = name
	return nil
}

// CheckMinimumLinks checks a LAG's minimumLinks against its member count.
func CheckMinimumLinks(minimumLinks, members int) error {
	if minimumLinks < 0 || minimumLinks > members {
		return Errorf("minimumLinks %d is out of range: it must be between 0 and the LAG's %d member connections", minimumLinks, members)
	}
	return nil
}

// ChangeMinimumLinks sets minimumLinks to n at at: from 0 to the LAG's
// members.
func (l *LagRecord) ChangeMinimumLinks(n, members int, at time.Time) error {
	if err := CheckMinimumLinks(n, members); err != nil {
		return err
	}
	l.SetMinimumLinks(n, at)
	return nil
}

// SetEncryptionMode sets the encryption mode of a MACsec LAG and applies it
// to every member: one member must not differ. The caller saves them.
func (l *LagRecord) SetEncryptionMode(mode string, members []*ConnectionRecord) error {
	if err := CheckEncryptionMode(mode, l.MacSecCapable, "LAG "+l.ID); err != nil {
		return err
	}
	l.EncryptionMode = mode
	for _, m := range members {
		m.EncryptionMode = mode
	}
	return nil
}

// SetEncryptionMode sets the encryption mode of a MACsec connection; a LAG
// member's follows its LAG (LagRecord.SetEncryptionMode).
func (c *ConnectionRecord) SetEncryptionMode(mode string) error {
	if err := CheckEncryptionMode(mode, c.MacSecCapable, "connection "+c.ID); err != nil {
		return err
	}
	if c.LagID != "" {
		return Errorf("Connection %s is a member of LAG %s; set encryptionMode on the LAG with UpdateLag", c.ID, c.LagID)
	}
	c.EncryptionMode = mode
	return nil
}

// HostCapacity is the rule for carving hosted connections out of the LAG:
// only a LAG a Direct Connect Partner created hosts them, within the
// bandwidth of its members. It returns that capacity in Mbps.
func (l *LagRecord) HostCapacity(f LagFacts) (int, error) {
	if !l.AllowsHostedConnections {
		return 0, Errorf("LAG %s is not enabled to host connections; only LAGs created by a Direct Connect Partner are", l.ID)
	}
	return Mbps(l.Bandwidth) * len(f.Members), nil
}

// HostCapacity is the rule for carving hosted connections out of an
// interconnect: not one in a LAG (they go on the LAG), within its bandwidth.
// It returns that capacity in Mbps.
func (c *ConnectionRecord) HostCapacity() (int, error) {
	if c.LagID != "" {
		return 0, Errorf("Interconnect %s is a member of LAG %s; hosted connections go on the LAG", c.ID, c.LagID)
	}
	return Mbps(c.Bandwidth), nil
}

// CheckHostRoom is the rule for a hosted connection of bandwidth on vlan
// joining interconnect or LAG host, of capacity mbps, that hosts hosted: the
// VLAN is free there and the hosted bandwidth stays within capacity.
func CheckHostRoom(host string, mbps int, hosted []*ConnectionRecord, vlan int, bandwidth string) error {
	used := 0
	for _, c := range hosted {
		if c.Vlan == vlan {
			return Errorf("VLAN %d is already in use on %s by hosted connection %s; choose another VLAN", vlan, host, c.ID)
		}
		used += Mbps(c.Bandwidth)
	}
	if used+Mbps(bandwidth) > mbps {
		return Errorf("%s has %d Mbps of capacity, %d Mbps of it allocated; a %s hosted connection does not fit", host, mbps, used, bandwidth)
	}
	return nil
}

// AdoptHosted moves the hosted connections moving, of interconnect from
// that joins the LAG, onto the LAG at at: only a LAG enabled to host
// connections takes them, and none may share a VLAN with the LAG's own
// (staying). The caller saves the moved ones.
func (l *LagRecord) AdoptHosted(from string, moving, staying []*ConnectionRecord, at time.Time) error {
	if len(moving) == 0 {
		return nil
	}
	if !l.AllowsHostedConnections {
		return Errorf("Interconnect %s has hosted connections and LAG %s is not enabled to host connections", from, l.ID)
	}
	for _, m := range moving {
		for _, st := range staying {
			if m.Vlan == st.Vlan {
				return Errorf("Hosted connection %s of %s and %s of LAG %s both use VLAN %d; move one to another VLAN first", m.ID, from, st.ID, l.ID, m.Vlan)
			}
		}
	}
	for _, m := range moving {
		m.PastHosts = append(m.PastHosts, ParentSpan{ID: m.HostedOn, Until: at})
		m.HostedOn, m.HostMacSec, m.Device = l.ID, l.MacSecCapable, l.Device
	}
	return nil
}

// IssueLoa records that the LAG's LOA-CFA was issued at at; a LAG with no
// members has no port to issue one for.
func (l *LagRecord) IssueLoa(members int, at time.Time) error {
	if members == 0 {
		return Errorf("LAG %s has no connections, so there is no port to issue an LOA-CFA for", l.ID)
	}
	l.LoaIssuedAt = at
	return nil
}

// CheckVIFParent is the rule for a connection carrying virtual interfaces:
// not an interconnect (they go on its hosted connections), and not a LAG
// member (they go on the LAG).
func (c *ConnectionRecord) CheckVIFParent() error {
	switch {
	case c.Interconnect:
		return Errorf("%s is an interconnect; virtual interfaces go on the hosted connections allocated on it", c.ID)
	case c.LagID != "":
		return Errorf("Connection %s is a member of LAG %s; create the virtual interface on the LAG", c.ID, c.LagID)
	}
	return nil
}

// CheckPartnerLagVIF is the rule for a virtual interface on a LAG of a
// Direct Connect Partner (partner): it is allocated for the account that
// will use it, never created directly.
func CheckPartnerLagVIF(lag string, partner, allocate bool) error {
	if partner && !allocate {
		return Errorf("LAG %s belongs to a Direct Connect Partner; its virtual interfaces cannot be configured directly: allocate one for the account that will use it with Allocate*VirtualInterface", lag)
	}
	return nil
}

// CheckVIFConfigurable refuses to change virtual interface vif on the LAG
// when the LAG is a partner's (one enabled to host connections).
func (l *LagRecord) CheckVIFConfigurable(vif string) error {
	if l.AllowsHostedConnections {
		return Errorf("Virtual interface %s is on LAG %s of a Direct Connect Partner; interfaces on a partner's LAG cannot be configured directly", vif, l.ID)
	}
	return nil
}
