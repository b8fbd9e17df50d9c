package server

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "dxsim.json")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg := DefaultConfig()
	if err := ReadFile(write(`{"partners": [{"account": "777788889999", "name": "Example Networks", "gigabit": true}]}`), &cfg); err != nil {
		t.Fatal(err)
	}
	if p := cfg.Service.Partners; len(p) != 1 || p[0].Name != "Example Networks" || !p[0].Gigabit {
		t.Errorf("partners = %+v", p)
	}
	for body, want := range map[string]string{
		`{"partner": []}`:                  "unknown field",
		`{"partners": [{"account": "1"}]}`: "12 digits",
		`not json`:                         "invalid character",
	} {
		err := ReadFile(write(body), &cfg)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v, want an error about %s", body, err, want)
		}
	}
	if err := ReadFile(filepath.Join(dir, "missing.json"), &cfg); err == nil {
		t.Errorf("a missing file was accepted")
	}
}

func TestReadFileVirtualGateways(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg := DefaultConfig()
	first := write("first.json", `{"virtualGateways": [
		{"id": "vgw-0123456789abcdef0", "owner": "111122223333", "region": "us-east-1", "vpcCidrs": ["10.0.0.0/16"]},
		{"id": "tgw-01234567", "owner": "444455556666", "region": "eu-west-1", "type": "transitGateway", "amazonSideAsn": 65100}]}`)
	if err := ReadFile(first, &cfg); err != nil {
		t.Fatal(err)
	}
	gws := cfg.Service.VirtualGateways
	if len(gws) != 2 || gws[0].Type != "virtualPrivateGateway" || gws[0].VpcCidrs[0] != "10.0.0.0/16" || gws[1].Type != "transitGateway" || gws[1].AmazonSideAsn != 65100 {
		t.Errorf("virtual gateways = %+v", gws)
	}
	for body, want := range map[string]string{
		`{"virtualGateways": [{"id": "vgw-1", "owner": "111122223333", "region": "us-east-1"}]}`:                            "8 or 17 hexadecimal digits",
		`{"virtualGateways": [{"id": "vgw-01234567", "owner": "1111", "region": "us-east-1"}]}`:                             "12 digits",
		`{"virtualGateways": [{"id": "vgw-01234567", "owner": "111122223333"}]}`:                                            "region is missing",
		`{"virtualGateways": [{"id": "vgw-01234567", "owner": "111122223333", "region": "us-east-1", "vpc": []}]}`:          "unknown field",
		`{"virtualGateways": [{"id": "vgw-0123456789abcdef0", "owner": "111122223333", "region": "us-east-1"}]}`:            "declared twice",
		`{"virtualGateways": [{"id": "tgw-89abcdef", "owner": "111122223333", "region": "us-east-1", "amazonSideAsn": 1}]}`: "amazonSideAsn 1",
	} {
		err := ReadFile(write("bad.json", body), &cfg)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v, want an error about %s", body, err, want)
		}
	}
	if len(cfg.Service.VirtualGateways) != 2 {
		t.Errorf("refused files changed the declared gateways: %+v", cfg.Service.VirtualGateways)
	}
}

// TestConfigFileAddsHosts: "hosts" and its older name "adminHosts" both add
// names every API answers to; a name with a port or scheme is refused.
func TestConfigFileAddsHosts(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dxsim.json")
	os.WriteFile(p, []byte(`{"hosts": ["dxsim.internal", "[fd00::1]"], "adminHosts": ["old.internal"]}`), 0o644)
	cfg := DefaultConfig()
	cfg.Hosts = []string{"flag.internal"}
	if err := ReadFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	if want := []string{"flag.internal", "dxsim.internal", "fd00::1", "old.internal"}; !slices.Equal(cfg.Hosts, want) {
		t.Errorf("hosts %v, want %v", cfg.Hosts, want)
	}
	for _, bad := range []string{"dxsim.internal:4599", "http://dxsim.internal", "a b"} {
		os.WriteFile(p, []byte(`{"hosts": ["`+bad+`"]}`), 0o644)
		cfg := DefaultConfig()
		if err := ReadFile(p, &cfg); err == nil || !strings.Contains(err.Error(), "without scheme, port or path") || len(cfg.Hosts) != 0 {
			t.Errorf("hosts [%q]: %v, hosts %v; want refused", bad, err, cfg.Hosts)
		}
	}
}

func TestConfigFileSetsAuth(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dxsim.json")
	os.WriteFile(p, []byte(`{"auth": "strict", "adminHosts": ["dxsim.internal"], "credentials": [{"accessKeyId": "AKIACONFIG", "secretAccessKey": "s", "account": "111122223333", "sessionToken": "t"}]}`), 0o644)
	cfg := DefaultConfig()
	if err := ReadFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Auth != "strict" || len(cfg.Credentials) != 1 || cfg.Credentials[0].SessionToken != "t" || !slices.Equal(cfg.Hosts, []string{"dxsim.internal"}) {
		t.Errorf("config = auth %q, credentials %+v, hosts %v", cfg.Auth, cfg.Credentials, cfg.Hosts)
	}
	// --auth on the command line wins over the file.
	cfg = DefaultConfig()
	cfg.Auth = "open"
	if err := ReadFile(p, &cfg); err != nil || cfg.Auth != "open" {
		t.Errorf("auth %q, %v; want the flag's open", cfg.Auth, err)
	}
	// A key given twice (file and --credentials) is refused.
	if err := ReadFile(p, &cfg); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a key given twice: %v", err)
	}
}

func TestReadFileAutoCrossConnect(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dxsim.json")
	if err := os.WriteFile(p, []byte(`{"autoCrossConnect": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	if err := ReadFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.AutoCrossConnect == nil || !*cfg.AutoCrossConnect {
		t.Errorf("autoCrossConnect from the file = %v, want true", cfg.AutoCrossConnect)
	}
	// The flag, given before the file is read, wins.
	off := false
	cfg = DefaultConfig()
	cfg.AutoCrossConnect = &off
	if err := ReadFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	if *cfg.AutoCrossConnect {
		t.Errorf("the file overrode the flag")
	}
}

func TestReadFileCustomerRouter(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := write("dxsim.json", `{"customerRouter": "unconfigured"}`)
	cfg := DefaultConfig()
	if err := ReadFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.CustomerRouter != "unconfigured" {
		t.Errorf("customerRouter from the file = %q, want unconfigured", cfg.CustomerRouter)
	}
	// The flag, given before the file is read, wins.
	cfg = DefaultConfig()
	cfg.CustomerRouter = "configured"
	if err := ReadFile(p, &cfg); err != nil || cfg.CustomerRouter != "configured" {
		t.Errorf("customerRouter %q, %v; want the flag's configured", cfg.CustomerRouter, err)
	}
	// A value that is neither is refused, naming the file and the values.
	bad := write("bad.json", `{"customerRouter": "absent"}`)
	cfg = DefaultConfig()
	if err := ReadFile(bad, &cfg); err == nil || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), `"configured" or "unconfigured"`) {
		t.Errorf("customerRouter absent: %v", err)
	}
}

func TestOpenRefusesAnUnknownCustomerRouter(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DataPath, cfg.CustomerRouter = ":memory:", "absent"
	if srv, err := Open(cfg); err == nil {
		srv.Close(context.Background())
		t.Fatal("Open accepted customerRouter absent")
	} else if !strings.Contains(err.Error(), "customerRouter") {
		t.Errorf("Open: %v, want a message naming customerRouter", err)
	}
}
