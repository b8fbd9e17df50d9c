package dx

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// DedicatedBandwidths are the port speeds of dedicated connections and LAGs.
var DedicatedBandwidths = []string{"1Gbps", "10Gbps", "100Gbps", "400Gbps"}

// CheckDedicatedBandwidth checks that bandwidth is a dedicated port speed that
// the location offers.
func CheckDedicatedBandwidth(site *Site, bandwidth string) error {
	if !slices.Contains(DedicatedBandwidths, bandwidth) {
		return Errorf("Bandwidth %q is not a dedicated connection bandwidth; allowed values are %s", bandwidth, strings.Join(DedicatedBandwidths, ", "))
	}
	if !slices.Contains(site.AvailablePortSpeeds, bandwidth) {
		return Errorf("Location %s does not offer %s ports; available port speeds are %s", site.LocationCode, bandwidth, strings.Join(site.AvailablePortSpeeds, ", "))
	}
	return nil
}

// Encryption modes of MACsec-capable connections and LAGs.
const (
	NoEncrypt     = "no_encrypt"
	ShouldEncrypt = "should_encrypt"
	MustEncrypt   = "must_encrypt"
)

var encryptionModes = []string{NoEncrypt, ShouldEncrypt, MustEncrypt}

// CheckEncryptionMode checks an encryptionMode for a resource (what names it,
// e.g. "connection dxcon-…") that is or is not MACsec capable.
func CheckEncryptionMode(mode string, macSecCapable bool, what string) error {
	if !slices.Contains(encryptionModes, mode) {
		return Errorf("encryptionMode %q is not valid; allowed values are %s", mode, strings.Join(encryptionModes, ", "))
	}
	if !macSecCapable {
		return Errorf("encryptionMode can only be set on MACsec-capable resources; %s was not created with requestMACSec", what)
	}
	return nil
}

// CheckMacSecKeyInput checks the key material of AssociateMacSecKey: either a
// secretARN, or a CKN and a CAK of 64 hexadecimal characters each.
func CheckMacSecKeyInput(secretARN, ckn, cak string) error {
	switch {
	case secretARN != "" && (ckn != "" || cak != ""):
		return Errorf("Specify either secretARN or the ckn and cak pair, not both")
	case secretARN == "" && ckn == "" && cak == "":
		return Errorf("Specify either secretARN, or both ckn and cak")
	case secretARN != "":
		if !strings.HasPrefix(secretARN, "arn:aws:secretsmanager:") {
			return Errorf("secretARN %q is not a Secrets Manager secret ARN; expected arn:aws:secretsmanager:<region>:<account>:secret:<name>", secretARN)
		}
		return nil
	case ckn == "" || cak == "":
		return Errorf("ckn and cak must be given together; only %s was given", map[bool]string{true: "ckn", false: "cak"}[ckn != ""])
	}
	if err := checkHex64("ckn", ckn); err != nil {
		return err
	}
	return checkHex64("cak", cak)
}

// checkHex64 checks that the key material named name is 64 hexadecimal
// characters. The message never repeats the value: a CAK is a secret.
func checkHex64(name, s string) error {
	if n := utf8.RuneCountInString(s); n != 64 {
		return Errorf("%s must be 64 hexadecimal characters (0-9, a-f); it has %d characters", name, n)
	}
	for i, c := range []rune(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return Errorf("%s must be 64 hexadecimal characters (0-9, a-f); character %d is not a hexadecimal digit", name, i+1)
		}
	}
	return nil
}

// MaxTags is the most tags one resource carries.
const MaxTags = 50

var tagPattern = regexp.MustCompile(`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`)

// CheckTagKey checks one tag key against the model's length and pattern.
func CheckTagKey(key string) error {
	if n := utf8.RuneCountInString(key); n < 1 || n > 128 {
		return Errorf("Tag key %q must be 1 to 128 characters long; it has %d", key, n)
	}
	if !tagPattern.MatchString(key) {
		return Errorf("Tag key %q may contain only letters, digits, spaces and _ . : / = + - @", key)
	}
	if strings.HasPrefix(strings.ToLower(key), "aws:") {
		return Errorf("Tag key %q uses the reserved prefix aws:", key)
	}
	return nil
}

// CheckTags checks the tags of one request: each key and value, no key twice.
func CheckTags(tags []Tag) error {
	seen := map[string]bool{}
	for _, t := range tags {
		if err := CheckTagKey(t.Key); err != nil {
			return err
		}
		if t.Value != nil {
			if n := utf8.RuneCountInString(*t.Value); n > 256 {
				return Errorf("Value of tag %q must be at most 256 characters long; it has %d", t.Key, n)
			}
			if !tagPattern.MatchString(*t.Value) {
				return Errorf("Value of tag %q may contain only letters, digits, spaces and _ . : / = + - @", t.Key)
			}
		}
		if seen[t.Key] {
			return TypedErrorf(DuplicateTagKeysError, "Tag key %q appears more than once in the request", t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

// MergeTags adds or replaces tags on a resource's tag set, keeping at most
// MaxTags.
func MergeTags(have, add []Tag) ([]Tag, error) {
	out := slices.Clone(have)
	for _, t := range add {
		if i := slices.IndexFunc(out, func(h Tag) bool { return h.Key == t.Key }); i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	if len(out) > MaxTags {
		return nil, TypedErrorf(TooManyTagsError, "A resource can have at most %d tags; this request would leave it with %d", MaxTags, len(out))
	}
	return out, nil
}

// HostedBandwidths are the capacities of hosted connections, smallest first.
var HostedBandwidths = []string{"50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps", "1Gbps", "2Gbps", "5Gbps", "10Gbps"}

// Mbps is a bandwidth such as "500Mbps" or "10Gbps" in megabits per second,
// or 0 if it is not one.
func Mbps(bandwidth string) int {
	var n int
	var unit string
	if _, err := fmt.Sscanf(bandwidth, "%d%s", &n, &unit); err != nil || n <= 0 {
		return 0
	}
	switch unit {
	case "Mbps":
		return n
	case "Gbps":
		return n * 1000
	}
	return 0
}

// CheckHostedBandwidth checks the bandwidth of a hosted connection a partner
// allocates; only partners that meet AWS's extra requirements (gigabit)
// allocate 1, 2, 5 or 10 Gbps.
func CheckHostedBandwidth(bandwidth string, gigabit bool) error {
	if !slices.Contains(HostedBandwidths, bandwidth) {
		return Errorf("Bandwidth %q is not a hosted connection bandwidth; allowed values are %s", bandwidth, strings.Join(HostedBandwidths, ", "))
	}
	if Mbps(bandwidth) >= 1000 && !gigabit {
		return Errorf("Only Direct Connect Partners that meet the additional requirements may allocate %s hosted connections; this partner may allocate 50Mbps to 500Mbps", bandwidth)
	}
	return nil
}

// CheckVlan checks a VLAN number.
func CheckVlan(vlan int) error {
	if vlan < 1 || vlan > 4094 {
		return Errorf("VLAN %d is out of range; it must be between 1 and 4094", vlan)
	}
	return nil
}

var accountPattern = regexp.MustCompile(`^[0-9]{12}$`)

// CheckAccountID checks that id is a 12-digit AWS account ID.
func CheckAccountID(member, id string) error {
	if !accountPattern.MatchString(id) {
		return Errorf("%s %q is not an AWS account ID; it must be 12 digits", member, id)
	}
	return nil
}
