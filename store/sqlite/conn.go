package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/dxsim/dxsim/store"
	sqlite3 "modernc.org/sqlite"
)

// The store drives its connections below database/sql: a statement run
// through database/sql with a context that can be canceled starts a
// goroutine to watch it, converts every argument and copies every value
// it reads once more in Scan. A request's statements here run on the
// driver's connection directly, with statements prepared once per
// connection, arguments bound as they are and values read as the driver
// returns them (a blob is a fresh copy already).
//
// No statement is given a context that can end: the driver answers a
// canceled context with sqlite3_interrupt, and an interrupted write rolls
// back the whole transaction, the other requests of the batch and their
// savepoints with it ("no such savepoint"). A request whose client went
// away fails at its next statement instead (tx checks its context before
// each), and in a batch its savepoint alone is rolled back.

// stmt is a prepared statement of the driver.
type stmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// conn is one SQLite connection with its statements, each prepared once.
// One goroutine at a time uses it: the writer, or the View that took it
// from the read pool.
type conn struct {
	c     driver.Conn
	stmts map[string]stmt
	args  []driver.NamedValue // reused by every statement
	// statements counts the statements run, for tests.
	statements uint64
}

// openConn opens a connection of the driver to dsn.
func openConn(dsn string) (*conn, error) {
	c, err := (&sqlite3.Driver{}).Open(dsn)
	if err != nil {
		return nil, err
	}
	if _, ok := c.(driver.ConnPrepareContext); !ok {
		c.Close()
		return nil, fmt.Errorf("sqlite: the driver's connection %T does not prepare statements with a context", c)
	}
	return &conn{c: c, stmts: map[string]stmt{}}, nil
}

func (c *conn) stmt(query string) (stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	ds, err := c.c.(driver.ConnPrepareContext).PrepareContext(context.Background(), query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(stmt)
	if !ok {
		ds.Close()
		return nil, fmt.Errorf("sqlite: the driver's statement %T does not run with a context", ds)
	}
	c.stmts[query] = st
	return st, nil
}

// bind returns args as the driver's arguments, in a slice reused by the
// next statement.
func (c *conn) bind(args []any) []driver.NamedValue {
	a := c.args[:0]
	for i, v := range args {
		switch x := v.(type) {
		case int:
			v = int64(x)
		case store.Kind:
			v = string(x)
		}
		a = append(a, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	c.args = a
	return a
}

// unbind drops the references to the last statement's arguments.
func (c *conn) unbind() { clear(c.args) }

// exec runs query, prepared once, with args.
func (c *conn) exec(query string, args ...any) (driver.Result, error) {
	st, err := c.stmt(query)
	if err != nil {
		return nil, err
	}
	c.statements++
	res, err := st.ExecContext(context.Background(), c.bind(args))
	c.unbind()
	return res, err
}

// execOnce runs query, which may hold several statements, without keeping
// it prepared: for the schema and the pragmas of the migration.
func (c *conn) execOnce(query string) error {
	c.statements++
	_, err := c.c.(driver.ExecerContext).ExecContext(context.Background(), query, nil)
	return err
}

// query runs query, prepared once, with args, reading its rows into dest
// (as many values as it has columns) or, if nil, a slice of its own; the
// caller closes the rows before the connection runs the same query again.
func (c *conn) query(dest []driver.Value, query string, args ...any) (rows, error) {
	st, err := c.stmt(query)
	if err != nil {
		return rows{}, err
	}
	c.statements++
	r, err := st.QueryContext(context.Background(), c.bind(args))
	c.unbind()
	if err != nil {
		return rows{}, err
	}
	if dest == nil {
		dest = make([]driver.Value, len(r.Columns()))
	}
	return rows{r: r, v: dest}, nil
}

// row runs query and reads its first row into dest (as many values as it
// has columns); found is false if it returned none.
func (c *conn) row(dest []driver.Value, query string, args ...any) (found bool, err error) {
	r, err := c.query(dest, query, args...)
	if err != nil {
		return false, err
	}
	found = r.next()
	return found, r.close()
}

func (c *conn) close() error {
	var err error
	for _, st := range c.stmts {
		err = errors.Join(err, st.Close())
	}
	c.stmts = nil
	return errors.Join(err, c.c.Close())
}

// rows reads the result of a query: v holds the current row's values, as
// the driver returns them (int64, float64, string, []byte or nil).
type rows struct {
	r   driver.Rows
	v   []driver.Value
	err error
}

// next reads the next row into v; false at the end or on an error, kept
// in err.
func (r *rows) next() bool {
	if r.err != nil {
		return false
	}
	if err := r.r.Next(r.v); err != nil {
		if err != io.EOF {
			r.err = err
		}
		return false
	}
	return true
}

// close closes the rows and returns the first error of reading them.
func (r *rows) close() error {
	err := r.r.Close()
	if r.err != nil {
		return r.err
	}
	return err
}

// text is a value read from a TEXT column.
func text(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return ""
}

// blob is a value read from a BLOB column: the driver's copy, not copied
// again.
func blob(v driver.Value) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case string:
		return []byte(x)
	}
	return nil
}

// integer is a value read from an INTEGER column.
func integer(v driver.Value) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	case string:
		n, _ := strconv.Atoi(x)
		return n
	}
	return 0
}

// pool is the read connections of a file: Views run on them at once, up
// to its size, and wait for one beyond. A connection is opened when no
// open one is free and kept open: opening one (and preparing its
// statements again) costs more than the reads a busy process makes on it.
// The most recently used free connection is taken first, so that a
// process opens only as many as its Views need at once (each holds its
// own page cache) and reads on the warmest.
type pool struct {
	dsn    string
	slots  chan struct{} // a token for each connection in use
	mu     sync.Mutex
	idle   []*conn // open and free, the most recently used last
	closed bool
}

func newPool(dsn string, size int) *pool {
	return &pool{dsn: dsn, slots: make(chan struct{}, size)}
}

// get takes a connection, waiting for one while all are in use (and ctx
// is not done).
func (p *pool) get(ctx context.Context) (*conn, error) {
	select {
	case p.slots <- struct{}{}:
	default:
		select {
		case p.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.slots
		return nil, errClosed
	}
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	c, err := openConn(p.dsn)
	if err != nil {
		<-p.slots
		return nil, err
	}
	return c, nil
}

// put gives a connection back; nil (a connection closed by its user)
// gives back its slot only.
func (p *pool) put(c *conn) {
	p.mu.Lock()
	if c != nil {
		if p.closed {
			c.close()
		} else {
			p.idle = append(p.idle, c)
		}
	}
	p.mu.Unlock()
	<-p.slots
}

// Close closes the free connections; those in use close when put back.
func (p *pool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var err error
	for _, c := range p.idle {
		err = errors.Join(err, c.close())
	}
	p.idle = nil
	return err
}
