package awsapi

import (
	"fmt"
	"strings"
)

// family is the mark by which a request shows its protocol: an API has at
// most one protocol of each family.
type family int

const (
	familyJSON  family = iota + 1 // X-Amz-Target: <Target><Operation>
	familyQuery                   // a form-encoded POST: Action=<Operation>&Version=...
	familyCBOR                    // POST /service/<name>/operation/<Operation>
)

func (f family) String() string {
	return [...]string{"", "JSON", "Query", "RPC v2 CBOR"}[f]
}

// protocols are every protocol the API is served in, Protocol first.
func (a *API) protocols() []Protocol {
	return append([]Protocol{a.Protocol}, a.Also...)
}

// speaking is the API's protocol of family f, or nil.
func (a *API) speaking(f family) Protocol {
	for _, p := range a.protocols() {
		if p.family() == f {
			return p
		}
	}
	return nil
}

// serviceName is the name of the API's Smithy service shape, without its
// namespace: the segment of RPC v2 CBOR paths.
func (a *API) serviceName() string {
	_, name, _ := strings.Cut(a.Service, "#")
	return name
}

// errorShape is the __type of e's code in the API's JSON and CBOR answers
// and the message member to write it in: a Query-compatible API's error
// shape in its namespace, else the code itself.
func (a *API) errorShape(code string) (typ, messageKey string) {
	s, ok := a.QueryErrors[code]
	if !ok {
		return code, a.Errors.MessageKey
	}
	ns, _, _ := strings.Cut(a.Service, "#")
	if ns != "" {
		typ = ns + "#" + s.Name
	} else {
		typ = s.Name
	}
	if s.MessageKey == "" {
		return typ, "message"
	}
	return typ, s.MessageKey
}

// check panics on a descriptor whose protocols and marks disagree: a
// programming error.
func (a *API) check() {
	seen := map[family]bool{}
	for _, p := range a.protocols() {
		if p == nil {
			panic("awsapi: " + a.Name + " has a nil protocol")
		}
		if seen[p.family()] {
			panic(fmt.Sprintf("awsapi: %s has two %s protocols", a.Name, p.family()))
		}
		seen[p.family()] = true
	}
	for f, mark := range map[family]string{familyJSON: a.Target, familyQuery: a.Version, familyCBOR: a.serviceName()} {
		if mark != "" && !seen[f] {
			panic(fmt.Sprintf("awsapi: %s names its %s requests' mark but has no %s protocol", a.Name, f, f))
		}
	}
	if seen[familyCBOR] && a.serviceName() == "" {
		panic("awsapi: " + a.Name + " speaks RPC v2 CBOR but names no Service shape")
	}
}

// cborRoute is the service and operation of an RPC v2 CBOR path:
// [prefix]/service/<service>/operation/<operation>, of which only the last
// four segments count; ok is false for any other path.
func cborRoute(path string) (service, operation string, ok bool) {
	seg := strings.Split(path, "/")
	if len(seg) < 5 {
		return "", "", false
	}
	seg = seg[len(seg)-4:]
	if seg[0] != "service" || seg[2] != "operation" || seg[1] == "" {
		return "", "", false
	}
	return seg[1], seg[3], true
}

// namesService tells whether a path's service segment names the API's
// service: its shape name, or its absolute shape ID with '#' as '.'.
func (a *API) namesService(segment string) bool {
	name := a.serviceName()
	return name != "" && (segment == name || segment == strings.Replace(a.Service, "#", ".", 1))
}
