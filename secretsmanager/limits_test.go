package secretsmanager_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestSecretValuesAndMembersAreBounded: a value of 65,536 bytes is kept;
// one byte more, a 70,000-character SecretString, and keys, tokens and IDs
// past Secrets Manager's documented lengths are refused with
// ValidationException naming the member and the bound, without repeating
// the value, and change nothing.
func TestSecretValuesAndMembersAreBounded(t *testing.T) {
	w := dxsimtest.Start(t)
	sm := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	largest := strings.Repeat("s", 65536)
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("big"), SecretString: aws.String(largest)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN})
	if err != nil || aws.ToString(got.SecretString) != largest {
		t.Fatalf("GetSecretValue of a 65,536-byte value: %d bytes, %v", len(aws.ToString(got.SecretString)), err)
	}

	tooLong := strings.Repeat("s", 65537)
	for _, tc := range []struct {
		name   string
		call   func() error
		member string
	}{
		{"CreateSecret with 70,000 characters", func() error {
			_, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("huge"), SecretString: aws.String(strings.Repeat("x", 70000))})
			return err
		}, "'secretString'"},
		{"CreateSecret with a binary of 65,537 bytes", func() error {
			_, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("huge"), SecretBinary: []byte(tooLong)})
			return err
		}, "'secretBinary'"},
		{"CreateSecret with a tag value of 257 characters", func() error {
			_, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("huge"), Tags: []smtypes.Tag{{Key: aws.String("k"), Value: aws.String(strings.Repeat("v", 257))}}})
			return err
		}, "'tags.1.member.value'"},
		{"CreateSecret with a KMS key ID of 2,049 characters", func() error {
			_, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("huge"), KmsKeyId: aws.String(strings.Repeat("k", 2049))})
			return err
		}, "'kmsKeyId'"},
		{"PutSecretValue of 65,537 bytes", func() error {
			_, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String(tooLong)})
			return err
		}, "'secretString'"},
		{"PutSecretValue with a token of 65 characters", func() error {
			_, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String("v"), ClientRequestToken: aws.String(strings.Repeat("t", 65))})
			return err
		}, "'clientRequestToken'"},
		{"PutSecretValue with a staging label of 257 characters", func() error {
			_, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String("v"), VersionStages: []string{strings.Repeat("l", 257)}})
			return err
		}, "'versionStages.1.member'"},
		{"UpdateSecret of 65,537 bytes", func() error {
			_, err := sm.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{SecretId: created.ARN, SecretString: aws.String(tooLong)})
			return err
		}, "'secretString'"},
		{"TagResource with a key of 129 characters", func() error {
			_, err := sm.TagResource(ctx, &secretsmanager.TagResourceInput{SecretId: created.ARN, Tags: []smtypes.Tag{{Key: aws.String(strings.Repeat("k", 129)), Value: aws.String("v")}}})
			return err
		}, "'tags.1.member.key'"},
		{"DescribeSecret of an ID of 2,049 characters", func() error {
			_, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(strings.Repeat("i", 2049))})
			return err
		}, "'secretId'"},
	} {
		err := tc.call()
		dxsimtest.WantError(t, err, "ValidationException", tc.member, "failed to satisfy constraint")
		if err != nil && (len(err.Error()) > 1024 || strings.Contains(err.Error(), strings.Repeat("s", 100))) {
			t.Errorf("%s: the refusal repeats the value (%d bytes)", tc.name, len(err.Error()))
		}
	}
	list, err := sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
	if err != nil || len(list.SecretList) != 1 || len(list.SecretList[0].Tags) != 0 {
		t.Errorf("after refusals: %d secrets, %v", len(list.SecretList), err)
	}
	got, err = sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN})
	if err != nil || aws.ToString(got.SecretString) != largest {
		t.Errorf("after refused updates the value has %d bytes, %v", len(aws.ToString(got.SecretString)), err)
	}
}

// TestASecretCarriesAtMost20StagingLabels: versions each put with a label
// of its own stay while labelled, so the quota of 20 labels per secret
// bounds the versions a secret keeps; the 21st label is refused.
func TestASecretCarriesAtMost20StagingLabels(t *testing.T) {
	w := dxsimtest.Start(t)
	sm := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("labels"), SecretString: aws.String("v0")})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 20; i++ { // AWSCURRENT and 19 more
		if _, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String(fmt.Sprint("v", i)), VersionStages: []string{fmt.Sprint("L", i)}}); err != nil {
			t.Fatalf("label %d: %v", i+1, err)
		}
	}
	_, err = sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String("v20"), VersionStages: []string{"L20"}})
	dxsimtest.WantError(t, err, "LimitExceededException", "20 staging labels")
	// A label the secret has moves to the new version.
	if _, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String("v21"), VersionStages: []string{"L1"}}); err != nil {
		t.Errorf("moving label L1: %v", err)
	}
	if _, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN, VersionStage: aws.String("L20")}); err == nil {
		t.Error("the refused label L20 was attached")
	}
}
