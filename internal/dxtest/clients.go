package dxtest

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The clients of the services dxsim serves beside Direct Connect, on the
// same endpoint, signing as account in region, without retries.

// EC2For returns an EC2 client.
func (w *World) EC2For(account, region string) *ec2.Client {
	return ec2.New(ec2.Options{
		Region: region, BaseEndpoint: aws.String(w.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(account, "secret", ""),
		HTTPClient:  &http.Client{Transport: ownBody{http.DefaultTransport}},
	})
}

// SecretsManagerFor returns a Secrets Manager client.
func (w *World) SecretsManagerFor(account, region string) *secretsmanager.Client {
	return secretsmanager.New(secretsmanager.Options{
		Region: region, BaseEndpoint: aws.String(w.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(account, "secret", ""),
		HTTPClient:  &http.Client{Transport: ownBody{http.DefaultTransport}},
	})
}

// STSFor returns an STS client.
func (w *World) STSFor(account, region string) *sts.Client {
	return sts.New(sts.Options{
		Region: region, BaseEndpoint: aws.String(w.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(account, "secret", ""),
		HTTPClient:  &http.Client{Transport: ownBody{http.DefaultTransport}},
	})
}
