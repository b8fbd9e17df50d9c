package postgres

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/dxsim/dxsim/store"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The tables and indexes of schemaVersion, as migrations[schemaVersion]
// makes them: Open checks that the database has them, so that a schema
// changed outside dxsim (a table dropped, a column altered) is refused at
// start, naming what differs, instead of failing request after request.
var wantTables = []struct {
	name    string
	columns []column
}{
	{"dxsim_rows", []column{{"kind", "text"}, {"id", "text"}, {"account", "text"}, {"region", "text"}, {"parent", "text"}, {"keys", "text[]"}, {"body", "bytea"}}},
	{"dxsim_row_keys", []column{{"kind", "text"}, {"key", "text"}, {"id", "text"}}},
	{"dxsim_key_counts", []column{{"kind", "text"}, {"key", "text"}, {"n", "integer"}}},
	{"dxsim_ports", []column{{"device", "text"}, {"port", "integer"}, {"holder", "text"}}},
	{"dxsim_devices", []column{{"device", "text"}, {"next", "integer"}, {"held", "integer"}}},
	{"dxsim_free_ports", []column{{"device", "text"}, {"port", "integer"}}},
}

var wantIndexes = []index{
	{"dxsim_rows_pkey", "dxsim_rows", "kind, id", "", true},
	{"dxsim_rows_owner", "dxsim_rows", "kind, account, region, id", "", false},
	{"dxsim_rows_parent", "dxsim_rows", "kind, parent, id", "parent <> ''", false},
	{"dxsim_row_keys_pkey", "dxsim_row_keys", "kind, key, id", "", true},
	{"dxsim_key_counts_pkey", "dxsim_key_counts", "kind, key", "", true},
	{"dxsim_ports_pkey", "dxsim_ports", "device, port", "", true},
	{"dxsim_devices_pkey", "dxsim_devices", "device", "", true},
	{"dxsim_free_ports_pkey", "dxsim_free_ports", "device, port", "", true},
}

// column is a column and its type; text columns sort bytewise
// (COLLATE "C"), as paging by ID needs.
type column struct{ name, typ string }

type index struct {
	name, table, columns string
	where                string // the condition of a partial index
	primary              bool   // the table's primary key
}

// create is the statement that makes the index.
func (i index) create() string {
	if i.primary {
		return fmt.Sprintf("ALTER TABLE %s ADD PRIMARY KEY (%s)", i.table, i.columns)
	}
	return fmt.Sprintf("CREATE INDEX %s ON %s (%s)", i.name, i.table, i.columns) + i.condition()
}

// condition is " WHERE cond" for a partial index, else "".
func (i index) condition() string {
	if i.where == "" {
		return ""
	}
	return " WHERE " + i.where
}

// defSuffix is how pg_indexes' indexdef of the index ends.
func (i index) defSuffix() string {
	s := "USING btree (" + i.columns + ")"
	if i.where != "" {
		// PostgreSQL writes the condition back parenthesized, its
		// literals typed: parent <> '' is (parent <> ''::text).
		s += " WHERE (" + strings.ReplaceAll(i.where, "''", "''::text") + ")"
	}
	return s
}

// udtTypes name the types of information_schema's udt_name as the
// migrations write them.
var udtTypes = map[string]string{"text": "text", "_text": "text[]", "bytea": "bytea", "int4": "integer"}

// checkSchema returns nil if the connection's schema has every table,
// column and index of schemaVersion, or an error naming what differs and
// what to do.
func checkSchema(ctx context.Context, conn *pgxpool.Conn, version int) error {
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return fmt.Errorf("postgres: reading the schema: %w", err)
	}
	have := map[string]map[string]string{} // table, column: type
	rows, err := conn.Query(ctx, `SELECT table_name, column_name, udt_name, coalesce(collation_name, '')
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'dxsim\_%'`)
	if err != nil {
		return fmt.Errorf("postgres: reading the tables: %w", err)
	}
	for rows.Next() {
		var table, col, udt, collation string
		if err := rows.Scan(&table, &col, &udt, &collation); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: reading the tables: %w", err)
		}
		typ := udtTypes[udt]
		if typ == "" {
			typ = udt
		}
		if typ == "text" && collation != "C" {
			typ = fmt.Sprintf("text COLLATE %q", cmp.Or(collation, "default"))
		}
		if have[table] == nil {
			have[table] = map[string]string{}
		}
		have[table][col] = typ
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: reading the tables: %w", err)
	}
	defs := map[string]string{}
	rows, err = conn.Query(ctx, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'dxsim\_%'`)
	if err != nil {
		return fmt.Errorf("postgres: reading the indexes: %w", err)
	}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: reading the indexes: %w", err)
		}
		defs[name] = def
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: reading the indexes: %w", err)
	}

	var problems []string
	tablesOK := true
	for _, t := range wantTables {
		cols, ok := have[t.name]
		if !ok {
			problems = append(problems, "missing table "+t.name)
			tablesOK = false
			continue
		}
		for _, c := range t.columns {
			switch got, ok := cols[c.name]; {
			case !ok:
				problems = append(problems, fmt.Sprintf("%s lacks column %s (%s)", t.name, c.name, c.typ))
				tablesOK = false
			case got != c.typ:
				want := c.typ
				if want == "text" && strings.HasPrefix(got, "text ") {
					want = `text COLLATE "C"`
				}
				problems = append(problems, fmt.Sprintf("column %s.%s is %s, want %s", t.name, c.name, strings.TrimSuffix(got, ` COLLATE "default"`), want))
				tablesOK = false
			}
		}
	}
	for _, i := range wantIndexes {
		if _, ok := have[i.table]; !ok {
			continue // its table is missing
		}
		def, ok := defs[i.name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("missing index %s (%s)", i.name, i.create()))
		case !strings.HasSuffix(def, i.defSuffix()) || strings.HasPrefix(def, "CREATE UNIQUE INDEX") != i.primary:
			problems = append(problems, fmt.Sprintf("index %s is %q, want it on %s (%s)%s", i.name, def, i.table, i.columns, i.condition()))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	advice := "They were changed outside dxsim. Restore the database from a backup, or serve an empty schema " +
		"(a new database, or search_path=NEW in the URL) and load your latest export into it with dxsim admin import."
	if tablesOK {
		advice = "Only indexes differ: drop a wrong one (DROP INDEX name, or ALTER TABLE table DROP CONSTRAINT name for a primary key) and create the missing ones with the statements above; or restore the database from a backup."
	}
	return schemaMismatch(fmt.Sprintf("postgres: the dxsim tables in schema %q do not match the schema version %d recorded there:\n\t%s\n%s",
		schema, version, strings.Join(problems, "\n\t"), advice))
}

// schemaMismatch is the refusal of a schema that is not dxsim's; it
// matches store.ErrDamaged.
type schemaMismatch string

func (m schemaMismatch) Error() string        { return string(m) }
func (m schemaMismatch) Is(target error) bool { return target == store.ErrDamaged }
