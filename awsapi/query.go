package awsapi

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/dxsim/dxsim/awsquery"
	"github.com/dxsim/dxsim/dx"
)

// The Query protocol: a form-encoded POST (Action=...&Version=...&...),
// decoded by package awsquery, answered in XML. EC2Query is EC2's dialect:
// the answer's members directly in <ActionResponse> after <requestId>, and
// errors as <Response><Errors><Error>...; Query is the one of STS and the
// other Query APIs: the answer in <ActionResult> with <ResponseMetadata>,
// and errors as <ErrorResponse><Error><Type>Sender</Type>....
var (
	Query    Protocol = query{}
	EC2Query Protocol = query{ec2: true}
)

type query struct{ ec2 bool }

const invalidParameterValue = "InvalidParameterValue"

func (query) family() family { return familyQuery }

func (query) operation(c *exchange) (string, error) {
	form, err := url.ParseQuery(string(c.body))
	c.form = form
	if err != nil {
		return form.Get("Action"), dx.TypedErrorf(invalidParameterValue, "The request body is not form-encoded parameters: %v", err)
	}
	return form.Get("Action"), nil
}

func (query) decode(c *exchange, in any) error {
	if err := awsquery.Decode(c.form, in); err != nil {
		var qe *awsquery.Error
		if errors.As(err, &qe) {
			return dx.TypedErrorf(invalidParameterValue, "%s", qe.Error())
		}
		return err
	}
	return nil
}

func (query) echoes(c *exchange) []string { return formEchoes(c.form) }

func (q query) contentType() string {
	if q.ec2 {
		return "text/xml;charset=UTF-8"
	}
	return "text/xml"
}

func (q query) encode(c *exchange, out any, buf *bytes.Buffer) (string, []byte, error) {
	if q.ec2 {
		body, err := encodeEC2(c.op, c.api.Namespace, c.id, out)
		return q.contentType(), body, err
	}
	buf.WriteString(xml.Header)
	fmt.Fprintf(buf, `<%sResponse xmlns="%s">`, c.op, c.api.Namespace)
	if err := xml.NewEncoder(buf).EncodeElement(out, xml.StartElement{Name: xml.Name{Local: c.op + "Result"}}); err != nil {
		return "", nil, err
	}
	fmt.Fprintf(buf, "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>", c.id, c.op)
	return q.contentType(), buf.Bytes(), nil
}

// encodeEC2 writes <ActionResponse xmlns=...><requestId/>...out...</ActionResponse>.
func encodeEC2(action, namespace, reqID string, out any) ([]byte, error) {
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

// ec2ErrorResponse is EC2's error envelope.
type ec2ErrorResponse struct {
	XMLName   xml.Name        `xml:"Response"`
	Errors    []ec2ErrorEntry `xml:"Errors>Error"`
	RequestID string          `xml:"RequestID"`
}

type ec2ErrorEntry struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// queryErrorResponse is the Query protocol's error envelope.
type queryErrorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	Type      string   `xml:"Error>Type"`
	Code      string   `xml:"Error>Code"`
	Message   string   `xml:"Error>Message"`
	RequestID string   `xml:"RequestId"`
}

func (q query) writeError(w http.ResponseWriter, c *exchange, e *dx.Error) {
	w.Header().Set("Content-Type", q.contentType())
	w.WriteHeader(e.Status)
	io.WriteString(w, xml.Header)
	fault := "Sender"
	if e.Status >= http.StatusInternalServerError {
		fault = "Receiver"
	}
	var body any = queryErrorResponse{Xmlns: c.api.Namespace, Type: fault, Code: e.Type, Message: e.Message, RequestID: c.id}
	if q.ec2 {
		body = ec2ErrorResponse{Errors: []ec2ErrorEntry{{Code: e.Type, Message: e.Message}}, RequestID: c.id}
	}
	xml.NewEncoder(w).Encode(body)
}
