package dx

import (
	"fmt"
	"strings"
)

// Partner is an account registered as a Direct Connect Partner: it may
// create interconnects and allocate hosted connections to other accounts.
type Partner struct {
	Account string `json:"account"`
	// Name is the partnerName customers see on hosted connections.
	Name string `json:"name,omitempty"`
	// Gigabit partners meet AWS's additional requirements and may allocate
	// 1, 2, 5 and 10 Gbps hosted connections besides sub-gigabit ones. They
	// report nniPartnerType v2, the others v1.
	Gigabit bool `json:"gigabit,omitempty"`
}

// NniPartnerType is how DescribeCustomerMetadata names the partner's kind.
func (p Partner) NniPartnerType() string {
	if p.Gigabit {
		return "v2"
	}
	return "v1"
}

// ParsePartnerAccounts parses the --partner-accounts flag: comma-separated
// 12-digit account IDs, each optionally followed by ":v2" for a gigabit
// partner.
func ParsePartnerAccounts(s string) ([]Partner, error) {
	var out []Partner
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		account, kind, _ := strings.Cut(f, ":")
		if !accountPattern.MatchString(account) {
			return nil, fmt.Errorf("partner account %q is not a 12-digit AWS account ID", account)
		}
		p := Partner{Account: account}
		switch kind {
		case "", "v1":
		case "v2":
			p.Gigabit = true
		default:
			return nil, fmt.Errorf("partner %s: type %q is not v1 or v2", account, kind)
		}
		out = append(out, p)
	}
	return out, nil
}

// DisplayName is the partner's name, or one made from its account ID.
func (p Partner) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return "Partner " + p.Account
}
