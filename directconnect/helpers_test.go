// Helpers shared by the tests of this package.
package directconnect_test

import (
	"context"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

func wantConnectionState(t *testing.T, c *directconnect.Client, id *string, want types.ConnectionState) {
	t.Helper()
	if got := dxsimtest.DescribeConnection(t, c, id).ConnectionState; got != want {
		t.Fatalf("connection %s is %s, want %s", aws.ToString(id), got, want)
	}
}

func memberIDs(l types.Lag) []string {
	var ids []string
	for _, c := range l.Connections {
		ids = append(ids, aws.ToString(c.ConnectionId))
	}
	sort.Strings(ids)
	return ids
}
