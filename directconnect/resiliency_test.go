package directconnect_test

import (
	"fmt"
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

// Helpers of the resiliency group tests.

func getResiliencyGroup(t *testing.T, c *directconnect.Client, id *string) *types.ResiliencyGroup {
	t.Helper()
	out, err := c.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: id})
	if err != nil {
		t.Fatal(err)
	}
	return out.ResiliencyGroup
}

func listResiliencyGroups(t *testing.T, c *directconnect.Client) []types.ResiliencyGroupSummary {
	t.Helper()
	out, err := c.ListResiliencyGroups(ctx, &directconnect.ListResiliencyGroupsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Items
}

// groupMembers is "connection-id=state" for every association a group lists,
// in order.
func groupMembers(t *testing.T, c *directconnect.Client, group *string) []string {
	t.Helper()
	out, err := c.ListResiliencyGroupAssociations(ctx, &directconnect.ListResiliencyGroupAssociationsInput{ResiliencyGroupId: group})
	if err != nil {
		t.Fatal(err)
	}
	return associationStates(out.Items)
}

func associationStates(as []types.ResiliencyGroupAssociation) []string {
	var out []string
	for _, a := range as {
		arn := aws.ToString(a.ConnectionArn)
		out = append(out, arn[strings.LastIndex(arn, "/")+1:]+"="+string(a.State))
	}
	return out
}

func connectionARN(id *string) string {
	return fmt.Sprintf("arn:aws:directconnect:%s:%s:dxcon/%s", dxsimtest.Region, dxsimtest.Account, aws.ToString(id))
}

// twoConnections creates two connections and returns their IDs in ID order.
func twoConnections(t *testing.T, c *directconnect.Client) (string, string) {
	a := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "10Gbps").ConnectionId)
	b := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	if b < a {
		a, b = b, a
	}
	return a, b
}

func TestCreateResiliencyGroupFillsTheModel(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	out, err := c.CreateResiliencyGroup(ctx, &directconnect.CreateResiliencyGroupInput{
		ResiliencyGroupName: aws.String("east-pair_1"), IntendedResiliencyModel: types.ResiliencyModelMaximumResiliency,
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	g := out.ResiliencyGroup
	id := aws.ToString(g.ResiliencyGroupId)
	if !regexp.MustCompile(`^dxrg-[0-9a-z]{17}$`).MatchString(id) {
		t.Errorf("resiliencyGroupId %q is not dxrg- and 17 lowercase letters and digits", id)
	}
	if want := "arn:aws:directconnect::" + dxsimtest.Account + ":dx-resiliency-group/" + id; aws.ToString(g.ResiliencyGroupArn) != want {
		t.Errorf("resiliencyGroupArn = %q, want %q", aws.ToString(g.ResiliencyGroupArn), want)
	}
	if aws.ToString(g.OwnerAccount) != dxsimtest.Account || aws.ToString(g.ResiliencyGroupName) != "east-pair_1" ||
		g.ResiliencyGroupType != types.ResiliencyGroupTypeManaged || g.State != types.ResiliencyGroupStatePending {
		t.Errorf("new group: owner %s name %s type %s state %s", aws.ToString(g.OwnerAccount), aws.ToString(g.ResiliencyGroupName), g.ResiliencyGroupType, g.State)
	}
	if len(g.Tags) != 1 || aws.ToString(g.Tags[0].Key) != "env" || aws.ToString(g.Tags[0].Value) != "prod" {
		t.Errorf("tags = %+v", g.Tags)
	}
	if got := getResiliencyGroup(t, c, g.ResiliencyGroupId); got.State != types.ResiliencyGroupStatePending || aws.ToString(got.ResiliencyGroupArn) != aws.ToString(g.ResiliencyGroupArn) || len(got.Tags) != 1 {
		t.Errorf("GetResiliencyGroup = %+v", got)
	}
	w.Clock.Advance(w.Config.Service.Timings.Pending)
	if s := getResiliencyGroup(t, c, g.ResiliencyGroupId).State; s != types.ResiliencyGroupStateAvailable {
		t.Errorf("group after setup: %s, want available", s)
	}
	// The model's pattern admits the ID in capitals.
	if got := getResiliencyGroup(t, c, aws.String(strings.ToUpper(id))); aws.ToString(got.ResiliencyGroupId) != id {
		t.Errorf("GetResiliencyGroup(%s) = %s", strings.ToUpper(id), aws.ToString(got.ResiliencyGroupId))
	}
	items := listResiliencyGroups(t, c)
	if len(items) != 1 || aws.ToString(items[0].ResiliencyGroupId) != id || items[0].State != types.ResiliencyGroupStateAvailable ||
		aws.ToString(items[0].ResiliencyGroupArn) != aws.ToString(g.ResiliencyGroupArn) || items[0].ResiliencyGroupType != types.ResiliencyGroupTypeManaged {
		t.Errorf("ListResiliencyGroups = %+v", items)
	}
}

func TestCreateResiliencyGroupRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	for _, tc := range []struct {
		name  string
		in    *directconnect.CreateResiliencyGroupInput
		parts []string
	}{
		{"name with a space", &directconnect.CreateResiliencyGroupInput{ResiliencyGroupName: aws.String("east pair"), IntendedResiliencyModel: types.ResiliencyModelHighResiliency},
			[]string{"resiliencyGroupName", "east pair", "^[a-zA-Z0-9_\\-]+$"}},
		{"name too long", &directconnect.CreateResiliencyGroupInput{ResiliencyGroupName: aws.String(strings.Repeat("n", 256)), IntendedResiliencyModel: types.ResiliencyModelHighResiliency},
			[]string{"resiliencyGroupName", "between 1 and 255"}},
		{"unknown model", &directconnect.CreateResiliencyGroupInput{ResiliencyGroupName: aws.String("g"), IntendedResiliencyModel: "extreme-resiliency"},
			[]string{"intendedResiliencyModel", "extreme-resiliency", "maximum-resiliency, high-resiliency, basic-resiliency"}},
		{"client token too long", &directconnect.CreateResiliencyGroupInput{ResiliencyGroupName: aws.String("g"), IntendedResiliencyModel: types.ResiliencyModelBasicResiliency, ClientToken: aws.String(strings.Repeat("t", 129))},
			[]string{"clientToken", "between 1 and 128"}},
		{"tag key reserved", &directconnect.CreateResiliencyGroupInput{ResiliencyGroupName: aws.String("g"), IntendedResiliencyModel: types.ResiliencyModelBasicResiliency, Tags: []types.Tag{{Key: aws.String("aws:x")}}},
			[]string{"aws:"}},
	} {
		_, err := c.CreateResiliencyGroup(ctx, tc.in)
		dxsimtest.WantError(t, err, dx.ClientException, tc.parts...)
	}
	if n := len(listResiliencyGroups(t, c)); n != 0 {
		t.Errorf("%d groups after refused creations, want 0", n)
	}
}

func TestCreateResiliencyGroupIsIdempotentPerClientToken(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	in := &directconnect.CreateResiliencyGroupInput{
		ResiliencyGroupName: aws.String("pair"), IntendedResiliencyModel: types.ResiliencyModelHighResiliency, ClientToken: aws.String("token-1"),
	}
	first, err := c.CreateResiliencyGroup(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateResiliencyGroup(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(again.ResiliencyGroup.ResiliencyGroupId) != aws.ToString(first.ResiliencyGroup.ResiliencyGroupId) {
		t.Errorf("retry created %s, want the first call's %s", aws.ToString(again.ResiliencyGroup.ResiliencyGroupId), aws.ToString(first.ResiliencyGroup.ResiliencyGroupId))
	}
	in.ResiliencyGroupName = aws.String("other")
	_, err = c.CreateResiliencyGroup(ctx, in)
	dxsimtest.WantError(t, err, dx.ClientException, "token-1", "different parameters", aws.ToString(first.ResiliencyGroup.ResiliencyGroupId))
	// Without a token each call creates a group (the SDK fills in a fresh one).
	dxsimtest.NewResiliencyGroup(t, c, "pair")
	if n := len(listResiliencyGroups(t, c)); n != 2 {
		t.Errorf("%d groups, want 2", n)
	}
	if g := getResiliencyGroup(t, c, first.ResiliencyGroup.ResiliencyGroupId); aws.ToString(g.ResiliencyGroupName) != "pair" {
		t.Errorf("the mismatched retry renamed the group to %s", aws.ToString(g.ResiliencyGroupName))
	}
}

func TestResiliencyGroupsAreTheCallersOwnInItsRegion(t *testing.T) {
	w := dxsimtest.Start(t)
	c, other, west := w.Client(), w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), w.ClientFor(dxsimtest.Account, "us-west-2")
	g := dxsimtest.NewResiliencyGroup(t, c, "mine")
	conn := dxsimtest.CreateConnection(t, other, "EqDC2", "1Gbps").ConnectionId
	id := g.ResiliencyGroupId
	for name, call := range map[string]func(*directconnect.Client) error{
		"Get": func(cl *directconnect.Client) error {
			_, err := cl.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: id})
			return err
		},
		"Update": func(cl *directconnect.Client) error {
			_, err := cl.UpdateResiliencyGroup(ctx, &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("stolen")})
			return err
		},
		"Delete": func(cl *directconnect.Client) error {
			_, err := cl.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id})
			return err
		},
		"Associate": func(cl *directconnect.Client) error {
			_, err := cl.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{aws.ToString(conn)}})
			return err
		},
		"ListAssociations": func(cl *directconnect.Client) error {
			_, err := cl.ListResiliencyGroupAssociations(ctx, &directconnect.ListResiliencyGroupAssociationsInput{ResiliencyGroupId: id})
			return err
		},
	} {
		for who, cl := range map[string]*directconnect.Client{"other account": other, "other region": west} {
			t.Run(name+" from "+who, func(t *testing.T) {
				dxsimtest.WantError(t, call(cl), dx.ClientException, aws.ToString(id), "does not exist")
			})
		}
	}
	if n := len(listResiliencyGroups(t, other)) + len(listResiliencyGroups(t, west)); n != 0 {
		t.Errorf("other account and Region list %d groups, want 0", n)
	}
	if got := getResiliencyGroup(t, c, id); aws.ToString(got.ResiliencyGroupName) != "mine" || got.State != types.ResiliencyGroupStatePending {
		t.Errorf("after refused calls from others the group is %s %s", aws.ToString(got.ResiliencyGroupName), got.State)
	}
	if got := groupMembers(t, c, id); len(got) != 0 {
		t.Errorf("group members after refused calls from others: %v", got)
	}
}

func TestResiliencyGroupIDRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	_, err := c.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: aws.String("dxlag-abcdefgh")})
	dxsimtest.WantError(t, err, dx.ClientException, "resiliencyGroupId", "dxlag-abcdefgh", "^(dxrg|DXRG)-[0-9a-zA-Z]{17}$")
	_, err = c.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: aws.String("dxrg-0123456789abcdefg")})
	dxsimtest.WantError(t, err, dx.ClientException, "dxrg-0123456789abcdefg", "does not exist", dxsimtest.Account, dxsimtest.Region)
}

func TestListResiliencyGroupsPages(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	var want []string
	for i := range 5 {
		want = append(want, aws.ToString(dxsimtest.NewResiliencyGroup(t, c, fmt.Sprintf("g%d", i)).ResiliencyGroupId))
	}
	dxsimtest.NewResiliencyGroup(t, w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region), "theirs")
	slices.Sort(want)
	var got []string
	var pages []int
	in := &directconnect.ListResiliencyGroupsInput{MaxResults: aws.Int32(2)}
	for {
		out, err := c.ListResiliencyGroups(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, len(out.Items))
		for _, g := range out.Items {
			got = append(got, aws.ToString(g.ResiliencyGroupId))
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if !slices.Equal(got, want) || !slices.Equal(pages, []int{2, 2, 1}) {
		t.Errorf("pages %v listed %v, want pages [2 2 1] listing %v", pages, got, want)
	}
	// Above 100, a page is 100 long.
	if out, err := c.ListResiliencyGroups(ctx, &directconnect.ListResiliencyGroupsInput{MaxResults: aws.Int32(1000)}); err != nil || len(out.Items) != 5 || out.NextToken != nil {
		t.Errorf("maxResults 1000: %+v, %v", out, err)
	}
	_, err := c.ListResiliencyGroups(ctx, &directconnect.ListResiliencyGroupsInput{NextToken: aws.String("not a token!")})
	dxsimtest.WantError(t, err, dx.ClientException, "nextToken")
	_, err = c.ListResiliencyGroups(ctx, &directconnect.ListResiliencyGroupsInput{MaxResults: aws.Int32(0)})
	dxsimtest.WantError(t, err, dx.ClientException, "maxResults")
}

func TestUpdateResiliencyGroup(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	id := dxsimtest.NewResiliencyGroup(t, c, "before").ResiliencyGroupId
	out, err := c.UpdateResiliencyGroup(ctx, &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("after")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ResiliencyGroup.ResiliencyGroupName) != "after" || aws.ToString(getResiliencyGroup(t, c, id).ResiliencyGroupName) != "after" {
		t.Errorf("UpdateResiliencyGroup answered %s; Get shows %s", aws.ToString(out.ResiliencyGroup.ResiliencyGroupName), aws.ToString(getResiliencyGroup(t, c, id).ResiliencyGroupName))
	}
	_, err = c.UpdateResiliencyGroup(ctx, &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("bad/name")})
	dxsimtest.WantError(t, err, dx.ClientException, "resiliencyGroupName", "bad/name")

	// A clientToken answers a retry with the group, and refuses a different request.
	in := &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("third"), ClientToken: aws.String("rename-1")}
	for range 2 {
		if _, err := c.UpdateResiliencyGroup(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.UpdateResiliencyGroup(ctx, &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("fourth"), ClientToken: aws.String("rename-1")})
	dxsimtest.WantError(t, err, dx.ClientException, "rename-1", "different request")
	if n := aws.ToString(getResiliencyGroup(t, c, id).ResiliencyGroupName); n != "third" {
		t.Errorf("after refused renames the group is named %s, want third", n)
	}

	if _, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdateResiliencyGroup(ctx, &directconnect.UpdateResiliencyGroupInput{ResiliencyGroupId: id, ResiliencyGroupName: aws.String("late")})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(id), "deleting")
	if n := aws.ToString(getResiliencyGroup(t, c, id).ResiliencyGroupName); n != "third" {
		t.Errorf("a deleting group was renamed to %s", n)
	}
}

func TestDeleteResiliencyGroupPassesThroughDeleting(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	tm := w.Config.Service.Timings
	id := dxsimtest.NewResiliencyGroup(t, c, "short-lived").ResiliencyGroupId
	out, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id})
	if err != nil {
		t.Fatal(err)
	}
	if out.ResiliencyGroup.State != types.ResiliencyGroupStateDeleting || aws.ToString(out.ResiliencyGroup.ResiliencyGroupId) != aws.ToString(id) {
		t.Errorf("DeleteResiliencyGroup answered %+v, want the group in state deleting", out.ResiliencyGroup)
	}
	if s := getResiliencyGroup(t, c, id).State; s != types.ResiliencyGroupStateDeleting {
		t.Errorf("Get after delete: %s, want deleting", s)
	}
	_, err = c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(id), "deleting")
	w.Clock.Advance(tm.MacSecKey)
	if s := getResiliencyGroup(t, c, id).State; s != types.ResiliencyGroupStateDeleted {
		t.Errorf("Get after teardown: %s, want deleted", s)
	}
	if items := listResiliencyGroups(t, c); len(items) != 1 || items[0].State != types.ResiliencyGroupStateDeleted {
		t.Errorf("ListResiliencyGroups after deletion = %+v, want the deleted group", items)
	}
	w.Clock.Advance(w.Config.Service.DeletedRetention)
	if n := len(listResiliencyGroups(t, c)); n != 0 {
		t.Errorf("%d groups listed after the retention period, want 0", n)
	}
	_, err = c.GetResiliencyGroup(ctx, &directconnect.GetResiliencyGroupInput{ResiliencyGroupId: id})
	dxsimtest.WantError(t, err, dx.ClientException, "does not exist")
}

func TestDeleteResiliencyGroupRefusesAGroupWithConnections(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a, b := twoConnections(t, c)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	dxsimtest.AssociateToGroup(t, c, id, a, b)
	_, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(id), "2 connections", a, "DisassociateConnectionsFromResiliencyGroup")
	if s := getResiliencyGroup(t, c, id).State; s != types.ResiliencyGroupStatePending {
		t.Errorf("group after refused delete: %s", s)
	}
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associating", b + "=associating"}) {
		t.Errorf("members after refused delete: %v", got)
	}
	// Once they have left, the group goes.
	if _, err := c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{a, b}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id}); err != nil {
		t.Fatal(err)
	}
}

func TestAssociateConnectionsToResiliencyGroup(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	tm := w.Config.Service.Timings
	a, b := twoConnections(t, c)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	// By ID and by ARN.
	got := dxsimtest.AssociateToGroup(t, c, id, a, connectionARN(&b))
	if !slices.Equal(associationStates(got), []string{a + "=associating", b + "=associating"}) {
		t.Errorf("AssociateConnectionsToResiliencyGroup answered %v", associationStates(got))
	}
	for _, as := range got {
		if aws.ToString(as.ResiliencyGroupId) != aws.ToString(id) || !strings.HasPrefix(aws.ToString(as.ConnectionArn), "arn:aws:directconnect:us-east-1:"+dxsimtest.Account+":dxcon/") {
			t.Errorf("association %+v", as)
		}
	}
	w.Clock.Advance(tm.MacSecKey)
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associated", b + "=associated"}) {
		t.Errorf("members after the association settles: %v", got)
	}
}

func TestAssociateConnectionsRules(t *testing.T) {
	w, partner, c, other := dxsimtest.StartPartners(t)
	a, b := twoConnections(t, c)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	otherGroup := dxsimtest.NewResiliencyGroup(t, c, "taken").ResiliencyGroupId
	taken := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	dxsimtest.AssociateToGroup(t, c, otherGroup, taken)
	theirs := aws.ToString(dxsimtest.CreateConnection(t, other, "EqDC2", "1Gbps").ConnectionId)
	gone := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: &gone}); err != nil {
		t.Fatal(err)
	}
	ic := aws.ToString(dxsimtest.CreateInterconnect(t, partner, "10Gbps", false).InterconnectId)
	west := aws.ToString(dxsimtest.CreateConnection(t, w.ClientFor(dxsimtest.Account, "us-west-2"), "EqSe2-EQ", "1Gbps").ConnectionId)
	westARN := fmt.Sprintf("arn:aws:directconnect:us-west-2:%s:dxcon/%s", dxsimtest.Account, west)

	for _, tc := range []struct {
		name  string
		conns []string
		parts []string
	}{
		{"unknown connection", []string{a, "dxcon-zzzzzzzz"}, []string{"dxcon-zzzzzzzz", "does not exist"}},
		{"another account's connection", []string{a, theirs}, []string{theirs, "does not exist"}},
		{"ARN in another account", []string{a, fmt.Sprintf("arn:aws:directconnect:us-east-1:%s:dxcon/%s", dxsimtest.OtherAccount, theirs)}, []string{theirs, "does not exist"}},
		{"ARN in another Region", []string{a, westARN}, []string{westARN, "does not exist"}},
		{"deleted connection", []string{a, gone}, []string{gone, "does not exist"}},
		{"in another group", []string{a, taken}, []string{taken, aws.ToString(otherGroup), "one resiliency group at a time"}},
		{"named twice", []string{a, connectionARN(&a)}, []string{a, "twice"}},
		{"not a connection ARN", []string{"arn:aws:directconnect:us-east-1:" + dxsimtest.Account + ":dxlag/dxlag-abcdefgh"}, []string{"neither a connection ID"}},
		{"empty list", []string{}, []string{"connectionIdentifiers", "between 1 and 50"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: tc.conns})
			dxsimtest.WantError(t, err, dx.ClientException, tc.parts...)
			if got := groupMembers(t, c, id); len(got) != 0 {
				t.Errorf("members after a refused association: %v", got)
			}
		})
	}
	// A partner's interconnect is its port, not a connection.
	partnerGroup := dxsimtest.NewResiliencyGroup(t, partner, "ports").ResiliencyGroupId
	_, err := partner.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: partnerGroup, ConnectionIdentifiers: []string{ic}})
	dxsimtest.WantError(t, err, dx.ClientException, ic, "interconnect")
	if got := groupMembers(t, partner, partnerGroup); len(got) != 0 {
		t.Errorf("partner's group members after a refused association: %v", got)
	}
	if got := groupMembers(t, c, otherGroup); !slices.Equal(got, []string{taken + "=associating"}) {
		t.Errorf("the other group's members changed: %v", got)
	}

	dxsimtest.AssociateToGroup(t, c, id, a)
	_, err = c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{b, a}})
	dxsimtest.WantError(t, err, dx.ClientException, a, "already associating", aws.ToString(id))
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associating"}) {
		t.Errorf("members after refusing a second association: %v", got)
	}
}

func TestAssociateConnectionsRetriesWithTheClientToken(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a, b := twoConnections(t, c)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	in := &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{a}, ClientToken: aws.String("join-1")}
	for range 2 {
		out, err := c.AssociateConnectionsToResiliencyGroup(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := associationStates(out.ResiliencyGroupAssociations); !slices.Equal(got, []string{a + "=associating"}) {
			t.Errorf("answer %v", got)
		}
	}
	in.ConnectionIdentifiers = []string{b}
	_, err := c.AssociateConnectionsToResiliencyGroup(ctx, in)
	dxsimtest.WantError(t, err, dx.ClientException, "join-1", "different request")
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associating"}) {
		t.Errorf("members: %v", got)
	}
}

func TestResiliencyGroupHoldsAtMost50Connections(t *testing.T) {
	w := dxsimtest.Start(t, func(c *server.Config) { c.Service.ConnectionsPerLocation = 100 })
	c := w.Client()
	var ids []string
	for range 51 {
		ids = append(ids, aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId))
	}
	group := dxsimtest.NewResiliencyGroup(t, c, "big").ResiliencyGroupId
	_, err := c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: group, ConnectionIdentifiers: ids})
	dxsimtest.WantError(t, err, dx.ClientException, "connectionIdentifiers", "between 1 and 50", "got 51")
	dxsimtest.AssociateToGroup(t, c, group, ids[:50]...)
	_, err = c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: group, ConnectionIdentifiers: ids[50:]})
	dxsimtest.WantError(t, err, dx.ClientException, "has 50 connections", "50 connections a resiliency group holds")
	if n := len(groupMembers(t, c, group)); n != 50 {
		t.Errorf("group lists %d connections, want 50", n)
	}
}

func TestDisassociateConnectionsFromResiliencyGroup(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	tm := w.Config.Service.Timings
	a, b := twoConnections(t, c)
	outsider := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	dxsimtest.AssociateToGroup(t, c, id, a, b)
	w.Clock.Advance(tm.MacSecKey)

	// All or none: one connection not in the group refuses the whole call.
	_, err := c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{a, outsider}})
	dxsimtest.WantError(t, err, dx.ClientException, outsider, "not associated", aws.ToString(id))
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associated", b + "=associated"}) {
		t.Errorf("members after a refused disassociation: %v", got)
	}

	out, err := c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{connectionARN(&a)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := associationStates(out.ResiliencyGroupAssociations); !slices.Equal(got, []string{a + "=disassociating"}) {
		t.Errorf("DisassociateConnectionsFromResiliencyGroup answered %v", got)
	}
	// Leaving is not yet left: it cannot join or leave again meanwhile.
	_, err = c.AssociateConnectionsToResiliencyGroup(ctx, &directconnect.AssociateConnectionsToResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{a}})
	dxsimtest.WantError(t, err, dx.ClientException, a, "still disassociating")
	_, err = c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{ResiliencyGroupId: id, ConnectionIdentifiers: []string{a}})
	dxsimtest.WantError(t, err, dx.ClientException, a, "is disassociating")

	w.Clock.Advance(tm.MacSecKey)
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=disassociated", b + "=associated"}) {
		t.Errorf("members after the disassociation settles: %v", got)
	}
	// A connection that left may join another group, or this one again.
	other := dxsimtest.NewResiliencyGroup(t, c, "next").ResiliencyGroupId
	dxsimtest.AssociateToGroup(t, c, other, a)
	if _, err := c.DisassociateConnectionsFromResiliencyGroup(ctx, &directconnect.DisassociateConnectionsFromResiliencyGroupInput{ResiliencyGroupId: other, ConnectionIdentifiers: []string{a}}); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(tm.MacSecKey)
	dxsimtest.AssociateToGroup(t, c, id, a)
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=associating", b + "=associated"}) {
		t.Errorf("members after rejoining: %v", got)
	}
	// Those that left drop out of the list after the retention period.
	w.Clock.Advance(w.Config.Service.DeletedRetention)
	if got := groupMembers(t, c, other); len(got) != 0 {
		t.Errorf("old members listed after the retention period: %v", got)
	}
}

func TestDeletedConnectionLeavesItsResiliencyGroup(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a, b := twoConnections(t, c)
	id := dxsimtest.NewResiliencyGroup(t, c, "pair").ResiliencyGroupId
	dxsimtest.AssociateToGroup(t, c, id, a, b)
	for _, conn := range []string{a, b} {
		if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: aws.String(conn)}); err != nil {
			t.Fatal(err)
		}
	}
	if got := groupMembers(t, c, id); !slices.Equal(got, []string{a + "=disassociated", b + "=disassociated"}) {
		t.Errorf("members after their connections were deleted: %v", got)
	}
	if _, err := c.DeleteResiliencyGroup(ctx, &directconnect.DeleteResiliencyGroupInput{ResiliencyGroupId: id}); err != nil {
		t.Errorf("a group whose connections were deleted cannot be deleted: %v", err)
	}
}

func TestListResiliencyGroupAssociationsPages(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	var want []string
	for range 5 {
		want = append(want, aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId))
	}
	slices.Sort(want)
	id := dxsimtest.NewResiliencyGroup(t, c, "five").ResiliencyGroupId
	dxsimtest.AssociateToGroup(t, c, id, want...)
	var got []string
	var pages []int
	in := &directconnect.ListResiliencyGroupAssociationsInput{ResiliencyGroupId: id, MaxResults: aws.Int32(2)}
	for {
		out, err := c.ListResiliencyGroupAssociations(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, len(out.Items))
		for _, s := range associationStates(out.Items) {
			got = append(got, strings.TrimSuffix(s, "=associating"))
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if !slices.Equal(got, want) || !slices.Equal(pages, []int{2, 2, 1}) {
		t.Errorf("pages %v listed %v, want pages [2 2 1] listing %v", pages, got, want)
	}
	_, err := c.ListResiliencyGroupAssociations(ctx, &directconnect.ListResiliencyGroupAssociationsInput{ResiliencyGroupId: id, NextToken: aws.String("%%%")})
	dxsimtest.WantError(t, err, dx.ClientException, "nextToken")
}

func TestTagResiliencyGroupByARN(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	g := dxsimtest.NewResiliencyGroup(t, c, "tagged")
	arn := g.ResiliencyGroupArn
	if _, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}}); err != nil {
		t.Fatal(err)
	}
	if tags := getResiliencyGroup(t, c, g.ResiliencyGroupId).Tags; len(tags) != 1 || aws.ToString(tags[0].Key) != "team" {
		t.Errorf("tags after TagResource: %+v", tags)
	}
	out, err := c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{aws.ToString(arn)}})
	if err != nil || len(out.ResourceTags) != 1 || len(out.ResourceTags[0].Tags) != 1 {
		t.Fatalf("DescribeTags = %+v, %v", out, err)
	}
	if _, err := c.UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	if tags := getResiliencyGroup(t, c, g.ResiliencyGroupId).Tags; len(tags) != 0 {
		t.Errorf("tags after UntagResource: %+v", tags)
	}
	_, err = w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region).TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("x")}}})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(arn), "does not exist")
	_, err = w.ClientFor(dxsimtest.Account, "us-west-2").TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("x")}}})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(arn), "does not exist")
	if tags := getResiliencyGroup(t, c, g.ResiliencyGroupId).Tags; len(tags) != 0 {
		t.Errorf("tags after refused TagResource calls: %+v", tags)
	}
}

func TestUpdateConnectionsBillingMode(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	a, b := twoConnections(t, c)
	if m := dxsimtest.DescribeConnection(t, c, &a).BillingMode; m != types.BillingModePayAsYouGo {
		t.Errorf("a new connection is billed %q, want PayAsYouGo", m)
	}
	out, err := c.UpdateConnectionsBillingMode(ctx, &directconnect.UpdateConnectionsBillingModeInput{
		ConnectionIds: []string{a, b}, BillingMode: types.RequestBillingModeFlatRateTier2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.BillingMode != types.BillingModeFlatRateTier2 || len(out.Connections) != 2 {
		t.Fatalf("UpdateConnectionsBillingMode answered %s with %d connections", out.BillingMode, len(out.Connections))
	}
	for i, conn := range out.Connections {
		if aws.ToString(conn.ConnectionId) != []string{a, b}[i] || conn.BillingMode != types.BillingModeFlatRateTier2 || aws.ToString(conn.Location) != "EqDC2" {
			t.Errorf("answered connection %s billed %s", aws.ToString(conn.ConnectionId), conn.BillingMode)
		}
	}
	for _, id := range []string{a, b} {
		if m := dxsimtest.DescribeConnection(t, c, &id).BillingMode; m != types.BillingModeFlatRateTier2 {
			t.Errorf("DescribeConnections shows %s billed %s", id, m)
		}
	}
	if _, err := c.UpdateConnectionsBillingMode(ctx, &directconnect.UpdateConnectionsBillingModeInput{ConnectionIds: []string{b}, BillingMode: types.RequestBillingModePayAsYouGo}); err != nil {
		t.Fatal(err)
	}
	if m := dxsimtest.DescribeConnection(t, c, &b).BillingMode; m != types.BillingModePayAsYouGo {
		t.Errorf("back to pay-as-you-go, %s is billed %s", b, m)
	}
}

func TestUpdateConnectionsBillingModeRules(t *testing.T) {
	_, partner, c, other := dxsimtest.StartPartners(t)
	a := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	theirs := aws.ToString(dxsimtest.CreateConnection(t, other, "EqDC2", "1Gbps").ConnectionId)
	gone := aws.ToString(dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps").ConnectionId)
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: &gone}); err != nil {
		t.Fatal(err)
	}
	ic := dxsimtest.CreateInterconnect(t, partner, "10Gbps", false).InterconnectId
	hosted := aws.ToString(dxsimtest.Allocate(t, partner, ic, "500Mbps", 101).ConnectionId)
	many := make([]string, 201)
	for i := range many {
		many[i] = fmt.Sprintf("dxcon-%08d", i)
	}
	for _, tc := range []struct {
		name  string
		ids   []string
		mode  types.RequestBillingMode
		parts []string
	}{
		{"port-pair modes are not requested", []string{a}, "PortPairFlatRateTier1", []string{"billingMode", "PortPairFlatRateTier1", "FlatRateTier5"}},
		{"unknown mode", []string{a}, "Monthly", []string{"billingMode", "Monthly"}},
		{"no connections", []string{}, types.RequestBillingModeFlatRateTier1, []string{"connectionIds", "between 1 and 200"}},
		{"too many connections", many, types.RequestBillingModeFlatRateTier1, []string{"connectionIds", "between 1 and 200", "got 201"}},
		{"named twice", []string{a, a}, types.RequestBillingModeFlatRateTier1, []string{a, "twice"}},
		{"another account's connection", []string{a, theirs}, types.RequestBillingModeFlatRateTier1, []string{theirs, "does not exist"}},
		{"deleted connection", []string{a, gone}, types.RequestBillingModeFlatRateTier1, []string{gone, "does not exist"}},
		{"hosted connection on flat rate", []string{a, hosted}, types.RequestBillingModeFlatRateTier1, []string{hosted, "hosted connection", "dedicated connections only"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.UpdateConnectionsBillingMode(ctx, &directconnect.UpdateConnectionsBillingModeInput{ConnectionIds: tc.ids, BillingMode: tc.mode})
			dxsimtest.WantError(t, err, dx.ClientException, tc.parts...)
			if m := dxsimtest.DescribeConnection(t, c, &a).BillingMode; m != types.BillingModePayAsYouGo {
				t.Errorf("after a refused update %s is billed %s", a, m)
			}
		})
	}
	_, err := partner.UpdateConnectionsBillingMode(ctx, &directconnect.UpdateConnectionsBillingModeInput{ConnectionIds: []string{aws.ToString(ic)}, BillingMode: types.RequestBillingModeFlatRateTier1})
	dxsimtest.WantError(t, err, dx.ClientException, aws.ToString(ic), "interconnect")
	if m := dxsimtest.DescribeConnection(t, c, &hosted).BillingMode; m != types.BillingModePayAsYouGo {
		t.Errorf("hosted connection billed %s", m)
	}
	// Pay-as-you-go is how hosted connections are billed; choosing it is fine.
	if _, err := c.UpdateConnectionsBillingMode(ctx, &directconnect.UpdateConnectionsBillingModeInput{ConnectionIds: []string{hosted}, BillingMode: types.RequestBillingModePayAsYouGo}); err != nil {
		t.Errorf("PayAsYouGo on a hosted connection: %v", err)
	}
}
