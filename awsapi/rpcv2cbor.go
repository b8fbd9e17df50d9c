package awsapi

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/dxsim/dxsim/dx"
)

// RPCv2CBOR is the Smithy RPC v2 CBOR protocol (smithy.protocols#rpcv2Cbor):
// a POST to [prefix]/service/<ServiceName>/operation/<Operation> with
// header Smithy-Protocol: rpc-v2-cbor, the input as a CBOR map
// (Content-Type application/cbor; no body for an empty input), the output
// as one, and errors as a map of __type (the error's absolute shape ID)
// and its message member, with the HTTP status of the error. Every answer
// carries Smithy-Protocol: rpc-v2-cbor. Timestamps are CBOR tag 1 (epoch
// seconds) and blobs byte strings.
//
// Bodies map to the same Go structs as the JSON protocols' (their json
// tags name the members): a request's CBOR is read into the JSON it stands
// for, then decoded as a JSON body is, so both protocols take the same
// inputs and refuse the same mistakes; an answer is the JSON answer
// written as CBOR, its timestamps and blobs found by their Go types
// (cbor.go).
var RPCv2CBOR Protocol = rpcv2CBOR{}

type rpcv2CBOR struct{}

const (
	rpcv2CBORHeader  = "rpc-v2-cbor"
	cborContentType  = "application/cbor"
	unsupportedMedia = "UnsupportedMediaTypeException"
)

func (rpcv2CBOR) family() family { return familyCBOR }

func (rpcv2CBOR) operation(c *exchange) (string, error) {
	r := c.r
	_, name, _ := cborRoute(r.URL.Path)
	want := "/service/" + c.api.serviceName() + "/operation/<Operation>"
	if r.Method != http.MethodPost {
		return name, dx.TypedErrorf(dx.UnknownOperationError, "The %s API takes RPC v2 CBOR requests as POSTs to %s; got %s %s", c.api.Title, want, r.Method, r.URL.Path)
	}
	if p := r.Header.Get("Smithy-Protocol"); p != rpcv2CBORHeader {
		return name, dx.TypedErrorf(dx.SerializationError, "A request to %s must carry header Smithy-Protocol: %s (Smithy RPC v2 CBOR); got %q", want, rpcv2CBORHeader, p)
	}
	if r.Header.Get("X-Amz-Target") != "" || r.Header.Get("X-Amzn-Target") != "" {
		return name, dx.TypedErrorf(dx.SerializationError, "An RPC v2 CBOR request must not carry an X-Amz-Target header; the path names its operation")
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != cborContentType {
			return name, &dx.Error{Type: unsupportedMedia, Status: http.StatusUnsupportedMediaType,
				Message: "An RPC v2 CBOR request body must be Content-Type " + cborContentType + "; got " + short(ct)}
		}
	}
	if name == "" {
		return name, dx.TypedErrorf(dx.UnknownOperationError, "The path %s names no operation; expected %s", short(r.URL.Path), want)
	}
	return name, nil
}

func (rpcv2CBOR) decode(c *exchange, in any) error {
	doc, err := c.cborJSON()
	if err != nil {
		return err
	}
	return decode(doc, in, "CBOR")
}

func (rpcv2CBOR) echoes(c *exchange) []string {
	doc, _ := c.cborJSON()
	return jsonEchoes(doc)
}

func (rpcv2CBOR) encode(_ *exchange, out any, _ *bytes.Buffer) (string, []byte, error) {
	body, err := encodeCBOR(out)
	return cborContentType, body, err
}

func (rpcv2CBOR) writeError(w http.ResponseWriter, c *exchange, e *dx.Error) {
	typ, key := c.api.errorShape(e.Type)
	body, err := cborEnc.Marshal(map[string]string{"__type": typ, key: e.Message})
	if err != nil { // a map of two strings always encodes
		panic(err)
	}
	w.Header().Set("Smithy-Protocol", rpcv2CBORHeader)
	w.Header().Set("Content-Type", cborContentType)
	setQueryError(w, c.api, e)
	w.WriteHeader(e.Status)
	w.Write(body)
}

// cborJSON is the CBOR body of c's request as the JSON document it stands
// for, read once; a body that is not well-formed CBOR of the kinds a
// member takes is a SerializationException.
func (c *exchange) cborJSON() ([]byte, error) {
	if c.doc == nil && c.docErr == nil {
		c.doc, c.docErr = cborToJSON(c.body)
		if c.doc == nil && c.docErr == nil {
			c.doc = []byte{}
		}
	}
	return c.doc, c.docErr
}
