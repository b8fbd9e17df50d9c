package operator

import (
	"encoding/json"
	"fmt"

	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/secretsmanager"
	"github.com/dxsim/dxsim/store"
)

// SecretCounts counts secret material in an export: MACsec CAKs, BGP
// authentication keys and the values of secrets made with Secrets Manager.
type SecretCounts struct {
	MacSecCaks   int `json:"macSecCaks"`
	BGPAuthKeys  int `json:"bgpAuthKeys"`
	SecretValues int `json:"secretValues,omitempty"`
}

// WithoutSecretsRow returns r with every MACsec CAK, BGP authentication
// key and Secrets Manager value blanked, and how many it blanked. The AWS
// API never returns a CAK; an export is a file that travels, so it leaves
// them out unless asked. Exports stream, so it takes one row at a time.
func WithoutSecretsRow(r store.Row) (store.Row, SecretCounts, error) {
	var n SecretCounts
	var err error
	switch r.Kind {
	case store.Secrets:
		r.Body, err = rewrite(r.Body, func(s *secretsmanager.SecretRecord) {
			if s.Cak != "" {
				s.Cak = ""
				n.MacSecCaks++
			}
			for j := range s.Versions {
				if s.Versions[j].String != nil || s.Versions[j].Binary != nil {
					s.Versions[j].String, s.Versions[j].Binary = nil, nil
					n.SecretValues++
				}
			}
		})
	case store.VirtualInterfaces:
		r.Body, err = rewrite(r.Body, func(v *dx.VirtualInterfaceRecord) {
			for j := range v.BGPPeers {
				if v.BGPPeers[j].AuthKey != "" {
					v.BGPPeers[j].AuthKey = ""
					n.BGPAuthKeys++
				}
			}
		})
	}
	if err != nil {
		return r, n, fmt.Errorf("%s %s: %w", r.Kind, r.ID, err)
	}
	return r, n, nil
}

func (n *SecretCounts) add(c SecretCounts) {
	n.MacSecCaks += c.MacSecCaks
	n.BGPAuthKeys += c.BGPAuthKeys
	n.SecretValues += c.SecretValues
}

// missingSecrets counts the MACsec keys, BGP peers and secret versions of
// r that have no CAK, authentication key or value, as in an export made
// without secrets.
func missingSecrets(r store.Row) SecretCounts {
	var n SecretCounts
	switch r.Kind {
	case store.Secrets:
		var s secretsmanager.SecretRecord
		if json.Unmarshal(r.Body, &s) != nil {
			return n
		}
		if s.Ckn != "" && s.Cak == "" {
			n.MacSecCaks++
		}
		for _, v := range s.Versions {
			if v.String == nil && v.Binary == nil {
				n.SecretValues++
			}
		}
	case store.VirtualInterfaces:
		var v dx.VirtualInterfaceRecord
		if json.Unmarshal(r.Body, &v) == nil {
			for _, p := range v.BGPPeers {
				if p.AuthKey == "" {
					n.BGPAuthKeys++
				}
			}
		}
	}
	return n
}

func rewrite[T any](body json.RawMessage, change func(*T)) (json.RawMessage, error) {
	v := new(T)
	if err := json.Unmarshal(body, v); err != nil {
		return nil, err
	}
	change(v)
	return json.Marshal(v)
}
