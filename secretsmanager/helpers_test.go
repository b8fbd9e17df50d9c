// Helpers shared by the tests of this package.
package secretsmanager_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

// macsecSecretOf is the secretARN of the key with ckn listed on connection id.
func macsecSecretOf(t *testing.T, c *directconnect.Client, id *string, ckn string) *string {
	t.Helper()
	for _, k := range dxsimtest.DescribeConnection(t, c, id).MacSecKeys {
		if aws.ToString(k.Ckn) == ckn {
			return k.SecretARN
		}
	}
	t.Fatalf("%s lists no key with CKN %s", aws.ToString(id), ckn)
	return nil
}

var macsecSecretARN = regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:111122223333:secret:\S+$`)

func macsecLag(t *testing.T, c *directconnect.Client, location, bandwidth string, n int32, macSec bool) *directconnect.CreateLagOutput {
	t.Helper()
	out, err := c.CreateLag(ctx, &directconnect.CreateLagInput{
		Location: aws.String(location), ConnectionsBandwidth: aws.String(bandwidth), NumberOfConnections: n,
		LagName: aws.String("macsec lag"), RequestMACSec: aws.Bool(macSec),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
