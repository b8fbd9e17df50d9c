package awsapi

import (
	"bytes"
	"testing"

	"github.com/dxsim/dxsim/dx"
	gojson "github.com/goccy/go-json"
)

// TestJSONAnswersAreWhatMarshalWrites: the Encoder into a reused buffer
// answers the bytes Marshal would, with no newline, however much the
// buffer held before.
func TestJSONAnswersAreWhatMarshalWrites(t *testing.T) {
	value := "v\u2028 </script>"
	page := struct {
		Connections []dx.Connection `json:"connections"`
		NextToken   string          `json:"nextToken,omitempty"`
		Tags        map[string]string
	}{
		Connections: []dx.Connection{{ConnectionID: "dxcon-ffabc123", ConnectionName: "<a & b>", Tags: []dx.Tag{{Key: "k", Value: &value}}}, {ConnectionID: "dxcon-fg000001"}},
		NextToken:   "t",
		Tags:        map[string]string{"b": "2", "a": "1"},
	}
	want, err := gojson.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	buf := bytes.NewBufferString("left from an earlier answer")
	buf.Reset()
	_, got, err := JSON11.encode(nil, page, buf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encode wrote\n%s\nMarshal writes\n%s", got, want)
	}
}
