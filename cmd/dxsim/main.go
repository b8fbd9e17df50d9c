// Command dxsim runs the dxsim AWS Direct Connect emulator.
//
//	dxsim serve [flags]
//	dxsim admin [--endpoint URL] clock [set MODE [FACTOR] | advance DURATION]
//	dxsim admin [--endpoint URL] links | link down|up ID | bgp-peer ID up|down
//	dxsim admin [--endpoint URL] provisioning ID complete|stall
//	dxsim admin [--endpoint URL] events [--resource ID] [--type T] [--account A] [--since T] [--until T] [--limit N]
//	dxsim admin [--endpoint URL] reset | export [FILE] | import FILE
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store/backend"
)

func main() {
	var err error
	switch {
	case len(os.Args) >= 2 && os.Args[1] == "serve":
		err = serve(os.Args[2:])
	case len(os.Args) >= 2 && os.Args[1] == "admin":
		err = admin(os.Args[2:], os.Stdout)
	default:
		fmt.Fprintln(os.Stderr, "usage: dxsim serve [flags]   (dxsim serve -h lists the flags)\n       dxsim admin ...      (dxsim admin -h)")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxsim:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	cfg := server.DefaultConfig()
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	listen := fs.String("listen", "127.0.0.1:4599", "address to serve the API on")
	fs.StringVar(&cfg.DataPath, "data", cfg.DataPath, `SQLite database file (":memory:" keeps nothing on disk), or a postgres:// URL of a database that several dxsim processes may share`)
	fs.StringVar(&cfg.LocationsFile, "locations", "", "JSON file that replaces the built-in location catalog")
	fs.StringVar(&cfg.DefaultAccount, "default-account", cfg.DefaultAccount, "account of access keys that are not a 12-digit account ID")
	fs.StringVar(&cfg.DefaultRegion, "default-region", cfg.DefaultRegion, "Region of requests whose credential scope names none")
	fs.IntVar(&cfg.Service.ConnectionsPerLocation, "connections-per-location", cfg.Service.ConnectionsPerLocation, "quota of dedicated connections per account and location")
	tm := &cfg.Service.Timings
	fs.DurationVar(&tm.CrossConnect, "cross-connect-delay", tm.CrossConnect, "simulated time from a connection's first LOA download until its cross-connect is delivered (requested -> pending)")
	fs.DurationVar(&tm.Pending, "pending-delay", tm.Pending, "simulated time a connection, interconnect or hosted connection stays pending before it is available")
	fs.DurationVar(&tm.VirtualInterface, "vif-delay", tm.VirtualInterface, "simulated time a virtual interface or BGP peer stays pending before it is available")
	fs.DurationVar(&tm.Verifying, "verifying-delay", tm.Verifying, "simulated time a public virtual interface stays verifying")
	fs.DurationVar(&tm.MacSecKey, "macsec-key-delay", tm.MacSecKey, "simulated time a MACsec key stays associating")
	fs.DurationVar(&tm.Gateway, "gateway-delay", tm.Gateway, "simulated time a Direct Connect gateway or gateway association stays pending, associating, updating or disassociating")
	fs.DurationVar(&tm.Deleting, "deleting-delay", tm.Deleting, "simulated time a deleted resource stays deleting before it is deleted")
	fs.DurationVar(&cfg.Service.DeletedRetention, "deleted-retention", cfg.Service.DeletedRetention, "how long deleted resources stay visible as deleted")
	partnerAccounts := fs.String("partner-accounts", "", "comma-separated account IDs of Direct Connect Partners; ID:v2 for one that may allocate 1-10 Gbps hosted connections")
	configFile := fs.String("config", "", "JSON configuration file: partners and virtual gateways (see README)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	fs.Parse(args)
	if fs.NArg() > 0 {
		return fmt.Errorf("serve takes only flags; unexpected %q (dxsim serve -h lists the flags)", fs.Args())
	}
	partners, err := dx.ParsePartnerAccounts(*partnerAccounts)
	if err != nil {
		return fmt.Errorf("-partner-accounts: %w", err)
	}
	cfg.Service.Partners = partners
	if *configFile != "" {
		if err := server.ReadFile(*configFile, &cfg); err != nil {
			return err
		}
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	cfg.Logger = log

	cfg.OpenStore = backend.Open
	srv, err := server.Open(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		srv.Close(context.Background())
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("dxsim serving", "addr", ln.Addr().String(), "data", redactURL(cfg.DataPath))

	select {
	case err := <-errc:
		srv.Close(context.Background())
		return err
	case <-ctx.Done():
	}
	stop() // a second signal stops at once instead of waiting for the shutdown
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	if cerr := srv.Close(shutdownCtx); err == nil {
		err = cerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// redactURL hides the password of a database URL in logs.
func redactURL(data string) string {
	if !backend.IsPostgres(data) {
		return data
	}
	u, err := url.Parse(data)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	return u.Redacted()
}
