// Helpers shared by the tests of this package.
package directconnect_test

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
)

var ctx = context.Background()

func memberIDs(l types.Lag) []string {
	var ids []string
	for _, c := range l.Connections {
		ids = append(ids, aws.ToString(c.ConnectionId))
	}
	sort.Strings(ids)
	return ids
}
