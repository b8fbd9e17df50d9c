package awsapi

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readmeOperations are the operations the README's table lists on rows
// whose first cell starts with prefix, checking each row's count.
func readmeOperations(t *testing.T, prefix string) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| "+prefix) {
			continue
		}
		cells := strings.Split(line, "|")
		row := strings.Split(strings.TrimSpace(cells[3]), ", ")
		if n, err := strconv.Atoi(strings.TrimSpace(cells[2])); err == nil && n != len(row) {
			t.Errorf("README row %q counts %d operations and lists %d", strings.TrimSpace(cells[1]), n, len(row))
		}
		ops = append(ops, row...)
	}
	slices.Sort(ops)
	return ops
}

func TestReadmeListsTheEC2OperationsServed(t *testing.T) {
	if got, want := readmeOperations(t, "EC2:"), EC2(nil).Operations(); !slices.Equal(got, want) {
		t.Errorf("README lists %v\nserved: %v", got, want)
	}
}

func TestReadmeListsTheSecretsManagerOperationsServed(t *testing.T) {
	if got, want := readmeOperations(t, "Secrets Manager |"), SecretsManager(nil).Operations(); !slices.Equal(got, want) {
		t.Errorf("README lists %v\nserved: %v", got, want)
	}
}

func TestReadmeListsTheSTSOperationsServed(t *testing.T) {
	if got, want := readmeOperations(t, "STS |"), STS(nil).Operations(); !slices.Equal(got, want) {
		t.Errorf("README lists %v\nserved: %v", got, want)
	}
}

func TestReadmeListsTheCloudWatchOperationsServed(t *testing.T) {
	if got, want := readmeOperations(t, "CloudWatch:"), CloudWatch(nil).Operations(); !slices.Equal(got, want) {
		t.Errorf("README lists %v\nserved: %v", got, want)
	}
}
