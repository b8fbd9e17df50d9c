package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

// aws_vpn_gateway and aws_vpn_gateway_attachment: the provider waits for
// attached after AttachVpnGateway and for detached after DetachVpnGateway
// (FindVPNGatewayVPCAttachment filters DescribeVpnGateways by
// attachment.vpc-id), retries DeleteVpnGateway on IncorrectState and
// treats a gateway in state deleted as gone.
func TestAwsVpnGatewayAttachmentLifecycleOnTheClock(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	d := w.Config.Service.Timings.EC2
	vpc := aws.ToString(dxsimtest.CreateVpc(t, c, "10.0.0.0/16").VpcId)
	g := dxsimtest.CreateVpnGateway(t, c, 64600)
	id := aws.ToString(g.VpnGatewayId)
	wantID(t, "vgw", id)
	if g.State != types.VpnStatePending || aws.ToInt64(g.AmazonSideAsn) != 64600 || g.Type != types.GatewayTypeIpsec1 || len(g.Tags) != 1 {
		t.Errorf("CreateVpnGateway answered %+v", g)
	}
	w.Clock.Advance(d)
	if got := dxsimtest.DescribeVpnGateway(t, c, id); got.State != types.VpnStateAvailable || len(got.VpcAttachments) != 0 {
		t.Errorf("after %v: state %s, attachments %v", d, got.State, got.VpcAttachments)
	}

	att, err := c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	if att.VpcAttachment.State != types.AttachmentStatusAttaching || aws.ToString(att.VpcAttachment.VpcId) != vpc {
		t.Errorf("AttachVpnGateway answered %+v", att.VpcAttachment)
	}
	byVpc := func() []types.VpnGateway {
		out, err := c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{Filters: []types.Filter{dxsimtest.EC2Filter("attachment.vpc-id", vpc)}, VpnGatewayIds: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		return out.VpnGateways
	}
	if gws := byVpc(); len(gws) != 1 || gws[0].VpcAttachments[0].State != types.AttachmentStatusAttaching {
		t.Fatalf("filtered by attachment.vpc-id: %+v", gws)
	}
	w.Clock.Advance(d)
	if gws := byVpc(); len(gws) != 1 || gws[0].VpcAttachments[0].State != types.AttachmentStatusAttached {
		t.Fatalf("after %v: %+v", d, gws)
	}

	// A VPC with a gateway attached is not deleted, nor the gateway.
	_, err = c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)})
	dxsimtest.WantError(t, err, "DependencyViolation", vpc, id)
	_, err = c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "IncorrectState", id, "attached")

	if _, err := c.DetachVpnGateway(ctx, &ec2.DetachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	if got := dxsimtest.DescribeVpnGateway(t, c, id); got.VpcAttachments[0].State != types.AttachmentStatusDetaching {
		t.Errorf("after DetachVpnGateway: %+v", got.VpcAttachments)
	}
	_, err = c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "IncorrectState", "detaching")
	_, err = c.DetachVpnGateway(ctx, &ec2.DetachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayAttachment.NotFound", id, vpc)
	w.Clock.Advance(d)
	if got := dxsimtest.DescribeVpnGateway(t, c, id); got.VpcAttachments[0].State != types.AttachmentStatusDetached {
		t.Errorf("after %v: %+v", d, got.VpcAttachments)
	}

	if _, err := c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	if got := dxsimtest.DescribeVpnGateway(t, c, id); got.State != types.VpnStateDeleting {
		t.Errorf("after DeleteVpnGateway: state %s", got.State)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	if got := dxsimtest.DescribeVpnGateway(t, c, id); got.State != types.VpnStateDeleted {
		t.Errorf("after deleting: state %s", got.State)
	}
	_, err = c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayID.NotFound", id)
	_, err = c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc), VpnGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayID.NotFound", id)
	if _, err := c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)}); err != nil {
		t.Errorf("DeleteVpc after its gateway detached: %v", err)
	}
}

func TestVpnGatewayErrors(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	_, err := c.CreateVpnGateway(ctx, &ec2.CreateVpnGatewayInput{Type: "ipsec.2"})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "ipsec.1")
	_, err = c.CreateVpnGateway(ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1, AmazonSideAsn: aws.Int64(7224)})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "amazonSideAsn")
	if g := dxsimtest.CreateVpnGateway(t, c, 0); aws.ToInt64(g.AmazonSideAsn) != 64512 {
		t.Errorf("default Amazon side ASN = %d, want 64512", aws.ToInt64(g.AmazonSideAsn))
	}

	vpc1 := aws.ToString(dxsimtest.CreateVpc(t, c, "10.1.0.0/16").VpcId)
	vpc2 := aws.ToString(dxsimtest.CreateVpc(t, c, "10.2.0.0/16").VpcId)
	g1 := aws.ToString(dxsimtest.CreateVpnGateway(t, c, 0).VpnGatewayId)
	g2 := aws.ToString(dxsimtest.CreateVpnGateway(t, c, 0).VpnGatewayId)
	if _, err := c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc1), VpnGatewayId: aws.String(g1)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc2), VpnGatewayId: aws.String(g1)})
	dxsimtest.WantError(t, err, "VpnGatewayAttachmentLimitExceeded", g1, vpc1)
	_, err = c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc1), VpnGatewayId: aws.String(g2)})
	dxsimtest.WantError(t, err, "VpnGatewayAttachmentLimitExceeded", vpc1, g1)
	_, err = c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String("vpc-0123456789abcdef0"), VpnGatewayId: aws.String(g2)})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound")
	_, err = c.DetachVpnGateway(ctx, &ec2.DetachVpnGatewayInput{VpcId: aws.String(vpc2), VpnGatewayId: aws.String(g2)})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayAttachment.NotFound")
	_, err = c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{VpnGatewayIds: []string{"vgw-0123456789abcdef0"}})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayID.NotFound", "vgw-0123456789abcdef0")
	_, err = w.EC2For(dxsimtest.OtherAccount, dxsimtest.Region).AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String(vpc2), VpnGatewayId: aws.String(g2)})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayID.NotFound")
	_, err = c.DeleteVpnGateway(ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: aws.String("vgw-x")})
	dxsimtest.WantError(t, err, "InvalidVpnGatewayID.Malformed")
}

// aws_ec2_transit_gateway: create waits for available and reads every
// option and the default route table IDs; delete waits for deleted.
func TestAwsEc2TransitGatewayLifecycleAndOptions(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	out, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Description: aws.String("hub"),
		Options: &types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(64700), DnsSupport: types.DnsSupportValueDisable,
			TransitGatewayCidrBlocks: []string{"10.99.0.0/24"}},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeTransitGateway, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("hub")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	g := out.TransitGateway
	id := aws.ToString(g.TransitGatewayId)
	wantID(t, "tgw", id)
	o := g.Options
	if g.State != types.TransitGatewayStatePending || aws.ToString(g.TransitGatewayArn) != "arn:aws:ec2:us-east-1:"+dxsimtest.Account+":transit-gateway/"+id ||
		aws.ToString(g.OwnerId) != dxsimtest.Account || aws.ToString(g.Description) != "hub" || g.CreationTime == nil || len(g.Tags) != 1 {
		t.Errorf("CreateTransitGateway answered %+v", g)
	}
	if aws.ToInt64(o.AmazonSideAsn) != 64700 || o.DnsSupport != types.DnsSupportValueDisable || o.VpnEcmpSupport != types.VpnEcmpSupportValueEnable ||
		o.AutoAcceptSharedAttachments != types.AutoAcceptSharedAttachmentsValueDisable || o.DefaultRouteTableAssociation != types.DefaultRouteTableAssociationValueEnable ||
		o.DefaultRouteTablePropagation != types.DefaultRouteTablePropagationValueEnable || o.MulticastSupport != types.MulticastSupportValueDisable ||
		o.SecurityGroupReferencingSupport != types.SecurityGroupReferencingSupportValueDisable || len(o.TransitGatewayCidrBlocks) != 1 {
		t.Errorf("options = %+v", o)
	}
	rtb := aws.ToString(o.AssociationDefaultRouteTableId)
	wantID(t, "tgw-rtb", rtb)
	if aws.ToString(o.PropagationDefaultRouteTableId) != rtb {
		t.Errorf("propagation route table %s, association %s: want one default route table", aws.ToString(o.PropagationDefaultRouteTableId), rtb)
	}
	w.Clock.Advance(w.Config.Service.Timings.EC2)
	describe := func() types.TransitGateway {
		out, err := c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.TransitGateways) != 1 {
			t.Fatalf("DescribeTransitGateways answered %d", len(out.TransitGateways))
		}
		return out.TransitGateways[0]
	}
	if got := describe(); got.State != types.TransitGatewayStateAvailable {
		t.Errorf("state = %s, want available", got.State)
	}
	rts, err := c.DescribeTransitGatewayRouteTables(ctx, &ec2.DescribeTransitGatewayRouteTablesInput{Filters: []types.Filter{dxsimtest.EC2Filter("transit-gateway-id", id)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rts.TransitGatewayRouteTables) != 1 || aws.ToString(rts.TransitGatewayRouteTables[0].TransitGatewayRouteTableId) != rtb ||
		!aws.ToBool(rts.TransitGatewayRouteTables[0].DefaultAssociationRouteTable) || rts.TransitGatewayRouteTables[0].State != types.TransitGatewayRouteTableStateAvailable {
		t.Errorf("route tables = %+v", rts.TransitGatewayRouteTables)
	}

	mod, err := c.ModifyTransitGateway(ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: aws.String(id), Description: aws.String("core hub"),
		Options: &types.ModifyTransitGatewayOptions{DnsSupport: types.DnsSupportValueEnable}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(mod.TransitGateway.Description) != "core hub" || mod.TransitGateway.Options.DnsSupport != types.DnsSupportValueEnable {
		t.Errorf("ModifyTransitGateway answered %+v", mod.TransitGateway)
	}

	del, err := c.DeleteTransitGateway(ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	if del.TransitGateway.State != types.TransitGatewayStateDeleting {
		t.Errorf("DeleteTransitGateway answered state %s", del.TransitGateway.State)
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	if got := describe(); got.State != types.TransitGatewayStateDeleted {
		t.Errorf("state = %s, want deleted", got.State)
	}
	_, err = c.DeleteTransitGateway(ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(id)})
	dxsimtest.WantError(t, err, "InvalidTransitGatewayID.NotFound", id)
}

func TestTransitGatewayErrors(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	_, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{DnsSupport: "maybe"}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "DnsSupport")
	_, err = c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(100)}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "amazonSideAsn")
	_, err = c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{"tgw-0123456789abcdef0"}})
	dxsimtest.WantError(t, err, "InvalidTransitGatewayID.NotFound")
	out, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{
		DefaultRouteTableAssociation: types.DefaultRouteTableAssociationValueDisable, DefaultRouteTablePropagation: types.DefaultRouteTablePropagationValueDisable}})
	if err != nil {
		t.Fatal(err)
	}
	if o := out.TransitGateway.Options; o.AssociationDefaultRouteTableId != nil || o.PropagationDefaultRouteTableId != nil {
		t.Errorf("a transit gateway without default association and propagation has route tables %v %v", o.AssociationDefaultRouteTableId, o.PropagationDefaultRouteTableId)
	}
	_, err = c.ModifyTransitGateway(ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: out.TransitGateway.TransitGatewayId, Description: aws.String("x")})
	dxsimtest.WantError(t, err, "IncorrectState", "pending")
}

// CreateTags, DeleteTags and DescribeTags on every kind of resource, and
// tag filters of the Describe calls.
func TestEC2Tags(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.EC2For(dxsimtest.Account, dxsimtest.Region)
	vpc := aws.ToString(dxsimtest.CreateVpc(t, c, "10.0.0.0/16").VpcId)
	vgw := aws.ToString(dxsimtest.CreateVpnGateway(t, c, 0).VpnGatewayId)
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{dxsimtest.EC2Filter("vpc-id", vpc)}})
	if err != nil {
		t.Fatal(err)
	}
	rtb := aws.ToString(rts.RouteTables[0].RouteTableId)
	tgwOut, err := c.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{})
	if err != nil {
		t.Fatal(err)
	}
	tgw, tgwRtb := aws.ToString(tgwOut.TransitGateway.TransitGatewayId), aws.ToString(tgwOut.TransitGateway.Options.AssociationDefaultRouteTableId)
	ids := []string{vpc, vgw, rtb, tgw, tgwRtb}
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}, {Key: aws.String("team"), Value: aws.String("net")}}}); err != nil {
		t.Fatal(err)
	}
	all, err := c.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{dxsimtest.EC2Filter("key", "env")}})
	if err != nil {
		t.Fatal(err)
	}
	types_ := map[string]types.ResourceType{}
	for _, d := range all.Tags {
		types_[aws.ToString(d.ResourceId)] = d.ResourceType
	}
	want := map[string]types.ResourceType{vpc: types.ResourceTypeVpc, vgw: types.ResourceTypeVpnGateway, rtb: types.ResourceTypeRouteTable,
		tgw: types.ResourceTypeTransitGateway, tgwRtb: types.ResourceTypeTransitGatewayRouteTable}
	for id, typ := range want {
		if types_[id] != typ {
			t.Errorf("DescribeTags: %s has type %q, want %q", id, types_[id], typ)
		}
	}
	if got := dxsimtest.DescribeVpnGateway(t, c, vgw); len(got.Tags) != 3 { // Name from the tag specification, env, team
		t.Errorf("vgw tags = %v", got.Tags)
	}
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{vpc}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}, {Key: aws.String("team")}}}); err != nil {
		t.Fatal(err)
	}
	if got := describeVpc(t, c, vpc); len(got.Tags) != 1 || aws.ToString(got.Tags[0].Key) != "env" {
		t.Errorf("after DeleteTags of env=test (no match) and team: %v, want env only", got.Tags)
	}
	one, err := c.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{dxsimtest.EC2Filter("resource-id", vpc)}})
	if err != nil || len(one.Tags) != 1 {
		t.Errorf("DescribeTags of %s = %v (err %v)", vpc, one, err)
	}

	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpc}, Tags: []types.Tag{{Key: aws.String("aws:owner"), Value: aws.String("x")}}})
	dxsimtest.WantError(t, err, "InvalidParameterValue", "aws:")
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpc, "vpc-0123456789abcdef0"}, Tags: []types.Tag{{Key: aws.String("half"), Value: aws.String("x")}}})
	dxsimtest.WantError(t, err, "InvalidVpcID.NotFound")
	if got := describeVpc(t, c, vpc); len(got.Tags) != 1 {
		t.Errorf("a failed CreateTags changed the first resource's tags: %v", got.Tags)
	}
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{"i-0123456789abcdef0"}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	dxsimtest.WantError(t, err, "InvalidID")
	many := make([]types.Tag, 51)
	for i := range many {
		many[i] = types.Tag{Key: aws.String("k" + string(rune('A'+i))), Value: aws.String("v")}
	}
	_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vgw}, Tags: many})
	dxsimtest.WantError(t, err, "TagLimitExceeded")
}

func TestEC2UnknownActionIsInvalidAction(t *testing.T) {
	w := dxsimtest.Start(t)
	_, err := w.EC2For(dxsimtest.Account, dxsimtest.Region).DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	dxsimtest.WantError(t, err, "InvalidAction", "DescribeInstances")
}
