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
	"time"

	"github.com/dxsim/dxsim/admin"
	"github.com/dxsim/dxsim/awsapi"
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
	svc     *service.Service
	clock   *sim.WorldClock // the world's own clock, if it has one
	stop    chan struct{}   // ends the clock's sync
	synced  sync.WaitGroup
	closing sync.Once
}

// clockSync is how often a dxsim process looks for clock changes that
// another process serving the same database saved.
const clockSync = time.Second

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
	clock, own := cfg.Clock, cfg.Clock == nil
	if own {
		clock = sim.NewWorldClock()
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	svc := service.New(st, catalog, clock, cfg.Service)
	srv := &Server{store: st, svc: svc, stop: make(chan struct{})}
	if c, ok := clock.(*sim.WorldClock); ok {
		if err := resumeClock(svc, c); err != nil {
			st.Close()
			return nil, err
		}
		if own {
			srv.clock = c
			srv.synced.Add(1)
			go srv.syncClock(log)
		}
	}
	api := awsapi.NewHandler(svc, awsapi.Identity{DefaultAccount: cfg.DefaultAccount, DefaultRegion: cfg.DefaultRegion}, log)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`+"\n")
	})
	c, _ := clock.(admin.Clock)
	mux.Handle("/_dxsim/", admin.Handler(c, svc))
	mux.Handle("/", api)
	srv.handler = mux
	return srv, nil
}

// syncClock adopts, until Close, the clock changes other processes save.
func (s *Server) syncClock(log *slog.Logger) {
	defer s.synced.Done()
	tick := time.NewTicker(clockSync)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
			if err := s.SyncClock(context.Background()); err != nil {
				log.Warn("reading the clock saved with the world", "err", err)
			}
		}
	}
}

// SyncClock puts the world's own clock in the state last saved with the
// world, which another dxsim process serving the same database may have
// changed. It runs every second; tests call it to sync at once.
func (s *Server) SyncClock(ctx context.Context) error {
	if s.clock == nil {
		return nil
	}
	saved, ok, err := s.svc.LoadClock(ctx)
	if err != nil || !ok || saved.Equal(s.clock.State()) {
		return err
	}
	return s.clock.Resume(saved)
}

// resumeClock puts c where the world's clock was when it was last changed.
func resumeClock(svc *service.Service, c *sim.WorldClock) error {
	saved, ok, err := svc.LoadClock(context.Background())
	if err != nil || !ok {
		return err
	}
	if err := c.Resume(saved); err != nil {
		return fmt.Errorf("the clock saved with the world: %w", err)
	}
	return nil
}

// Handler serves the AWS API on POST / and health on GET /health.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the clock's sync and closes the store.
func (s *Server) Close(ctx context.Context) error {
	var err error
	s.closing.Do(func() {
		close(s.stop)
		s.synced.Wait()
		err = s.store.Close()
	})
	return err
}
