package directconnect_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dx"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func gwDescribe(t *testing.T, c *directconnect.Client, id *string) types.DirectConnectGateway {
	t.Helper()
	out, err := c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.DirectConnectGateways) != 1 {
		t.Fatalf("DescribeDirectConnectGateways(%s) returned %d gateways", aws.ToString(id), len(out.DirectConnectGateways))
	}
	return out.DirectConnectGateways[0]
}

// gwAll lists every gateway of the caller, page by page.
func gwAll(t *testing.T, c *directconnect.Client, pageSize int32) (ids []string, pages int) {
	t.Helper()
	in := &directconnect.DescribeDirectConnectGatewaysInput{}
	if pageSize > 0 {
		in.MaxResults = aws.Int32(pageSize)
	}
	for {
		out, err := c.DescribeDirectConnectGateways(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, g := range out.DirectConnectGateways {
			ids = append(ids, aws.ToString(g.DirectConnectGatewayId))
		}
		if out.NextToken == nil {
			return ids, pages
		}
		in.NextToken = out.NextToken
	}
}

func gwPrefixString(ps []types.RouteFilterPrefix) string {
	var out []string
	for _, p := range ps {
		out = append(out, aws.ToString(p.Cidr))
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func gwAssociations(t *testing.T, c *directconnect.Client, in *directconnect.DescribeDirectConnectGatewayAssociationsInput) []types.DirectConnectGatewayAssociation {
	t.Helper()
	out, err := c.DescribeDirectConnectGatewayAssociations(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out.DirectConnectGatewayAssociations
}

func gwAssociation(t *testing.T, c *directconnect.Client, id *string) types.DirectConnectGatewayAssociation {
	t.Helper()
	as := gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{AssociationId: id})
	if len(as) != 1 {
		t.Fatalf("association %s: got %d", aws.ToString(id), len(as))
	}
	return as[0]
}

// gwAssociationString renders associations, for comparing before and after
// a refused call.
func gwAssociationString(as []types.DirectConnectGatewayAssociation) string {
	var out []string
	for _, a := range as {
		out = append(out, fmt.Sprintf("%s:%s:%s:%s[%s]", aws.ToString(a.DirectConnectGatewayId), aws.ToString(a.AssociatedGateway.Id),
			a.AssociationState, aws.ToString(a.AssociatedGateway.OwnerAccount), gwPrefixString(a.AllowedPrefixesToDirectConnectGateway)))
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// gwEverything renders every association and proposal an account sees.
func gwEverything(t *testing.T, c *directconnect.Client) string {
	t.Helper()
	as := gwAssociationString(gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{}))
	ps := gwProposals(t, c, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{})
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s:%s:%s[%s]", aws.ToString(p.ProposalId), p.ProposalState, aws.ToString(p.AssociatedGateway.Id), gwPrefixString(p.RequestedAllowedPrefixesToDirectConnectGateway)))
	}
	slices.Sort(out)
	return as + " | " + strings.Join(out, " ")
}

func gwProposals(t *testing.T, c *directconnect.Client, in *directconnect.DescribeDirectConnectGatewayAssociationProposalsInput) []types.DirectConnectGatewayAssociationProposal {
	t.Helper()
	out, err := c.DescribeDirectConnectGatewayAssociationProposals(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out.DirectConnectGatewayAssociationProposals
}

func gwPropose(t *testing.T, c *directconnect.Client, dxgw *string, owner, gateway string, add, remove []string) types.DirectConnectGatewayAssociationProposal {
	t.Helper()
	out, err := c.CreateDirectConnectGatewayAssociationProposal(ctx, &directconnect.CreateDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: dxgw, DirectConnectGatewayOwnerAccount: aws.String(owner), GatewayId: aws.String(gateway),
		AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(add...), RemoveAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(remove...),
	})
	if err != nil {
		t.Fatal(err)
	}
	return *out.DirectConnectGatewayAssociationProposal
}

func TestDirectConnectGatewayLifecycle(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "core", nil)
	id := g.DirectConnectGatewayId
	if !uuidPattern.MatchString(aws.ToString(id)) {
		t.Errorf("gateway ID %q is not a UUID", aws.ToString(id))
	}
	if aws.ToInt64(g.AmazonSideAsn) != 64512 || aws.ToString(g.OwnerAccount) != dxsimtest.Account || aws.ToString(g.DirectConnectGatewayName) != "core" {
		t.Errorf("created gateway = %+v, want ASN 64512 (the default), owner %s, name core", g, dxsimtest.Account)
	}
	if g.DirectConnectGatewayState != types.DirectConnectGatewayStatePending {
		t.Errorf("new gateway is %s, want pending", g.DirectConnectGatewayState)
	}
	dxsimtest.GwSettle(w)
	if s := gwDescribe(t, c, id).DirectConnectGatewayState; s != types.DirectConnectGatewayStateAvailable {
		t.Errorf("gateway is %s after provisioning, want available", s)
	}

	// Global: the same from every Region of the account, invisible to others.
	west := w.ClientFor(dxsimtest.Account, "eu-west-1")
	if got := gwDescribe(t, west, id); aws.ToString(got.DirectConnectGatewayName) != "core" {
		t.Errorf("from eu-west-1 the gateway is %+v", got)
	}
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	// Another account's gateway ID lists nothing, as an unknown one does.
	seen, err := other.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{DirectConnectGatewayId: id})
	if err != nil || len(seen.DirectConnectGateways) != 0 {
		t.Errorf("another account describing the gateway: %v, %v; want an empty list", seen, err)
	}
	if ids, _ := gwAll(t, other, 0); len(ids) != 0 {
		t.Errorf("another account lists %v", ids)
	}

	out, err := west.UpdateDirectConnectGateway(ctx, &directconnect.UpdateDirectConnectGatewayInput{DirectConnectGatewayId: id, NewDirectConnectGatewayName: aws.String("edge")})
	if err != nil {
		t.Fatal(err)
	}
	if n := aws.ToString(out.DirectConnectGateway.DirectConnectGatewayName); n != "edge" {
		t.Errorf("UpdateDirectConnectGateway answered name %q", n)
	}
	if n := aws.ToString(gwDescribe(t, c, id).DirectConnectGatewayName); n != "edge" {
		t.Errorf("after renaming, the gateway is named %q", n)
	}

	del, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: id})
	if err != nil {
		t.Fatal(err)
	}
	if s := del.DirectConnectGateway.DirectConnectGatewayState; s != types.DirectConnectGatewayStateDeleting {
		t.Errorf("DeleteDirectConnectGateway answered %s, want deleting", s)
	}
	if s := gwDescribe(t, c, id).DirectConnectGatewayState; s != types.DirectConnectGatewayStateDeleting {
		t.Errorf("deleted gateway is %s, want deleting", s)
	}
	dxsimtest.GwSettle(w)
	// A deleted gateway stays listed as deleted for the retention period,
	// then is listed no more.
	if s := gwDescribe(t, c, id).DirectConnectGatewayState; s != types.DirectConnectGatewayStateDeleted {
		t.Errorf("deleted gateway is %s, want deleted", s)
	}
	w.Clock.Advance(w.Config.Service.DeletedRetention)
	if ids, _ := gwAll(t, c, 0); len(ids) != 0 {
		t.Errorf("gateways deleted longer ago than the retention are listed: %v", ids)
	}
	_, err = c.UpdateDirectConnectGateway(ctx, &directconnect.UpdateDirectConnectGatewayInput{DirectConnectGatewayId: id, NewDirectConnectGatewayName: aws.String("again")})
	dxsimtest.WantError(t, err, dx.ClientException, "does not exist")
}

func TestDirectConnectGatewayAmazonSideAsnIsPrivate(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	for _, asn := range []int64{64511, 65535, 4199999999, 4294967295, 7224} {
		_, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("x"), AmazonSideAsn: aws.Int64(asn)})
		dxsimtest.WantError(t, err, dx.ClientException, fmt.Sprint(asn), "64512 and 65534", "4200000000 and 4294967294")
	}
	if ids, _ := gwAll(t, c, 0); len(ids) != 0 {
		t.Errorf("refused creations left gateways: %v", ids)
	}
	for _, asn := range []int64{64512, 65534, 4200000000, 4294967294} {
		if got := aws.ToInt64(dxsimtest.GwCreate(t, c, "ok", aws.Int64(asn)).AmazonSideAsn); got != asn {
			t.Errorf("gateway created with ASN %d has ASN %d", asn, got)
		}
	}
}

func TestDirectConnectGatewayQuotaAndPages(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	for i := range dx.GatewaysPerAccount {
		dxsimtest.GwCreate(t, c, fmt.Sprintf("gw-%d", i), nil)
	}
	_, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("one too many")})
	dxsimtest.WantError(t, err, dx.ClientException, "200 Direct Connect gateways, the quota")

	all, pages := gwAll(t, c, 0)
	if len(all) != 200 || pages != 1 {
		t.Errorf("without maxResults: %d gateways in %d pages, want 200 in 1", len(all), pages)
	}
	paged, pages := gwAll(t, c, 30)
	slices.Sort(all)
	slices.Sort(paged)
	if !slices.Equal(all, paged) || pages != 7 {
		t.Errorf("pages of 30 gave %d gateways in %d pages, want the same 200 in 7", len(paged), pages)
	}
	_, err = c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{NextToken: aws.String("!bogus")})
	dxsimtest.WantError(t, err, dx.ClientException, "nextToken")

	// The quota counts live gateways.
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: aws.String(all[0])}); err != nil {
		t.Fatal(err)
	}
	dxsimtest.GwCreate(t, c, "replacement", nil)
}

func TestDirectConnectGatewayTags(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	out, err := c.CreateDirectConnectGateway(ctx, &directconnect.CreateDirectConnectGatewayInput{DirectConnectGatewayName: aws.String("tagged"), Tags: tagList("env=test")})
	if err != nil {
		t.Fatal(err)
	}
	id := out.DirectConnectGateway.DirectConnectGatewayId
	if got := tagString(out.DirectConnectGateway.Tags); got != "env=test" {
		t.Errorf("created gateway has tags %s", got)
	}
	arn := fmt.Sprintf("arn:aws:directconnect::%s:dx-gateway/%s", dxsimtest.Account, aws.ToString(id))
	if got := tagsOf(t, c, arn); got != "env=test" {
		t.Errorf("DescribeTags = %s", got)
	}
	tagResource(t, c, arn, tagList("team=net"))
	if _, err := c.UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	// Tags of a global gateway are the same from any Region.
	if got := tagsOf(t, w.ClientFor(dxsimtest.Account, "ap-southeast-2"), arn); got != "team=net" {
		t.Errorf("after tagging and untagging, tags are %s", got)
	}
	if got := tagString(gwDescribe(t, c, id).Tags); got != "team=net" {
		t.Errorf("DescribeDirectConnectGateways shows tags %s", got)
	}

	withRegion := fmt.Sprintf("arn:aws:directconnect:%s:%s:dx-gateway/%s", dxsimtest.Region, dxsimtest.Account, aws.ToString(id))
	_, err = c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(withRegion), Tags: tagList("x=y")})
	dxsimtest.WantError(t, err, dx.ClientException, withRegion, "does not exist")
	_, err = w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tagList("x=y")})
	dxsimtest.WantError(t, err, dx.ClientException, "does not exist")
	if got := tagsOf(t, c, arn); got != "team=net" {
		t.Errorf("refused tagging changed the tags to %s", got)
	}
}

func TestDescribeVirtualGateways(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	list := func(account, region string) []string {
		out, err := w.ClientFor(account, region).DescribeVirtualGateways(ctx, &directconnect.DescribeVirtualGatewaysInput{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, g := range out.VirtualGateways {
			if aws.ToString(g.VirtualGatewayState) != "available" {
				t.Errorf("%s is %s", aws.ToString(g.VirtualGatewayId), aws.ToString(g.VirtualGatewayState))
			}
			ids = append(ids, aws.ToString(g.VirtualGatewayId))
		}
		slices.Sort(ids)
		return ids
	}
	var want []string
	for i := 1; i <= 22; i++ {
		want = append(want, dxsimtest.Vgw(i))
	}
	want = append(want, dxsimtest.Vgw(dxsimtest.GwOverlap))
	slices.Sort(want)
	if got := list(dxsimtest.Account, dxsimtest.Region); !slices.Equal(got, want) {
		t.Errorf("us-east-1 lists %v, want the virtual private gateways there (no transit gateways): %v", got, want)
	}
	if got := list(dxsimtest.Account, "us-west-2"); !slices.Equal(got, []string{dxsimtest.Vgw(dxsimtest.GwWest)}) {
		t.Errorf("us-west-2 lists %v", got)
	}
	if got := list(dxsimtest.OtherAccount, dxsimtest.Region); !slices.Equal(got, []string{dxsimtest.Vgw(dxsimtest.GwOther)}) {
		t.Errorf("the other account lists %v", got)
	}
}

// A configuration file declares virtual gateways (see server.File).
func TestVirtualGatewaysFromConfigFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.json")
	body := `{"virtualGateways": [
		{"id": "vgw-0123456789abcdef0", "owner": "111122223333", "region": "us-east-1", "vpcCidrs": ["10.9.0.0/16"]},
		{"id": "tgw-0123456789abcdef0", "owner": "111122223333", "region": "us-east-1", "amazonSideAsn": 65100}]}`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	w := dxsimtest.Start(t, func(c *server.Config) {
		if err := server.ReadFile(path, c); err != nil {
			t.Fatal(err)
		}
	})
	c := w.Client()
	out, err := c.DescribeVirtualGateways(ctx, &directconnect.DescribeVirtualGatewaysInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.VirtualGateways) != 1 || aws.ToString(out.VirtualGateways[0].VirtualGatewayId) != "vgw-0123456789abcdef0" {
		t.Errorf("DescribeVirtualGateways = %+v", out.VirtualGateways)
	}
	g := dxsimtest.GwCreate(t, c, "g", nil)
	a := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, "vgw-0123456789abcdef0")
	if p := gwPrefixString(a.AllowedPrefixesToDirectConnectGateway); p != "10.9.0.0/16" {
		t.Errorf("association of the declared VPC allows %s, want its CIDR 10.9.0.0/16", p)
	}
	tg := dxsimtest.GwAssociate(t, c, dxsimtest.GwCreate(t, c, "t", nil).DirectConnectGatewayId, "tgw-0123456789abcdef0", "10.10.0.0/16")
	if tg.AssociatedGateway.Type != types.GatewayTypeTransitGateway {
		t.Errorf("declared tgw- associates as %s", tg.AssociatedGateway.Type)
	}
}

func TestVirtualPrivateGatewayAssociationLifecycle(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "g", nil)
	a := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Vgw(1))
	if !uuidPattern.MatchString(aws.ToString(a.AssociationId)) {
		t.Errorf("association ID %q is not a UUID", aws.ToString(a.AssociationId))
	}
	if a.AssociationState != types.DirectConnectGatewayAssociationStateAssociating {
		t.Errorf("new association is %s, want associating", a.AssociationState)
	}
	ag := a.AssociatedGateway
	if aws.ToString(ag.Id) != dxsimtest.Vgw(1) || ag.Type != types.GatewayTypeVirtualPrivateGateway || aws.ToString(ag.OwnerAccount) != dxsimtest.Account || aws.ToString(ag.Region) != dxsimtest.Region {
		t.Errorf("associatedGateway = %+v", ag)
	}
	if aws.ToString(a.VirtualGatewayId) != dxsimtest.Vgw(1) || aws.ToString(a.VirtualGatewayRegion) != dxsimtest.Region || aws.ToString(a.VirtualGatewayOwnerAccount) != dxsimtest.Account ||
		aws.ToString(a.DirectConnectGatewayOwnerAccount) != dxsimtest.Account || aws.ToString(a.DirectConnectGatewayId) != aws.ToString(g.DirectConnectGatewayId) {
		t.Errorf("association = %+v", a)
	}
	// Without allowed prefixes, the VPC's CIDR is advertised.
	if p := gwPrefixString(a.AllowedPrefixesToDirectConnectGateway); p != "10.1.0.0/16" {
		t.Errorf("default allowed prefixes = %s, want the VPC CIDR 10.1.0.0/16", p)
	}
	dxsimtest.GwSettle(w)
	for name, in := range map[string]*directconnect.DescribeDirectConnectGatewayAssociationsInput{
		"by association":               {AssociationId: a.AssociationId},
		"by Direct Connect gateway":    {DirectConnectGatewayId: g.DirectConnectGatewayId},
		"by virtual gateway":           {VirtualGatewayId: aws.String(dxsimtest.Vgw(1))},
		"by associated gateway":        {AssociatedGatewayId: aws.String(dxsimtest.Vgw(1))},
		"by both":                      {DirectConnectGatewayId: g.DirectConnectGatewayId, AssociatedGatewayId: aws.String(dxsimtest.Vgw(1))},
		"all of the account's":         {},
		"by association, other Region": {AssociationId: a.AssociationId},
	} {
		cl := c
		if strings.Contains(name, "other Region") {
			cl = w.ClientFor(dxsimtest.Account, "us-west-2")
		}
		as := gwAssociations(t, cl, in)
		if len(as) != 1 || aws.ToString(as[0].AssociationId) != aws.ToString(a.AssociationId) || as[0].AssociationState != types.DirectConnectGatewayAssociationStateAssociated {
			t.Errorf("%s: %s", name, gwAssociationString(as))
		}
	}
	if as := gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{VirtualGatewayId: aws.String(dxsimtest.Vgw(2))}); len(as) != 0 {
		t.Errorf("filtering by another gateway found %s", gwAssociationString(as))
	}
	if as := gwAssociations(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), &directconnect.DescribeDirectConnectGatewayAssociationsInput{}); len(as) != 0 {
		t.Errorf("another account sees %s", gwAssociationString(as))
	}

	up, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{
		AssociationId: a.AssociationId, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.0.0.0/8"), RemoveAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.1.0.0/16"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := up.DirectConnectGatewayAssociation; got.AssociationState != types.DirectConnectGatewayAssociationStateUpdating || gwPrefixString(got.AllowedPrefixesToDirectConnectGateway) != "10.0.0.0/8" {
		t.Errorf("updated association: %s, %s; want updating, 10.0.0.0/8", got.AssociationState, gwPrefixString(got.AllowedPrefixesToDirectConnectGateway))
	}
	dxsimtest.GwSettle(w)
	if s := gwAssociation(t, c, a.AssociationId).AssociationState; s != types.DirectConnectGatewayAssociationStateAssociated {
		t.Errorf("after updating: %s", s)
	}

	del, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId})
	if err != nil {
		t.Fatal(err)
	}
	if s := del.DirectConnectGatewayAssociation.AssociationState; s != types.DirectConnectGatewayAssociationStateDisassociating {
		t.Errorf("DeleteDirectConnectGatewayAssociation answered %s", s)
	}
	dxsimtest.GwSettle(w)
	if s := gwAssociation(t, c, a.AssociationId).AssociationState; s != types.DirectConnectGatewayAssociationStateDisassociated {
		t.Errorf("after disassociating: %s", s)
	}
	_, err = c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(a.AssociationId), "does not exist")

	// Once disassociated, the gateway can associate again, here deleted by
	// gateway pair.
	again := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Vgw(1), "10.1.0.0/16")
	if aws.ToString(again.AssociationId) == aws.ToString(a.AssociationId) {
		t.Errorf("a new association reuses ID %s", aws.ToString(a.AssociationId))
	}
	del, err = c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g.DirectConnectGatewayId, VirtualGatewayId: aws.String(dxsimtest.Vgw(1))})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(del.DirectConnectGatewayAssociation.AssociationId) != aws.ToString(again.AssociationId) {
		t.Errorf("deleting by gateway pair deleted %s, want %s", aws.ToString(del.DirectConnectGatewayAssociation.AssociationId), aws.ToString(again.AssociationId))
	}
	_, err = c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g.DirectConnectGatewayId})
	dxsimtest.WantError(t, err, dx.ClientException, "associationId", "virtualGatewayId")
}

func TestTransitGatewayAssociation(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "g", nil)
	_, err := c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g.DirectConnectGatewayId, GatewayId: aws.String(dxsimtest.Tgw(1))})
	dxsimtest.WantError(t, err, dx.ClientException, "transit gateway association needs allowed prefixes", "addAllowedPrefixesToDirectConnectGateway")
	if as := gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{}); len(as) != 0 {
		t.Fatalf("refused association left %s", gwAssociationString(as))
	}
	a := dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Tgw(1), "10.0.0.0/8", "2001:db8::/32")
	if a.AssociatedGateway.Type != types.GatewayTypeTransitGateway || a.VirtualGatewayId != nil {
		t.Errorf("transit gateway association = %+v; want type transitGateway and no virtualGatewayId", a)
	}
	if p := gwPrefixString(a.AllowedPrefixesToDirectConnectGateway); p != "10.0.0.0/8,2001:db8::/32" {
		t.Errorf("allowed prefixes = %s", p)
	}
	// A second transit gateway joins the same Direct Connect gateway.
	dxsimtest.GwAssociate(t, c, g.DirectConnectGatewayId, dxsimtest.Tgw(2), "172.16.0.0/12")
	if n := len(gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: g.DirectConnectGatewayId})); n != 2 {
		t.Errorf("gateway has %d associations, want 2", n)
	}
}

func TestGatewayAssociationRules(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	west := w.ClientFor(dxsimtest.Account, "us-west-2")
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	vpcs := dxsimtest.GwCreate(t, c, "vpcs", nil).DirectConnectGatewayId
	dxsimtest.GwAssociate(t, c, vpcs, dxsimtest.Vgw(1))
	transit := dxsimtest.GwCreate(t, c, "transit", aws.Int64(64999)).DirectConnectGatewayId
	dxsimtest.GwAssociate(t, c, transit, dxsimtest.Tgw(1), "10.0.0.0/8")
	empty := dxsimtest.GwCreate(t, c, "empty", nil).DirectConnectGatewayId
	many := make([]string, 201)
	for i := range many {
		many[i] = fmt.Sprintf("10.%d.%d.0/24", i/250, i%250)
	}
	before := gwEverything(t, c)

	for _, tc := range []struct {
		name   string
		client *directconnect.Client
		in     directconnect.CreateDirectConnectGatewayAssociationInput
		want   []string
	}{
		{"undeclared gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String("vgw-0000000000000ffff")},
			[]string{"vgw-0000000000000ffff", "does not exist for account " + dxsimtest.Account + " in region us-east-1", "virtualGateways"}},
		{"another account's gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))},
			[]string{dxsimtest.Vgw(dxsimtest.GwOther), "does not exist", "CreateDirectConnectGatewayAssociationProposal"}},
		{"gateway of another Region", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwWest))},
			[]string{dxsimtest.Vgw(dxsimtest.GwWest), "in region us-east-1"}},
		{"unknown Direct Connect gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: aws.String("5f294f92-bafb-4011-916d-9b0b0e0e0e0e"), GatewayId: aws.String(dxsimtest.Vgw(2))},
			[]string{"Direct Connect gateway 5f294f92-bafb-4011-916d-9b0b0e0e0e0e does not exist"}},
		{"another account's Direct Connect gateway", other, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))},
			[]string{"does not exist for account " + dxsimtest.OtherAccount}},
		{"gatewayId and virtualGatewayId differ", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(2)), VirtualGatewayId: aws.String(dxsimtest.Vgw(3))},
			[]string{"name different gateways"}},
		{"no gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty},
			[]string{"Specify gatewayId"}},
		{"prefix that is not a CIDR", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(2)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.2.0.1/16")},
			[]string{"10.2.0.1/16", "not a CIDR"}},
		{"associated twice", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: vpcs, VirtualGatewayId: aws.String(dxsimtest.Vgw(1))},
			[]string{dxsimtest.Vgw(1), "already associated with Direct Connect gateway " + aws.ToString(vpcs), "UpdateDirectConnectGatewayAssociation"}},
		{"virtual private gateway on a second Direct Connect gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Vgw(1))},
			[]string{dxsimtest.Vgw(1), "already associated with Direct Connect gateway " + aws.ToString(vpcs), "one Direct Connect gateway"}},
		{"transit gateway where virtual private gateways are", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: vpcs, GatewayId: aws.String(dxsimtest.Tgw(2)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.0.0.0/8")},
			[]string{"either transit gateways or virtual private gateways"}},
		{"virtual private gateway where transit gateways are", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: transit, GatewayId: aws.String(dxsimtest.Vgw(2))},
			[]string{"either transit gateways or virtual private gateways"}},
		{"transit gateway with the Direct Connect gateway's ASN", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Tgw(dxsimtest.GwDefaultAsn)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.0.0.0/8")},
			[]string{"both use ASN 64512", "must differ"}},
		{"transit gateways of two Regions with one ASN", west, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: transit, GatewayId: aws.String(dxsimtest.Tgw(dxsimtest.GwWest)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.0.0.0/8")},
			[]string{"ASN 65001", dxsimtest.Tgw(1), "unique ASNs"}},
		{"overlapping VPCs", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: vpcs, GatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOverlap))},
			[]string{"10.1.128.0/17", "overlaps the VPC of " + dxsimtest.Vgw(1)}},
		{"too many prefixes for a transit gateway", c, directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: empty, GatewayId: aws.String(dxsimtest.Tgw(2)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(many...)},
			[]string{"201 allowed prefixes", "quota of 200"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.client.CreateDirectConnectGatewayAssociation(ctx, &tc.in)
			dxsimtest.WantError(t, err, dx.ClientException, tc.want...)
			if after := gwEverything(t, c); after != before {
				t.Errorf("refused association changed\n%s\nto\n%s", before, after)
			}
		})
	}
}

func TestGatewayAssociationQuotas(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	vpcs := dxsimtest.GwCreate(t, c, "vpcs", nil).DirectConnectGatewayId
	for i := 1; i <= dx.VirtualPrivateGatewaysPerGateway; i++ {
		dxsimtest.GwAssociate(t, c, vpcs, dxsimtest.Vgw(i))
	}
	_, err := c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: vpcs, GatewayId: aws.String(dxsimtest.Vgw(21))})
	dxsimtest.WantError(t, err, dx.ClientException, "already has 20 virtual private gateways", "cannot be increased")

	transit := dxsimtest.GwCreate(t, c, "transit", aws.Int64(64999)).DirectConnectGatewayId
	for i := 1; i <= dx.TransitGatewaysPerGateway; i++ {
		dxsimtest.GwAssociate(t, c, transit, dxsimtest.Tgw(i), fmt.Sprintf("10.%d.0.0/16", i))
	}
	_, err = c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: transit, GatewayId: aws.String(dxsimtest.Tgw(7)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.7.0.0/16")})
	dxsimtest.WantError(t, err, dx.ClientException, "already has 6 transit gateways")

	// Pages of associations.
	in := &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: vpcs, MaxResults: aws.Int32(7)}
	var seen []string
	var sizes []int
	for {
		out, err := c.DescribeDirectConnectGatewayAssociations(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(out.DirectConnectGatewayAssociations))
		for _, a := range out.DirectConnectGatewayAssociations {
			seen = append(seen, aws.ToString(a.AssociatedGateway.Id))
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	slices.Sort(seen)
	if !slices.Equal(sizes, []int{7, 7, 6}) || len(slices.Compact(seen)) != 20 {
		t.Errorf("pages of 7 had sizes %v and %d distinct gateways, want 7, 7, 6 and 20", sizes, len(slices.Compact(seen)))
	}
	// Without a filter, the account's 26 associations.
	if n := len(gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{})); n != 26 {
		t.Errorf("all associations: %d, want 26", n)
	}
}

func TestUpdateGatewayAssociationRules(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "g", aws.Int64(64999)).DirectConnectGatewayId
	a := dxsimtest.GwAssociate(t, c, g, dxsimtest.Tgw(1), "10.0.0.0/16", "10.1.0.0/16")
	before := gwEverything(t, c)
	for _, tc := range []struct {
		name        string
		id          *string
		add, remove []string
		want        []string
	}{
		{"remove a prefix not allowed", a.AssociationId, nil, []string{"192.168.0.0/16"}, []string{"192.168.0.0/16 is not an allowed prefix", "10.0.0.0/16, 10.1.0.0/16"}},
		{"add and remove one prefix", a.AssociationId, []string{"10.1.0.0/16"}, []string{"10.1.0.0/16"}, []string{"both added and removed"}},
		{"not a CIDR", a.AssociationId, []string{"10.2.0.0/33"}, nil, []string{"10.2.0.0/33", "not a CIDR"}},
		{"remove every prefix of a transit gateway", a.AssociationId, nil, []string{"10.0.0.0/16", "10.1.0.0/16"}, []string{"needs allowed prefixes"}},
		{"no association", nil, []string{"10.2.0.0/16"}, nil, []string{"Specify associationId"}},
		{"unknown association", aws.String("6ae3ac53-cabc-4b4a-a3c1-5b6e0e9b6f0d"), []string{"10.2.0.0/16"}, nil, []string{"6ae3ac53-cabc-4b4a-a3c1-5b6e0e9b6f0d", "does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{
				AssociationId: tc.id, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(tc.add...), RemoveAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(tc.remove...),
			})
			dxsimtest.WantError(t, err, dx.ClientException, tc.want...)
			if after := gwEverything(t, c); after != before {
				t.Errorf("refused update changed\n%s\nto\n%s", before, after)
			}
		})
	}
	// A disassociating association no longer changes.
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId}); err != nil {
		t.Fatal(err)
	}
	_, err := c.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.2.0.0/16")})
	dxsimtest.WantError(t, err, dx.ClientException, "does not exist")
}

func TestDeleteGatewayRefusedWhileAssociated(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	g := dxsimtest.GwCreate(t, c, "g", nil).DirectConnectGatewayId
	a := dxsimtest.GwAssociate(t, c, g, dxsimtest.Vgw(1))
	dxsimtest.GwSettle(w)
	_, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(g), "associated with "+dxsimtest.Vgw(1), aws.ToString(a.AssociationId), "delete its associations")
	if s := gwDescribe(t, c, g).DirectConnectGatewayState; s != types.DirectConnectGatewayStateAvailable {
		t.Errorf("refused delete left the gateway %s", s)
	}
	if _, err := c.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g})
	dxsimtest.WantError(t, err, dx.ClientException, "disassociating", "wait until they are disassociated")
	if s := gwDescribe(t, c, g).DirectConnectGatewayState; s != types.DirectConnectGatewayStateAvailable {
		t.Errorf("refused delete left the gateway %s", s)
	}
	dxsimtest.GwSettle(w)
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g}); err != nil {
		t.Errorf("deleting a gateway whose associations are gone: %v", err)
	}
}

func gwAttachments(t *testing.T, c *directconnect.Client, in *directconnect.DescribeDirectConnectGatewayAttachmentsInput) map[string]types.DirectConnectGatewayAttachment {
	t.Helper()
	out, err := c.DescribeDirectConnectGatewayAttachments(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]types.DirectConnectGatewayAttachment{}
	for _, a := range out.DirectConnectGatewayAttachments {
		m[aws.ToString(a.VirtualInterfaceId)] = a
	}
	return m
}

func TestGatewayAttachmentsFollowVirtualInterfaces(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	c := w.Client()
	conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
	w.Provision()
	g := dxsimtest.GwCreate(t, c, "g", nil).DirectConnectGatewayId
	var vifs []*string
	for vlan := int32(101); vlan <= 103; vlan++ {
		vifs = append(vifs, dxsimtest.GwPrivateVIF(t, c, conn, g, vlan))
	}
	byGateway := &directconnect.DescribeDirectConnectGatewayAttachmentsInput{DirectConnectGatewayId: g}
	atts := gwAttachments(t, c, byGateway)
	if len(atts) != 3 {
		t.Fatalf("gateway has %d attachments, want 3", len(atts))
	}
	for _, v := range vifs {
		a := atts[aws.ToString(v)]
		if a.AttachmentState != types.DirectConnectGatewayAttachmentStateAttaching || a.AttachmentType != types.DirectConnectGatewayAttachmentTypePrivateVirtualInterface ||
			aws.ToString(a.VirtualInterfaceRegion) != dxsimtest.Region || aws.ToString(a.VirtualInterfaceOwnerAccount) != dxsimtest.Account || aws.ToString(a.DirectConnectGatewayId) != aws.ToString(g) {
			t.Errorf("attachment of new %s = %+v, want attaching, PrivateVirtualInterface", aws.ToString(v), a)
		}
	}
	w.Provision()
	if a := gwAttachments(t, c, &directconnect.DescribeDirectConnectGatewayAttachmentsInput{VirtualInterfaceId: vifs[0]}); len(a) != 1 || a[aws.ToString(vifs[0])].AttachmentState != types.DirectConnectGatewayAttachmentStateAttached {
		t.Errorf("attachment of an available interface: %+v, want attached", a)
	}
	// Another Region's view of the global gateway shows the same attachments.
	if n := len(gwAttachments(t, w.ClientFor(dxsimtest.Account, "eu-west-1"), byGateway)); n != 3 {
		t.Errorf("from eu-west-1: %d attachments", n)
	}

	// Pages of two.
	in := &directconnect.DescribeDirectConnectGatewayAttachmentsInput{DirectConnectGatewayId: g, MaxResults: aws.Int32(2)}
	var sizes []int
	for {
		out, err := c.DescribeDirectConnectGatewayAttachments(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(out.DirectConnectGatewayAttachments))
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("pages of 2 had sizes %v, want 2, 1", sizes)
	}
	_, err := c.DescribeDirectConnectGatewayAttachments(ctx, &directconnect.DescribeDirectConnectGatewayAttachmentsInput{})
	dxsimtest.WantError(t, err, dx.ClientException, "directConnectGatewayId", "virtualInterfaceId")

	// Private interfaces keep transit gateways away.
	_, err = c.CreateDirectConnectGatewayAssociation(ctx, &directconnect.CreateDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, GatewayId: aws.String(dxsimtest.Tgw(1)), AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.0.0.0/8")})
	dxsimtest.WantError(t, err, dx.ClientException, "private virtual interfaces attached")

	_, err = c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g})
	dxsimtest.WantError(t, err, dx.ClientException, "virtual interfaces attached", "delete them first")
	if s := gwDescribe(t, c, g).DirectConnectGatewayState; s != types.DirectConnectGatewayStateAvailable {
		t.Errorf("refused delete left the gateway %s", s)
	}
	for _, v := range vifs {
		if _, err := c.DeleteVirtualInterface(ctx, &directconnect.DeleteVirtualInterfaceInput{VirtualInterfaceId: v}); err != nil {
			t.Fatal(err)
		}
	}
	for id, a := range gwAttachments(t, c, byGateway) {
		if a.AttachmentState != types.DirectConnectGatewayAttachmentStateDetaching {
			t.Errorf("attachment of %s being deleted is %s, want detaching", id, a.AttachmentState)
		}
	}
	w.Clock.Advance(w.Config.Service.Timings.Deleting)
	for id, a := range gwAttachments(t, c, byGateway) {
		if a.AttachmentState != types.DirectConnectGatewayAttachmentStateDetached {
			t.Errorf("attachment of deleted %s is %s, want detached", id, a.AttachmentState)
		}
	}
	if _, err := c.DeleteDirectConnectGateway(ctx, &directconnect.DeleteDirectConnectGatewayInput{DirectConnectGatewayId: g}); err != nil {
		t.Errorf("deleting a gateway whose interfaces are deleted: %v", err)
	}
}

func TestAssociationProposalAcrossAccounts(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	owner := w.Client()
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	g := dxsimtest.GwCreate(t, owner, "shared", nil).DirectConnectGatewayId

	p := gwPropose(t, other, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), nil, nil)
	if !uuidPattern.MatchString(aws.ToString(p.ProposalId)) {
		t.Errorf("proposal ID %q is not a UUID", aws.ToString(p.ProposalId))
	}
	ag := p.AssociatedGateway
	if p.ProposalState != types.DirectConnectGatewayAssociationProposalStateRequested || aws.ToString(p.DirectConnectGatewayOwnerAccount) != dxsimtest.Account ||
		aws.ToString(ag.Id) != dxsimtest.Vgw(dxsimtest.GwOther) || aws.ToString(ag.OwnerAccount) != dxsimtest.OtherAccount || aws.ToString(ag.Region) != dxsimtest.Region {
		t.Errorf("proposal = %+v", p)
	}
	if got := gwPrefixString(p.RequestedAllowedPrefixesToDirectConnectGateway); got != "10.200.0.0/16" {
		t.Errorf("requested prefixes = %s, want the VPC CIDR", got)
	}
	// Both sides see it; nothing is associated yet.
	for name, c := range map[string]*directconnect.Client{"owner": owner, "proposer": other} {
		for _, in := range []*directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{
			{DirectConnectGatewayId: g}, {ProposalId: p.ProposalId}, {AssociatedGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))}, {},
		} {
			if ps := gwProposals(t, c, in); len(ps) != 1 || aws.ToString(ps[0].ProposalId) != aws.ToString(p.ProposalId) {
				t.Errorf("%s, %+v: %d proposals", name, in, len(ps))
			}
		}
		if as := gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{}); len(as) != 0 {
			t.Errorf("%s sees associations before acceptance: %s", name, gwAssociationString(as))
		}
	}
	if ps := gwProposals(t, w.ClientFor("777788889999", dxsimtest.Region), &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{}); len(ps) != 0 {
		t.Errorf("a third account sees %d proposals", len(ps))
	}

	acc, err := owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount),
		OverrideAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.200.0.0/15"),
	})
	if err != nil {
		t.Fatal(err)
	}
	a := acc.DirectConnectGatewayAssociation
	if a.AssociationState != types.DirectConnectGatewayAssociationStateAssociating || gwPrefixString(a.AllowedPrefixesToDirectConnectGateway) != "10.200.0.0/15" ||
		aws.ToString(a.VirtualGatewayOwnerAccount) != dxsimtest.OtherAccount || aws.ToString(a.DirectConnectGatewayOwnerAccount) != dxsimtest.Account {
		t.Errorf("accepted association = %+v", a)
	}
	if ps := gwProposals(t, other, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: p.ProposalId}); ps[0].ProposalState != types.DirectConnectGatewayAssociationProposalStateAccepted {
		t.Errorf("accepted proposal is %s", ps[0].ProposalState)
	}
	dxsimtest.GwSettle(w)
	for name, c := range map[string]*directconnect.Client{"owner": owner, "proposer": other} {
		as := gwAssociations(t, c, &directconnect.DescribeDirectConnectGatewayAssociationsInput{VirtualGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))})
		if len(as) != 1 || as[0].AssociationState != types.DirectConnectGatewayAssociationStateAssociated {
			t.Errorf("%s sees %s", name, gwAssociationString(as))
		}
	}
	_, err = owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)})
	dxsimtest.WantError(t, err, dx.ClientException, "already accepted")

	// The gateway's owner changes prefixes by proposing; the Direct Connect
	// gateway's owner by accepting.
	_, err = other.UpdateDirectConnectGatewayAssociation(ctx, &directconnect.UpdateDirectConnectGatewayAssociationInput{AssociationId: a.AssociationId, AddAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes("10.201.0.0/16")})
	dxsimtest.WantError(t, err, dx.ClientException, "CreateDirectConnectGatewayAssociationProposal")
	change := gwPropose(t, other, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), []string{"10.202.0.0/16"}, []string{"10.200.0.0/15"})
	if e, r := gwPrefixString(change.ExistingAllowedPrefixesToDirectConnectGateway), gwPrefixString(change.RequestedAllowedPrefixesToDirectConnectGateway); e != "10.200.0.0/15" || r != "10.202.0.0/16" {
		t.Errorf("change proposal: existing %s, requested %s", e, r)
	}
	acc, err = owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: change.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)})
	if err != nil {
		t.Fatal(err)
	}
	if got := acc.DirectConnectGatewayAssociation; aws.ToString(got.AssociationId) != aws.ToString(a.AssociationId) ||
		got.AssociationState != types.DirectConnectGatewayAssociationStateUpdating || gwPrefixString(got.AllowedPrefixesToDirectConnectGateway) != "10.202.0.0/16" {
		t.Errorf("accepting the change: %+v", got)
	}

	// Either side may disassociate.
	del, err := other.DeleteDirectConnectGatewayAssociation(ctx, &directconnect.DeleteDirectConnectGatewayAssociationInput{DirectConnectGatewayId: g, VirtualGatewayId: aws.String(dxsimtest.Vgw(dxsimtest.GwOther))})
	if err != nil {
		t.Fatal(err)
	}
	if s := del.DirectConnectGatewayAssociation.AssociationState; s != types.DirectConnectGatewayAssociationStateDisassociating {
		t.Errorf("disassociation by the proposer: %s", s)
	}
}

func TestTransitGatewayProposal(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	owner := w.Client()
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	g := dxsimtest.GwCreate(t, owner, "shared", nil).DirectConnectGatewayId
	_, err := other.CreateDirectConnectGatewayAssociationProposal(ctx, &directconnect.CreateDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, DirectConnectGatewayOwnerAccount: aws.String(dxsimtest.Account), GatewayId: aws.String(dxsimtest.Tgw(dxsimtest.GwOther))})
	dxsimtest.WantError(t, err, dx.ClientException, "needs allowed prefixes")
	p := gwPropose(t, other, g, dxsimtest.Account, dxsimtest.Tgw(dxsimtest.GwOther), []string{"10.0.0.0/8"}, nil)
	acc, err := owner.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
		DirectConnectGatewayId: g, ProposalId: p.ProposalId, AssociatedGatewayOwnerAccount: aws.String(dxsimtest.OtherAccount)})
	if err != nil {
		t.Fatal(err)
	}
	if a := acc.DirectConnectGatewayAssociation; a.AssociatedGateway.Type != types.GatewayTypeTransitGateway || gwPrefixString(a.AllowedPrefixesToDirectConnectGateway) != "10.0.0.0/8" {
		t.Errorf("transit gateway association from a proposal: %+v", a)
	}
}

func TestAssociationProposalRules(t *testing.T) {
	w := dxsimtest.GwWorld(t)
	owner := w.Client()
	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	g := dxsimtest.GwCreate(t, owner, "shared", nil).DirectConnectGatewayId
	busy := dxsimtest.GwCreate(t, owner, "busy", nil).DirectConnectGatewayId
	open := gwPropose(t, other, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), nil, nil)
	beforeOwner, beforeOther := gwEverything(t, owner), gwEverything(t, other)
	unchanged := func(t *testing.T) {
		t.Helper()
		if o, p := gwEverything(t, owner), gwEverything(t, other); o != beforeOwner || p != beforeOther {
			t.Errorf("refused call changed\n%s\n%s\nto\n%s\n%s", beforeOwner, beforeOther, o, p)
		}
	}
	propose := func(c *directconnect.Client, dxgw *string, dxgwOwner, gateway string, remove ...string) error {
		_, err := c.CreateDirectConnectGatewayAssociationProposal(ctx, &directconnect.CreateDirectConnectGatewayAssociationProposalInput{
			DirectConnectGatewayId: dxgw, DirectConnectGatewayOwnerAccount: aws.String(dxgwOwner), GatewayId: aws.String(gateway),
			RemoveAllowedPrefixesToDirectConnectGateway: dxsimtest.GwPrefixes(remove...)})
		return err
	}
	accept := func(c *directconnect.Client, dxgw, proposal *string, proposer string) error {
		_, err := c.AcceptDirectConnectGatewayAssociationProposal(ctx, &directconnect.AcceptDirectConnectGatewayAssociationProposalInput{
			DirectConnectGatewayId: dxgw, ProposalId: proposal, AssociatedGatewayOwnerAccount: aws.String(proposer)})
		return err
	}
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"to a gateway of one's own account", propose(owner, g, dxsimtest.Account, dxsimtest.Vgw(2)), []string{"your own account", "CreateDirectConnectGatewayAssociation"}},
		{"naming the wrong owner", propose(other, g, "777788889999", dxsimtest.Vgw(dxsimtest.GwOther)), []string{aws.ToString(g), "does not exist for account 777788889999"}},
		{"owner that is not an account", propose(other, g, "12345", dxsimtest.Vgw(dxsimtest.GwOther)), []string{"12345", "12 digits"}},
		{"of a gateway the proposer does not have", propose(other, g, dxsimtest.Account, dxsimtest.Vgw(1)), []string{dxsimtest.Vgw(1), "does not exist for account " + dxsimtest.OtherAccount}},
		{"removing prefixes of no association", propose(other, g, dxsimtest.Account, dxsimtest.Vgw(dxsimtest.GwOther), "10.200.0.0/16"), []string{"no allowed prefixes to remove"}},
		{"accepted by the proposer", accept(other, g, open.ProposalId, dxsimtest.OtherAccount), []string{"does not exist for account " + dxsimtest.OtherAccount}},
		{"accepted for another Direct Connect gateway", accept(owner, busy, open.ProposalId, dxsimtest.OtherAccount), []string{aws.ToString(open.ProposalId), "does not exist for Direct Connect gateway"}},
		{"accepted naming the wrong proposer", accept(owner, g, open.ProposalId, "777788889999"), []string{"made by account " + dxsimtest.OtherAccount}},
		{"unknown proposal", accept(owner, g, aws.String("0d9b1c2a-1111-4222-8333-444455556666"), dxsimtest.OtherAccount), []string{"does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dxsimtest.WantError(t, tc.err, dx.ClientException, tc.want...)
			unchanged(t)
		})
	}

	// Acceptance is refused, and the proposal stays open, when a rule
	// refuses the association: here the VPC is already on another gateway.
	theirs := dxsimtest.GwCreate(t, other, "theirs", nil).DirectConnectGatewayId
	dxsimtest.GwAssociate(t, other, theirs, dxsimtest.Vgw(dxsimtest.GwOther))
	err := accept(owner, g, open.ProposalId, dxsimtest.OtherAccount)
	dxsimtest.WantError(t, err, dx.ClientException, "already associated with Direct Connect gateway "+aws.ToString(theirs))
	if ps := gwProposals(t, owner, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: open.ProposalId}); ps[0].ProposalState != types.DirectConnectGatewayAssociationProposalStateRequested {
		t.Errorf("refused acceptance left the proposal %s", ps[0].ProposalState)
	}

	// The proposer withdraws; the owner rejects by deleting.
	del, err := other.DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{ProposalId: open.ProposalId})
	if err != nil {
		t.Fatal(err)
	}
	if s := del.DirectConnectGatewayAssociationProposal.ProposalState; s != types.DirectConnectGatewayAssociationProposalStateDeleted {
		t.Errorf("withdrawn proposal is %s", s)
	}
	dxsimtest.WantError(t, accept(owner, g, open.ProposalId, dxsimtest.OtherAccount), dx.ClientException, "does not exist")
	_, err = owner.DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{ProposalId: open.ProposalId})
	dxsimtest.WantError(t, err, dx.ClientException, "is not found")

	second := gwPropose(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), busy, dxsimtest.Account, dxsimtest.Tgw(dxsimtest.GwOther), []string{"10.0.0.0/8"}, nil)
	if _, err := owner.DeleteDirectConnectGatewayAssociationProposal(ctx, &directconnect.DeleteDirectConnectGatewayAssociationProposalInput{ProposalId: second.ProposalId}); err != nil {
		t.Fatal(err)
	}
	ps := gwProposals(t, other, &directconnect.DescribeDirectConnectGatewayAssociationProposalsInput{ProposalId: second.ProposalId})
	if ps[0].ProposalState != types.DirectConnectGatewayAssociationProposalStateDeleted {
		t.Errorf("rejected proposal is %s, as its maker sees it", ps[0].ProposalState)
	}
	if as := gwAssociations(t, owner, &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: busy}); len(as) != 0 {
		t.Errorf("a rejected proposal associated %s", gwAssociationString(as))
	}
}
