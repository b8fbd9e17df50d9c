package server_test

import (
	"strings"
	"testing"

	"github.com/dxsim/dxsim/dxsimtest"
)

// TestErrorMessagesQuoteAShortPrefix: operations name the bad value in
// their messages; a 100 KB value comes back as a short prefix.
func TestErrorMessagesQuoteAShortPrefix(t *testing.T) {
	w := dxsimtest.Start(t)
	big := strings.Repeat("y", 100_000)
	bigUTF8 := strings.Repeat("é", 50_000)
	for op, body := range map[string]string{
		"DescribeTags":                `{"resourceArns":["` + big + `"]}`,
		"DescribeRouterConfiguration": `{"virtualInterfaceId":"` + big + `","routerTypeIdentifier":"` + big + `"}`,
		"CreateConnection":            `{"location":"` + bigUTF8 + `","bandwidth":"1Gbps","connectionName":"x"}`,
		"DescribeConnections":         `{"connectionId":"` + big + `"}`,
		"CreateLag":                   `{"location":"EqDC2","connectionsBandwidth":"` + big + `","numberOfConnections":1,"lagName":"x"}`,
		"TagResource":                 `{"resourceArn":"arn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-abcdefgh","tags":[{"key":"` + big + `"}]}`,
	} {
		a := rawCall(t, w, op, body)
		if a.status != 400 || len(a.raw) > 1024 {
			t.Errorf("%s with a 100 KB value: %d, %d-byte answer", op, a.status, len(a.raw))
			continue
		}
		if m := a.message(); !strings.Contains(m, "yyyyyyyy...") && !strings.Contains(m, "éééé...") {
			t.Errorf("%s: message %q does not quote a short prefix of the value", op, m)
		}
	}
}
