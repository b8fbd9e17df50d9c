package smapi

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/secretsmanager"
)

func TestReadmeListsTheSecretsManagerOperationsServed(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| Secrets Manager |") {
			listed = strings.Split(strings.TrimSpace(strings.Split(line, "|")[3]), ", ")
		}
	}
	slices.Sort(listed)
	h := NewHandler(secretsmanager.New(core.NewBase(nil, nil, nil, core.Config{})), awsapi.Identity{}, nil)
	if want := h.Operations(); !slices.Equal(listed, want) {
		t.Errorf("README lists %v\nserved: %v", listed, want)
	}
}
