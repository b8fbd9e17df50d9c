package dx

import (
	"fmt"
	"time"
)

// PortOrder is a request for new ports at a location: a dedicated
// connection, an interconnect, or a LAG's connections.
type PortOrder struct {
	Location, Bandwidth string
	ProviderName        string
	Tags                []Tag
	BillingMode         string // "" is pay as you go
	RequestMACSec       bool
	// ForLag marks a LAG's order: of Connections ports, whose new member
	// connections carry MemberTags.
	ForLag      bool
	Connections int
	MemberTags  []Tag
}

// Check is the rule for a new port order: a location of the caller's Region
// in the catalog, a dedicated bandwidth it offers, a LAG size within the
// LAG maximum, valid tags, a billing mode that can be requested, and MACsec
// only where the location offers it. It returns the order's site.
func (o PortOrder) Check(cat *Catalog, region string) (*Site, error) {
	site, ok := cat.Site(region, o.Location)
	if !ok {
		return nil, Errorf("Location %q is not a Direct Connect location in region %s; DescribeLocations lists the locations of the region", o.Location, region)
	}
	if err := CheckDedicatedBandwidth(site, o.Bandwidth); err != nil {
		return nil, err
	}
	if o.ForLag {
		if err := CheckLagSize(o.Bandwidth, o.Connections); err != nil {
			return nil, err
		}
	}
	if err := CheckNewTags(o.Tags); err != nil {
		return nil, err
	}
	if o.ForLag {
		if err := CheckNewTags(o.MemberTags); err != nil {
			return nil, err
		}
	}
	if o.BillingMode != "" {
		if err := CheckRequestBillingMode(o.BillingMode); err != nil {
			return nil, err
		}
	}
	if o.RequestMACSec {
		if err := site.CheckMacSecOffered(o.Bandwidth); err != nil {
			return nil, err
		}
	}
	return site, nil
}

// CheckNewTags checks the tags a create request puts on a new resource.
func CheckNewTags(tags []Tag) error {
	if err := CheckTags(tags); err != nil {
		return err
	}
	_, err := MergeTags(nil, tags)
	return err
}

// NewConnection is the connection record of a port of the order, made for
// caller at at: MACsec capable if it requests MACsec, which starts
// unencrypted. Seating it in a LAG changes both (LagRecord.SeatNew).
func (o PortOrder) NewConnection(caller Caller, name string, at time.Time) *ConnectionRecord {
	c := &ConnectionRecord{
		Owner: caller.Account, Region: caller.Region, Name: name, Location: o.Location, Bandwidth: o.Bandwidth,
		ProviderName: o.ProviderName, MacSecCapable: o.RequestMACSec, Tags: o.Tags, BillingMode: o.BillingMode, CreatedAt: at,
	}
	if c.MacSecCapable {
		c.EncryptionMode = NoEncrypt
	}
	return c
}

// NewLag is the LAG record of a LAG's order, made for caller at at.
func (o PortOrder) NewLag(caller Caller, name string, at time.Time) *LagRecord {
	l := &LagRecord{
		Owner: caller.Account, Region: caller.Region, Name: name, Location: o.Location,
		Bandwidth: o.Bandwidth, ProviderName: o.ProviderName, MacSecCapable: o.RequestMACSec,
		Tags: o.Tags, BillingMode: o.BillingMode, CreatedAt: at,
	}
	if l.MacSecCapable {
		l.EncryptionMode = NoEncrypt
	}
	return l
}

// NewMember is the i-th new member connection (from 1) of LAG l, made by
// a LAG's order: it carries the order's MemberTags and the LAG's billing
// mode.
func (o PortOrder) NewMember(l *LagRecord, i int, at time.Time) *ConnectionRecord {
	c := o.NewConnection(Caller{Account: l.Owner, Region: l.Region}, fmt.Sprintf("Requested Connection %d for Lag %s", i, l.ID), at)
	c.Tags, c.BillingMode, c.Device = o.MemberTags, l.BillingMode, l.Device
	return c
}
