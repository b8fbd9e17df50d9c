// Package stsapi answers the one AWS STS call that tools make before any
// other, GetCallerIdentity (Query protocol: Action=GetCallerIdentity&
// Version=2011-06-15, answered in XML), for the account of the request's
// signing credential. The Terraform AWS provider builds every ARN it tags
// with from that account.
package stsapi

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/dx"
)

// Version is the STS API version the SDKs send.
const Version = "2011-06-15"

const namespace = "https://sts.amazonaws.com/doc/" + Version + "/"

// Handler serves STS.
type Handler struct {
	identity awsapi.Identity
	log      *slog.Logger
}

// NewHandler returns the STS handler.
func NewHandler(identity awsapi.Identity, log *slog.Logger) *Handler {
	return &Handler{identity: identity, log: log}
}

type callerIdentityResponse struct {
	XMLName   xml.Name `xml:"GetCallerIdentityResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	Arn       string   `xml:"GetCallerIdentityResult>Arn"`
	UserID    string   `xml:"GetCallerIdentityResult>UserId"`
	Account   string   `xml:"GetCallerIdentityResult>Account"`
	RequestID string   `xml:"ResponseMetadata>RequestId"`
}

type errorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	Type      string   `xml:"Error>Type"`
	Code      string   `xml:"Error>Code"`
	Message   string   `xml:"Error>Message"`
	RequestID string   `xml:"RequestId"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := awsapi.NewRequestID()
	w.Header().Set("x-amzn-RequestId", reqID) // for the request log; EC2 and STS also answer it in the body
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<16))
	var form url.Values
	if err == nil {
		form, err = url.ParseQuery(string(body))
	}
	if err != nil {
		writeError(w, reqID, &dx.Error{Type: "InvalidParameterValue", Status: http.StatusBadRequest, Message: "The request body is not form-encoded parameters"})
		return
	}
	if action := form.Get("Action"); action != "GetCallerIdentity" {
		writeError(w, reqID, &dx.Error{Type: "InvalidAction", Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Could not find operation %s for version %s; dxsim's STS serves GetCallerIdentity only", action, form.Get("Version"))})
		return
	}
	caller, err := h.identity.Authenticate(r, body, "sts")
	if err != nil {
		var e *dx.Error
		if !errors.As(err, &e) {
			e = &dx.Error{Type: "InternalFailure", Status: http.StatusInternalServerError, Message: "An internal error occurred"}
		}
		writeError(w, reqID, e)
		return
	}
	h.log.Debug("ok", "requestId", reqID, "service", "sts", "operation", "GetCallerIdentity")
	w.Header().Set("Content-Type", "text/xml")
	io.WriteString(w, xml.Header)
	// The caller is the account's root identity: its user ID is the account.
	xml.NewEncoder(w).Encode(callerIdentityResponse{Xmlns: namespace, Arn: "arn:aws:iam::" + caller.Account + ":root",
		UserID: caller.Account, Account: caller.Account, RequestID: reqID})
}

func writeError(w http.ResponseWriter, reqID string, e *dx.Error) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.Status)
	io.WriteString(w, xml.Header)
	xml.NewEncoder(w).Encode(errorResponse{Xmlns: namespace, Type: "Sender", Code: e.Type, Message: e.Message, RequestID: reqID})
}
