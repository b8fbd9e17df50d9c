package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/dxsim/dxsim/store"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// A damaged file is refused at Open: PRAGMA quick_check walks every page
// of the file once (about 0.35 s for 100,000 connections, a 70 MB file),
// so a file whose pages were overwritten does not start serving and then
// fail request after request. While serving, damage a statement meets is
// recorded (Check reports it from then on) and answered as a server fault.

// quickCheckLimit bounds the problems quick_check reports (it stops once
// it has found that many): enough for every page of the indexes of a
// world of a million connections, so that damage confined to indexes
// shows as such.
const quickCheckLimit = 1_000_000

// shownProblems is how many of quick_check's lines a refusal quotes.
const shownProblems = 5

// isDamage reports whether err says the file is damaged or is not a
// SQLite database at all.
func isDamage(err error) bool {
	var se *sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == sqlite3lib.SQLITE_CORRUPT || code == sqlite3lib.SQLITE_NOTADB
}

// note records the damage err shows, if any, and returns the error to
// answer with: a *store.Damage for damage, err otherwise.
func (s *Store) note(err error) error {
	return s.Note(err, isDamage, func(err error) *store.Damage {
		return &store.Damage{Err: fmt.Errorf("sqlite: %s: %w", s.path, err), Recover: recoverWhileServing(s.path)}
	})
}

// recoverWhileServing is the advice on damage met while serving: quick_check
// walks the whole file, so it runs at the next start, not now.
func recoverWhileServing(path string) string {
	return fmt.Sprintf("stop every dxsim serving %s and start one again: at start it checks the whole file, "+
		"and refuses it saying what is damaged and how to recover", path)
}

// Check reports the first damage the store met or, for a file, reads the
// first entry of every table and index of the file on a connection of its
// own, which reads the file as it is on disk rather than pages the
// serving connections keep in memory.
func (s *Store) Check(ctx context.Context) error {
	if d := s.Damage(); d != nil {
		return d
	}
	if s.reads == nil {
		return nil // in memory: nothing on disk to damage
	}
	if err := probe(ctx, s.path); err != nil {
		if err = s.note(err); errors.Is(err, store.ErrDamaged) {
			return err
		}
		return fmt.Errorf("sqlite: %s: %w", s.path, err)
	}
	return nil
}

// probe opens path read-only (a file that is gone is an error, not a new
// database) and reads the first entry of each of its b-trees, so that an
// unreadable root page shows.
func probe(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE rootpage > 0 AND sql IS NOT NULL`)
	if err != nil {
		return err
	}
	var reads []string
	for rows.Next() {
		var typ, name, table, def string
		if err := rows.Scan(&typ, &name, &table, &def); err != nil {
			rows.Close()
			return err
		}
		if typ == "index" {
			// A partial index serves only a query whose WHERE implies
			// its own.
			filter := ""
			if m := partialIndex.FindStringSubmatch(def); m != nil {
				filter = ` WHERE ` + m[1]
			}
			reads = append(reads, `SELECT 1 FROM `+quote(table)+` INDEXED BY `+quote(name)+filter+` LIMIT 1`)
		} else {
			reads = append(reads, `SELECT 1 FROM `+quote(name)+` NOT INDEXED LIMIT 1`)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, q := range reads {
		var one int
		if err := db.QueryRowContext(ctx, q).Scan(&one); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

// partialIndex matches the CREATE INDEX statement of a partial index; its
// submatch is the index's condition.
var partialIndex = regexp.MustCompile(`(?is)\)\s*WHERE\s+(.+)$`)

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// checkFile refuses a damaged file: one that quick_check finds problems
// in, or that SQLite cannot read as a database at all.
func checkFile(ctx context.Context, db *sql.DB, path string) error {
	var problems []string
	err := retryBusy(func() error {
		problems = nil
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`PRAGMA quick_check(%d)`, quickCheckLimit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var lines string
			if err := rows.Scan(&lines); err != nil {
				return err
			}
			for l := range strings.SplitSeq(lines, "\n") {
				if l != "" && l != "ok" && !strings.HasPrefix(l, "*** in database") {
					problems = append(problems, l)
				}
			}
		}
		return rows.Err()
	})
	switch {
	case err == nil && len(problems) == 0:
		return nil
	case isNotADatabase(err):
		return refusal(fmt.Sprintf("sqlite: %s is not a SQLite database (%v): check that --data names dxsim's database file; "+
			"an export (JSON) is loaded with dxsim admin import into a running dxsim", path, err))
	case isDamage(err):
		return refusal(fmt.Sprintf("sqlite: %s is damaged: %v\n%s", path, err, recoverFile(path, nil)))
	case err != nil:
		return fmt.Errorf("sqlite: checking %s: %w", path, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "sqlite: %s is damaged; PRAGMA quick_check found:", path)
	for _, p := range problems[:min(len(problems), shownProblems)] {
		b.WriteString("\n\t" + p)
	}
	if more := len(problems) - shownProblems; more > 0 {
		fmt.Fprintf(&b, "\n\t(and %d more)", more)
	}
	b.WriteString("\n" + recoverFile(path, onlyIndexes(ctx, db, problems)))
	return refusal(b.String())
}

func isNotADatabase(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3lib.SQLITE_NOTADB
}

// onlyIndexes names the damaged b-trees when they are all indexes, whose
// content the tables hold too, or returns nil. A "Tree N" line names the
// tree whose root is page N; "never used" pages are those the trees that
// could not be read held, reported after every tree is walked; a line
// ending "in index NAME" (the count of an index's entries) names it.
func onlyIndexes(ctx context.Context, db *sql.DB, problems []string) []string {
	roots := map[int]string{}
	named := map[string]bool{}
	walked := false
	for _, p := range problems {
		var root int
		switch _, err := fmt.Sscanf(p, "Tree %d ", &root); {
		case err == nil:
			roots[root] = ""
		case strings.HasPrefix(p, "Page ") && strings.HasSuffix(p, ": never used"):
			walked = true
		case strings.Contains(p, " in index "):
			named[p[strings.LastIndex(p, " ")+1:]] = true
		default:
			return nil
		}
	}
	if len(roots) == 0 || (len(problems) == quickCheckLimit && !walked) {
		return nil // cut short before every tree was walked
	}
	rows, err := db.QueryContext(ctx, `SELECT type, name, rootpage FROM sqlite_master`)
	if err != nil {
		return nil
	}
	defer rows.Close()
	indexes := map[string]bool{}
	for rows.Next() {
		var typ, name string
		var root int
		if rows.Scan(&typ, &name, &root) != nil {
			return nil
		}
		if _, ok := roots[root]; ok {
			roots[root] = typ + " " + name
		}
		indexes[name] = typ == "index"
	}
	if rows.Err() != nil {
		return nil
	}
	for _, tree := range roots {
		name, ok := strings.CutPrefix(tree, "index ")
		if !ok {
			return nil // a table, or a tree sqlite_master does not name
		}
		named[name] = true
	}
	var names []string
	for name := range named {
		if !indexes[name] {
			return nil
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// recoverFile says how to recover the damaged file at path: rebuilding it
// from its tables when only indexes (named) are damaged, from an export
// otherwise.
func recoverFile(path string, indexes []string) string {
	dump := fmt.Sprintf("(sqlite3 %s .dump; echo 'PRAGMA user_version = %d;') | sqlite3 %s",
		shellQuote(path), schemaVersion, shellQuote(path+".rebuilt"))
	if len(indexes) > 0 {
		return fmt.Sprintf("Only the indexes %s are damaged; the rows are intact. To recover, stop every dxsim serving the file, "+
			"rebuild it from its tables with the sqlite3 shell and serve the rebuilt file:\n\t%s\n"+
			"(REINDEX cannot rebuild an index whose pages are unreadable.)", strings.Join(indexes, ", "), dump)
	}
	return "To recover, stop every dxsim serving the file and restore your latest export into a new file " +
		"(dxsim serve --data NEW.db, then dxsim admin import EXPORT.json); failing that, salvage the rows the sqlite3 shell " +
		"can still read, and check what the rebuilt file holds before serving it:\n\t" + dump
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,:+=@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// refusal is the error of Open on a damaged file; it matches
// store.ErrDamaged.
type refusal string

func (r refusal) Error() string        { return string(r) }
func (r refusal) Is(target error) bool { return target == store.ErrDamaged }
