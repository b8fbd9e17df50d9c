package server

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/dxsim/dxsim/ec2api"
	"github.com/dxsim/dxsim/smapi"
	"github.com/dxsim/dxsim/stsapi"
)

// router sends each request on the one AWS endpoint to the protocol and
// service it is for: JSON 1.1 by its X-Amz-Target prefix (Secrets Manager;
// everything else is Direct Connect's), the Query protocol (a form-encoded
// POST) by the service of its SigV4 credential scope or, failing that, by
// its Version.
type router struct {
	directConnect, secretsManager, ec2, sts http.Handler
}

// maxQueryBody bounds the Query protocol bodies the router reads to route.
const maxQueryBody = 1 << 20

func (rt router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.Header.Get("X-Amz-Target"), smapi.TargetPrefix) {
		rt.secretsManager.ServeHTTP(w, r)
		return
	}
	ct := r.Header.Get("Content-Type")
	if r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "" || !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		rt.directConnect.ServeHTTP(w, r)
		return
	}
	switch scopeService(r.Header.Get("Authorization")) {
	case "ec2":
		rt.ec2.ServeHTTP(w, r)
		return
	case "sts":
		rt.sts.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxQueryBody))
	if err != nil {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	switch form.Get("Version") {
	case ec2api.Version:
		rt.ec2.ServeHTTP(w, r)
	case stsapi.Version:
		rt.sts.ServeHTTP(w, r)
	default:
		rt.directConnect.ServeHTTP(w, r)
	}
}

// scopeService is the service of a SigV4 Authorization header's credential
// scope (Credential=<key>/<date>/<region>/<service>/aws4_request), or "".
func scopeService(auth string) string {
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[3]
}
