package sqlite

import "github.com/dxsim/dxsim/store"

// watched is a transaction whose errors pass through its store's note, so
// that damage any statement meets is recorded however the caller handles
// the error.
type watched tx

func (w *watched) Get(kind store.Kind, id string) (store.Row, error) {
	r, err := (*tx)(w).Get(kind, id)
	return r, w.s.note(err)
}

func (w *watched) Insert(r store.Row) error { return w.s.note((*tx)(w).Insert(r)) }

func (w *watched) Put(r store.Row) error { return w.s.note((*tx)(w).Put(r)) }

func (w *watched) Delete(kind store.Kind, id string) error {
	return w.s.note((*tx)(w).Delete(kind, id))
}

func (w *watched) List(q store.Query) ([]store.Row, error) {
	rows, err := (*tx)(w).List(q)
	return rows, w.s.note(err)
}

func (w *watched) ListBodies(q store.Query) ([]store.Row, error) {
	rows, err := (*tx)(w).ListBodies(q)
	return rows, w.s.note(err)
}

func (w *watched) Count(q store.Query) (int, error) {
	n, err := (*tx)(w).Count(q)
	return n, w.s.note(err)
}

func (w *watched) ClaimPort(device string, ports int, holder string) (int, error) {
	p, err := (*tx)(w).ClaimPort(device, ports, holder)
	return p, w.s.note(err)
}

func (w *watched) ReleasePort(device string, port int) error {
	return w.s.note((*tx)(w).ReleasePort(device, port))
}

func (w *watched) PortsInUse(device string) (int, error) {
	n, err := (*tx)(w).PortsInUse(device)
	return n, w.s.note(err)
}

func (w *watched) Dump() (store.Snapshot, error) {
	snap, err := (*tx)(w).Dump()
	return snap, w.s.note(err)
}

func (w *watched) Scan(row func(store.Row) error, port func(store.Port) error) error {
	return w.s.note((*tx)(w).Scan(row, port))
}

func (w *watched) Restore(snap store.Snapshot) error { return w.s.note((*tx)(w).Restore(snap)) }

func (w *watched) Clear() error { return w.s.note((*tx)(w).Clear()) }

func (w *watched) HoldPort(p store.Port) error { return w.s.note((*tx)(w).HoldPort(p)) }
