// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema in the database DXSIM_TEST_POSTGRES names, dropped when the test
// ends. Without that variable the tests that need it skip.
package pgtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env names the database of the PostgreSQL tests.
const Env = "DXSIM_TEST_POSTGRES"

// Require skips t unless DXSIM_TEST_POSTGRES is set.
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv(Env) == "" {
		t.Skipf("%s is not set: set it to postgres://USER@HOST:PORT/DB?sslmode=disable to run the PostgreSQL tests", Env)
	}
}

// URL returns the URL of an empty schema of its own for t, or skips t when
// DXSIM_TEST_POSTGRES is not set.
func URL(t testing.TB) string {
	t.Helper()
	Require(t)
	base := os.Getenv(Env)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s=%s: %v", Env, base, err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("dxsim_test_%08x", rand.Uint32())
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
