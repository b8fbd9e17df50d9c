package server_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
)

// TestEveryOperationIsServed calls every operation of the aws-sdk-go-v2
// Direct Connect client with an empty body: each must answer as an
// operation (a result, or a client error about its input), never as an
// unknown operation or a server fault.
func TestEveryOperationIsServed(t *testing.T) {
	w := dxsimtest.Start(t)
	typ := reflect.TypeOf(&directconnect.Client{})
	ops := 0
	for i := range typ.NumMethod() {
		name := typ.Method(i).Name
		if name == "Options" {
			continue
		}
		ops++
		a := rawCall(t, w, name, `{}`)
		switch {
		case a.status == 200:
		case a.status >= 400 && a.status < 500 && a.errType() == "DirectConnectClientException":
		default:
			t.Errorf("%s answered %d %s: %s", name, a.status, a.errType(), a.message())
		}
	}
	if ops != 73 {
		t.Errorf("the SDK client has %d operations; this test expects the 73 of the current Direct Connect API", ops)
	}
}
