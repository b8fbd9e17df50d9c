// Command dxsim runs the dxsim AWS Direct Connect emulator.
//
//	dxsim serve [flags]
//	dxsim admin [--endpoint URL] clock [set MODE [FACTOR] | advance DURATION]
//	dxsim admin [--endpoint URL] links | link down|up|degrade|repair ID | bgp-peer ID up|down
//	dxsim admin [--endpoint URL] traffic | traffic ID EGRESS_BPS INGRESS_BPS | traffic clear ID
//	dxsim admin [--endpoint URL] provisioning ID complete|stall
//	dxsim admin [--endpoint URL] port list | port attach CONNECTION INTERFACE | port detach CONNECTION
//	dxsim admin [--endpoint URL] events [--resource ID] [--type T] [--account A] [--since T] [--until T] [--limit N]
//	dxsim admin [--endpoint URL] reset | export [FILE] | import FILE
//	dxsim health [--endpoint URL]
//	dxsim version
//
// Every serve flag can also be set from the environment: --vif-delay from
// DXSIM_VIF_DELAY, and so on; a flag on the command line wins.
package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
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

	adminapi "github.com/dxsim/dxsim/admin"
	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/browserguard"
	"github.com/dxsim/dxsim/core"
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
	case len(os.Args) >= 2 && os.Args[1] == "health":
		err = health(os.Args[2:], os.Stdout)
	case len(os.Args) >= 2 && (os.Args[1] == "version" || os.Args[1] == "--version" || os.Args[1] == "-version"):
		printVersion(os.Stdout)
	default:
		fmt.Fprintln(os.Stderr, "usage: dxsim serve [flags]   (dxsim serve -h lists the flags and their DXSIM_ variables)\n       dxsim admin ...      (dxsim admin -h)\n       dxsim health [--endpoint URL]\n       dxsim version")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxsim:", err)
		os.Exit(1)
	}
}

// serve runs the emulator until SIGINT or SIGTERM: its flags (or their
// DXSIM_ variables) and configuration file make the configuration, which
// the server is opened with and served on --listen.
func serve(args []string) error {
	cfg := server.DefaultConfig()
	limits := server.DefaultLimits
	fs, f := newServeFlags(&cfg, &limits)
	if err := f.parse(fs, args, &cfg); err != nil {
		return err
	}
	if err := f.configure(&cfg, limits); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*f.logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	cfg.Logger = log
	return run(cfg, limits, *f.listen, log)
}

// serveFlags are the flags of serve that are not a field of the
// configuration or limits: they are checked, read or converted first.
type serveFlags struct {
	listen           *string
	partnerAccounts  *string
	configFile       *string
	logLevel         *string
	autoCrossConnect *bool
	credentialsFile  *string
	maxImportMiB     *int64
}

// newServeFlags defines the flags of serve: those that are a field of cfg
// or limits set it, the others are in the serveFlags.
func newServeFlags(cfg *server.Config, limits *server.Limits) (*flag.FlagSet, *serveFlags) {
	f := &serveFlags{}
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	f.listen = fs.String("listen", "127.0.0.1:4599", "address to serve the API on")
	fs.StringVar(&cfg.DataPath, "data", cfg.DataPath, `SQLite database file (":memory:" keeps nothing on disk), or a postgres:// URL of a database that several dxsim processes may share`)
	fs.StringVar(&cfg.LocationsFile, "locations", "", "JSON file that replaces the built-in location catalog")
	fs.StringVar(&cfg.DefaultAccount, "default-account", cfg.DefaultAccount, "account of access keys that are not a 12-digit account ID")
	fs.StringVar(&cfg.DefaultRegion, "default-region", cfg.DefaultRegion, "Region of requests whose credential scope names none")
	fs.IntVar(&cfg.Service.ConnectionsPerLocation, "connections-per-location", cfg.Service.ConnectionsPerLocation, "quota of dedicated connections per account and location")
	fs.IntVar(&cfg.Service.LagsPerRegion, "lags-per-region", cfg.Service.LagsPerRegion, "quota of LAGs per account and Region")
	tm := &cfg.Service.Timings
	fs.DurationVar(&tm.CrossConnect, "cross-connect-delay", tm.CrossConnect, "simulated time from a connection's first LOA download until its cross-connect is delivered (requested -> pending)")
	fs.DurationVar(&tm.Pending, "pending-delay", tm.Pending, "simulated time a connection, interconnect or hosted connection stays pending before it is available")
	fs.DurationVar(&tm.VirtualInterface, "vif-delay", tm.VirtualInterface, "simulated time a virtual interface or BGP peer stays pending before it is available")
	fs.DurationVar(&tm.Verifying, "verifying-delay", tm.Verifying, "simulated time a public virtual interface stays verifying")
	fs.DurationVar(&tm.MacSecKey, "macsec-key-delay", tm.MacSecKey, "simulated time a MACsec key stays associating")
	fs.DurationVar(&tm.Gateway, "gateway-delay", tm.Gateway, "simulated time a Direct Connect gateway or gateway association stays pending, associating, updating or disassociating")
	fs.DurationVar(&tm.EC2, "ec2-delay", tm.EC2, "simulated time a VPC, virtual private gateway or transit gateway stays pending, and a virtual private gateway attaching or detaching")
	fs.DurationVar(&tm.Deleting, "deleting-delay", tm.Deleting, "simulated time a deleted resource stays deleting before it is deleted")
	fs.DurationVar(&cfg.Service.DeletedRetention, "deleted-retention", cfg.Service.DeletedRetention, "how long deleted resources stay visible as deleted; then they leave the store")
	f.partnerAccounts = fs.String("partner-accounts", "", "comma-separated account IDs of Direct Connect Partners; ID:v2 for one that may allocate 1-10 Gbps hosted connections")
	f.configFile = fs.String("config", "", "JSON configuration file: partners and virtual gateways (see README)")
	f.logLevel = fs.String("log-level", "info", "debug, info, warn or error")
	f.autoCrossConnect = fs.Bool("auto-cross-connect", false, "deliver cross-connects of new dedicated connections and interconnects without an LOA download (saved with the world; omit the flag to keep the saved setting)")
	fs.Func("customer-router", `"configured" (a new world's: BGP sessions come up and MACsec keys come into force on their own) or "unconfigured" (as on a new AWS connection: sessions stay down, virtual interfaces are down once provisioned, MACsec keys stay associating); saved with the world, omit the flag to keep the saved setting`, func(v string) error {
		if err := core.CheckCustomerRouter(v); err != nil {
			return err
		}
		cfg.CustomerRouter = v
		return nil
	})
	fs.StringVar(&cfg.Auth, "auth", "", `"open" (default: signatures are not checked; a 12-digit access key is the account) or "strict" (only --credentials, every SigV4 signature verified); see docs/security.md`)
	f.credentialsFile = fs.String("credentials", "", `JSON file of strict mode's access keys: {"credentials": [{"accessKeyId", "secretAccessKey", "account", "sessionToken"}]}`)
	fs.StringVar(&cfg.AdminToken, "admin-token", os.Getenv(adminTokenEnv), "bearer token every admin API (/_dxsim/), console and /metrics request must carry (default $"+adminTokenEnv+"); generated and printed once when listening beyond loopback without one")
	fs.DurationVar(&limits.ReadHeader, "read-header-timeout", limits.ReadHeader, "time a client has to send a request's headers")
	fs.DurationVar(&limits.Read, "read-timeout", limits.Read, "time a client has to send a whole request, body included")
	fs.DurationVar(&limits.Write, "write-timeout", limits.Write, "time from the end of a request's headers to the end of its answer")
	fs.DurationVar(&limits.Idle, "idle-timeout", limits.Idle, "time an idle keep-alive connection is kept open")
	fs.DurationVar(&limits.Request, "request-timeout", limits.Request, "deadline of the work of one request")
	fs.IntVar(&limits.MaxConnections, "max-connections", limits.MaxConnections, "connections served at a time; one more is answered 429 ThrottlingException")
	f.maxImportMiB = fs.Int64("max-import-mib", adminapi.MaxImportBody>>20, "largest import (POST /_dxsim/import) accepted, in MiB; a world of 1,000,000 connections exports to about 400 MiB")
	addHosts := func(v string) error {
		names, err := browserguard.ParseNames(v)
		cfg.Hosts = append(cfg.Hosts, names...)
		return err
	}
	fs.Func("host", "host name every API (AWS, admin, console, metrics) answers to besides localhost, loopback addresses and the address a request comes in on; comma-separated or repeated. A request under any other Host (a DNS-rebinding web page) is refused", addHosts)
	fs.Func("admin-host", "the same as --host (its older name)", addHosts)
	fs.BoolVar(&cfg.BGP, "bgp", false, "run real BGP sessions for virtual interfaces on ports attached to Linux interfaces (needs Linux and CAP_NET_ADMIN; see docs/bgp.md)")
	documentEnv(fs)
	return fs, f
}

// parse parses args, then the DXSIM_ variables of the flags args does not
// set.
func (f *serveFlags) parse(fs *flag.FlagSet, args []string, cfg *server.Config) error {
	fs.Parse(args)
	if fs.NArg() > 0 {
		return fmt.Errorf("serve takes only flags; unexpected %q (dxsim serve -h lists the flags)", fs.Args())
	}
	if err := applyEnv(fs); err != nil {
		return err
	}
	// Only an explicit flag (or its variable) changes the saved setting.
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "auto-cross-connect" {
			cfg.AutoCrossConnect = f.autoCrossConnect
		}
	})
	return nil
}

// configure checks the flags and completes cfg with them, the credentials
// and configuration files they name, and an admin token when the API
// listens beyond loopback without one.
func (f *serveFlags) configure(cfg *server.Config, limits server.Limits) error {
	if limits.MaxConnections < 1 {
		return fmt.Errorf("-max-connections must be at least 1, got %d", limits.MaxConnections)
	}
	if *f.maxImportMiB < 1 || *f.maxImportMiB > 1<<20 {
		return fmt.Errorf("-max-import-mib must be between 1 and %d, got %d", 1<<20, *f.maxImportMiB)
	}
	cfg.MaxImportBody = *f.maxImportMiB << 20
	partners, err := dx.ParsePartnerAccounts(*f.partnerAccounts)
	if err != nil {
		return fmt.Errorf("-partner-accounts: %w", err)
	}
	cfg.Service.Partners = partners
	if *f.credentialsFile != "" {
		if cfg.Credentials, err = readCredentialsFile(*f.credentialsFile); err != nil {
			return err
		}
	}
	// A name dxsim was told to listen on is one it answers to.
	if h, _, err := net.SplitHostPort(*f.listen); err == nil && h != "" && net.ParseIP(h) == nil {
		cfg.Hosts = append(cfg.Hosts, h)
	}
	if *f.configFile != "" {
		if err := server.ReadFile(*f.configFile, cfg); err != nil {
			return err
		}
	}
	if cfg.AdminToken == "" && !loopback(*f.listen) {
		if cfg.AdminToken, err = newAdminToken(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "dxsim: listening beyond loopback without --admin-token; the admin API, the console and /metrics need this token (shown only now):\n%s\n(a browser opens the console once with /console/?token= and this token)\n", cfg.AdminToken)
	}
	return nil
}

// readCredentialsFile reads strict mode's access keys from the file
// --credentials names.
func readCredentialsFile(name string) ([]awsapi.Credential, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("-credentials: %w", err)
	}
	creds, err := awsapi.ReadCredentials(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("-credentials %s: %w", name, err)
	}
	return creds, nil
}

// run opens the server of cfg and serves it on listen until SIGINT or
// SIGTERM, then shuts it down, giving what is under way up to 10 seconds
// to end.
func run(cfg server.Config, limits server.Limits, listen string, log *slog.Logger) error {
	cfg.OpenStore = backend.Open
	srv, err := server.Open(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		srv.Close(context.Background())
		return err
	}
	hs := server.NewHTTPServer(srv.Handler(), limits)
	hs.RegisterOnShutdown(srv.EndStreams)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(server.LimitListener(ln, limits.MaxConnections)) }()
	log.Info("dxsim serving", "addr", ln.Addr().String(), "data", redactURL(cfg.DataPath), "auth", cmp.Or(cfg.Auth, awsapi.AuthOpen), "adminToken", cfg.AdminToken != "", "console", "http://"+ln.Addr().String()+"/console/")

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

// loopback reports whether addr (host:port) listens only on a loopback
// address; an empty host or 0.0.0.0 listens on every interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newAdminToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
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
