// Helpers shared by the tests of this package.
package server_test

import "context"

var ctx = context.Background()
