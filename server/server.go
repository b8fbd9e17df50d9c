// Package server assembles a dxsim world (store, location catalog, clock and
// service) behind one http.Handler. `dxsim serve` runs it on a listener; Go
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
	"sync"

	"github.com/dxsim/dxsim/admin"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/service"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
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
	clock   *worldClock   // the world's own clock, if it has one
	stop    chan struct{} // ends the clock's sync
	synced  sync.WaitGroup
	closing sync.Once
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
	st := cfg.Store
	if st == nil {
		if cfg.OpenStore == nil {
			return nil, errors.New("server: no store: set Config.Store or Config.OpenStore")
		}
		var err error
		if st, err = cfg.OpenStore(cfg.DataPath); err != nil {
			return nil, err
		}
	}
	var err error
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
	if r, ok := st.(interface{ NeedsReindex() bool }); ok && r.NeedsReindex() {
		if err := svc.Reindex(context.Background()); err != nil {
			st.Close()
			return nil, fmt.Errorf("indexing the records of an older dxsim: %w", err)
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
		close(s.stop)
		s.synced.Wait()
		err = s.store.Close()
	})
	return err
}
