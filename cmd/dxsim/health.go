package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// health checks that a dxsim answers GET /health, for container health
// checks in images that have no curl.
func health(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	endpoint := fs.String("endpoint", cmp.Or(os.Getenv("AWS_ENDPOINT_URL"), listenURL(os.Getenv(envName("listen"))), "http://127.0.0.1:4599"), "address of the running dxsim")
	documentEnv(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := applyEnv(fs); err != nil {
		return err
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(strings.TrimSuffix(*endpoint, "/") + "/health")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /health answered %s: %s", resp.Status, body)
	}
	_, err = stdout.Write(body)
	return err
}

// listenURL is the URL of a local dxsim serving on addr (a DXSIM_LISTEN
// value, as in a container), or "" if addr is empty or unusable.
func listenURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
