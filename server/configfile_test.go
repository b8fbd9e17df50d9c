package server

import (
	"os"
	"path/filepath"
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
