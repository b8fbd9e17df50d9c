package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

const adminUsage = `usage: dxsim admin [--endpoint URL] clock                    show the simulated clock
       dxsim admin [--endpoint URL] clock set real|manual
       dxsim admin [--endpoint URL] clock set scaled FACTOR
       dxsim admin [--endpoint URL] clock advance DURATION   (e.g. 72h, 90s)`

// admin drives a running dxsim through its /_dxsim/ API and prints the JSON
// answer.
func admin(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("admin", flag.ContinueOnError)
	endpoint := fs.String("endpoint", "http://127.0.0.1:4599", "address of the running dxsim")
	fs.Usage = func() { fmt.Fprintln(os.Stderr, adminUsage) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	a := fs.Args()
	var method, path string
	var body any
	switch {
	case len(a) == 1 && a[0] == "clock":
		method, path = http.MethodGet, "/_dxsim/clock"
	case len(a) == 3 && a[0] == "clock" && a[1] == "set":
		method, path, body = http.MethodPut, "/_dxsim/clock", map[string]any{"mode": a[2]}
	case len(a) == 4 && a[0] == "clock" && a[1] == "set":
		factor, err := strconv.ParseFloat(a[3], 64)
		if err != nil {
			return fmt.Errorf("factor %q is not a number", a[3])
		}
		method, path, body = http.MethodPut, "/_dxsim/clock", map[string]any{"mode": a[2], "factor": factor}
	case len(a) == 3 && a[0] == "clock" && a[1] == "advance":
		method, path, body = http.MethodPost, "/_dxsim/clock/advance", map[string]any{"duration": a[2]}
	default:
		return fmt.Errorf("unknown admin command %q\n%s", a, adminUsage)
	}
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, *endpoint+path, rd)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(out))
	}
	_, err = stdout.Write(out)
	return err
}
