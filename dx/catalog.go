package dx

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
)

//go:embed locations.json
var defaultCatalog []byte

// Device is a Direct Connect endpoint (router) at a location. Its ports are
// finite: a connection holds one port for as long as it exists.
type Device struct {
	AwsDevice            string   `json:"awsDevice"`
	AwsDeviceV2          string   `json:"awsDeviceV2"`
	AwsLogicalDeviceID   string   `json:"awsLogicalDeviceId"`
	PortSpeeds           []string `json:"portSpeeds"`
	Ports                int      `json:"ports"`
	HasLogicalRedundancy string   `json:"hasLogicalRedundancy"`
	JumboFrameCapable    bool     `json:"jumboFrameCapable"`
}

// Serves reports whether the device has ports of the given speed.
func (d *Device) Serves(bandwidth string) bool { return slices.Contains(d.PortSpeeds, bandwidth) }

// Site is a location of the catalog with its devices.
type Site struct {
	Location
	Devices []Device `json:"devices"`
}

// OffersMacSec reports whether the location offers MACsec at bandwidth.
func (s *Site) OffersMacSec(bandwidth string) bool {
	return slices.Contains(s.AvailableMacSecPortSpeeds, bandwidth)
}

// CheckMacSecOffered is the rule for requestMACSec on a new connection,
// interconnect or LAG: the location must offer MACsec on its port speed.
func (s *Site) CheckMacSecOffered(bandwidth string) error {
	if !s.OffersMacSec(bandwidth) {
		return Errorf("Location %s does not offer MACsec on %s ports; MACsec port speeds there: %v", s.LocationCode, bandwidth, s.AvailableMacSecPortSpeeds)
	}
	return nil
}

// Catalog is the set of locations and devices of a dxsim world.
type Catalog struct {
	sites   []Site
	byCode  map[string]*Site
	devices map[string]*Device
	siteOf  map[string]*Site
}

// DefaultCatalog returns the built-in catalog.
func DefaultCatalog() *Catalog {
	c, err := ParseCatalog(defaultCatalog)
	if err != nil {
		panic("dx: built-in location catalog is invalid: " + err.Error())
	}
	return c
}

// ReadCatalog reads a catalog in the JSON form of locations.json.
func ReadCatalog(r io.Reader) (*Catalog, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return ParseCatalog(b)
}

// ParseCatalog parses and checks a catalog: unique location codes and device
// names, port speeds that are dedicated connection bandwidths, MACsec only at
// offered speeds, devices that serve only speeds their location offers, every
// offered speed served by some device, positive port counts.
func ParseCatalog(b []byte) (*Catalog, error) {
	var doc struct {
		Locations []Site `json:"locations"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("location catalog: %w", err)
	}
	c := &Catalog{sites: doc.Locations, byCode: map[string]*Site{}, devices: map[string]*Device{}, siteOf: map[string]*Site{}}
	for i := range c.sites {
		s := &c.sites[i]
		if s.LocationCode == "" || s.Region == "" {
			return nil, fmt.Errorf("location catalog: location %d needs locationCode and region", i)
		}
		if _, dup := c.byCode[s.LocationCode]; dup {
			return nil, fmt.Errorf("location catalog: location %s appears twice", s.LocationCode)
		}
		c.byCode[s.LocationCode] = s
		for _, sp := range s.AvailablePortSpeeds {
			if !slices.Contains(DedicatedBandwidths, sp) {
				return nil, fmt.Errorf("location catalog: %s offers port speed %q; port speeds are %v", s.LocationCode, sp, DedicatedBandwidths)
			}
		}
		for _, sp := range s.AvailableMacSecPortSpeeds {
			if !slices.Contains(s.AvailablePortSpeeds, sp) {
				return nil, fmt.Errorf("location catalog: %s offers MACsec at %s but not that port speed", s.LocationCode, sp)
			}
		}
		for j := range s.Devices {
			d := &s.Devices[j]
			if d.AwsDevice == "" || d.Ports <= 0 {
				return nil, fmt.Errorf("location catalog: device %d of %s needs awsDevice and ports > 0", j, s.LocationCode)
			}
			if _, dup := c.devices[d.AwsDevice]; dup {
				return nil, fmt.Errorf("location catalog: device %s appears twice", d.AwsDevice)
			}
			for _, sp := range d.PortSpeeds {
				if !slices.Contains(s.AvailablePortSpeeds, sp) {
					return nil, fmt.Errorf("location catalog: device %s serves %s, which %s does not offer", d.AwsDevice, sp, s.LocationCode)
				}
			}
			if d.AwsDeviceV2 == "" {
				d.AwsDeviceV2 = d.AwsDevice
			}
			if d.AwsLogicalDeviceID == "" {
				d.AwsLogicalDeviceID = d.AwsDeviceV2
			}
			if d.HasLogicalRedundancy == "" {
				d.HasLogicalRedundancy = "unknown"
			}
			c.devices[d.AwsDevice] = d
			c.siteOf[d.AwsDevice] = s
		}
		// An offered speed no device serves would make every request for
		// it fail as "no free port", which misleads.
		for _, sp := range s.AvailablePortSpeeds {
			if !slices.ContainsFunc(s.Devices, func(d Device) bool { return d.Serves(sp) }) {
				return nil, fmt.Errorf("location catalog: %s offers %s but none of its devices serves it", s.LocationCode, sp)
			}
		}
		// Lists the wire shows as lists, never null.
		if s.AvailablePortSpeeds == nil {
			s.AvailablePortSpeeds = []string{}
		}
		if s.AvailableProviders == nil {
			s.AvailableProviders = []string{}
		}
		if s.AvailableMacSecPortSpeeds == nil {
			s.AvailableMacSecPortSpeeds = []string{}
		}
	}
	return c, nil
}

// Site returns the location with the given code in region.
func (c *Catalog) Site(region, code string) (*Site, bool) {
	s, ok := c.byCode[code]
	if !ok || s.Region != region {
		return nil, false
	}
	return s, true
}

// Locations lists the locations of region, ordered by code.
func (c *Catalog) Locations(region string) []Location {
	out := []Location{}
	for _, s := range c.sites {
		if s.Region == region {
			out = append(out, s.Location)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LocationCode < out[j].LocationCode })
	return out
}

// Device returns the device named awsDevice and its location.
func (c *Catalog) Device(awsDevice string) (*Device, *Site, bool) {
	d, ok := c.devices[awsDevice]
	if !ok {
		return nil, nil, false
	}
	return d, c.siteOf[awsDevice], true
}

// DeviceOf returns the device that resource what (e.g. "LAG dxlag-…")
// terminates on.
func (c *Catalog) DeviceOf(what, awsDevice string) (*Device, error) {
	d, _, ok := c.Device(awsDevice)
	if !ok {
		return nil, Errorf("%s is on Direct Connect endpoint %s, which the location catalog no longer has", what, awsDevice)
	}
	return d, nil
}

// DeviceNamed returns the device whose awsDevice or awsDeviceV2 is name.
func (c *Catalog) DeviceNamed(name string) (*Device, bool) {
	if d, ok := c.devices[name]; ok {
		return d, true
	}
	for _, d := range c.devices {
		if d.AwsDeviceV2 == name {
			return d, true
		}
	}
	return nil, false
}

// Regions lists the Regions that have locations, sorted.
func (c *Catalog) Regions() []string {
	var out []string
	for _, s := range c.sites {
		if !slices.Contains(out, s.Region) {
			out = append(out, s.Region)
		}
	}
	sort.Strings(out)
	return out
}

// HasLocation reports whether code is a location of any Region.
func (c *Catalog) HasLocation(code string) bool {
	_, ok := c.byCode[code]
	return ok
}
