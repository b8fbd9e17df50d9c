package server_test

import (
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
)

// TestErrorMessagesQuoteAShortPrefix: operations name the bad value in
// their messages; a long value comes back as a short prefix. The values
// are as long as the validator lets through (model.MaxString characters,
// two bytes each, or an ARN's 2,048), or 100 KB where the model's own
// bound is left to the operation's rule (a tag key).
func TestErrorMessagesQuoteAShortPrefix(t *testing.T) {
	w := dxsimtest.Start(t)
	big := strings.Repeat("y", 100_000)
	arn := strings.Repeat("y", 2048)
	bigUTF8 := strings.Repeat("é", 256)
	for op, body := range map[string]string{
		"DescribeTags":                `{"resourceArns":["` + arn + `"]}`,
		"DescribeRouterConfiguration": `{"virtualInterfaceId":"` + bigUTF8 + `","routerTypeIdentifier":"` + bigUTF8 + `"}`,
		"CreateConnection":            `{"location":"` + bigUTF8 + `","bandwidth":"1Gbps","connectionName":"x"}`,
		"DescribeConnections":         `{"connectionId":"` + bigUTF8 + `"}`,
		"CreateLag":                   `{"location":"EqDC2","connectionsBandwidth":"` + bigUTF8 + `","numberOfConnections":1,"lagName":"x"}`,
		"TagResource":                 `{"resourceArn":"arn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-abcdefgh","tags":[{"key":"` + big + `"}]}`,
	} {
		a := rawCall(t, w, op, body)
		if a.status != 400 || len(a.raw) > 1024 {
			t.Errorf("%s with a long value: %d, %d-byte answer", op, a.status, len(a.raw))
			continue
		}
		if m := a.message(); !strings.Contains(m, "yyyyyyyy...") && !strings.Contains(m, "éééé...") {
			t.Errorf("%s: message %q does not quote a short prefix of the value", op, m)
		}
	}
}
