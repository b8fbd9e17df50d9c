package server_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// boto3Probe runs describe_connections and create_connection with boto3
// and prints the outcome of each as JSON: the error code, or "ok" and the
// owner account.
const boto3Probe = `
import json, sys, boto3, botocore.exceptions
url, key, secret, token = sys.argv[1:5]
c = boto3.client("directconnect", endpoint_url=url, region_name="us-east-1",
    aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token or None,
    config=botocore.config.Config(retries={"max_attempts": 1}))
out = {}
for name, call in [("describe", lambda: c.describe_connections()),
                   ("create", lambda: c.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="boto3"))]:
    try:
        r = call()
        out[name] = {"code": "ok", "owner": r.get("ownerAccount", "")}
    except botocore.exceptions.ClientError as e:
        out[name] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                     "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
print(json.dumps(out))
`

type probeResult struct {
	Code, Owner, Message string
	Status               int
}

// TestStrictWithBoto3: botocore's own SigV4 signer, with and without a
// session token, and with a wrong secret.
func TestStrictWithBoto3(t *testing.T) {
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skip("python3 with boto3 is not installed; apt-get install python3-boto3")
	}
	w := startStrict(t)
	probe := func(key, secret, token string) map[string]probeResult {
		t.Helper()
		out, err := exec.CommandContext(ctx, "python3", "-c", boto3Probe, w.URL, key, secret, token).Output()
		if err != nil {
			t.Fatalf("boto3: %v %s", err, stderrOf(err))
		}
		var res map[string]probeResult
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("boto3 printed %q: %v", out, err)
		}
		return res
	}
	k, tk := strictKeys[0], strictKeys[1]
	if r := probe(k.AccessKeyID, k.SecretAccessKey, ""); r["describe"].Code != "ok" || r["create"].Code != "ok" || r["create"].Owner != k.Account {
		t.Errorf("boto3 with the right key: %+v", r)
	}
	if r := probe(tk.AccessKeyID, tk.SecretAccessKey, tk.SessionToken); r["describe"].Code != "ok" {
		t.Errorf("boto3 with a session token: %+v", r)
	}
	r := probe(k.AccessKeyID, "wrong"+k.SecretAccessKey, "")
	for _, name := range []string{"describe", "create"} {
		if r[name].Code != "InvalidSignatureException" || r[name].Status != 403 || r[name].Message != msgSignatureInvalid {
			t.Errorf("boto3 %s with a wrong secret: %+v", name, r[name])
		}
	}
	if r := probe("AKIAUNKNOWN000000000", k.SecretAccessKey, ""); r["describe"].Code != "UnrecognizedClientException" || r["describe"].Message != msgInvalidToken {
		t.Errorf("boto3 with an unknown key: %+v", r["describe"])
	}
}

// TestStrictWithAwsCli: the aws CLI v1 signing for real.
func TestStrictWithAwsCli(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not installed; apt-get install awscli")
	}
	w := startStrict(t)
	run := func(secret string) (string, error) {
		cmd := exec.CommandContext(ctx, "aws", "directconnect", "describe-locations", "--endpoint-url", w.URL, "--region", "us-east-1", "--output", "json")
		for _, e := range os.Environ() {
			if !strings.HasPrefix(e, "AWS_") {
				cmd.Env = append(cmd.Env, e)
			}
		}
		cmd.Env = append(cmd.Env, "AWS_ACCESS_KEY_ID="+strictKeys[0].AccessKeyID, "AWS_SECRET_ACCESS_KEY="+secret,
			"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_MAX_ATTEMPTS=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run(strictKeys[0].SecretAccessKey)
	if err != nil || !strings.Contains(out, "EqDC2") {
		t.Errorf("aws CLI with the right key: %v\n%s", err, out)
	}
	out, err = run("wrong")
	if err == nil || !strings.Contains(out, "InvalidSignatureException") || !strings.Contains(out, "does not match the signature you provided") {
		t.Errorf("aws CLI with a wrong secret: %v\n%s", err, out)
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
