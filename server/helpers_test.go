// Helpers shared by the tests of this package.
package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

var ctx = context.Background()

func gwPrivateVIF(t *testing.T, c *directconnect.Client, conn, dxgw *string, vlan int32) *string {
	t.Helper()
	out, err := c.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: conn,
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{
			VirtualInterfaceName: aws.String(fmt.Sprintf("private-%d", vlan)), Vlan: vlan, Asn: 65000, DirectConnectGatewayId: dxgw,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.VirtualInterfaceId
}

// gwSettle advances the clock past a gateway or association state change.
func gwSettle(w *dxsimtest.World) { w.Clock.Advance(w.Config.Service.Timings.Gateway) }

func vifCount(t *testing.T, c *directconnect.Client) int {
	t.Helper()
	out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.VirtualInterfaces)
}

// admin calls the admin API and fails the test unless it answers 200.
func admin(t *testing.T, w *dxsimtest.World, method, path, body string) []byte {
	t.Helper()
	status, b := adminRaw(t, w, method, path, body)
	if status != http.StatusOK {
		t.Fatalf("%s %s = %d %s", method, path, status, b)
	}
	return b
}

// adminRaw calls the admin API and returns the status and raw body.
func adminRaw(t *testing.T, w *dxsimtest.World, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, w.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func adminCall(t *testing.T, w *dxsimtest.World, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, b := adminRaw(t, w, method, path, body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return status, out
}
