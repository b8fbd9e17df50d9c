package dx_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dx"
)

// wantRule checks err against a table row: nil when want is "", otherwise a
// 400 error of type typ whose message contains want.
func wantRule(t *testing.T, err error, typ, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Errorf("got %v, want no error", err)
		}
		return
	}
	var e *dx.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a %s mentioning %q", err, typ, want)
	}
	if e.Type != typ || e.Status != http.StatusBadRequest {
		t.Errorf("got %s (%d), want %s (400)", e.Type, e.Status, typ)
	}
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %q does not mention %q", e.Message, want)
	}
}

const (
	hex64  = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:directconnect!prod/us-east-1/directconnect/0123456789abcdef-AbCdEf"
)

func TestCheckMacSecKeyInput(t *testing.T) {
	for _, tc := range []struct {
		name, arn, ckn, cak, want string
	}{
		{"secret ARN alone", secret, "", "", ""},
		{"ckn and cak", "", hex64, hex64, ""},
		{"upper-case hex", "", strings.ToUpper(hex64), strings.ToUpper(hex64), ""},
		{"nothing", "", "", "", "Specify either secretARN, or both ckn and cak"},
		{"secret ARN and ckn", secret, hex64, "", "not both"},
		{"secret ARN and cak", secret, "", hex64, "not both"},
		{"secret ARN with ckn and cak", secret, hex64, hex64, "not both"},
		{"ckn alone", "", hex64, "", "only ckn was given"},
		{"cak alone", "", "", hex64, "only cak was given"},
		{"short ckn", "", hex64[:63], hex64, "ckn must be 64 hexadecimal characters (0-9, a-f); it has 63"},
		{"long cak", "", hex64, hex64 + "0", "cak must be 64 hexadecimal characters (0-9, a-f); it has 65"},
		{"non-hex ckn", "", "g" + hex64[1:], hex64, "ckn must be 64 hexadecimal characters (0-9, a-f); character 1"},
		{"non-hex cak", "", hex64, hex64[:63] + "z", "cak must be 64 hexadecimal characters (0-9, a-f); character 64"},
		{"non-ASCII cak of 64 characters", "", hex64, "é" + hex64[1:], "cak must be 64 hexadecimal characters (0-9, a-f); character 1"},
		{"not a Secrets Manager ARN", "arn:aws:kms:us-east-1:111122223333:key/abc", "", "", "not a Secrets Manager secret ARN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := dx.CheckMacSecKeyInput(tc.arn, tc.ckn, tc.cak)
			wantRule(t, err, dx.ClientException, tc.want)
			if err != nil && tc.cak != "" && len(tc.cak) >= 32 && strings.Contains(err.Error(), tc.cak) {
				t.Errorf("message %q repeats the CAK", err)
			}
		})
	}
}

func TestCheckEncryptionMode(t *testing.T) {
	for _, tc := range []struct {
		mode    string
		capable bool
		want    string
	}{
		{"no_encrypt", true, ""},
		{"should_encrypt", true, ""},
		{"must_encrypt", true, ""},
		{"MUST_ENCRYPT", true, `encryptionMode "MUST_ENCRYPT" is not valid; allowed values are no_encrypt, should_encrypt, must_encrypt`},
		{"", true, "is not valid"},
		{"must_encrypt", false, "can only be set on MACsec-capable resources; connection dxcon-abcd1234"},
		{"bogus", false, "is not valid"},
	} {
		wantRule(t, dx.CheckEncryptionMode(tc.mode, tc.capable, "connection dxcon-abcd1234"), dx.ClientException, tc.want)
	}
}

func TestCheckTagKey(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"a", ""},
		{strings.Repeat("k", 128), ""},
		{strings.Repeat("é", 128), ""}, // characters, not bytes
		{"env name_1.x:y/z=+-@", ""},
		{"Kostenstelle Zürich", ""},
		{"", "must be 1 to 128 characters long; it has 0"},
		{strings.Repeat("k", 129), "it has 129"},
		{"a*b", "may contain only letters, digits, spaces and _ . : / = + - @"},
		{"tab\tkey", "may contain only"},
		{"aws:createdBy", "reserved prefix aws:"},
		{"AWS:x", "reserved prefix aws:"},
	} {
		wantRule(t, dx.CheckTagKey(tc.key), dx.ClientException, tc.want)
	}
}

func tag(k string, v ...string) dx.Tag {
	t := dx.Tag{Key: k}
	if len(v) > 0 {
		t.Value = &v[0]
	}
	return t
}

func TestCheckTags(t *testing.T) {
	for _, tc := range []struct {
		name string
		tags []dx.Tag
		typ  string
		want string
	}{
		{"none", nil, "", ""},
		{"key without value", []dx.Tag{tag("k")}, "", ""},
		{"empty value", []dx.Tag{tag("k", "")}, "", ""},
		{"value of 256", []dx.Tag{tag("k", strings.Repeat("v", 256))}, "", ""},
		{"value of 257", []dx.Tag{tag("k", strings.Repeat("v", 257))}, dx.ClientException, `Value of tag "k" must be at most 256 characters long; it has 257`},
		{"value outside the pattern", []dx.Tag{tag("k", "a;b")}, dx.ClientException, `Value of tag "k" may contain only`},
		{"bad key", []dx.Tag{tag("ok", "1"), tag("", "2")}, dx.ClientException, "it has 0"},
		{"same key twice", []dx.Tag{tag("k", "1"), tag("j"), tag("k", "2")}, dx.DuplicateTagKeysError, `Tag key "k" appears more than once`},
		{"keys differing in case", []dx.Tag{tag("k"), tag("K")}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantRule(t, dx.CheckTags(tc.tags), tc.typ, tc.want)
		})
	}
}

func manyTags(prefix string, n int) []dx.Tag {
	var out []dx.Tag
	for i := range n {
		out = append(out, tag(prefix+strings.Repeat("x", i)))
	}
	return out
}

func TestMergeTags(t *testing.T) {
	have := []dx.Tag{tag("env", "dev"), tag("team", "net")}
	got, err := dx.MergeTags(have, []dx.Tag{tag("env", "prod"), tag("cost")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Key != "env" || *got[0].Value != "prod" || got[1].Key != "team" || got[2].Key != "cost" || got[2].Value != nil {
		t.Errorf("MergeTags = %+v, want env=prod, team=net, cost", got)
	}
	if *have[0].Value != "dev" {
		t.Errorf("MergeTags changed its input: %+v", have)
	}

	full := manyTags("a", dx.MaxTags)
	if _, err := dx.MergeTags(full, []dx.Tag{tag("a", "replaced")}); err != nil {
		t.Errorf("replacing a value on a full resource: %v", err)
	}
	_, err = dx.MergeTags(full, []dx.Tag{tag("new")})
	wantRule(t, err, dx.TooManyTagsError, "at most 50 tags; this request would leave it with 51")
	_, err = dx.MergeTags(nil, manyTags("b", dx.MaxTags+1))
	wantRule(t, err, dx.TooManyTagsError, "at most 50 tags")
}

func TestCheckDedicatedBandwidth(t *testing.T) {
	site := &dx.Site{Location: dx.Location{LocationCode: "TST1", AvailablePortSpeeds: []string{"1Gbps", "10Gbps"}}}
	for _, tc := range []struct{ bandwidth, want string }{
		{"1Gbps", ""},
		{"10Gbps", ""},
		{"100Gbps", "Location TST1 does not offer 100Gbps ports; available port speeds are 1Gbps, 10Gbps"},
		{"500Mbps", `"500Mbps" is not a dedicated connection bandwidth; allowed values are 1Gbps, 10Gbps, 100Gbps, 400Gbps`},
		{"10gbps", "is not a dedicated connection bandwidth"},
	} {
		wantRule(t, dx.CheckDedicatedBandwidth(site, tc.bandwidth), dx.ClientException, tc.want)
	}
}

func TestNewIDAndIsID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := dx.NewID(dx.ConnectionPrefix)
		if !dx.IsID(id, dx.ConnectionPrefix) || dx.IsID(id, dx.LagPrefix) {
			t.Fatalf("NewID gave %q", id)
		}
		if seen[id] {
			t.Fatalf("NewID repeated %q within 1000 draws", id)
		}
		seen[id] = true
	}
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"dxcon-fguhmqlc", true},
		{"dxcon-0123abcd", true},
		{"dxcon-fguhmql", false},
		{"dxcon-fguhmqlcx", false},
		{"dxcon-FGUHMQLC", false},
		{"dxcon-fguh-qlc", false},
		{"dxlag-fguhmqlc", false},
		{"fguhmqlc", false},
		{"", false},
	} {
		if got := dx.IsID(tc.id, dx.ConnectionPrefix); got != tc.want {
			t.Errorf("IsID(%q, dxcon-) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestARN(t *testing.T) {
	for _, s := range []string{
		"arn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-fguhmqlc",
		"arn:aws:directconnect:eu-west-1:444455556666:dxlag/dxlag-ffrz71kw",
		"arn:aws-cn:directconnect:cn-north-1:111122223333:dxcon/dxcon-fguhmqlc",
	} {
		a, err := dx.ParseARN(s)
		if err != nil {
			t.Errorf("ParseARN(%q): %v", s, err)
			continue
		}
		if !strings.HasPrefix(s, "arn:aws:") {
			continue // String writes the aws partition
		}
		if a.String() != s {
			t.Errorf("ParseARN(%q).String() = %q", s, a.String())
		}
	}
	a := dx.ARN{Region: "us-west-2", Account: "111122223333", Type: dx.ARNLag, ID: "dxlag-abcd1234"}
	if got, err := dx.ParseARN(a.String()); err != nil || got != a {
		t.Errorf("ParseARN(%q) = %+v, %v; want %+v", a.String(), got, err, a)
	}
	if a.String() != "arn:aws:directconnect:us-west-2:111122223333:dxlag/dxlag-abcd1234" {
		t.Errorf("ARN.String() = %q", a.String())
	}
	for _, bad := range []string{
		"",
		"dxcon-fguhmqlc",
		"arn:aws:ec2:us-east-1:111122223333:instance/i-0123",
		"arn:aws:directconnect:us-east-1:111122223333",
		"arn:aws:directconnect:us-east-1:111122223333:dxcon",
		"arn:aws:directconnect:us-east-1:111122223333:dxcon/",
		"arn:aws:directconnect:us-east-1:111122223333:/dxcon-fguhmqlc",
		"urn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-fguhmqlc",
	} {
		_, err := dx.ParseARN(bad)
		wantRule(t, err, dx.ClientException, "is not a Direct Connect resource ARN; expected arn:aws:directconnect:")
	}
}
