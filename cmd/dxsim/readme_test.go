package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tourHeading starts the README section whose shell blocks TestReadmeTour
// runs, as written, one after another in one shell.
const tourHeading = "## A short tour with the aws CLI"

// readmeAddress is the address the README's blocks name; the test's dxsim
// listens elsewhere, so that address is the one thing replaced.
const readmeAddress = "127.0.0.1:4599"

// tourBlocks are the ```sh blocks of the README's tour section.
func tourBlocks(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n"+tourHeading+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", tourHeading)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)\n```sh\n(.*?)\n```\n").FindAllStringSubmatch(section, -1) {
		blocks = append(blocks, m[1])
	}
	if len(blocks) == 0 {
		t.Fatalf("the README's tour has no ```sh blocks")
	}
	return blocks
}

// awsCLI finds the aws CLI, or skips. honours says whether it reads
// AWS_ENDPOINT_URL (v1 from 1.29, v2 from 2.13).
func awsCLI(t *testing.T) (path, version string, honours bool) {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("no aws CLI on PATH; the README tour needs one (pip install awscli, or Debian's awscli)")
	}
	out, err := exec.Command(path, "--version").CombinedOutput()
	if err != nil {
		t.Skipf("aws --version failed: %v %s", err, out)
	}
	version = strings.TrimSpace(string(out))
	m := regexp.MustCompile(`aws-cli/(\d+)\.(\d+)`).FindStringSubmatch(version)
	if m == nil {
		t.Skipf("cannot tell the aws CLI's version from %q", out)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return path, version, major == 1 && minor >= 29 || major == 2 && minor >= 13 || major > 2
}

// endpointWrapper is an aws command for a CLI that ignores AWS_ENDPOINT_URL:
// it passes --endpoint-url itself, as the README tells users of such a CLI.
const endpointWrapper = `#!/bin/sh
for a in "$@"; do
	[ "$a" = --endpoint-url ] && exec "$REAL_AWS" "$@"
done
exec "$REAL_AWS" --endpoint-url "$AWS_ENDPOINT_URL" "$@"
`

// TestReadmeTour runs the README's tour against a fresh dxsim with the aws
// CLI of this machine and fails when a block fails. A CLI too old to read
// AWS_ENDPOINT_URL is run through a wrapper that passes --endpoint-url.
func TestReadmeTour(t *testing.T) {
	realAWS, version, honours := awsCLI(t)
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("the README tour uses openssl (rand -hex) for MACsec keys; none on PATH")
	}
	blocks := tourBlocks(t)
	ctx, cancel := context.WithTimeout(context.Background(), processTimeout)
	defer cancel()
	dir := t.TempDir()
	p := startDxsim(t, ctx, dir, "--data", ":memory:")
	addr := strings.TrimPrefix(p.url, "http://")

	var script strings.Builder
	script.WriteString("set -euo pipefail\n")
	for i, b := range blocks {
		fmt.Fprintf(&script, "echo '>>> block %d' >&2\n%s\n", i+1, checkAnswers(strings.ReplaceAll(b, readmeAddress, addr)))
	}
	path := filepath.Dir(dxsimBinary(t)) + string(os.PathListSeparator) + os.Getenv("PATH")
	if !honours {
		t.Logf("%s ignores AWS_ENDPOINT_URL; the tour runs it through a wrapper that passes --endpoint-url", version)
		wrapper := filepath.Join(t.TempDir(), "bin")
		if err := os.Mkdir(wrapper, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(wrapper, "aws"), []byte(endpointWrapper), 0o755); err != nil {
			t.Fatal(err)
		}
		path = wrapper + string(os.PathListSeparator) + path
	}
	cmd := exec.CommandContext(ctx, "bash", "-c", script.String())
	cmd.Dir = dir
	cmd.Env = append(cleanAWSEnv(os.Environ()),
		"PATH="+path,
		"REAL_AWS="+realAWS,
		"AWS_CONFIG_FILE="+filepath.Join(dir, "no-aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "no-aws-credentials"),
		"AWS_PAGER=",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		block := "?"
		if m := regexp.MustCompile(`(?m)^>>> block (\d+)$`).FindAllStringSubmatch(string(out), -1); m != nil {
			block = m[len(m)-1][1]
		}
		t.Fatalf("README tour block %s failed (%v):\n%s\n--- block %s:\n%s\n--- dxsim:\n%s", block, err, out, block, blockText(blocks, block), p.logs)
	}
	t.Logf("tour output:\n%s", out)
	for _, pdf := range []string{"loa.pdf"} {
		b, err := os.ReadFile(filepath.Join(dir, pdf))
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("the tour's %s is not a PDF (%v): %.20q", pdf, err, b)
		}
	}
}

// answerComment is a command whose text output the README gives in a
// comment: `aws ... --output text   # available`.
var answerComment = regexp.MustCompile(`^(.*--output text)\s+#\s*([a-z]+(?: [a-z]+)*)\s*$`)

// checkAnswers makes each command of block that the README says answers
// some words fail unless it answers them (whitespace aside). Commands
// continued with a backslash are one command.
func checkAnswers(block string) string {
	var out, command []string
	for _, line := range strings.Split(block, "\n") {
		command = append(command, line)
		if strings.HasSuffix(line, "\\") {
			continue
		}
		joined := strings.Join(command, "\n")
		command = nil
		m := answerComment.FindStringSubmatch(joined)
		if m == nil {
			out = append(out, joined)
			continue
		}
		want := m[2]
		out = append(out, fmt.Sprintf("answer=$(%s)\necho \"$answer\"\n"+
			"[ \"$(echo $answer)\" = %q ] || { echo \"README says %s, got: $answer\" >&2; exit 1; }", m[1], want, want))
	}
	return strings.Join(append(out, command...), "\n")
}

func blockText(blocks []string, n string) string {
	i, err := strconv.Atoi(n)
	if err != nil || i < 1 || i > len(blocks) {
		return ""
	}
	return blocks[i-1]
}

// cleanAWSEnv drops the AWS settings of whoever runs the test, so that the
// tour sees only its own.
func cleanAWSEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "DXSIM_") {
			out = append(out, kv)
		}
	}
	return out
}

func TestReadmeAnswersAreChecked(t *testing.T) {
	run := func(block string) error {
		return exec.Command("bash", "-c", "set -euo pipefail\nstate() { echo \"$@\" | cut -d' ' -f1,2; }\n"+checkAnswers(block)).Run()
	}
	for block, ok := range map[string]bool{
		"state available up --output text   # available up":             true,
		"state available \\\n    up --output text   # available up":     true,
		"state down --output text   # available":                        false,
		"state pending --output text       # requested":                 false,
		"state pending --query x   # not an answer, the flag is absent": true,
	} {
		if err := run(block); (err == nil) != ok {
			t.Errorf("block %q: error %v, want ok=%v", block, err, ok)
		}
	}
}
