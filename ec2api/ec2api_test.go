package ec2api

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/ec2"
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
		n, _ := strconv.Atoi(strings.TrimSpace(cells[2]))
		row := strings.Split(strings.TrimSpace(cells[3]), ", ")
		if n != len(row) {
			t.Errorf("README row %q counts %d operations and lists %d", strings.TrimSpace(cells[1]), n, len(row))
		}
		ops = append(ops, row...)
	}
	slices.Sort(ops)
	return ops
}

func TestReadmeListsTheEC2OperationsServed(t *testing.T) {
	h := NewHandler(ec2.New(core.NewBase(nil, nil, nil, core.Config{})), awsapi.Identity{}, nil)
	if got, want := readmeOperations(t, "EC2:"), h.Operations(); !slices.Equal(got, want) {
		t.Errorf("README lists %v\nserved: %v", got, want)
	}
}
