package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dxsim/dxsim/awsapi"

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
	log                                     *slog.Logger
}

// maxQueryBody bounds the Query protocol bodies the router reads to route.
const maxQueryBody = 1 << 20

func (rt router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.Header.Get("X-Amz-Target"), smapi.TargetPrefix) {
		rt.logged(w, r, "secretsmanager", strings.TrimPrefix(r.Header.Get("X-Amz-Target"), smapi.TargetPrefix), rt.secretsManager)
		return
	}
	ct := r.Header.Get("Content-Type")
	if r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "" || !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		rt.directConnect.ServeHTTP(w, r) // it writes its own request log line
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxQueryBody))
	if err != nil {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	service := scopeService(r.Header.Get("Authorization"))
	if service != "ec2" && service != "sts" {
		switch form.Get("Version") {
		case ec2api.Version:
			service = "ec2"
		case stsapi.Version:
			service = "sts"
		}
	}
	switch service {
	case "ec2":
		rt.logged(w, r, service, form.Get("Action"), rt.ec2)
	case "sts":
		rt.logged(w, r, service, form.Get("Action"), rt.sts)
	default:
		rt.directConnect.ServeHTTP(w, r)
	}
}

// logged serves r with h and writes the request's one log line at info,
// as the Direct Connect API does for its own requests.
func (rt router) logged(w http.ResponseWriter, r *http.Request, service, operation string, h http.Handler) {
	start := time.Now()
	r, caller := awsapi.WithCallerSlot(r)
	rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.ServeHTTP(rec, r)
	rt.log.Info("request", "requestId", rec.Header().Get("x-amzn-RequestId"), "service", service, "operation", operation,
		"account", caller.Account, "region", caller.Region, "status", rec.status, "duration", time.Since(start))
}

// statusWriter records the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
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
