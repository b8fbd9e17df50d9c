package secretsmanager

import (
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/store"
)

// reapers purge the secrets whose deletion took effect (core.Purge): at
// their DeletionDate, when Secrets Manager stops showing them, with no
// retention period. A secret whose deletion was cancelled (its DeletionDate
// cleared) only loses its tombstone.
func (s *Service) reapers() []core.Reaper {
	r := core.RecordReaper(store.Secrets, func(r *SecretRecord) time.Time { return r.DeletionDate }, nil)
	r.NoRetention = true
	return []core.Reaper{r}
}
