package directconnect

import (
	"errors"
	"sort"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/store"
)

// pick is the device chosen to terminate new ports.
type pick struct {
	*dx.Device
	// full, for a device whose free ports pickDevice did not count, is
	// its answer had it counted fewer than n: a claim of a port that finds
	// none free answers it.
	full error
	n    int
}

// pickDevice chooses the device of site that will terminate n new ports of
// bandwidth: among those with n free ports, the least used, so that an
// account's connections spread over devices as they do at a real location.
// When only one device of the site serves bandwidth there is nothing to
// choose and its ports are not counted: claiming them tells whether it has
// n free (claimPort answers as pickDevice would), and counted counts them
// if an answer must come before the claims.
func pickDevice(tx store.Tx, site *dx.Site, bandwidth string, n int) (pick, error) {
	full := dx.Errorf("No Direct Connect endpoint at location %s has %d free %s port(s); try another location or bandwidth", site.LocationCode, n, bandwidth)
	var serving []*dx.Device
	for i := range site.Devices {
		if d := &site.Devices[i]; d.Serves(bandwidth) {
			serving = append(serving, d)
		}
	}
	if len(serving) == 1 {
		return pick{Device: serving[0], full: full, n: n}, nil
	}
	type candidate struct {
		d    *dx.Device
		free int
	}
	var cands []candidate
	for _, d := range serving {
		used, err := tx.PortsInUse(d.AwsDevice)
		if err != nil {
			return pick{}, err
		}
		if d.Ports-used >= n {
			cands = append(cands, candidate{d, d.Ports - used})
		}
	}
	if len(cands) == 0 {
		return pick{}, full
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].free > cands[j].free })
	return pick{Device: cands[0].d}, nil
}

// counted is pickDevice's answer had it counted p's free ports: nil if it
// did, or if the device has the ports.
func (p pick) counted(tx store.Tx) error {
	if p.full == nil {
		return nil
	}
	used, err := tx.PortsInUse(p.AwsDevice)
	if err != nil {
		return err
	}
	if p.Ports-used < p.n {
		return p.full
	}
	return nil
}

// claimPort takes a port of device p for holder.
func claimPort(tx store.Tx, p pick, holder string) (int, error) {
	port, err := tx.ClaimPort(p.AwsDevice, p.Ports, holder)
	if errors.Is(err, store.ErrNoFreePort) {
		if p.full != nil {
			return 0, p.full
		}
		return 0, dx.Errorf("Direct Connect endpoint %s has no free port; no connection was created", p.AwsDevice)
	}
	return port, err
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
