package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// commits reads how many store commits dxsim has made and how many
// transactions they carried, from its /metrics; ok is false when dxsim
// does not report them (metrics off, or behind an admin token).
func commits(c *caller) (n, txs float64, ok bool) {
	resp, err := c.client.Get(c.endpoint + "/metrics")
	if err != nil {
		return 0, 0, false
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, 0, false
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		return 0, 0, false
	}
	f := families["dxsim_store_commit_batch_size"]
	if f == nil || len(f.GetMetric()) == 0 {
		return 0, 0, false
	}
	h := f.GetMetric()[0].GetHistogram()
	return float64(h.GetSampleCount()), h.GetSampleSum(), true
}

// fsyncs measures what a durable commit cannot go below on the disk of
// dir: the latency of writing 4 KiB to a file and fsyncing it, as SQLite
// does with its WAL at each commit.
func fsyncs(args []string) error {
	fs := flag.NewFlagSet("fsync", flag.ExitOnError)
	dir := fs.String("dir", os.TempDir(), "a directory on the disk to measure")
	n := fs.Int("n", 500, "writes, each followed by an fsync")
	fs.Parse(args)
	f, err := os.CreateTemp(*dir, "dxbench-fsync-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	page := make([]byte, 4096)
	took := make([]time.Duration, 0, *n)
	for i := range *n {
		start := time.Now()
		if _, err := f.WriteAt(page, int64(i)*int64(len(page))); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	var sum time.Duration
	for _, d := range took {
		sum += d
	}
	pct := func(p float64) time.Duration {
		return took[min(len(took)-1, int(p*float64(len(took))))].Round(time.Microsecond)
	}
	fmt.Printf("write 4 KiB + fsync in %s, %d times: mean %v, p50 %v, p90 %v, p99 %v\n",
		filepath.Clean(*dir), *n, (sum / time.Duration(len(took))).Round(time.Microsecond), pct(0.5), pct(0.9), pct(0.99))
	return nil
}
