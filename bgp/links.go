package bgp

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// Check reports why this process cannot run the Amazon side of BGP
// sessions, or nil if it can: it needs Linux and the right to manage
// network interfaces (CAP_NET_ADMIN), which it proves by making and deleting
// a dummy interface.
func Check() error {
	if runtime.GOOS != "linux" {
		return fmt.Errorf("real BGP sessions need Linux network interfaces; this is %s", runtime.GOOS)
	}
	name := fmt.Sprintf("dxchk%d", os.Getpid()%1000000)
	la := netlink.NewLinkAttrs()
	la.Name = name
	err := netlink.LinkAdd(&netlink.Dummy{LinkAttrs: la})
	switch {
	case errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES):
		return fmt.Errorf("managing network interfaces needs CAP_NET_ADMIN (run dxsim as root, or grant it with setcap cap_net_admin+ep): %w", err)
	case errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOTSUP):
		if _, lerr := netlink.LinkList(); lerr != nil {
			return fmt.Errorf("cannot list network interfaces: %w", lerr)
		}
		return nil // no dummy driver, but netlink works
	case err != nil:
		return fmt.Errorf("cannot create a network interface: %w", err)
	}
	if l, err := netlink.LinkByName(name); err == nil {
		netlink.LinkDel(l)
	}
	return nil
}

func isUp(l netlink.Link) bool { return l.Attrs().Flags&net.FlagUp != 0 }

// carrier reports whether interface name is up with a carrier (its other
// end up, for a veth); one that cannot be read has none.
func carrier(name string) bool {
	l, err := netlink.LinkByName(name)
	return err == nil && l.Attrs().RawFlags&unix.IFF_LOWER_UP != 0
}

// setUp brings l up or down, if it is not already.
func setUp(l netlink.Link, up bool) error {
	switch {
	case up && !isUp(l):
		return netlink.LinkSetUp(l)
	case !up && isUp(l):
		return netlink.LinkSetDown(l)
	}
	return nil
}

// Tagging of a virtual interface's subinterface.
const (
	Tagged   = "802.1Q"
	Untagged = "untagged" // the kernel has no 802.1Q support: a macvlan of the port
)

// ensureVlan makes the 802.1Q subinterface name of parent for vlan, or
// replaces one of that name that is not it. Its MTU is mtu, or the
// parent's when that is smaller (a subinterface cannot exceed it). A kernel
// built without 802.1Q VLANs (CONFIG_VLAN_8021Q) gets an untagged macvlan
// of the port instead, so that sessions still run there.
func ensureVlan(name string, parent netlink.Link, vlan, mtu int) (netlink.Link, string, error) {
	mtu = min(mtu, parent.Attrs().MTU)
	if l, err := netlink.LinkByName(name); err == nil {
		tagging := ""
		switch v := l.(type) {
		case *netlink.Vlan:
			if v.VlanId == vlan && v.ParentIndex == parent.Attrs().Index {
				tagging = Tagged
			}
		case *netlink.Macvlan:
			if v.ParentIndex == parent.Attrs().Index && !vlanSupported() {
				tagging = Untagged
			}
		}
		if tagging != "" {
			if l.Attrs().MTU != mtu {
				netlink.LinkSetMTU(l, mtu)
			}
			return l, tagging, setUp(l, true)
		}
		if err := netlink.LinkDel(l); err != nil {
			return nil, "", fmt.Errorf("replacing %s: %w", name, err)
		}
	}
	la := netlink.NewLinkAttrs()
	la.Name, la.ParentIndex, la.MTU = name, parent.Attrs().Index, mtu
	tagging := Tagged
	var link netlink.Link = &netlink.Vlan{LinkAttrs: la, VlanId: vlan, VlanProtocol: netlink.VLAN_PROTOCOL_8021Q}
	if !vlanSupported() {
		tagging, link = Untagged, &netlink.Macvlan{LinkAttrs: la, Mode: netlink.MACVLAN_MODE_BRIDGE}
	}
	if err := netlink.LinkAdd(link); err != nil {
		return nil, "", fmt.Errorf("creating the %s subinterface %s of VLAN %d on %s: %w", tagging, name, vlan, parent.Attrs().Name, err)
	}
	l, err := netlink.LinkByName(name)
	if err != nil {
		return nil, "", err
	}
	return l, tagging, setUp(l, true)
}

var vlanCheck = sync.OnceValue(func() bool {
	// A VLAN on a throwaway veth pair tells whether the kernel has 802.1Q.
	la := netlink.NewLinkAttrs()
	la.Name = fmt.Sprintf("dxq%d", os.Getpid()%1000000)
	if err := netlink.LinkAdd(&netlink.Veth{LinkAttrs: la, PeerName: la.Name + "p"}); err != nil {
		return true // cannot tell; try 802.1Q and report its error
	}
	defer deleteLink(la.Name)
	parent, err := netlink.LinkByName(la.Name)
	if err != nil {
		return true
	}
	v := netlink.NewLinkAttrs()
	v.Name, v.ParentIndex = la.Name+"v", parent.Attrs().Index
	err = netlink.LinkAdd(&netlink.Vlan{LinkAttrs: v, VlanId: 1})
	return !errors.Is(err, unix.EOPNOTSUPP)
})

// vlanSupported reports whether the kernel makes 802.1Q subinterfaces.
func vlanSupported() bool { return vlanCheck() }

// VLANSupported reports whether this host's kernel makes 802.1Q
// subinterfaces; without, virtual interfaces run untagged.
func VLANSupported() bool { return vlanSupported() }

// ensureAddrs puts exactly the addresses want (CIDRs) on l, besides IPv6
// link-local ones. IPv6 addresses skip duplicate address detection so that
// a session can bind them at once.
func ensureAddrs(l netlink.Link, want []string) error {
	have, err := netlink.AddrList(l, netlink.FAMILY_ALL)
	if err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, w := range want {
		a, err := netlink.ParseAddr(w)
		if err != nil {
			return fmt.Errorf("address %s: %w", w, err)
		}
		wanted[a.IPNet.String()] = true
		found := false
		for _, h := range have {
			found = found || h.IPNet.String() == a.IPNet.String()
		}
		if found {
			continue
		}
		if a.IP.To4() == nil {
			a.Flags |= unix.IFA_F_NODAD
		}
		if err := netlink.AddrAdd(l, a); err != nil {
			return fmt.Errorf("adding %s to %s: %w", w, l.Attrs().Name, err)
		}
	}
	for _, h := range have {
		if wanted[h.IPNet.String()] || h.IP.To4() == nil && h.IP.IsLinkLocalUnicast() {
			continue
		}
		netlink.AddrDel(l, &h)
	}
	return nil
}

// ensureBond makes the active-backup bond name with members as its ports.
func ensureBond(name string, members []netlink.Link) (netlink.Link, error) {
	l, err := netlink.LinkByName(name)
	if err != nil {
		la := netlink.NewLinkAttrs()
		la.Name = name
		b := netlink.NewLinkBond(la)
		b.Mode, b.Miimon = netlink.BOND_MODE_ACTIVE_BACKUP, 100
		if err := netlink.LinkAdd(b); err != nil {
			return nil, fmt.Errorf("creating bond %s: %w", name, err)
		}
		if l, err = netlink.LinkByName(name); err != nil {
			return nil, err
		}
	}
	for _, m := range members {
		if m.Attrs().MasterIndex == l.Attrs().Index {
			continue
		}
		up := isUp(m)
		netlink.LinkSetDown(m) // a port joins a bond only while down
		if err := netlink.LinkSetMasterByIndex(m, l.Attrs().Index); err != nil {
			return nil, fmt.Errorf("adding %s to bond %s: %w", m.Attrs().Name, name, err)
		}
		if up {
			netlink.LinkSetUp(m)
		}
	}
	return l, nil
}

// deleteLink deletes the interface name if it exists.
func deleteLink(name string) {
	if l, err := netlink.LinkByName(name); err == nil {
		netlink.LinkDel(l)
	}
}
