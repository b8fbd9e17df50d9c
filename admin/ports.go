package admin

import (
	"net/http"

	"github.com/dxsim/dxsim/bgp"
)

// PortsHandler serves /_dxsim/ports: attaching connections' ports to Linux
// interfaces, on which sp runs their BGP sessions. With sp nil (dxsim runs
// without real BGP) every call answers 409 with off, the reason.
func PortsHandler(sp *bgp.Speaker, off string) http.Handler {
	mux := http.NewServeMux()
	if sp == nil {
		mux.HandleFunc("/_dxsim/ports", func(w http.ResponseWriter, r *http.Request) { writeError(w, http.StatusConflict, off) })
		mux.HandleFunc("/_dxsim/ports/", func(w http.ResponseWriter, r *http.Request) { writeError(w, http.StatusConflict, off) })
		return mux
	}
	mux.HandleFunc("GET /_dxsim/ports", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"ports": sp.Ports()})
	})
	mux.HandleFunc("PUT /_dxsim/ports/{id}", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Interface string `json:"interface"`
		}
		if !readJSON(w, r, &in, maxControlBody) {
			return
		}
		p, err := sp.Attach(r.Context(), r.PathValue("id"), in.Interface)
		answer(w, p, err)
	})
	mux.HandleFunc("GET /_dxsim/ports/{id}", func(w http.ResponseWriter, r *http.Request) {
		p, err := sp.Port(r.PathValue("id"))
		answer(w, p, err)
	})
	mux.HandleFunc("DELETE /_dxsim/ports/{id}", func(w http.ResponseWriter, r *http.Request) {
		p, err := sp.Detach(r.Context(), r.PathValue("id"))
		answer(w, p, err)
	})
	mux.HandleFunc("/_dxsim/ports/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, r.Method+" "+r.URL.Path+": use GET /_dxsim/ports, or PUT, GET or DELETE /_dxsim/ports/{connectionId}; see docs/bgp.md")
	})
	return mux
}
