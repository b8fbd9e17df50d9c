// Package console is dxsim's web console: static pages embedded in the
// binary (nothing is fetched from elsewhere, so it works offline) that draw
// one account's world in one Region, follow the event log live over
// server-sent events, drive the simulated world through the admin API and
// download LOAs. It reads the world in-process, through the operator's
// controls, the Direct Connect service's Describe calls and CloudWatch's
// DescribeAlarms, as the admin API does, so it needs no SigV4 signing in
// the browser; it belongs behind the same protection as the admin API.
package console

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"strings"

	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/operator"
)

//go:embed static
var static embed.FS

// Prefix is the path the console is served under.
const Prefix = "/console/"

// Handler serves the console under /console/ over world; defaults is the
// account and Region a page shows first. Event streams end when done is
// closed, so that they do not hold up a graceful shutdown.
func Handler(world *operator.Controls, defaults dx.Caller, done <-chan struct{}) http.Handler {
	files, _ := fs.Sub(static, "static")
	h := &handler{world: world, dc: world.DirectConnect(), cw: world.CloudWatch(), defaults: defaults, done: done}
	mux := http.NewServeMux()
	mux.Handle("GET /console/", http.StripPrefix("/console/", noCache(http.FileServerFS(files))))
	mux.HandleFunc("GET /console/api/defaults", h.getDefaults)
	mux.HandleFunc("GET /console/api/world", h.getWorld)
	mux.HandleFunc("GET /console/api/alarm-history", h.alarmHistory)
	mux.HandleFunc("GET "+EventsPath, h.events)
	mux.HandleFunc("GET /console/api/loa/{id}", h.loa)
	mux.HandleFunc("/console/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, r.Method+" "+r.URL.Path+" is not a console page")
	})
	return mux
}

// Root sends a browser's GET / to the console and everything else (the AWS
// API's POST /) to api.
func Root(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
			r.Header.Get("X-Amz-Target") == "" && r.Header.Get("Authorization") == "" {
			http.Redirect(w, r, Prefix, http.StatusFound)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// noCache makes a browser fetch the pages again after an upgrade.
func noCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		next.ServeHTTP(w, r)
	})
}

type handler struct {
	world    *operator.Controls
	dc       *directconnect.Service // what the page shows, as the account sees it
	cw       *cloudwatch.Service    // the account's alarms on it
	defaults dx.Caller
	done     <-chan struct{}
}

// caller is the account and Region the page looks at, from its query.
func (h *handler) caller(r *http.Request) (dx.Caller, error) {
	c := dx.Caller{Account: r.URL.Query().Get("account"), Region: r.URL.Query().Get("region")}
	if c.Account == "" {
		c.Account = h.defaults.Account
	}
	if c.Region == "" {
		c.Region = h.defaults.Region
	}
	if len(c.Account) != 12 || strings.Trim(c.Account, "0123456789") != "" {
		return c, errors.New("account must be a 12-digit account ID, got " + c.Account)
	}
	return c, nil
}

func (h *handler) getDefaults(w http.ResponseWriter, r *http.Request) {
	regions, err := h.world.Regions(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, map[string]any{"account": h.defaults.Account, "region": h.defaults.Region, "regions": regions})
}

// World is everything the console draws of one account in one Region.
type World struct {
	Account           string                               `json:"account"`
	Region            string                               `json:"region"`
	Sites             []operator.SiteUse                   `json:"sites"`
	Connections       []dx.Connection                      `json:"connections"`
	Lags              []dx.Lag                             `json:"lags"`
	Interconnects     []dx.Interconnect                    `json:"interconnects"`
	HostedConnections map[string][]dx.Connection           `json:"hostedConnections"` // by interconnect or LAG
	VirtualInterfaces []dx.VirtualInterface                `json:"virtualInterfaces"`
	Gateways          []dx.DirectConnectGateway            `json:"gateways"`
	Associations      []dx.DirectConnectGatewayAssociation `json:"associations"`
	Down              []operator.Fault                     `json:"down"` // outages that last
	// Routes are what each virtual interface's sessions carry, by
	// interface, as ListVirtualInterfaceRoutes answers.
	Routes map[string][]directconnect.Route `json:"routes"`
	// Behind are the virtual private and transit gateways the interfaces
	// and gateways reach, with their VPCs, as EC2 describes them.
	Behind []Behind `json:"behind"`
	// Alarms are the account's CloudWatch alarms in the Region, each with
	// the resource it watches.
	Alarms []Alarm `json:"alarms"`
}

func (h *handler) getWorld(w http.ResponseWriter, r *http.Request) {
	c, err := h.caller(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	out, err := h.read(r.Context(), c)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, out)
}

// read calls the Describe operations as the account would.
func (h *handler) read(ctx context.Context, c dx.Caller) (*World, error) {
	s, dc := h.world, h.dc
	out := &World{Account: c.Account, Region: c.Region, HostedConnections: map[string][]dx.Connection{}}
	var err error
	if out.Sites, err = s.Sites(ctx, c.Region); err != nil {
		return nil, err
	}
	conns, err := dc.DescribeConnections(ctx, c, &directconnect.DescribeConnectionsInput{})
	if err != nil {
		return nil, err
	}
	out.Connections = conns.Connections
	lags, err := dc.DescribeLags(ctx, c, &directconnect.DescribeLagsInput{})
	if err != nil {
		return nil, err
	}
	out.Lags = lags.Lags
	// Only partners have interconnects; others are refused.
	if ics, err := dc.DescribeInterconnects(ctx, c, &directconnect.DescribeInterconnectsInput{}); err == nil {
		out.Interconnects = ics.Interconnects
	} else if !clientError(err) {
		return nil, err
	}
	parents := []string{}
	for _, ic := range out.Interconnects {
		parents = append(parents, ic.InterconnectID)
	}
	for _, l := range out.Lags {
		if l.AllowsHostedConnections {
			parents = append(parents, l.LagID)
		}
	}
	for _, id := range parents {
		hc, err := dc.DescribeHostedConnections(ctx, c, &directconnect.DescribeHostedConnectionsInput{ConnectionID: id})
		if err != nil && !clientError(err) {
			return nil, err
		}
		if err == nil && len(hc.Connections) > 0 {
			out.HostedConnections[id] = hc.Connections
		}
	}
	vifs, err := dc.DescribeVirtualInterfaces(ctx, c, &directconnect.DescribeVirtualInterfacesInput{})
	if err != nil {
		return nil, err
	}
	out.VirtualInterfaces = vifs.VirtualInterfaces
	gws, err := dc.DescribeDirectConnectGateways(ctx, c, &directconnect.DescribeDirectConnectGatewaysInput{})
	if err != nil {
		return nil, err
	}
	out.Gateways = gws.DirectConnectGateways
	out.Associations = []dx.DirectConnectGatewayAssociation{}
	for _, g := range out.Gateways {
		as, err := dc.DescribeDirectConnectGatewayAssociations(ctx, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayID: g.DirectConnectGatewayID})
		if err != nil && !clientError(err) {
			return nil, err
		}
		if err == nil {
			out.Associations = append(out.Associations, as.DirectConnectGatewayAssociations...)
		}
	}
	if out.Routes, err = h.routes(ctx, c, out.VirtualInterfaces); err != nil {
		return nil, err
	}
	if out.Behind, err = h.behind(ctx, c, out); err != nil {
		return nil, err
	}
	if out.Alarms, err = h.alarms(ctx, c); err != nil {
		return nil, err
	}
	faults, err := s.Faults(ctx)
	if err != nil {
		return nil, err
	}
	out.Down = []operator.Fault{}
	for _, f := range faults {
		if f.Until == nil {
			out.Down = append(out.Down, f)
		}
	}
	return out, nil
}

func clientError(err error) bool {
	var e *dx.Error
	return errors.As(err, &e) && e.Status < 500
}

// loa answers a connection's or LAG's LOA-CFA as a PDF download. As on AWS,
// downloading it is what starts the cross-connect.
func (h *handler) loa(w http.ResponseWriter, r *http.Request) {
	c, err := h.caller(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id := r.PathValue("id")
	var letter *dx.Loa
	if strings.HasPrefix(id, dx.LagPrefix) || !h.isInterconnect(r.Context(), c, id) {
		letter, err = h.dc.DescribeLoa(r.Context(), c, &directconnect.DescribeLoaInput{ConnectionID: id})
	} else {
		var out *directconnect.ConnectionLoaOutput
		if out, err = h.dc.DescribeInterconnectLoa(r.Context(), c, &directconnect.DescribeInterconnectLoaInput{InterconnectID: id}); err == nil {
			letter = &out.Loa
		}
	}
	var e *dx.Error
	switch {
	case errors.As(err, &e):
		writeError(w, e.Status, e.Message)
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", letter.LoaContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+id+`-loa.pdf"`)
	w.Write(letter.LoaContent)
}

func (h *handler) isInterconnect(ctx context.Context, c dx.Caller, id string) bool {
	out, err := h.dc.DescribeInterconnects(ctx, c, &directconnect.DescribeInterconnectsInput{InterconnectID: id})
	return err == nil && len(out.Interconnects) == 1
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
