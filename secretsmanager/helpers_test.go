// Helpers shared by the tests of this package.
package secretsmanager_test

import "context"

var ctx = context.Background()
