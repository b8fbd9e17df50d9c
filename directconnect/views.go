package directconnect

import (
	"strings"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
)

// Views turn stored records into the model's shapes, deriving every state
// from the records and the simulated time now.

// connectionView is the wire shape of connection n; lag is the LAG it
// belongs to, if any, whose MACsec keys apply to it; router is when the
// customer router was unconfigured, which the keys' states follow.
func (s *Service) connectionView(n *connNode, lag *dx.LagRecord, router sim.UnconfiguredRouter, now time.Time) dx.Connection {
	c := n.rec
	out := dx.Connection{
		OwnerAccount:    c.Owner,
		ConnectionID:    c.ID,
		ConnectionName:  c.Name,
		ConnectionState: n.at(now),
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
	if d, _, ok := s.Catalog.Device(c.Device); ok {
		out.AwsDevice, out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDevice, d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
		out.HasLogicalRedundancy = d.HasLogicalRedundancy
	}
	if c.Hosted() {
		out.PartnerInterconnectMacSecCapable = &c.HostMacSec
		// A hosted connection on a LAG names it (the Terraform provider's
		// hosted_connection.go reads lag_id from it).
		if strings.HasPrefix(c.HostedOn, dx.LagPrefix) {
			out.LagID = c.HostedOn
		}
	}
	if c.MacSecCapable {
		links := c.MacSecKeys
		if lag != nil {
			links = append(append([]dx.KeyLink{}, lag.MacSecKeys...), links...)
		}
		out.EncryptionMode = c.EncryptionMode
		out.MacSecKeys = s.keyViews(links, router, now)
		out.PortEncryptionStatus = "Encryption Down"
		if out.ConnectionState == sim.Available && inForce(out.MacSecKeys) {
			out.PortEncryptionStatus = "Encryption Up"
		}
	}
	return out
}

// lagView is the wire shape of LAG n with its member connections.
func (s *Service) lagView(n *lagNode, router sim.UnconfiguredRouter, now time.Time) dx.Lag {
	l := n.rec
	out := dx.Lag{
		ConnectionsBandwidth:    l.Bandwidth,
		NumberOfConnections:     len(n.members),
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
	if d, _, ok := s.Catalog.Device(l.Device); ok {
		out.AwsDevice, out.AwsDeviceV2, out.AwsLogicalDeviceID = d.AwsDevice, d.AwsDeviceV2, d.AwsLogicalDeviceID
		out.JumboFrameCapable = d.JumboFrameCapable
		out.HasLogicalRedundancy = d.HasLogicalRedundancy
	}
	for _, m := range n.members {
		out.Connections = append(out.Connections, s.connectionView(m, l, router, now))
	}
	out.LagState = n.at(now)
	if l.MacSecCapable {
		out.EncryptionMode = l.EncryptionMode
		out.MacSecKeys = s.keyViews(l.MacSecKeys, router, now)
	}
	return out
}

func (s *Service) keyViews(links []dx.KeyLink, router sim.UnconfiguredRouter, now time.Time) []dx.MacSecKey {
	if len(links) == 0 {
		return nil
	}
	out := make([]dx.MacSecKey, len(links))
	for i, k := range links {
		out[i] = dx.MacSecKey{
			SecretARN: k.SecretARN,
			Ckn:       k.Ckn,
			State:     s.keyState(k, router, now),
			StartOn:   k.AssociatedAt.Add(s.Config.Timings.MacSecKey).UTC().Format(time.RFC3339),
		}
	}
	return out
}

// keyState is the state of key k at t: associating, not associated, while
// the customer router is unconfigured, since no MACsec session with it
// comes up (AWS keeps a key associating while the far end has none).
func (s *Service) keyState(k dx.KeyLink, router sim.UnconfiguredRouter, t time.Time) string {
	st := s.Config.Timings.KeyState(k.AssociatedAt, k.DisassociatedAt, t)
	if st == sim.KeyAssociated && router.At(t) {
		return sim.KeyAssociating
	}
	return st
}

func inForce(keys []dx.MacSecKey) bool {
	for _, k := range keys {
		if k.State == sim.KeyAssociated {
			return true
		}
	}
	return false
}
