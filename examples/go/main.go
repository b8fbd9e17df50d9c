// Command go is a short dxsim tour with aws-sdk-go-v2: a connection and its
// LOA, the clock moved through the admin API until it is available, a
// virtual interface whose routes ListVirtualInterfaceRoutes lists, and a
// paginated DescribeConnections.
//
//	DXSIM_ENDPOINT=http://127.0.0.1:4599 go run ./examples/go
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
)

func main() {
	endpoint := os.Getenv("DXSIM_ENDPOINT")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:4599"
	}
	ctx := context.Background()
	// An access key ID of 12 digits is the account ID. BaseEndpoint sends the
	// client to dxsim; config.LoadDefaultConfig reads AWS_ENDPOINT_URL instead.
	dc := directconnect.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("111122223333", "anything", ""),
	})

	var ids []string
	for i := range 3 {
		c, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
			ConnectionName: aws.String(fmt.Sprintf("go-%d", i)), Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"),
		})
		check(err)
		ids = append(ids, *c.ConnectionId)
	}
	loa, err := dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: aws.String(ids[0])})
	check(err)
	if !bytes.HasPrefix(loa.LoaContent, []byte("%PDF-")) {
		log.Fatal("the LOA is not a PDF")
	}
	fmt.Println("LOA of", ids[0], len(loa.LoaContent), "bytes")

	// Simulated time is dxsim's: stop it and move it past provisioning.
	admin(endpoint, http.MethodPut, "/_dxsim/clock", `{"mode":"manual"}`)
	admin(endpoint, http.MethodPost, "/_dxsim/clock/advance", `{"duration":"30s"}`)

	gw, err := dc.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("go-gw")})
	check(err)
	vif, err := dc.CreatePrivateVirtualInterface(ctx, &directconnect.CreatePrivateVirtualInterfaceInput{
		ConnectionId: aws.String(ids[0]),
		NewPrivateVirtualInterface: &types.NewPrivateVirtualInterface{VirtualInterfaceName: aws.String("go-vif"), Vlan: 300, Asn: 65000,
			DirectConnectGatewayId: gw.DirectConnectGateway.DirectConnectGatewayId},
	})
	check(err)
	admin(endpoint, http.MethodPost, "/_dxsim/clock/advance", `{"duration":"20s"}`)
	routes, err := dc.ListVirtualInterfaceRoutes(ctx, &directconnect.ListVirtualInterfaceRoutesInput{VirtualInterfaceId: vif.VirtualInterfaceId})
	check(err)
	fmt.Println("virtual interface", *vif.VirtualInterfaceId, "routes:", len(routes.Routes))

	seen := 0
	var token *string
	for pages := 0; ; pages++ {
		out, err := dc.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(2), NextToken: token})
		check(err)
		for _, c := range out.Connections {
			if strings.HasPrefix(aws.ToString(c.ConnectionName), "go-") {
				seen++
			}
			if aws.ToString(c.ConnectionId) == ids[0] && c.ConnectionState != types.ConnectionStateAvailable {
				log.Fatalf("%s is %s after its LOA and 30 s, want available", ids[0], c.ConnectionState)
			}
		}
		if token = out.NextToken; token == nil {
			fmt.Println("connections:", seen, "in", pages+1, "pages")
			break
		}
	}
	if seen != len(ids) {
		log.Fatalf("paginated DescribeConnections listed %d of our %d connections", seen, len(ids))
	}

	_, err = dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{ConnectionName: aws.String("odd"), Location: aws.String("EqDC2"), Bandwidth: aws.String("7Gbps")})
	var refused *types.DirectConnectClientException
	if !errors.As(err, &refused) {
		log.Fatalf("a 7Gbps connection answered %v, want DirectConnectClientException", err)
	}
	fmt.Println("refused:", refused.ErrorMessage())
	fmt.Println("aws-sdk-go-v2 example: ok")
}

// admin calls dxsim's admin API, which drives the simulated world.
func admin(endpoint, method, path, body string) {
	req, err := http.NewRequest(method, endpoint+path, strings.NewReader(body))
	check(err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	check(err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("%s %s answered %s", method, path, resp.Status)
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
