package cloudwatch

import (
	"hash/fnv"
	"math"
	"strconv"
	"time"
)

// The traffic profile: what a connection or virtual interface carries
// while it is up and no operator overrides it. It is a pure function of the
// resource's ID, its capacity and the instant, so every process derives the
// same numbers and a test can predict them (docs/cloudwatch.md):
//
//	bps(t) = capacity × base × daily(t) × jitter(t)
//	base      = 0.10 + 0.25 × u(id, direction)            (10% to 35% of capacity)
//	daily(t)  = 1 + 0.6 × sin(2π × (hour of day UTC − 9) / 24)   (peak 15:00 UTC, trough 03:00 UTC)
//	jitter(t) = 0.95 + 0.10 × u(id, direction, t in Unix seconds)
//	pps(t)    = bps(t) / (8 × packet), packet = 400 + 800 × u(id, "packet") bytes
//
// where u(...) is the FNV-1a hash of its arguments joined by "|", as a
// number in [0, 1).

// unit is the FNV-1a 64-bit hash of parts joined by "|", in [0, 1).
func unit(parts ...string) float64 {
	h := fnv.New64a()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{'|'})
		}
		h.Write([]byte(p))
	}
	return float64(h.Sum64()>>11) / (1 << 53)
}

// Directions of traffic, from the AWS side.
const (
	egress  = "egress"
	ingress = "ingress"
)

// profileBps is the profile's bit rate of resource id, of capacity bits
// per second, in direction at t.
func profileBps(id string, capacity float64, direction string, t time.Time) float64 {
	base := 0.10 + 0.25*unit(id, direction)
	hour := float64(t.UTC().Hour()) + float64(t.UTC().Minute())/60 + float64(t.UTC().Second())/3600
	daily := 1 + 0.6*math.Sin(2*math.Pi*(hour-9)/24)
	jitter := 0.95 + 0.10*unit(id, direction, strconv.FormatInt(t.Unix(), 10))
	return capacity * base * daily * jitter
}

// packetBits is the mean packet size of resource id's traffic, in bits.
func packetBits(id string) float64 { return 8 * (400 + 800*unit(id, "packet")) }
