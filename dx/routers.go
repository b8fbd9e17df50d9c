package dx

import "strings"

// GenericRouterTypeIdentifier names the vendor-neutral router type, the one
// DescribeRouterConfiguration uses when no routerTypeIdentifier is given.
const GenericRouterTypeIdentifier = "Generic-Generic-VendorAgnostic"

// routerTypes is the router type catalog. The service offers no operation
// that lists it; the Cisco, Juniper and Palo Alto entries are the types the
// real service is known to answer for (the list the AWS Terraform provider
// documents), with their vendor, platform, software and template names. The
// generic and Arista entries are dxsim's, so that every family of template
// dxsim renders can be asked for.
var routerTypes = []RouterType{
	{Vendor: "Generic", Platform: "Generic", Software: "Vendor Agnostic",
		XsltTemplateName: "customer-router-generic.xslt", RouterTypeIdentifier: GenericRouterTypeIdentifier},
	{Vendor: "Cisco Systems, Inc.", Platform: "2900 Series Routers", Software: "IOS 12.4+",
		XsltTemplateName: "customer-router-cisco-generic.xslt", RouterTypeIdentifier: "CiscoSystemsInc-2900SeriesRouters-IOS124"},
	{Vendor: "Cisco Systems, Inc.", Platform: "3700 Series Routers", Software: "IOS 12.4+",
		XsltTemplateName: "customer-router-cisco-generic.xslt", RouterTypeIdentifier: "CiscoSystemsInc-3700SeriesRouters-IOS124"},
	{Vendor: "Cisco Systems, Inc.", Platform: "7200 Series Routers", Software: "IOS 12.4+",
		XsltTemplateName: "customer-router-cisco-generic.xslt", RouterTypeIdentifier: "CiscoSystemsInc-7200SeriesRouters-IOS124"},
	{Vendor: "Cisco Systems, Inc.", Platform: "Nexus 7000 Series Switches", Software: "NX-OS 5.1+",
		XsltTemplateName: "customer-switch-cisco-nexus-generic.xslt", RouterTypeIdentifier: "CiscoSystemsInc-Nexus7000SeriesSwitches-NXOS51"},
	{Vendor: "Cisco Systems, Inc.", Platform: "Nexus 9K+ Series Switches", Software: "NX-OS 9.3+",
		XsltTemplateName: "customer-switch-cisco-nexus-generic.xslt", XsltTemplateNameForMacSec: "customer-switch-cisco-nexus-generic-macsec.xslt",
		RouterTypeIdentifier: "CiscoSystemsInc-Nexus9KSeriesSwitches-NXOS93"},
	{Vendor: "Juniper Networks, Inc.", Platform: "M/MX Series Routers", Software: "JunOS 9.5+",
		XsltTemplateName: "customer-router-juniper-generic.xslt", XsltTemplateNameForMacSec: "customer-router-juniper-generic-macsec.xslt",
		RouterTypeIdentifier: "JuniperNetworksInc-MMXSeriesRouters-JunOS95"},
	{Vendor: "Juniper Networks, Inc.", Platform: "SRX Series Routers", Software: "JunOS 9.5+",
		XsltTemplateName: "customer-router-juniper-generic.xslt", RouterTypeIdentifier: "JuniperNetworksInc-SRXSeriesRouters-JunOS95"},
	{Vendor: "Juniper Networks, Inc.", Platform: "T Series Routers", Software: "JunOS 9.5+",
		XsltTemplateName: "customer-router-juniper-generic.xslt", RouterTypeIdentifier: "JuniperNetworksInc-TSeriesRouters-JunOS95"},
	{Vendor: "Palo Alto Networks", Platform: "PA-3000+ and 5000+ series", Software: "PAN-OS 8.0.3+",
		XsltTemplateName: "customer-router-palo-alto-generic.xslt", RouterTypeIdentifier: "PaloAltoNetworks-PA3000and5000series-PANOS803"},
	{Vendor: "Arista Networks, Inc.", Platform: "7000 Series Switches", Software: "EOS 4.20+",
		XsltTemplateName: "customer-switch-arista-generic.xslt", RouterTypeIdentifier: "AristaNetworksInc-7000SeriesSwitches-EOS420"},
	// FRRouting is dxsim's too: its configuration peers as it is with the
	// real BGP sessions of dxsim serve --bgp (docs/bgp.md).
	{Vendor: "FRRouting", Platform: "FRR", Software: "FRR 8.0+",
		XsltTemplateName: "customer-router-frr.xslt", RouterTypeIdentifier: FRRRouterTypeIdentifier},
}

// FRRRouterTypeIdentifier names the FRRouting router type.
const FRRRouterTypeIdentifier = "FRRouting-FRR-FRR80"

// RouterTypes returns the router type catalog.
func RouterTypes() []RouterType {
	out := make([]RouterType, len(routerTypes))
	copy(out, routerTypes)
	return out
}

// LookupRouterType returns the router type an identifier names; an empty
// identifier is the generic type.
func LookupRouterType(id string) (RouterType, error) {
	if id == "" {
		id = GenericRouterTypeIdentifier
	}
	ids := make([]string, 0, len(routerTypes))
	for _, r := range routerTypes {
		if r.RouterTypeIdentifier == id {
			return r, nil
		}
		ids = append(ids, r.RouterTypeIdentifier)
	}
	return RouterType{}, Errorf("routerTypeIdentifier %q is not a known router type; valid identifiers are %s (omit it for the generic configuration)",
		id, strings.Join(ids, ", "))
}
