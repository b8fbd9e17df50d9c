package bgp_test

// TestFRRPeersWithDxsim peers a real FRR router with dxsim's Amazon side.
// dxsim runs in a network namespace of its own and FRR in another, joined
// by a veth pair; the test binary re-runs itself inside dxsim's namespace
// so that nothing it does touches the host's interfaces.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/bgp"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/vishvananda/netlink"
)

const (
	childEnv    = "DXSIM_BGP_TEST_NETNS"
	frrDir      = "/usr/lib/frr"
	customerAsn = 65010
	vlan        = 101
	vgw         = "vgw-0123456789abcdef0"
	vpcCidr     = "10.20.0.0/16"
	announced   = "10.99.0.0/24"
)

var ctx = context.Background()

func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func unique() string {
	b := make([]byte, 3)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// TestFRRPeersWithDxsim: the session comes up, routes flow both ways, the
// connection's port going down takes the session down and back up, and
// more than 100 prefixes take it down.
func TestFRRPeersWithDxsim(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		inNamespace(t)
		return
	}
	peerWithFRR(t)
}

// TestFRRPeersOnAPublicInterface: a public interface with an IPv4 and an
// IPv6 session accepts only its route filter's prefixes, and Amazon
// advertises its public prefixes in both families.
func TestFRRPeersOnAPublicInterface(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		inNamespace(t)
		return
	}
	peerPublicWithFRR(t)
}

// inNamespace runs this test again inside a new network namespace.
func inNamespace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: it makes network namespaces, interfaces and runs FRR")
	}
	for _, bin := range []string{frrDir + "/zebra", frrDir + "/staticd", frrDir + "/bgpd", "vtysh"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("FRR is missing (%s): apt-get install frr", bin)
		}
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("iproute2 is missing: apt-get install iproute2")
	}
	ns := "dxsim-" + unique()
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot make a network namespace: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	run(t, "ip", "-n", ns, "link", "set", "lo", "up")
	args := []string{"netns", "exec", ns, os.Args[0], "-test.run=^" + t.Name() + "$", "-test.v", "-test.count=1"}
	if d, ok := t.Deadline(); ok {
		args = append(args, "-test.timeout="+time.Until(d).Round(time.Second).String())
	}
	cmd := exec.Command("ip", args...)
	cmd.Env = append(os.Environ(), childEnv+"="+ns)
	out, err := cmd.CombinedOutput()
	t.Logf("inside network namespace %s:\n%s", ns, out)
	if err != nil {
		t.Fatalf("the test failed inside its network namespace: %v", err)
	}
	if bytes.Contains(out, []byte("--- SKIP")) {
		t.Skip("skipped inside its network namespace")
	}
}

// frr is an FRR router (zebra and bgpd) in network namespace ns, with its
// own configuration, pid and socket files.
type frr struct {
	ns, dir string
}

func startFRR(t *testing.T, ns string) *frr {
	// FRR's daemons run as its user, which must own their directory.
	u, err := user.Lookup("frr")
	if err != nil {
		t.Skipf("FRR's user frr is missing (%v): apt-get install frr", err)
	}
	dir, err := os.MkdirTemp("", "dxsim-frr-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	os.Chown(dir, uid, gid)
	os.Chmod(dir, 0o755)
	r := &frr{ns: ns, dir: dir}
	os.WriteFile(filepath.Join(r.dir, "empty.conf"), nil, 0o644)
	for _, d := range []string{"zebra", "staticd", "bgpd"} {
		args := []string{"netns", "exec", ns, filepath.Join(frrDir, d), "-u", "frr", "-g", "frr", "-A", "127.0.0.1",
			"-f", filepath.Join(r.dir, "empty.conf"), "-i", filepath.Join(r.dir, d+".pid"),
			"-z", filepath.Join(r.dir, "zserv.api"), "--vty_socket", r.dir, "--log", "file:" + filepath.Join(r.dir, d+".log")}
		cmd := exec.Command("ip", args...)
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting FRR %s: %v", d, err)
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
			if t.Failed() {
				log, _ := os.ReadFile(filepath.Join(r.dir, d+".log"))
				t.Logf("FRR %s log:\n%s", d, log)
			}
		})
		eventually(t, 20*time.Second, "FRR "+d+" answers", func() error {
			_, err := os.Stat(filepath.Join(r.dir, d+".vty"))
			return err
		})
	}
	return r
}

// vtysh runs FRR's shell with args.
func (r *frr) vtysh(t *testing.T, args ...string) string {
	t.Helper()
	return run(t, append([]string{"ip", "netns", "exec", r.ns, "vtysh", "--vty_socket", r.dir}, args...)...)
}

// configure runs configuration commands.
func (r *frr) configure(t *testing.T, lines ...string) {
	t.Helper()
	args := []string{"-c", "configure terminal"}
	for _, l := range lines {
		args = append(args, "-c", l)
	}
	r.vtysh(t, args...)
}

// wantNeighbor waits until FRR's session with addr is Established, or is
// not.
func (r *frr) wantNeighbor(t *testing.T, addr string, established bool) {
	t.Helper()
	eventually(t, 60*time.Second, fmt.Sprintf("FRR's session with %s established: %v", addr, established), func() error {
		out := r.vtysh(t, "-c", "show bgp neighbors "+addr+" json")
		var n map[string]struct {
			BgpState string `json:"bgpState"`
		}
		if err := json.Unmarshal([]byte(out), &n); err != nil {
			return fmt.Errorf("show bgp neighbors: %v: %s", err, out)
		}
		if got := n[addr].BgpState == "Established"; got != established {
			return fmt.Errorf("FRR's session is %s", n[addr].BgpState)
		}
		return nil
	})
}

func eventually(t *testing.T, d time.Duration, what string, f func() error) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s: %v", what, d, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func admin(t *testing.T, w *dxsimtest.World, method, path string, body any) []byte {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, w.URL+path, r)
	req.Header.Set("Content-Type", "application/json") // the admin API's rule for state changes
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s: %s", method, path, resp.Status, out)
	}
	return out
}

// lab is dxsim with BGP on in this test's network namespace, a connection
// whose port is a veth, and the router's namespace at the veth's other end.
type lab struct {
	t        *testing.T
	w        *dxsimtest.World
	dc       *directconnect.Client
	conn     string
	port     string
	routerNS string
	router   *frr
}

func newLab(t *testing.T) *lab {
	routerNS := os.Getenv(childEnv) + "-r"
	if out, err := exec.Command("ip", "netns", "add", routerNS).CombinedOutput(); err != nil {
		t.Skipf("cannot make the router's network namespace: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", routerNS).Run() })
	run(t, "ip", "-n", routerNS, "link", "set", "lo", "up")
	port, far := "dxp"+unique(), "dxr"+unique()
	run(t, "ip", "link", "add", port, "type", "veth", "peer", "name", far)
	t.Cleanup(func() { exec.Command("ip", "link", "del", port).Run() })
	run(t, "ip", "link", "set", far, "netns", routerNS)
	run(t, "ip", "-n", routerNS, "link", "set", far, "name", "eth0")
	run(t, "ip", "-n", routerNS, "link", "set", "eth0", "up")
	run(t, "ip", "link", "set", port, "up")

	w := dxsimtest.Start(t, func(c *server.Config) {
		c.BGP = true
		c.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
		c.Service.VirtualGateways = []dx.VirtualGatewayRecord{{ID: vgw, Owner: dxsimtest.Account, Region: dxsimtest.Region, VpcCidrs: []string{vpcCidr}}}
	})
	dc := w.Client()
	conn, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("lab"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: conn.ConnectionId}); err != nil {
		t.Fatal(err)
	}
	w.Provision()
	return &lab{t: t, w: w, dc: dc, conn: *conn.ConnectionId, port: port, routerNS: routerNS}
}

// attach attaches the connection's port and checks that vif has its
// subinterface.
func (l *lab) attach(vif string) {
	l.t.Helper()
	l.t.Logf("attached: %s", admin(l.t, l.w, http.MethodPut, "/_dxsim/ports/"+l.conn, map[string]string{"interface": l.port}))
	if _, err := netlink.LinkByName(vif); err != nil {
		l.t.Fatalf("attaching made no subinterface %s: %v", vif, err)
	}
}

// configure starts FRR with DescribeRouterConfiguration's FRR
// configuration of vif.
func (l *lab) configure(vif string) {
	t := l.t
	cfg, err := l.dc.DescribeRouterConfiguration(ctx, &directconnect.DescribeRouterConfigurationInput{
		VirtualInterfaceId: aws.String(vif), RouterTypeIdentifier: aws.String(dx.FRRRouterTypeIdentifier),
	})
	if err != nil {
		t.Fatal(err)
	}
	// What the configuration's comment asks for, then the configuration as it is.
	text := *cfg.CustomerRouterConfig
	sub := fmt.Sprintf("eth0.%d", vlan)
	if bgp.VLANSupported() {
		run(t, "ip", "-n", l.routerNS, "link", "add", "link", "eth0", "name", sub, "type", "vlan", "id", fmt.Sprint(vlan))
		run(t, "ip", "-n", l.routerNS, "link", "set", sub, "up")
	} else {
		t.Logf("this kernel has no 802.1Q VLANs (CONFIG_VLAN_8021Q): dxsim runs the interface untagged, and so does FRR, on eth0 instead of %s", sub)
		text = strings.ReplaceAll(text, sub, "eth0")
	}
	l.router = startFRR(t, l.routerNS)
	conf := filepath.Join(l.router.dir, "aws.conf")
	os.WriteFile(conf, []byte(text), 0o644)
	l.router.vtysh(t, "-f", conf)
}

// status is the bgpStatus of vif's peers, in order.
func (l *lab) status(vif string) []string {
	out, err := l.dc.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: aws.String(vif)})
	if err != nil || len(out.VirtualInterfaces) != 1 {
		return []string{fmt.Sprintf("no answer: %v", err)}
	}
	var st []string
	for _, p := range out.VirtualInterfaces[0].BgpPeers {
		st = append(st, string(p.BgpStatus))
	}
	return st
}

func (l *lab) wantStatus(vif string, within time.Duration, want ...string) {
	l.t.Helper()
	eventually(l.t, within, fmt.Sprintf("bgpStatus %v", want), func() error {
		if got := l.status(vif); !slices.Equal(got, want) {
			return fmt.Errorf("bgpStatus is %v", got)
		}
		return nil
	})
}

// routeList lists vif's routes in direction.
func (l *lab) routeList(vif, direction string) []types.Route {
	out, err := l.dc.ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{
		VirtualInterfaceId: aws.String(vif), Filters: &types.RouteFilters{RouteDirection: types.RouteDirection(direction)},
	})
	if err != nil {
		l.t.Fatal(err)
	}
	return out.Routes
}

// routes lists the prefixes of vif's routes in direction, sorted.
func (l *lab) routes(vif, direction string) []string {
	var cidrs []string
	for _, r := range l.routeList(vif, direction) {
		cidrs = append(cidrs, aws.ToString(r.Cidr))
	}
	slices.Sort(cidrs)
	return cidrs
}

func peerPublicWithFRR(t *testing.T) {
	l := newLab(t)
	const filter4, filter6, other = "198.51.100.0/24", "2001:db8:1::/48", "192.0.2.0/24"
	vif, err := l.dc.CreatePublicVirtualInterface(ctx, &directconnect.CreatePublicVirtualInterfaceInput{
		ConnectionId: aws.String(l.conn),
		NewPublicVirtualInterface: &types.NewPublicVirtualInterface{
			VirtualInterfaceName: aws.String("public"), Vlan: vlan, Asn: customerAsn,
			AmazonAddress: aws.String("203.0.113.1/30"), CustomerAddress: aws.String("203.0.113.2/30"),
			RouteFilterPrefixes: []types.RouteFilterPrefix{{Cidr: aws.String(filter4)}, {Cidr: aws.String(filter6)}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := *vif.VirtualInterfaceId
	if _, err := l.dc.CreateBGPPeer(ctx, &directconnect.CreateBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId,
		NewBGPPeer: &types.NewBGPPeer{Asn: customerAsn, AddressFamily: types.AddressFamilyIPv6}}); err != nil {
		t.Fatal(err)
	}
	l.w.Provision()
	l.attach(id)
	l.configure(id)
	l.wantStatus(id, 60*time.Second, "up", "up")
	// FRR announces a prefix outside the route filter too.
	l.router.configure(t, "ip route "+other+" blackhole", fmt.Sprintf("router bgp %d", customerAsn), "address-family ipv4 unicast", "network "+other)
	want := []string{filter4, filter6}
	slices.Sort(want)
	eventually(t, 60*time.Second, "the route filter's prefixes accepted", func() error {
		if got := l.routes(id, "accepted"); !slices.Equal(got, want) {
			return fmt.Errorf("accepted routes are %v", got)
		}
		return nil
	})
	// FRR sends its updates at most every 30 s: give the filtered prefix
	// that long to show, wrongly.
	time.Sleep(35 * time.Second)
	if got := l.routes(id, "accepted"); !slices.Equal(got, want) {
		t.Errorf("accepted routes are %v, want only the route filter's %v", got, want)
	}
	if got := l.routes(id, "advertised"); !slices.Equal(got, []string{"2600:1f00::/24", "52.94.0.0/22", "54.239.0.0/17"}) {
		t.Errorf("advertised routes are %v, want Amazon's public prefixes", got)
	}
	for _, c := range []struct{ show, prefix string }{{"show ip route", "52.94.0.0/22"}, {"show ipv6 route", "2600:1f00::/24"}} {
		eventually(t, 30*time.Second, c.prefix+" in FRR's routing table", func() error {
			out := l.router.vtysh(t, "-c", c.show+" "+c.prefix+" json")
			if !strings.Contains(out, `"protocol":"bgp"`) {
				return fmt.Errorf("%s: %s", c.show, out)
			}
			return nil
		})
	}

	// Deleting the IPv6 peer ends its session and takes its address off the
	// subinterface; the IPv4 session stays.
	v := l.describe(id)
	peer6 := v.BgpPeers[1]
	if _, err := l.dc.DeleteBGPPeer(ctx, &directconnect.DeleteBGPPeerInput{VirtualInterfaceId: vif.VirtualInterfaceId, BgpPeerId: peer6.BgpPeerId}); err != nil {
		t.Fatal(err)
	}
	amazon6 := strings.Split(*peer6.AmazonAddress, "/")[0]
	l.router.wantNeighbor(t, amazon6, false)
	eventually(t, 10*time.Second, "the deleted peer's address off the subinterface", func() error {
		link, err := netlink.LinkByName(id)
		if err != nil {
			return err
		}
		addrs, _ := netlink.AddrList(link, netlink.FAMILY_V6)
		for _, a := range addrs {
			if a.IP.String() == amazon6 {
				return fmt.Errorf("%s still has %s", id, amazon6)
			}
		}
		return nil
	})
	l.router.wantNeighbor(t, "203.0.113.1", true)
}

func (l *lab) describe(vif string) types.VirtualInterface {
	l.t.Helper()
	out, err := l.dc.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{VirtualInterfaceId: aws.String(vif)})
	if err != nil || len(out.VirtualInterfaces) != 1 {
		l.t.Fatalf("DescribeVirtualInterfaces %s: %v", vif, err)
	}
	return out.VirtualInterfaces[0]
}

func peerWithFRR(t *testing.T) {
	l := newLab(t)
	w, dc, router := l.w, l.dc, (*frr)(nil)
	conn := &directconnect.CreateConnectionOutput{ConnectionId: aws.String(l.conn)}
	port := l.port
	vif, err := dc.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn.ConnectionId,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String("lab"), Vlan: vlan, Asn: customerAsn, VirtualGatewayId: aws.String(vgw),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Provision()
	id := *vif.VirtualInterfaceId
	l.attach(id)
	l.configure(*vif.VirtualInterfaceId)
	router = l.router
	amazonIP := strings.Split(*vif.AmazonAddress, "/")[0]

	l.wantStatus(id, 60*time.Second, "up")
	router.wantNeighbor(t, amazonIP, true)
	w.Clock.Advance(time.Minute)

	if got := l.routes(id, "advertised"); !slices.Equal(got, []string{vpcCidr}) {
		t.Errorf("advertised routes are %v, want the gateway's %s", got, vpcCidr)
	}
	eventually(t, 30*time.Second, "the gateway's prefix in FRR's routing table", func() error {
		out := router.vtysh(t, "-c", "show ip route "+vpcCidr+" json")
		if !strings.Contains(out, `"protocol":"bgp"`) {
			return fmt.Errorf("show ip route: %s", out)
		}
		return nil
	})
	router.configure(t, "ip route "+announced+" blackhole", fmt.Sprintf("router bgp %d", customerAsn), "address-family ipv4 unicast", "network "+announced)
	eventually(t, 30*time.Second, "FRR's prefix accepted", func() error {
		if got := l.routes(id, "accepted"); !slices.Equal(got, []string{announced}) {
			return fmt.Errorf("accepted routes are %v", got)
		}
		return nil
	})

	// The accepted route carries the attributes FRR sent.
	router.configure(t, "route-map AWS-OUT permit 10", "set community 65010:300", fmt.Sprintf("set as-path prepend %d", customerAsn), "exit",
		fmt.Sprintf("router bgp %d", customerAsn), "address-family ipv4 unicast", "neighbor "+amazonIP+" route-map AWS-OUT out")
	eventually(t, 60*time.Second, "the accepted route's AS path and community as FRR sent them", func() error {
		rs := l.routeList(id, "accepted")
		if len(rs) != 1 || len(rs[0].AsPath) != 1 || !slices.Equal(rs[0].AsPath[0].Path, []int64{customerAsn, customerAsn}) || !slices.Equal(rs[0].Communities, []string{"65010:300"}) {
			return fmt.Errorf("accepted routes are %+v", rs)
		}
		return nil
	})

	// The connection's port goes down: the session with it, and back.
	admin(t, w, http.MethodPost, "/_dxsim/links/"+*conn.ConnectionId+"/down", nil)
	l.wantStatus(id, 20*time.Second, "down")
	router.wantNeighbor(t, amazonIP, false)
	if got := l.routes(id, "accepted"); len(got) != 0 {
		t.Errorf("a session that is down still lists accepted routes %v", got)
	}
	w.Clock.Advance(time.Minute)
	admin(t, w, http.MethodPost, "/_dxsim/links/"+*conn.ConnectionId+"/up", nil)
	router.wantNeighbor(t, amazonIP, true)
	l.wantStatus(id, 20*time.Second, "up")
	w.Clock.Advance(time.Minute)

	// The router's end going down is the port losing its carrier.
	run(t, "ip", "-n", l.routerNS, "link", "set", "eth0", "down")
	l.wantStatus(id, 10*time.Second, "down")
	w.Clock.Advance(time.Minute)
	run(t, "ip", "-n", l.routerNS, "link", "set", "eth0", "up")
	router.wantNeighbor(t, amazonIP, true)
	l.wantStatus(id, 20*time.Second, "up")
	w.Clock.Advance(time.Minute)

	// A failover test shuts the session for its duration.
	peerID := vif.BgpPeers[0].BgpPeerId
	ft, err := dc.StartBgpFailoverTest(ctx, &directconnect.StartBgpFailoverTestInput{
		VirtualInterfaceId: vif.VirtualInterfaceId, BgpPeers: []string{*peerID}, TestDurationInMinutes: aws.Int32(10),
	})
	if err != nil {
		t.Fatal(err)
	}
	router.wantNeighbor(t, amazonIP, false)
	l.wantStatus(id, 5*time.Second, "down")
	w.Clock.Advance(time.Minute)
	if _, err := dc.StopBgpFailoverTest(ctx, &directconnect.StopBgpFailoverTestInput{VirtualInterfaceId: vif.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	_ = ft
	router.wantNeighbor(t, amazonIP, true)
	l.wantStatus(id, 20*time.Second, "up")
	w.Clock.Advance(time.Minute)

	// 101 prefixes are more than a private interface takes.
	var statics []string
	lines := []string{fmt.Sprintf("router bgp %d", customerAsn), "address-family ipv4 unicast"}
	for i := range 100 {
		statics = append(statics, fmt.Sprintf("ip route 10.100.%d.0/24 blackhole", i))
		lines = append(lines, fmt.Sprintf("network 10.100.%d.0/24", i))
	}
	router.configure(t, statics...)
	router.configure(t, lines...)
	// FRR sends updates to an eBGP peer at most every 30 s by default.
	l.wantStatus(id, 90*time.Second, "down")
	w.Clock.Advance(time.Minute)

	var log struct {
		Events []struct {
			NewState, Cause string
		}
	}
	json.Unmarshal(admin(t, w, http.MethodGet, "/_dxsim/events?type=bgp-session&resource="+*vif.VirtualInterfaceId, nil), &log)
	var causes []string
	for _, e := range log.Events {
		causes = append(causes, e.NewState+": "+e.Cause)
	}
	for _, want := range []string{"up: bgp: session established", "down: fault: connection " + *conn.ConnectionId + " down",
		"down: interface down: no carrier on " + port, "down: api: BGP failover test started", "down: bgp: more than 100 prefixes"} {
		if !slices.ContainsFunc(causes, func(c string) bool { return strings.HasPrefix(c, want) }) {
			t.Errorf("the event log of the session has no %q: %q", want, causes)
		}
	}

	// Deleting the virtual interface removes its subinterface and session.
	if _, err := dc.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: vif.VirtualInterfaceId}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the subinterface of a deleted virtual interface removed", func() error {
		if _, err := netlink.LinkByName(*vif.VirtualInterfaceId); err == nil {
			return fmt.Errorf("%s is still there", *vif.VirtualInterfaceId)
		}
		return nil
	})

	// Stopping dxsim removes what it made and gives the port back up.
	admin(t, w, http.MethodPost, "/_dxsim/links/"+*conn.ConnectionId+"/down", nil)
	eventually(t, 10*time.Second, "the port down with its connection", func() error {
		if l, err := netlink.LinkByName(port); err != nil || l.Attrs().Flags&net.FlagUp != 0 {
			return fmt.Errorf("port %s is up (%v)", port, err)
		}
		return nil
	})
	w.Server.Close(ctx)
	if l, err := netlink.LinkByName(port); err != nil || l.Attrs().Flags&net.FlagUp == 0 {
		t.Errorf("port %s is not back up after dxsim stopped (%v)", port, err)
	}
}
