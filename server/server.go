// Package server assembles a dxsim world (store, location catalog, clock and
// service) behind one http.Handler. `dxsim serve` runs it on a listener; Go
// tests run it in-process with httptest.
package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"

	"github.com/dxsim/dxsim/admin"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/bgp"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/service"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// Config says how to build a world.
type Config struct {
	// DataPath is the SQLite database file; ":memory:" keeps nothing on disk.
	DataPath string
	// LocationsFile replaces the built-in location catalog when set.
	LocationsFile string
	// DefaultAccount is the account of access keys that are not 12 digits.
	DefaultAccount string
	// DefaultRegion is the Region of a credential scope without one.
	DefaultRegion string
	// Service is the service configuration (quotas, timings, agreements).
	Service service.Config
	// Clock tells simulated time; nil means the world's own clock: real
	// mode until the admin API switches or advances it, saved with the
	// world, and shared with other processes serving the same database.
	Clock sim.Clock
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
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
		Service:        service.DefaultConfig,
	}
}

// Server is a running dxsim world.
type Server struct {
	store   store.Store
	handler http.Handler
	clock   *worldClock   // the world's own clock, if it has one
	stop    chan struct{} // ends the clock's sync
	synced  sync.WaitGroup
	closing sync.Once
	bgp     *bgp.Speaker // nil when BGP is off
}

// Open builds the world cfg describes.
func Open(cfg Config) (*Server, error) {
	catalog := dx.DefaultCatalog()
	if cfg.LocationsFile != "" {
		f, err := os.Open(cfg.LocationsFile)
		if err != nil {
			return nil, fmt.Errorf("locations: %w", err)
		}
		catalog, err = dx.ReadCatalog(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cfg.LocationsFile, err)
		}
	}
	st, err := sqlite.Open(cfg.DataPath)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := &Server{store: st, stop: make(chan struct{})}
	clock := cfg.Clock
	if clock == nil {
		if srv.clock, err = openClock(st); err != nil {
			st.Close()
			return nil, err
		}
		clock = srv.clock
		srv.synced.Add(1)
		go func() {
			defer srv.synced.Done()
			srv.clock.follow(srv.stop, log)
		}()
	}
	svc := service.New(st, catalog, clock, cfg.Service)
	api := awsapi.NewHandler(svc, awsapi.Identity{DefaultAccount: cfg.DefaultAccount, DefaultRegion: cfg.DefaultRegion}, log)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`+"\n")
	})
	c, _ := clock.(admin.Clock)
	mux.Handle("/_dxsim/", admin.Handler(c, svc))
	ports := srv.startBGP(cfg, svc, clock, log)
	mux.Handle("/_dxsim/ports", ports)
	mux.Handle("/_dxsim/ports/", ports)
	mux.Handle("/", api)
	srv.handler = mux
	return srv, nil
}

// SyncClock puts the world's own clock in the state last saved with the
// world, which another dxsim process serving the same database may have
// changed. It runs every second; tests call it to sync at once.
func (s *Server) SyncClock(ctx context.Context) error {
	if s.clock == nil {
		return nil
	}
	return s.clock.sync(ctx)
}

// Handler serves the AWS API on POST /, the admin API under /_dxsim/ and
// health on GET /health.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the clock's sync and closes the store.
func (s *Server) Close(ctx context.Context) error {
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

// startBGP starts the BGP speaker if cfg asks for it and the host allows
// it, and returns the handler of /_dxsim/ports.
func (s *Server) startBGP(cfg Config, svc *service.Service, clock sim.Clock, log *slog.Logger) http.Handler {
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
