// Helpers shared by the tests of this package.
package operator_test

import (
	"context"
)

var ctx = context.Background()
