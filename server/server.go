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
	// Clock tells simulated time; nil means a world clock in real mode,
	// which the admin API can switch and advance.
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
	clock := cfg.Clock
	if clock == nil {
		clock = sim.NewWorldClock()
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	svc := service.New(st, catalog, clock, cfg.Service)
	if c, ok := clock.(*sim.WorldClock); ok {
		if err := resumeClock(svc, c); err != nil {
			st.Close()
			return nil, err
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
	return &Server{store: st, handler: mux}, nil
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

// Close closes the store.
func (s *Server) Close(ctx context.Context) error { return s.store.Close() }
