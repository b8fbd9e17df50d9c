// Package sqlitedamage damages SQLite files on purpose, for the tests of
// what dxsim does with a damaged store.
package sqlitedamage

import (
	"bytes"
	"database/sql"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver dxsim uses
)

// IndexRoots overwrites the root page of every index of the SQLite
// database at path with bytes that are no b-tree page, and returns the
// indexes' names. The tables stay intact.
//
// The file may be in use by a running dxsim: its write-ahead log is
// copied into the file first (so no newer copy of those pages shadows the
// damage), and a write after the damage makes every connection drop the
// pages it keeps in memory.
func IndexRoots(t testing.TB, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	checkpoint(t, db)
	var pageSize int64
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 0`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var roots []int64
	for rows.Next() {
		var name string
		var root int64
		if err := rows.Scan(&name, &root); err != nil {
			t.Fatal(err)
		}
		names, roots = append(names, name), append(roots, root)
	}
	rows.Close()
	if len(roots) == 0 {
		t.Fatalf("%s has no index", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	garbage := bytes.Repeat([]byte{0xff}, int(pageSize)) // 0xff is no page type
	for _, root := range roots {
		if _, err := f.WriteAt(garbage, (root-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = ` + strconv.Itoa(version)); err != nil {
		t.Fatal(err)
	}
	return names
}

// checkpoint copies the whole write-ahead log into the database file and
// empties it, waiting for readers that still need it.
func checkpoint(t testing.TB, db *sql.DB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var busy, log, done int
		if err := db.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
			t.Fatal(err)
		}
		if busy == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the write-ahead log stayed in use (%d of %d frames copied)", done, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
