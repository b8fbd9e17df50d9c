package dx

import "time"

// Fault targets: what an operator can take down in the simulated world.
const (
	FaultConnection = "connection" // a connection or interconnect: its port
	FaultDevice     = "device"     // every port of an AWS device
	FaultLocation   = "location"   // every device of a location
	FaultBGPPeer    = "bgp-peer"   // one BGP session
	// FaultDegraded is a connection whose link stays up but passes frames
	// with errors (a dirty or bent fibre, a failing optic): its MAC errors
	// rise and its received light drops, as CloudWatch's AWS/DX metrics
	// show; its state does not change.
	FaultDegraded = "degraded"
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

// TrafficRecord is an operator's override of the traffic a connection or
// virtual interface (Target) carries from From until Until (zero while it
// lasts), in bits per second each way, replacing the profile CloudWatch's
// AWS/DX metrics derive; while the resource is down it carries nothing
// all the same. Overrides are kept after they end, so metrics of the past
// stay what they were.
type TrafficRecord struct {
	ID         string    `json:"id"`
	Target     string    `json:"target"`
	EgressBps  float64   `json:"egressBps"`
	IngressBps float64   `json:"ingressBps"`
	From       time.Time `json:"from"`
	Until      time.Time `json:"until,omitzero"`
}

// Open reports whether the override still lasts.
func (t *TrafficRecord) Open() bool { return t.Until.IsZero() }

// Covers reports whether the override is in force at at.
func (t *TrafficRecord) Covers(at time.Time) bool {
	return !at.Before(t.From) && (t.Until.IsZero() || at.Before(t.Until))
}
