// Package server assembles a dxsim world (store, location catalog, clock,
// the services, the operator's controls and the AWS front end) behind one
// http.Handler; it is the only package that names them all. `dxsim serve` runs it on a listener; Go
// tests run it in-process with httptest.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"sync"

	"github.com/dxsim/dxsim/admin"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/bgp"
	"github.com/dxsim/dxsim/cloudwatch"
	"github.com/dxsim/dxsim/console"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/directconnect"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
	"github.com/dxsim/dxsim/metrics"
	"github.com/dxsim/dxsim/operator"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/sts"
)

// Config says how to build a world.
type Config struct {
	// DataPath names the store: what OpenStore opens (in dxsim, a SQLite
	// file, ":memory:", or a postgres:// URL).
	DataPath string
	// Store is the store of the world; when nil, Open calls OpenStore
	// with DataPath. The server closes it on Close either way.
	Store store.Store
	// OpenStore opens the store DataPath names (store/backend.Open in
	// dxsim); the server itself names no backend.
	OpenStore func(data string) (store.Store, error)
	// LocationsFile replaces the built-in location catalog when set.
	LocationsFile string
	// DefaultAccount is the account of access keys that are not 12 digits.
	DefaultAccount string
	// DefaultRegion is the Region of a credential scope without one.
	DefaultRegion string
	// Service is the services' configuration (quotas, timings, agreements).
	Service core.Config
	// Clock tells simulated time; nil means the world's own clock: real
	// mode until the admin API switches or advances it, saved with the
	// world, and shared with other processes serving the same database.
	Clock sim.Clock
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
	// AutoCrossConnect, when not nil, sets the world's autoCrossConnect
	// setting (saved with the world) as it opens; nil keeps the saved one.
	AutoCrossConnect *bool
	// CustomerRouter, when not "", sets the world's customerRouter setting
	// (core.CustomerRouterConfigured or core.CustomerRouterUnconfigured,
	// saved with the world) as it opens; "" keeps the saved one.
	CustomerRouter string

	// Auth is awsapi.AuthOpen ("" too: any signature is accepted and a
	// 12-digit access key is the account) or awsapi.AuthStrict (only
	// Credentials, every signature verified).
	Auth string
	// Credentials are the access keys of strict mode.
	Credentials []awsapi.Credential
	// AdminToken, when set, is the bearer token every request of the
	// admin API (/_dxsim/), the console and /metrics must carry.
	AdminToken string
	// Hosts are Host names, besides localhost, loopback addresses and the
	// address a request came in on, that every API answers to (--host): a
	// request under any other name, as a DNS-rebinding web page sends, is
	// refused.
	Hosts []string
	// MaxImportBody bounds an import's body; 0 is admin.MaxImportBody.
	MaxImportBody int64

	// BGP runs real BGP sessions for the virtual interfaces of ports
	// attached to Linux interfaces (docs/bgp.md). Without Linux and
	// CAP_NET_ADMIN the world still opens, with BGP off and the reason
	// logged and answered by /_dxsim/ports.
	BGP bool
}

// DefaultConfig is the configuration of `dxsim serve` without flags.
func DefaultConfig() Config {
	return Config{
		DataPath:       "dxsim.db",
		DefaultAccount: "123456789012",
		DefaultRegion:  "us-east-1",
		Service:        core.DefaultConfig,
	}
}

// Server is a running dxsim world.
type Server struct {
	store    store.Store
	controls *operator.Controls
	handler  http.Handler
	clock    *operator.WorldClock // the world's own clock, if it has one
	stop     chan struct{}        // ends the clock's sync and the purge
	streams  chan struct{}        // ends the console's event streams
	ending   sync.Once
	synced   sync.WaitGroup
	closing  sync.Once
	bgp      *bgp.Speaker // nil when BGP is off
}

// Open builds the world cfg describes.
func Open(cfg Config) (*Server, error) {
	if cfg.CustomerRouter != "" {
		if err := core.CheckCustomerRouter(cfg.CustomerRouter); err != nil {
			return nil, err
		}
	}
	catalog, err := openCatalog(cfg.LocationsFile)
	if err != nil {
		return nil, err
	}
	identity, err := newIdentity(cfg, catalog)
	if err != nil {
		return nil, err
	}
	st, err := openStore(cfg)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := &Server{store: st, stop: make(chan struct{}), streams: make(chan struct{})}
	clock := cfg.Clock
	if clock == nil {
		if srv.clock, err = operator.OpenClock(st); err != nil {
			st.Close()
			return nil, err
		}
		clock = srv.clock
		srv.synced.Add(1)
		go func() {
			defer srv.synced.Done()
			srv.clock.Follow(srv.stop, log)
		}()
	}
	base := core.NewBase(st, catalog, clock, cfg.Service)
	ec2Svc, secrets := ec2.New(base), secretsmanager.New(base)
	dcSvc := directconnect.New(base, ec2Svc, secrets)
	cw := cloudwatch.New(base, dcSvc)
	controls := operator.New(base, dcSvc, ec2Svc, cw)
	if err := controls.EnsureKeys(context.Background()); err != nil {
		st.Close()
		return nil, fmt.Errorf("indexing the records of an older dxsim: %w", err)
	}
	// Deleted records leave the store in the background, in short
	// transactions; a world an older dxsim saved is indexed for it first.
	srv.synced.Add(1)
	go func() {
		defer srv.synced.Done()
		controls.RunPurge(srv.stop, log)
	}()
	// Alarms are evaluated as the clock runs, whoever reads them.
	srv.synced.Add(1)
	go func() {
		defer srv.synced.Done()
		controls.RunEvaluation(srv.stop, log)
	}()
	if cfg.AutoCrossConnect != nil {
		on := *cfg.AutoCrossConnect
		if _, err := controls.ChangeSettings(context.Background(), func(ws *core.WorldSettings) { ws.AutoCrossConnect = on }); err != nil {
			srv.Close(context.Background())
			return nil, fmt.Errorf("saving the autoCrossConnect setting: %w", err)
		}
	}
	if cfg.CustomerRouter != "" {
		if _, err := controls.ChangeSettings(context.Background(), func(ws *core.WorldSettings) { ws.CustomerRouter = cfg.CustomerRouter }); err != nil {
			srv.Close(context.Background())
			return nil, fmt.Errorf("saving the customerRouter setting: %w", err)
		}
	}
	api := awsapi.New(identity, log, awsapi.DirectConnect(dcSvc), awsapi.EC2(ec2Svc), awsapi.SecretsManager(secrets), awsapi.STS(sts.New()), awsapi.CloudWatch(cw))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", newStoreHealth(st, log).serveHealth)
	api.AnswerTo(cfg.Hosts)
	c, _ := clock.(admin.Clock)
	// The console drives the world through the admin API, so whatever
	// guards one guards both; /metrics too (it tells the world's size and
	// activity). /health stays open to every Host: it changes nothing, tells
	// only whether the store answers, and probes call it by whatever name
	// they have.
	guarded := func(h http.Handler) http.Handler {
		return admin.Guard(h, admin.Access{Token: cfg.AdminToken, Hosts: cfg.Hosts})
	}
	mux.Handle("/_dxsim/", guarded(admin.Handler(c, controls, admin.MaxImport(cfg.MaxImportBody))))
	mux.Handle(console.Prefix, guarded(console.Handler(controls, dx.Caller{Account: cfg.DefaultAccount, Region: cfg.DefaultRegion}, srv.streams)))
	m := metrics.New(controls)
	api.ObserveWith(m)
	if o, ok := store.Store(st).(store.Observable); ok {
		o.Observe(m.ObserveStore())
	}
	mux.Handle("GET /metrics", guarded(m.Handler()))
	ports := guarded(srv.startBGP(cfg, dcSvc, clock, log))
	mux.Handle("/_dxsim/ports", ports)
	mux.Handle("/_dxsim/ports/", ports)
	mux.Handle("/", console.Root(api))
	srv.handler, srv.controls = mux, controls
	return srv, nil
}

// openCatalog is the built-in location catalog, or the one file holds.
func openCatalog(file string) (*dx.Catalog, error) {
	if file == "" {
		return dx.DefaultCatalog(), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("locations: %w", err)
	}
	defer f.Close()
	catalog, err := dx.ReadCatalog(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return catalog, nil
}

// openStore is cfg's store, opened if it is not open yet.
func openStore(cfg Config) (store.Store, error) {
	if cfg.Store != nil {
		return cfg.Store, nil
	}
	if cfg.OpenStore == nil {
		return nil, errors.New("server: no store: set Config.Store or Config.OpenStore")
	}
	return cfg.OpenStore(cfg.DataPath)
}

// Controls are the world's operator controls (and, through them, its
// Direct Connect service), for in-process callers such as package
// dxsimtest.
func (s *Server) Controls() *operator.Controls { return s.controls }

// SyncClock puts the world's own clock in the state last saved with the
// world, which another dxsim process serving the same database may have
// changed. It runs every second; tests call it to sync at once.
func (s *Server) SyncClock(ctx context.Context) error {
	if s.clock == nil {
		return nil
	}
	return s.clock.Sync(ctx)
}

// Handler serves the AWS API on POST /, the admin API under /_dxsim/, the
// web console under /console/ (a browser's GET / goes there), metrics on
// GET /metrics and health on GET /health (503 when the store does not
// answer or its data is damaged; health.go).
func (s *Server) Handler() http.Handler { return s.handler }

// EndStreams ends the console's event streams, which last as long as their
// page otherwise: http.Server.RegisterOnShutdown(EndStreams) lets a graceful
// shutdown finish with a console open.
func (s *Server) EndStreams() { s.ending.Do(func() { close(s.streams) }) }

// Close ends the event streams, stops the clock's sync and the purge, and
// closes the store.
func (s *Server) Close(ctx context.Context) error {
	s.EndStreams()
	var err error
	s.closing.Do(func() {
		if s.bgp != nil {
			s.bgp.Close() // removes the interfaces it made
		}
		close(s.stop)
		s.synced.Wait()
		err = s.store.Close()
	})
	return err
}

// newIdentity is the API's identity for cfg's auth mode: in strict mode,
// the configured credentials, in the Regions that have locations and the
// default Region.
func newIdentity(cfg Config, catalog *dx.Catalog) (awsapi.Identity, error) {
	id := awsapi.Identity{Mode: cfg.Auth, DefaultAccount: cfg.DefaultAccount, DefaultRegion: cfg.DefaultRegion}
	switch cfg.Auth {
	case "", awsapi.AuthOpen:
		return id, nil
	case awsapi.AuthStrict:
	default:
		return id, fmt.Errorf("auth mode %q is not open or strict", cfg.Auth)
	}
	if len(cfg.Credentials) == 0 {
		return id, fmt.Errorf("auth mode strict needs credentials (--credentials FILE or \"credentials\" in the config file)")
	}
	var err error
	if id.Credentials, err = awsapi.CredentialsByKey(cfg.Credentials); err != nil {
		return id, fmt.Errorf("credentials: %w", err)
	}
	id.Regions = catalog.Regions()
	if !slices.Contains(id.Regions, cfg.DefaultRegion) {
		id.Regions = append(id.Regions, cfg.DefaultRegion)
	}
	return id, nil
}

// startBGP starts the BGP speaker if cfg asks for it and the host allows
// it, and returns the handler of /_dxsim/ports.
func (s *Server) startBGP(cfg Config, svc *directconnect.Service, clock sim.Clock, log *slog.Logger) http.Handler {
	if !cfg.BGP {
		return admin.PortsHandler(nil, "BGP is off: start dxsim serve with --bgp (on Linux, as root) to attach ports and run real BGP sessions")
	}
	if err := bgp.Check(); err != nil {
		log.Warn("BGP is off", "reason", err.Error())
		return admin.PortsHandler(nil, "BGP is off: "+err.Error())
	}
	s.bgp = bgp.New(svc, clock.Now, log)
	svc.UseSessions(s.bgp)
	s.bgp.Start()
	log.Info("BGP is on: attach ports with PUT /_dxsim/ports/{connectionId}")
	return admin.PortsHandler(s.bgp, "")
}
