// Package backend opens the store a --data value names: a PostgreSQL
// database for a postgres:// or postgresql:// URL, otherwise a SQLite file
// (":memory:" keeps nothing on disk). It is the one place that knows every
// backend; the server is handed the store it opens.
package backend

import (
	"strings"

	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/sqlite"
)

// Open opens the store data names.
func Open(data string) (store.Store, error) {
	if IsPostgres(data) {
		return openPostgres(data)
	}
	return sqlite.Open(data)
}

// IsPostgres reports whether data is a PostgreSQL URL.
func IsPostgres(data string) bool {
	return strings.HasPrefix(data, "postgres://") || strings.HasPrefix(data, "postgresql://")
}
