// Package admin is dxsim's control API under /_dxsim/: JSON over HTTP on the
// API's listener, for driving the simulated world from tests and scripts. It
// is never reachable through the AWS operations. It calls the operator's
// controls (package operator) and may import core and dx beside them.
package admin

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/operator"
	"github.com/dxsim/dxsim/sim"
	"github.com/dxsim/dxsim/store"
)

// Clock is a simulated clock that can be read, switched, advanced and set.
type Clock interface {
	Now() time.Time
	Mode() (mode string, factor float64)
	SetMode(mode string, factor float64) error
	Advance(d time.Duration) error
	Set(now time.Time, mode string, factor float64) error
}

// ClockState is the answer of the clock endpoints.
type ClockState struct {
	Now    string  `json:"now"` // RFC 3339
	Mode   string  `json:"mode"`
	Factor float64 `json:"factor"`
}

// ExportFormat names the layout of an export file.
const ExportFormat = "dxsim-world/1"

// Export is a whole world: its clock and every record, fault and held port.
type Export struct {
	Format string     `json:"format"`
	Clock  ClockState `json:"clock"`
	store.Snapshot
}

// Size limits of request bodies: small control requests, and imports.
const (
	maxControlBody = 1 << 16
	// MaxImportBody is the default bound of an import; a world of
	// 100,000 resources exports to about 100 MiB.
	MaxImportBody = 256 << 20
)

type handler struct {
	clock     Clock // nil when the world runs on a clock that cannot be driven
	world     *operator.Controls
	maxImport int64
}

// Option adjusts the admin API.
type Option func(*handler)

// MaxImport bounds the body of an import to n bytes (0 keeps MaxImportBody).
func MaxImport(n int64) Option {
	return func(h *handler) {
		if n > 0 {
			h.maxImport = n
		}
	}
}

// Handler serves the admin API over world and its clock (nil if the world's
// clock cannot be driven; the clock endpoints then answer 404).
func Handler(clock Clock, world *operator.Controls, opts ...Option) http.Handler {
	h := &handler{clock: clock, world: world, maxImport: MaxImportBody}
	for _, o := range opts {
		o(h)
	}
	mux := http.NewServeMux()
	if clock != nil {
		mux.HandleFunc("GET /_dxsim/clock", h.getClock)
		mux.HandleFunc("PUT /_dxsim/clock", h.putClock)
		mux.HandleFunc("POST /_dxsim/clock/advance", h.advance)
	}
	mux.HandleFunc("GET /_dxsim/links", h.faults)
	for verb, fault := range map[string]func(context.Context, string) (operator.Fault, error){
		"down": h.world.LinkDown, "up": h.world.LinkUp, "degrade": h.world.Degrade, "repair": h.world.Repair,
	} {
		mux.HandleFunc("POST /_dxsim/links/{id}/"+verb, func(w http.ResponseWriter, r *http.Request) {
			f, err := fault(r.Context(), r.PathValue("id"))
			answer(w, f, err)
		})
	}
	mux.HandleFunc("GET /_dxsim/traffic", func(w http.ResponseWriter, r *http.Request) {
		ts, err := h.world.TrafficOverrides(r.Context())
		answer(w, map[string]any{"traffic": ts}, err)
	})
	mux.HandleFunc("PUT /_dxsim/traffic/{id}", h.setTraffic)
	mux.HandleFunc("DELETE /_dxsim/traffic/{id}", func(w http.ResponseWriter, r *http.Request) {
		t, err := h.world.ClearTraffic(r.Context(), r.PathValue("id"))
		answer(w, t, err)
	})
	mux.HandleFunc("PUT /_dxsim/bgp-peers/{id}/status", h.bgpStatus)
	mux.HandleFunc("POST /_dxsim/provisioning/{id}/{action}", func(w http.ResponseWriter, r *http.Request) {
		rs, err := h.world.Provision(r.Context(), r.PathValue("id"), r.PathValue("action"))
		answer(w, map[string]any{"resources": rs}, err)
	})
	mux.HandleFunc("GET /_dxsim/settings", h.getSettings)
	mux.HandleFunc("PUT /_dxsim/settings", h.putSettings)
	mux.HandleFunc("GET /_dxsim/events", h.events)
	mux.HandleFunc("POST /_dxsim/reset", func(w http.ResponseWriter, r *http.Request) {
		answer(w, map[string]string{"status": "reset"}, h.world.Reset(r.Context()))
	})
	mux.HandleFunc("POST /_dxsim/purge", func(w http.ResponseWriter, r *http.Request) {
		n, err := h.world.Purge(r.Context())
		answer(w, map[string]int{"removed": n}, err)
	})
	mux.HandleFunc("GET /_dxsim/export", h.export)
	mux.HandleFunc("POST /_dxsim/import", h.importWorld)
	mux.HandleFunc("/_dxsim/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, r.Method+" "+r.URL.Path+" is not an admin endpoint; see docs/world.md")
	})
	return mux
}

func (h *handler) clockState() ClockState {
	mode, factor := h.clock.Mode()
	return ClockState{Now: h.clock.Now().Format(time.RFC3339Nano), Mode: mode, Factor: factor}
}

func (h *handler) getClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.clockState())
}

func (h *handler) putClock(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Mode   string  `json:"mode"`
		Factor float64 `json:"factor"`
		// Now, when given, sets simulated time (in Mode, or the current
		// mode when Mode is empty).
		Now string `json:"now"`
	}
	if !readJSON(w, r, &in, maxControlBody) {
		return
	}
	if in.Now == "" {
		if err := h.clock.SetMode(in.Mode, in.Factor); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, h.clockState())
		return
	}
	now, err := time.Parse(time.RFC3339Nano, in.Now)
	if err != nil {
		writeError(w, http.StatusBadRequest, "now must be an RFC 3339 time such as 2027-01-01T00:00:00Z, got "+quoteShort(in.Now))
		return
	}
	if in.Mode == "" {
		in.Mode, in.Factor = h.clock.Mode()
	}
	if err := sim.CheckMode(in.Mode, in.Factor); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := sim.CheckTime(now); err != nil {
		writeError(w, http.StatusBadRequest, "now: "+err.Error())
		return
	}
	if err := h.clock.Set(now, in.Mode, in.Factor); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	h.world.ClockMoved(r.Context())
	writeJSON(w, http.StatusOK, h.clockState())
}

func (h *handler) advance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Duration string `json:"duration"`
	}
	if !readJSON(w, r, &in, maxControlBody) {
		return
	}
	d, err := time.ParseDuration(in.Duration)
	if err != nil {
		writeError(w, http.StatusBadRequest, `duration must be a Go duration such as "72h" or "90s": `+err.Error())
		return
	}
	if err := h.clock.Advance(d); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	h.world.ClockMoved(r.Context())
	writeJSON(w, http.StatusOK, h.clockState())
}

func (h *handler) faults(w http.ResponseWriter, r *http.Request) {
	fs, err := h.world.Faults(r.Context())
	answer(w, map[string]any{"faults": fs}, err)
}

// setTraffic overrides the traffic a connection or virtual interface
// carries: {"egressBps": 1e10, "ingressBps": 0}, bits per second.
func (h *handler) setTraffic(w http.ResponseWriter, r *http.Request) {
	var in struct {
		EgressBps  *float64 `json:"egressBps"`
		IngressBps *float64 `json:"ingressBps"`
	}
	if !readJSON(w, r, &in, maxControlBody) {
		return
	}
	if in.EgressBps == nil || in.IngressBps == nil {
		writeError(w, http.StatusBadRequest, `give both egressBps and ingressBps, in bits per second: {"egressBps": 1e10, "ingressBps": 0}`)
		return
	}
	t, err := h.world.SetTraffic(r.Context(), r.PathValue("id"), *in.EgressBps, *in.IngressBps)
	answer(w, t, err)
}

func (h *handler) bgpStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Status string `json:"status"`
	}
	if !readJSON(w, r, &in, maxControlBody) {
		return
	}
	f, err := h.world.SetBGPStatus(r.Context(), r.PathValue("id"), in.Status)
	answer(w, f, err)
}

func (h *handler) getSettings(w http.ResponseWriter, r *http.Request) {
	ws, err := h.world.Settings(r.Context())
	answer(w, ws, err)
}

// putSettings changes the settings the body names and leaves the others.
func (h *handler) putSettings(w http.ResponseWriter, r *http.Request) {
	var in struct {
		AutoCrossConnect *bool   `json:"autoCrossConnect"`
		CustomerRouter   *string `json:"customerRouter"`
	}
	if !readJSON(w, r, &in, maxControlBody) {
		return
	}
	if in.CustomerRouter != nil {
		if err := core.CheckCustomerRouter(*in.CustomerRouter); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	ws, err := h.world.ChangeSettings(r.Context(), func(ws *core.WorldSettings) {
		if in.AutoCrossConnect != nil {
			ws.AutoCrossConnect = *in.AutoCrossConnect
		}
		if in.CustomerRouter != nil {
			ws.CustomerRouter = *in.CustomerRouter
		}
	})
	answer(w, ws, err)
}

func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := core.EventFilter{Resource: q.Get("resource"), ResourceType: q.Get("type"), Account: q.Get("account")}
	for name, t := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(name); v != "" {
			var err error
			if *t, err = time.Parse(time.RFC3339Nano, v); err != nil {
				writeError(w, http.StatusBadRequest, name+" must be an RFC 3339 time such as 2026-01-01T00:00:00Z: "+err.Error())
				return
			}
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "limit must be a whole number of at least 1, got "+strconv.Quote(v))
			return
		}
		f.Limit = n
	}
	events, err := h.world.Events(r.Context(), f)
	answer(w, map[string]any{"events": events}, err)
}

// export streams the world row by row in the layout of Export, so that a
// world of any size exports without being held in memory. Secret material (MACsec CAKs, BGP
// authentication keys) stays out unless the request asks for it with
// ?secrets=include and carries the admin token.
func (h *handler) export(w http.ResponseWriter, r *http.Request) {
	withSecrets := false
	switch v := r.URL.Query().Get("secrets"); v {
	case "", "omit":
	case "include":
		if !hasToken(r) {
			writeError(w, http.StatusForbidden, "secrets=include exports MACsec CAKs and BGP authentication keys only to a request with the admin token; start dxsim with --admin-token (or DXSIM_ADMIN_TOKEN) and send it as Authorization: Bearer TOKEN")
			return
		}
		withSecrets = true
	default:
		writeError(w, http.StatusBadRequest, "secrets must be include or omit, got "+quoteShort(v))
		return
	}
	head := Export{Format: ExportFormat}
	if h.clock != nil {
		head.Clock = h.clockState()
	}
	clock, err := json.Marshal(head.Clock)
	if err != nil {
		answer(w, nil, err)
		return
	}
	out := bufio.NewWriterSize(w, 64<<10)
	phase := 0 // 0: nothing written, 1: in rows, 2: in ports
	to := func(p int) {
		if phase == 0 {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Disposition", `attachment; filename="dxsim-world.json"`)
			fmt.Fprintf(out, `{"format":%q,"clock":%s,"rows":[`, head.Format, clock)
			phase = 1
		}
		if p == 2 && phase == 1 {
			out.WriteString(`],"ports":[`)
			phase = 2
		}
	}
	item := func(p int, v any) error {
		first := phase < p
		to(p)
		if !first {
			out.WriteByte(',')
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = out.Write(b)
		return err
	}
	err = h.world.Export(r.Context(),
		func(row store.Row) error {
			if !withSecrets {
				var err error
				if row, _, err = operator.WithoutSecretsRow(row); err != nil {
					return err
				}
			}
			return item(1, row)
		},
		func(p store.Port) error { return item(2, p) })
	if err != nil {
		if phase == 0 {
			answer(w, nil, err)
			return
		}
		// Part of the file is sent: drop the connection rather than end
		// it as if it were whole.
		panic(http.ErrAbortHandler)
	}
	to(2)
	out.WriteString("]}\n")
	out.Flush()
}

// importWorld replaces the world with an export and puts the clock where
// the export's was, so that every Describe call answers as it did then.
// The export is spooled to a temporary file and read from it row by row,
// first to check its layout and clock, then inside the transaction that
// replaces the world: a world of any size imports in constant memory.
func (h *handler) importWorld(w http.ResponseWriter, r *http.Request) {
	f, err := os.CreateTemp("", "dxsim-import-*.json")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := io.Copy(f, http.MaxBytesReader(w, r.Body, h.maxImport)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "an import is at most "+strconv.FormatInt(h.maxImport, 10)+" bytes")
			return
		}
		writeError(w, http.StatusBadRequest, "reading the export: "+err.Error())
		return
	}
	var in Export
	var rows, ports int
	count := func(n *int) func() error { return func() error { *n++; return nil } }
	if err := scanExport(f, &in, count(&rows), count(&ports)); err != nil {
		writeError(w, http.StatusBadRequest, "the body must be an export as GET /_dxsim/export writes it: "+err.Error())
		return
	}
	if in.Format != ExportFormat {
		writeError(w, http.StatusBadRequest, "format "+quoteShort(in.Format)+" is not "+ExportFormat+"; import a file that GET /_dxsim/export wrote")
		return
	}
	var now time.Time
	if h.clock != nil {
		var err error
		if now, err = time.Parse(time.RFC3339Nano, in.Clock.Now); err != nil {
			writeError(w, http.StatusBadRequest, "clock.now must be an RFC 3339 time such as 2026-01-01T00:00:00Z, got "+quoteShort(in.Clock.Now))
			return
		}
		if err := sim.CheckMode(in.Clock.Mode, in.Clock.Factor); err != nil {
			writeError(w, http.StatusBadRequest, "clock: "+err.Error())
			return
		}
		if err := sim.CheckTime(now); err != nil {
			writeError(w, http.StatusBadRequest, "clock.now: "+err.Error())
			return
		}
	}
	read := func(row func(store.Row) error, port func(store.Port) error) error {
		var again Export
		return scanExportRows(f, &again, row, port)
	}
	// Each record is checked before anything is replaced; references
	// are checked inside the transaction that replaces the world.
	missing, err := h.world.CheckImport(r.Context(), read)
	if err != nil {
		answer(w, nil, err)
		return
	}
	err = h.world.RestoreFrom(r.Context(), read)
	if err != nil {
		answer(w, nil, err)
		return
	}
	if h.clock != nil {
		if err := h.clock.Set(now, in.Clock.Mode, in.Clock.Factor); err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
	}
	out := map[string]any{"status": "imported", "rows": rows, "ports": ports}
	if missing != (operator.SecretCounts{}) {
		out["withoutSecrets"] = missing
		out["note"] = "the export holds no secret material for these MACsec keys and BGP peers; none was generated: their CAKs and authentication keys stay empty (export with ?secrets=include and the admin token to keep them)"
	}
	writeJSON(w, http.StatusOK, out)
}

// scanExport reads an export from the start of f, counting its rows and
// ports and reading its format and clock into head.
func scanExport(f *os.File, head *Export, row, port func() error) error {
	return scanExportRows(f, head, func(store.Row) error { return row() }, func(store.Port) error { return port() })
}

// scanExportRows reads an export from the start of f: format and clock
// into head, and each row and port, one at a time, to row and port.
func scanExportRows(f *os.File, head *Export, row func(store.Row) error, port func(store.Port) error) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	dec.DisallowUnknownFields()
	delim := func(want json.Delim) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return fmt.Errorf("expected %v, found %v", want, tok)
		}
		return nil
	}
	if err := delim('{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var each func() error
		switch key, _ := tok.(string); key {
		case "format":
			err = dec.Decode(&head.Format)
		case "clock":
			err = dec.Decode(&head.Clock)
		case "rows":
			each = func() error {
				var r store.Row
				if err := dec.Decode(&r); err != nil {
					return err
				}
				return row(r)
			}
		case "ports":
			each = func() error {
				var p store.Port
				if err := dec.Decode(&p); err != nil {
					return err
				}
				return port(p)
			}
		default:
			return fmt.Errorf("unknown member %s", quoteShort(key))
		}
		if err != nil {
			return err
		}
		if each == nil {
			continue
		}
		if err := delim('['); err != nil {
			return err
		}
		for dec.More() {
			if err := each(); err != nil {
				return err
			}
		}
		if err := delim(']'); err != nil {
			return err
		}
	}
	if err := delim('}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the export's closing brace")
	}
	return nil
}

// answer writes v, or err as a JSON error with the status it carries.
func answer(w http.ResponseWriter, v any, err error) {
	var ce *core.ControlError
	switch {
	case errors.As(err, &ce):
		writeError(w, ce.Status, ce.Message)
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusTooManyRequests, "the request did not finish within the server's request deadline (dxsim serve --request-timeout) and was not applied; retry it")
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, v)
	}
}

func readJSON(w http.ResponseWriter, r *http.Request, v any, limit int64) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "the body must be a JSON object of this endpoint's fields: "+err.Error())
		return false
	}
	return true
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
