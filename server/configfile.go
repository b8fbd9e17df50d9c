package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/browserguard"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dx"
)

// File is the JSON configuration file of `dxsim serve --config FILE`: the
// parts of a world that are configuration rather than API state.
type File struct {
	// Partners are the accounts registered as Direct Connect Partners.
	Partners []dx.Partner `json:"partners"`
	// VirtualGateways are the virtual private gateways and transit gateways
	// of accounts (EC2 resources) that Direct Connect gateways associate
	// with and private virtual interfaces attach to.
	VirtualGateways []dx.VirtualGatewayRecord `json:"virtualGateways"`
	// AutoCrossConnect sets the world's autoCrossConnect setting, unless
	// the --auto-cross-connect flag does.
	AutoCrossConnect *bool `json:"autoCrossConnect"`
	// CustomerRouter sets the world's customerRouter setting (configured or
	// unconfigured), unless the --customer-router flag does.
	CustomerRouter string `json:"customerRouter,omitempty"`
	// Auth is the auth mode, open or strict, unless --auth says otherwise.
	Auth string `json:"auth,omitempty"`
	// Credentials are access keys of strict mode, added to those of
	// --credentials.
	Credentials []awsapi.Credential `json:"credentials,omitempty"`
	// Hosts are Host names every API answers to (--host).
	Hosts []string `json:"hosts,omitempty"`
	// AdminHosts are more Hosts: the older name of the key, kept so that
	// older files still start.
	AdminHosts []string `json:"adminHosts,omitempty"`
}

// ReadFile reads a configuration file and adds what it says to cfg.
// Unknown keys are errors, so that a misspelled key is not silently ignored.
func ReadFile(path string, cfg *Config) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	for _, p := range f.Partners {
		if err := dx.CheckAccountID("partner account", p.Account); err != nil {
			return fmt.Errorf("config %s: %s", path, err.(*dx.Error).Message)
		}
	}
	gws := append(slices.Clone(cfg.Service.VirtualGateways), f.VirtualGateways...)
	if err := dx.CheckVirtualGateways(gws); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	hosts, err := browserguard.ParseNames(append(f.Hosts, f.AdminHosts...)...)
	if err != nil {
		return fmt.Errorf("config %s: hosts: %w", path, err)
	}
	if f.AutoCrossConnect != nil && cfg.AutoCrossConnect == nil {
		cfg.AutoCrossConnect = f.AutoCrossConnect
	}
	if f.CustomerRouter != "" {
		if err := core.CheckCustomerRouter(f.CustomerRouter); err != nil {
			return fmt.Errorf("config %s: %w", path, err)
		}
		if cfg.CustomerRouter == "" {
			cfg.CustomerRouter = f.CustomerRouter
		}
	}
	if _, err := awsapi.CredentialsByKey(append(slices.Clone(cfg.Credentials), f.Credentials...)); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if cfg.Auth == "" {
		cfg.Auth = f.Auth
	}
	cfg.Credentials = append(cfg.Credentials, f.Credentials...)
	cfg.Hosts = append(cfg.Hosts, hosts...)
	cfg.Service.Partners = append(cfg.Service.Partners, f.Partners...)
	cfg.Service.VirtualGateways = gws
	return nil
}
