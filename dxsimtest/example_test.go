package dxsimtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dctypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
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

// A failover test watches an alarm on the connection's ConnectionState:
// it goes to ALARM a minute after the connection's device goes down, and
// back to OK once the device is up again, on the world's clock.
func ExampleWorld_CloudWatchFor() {
	ctx := context.Background()
	w, err := dxsimtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	dc := w.ClientFor(dxsimtest.Account, "us-east-1")
	cw := w.CloudWatchFor(dxsimtest.Account, "us-east-1")
	c, err := dc.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		ConnectionName: aws.String("primary"), Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"),
	})
	if err != nil {
		log.Fatal(err)
	}
	dc.DescribeLoa(ctx, &directconnect.DescribeLoaInput{ConnectionId: c.ConnectionId})
	w.Provision()

	if _, err := cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName:          aws.String("primary-down"),
		Namespace:          aws.String("AWS/DX"),
		MetricName:         aws.String("ConnectionState"),
		Dimensions:         []types.Dimension{{Name: aws.String("ConnectionId"), Value: c.ConnectionId}},
		Statistic:          types.StatisticMinimum,
		Period:             aws.Int32(60),
		EvaluationPeriods:  aws.Int32(1),
		Threshold:          aws.Float64(1),
		ComparisonOperator: types.ComparisonOperatorLessThanThreshold,
	}); err != nil {
		log.Fatal(err)
	}
	w.Clock.Advance(2 * time.Minute)
	fmt.Println("up:", alarmState(ctx, cw, "primary-down"))

	device := describe(ctx, dc, *c.ConnectionId).AwsDevice
	if err := w.LinkDown(ctx, *device); err != nil {
		log.Fatal(err)
	}
	w.Clock.Advance(5 * time.Minute)
	fmt.Println("device down:", alarmState(ctx, cw, "primary-down"))

	if err := w.LinkUp(ctx, *device); err != nil {
		log.Fatal(err)
	}
	w.Clock.Advance(5 * time.Minute)
	fmt.Println("device up:", alarmState(ctx, cw, "primary-down"))
	// Output:
	// up: OK
	// device down: ALARM
	// device up: OK
}

func describe(ctx context.Context, dc *directconnect.Client, id string) dctypes.Connection {
	out, err := dc.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String(id)})
	if err != nil {
		log.Fatal(err)
	}
	return out.Connections[0]
}

func alarmState(ctx context.Context, cw *cloudwatch.Client, name string) types.StateValue {
	out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		log.Fatal(err)
	}
	return out.MetricAlarms[0].StateValue
}
