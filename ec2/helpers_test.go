// Helpers shared by the tests of this package.
package ec2_test

import "context"

var ctx = context.Background()
