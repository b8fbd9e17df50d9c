package service

import (
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
)

// Views turn stored records into the model's shapes, deriving every state
// from the records and the simulated time now.

func (s *Service) connectionState(c *dx.ConnectionRecord, now time.Time) string {
	if c.Hosted() {
		return s.cfg.Timings.HostedConnectionState(c.ConfirmedAt, c.DeletedAt, c.Rejected, now)
	}
	return s.cfg.Timings.ConnectionState(c.CreatedAt, c.DeletedAt, now)
}

// connectionView is the wire shape of c; lag is the LAG c belongs to, if any,
// whose MACsec keys apply to it.
func (s *Service) connectionView(c *dx.ConnectionRecord, lag *dx.LagRecord, now time.Time) dx.Connection {
	out := dx.Connection{
		OwnerAccount:    c.Owner,
		ConnectionID:    c.ID,
		ConnectionName:  c.Name,
		ConnectionState: s.connectionState(c, now),
		Region:          c.Region,
		Location:        c.Location,
		Bandwidth:       c.Bandwidth,
		Vlan:            c.Vlan,
		PartnerName:     c.PartnerName,
		LoaIssueTime:    dx.NewEpochTime(c.LoaIssuedAt),
		LagID:           c.LagID,
		Tags:            c.Tags,
		ProviderName:    c.ProviderName,
		MacSecCapable:   c.MacSecCapable,
		BillingMode:     dx.BillingModeOf(c.BillingMode),
	}
	if d, _, ok := s.catalog.Device(c.Device); ok {
		out.AwsDevice, out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDevice, d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
		out.HasLogicalRedundancy = d.HasLogicalRedundancy
	}
	if c.Hosted() {
		out.PartnerInterconnectMacSecCapable = &c.HostMacSec
	}
	if c.MacSecCapable {
		links := c.MacSecKeys
		if lag != nil {
			links = append(append([]dx.KeyLink{}, lag.MacSecKeys...), links...)
		}
		out.EncryptionMode = c.EncryptionMode
		out.MacSecKeys = s.keyViews(links, now)
		out.PortEncryptionStatus = "Encryption Down"
		if out.ConnectionState == sim.Available && inForce(out.MacSecKeys) {
			out.PortEncryptionStatus = "Encryption Up"
		}
	}
	return out
}

// lagView is the wire shape of l with its member connections.
func (s *Service) lagView(l *dx.LagRecord, members []*dx.ConnectionRecord, now time.Time) dx.Lag {
	out := dx.Lag{
		ConnectionsBandwidth:    l.Bandwidth,
		NumberOfConnections:     len(members),
		LagID:                   l.ID,
		OwnerAccount:            l.Owner,
		LagName:                 l.Name,
		Location:                l.Location,
		Region:                  l.Region,
		MinimumLinks:            l.MinimumLinks,
		Connections:             []dx.Connection{},
		AllowsHostedConnections: l.AllowsHostedConnections,
		Tags:                    l.Tags,
		ProviderName:            l.ProviderName,
		MacSecCapable:           l.MacSecCapable,
		BillingMode:             dx.BillingModeOf(l.BillingMode),
	}
	if d, _, ok := s.catalog.Device(l.Device); ok {
		out.AwsDevice, out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDevice, d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
		out.HasLogicalRedundancy = d.HasLogicalRedundancy
	}
	states := make([]string, 0, len(members))
	for _, m := range members {
		v := s.connectionView(m, l, now)
		out.Connections = append(out.Connections, v)
		states = append(states, v.ConnectionState)
	}
	out.LagState = sim.LagState(l.Deleted(), l.MinimumLinks, states)
	if l.MacSecCapable {
		out.EncryptionMode = l.EncryptionMode
		out.MacSecKeys = s.keyViews(l.MacSecKeys, now)
	}
	return out
}

func (s *Service) keyViews(links []dx.KeyLink, now time.Time) []dx.MacSecKey {
	if len(links) == 0 {
		return nil
	}
	out := make([]dx.MacSecKey, len(links))
	for i, k := range links {
		out[i] = dx.MacSecKey{
			SecretARN: k.SecretARN,
			Ckn:       k.Ckn,
			State:     s.cfg.Timings.KeyState(k.AssociatedAt, now),
			StartOn:   k.AssociatedAt.Add(s.cfg.Timings.MacSecKey).UTC().Format(time.RFC3339),
		}
	}
	return out
}

func inForce(keys []dx.MacSecKey) bool {
	for _, k := range keys {
		if k.State == sim.KeyAssociated {
			return true
		}
	}
	return false
}
