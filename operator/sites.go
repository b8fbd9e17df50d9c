package operator

import (
	"time"

	"context"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// DeviceUse is a device of a location and how many of its ports are held,
// by connections of every account.
type DeviceUse struct {
	AwsDevice   string   `json:"awsDevice"`
	AwsDeviceV2 string   `json:"awsDeviceV2"`
	PortSpeeds  []string `json:"portSpeeds"`
	Ports       int      `json:"ports"`
	PortsInUse  int      `json:"portsInUse"`
}

// SiteUse is a location with the use of its devices.
type SiteUse struct {
	dx.Location
	Devices []DeviceUse `json:"devices"`
}

// Sites lists the locations of region with their devices and port use, for
// the console: the API itself never shows devices' ports.
func (s *Controls) Sites(ctx context.Context, region string) ([]SiteUse, error) {
	out := []SiteUse{}
	err := s.View(ctx, func(tx *core.Txn) error {
		out = out[:0]
		for _, loc := range s.Catalog.Locations(region) {
			site, _ := s.Catalog.Site(region, loc.LocationCode)
			su := SiteUse{Location: loc, Devices: []DeviceUse{}}
			for _, d := range site.Devices {
				n, err := tx.PortsInUse(d.AwsDevice)
				if err != nil {
					return err
				}
				su.Devices = append(su.Devices, DeviceUse{AwsDevice: d.AwsDevice, AwsDeviceV2: d.AwsDeviceV2, PortSpeeds: d.PortSpeeds, Ports: d.Ports, PortsInUse: n})
			}
			out = append(out, su)
		}
		return nil
	})
	return out, err
}

// Regions lists the Regions of the location catalog.
func (s *Controls) Regions(ctx context.Context) ([]string, error) {
	return s.Catalog.Regions(), nil
}

// Now is the world's simulated time.
func (s *Controls) Now() time.Time { return s.Clock.Now() }
