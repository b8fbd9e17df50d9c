package directconnect

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"slices"

	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// newPeer makes a BGP peer for v. Omitted IPv4 addresses are a /30 of
// 169.254.0.0/16 that no other interface on the same parent uses; IPv6
// addresses come from the Amazon pool; an omitted auth key is generated.
func newPeer(siblings []*dx.VirtualInterfaceRecord, v *dx.VirtualInterfaceRecord, asn int64, family, authKey, amazon, customer string, now time.Time) (dx.BGPPeerRecord, error) {
	used := map[string]bool{}
	for _, o := range append(slices.Clone(siblings), v) {
		for _, p := range o.LiveBGPPeers() {
			used[p.AmazonAddress], used[p.CustomerAddress] = true, true
		}
	}
	switch {
	case family == dx.IPv6:
		for {
			amazon, customer = dx.IPv6Pair(randomInt(1 << 24))
			if !used[amazon] {
				break
			}
		}
	case amazon == "":
		start := randomInt(16384)
		for i := range 16384 {
			amazon, customer = dx.LinkLocalPair((start + i) % 16384)
			if !used[amazon] && !used[customer] {
				break
			}
		}
	case used[amazon] || used[customer]:
		return dx.BGPPeerRecord{}, dx.Errorf("Peer address %s or %s is already used by another BGP peer on %s", amazon, customer, v.ConnectionID)
	}
	if authKey == "" {
		authKey = dx.NewAuthKey()
	}
	return dx.BGPPeerRecord{
		ID: dx.NewID(dx.BGPPeerPrefix), Asn: asn, AuthKey: authKey, AddressFamily: family,
		AmazonAddress: amazon, CustomerAddress: customer, CreatedAt: now,
	}, nil
}

func randomInt(n int) int {
	k, _ := rand.Int(rand.Reader, big.NewInt(int64(n)))
	return int(k.Int64())
}

// isPrivateAsn reports whether asn is in a private range.
func isPrivateAsn(asn int64) bool {
	return asn >= 64512 && asn <= 65534 || asn >= 4200000000 && asn <= 4294967294
}

// CreateBGPPeer adds a BGP peer to a virtual interface. A second peer in an
// address family needs a device with logical redundancy.
func (s *Service) CreateBGPPeer(ctx context.Context, caller dx.Caller, in *CreateBGPPeerInput) (*VirtualInterfaceOutput, error) {
	np := in.NewBGPPeer
	asn, err := dx.ResolveAsn(np.Asn, np.AsnLong)
	if err != nil {
		return nil, err
	}
	family, err := dx.CheckAddressFamily(np.AddressFamily)
	if err != nil {
		return nil, err
	}
	if np.AuthKey != "" {
		if err := dx.CheckAuthKey(np.AuthKey); err != nil {
			return nil, err
		}
	}
	v, err := s.changeVIF(ctx, caller, in.VirtualInterfaceID, func(tx *core.Txn, v *dx.VirtualInterfaceRecord) error {
		if err := dx.CheckPeerAddresses(family, np.AmazonAddress, np.CustomerAddress, v.Type == dx.PublicVIF); err != nil {
			return err
		}
		live := v.LiveBGPPeers()
		if v.Type == dx.PublicVIF && !isPrivateAsn(asn) && !slices.ContainsFunc(live, func(p dx.BGPPeerRecord) bool { return p.Asn == asn }) {
			return dx.Errorf("ASN %d is neither private nor on the allow list of public virtual interface %s (the ASNs of its peers)", asn, v.ID)
		}
		sameFamily := 0
		for _, p := range live {
			if p.AddressFamily == family {
				sameFamily++
			}
			if p.Asn == asn && p.CustomerAddress == np.CustomerAddress && np.CustomerAddress != "" {
				return dx.Errorf("Virtual interface %s already has a BGP peer with ASN %d at %s", v.ID, asn, np.CustomerAddress)
			}
		}
		if sameFamily > 0 {
			d, _, _ := s.Catalog.Device(v.Device)
			if d == nil || d.HasLogicalRedundancy != "yes" {
				return dx.Errorf("Virtual interface %s already has an %s BGP peer and its Direct Connect endpoint does not support logical redundancy; a second %s peer is not possible", v.ID, family, family)
			}
			if sameFamily >= 2 {
				return dx.Errorf("Virtual interface %s already has %d %s BGP peers, the most an interface can have", v.ID, sameFamily, family)
			}
		}
		siblings, err := vifsOn(tx, v.ConnectionID)
		if err != nil {
			return err
		}
		peer, err := newPeer(siblings, v, asn, family, np.AuthKey, np.AmazonAddress, np.CustomerAddress, tx.Now)
		if err != nil {
			return err
		}
		v.BGPPeers = append(v.BGPPeers, peer)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceOutput{VirtualInterface: *v}, nil
}

// DeleteBGPPeer deletes a BGP peer, named by its ID or by ASN and customer
// address; the last peer of an interface cannot be deleted.
func (s *Service) DeleteBGPPeer(ctx context.Context, caller dx.Caller, in *DeleteBGPPeerInput) (*VirtualInterfaceOutput, error) {
	var asn int64
	if in.BGPPeerID == "" {
		var err error
		if asn, err = dx.ResolveAsn(in.Asn, in.AsnLong); err != nil {
			return nil, dx.Errorf("Name the BGP peer to delete by bgpPeerId, or by asn (or asnLong) and customerAddress: %s", err.(*dx.Error).Message)
		}
		if in.CustomerAddress == "" {
			return nil, dx.Errorf("Name the BGP peer to delete by bgpPeerId, or by asn (or asnLong) and customerAddress")
		}
	}
	v, err := s.changeVIF(ctx, caller, in.VirtualInterfaceID, func(tx *core.Txn, v *dx.VirtualInterfaceRecord) error {
		named := func(p dx.BGPPeerRecord) bool {
			if in.BGPPeerID != "" {
				return p.ID == in.BGPPeerID
			}
			return p.Asn == asn && p.CustomerAddress == in.CustomerAddress
		}
		i := slices.IndexFunc(v.BGPPeers, func(p dx.BGPPeerRecord) bool { return p.DeletedAt.IsZero() && named(p) })
		if i < 0 && slices.ContainsFunc(v.BGPPeers, named) {
			// Deleting a peer already deleted changes nothing and
			// succeeds, as on AWS: the Terraform provider's tests delete
			// a peer again after it was deleted out of band.
			return nil
		}
		if i < 0 {
			what := in.BGPPeerID
			if what == "" {
				what = fmt.Sprintf("with ASN %d at %s", asn, in.CustomerAddress)
			}
			return dx.Errorf("Virtual interface %s has no BGP peer %s", v.ID, what)
		}
		if len(v.LiveBGPPeers()) == 1 {
			return dx.LastBGPPeer(v.BGPPeers[i].ID, v.ID)
		}
		v.BGPPeers[i].DeletedAt = tx.Now
		return s.doomPeer(tx, v, &v.BGPPeers[i])
	})
	if err != nil {
		return nil, err
	}
	return &VirtualInterfaceOutput{VirtualInterface: *v}, nil
}
