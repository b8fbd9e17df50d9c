package routerconfig

import (
	_ "embed"
	"text/template"
)

// frrTemplate is the configuration of FRRouting (the Debian package frr),
// which dxsim's own BGP speaker (dxsim serve --bgp) peers with as it is.
//
//go:embed templates/customer-router-frr.tmpl
var frrTemplate string

func init() {
	template.Must(routerTemplates.New("customer-router-frr.xslt").Parse(frrTemplate))
}
