// Package admin is dxsim's control API under /_dxsim/: JSON over HTTP on the
// API's listener, for driving the simulated world from tests and scripts. It
// is never reachable through the AWS operations.
package admin

import (
	"encoding/json"
	"net/http"
	"time"
)

// Clock is a simulated clock that can be read, switched and advanced.
type Clock interface {
	Now() time.Time
	Mode() (mode string, factor float64)
	SetMode(mode string, factor float64) error
	Advance(d time.Duration) error
}

// ClockState is the answer of the clock endpoints.
type ClockState struct {
	Now    string  `json:"now"` // RFC 3339
	Mode   string  `json:"mode"`
	Factor float64 `json:"factor"`
}

// Handler serves the admin API.
func Handler(clock Clock) http.Handler {
	mux := http.NewServeMux()
	state := func(w http.ResponseWriter) {
		mode, factor := clock.Mode()
		writeJSON(w, http.StatusOK, ClockState{Now: clock.Now().Format(time.RFC3339Nano), Mode: mode, Factor: factor})
	}
	mux.HandleFunc("GET /_dxsim/clock", func(w http.ResponseWriter, r *http.Request) { state(w) })
	mux.HandleFunc("PUT /_dxsim/clock", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Mode   string  `json:"mode"`
			Factor float64 `json:"factor"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		if err := clock.SetMode(in.Mode, in.Factor); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		state(w)
	})
	mux.HandleFunc("POST /_dxsim/clock/advance", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Duration string `json:"duration"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		d, err := time.ParseDuration(in.Duration)
		if err != nil {
			writeError(w, http.StatusBadRequest, `duration must be a Go duration such as "72h" or "90s": `+err.Error())
			return
		}
		if err := clock.Advance(d); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		state(w)
	})
	mux.HandleFunc("/_dxsim/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, r.Method+" "+r.URL.Path+" is not an admin endpoint; see the README")
	})
	return mux
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
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
