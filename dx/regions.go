package dx

import "slices"

// Regions lists the Regions that have locations in the catalog, in order.
func (c *Catalog) Regions() []string {
	var out []string
	for _, s := range c.sites {
		if !slices.Contains(out, s.Region) {
			out = append(out, s.Region)
		}
	}
	slices.Sort(out)
	return out
}
