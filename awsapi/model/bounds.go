package model

// AWS documents no length limit for most of Direct Connect's strings: the
// names of connections, LAGs, gateways and interfaces, IDs, addresses,
// tokens. dxsim bounds every string the model leaves unbounded, so that no
// request can store, and no answer repeat, an unbounded value: a tenant's
// resources cost at most their quotas times these bounds.
const (
	// MaxString bounds, in characters, a name, an ID or any other string
	// without a bound of its own: longer than every ID and address, and
	// than the 100 characters the console allows a name.
	MaxString = 256
	// MaxARN bounds an ARN, as AWS's ARNs are: a Secrets Manager secret's
	// may carry a 512-character name.
	MaxARN = 2048
	// MaxToken bounds a nextToken; dxsim's are far shorter.
	MaxToken = 1024
)

// longStrings are the string shapes that may be longer than MaxString.
var longStrings = map[string]int{
	"SecretARN":       MaxARN,
	"ResourceArn":     MaxARN,
	"PaginationToken": MaxToken,
}

// bound gives every string shape of m without a maximum length its Limit.
// A maximum the model states is AWS's and stays the rules' to enforce with
// their own words (tag keys and values, agreement names).
func bound(m *Model) {
	for name, s := range m.Shapes {
		if s.Type != String || s.Max != nil {
			continue
		}
		s.Limit = MaxString
		if n, ok := longStrings[name]; ok {
			s.Limit = n
		}
	}
}
