package secretsmanager_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// bodyRecorder keeps every response body a client received.
type bodyRecorder struct {
	mu     sync.Mutex
	bodies []string
}

func (r *bodyRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	r.mu.Lock()
	r.bodies = append(r.bodies, string(b))
	r.mu.Unlock()
	return resp, err
}

func (r *bodyRecorder) contains(s string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, b := range r.bodies {
		if strings.Contains(strings.ToLower(b), s) {
			return true
		}
	}
	return false
}

func secretsClient(w *dxsimtest.World, account string) (*secretsmanager.Client, *bodyRecorder) {
	rec := &bodyRecorder{}
	c := w.SecretsManagerFor(account, dxsimtest.Region)
	return secretsmanager.New(c.Options(), func(o *secretsmanager.Options) { o.HTTPClient = rec }), rec
}

// The secret AssociateMacSecKey stores is a Secrets Manager secret of the
// caller's account: described and listed with its ARN and name, never its
// CAK.
func TestMacSecKeySecretIsDescribedAndListedWithoutItsCak(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	c := w.Client()
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	dxsimtest.MacsecAssociate(t, c, conn, dxsimtest.MacsecCkn, dxsimtest.MacsecCak)
	arn := aws.ToString(dxsimtest.MacsecSecretOf(t, c, conn, dxsimtest.MacsecCkn))
	sm, rec := secretsClient(w, dxsimtest.Account)

	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(d.ARN) != arn || !strings.HasPrefix(aws.ToString(d.Name), "directconnect!prod/us-east-1/directconnect/") ||
		aws.ToString(d.OwningService) != "directconnect" || d.CreatedDate == nil || d.DeletedDate != nil {
		t.Errorf("DescribeSecret = ARN %s, name %s, owning service %s, created %v", aws.ToString(d.ARN), aws.ToString(d.Name), aws.ToString(d.OwningService), d.CreatedDate)
	}
	byName, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: d.Name})
	if err != nil || aws.ToString(byName.ARN) != arn {
		t.Errorf("DescribeSecret by name %s = %v, %v", aws.ToString(d.Name), byName, err)
	}
	list, err := sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.SecretList) != 1 || aws.ToString(list.SecretList[0].ARN) != arn {
		t.Errorf("ListSecrets = %+v", list.SecretList)
	}
	if _, err := sm.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)}); err != nil {
		t.Errorf("GetResourcePolicy: %v", err)
	}
	if rec.contains(dxsimtest.MacsecCak) {
		t.Error("a Secrets Manager answer holds the CAK")
	}
	// Another account neither sees nor deletes it.
	other := w.SecretsManagerFor(dxsimtest.OtherAccount, dxsimtest.Region)
	_, err = other.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	dxsimtest.WantError(t, err, "ResourceNotFoundException")
	if l, err := other.ListSecrets(ctx, &secretsmanager.ListSecretsInput{}); err != nil || len(l.SecretList) != 0 {
		t.Errorf("another account lists %v (err %v)", l, err)
	}
	// A secret in use as a MACsec key is not deleted.
	_, err = sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String(arn), ForceDeleteWithoutRecovery: aws.Bool(true)})
	dxsimtest.WantError(t, err, "InvalidRequestException", aws.ToString(conn))
}

// aws_secretsmanager_secret with a CKN/CAK SecretString, associated by
// aws_dx_macsec_key_association's secret_arn; the provider's delete waits
// until DescribeSecret shows a DeletedDate (secret.go).
func TestCreatedSecretIsAMacSecKeyForAssociateMacSecKey(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	c := w.Client()
	sm, rec := secretsClient(w, dxsimtest.Account)
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("dx/macsec/primary"), Description: aws.String("MACsec key"),
		SecretString: aws.String(`{"CKN":"` + dxsimtest.MacsecCkn + `","CAK":"` + dxsimtest.MacsecCak + `"}`), Tags: []smtypes.Tag{{Key: aws.String("team"), Value: aws.String("net")}}})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(created.ARN)
	if !dxsimtest.MacsecSecretARN.MatchString(arn) || !strings.Contains(arn, ":secret:dx/macsec/primary-") || aws.ToString(created.Name) != "dx/macsec/primary" || created.VersionId == nil {
		t.Errorf("CreateSecret answered %s %s %v", arn, aws.ToString(created.Name), created.VersionId)
	}
	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(d.Description) != "MACsec key" || len(d.Tags) != 1 || aws.ToString(d.Tags[0].Value) != "net" || d.OwningService != nil {
		t.Errorf("DescribeSecret = %+v", d)
	}
	out, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn, SecretARN: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MacSecKeys) != 1 || aws.ToString(out.MacSecKeys[0].Ckn) != dxsimtest.MacsecCkn || aws.ToString(out.MacSecKeys[0].SecretARN) != arn {
		t.Errorf("AssociateMacSecKey by secretARN = %+v", out.MacSecKeys)
	}
	_, err = sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String(arn)})
	dxsimtest.WantError(t, err, "InvalidRequestException", "DisassociateMacSecKey")
	if _, err := c.DisassociateMacSecKey(ctx, &directconnect.DisassociateMacSecKeyInput{ConnectionId: conn, SecretARN: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}

	del, err := sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String(arn), RecoveryWindowInDays: aws.Int64(7)})
	if err != nil {
		t.Fatal(err)
	}
	if del.DeletionDate == nil || del.DeletionDate.Sub(w.Clock.Now()).Hours() != 7*24 {
		t.Errorf("DeletionDate = %v, want 7 days after %v", del.DeletionDate, w.Clock.Now())
	}
	d, err = sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	if err != nil || d.DeletedDate == nil {
		t.Errorf("a secret scheduled for deletion is described with DeletedDate %v (err %v)", d.DeletedDate, err)
	}
	if l, _ := sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{}); len(l.SecretList) != 0 {
		t.Errorf("ListSecrets lists a secret scheduled for deletion: %+v", l.SecretList)
	}
	if l, _ := sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{IncludePlannedDeletion: aws.Bool(true)}); len(l.SecretList) != 1 {
		t.Errorf("ListSecrets with IncludePlannedDeletion lists %d", len(l.SecretList))
	}
	_, err = sm.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)})
	dxsimtest.WantError(t, err, "InvalidRequestException", "marked for deletion")
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn, SecretARN: aws.String(arn)})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "scheduled for deletion")
	_, err = sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("dx/macsec/primary")})
	dxsimtest.WantError(t, err, "InvalidRequestException", "scheduled for deletion")
	if _, err := sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String(arn), ForceDeleteWithoutRecovery: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	dxsimtest.WantError(t, err, "ResourceNotFoundException")
	if rec.contains(dxsimtest.MacsecCak) {
		t.Error("a Secrets Manager answer holds the CAK")
	}
}

func TestSecretsManagerErrorsAndTags(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	sm := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	c := w.Client()
	plain, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("db-password"), SecretString: aws.String("hunter2")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("db-password")})
	dxsimtest.WantError(t, err, "ResourceExistsException", "db-password")
	_, err = sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("bad name!")})
	dxsimtest.WantError(t, err, "ValidationException")
	_, err = sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("x"), Tags: []smtypes.Tag{{Key: aws.String("aws:x"), Value: aws.String("y")}}})
	dxsimtest.WantError(t, err, "InvalidParameterException", "aws:")
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn, SecretARN: plain.ARN})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "does not hold a MACsec key")
	bad, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("short"), SecretString: aws.String(`{"CKN":"abc","CAK":"def"}`)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn, SecretARN: bad.ARN})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "64 hexadecimal")

	_, err = sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: plain.ARN, RecoveryWindowInDays: aws.Int64(7), ForceDeleteWithoutRecovery: aws.Bool(true)})
	dxsimtest.WantError(t, err, "InvalidParameterException", "ForceDeleteWithoutRecovery")
	_, err = sm.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: plain.ARN, RecoveryWindowInDays: aws.Int64(3)})
	dxsimtest.WantError(t, err, "InvalidParameterException", "RecoveryWindowInDays")
	_, err = sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String("arn:aws:secretsmanager:us-east-1:111122223333:secret:nothing-abcdef")})
	dxsimtest.WantError(t, err, "ResourceNotFoundException")

	if _, err := sm.TagResource(ctx, &secretsmanager.TagResourceInput{SecretId: plain.ARN, Tags: []smtypes.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sm.UntagResource(ctx, &secretsmanager.UntagResourceInput{SecretId: plain.ARN, TagKeys: []string{"a"}}); err != nil {
		t.Fatal(err)
	}
	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: plain.ARN})
	if err != nil || len(d.Tags) != 1 || aws.ToString(d.Tags[0].Key) != "b" {
		t.Errorf("tags after TagResource a,b and UntagResource a: %v (err %v)", d.Tags, err)
	}
	l, err := sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{Filters: []smtypes.Filter{{Key: smtypes.FilterNameStringTypeName, Values: []string{"db-"}}}})
	if err != nil || len(l.SecretList) != 1 || aws.ToString(l.SecretList[0].Name) != "db-password" {
		t.Errorf("ListSecrets filtered by name db- = %+v (err %v)", l, err)
	}
	p := secretsmanager.NewListSecretsPaginator(sm, &secretsmanager.ListSecretsInput{MaxResults: aws.Int32(1)})
	n := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.SecretList)
	}
	if n != 2 {
		t.Errorf("paging by 1 listed %d secrets, want 2", n)
	}
}

// aws_secretsmanager_secret_version puts the value with PutSecretValue and
// reads it back with GetSecretValue by version ID (secret_version.go); the
// MACsec key is the value labelled AWSCURRENT.
func TestSecretVersionsPutAndGetTheOwnersValue(t *testing.T) {
	w := dxsimtest.Start(t, dxsimtest.MacsecTimings)
	sm := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	c := w.Client()
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("macsec")})
	if err != nil {
		t.Fatal(err)
	}
	if created.VersionId != nil {
		t.Errorf("a secret created without a value has version %s", aws.ToString(created.VersionId))
	}
	first := `{"CKN":"` + dxsimtest.MacsecCkn + `","CAK":"` + dxsimtest.MacsecCak + `"}`
	put, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String(first), ClientRequestToken: aws.String("11111111-1111-4111-8111-111111111111")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(put.VersionId) != "11111111-1111-4111-8111-111111111111" || len(put.VersionStages) != 1 || put.VersionStages[0] != "AWSCURRENT" {
		t.Errorf("PutSecretValue answered %s %v", aws.ToString(put.VersionId), put.VersionStages)
	}
	// The same token and value again is the same version.
	if again, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String(first), ClientRequestToken: put.VersionId}); err != nil || aws.ToString(again.VersionId) != aws.ToString(put.VersionId) {
		t.Errorf("repeated PutSecretValue = %v, %v", again, err)
	}
	_, err = sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String("other"), ClientRequestToken: put.VersionId})
	dxsimtest.WantError(t, err, "ResourceExistsException")
	got, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN, VersionId: put.VersionId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(got.SecretString) != first || len(got.VersionStages) != 1 {
		t.Errorf("GetSecretValue = %q %v", aws.ToString(got.SecretString), got.VersionStages)
	}
	conn := dxsimtest.MacsecConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	out, err := c.AssociateMacSecKey(ctx, &directconnect.AssociateMacSecKeyInput{ConnectionId: conn, SecretARN: created.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.MacSecKeys[0].Ckn) != dxsimtest.MacsecCkn {
		t.Errorf("associated CKN %s, want %s", aws.ToString(out.MacSecKeys[0].Ckn), dxsimtest.MacsecCkn)
	}

	second, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: created.ARN, SecretString: aws.String(`{"CKN":"` + dxsimtest.MacsecCkn2 + `","CAK":"` + dxsimtest.MacsecCak2 + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: created.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if st := d.VersionIdsToStages; len(st) != 2 || st[aws.ToString(put.VersionId)][0] != "AWSPREVIOUS" || st[aws.ToString(second.VersionId)][0] != "AWSCURRENT" {
		t.Errorf("VersionIdsToStages = %v", st)
	}
	cur, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN})
	if err != nil || aws.ToString(cur.VersionId) != aws.ToString(second.VersionId) {
		t.Errorf("GetSecretValue of AWSCURRENT = %v, %v", cur, err)
	}
	_, err = sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: created.ARN, VersionId: aws.String("nope")})
	dxsimtest.WantError(t, err, "ResourceNotFoundException")

	// The secret Direct Connect stores never reveals its key.
	lag := dxsimtest.MacsecLag(t, c, "EqDC2", "10Gbps", 1, true).LagId
	dxsimtest.MacsecAssociate(t, c, lag, dxsimtest.MacsecCkn2, dxsimtest.MacsecCak2)
	var stored string
	for _, k := range dxsimtest.DescribeLag(t, c, lag).MacSecKeys {
		stored = aws.ToString(k.SecretARN)
	}
	_, err = sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(stored)})
	dxsimtest.WantError(t, err, "InvalidRequestException", "never returned")
	_, err = sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(stored), SecretString: aws.String("x")})
	dxsimtest.WantError(t, err, "InvalidRequestException", "AssociateMacSecKey")
}

// aws_secretsmanager_secret updates its description with UpdateSecret.
func TestUpdateSecretChangesTheDescription(t *testing.T) {
	w := dxsimtest.Start(t)
	sm := w.SecretsManagerFor(dxsimtest.Account, dxsimtest.Region)
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("s"), Description: aws.String("old")})
	if err != nil {
		t.Fatal(err)
	}
	up, err := sm.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{SecretId: created.ARN, Description: aws.String("new"), ClientRequestToken: aws.String("22222222-2222-4222-8222-222222222222")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(up.ARN) != aws.ToString(created.ARN) || up.VersionId != nil {
		t.Errorf("UpdateSecret of the description answered %s %v", aws.ToString(up.ARN), up.VersionId)
	}
	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: created.ARN})
	if err != nil || aws.ToString(d.Description) != "new" {
		t.Errorf("description after UpdateSecret = %q (err %v)", aws.ToString(d.Description), err)
	}
	_, err = sm.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{SecretId: aws.String("missing")})
	dxsimtest.WantError(t, err, "ResourceNotFoundException")
	_, err = sm.RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: created.ARN})
	dxsimtest.WantError(t, err, "UnknownOperationException", "RotateSecret")
}
