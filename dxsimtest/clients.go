package dxsimtest

import (
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The clients of the services dxsim serves beside Direct Connect, on the
// same endpoint, signing as account in region, without retries.

// EC2For returns an EC2 client.
func (w *World) EC2For(account, region string) *ec2.Client {
	return ec2.NewFromConfig(w.AWSConfig(account, region))
}

// SecretsManagerFor returns a Secrets Manager client.
func (w *World) SecretsManagerFor(account, region string) *secretsmanager.Client {
	return secretsmanager.NewFromConfig(w.AWSConfig(account, region))
}

// STSFor returns an STS client.
func (w *World) STSFor(account, region string) *sts.Client {
	return sts.NewFromConfig(w.AWSConfig(account, region))
}

// CloudWatchFor returns a CloudWatch client. It sends Smithy RPC v2 CBOR,
// the protocol of aws-sdk-go-v2's cloudwatch client from v1.53.0.
func (w *World) CloudWatchFor(account, region string) *cloudwatch.Client {
	return cloudwatch.NewFromConfig(w.AWSConfig(account, region))
}
