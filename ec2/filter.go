package ec2

import (
	"regexp"
	"slices"
	"strings"
)

// Filter is a Describe filter: Filter.N.Name and Filter.N.Value.M.
type Filter struct {
	Name   string   `query:"Name"`
	Values []string `query:"Value"`
}

// Fields are a resource's values under each filter name it answers to.
type Fields map[string][]string

// CheckFilters refuses a filter name that the Describe call does not know
// (names lists them; tag:<key>, tag-key and tag-value are always known) and
// a filter without values.
func CheckFilters(filters []Filter, names ...string) error {
	for _, f := range filters {
		if !slices.Contains(names, f.Name) && !strings.HasPrefix(f.Name, "tag:") && f.Name != "tag-key" && f.Name != "tag-value" {
			return Errorf(InvalidParameterValue, "The filter '%s' is invalid; this call filters on %s, tag:<key>, tag-key and tag-value", f.Name, strings.Join(names, ", "))
		}
		if len(f.Values) == 0 {
			return Errorf(InvalidParameterValue, "The filter '%s' has no values; give at least one Filter.N.Value.M", f.Name)
		}
	}
	return nil
}

// Match reports whether a resource with fields and tags passes every
// filter: each filter matches when any of its values matches any of the
// resource's values. Values may hold the wildcards * and ?.
func Match(filters []Filter, fields Fields, tags []Tag) bool {
	for _, f := range filters {
		var have []string
		switch {
		case strings.HasPrefix(f.Name, "tag:"):
			for _, t := range tags {
				if t.Key == f.Name[len("tag:"):] {
					have = append(have, t.Value)
				}
			}
		case f.Name == "tag-key":
			for _, t := range tags {
				have = append(have, t.Key)
			}
		case f.Name == "tag-value":
			for _, t := range tags {
				have = append(have, t.Value)
			}
		default:
			have = fields[f.Name]
		}
		if !slices.ContainsFunc(f.Values, func(want string) bool {
			return slices.ContainsFunc(have, func(v string) bool { return wildcard(want, v) })
		}) {
			return false
		}
	}
	return true
}

func wildcard(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "*?") {
		return pattern == s
	}
	re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(pattern)) + "$"
	ok, _ := regexp.MatchString(re, s)
	return ok
}

// Bool is a filter value of a boolean.
func Bool(b bool) []string {
	if b {
		return []string{"true"}
	}
	return []string{"false"}
}
