package dxsimtest

// The waiters of the Terraform AWS provider, run on dxsim's clock, that the
// tests of several packages (directconnect, operator) take.

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
)

// ProviderPoll is how often the provider's waiters refresh (their
// StateChangeConf MinTimeout); dxsim's manual clock moves by it between polls.
const ProviderPoll = 5 * time.Second

// WaitLike runs a provider waiter on dxsim's clock: it polls state, which
// answers "" once the provider would find the resource gone, advancing the
// clock by ProviderPoll between polls. It fails t if a state is neither
// pending nor target, or if target is not reached within timeout. An empty
// target means "gone", as the provider's delete waiters mean it.
func WaitLike(t testing.TB, w *World, timeout time.Duration, pending, target []string, state func() string) string {
	t.Helper()
	for waited := time.Duration(0); ; waited += ProviderPoll {
		s := state()
		switch {
		case len(target) == 0 && s == "", slices.Contains(target, s):
			return s
		case s == "" && len(target) > 0:
			t.Fatalf("resource gone while waiting for %v", target)
		case !slices.Contains(pending, s):
			t.Fatalf("state %q is neither pending %v nor target %v", s, pending, target)
		case waited >= timeout:
			t.Fatalf("still %q after %s of simulated time, the provider's timeout; want %v", s, timeout, target)
		}
		w.Clock.Advance(ProviderPoll)
	}
}

// ConnectionStatus is connection.go statusConnection: a deleted or rejected
// connection, or an error containing "Could not find Connection with ID",
// is gone.
func ConnectionStatus(t testing.TB, c *directconnect.Client, id *string) func() string {
	return func() string {
		out, err := c.DescribeConnections(context.Background(), &directconnect.DescribeConnectionsInput{ConnectionId: id})
		if err != nil {
			WantError(t, err, "DirectConnectClientException", "Could not find Connection with ID "+aws.ToString(id))
			return ""
		}
		if len(out.Connections) != 1 {
			t.Fatalf("DescribeConnections(%s) listed %d connections", aws.ToString(id), len(out.Connections))
		}
		if s := out.Connections[0].ConnectionState; s != types.ConnectionStateDeleted && s != types.ConnectionStateRejected {
			return string(s)
		}
		return ""
	}
}
