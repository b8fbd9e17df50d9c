package routerconfig

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

func TestCustomerRouterConfigIsTheInterfacesBGPSettings(t *testing.T) {
	v := dx.VirtualInterface{
		VirtualInterfaceID: "dxvif-fg1vuj3d", VirtualInterfaceType: dx.PrivateVIF, Vlan: 125, AmazonSideAsn: 64512,
		BGPPeers: []dx.BGPPeer{
			{AddressFamily: dx.IPv4, Asn: 65000, AuthKey: "a<b&c", AmazonAddress: "169.254.255.1/30", CustomerAddress: "169.254.255.2/30", BGPPeerState: "available"},
			{AddressFamily: dx.IPv6, Asn: 64600, AuthKey: "v6key", AmazonAddress: "2001:db8::1/125", CustomerAddress: "2001:db8::6/125", BGPPeerState: "pending"},
		},
	}
	doc := Customer(v)
	var parsed struct {
		ID             string `xml:"id,attr"`
		Vlan           int    `xml:"vlan"`
		Customer       string `xml:"customer_address"`
		AuthKey        string `xml:"bgp_auth_key"`
		IPv6Customer   string `xml:"ipv6_customer_address"`
		IPv6Asn        int64  `xml:"ipv6_bgp_asn"`
		AmazonAsn      int64  `xml:"amazon_bgp_asn"`
		ConnectionType string `xml:"connection_type"`
	}
	if err := xml.Unmarshal([]byte(doc), &parsed); err != nil {
		t.Fatalf("customerRouterConfig is not XML: %v\n%s", err, doc)
	}
	if parsed.ID != v.VirtualInterfaceID || parsed.Vlan != 125 || parsed.Customer != "169.254.255.2/30" || parsed.AuthKey != "a<b&c" ||
		parsed.IPv6Customer != "2001:db8::6/125" || parsed.IPv6Asn != 64600 || parsed.AmazonAsn != 64512 || parsed.ConnectionType != "private" {
		t.Errorf("customerRouterConfig says %+v:\n%s", parsed, doc)
	}
	// A peer being deleted is no longer configured.
	v.BGPPeers[1].BGPPeerState = "deleting"
	if doc := Customer(v); strings.Contains(doc, "ipv6_") {
		t.Errorf("a deleting IPv6 peer is still in the configuration:\n%s", doc)
	}
}
