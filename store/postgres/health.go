package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/dxsim/dxsim/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// isDamage reports whether err is PostgreSQL saying its data is damaged:
// SQLSTATE XX001 (data_corrupted) or XX002 (index_corrupted).
func isDamage(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "XX001" || pe.Code == "XX002")
}

// note records the damage err shows, if any, and returns the error to
// answer with: a *store.Damage for damage, err otherwise.
func (s *Store) note(err error) error {
	return s.Note(err, isDamage, func(err error) *store.Damage {
		return &store.Damage{Err: fmt.Errorf("postgres: %w", err), Recover: "PostgreSQL reports damaged data (SQLSTATE XX001 is a table's, XX002 an index's): " +
			"REINDEX the index it names; for a table, restore the database from a backup or load your latest export into an empty one " +
			"with dxsim admin import. Then restart dxsim."}
	})
}

// Check reports the first damage the store met, or reads one row of
// dxsim_rows: it fails while the database does not answer (by ctx's
// deadline) or the table cannot be read.
func (s *Store) Check(ctx context.Context) error {
	if d := s.Damage(); d != nil {
		return d
	}
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM dxsim_rows LIMIT 1`).Scan(&one)
	if err == nil || errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err = s.note(err); errors.Is(err, store.ErrDamaged) {
		return err
	}
	return fmt.Errorf("postgres: reading dxsim_rows: %w", err)
}
