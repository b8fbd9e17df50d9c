package dx

import "time"

// Fault targets: what an operator can take down in the simulated world.
const (
	FaultConnection = "connection" // a connection or interconnect: its port
	FaultDevice     = "device"     // every port of an AWS device
	FaultLocation   = "location"   // every device of a location
	FaultBGPPeer    = "bgp-peer"   // one BGP session
)

// FaultRecord is one outage an operator caused: Target (a connection or
// interconnect ID, a device's awsDevice, a location code or a BGP peer ID)
// is down from From until Until, zero while the outage lasts. Outages are
// kept after they end, so that timelines and the event log can be derived
// from them.
type FaultRecord struct {
	ID         string    `json:"id"`
	Target     string    `json:"target"`
	TargetKind string    `json:"targetKind"`
	From       time.Time `json:"from"`
	Until      time.Time `json:"until,omitzero"`
}

// Open reports whether the outage still lasts.
func (f *FaultRecord) Open() bool { return f.Until.IsZero() }

// Provisioning is what an operator did to a resource's provisioning: stalled
// it (its next stage never comes) or completed it (ready at once).
type Provisioning struct {
	StalledAt   time.Time `json:"stalledAt,omitzero"`
	CompletedAt time.Time `json:"completedAt,omitzero"`
}
