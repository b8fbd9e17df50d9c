// Package ec2api speaks EC2's Query protocol: form-encoded POST bodies
// (Action=CreateVpc&Version=2016-11-15&...), answered in XML with EC2's
// element names, and errors as <Response><Errors><Error><Code>... with
// EC2's codes, as aws-sdk-go-v2's EC2 client, boto3 and Terraform expect.
package ec2api

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/dxsim/dxsim/awsapi"
	"github.com/dxsim/dxsim/awsquery"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/ec2"
)

// Version is the EC2 API version the SDKs send.
const Version = "2016-11-15"

const namespace = "http://ec2.amazonaws.com/doc/" + Version + "/"

// maxBody bounds a request body.
const maxBody = 1 << 20

type operation func(ctx context.Context, caller dx.Caller, form url.Values) (any, error)

// op adapts a service method: decode the form into In, call.
func op[In, Out any](fn func(context.Context, dx.Caller, *In) (*Out, error)) operation {
	return func(ctx context.Context, caller dx.Caller, form url.Values) (any, error) {
		in := new(In)
		if err := awsquery.Decode(form, in); err != nil {
			var qe *awsquery.Error
			if errors.As(err, &qe) {
				return nil, ec2.Errorf(ec2.InvalidParameterValue, "%s", qe.Error())
			}
			return nil, err
		}
		return fn(ctx, caller, in)
	}
}

// operations is the routing table.
func operations(s *ec2.Service) map[string]operation {
	return map[string]operation{
		"CreateVpc":              op(s.CreateVpc),
		"DescribeVpcs":           op(s.DescribeVpcs),
		"DeleteVpc":              op(s.DeleteVpc),
		"ModifyVpcAttribute":     op(s.ModifyVpcAttribute),
		"DescribeVpcAttribute":   op(s.DescribeVpcAttribute),
		"DescribeRouteTables":    op(s.DescribeRouteTables),
		"DescribeNetworkAcls":    op(s.DescribeNetworkAcls),
		"DescribeSecurityGroups": op(s.DescribeSecurityGroups),

		"CreateVpnGateway":    op(s.CreateVpnGateway),
		"DescribeVpnGateways": op(s.DescribeVpnGateways),
		"AttachVpnGateway":    op(s.AttachVpnGateway),
		"DetachVpnGateway":    op(s.DetachVpnGateway),
		"DeleteVpnGateway":    op(s.DeleteVpnGateway),

		"CreateTransitGateway":              op(s.CreateTransitGateway),
		"DescribeTransitGateways":           op(s.DescribeTransitGateways),
		"ModifyTransitGateway":              op(s.ModifyTransitGateway),
		"DeleteTransitGateway":              op(s.DeleteTransitGateway),
		"DescribeTransitGatewayRouteTables": op(s.DescribeTransitGatewayRouteTables),
		"DescribeTransitGatewayAttachments": op(s.DescribeTransitGatewayAttachments),

		"CreateTags":   op(s.CreateTags),
		"DeleteTags":   op(s.DeleteTags),
		"DescribeTags": op(s.DescribeEC2Tags),
	}
}

// Handler serves the EC2 API.
type Handler struct {
	ops      map[string]operation
	identity awsapi.Identity
	log      *slog.Logger
}

// NewHandler returns the EC2 API handler for svc.
func NewHandler(svc *ec2.Service, identity awsapi.Identity, log *slog.Logger) *Handler {
	return &Handler{ops: operations(svc), identity: identity, log: log}
}

// Operations lists the names of the operations served, sorted.
func (h *Handler) Operations() []string {
	names := make([]string, 0, len(h.ops))
	for n := range h.ops {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := awsapi.NewRequestID()
	w.Header().Set("x-amzn-RequestId", reqID) // for the request log; EC2 and STS also answer it in the body
	log := h.log.With("requestId", reqID, "service", "ec2")
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.Error("panic serving request", "panic", p, "stack", string(debug.Stack()))
			writeError(w, reqID, &dx.Error{Type: "InternalError", Status: http.StatusInternalServerError, Message: "An internal error occurred; the request was not applied."})
		}
	}()
	action, out, err := h.serve(r)
	log = log.With("operation", action)
	if err != nil {
		var e *dx.Error
		if !errors.As(err, &e) {
			log.Error("server fault", "err", err)
			e = &dx.Error{Type: "InternalError", Status: http.StatusInternalServerError, Message: "An internal error occurred; the request was not applied."}
		} else {
			log.Info("client error", "code", e.Type, "message", e.Message)
		}
		writeError(w, reqID, e)
		return
	}
	body, err := encode(action, reqID, out)
	if err != nil {
		log.Error("encoding response", "err", err)
		writeError(w, reqID, &dx.Error{Type: "InternalError", Status: http.StatusInternalServerError, Message: "An internal error occurred encoding the response."})
		return
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.Write(body)
}

func (h *Handler) serve(r *http.Request) (string, any, error) {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return "", nil, ec2.Errorf(ec2.InvalidParameterValue, "Could not read the request body (at most %d bytes): %v", maxBody, err)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return "", nil, ec2.Errorf(ec2.InvalidParameterValue, "The request body is not form-encoded parameters: %v", err)
	}
	action := form.Get("Action")
	run, ok := h.ops[action]
	if !ok {
		return action, nil, ec2.Errorf(ec2.UnknownOperation, "The action %s is not valid for this web service; dxsim's EC2 API serves %v", action, h.Operations())
	}
	caller, err := h.identity.Authenticate(r, body, "ec2")
	if err != nil {
		var e *dx.Error
		if errors.As(err, &e) { // EC2's codes have no Exception suffix
			e = &dx.Error{Type: strings.TrimSuffix(e.Type, "Exception"), Status: e.Status, Message: e.Message}
		}
		return action, nil, e
	}
	if form.Get("DryRun") == "true" {
		return action, nil, &dx.Error{Type: ec2.DryRunOperation, Status: http.StatusPreconditionFailed, Message: "Request would have succeeded, but DryRun flag is set."}
	}
	out, err := run(r.Context(), caller, form)
	return action, out, err
}

// encode writes <ActionResponse xmlns=...><requestId/>...out...</ActionResponse>.
func encode(action, reqID string, out any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	start := xml.StartElement{Name: xml.Name{Local: action + "Response"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: namespace}}}
	var inner bytes.Buffer
	if err := xml.NewEncoder(&inner).EncodeElement(out, start); err != nil {
		return nil, err
	}
	b := inner.Bytes()
	i := bytes.IndexByte(b, '>')
	if b[i-1] == '/' { // an empty element: open it
		b = append(append(b[:i-1:i-1], '>'), fmt.Sprintf("</%sResponse>", action)...)
		i--
	}
	buf.Write(b[:i+1])
	fmt.Fprintf(&buf, "<requestId>%s</requestId>", reqID)
	buf.Write(b[i+1:])
	return buf.Bytes(), nil
}

type errorResponse struct {
	XMLName   xml.Name     `xml:"Response"`
	Errors    []errorEntry `xml:"Errors>Error"`
	RequestID string       `xml:"RequestID"`
}

type errorEntry struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

func writeError(w http.ResponseWriter, reqID string, e *dx.Error) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(e.Status)
	io.WriteString(w, xml.Header)
	xml.NewEncoder(w).Encode(errorResponse{Errors: []errorEntry{{Code: e.Type, Message: e.Message}}, RequestID: reqID})
}
