package routerconfig

import (
	_ "embed"
	"encoding/xml"
	"slices"
	"strings"
	"text/template"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/sim"
)

// A virtual interface answer carries customerRouterConfig, the interface's
// BGP settings as the small XML document AWS sends (the aws CLI's examples
// of every virtual interface operation show it): the first peer, and an
// IPv6 peer next to an IPv4 one.

//go:embed templates/customer-router-config.xml
var customerRouterConfigText string

var customerRouterConfig = template.Must(template.New("customerRouterConfig").Funcs(template.FuncMap{
	"xml": func(s string) (string, error) {
		var b strings.Builder
		err := xml.EscapeText(&b, []byte(s))
		return b.String(), err
	},
}).Parse(customerRouterConfigText))

// routerConfigPeer is a peer as the document shows it.
type routerConfigPeer struct {
	CustomerAddress, AmazonAddress, AuthKey string
	Asn                                     int64
}

// Customer renders the document for interface v from the
// peers it lists: those not being deleted, or all of them when every one is.
func Customer(v dx.VirtualInterface) string {
	doc := struct {
		ID, Type      string
		Vlan          int
		AmazonAsn     int64
		Primary, IPv6 *routerConfigPeer
	}{ID: v.VirtualInterfaceID, Type: v.VirtualInterfaceType, Vlan: v.Vlan, AmazonAsn: v.AmazonSideAsn}
	peers := slices.DeleteFunc(slices.Clone(v.BGPPeers), func(p dx.BGPPeer) bool { return p.BGPPeerState == sim.Deleting })
	if len(peers) == 0 {
		peers = v.BGPPeers
	}
	primaryFamily := ""
	for _, p := range peers {
		peer := &routerConfigPeer{CustomerAddress: p.CustomerAddress, AmazonAddress: p.AmazonAddress, AuthKey: p.AuthKey, Asn: max(p.Asn, p.AsnLong)}
		switch {
		case doc.Primary == nil:
			doc.Primary, primaryFamily = peer, p.AddressFamily
		case doc.IPv6 == nil && primaryFamily == dx.IPv4 && p.AddressFamily == dx.IPv6:
			doc.IPv6 = peer
		}
	}
	var b strings.Builder
	// Executing into a strings.Builder cannot fail: the template only
	// formats the values above.
	customerRouterConfig.Execute(&b, doc)
	return b.String()
}
