package directconnect

import (
	"errors"
	"sort"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// pickDevice chooses the device of site that will terminate n new ports of
// bandwidth: among those with n free ports, the least used, so that an
// account's connections spread over devices as they do at a real location.
func pickDevice(tx store.Tx, site *dx.Site, bandwidth string, n int) (*dx.Device, error) {
	type candidate struct {
		d    *dx.Device
		free int
	}
	var cands []candidate
	for i := range site.Devices {
		d := &site.Devices[i]
		if !d.Serves(bandwidth) {
			continue
		}
		used, err := tx.PortsInUse(d.AwsDevice)
		if err != nil {
			return nil, err
		}
		if d.Ports-used >= n {
			cands = append(cands, candidate{d, d.Ports - used})
		}
	}
	if len(cands) == 0 {
		return nil, dx.Errorf("No Direct Connect endpoint at location %s has %d free %s port(s); try another location or bandwidth", site.LocationCode, n, bandwidth)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].free > cands[j].free })
	return cands[0].d, nil
}

// claimPort takes a port of device for holder.
func claimPort(tx store.Tx, d *dx.Device, holder string) (int, error) {
	p, err := tx.ClaimPort(d.AwsDevice, d.Ports, holder)
	if errors.Is(err, store.ErrNoFreePort) {
		return 0, dx.Errorf("Direct Connect endpoint %s has no free port; no connection was created", d.AwsDevice)
	}
	return p, err
}

// checkQuota checks that account may add n dedicated connections (or
// interconnects) at the location. The same limit applies to each.
func (s *Service) checkQuota(tx store.Tx, caller dx.Caller, location string, n int, interconnects bool) error {
	have, err := tx.Count(store.Query{Kind: store.Connections, Key: core.QuotaKey(caller.Account, caller.Region, location, interconnects)})
	if err != nil {
		return err
	}
	if limit := s.Config.ConnectionsPerLocation; have+n > limit {
		what := "dedicated connections"
		if interconnects {
			what = "interconnects"
		}
		return dx.Errorf("Account %s has %d %s at location %s; %d more would exceed the limit of %d per location", caller.Account, have, what, location, n, limit)
	}
	return nil
}
