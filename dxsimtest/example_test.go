package dxsimtest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
)

// A connection is requested until its LOA is downloaded, then provisioned
// on the world's clock; a fibre cut takes it down.
func Example() {
	ctx := context.Background()
	w, err := dxsimtest.New() // in a test: w := dxsimtest.Start(t)
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	dc := directconnect.NewFromConfig(w.AWSConfig(dxsimtest.Account, "eu-west-2"))

	c, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("primary"),
		Location:       aws.String("EqLD5"),
		Bandwidth:      aws.String("10Gbps"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", c.ConnectionState)

	if _, err := dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: c.ConnectionId}); err != nil {
		log.Fatal(err)
	}
	w.Provision()
	fmt.Println("provisioned:", state(ctx, dc, *c.ConnectionId))

	if err := w.LinkDown(ctx, *c.ConnectionId); err != nil {
		log.Fatal(err)
	}
	fmt.Println("fibre cut:", state(ctx, dc, *c.ConnectionId))
	if err := w.LinkUp(ctx, *c.ConnectionId); err != nil {
		log.Fatal(err)
	}
	fmt.Println("repaired:", state(ctx, dc, *c.ConnectionId))
	// Output:
	// created: requested
	// provisioned: available
	// fibre cut: down
	// repaired: available
}

func state(ctx context.Context, dc *directconnect.Client, id string) string {
	out, err := dc.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(id)})
	if err != nil {
		log.Fatal(err)
	}
	return string(out.Connections[0].ConnectionState)
}

// Each account sees only its own resources, in the Region its client signs
// for.
func ExampleWorld_AWSConfig() {
	ctx := context.Background()
	w, err := dxsimtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	mine := directconnect.NewFromConfig(w.AWSConfig(dxsimtest.Account, "us-east-1"))
	theirs := directconnect.NewFromConfig(w.AWSConfig(dxsimtest.OtherAccount, "us-east-1"))

	if _, err := mine.CreateLag(ctx, &directconnect.CreateLagInput{
		LagName:              aws.String("core"),
		Location:             aws.String("EqDC2"),
		ConnectionsBandwidth: aws.String("10Gbps"),
		NumberOfConnections:  2,
	}); err != nil {
		log.Fatal(err)
	}
	for name, dc := range map[string]*directconnect.Client{"mine": mine, "theirs": theirs} {
		out, err := dc.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(name, len(out.Connections))
	}
	// Unordered output:
	// mine 2
	// theirs 0
}

// Advancing the clock moves every timeline of the world.
func ExampleWorld_Provision() {
	ctx := context.Background()
	w, err := dxsimtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	dc := w.Client()
	c, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("primary"), Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"),
	})
	if err != nil {
		log.Fatal(err)
	}
	dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: c.ConnectionId})
	w.Clock.Advance(w.Config.Service.Timings.CrossConnect)
	fmt.Println(state(ctx, dc, *c.ConnectionId))
	w.Provision()
	fmt.Println(state(ctx, dc, *c.ConnectionId))
	// Output:
	// pending
	// available
}
