package directconnect_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/dxsimtest"
)

func tagARN(account, region, kind string, id *string) string {
	return fmt.Sprintf("arn:aws:directconnect:%s:%s:%s/%s", region, account, kind, aws.ToString(id))
}

// tagList builds tags from "key=value" and "key" (no value) strings.
func tagList(kvs ...string) []types.Tag {
	var out []types.Tag
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		tg := types.Tag{Key: aws.String(k)}
		if ok {
			tg.Value = aws.String(v)
		}
		out = append(out, tg)
	}
	return out
}

// tagCount returns n distinct tags k0..k(n-1) with prefix.
func tagCount(prefix string, n int) []types.Tag {
	var kvs []string
	for i := range n {
		kvs = append(kvs, fmt.Sprintf("%s%d=v", prefix, i))
	}
	return tagList(kvs...)
}

// tagString renders tags in order of key as "k=v" (or "k" without value).
func tagString(tags []types.Tag) string {
	m := map[string]string{}
	for _, tg := range tags {
		s := aws.ToString(tg.Key)
		if tg.Value != nil {
			s += "=" + aws.ToString(tg.Value)
		}
		m[aws.ToString(tg.Key)] = s
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	if len(tags) != len(m) {
		out = append(out, "(keys repeated)")
	}
	return strings.Join(out, ",")
}

// tagsOf is DescribeTags for one ARN, rendered by tagString.
func tagsOf(t *testing.T, c *directconnect.Client, arn string) string {
	t.Helper()
	out, err := c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{arn}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ResourceTags) != 1 || aws.ToString(out.ResourceTags[0].ResourceArn) != arn {
		t.Fatalf("DescribeTags(%s) answered %+v", arn, out.ResourceTags)
	}
	return tagString(out.ResourceTags[0].Tags)
}

func tagResource(t *testing.T, c *directconnect.Client, arn string, tags []types.Tag) {
	t.Helper()
	if _, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tags}); err != nil {
		t.Fatal(err)
	}
}

func tagLag(t *testing.T, c *directconnect.Client, in *directconnect.CreateLagInput) *directconnect.CreateLagOutput {
	t.Helper()
	out, err := c.CreateLag(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tagLagInput(n int32) *directconnect.CreateLagInput {
	return &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("10Gbps"), NumberOfConnections: n, LagName: aws.String("tagged lag")}
}

func TestTagsOnCreateShowEverywhere(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("tagged"),
		Tags: tagList("env=prod", "Kostenstelle Zürich=4711", "flag"),
	})
	if err != nil {
		t.Fatal(err)
	}
	in := tagLagInput(3)
	in.Tags = tagList("team=net", "tier=gold")
	in.ChildConnectionTags = tagList("member=yes")
	lag := tagLag(t, c, in)

	const connTags, lagTags, memberTags = "Kostenstelle Zürich=4711,env=prod,flag", "team=net,tier=gold", "member=yes"
	connARN := tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId)
	lagARN := tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", lag.LagId)
	if got := tagString(conn.Tags); got != connTags {
		t.Errorf("CreateConnection answered tags %q, want %q", got, connTags)
	}
	if got := tagString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).Tags); got != connTags {
		t.Errorf("DescribeConnections shows tags %q, want %q", got, connTags)
	}
	if got := tagsOf(t, c, connARN); got != connTags {
		t.Errorf("DescribeTags(%s) = %q, want %q", connARN, got, connTags)
	}
	if got := tagString(lag.Tags); got != lagTags {
		t.Errorf("CreateLag answered tags %q, want %q", got, lagTags)
	}
	if got := tagString(dxsimtest.DescribeLag(t, c, lag.LagId).Tags); got != lagTags {
		t.Errorf("DescribeLags shows tags %q, want %q", got, lagTags)
	}
	if got := tagsOf(t, c, lagARN); got != lagTags {
		t.Errorf("DescribeTags(%s) = %q, want %q", lagARN, got, lagTags)
	}
	if len(lag.Connections) != 3 {
		t.Fatalf("LAG has %d members, want 3", len(lag.Connections))
	}
	for _, m := range lag.Connections {
		if got := tagString(m.Tags); got != memberTags {
			t.Errorf("CreateLag answered member %s with tags %q, want childConnectionTags %q", aws.ToString(m.ConnectionId), got, memberTags)
		}
		if got := tagsOf(t, c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", m.ConnectionId)); got != memberTags {
			t.Errorf("DescribeTags: member %s has tags %q, want %q", aws.ToString(m.ConnectionId), got, memberTags)
		}
	}

	// One DescribeTags call answers for several resources, in request order.
	out, err := c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{lagARN, connARN}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ResourceTags) != 2 || aws.ToString(out.ResourceTags[0].ResourceArn) != lagARN || aws.ToString(out.ResourceTags[1].ResourceArn) != connARN ||
		tagString(out.ResourceTags[0].Tags) != lagTags || tagString(out.ResourceTags[1].Tags) != connTags {
		t.Errorf("DescribeTags of two ARNs answered %+v", out.ResourceTags)
	}

	// An untagged resource has an empty tag list.
	plain := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	if got := tagsOf(t, c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", plain.ConnectionId)); got != "" {
		t.Errorf("untagged connection has tags %q", got)
	}
}

func TestTagResourceAddsAndReplaces(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := tagLag(t, c, tagLagInput(1))
	for _, arn := range []string{
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId),
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", lag.LagId),
	} {
		tagResource(t, c, arn, tagList("env=dev", "owner=alice"))
		tagResource(t, c, arn, tagList("env=prod", "cost=", "flag"))
		if got, want := tagsOf(t, c, arn), "cost=,env=prod,flag,owner=alice"; got != want {
			t.Errorf("%s: tags %q, want %q", arn, got, want)
		}
	}
	if got, want := tagString(dxsimtest.DescribeConnection(t, c, conn.ConnectionId).Tags), "cost=,env=prod,flag,owner=alice"; got != want {
		t.Errorf("DescribeConnections shows tags %q, want %q", got, want)
	}
	if got, want := tagString(dxsimtest.DescribeLag(t, c, lag.LagId).Tags), "cost=,env=prod,flag,owner=alice"; got != want {
		t.Errorf("DescribeLags shows tags %q, want %q", got, want)
	}
	// Tags of the LAG are its own, not its members'.
	if got := tagString(dxsimtest.DescribeLag(t, c, lag.LagId).Connections[0].Tags); got != "" {
		t.Errorf("LAG member took the LAG's tags: %q", got)
	}
}

func TestUntagResourceRemovesExactlyTheNamedKeys(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := tagLag(t, c, tagLagInput(1))
	for _, arn := range []string{
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId),
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", lag.LagId),
	} {
		tagResource(t, c, arn, tagList("a=1", "ab=2", "b=3", "A=4", "c=5"))
		if _, err := c.UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"a", "c"}}); err != nil {
			t.Fatal(err)
		}
		if got, want := tagsOf(t, c, arn), "A=4,ab=2,b=3"; got != want {
			t.Errorf("%s after removing a and c: %q, want %q", arn, got, want)
		}
	}
}

func TestTagKeyAndValueRules(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	arn := tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId)
	tagResource(t, c, arn, tagList("keep=me"))

	long := strings.Repeat("k", 128)
	longValue := strings.Repeat("v", 256)
	// Every character class the pattern allows, in a key and in a value.
	tagResource(t, c, arn, tagList(long+"="+longValue, "Zweig é:/+-@_.9=a b=c"))
	want := "Zweig é:/+-@_.9=a b=c,keep=me," + long + "=" + longValue
	if got := tagsOf(t, c, arn); got != want {
		t.Fatalf("tags at the limits: %q, want %q", got, want)
	}
	for _, tc := range []struct {
		name string
		tag  types.Tag
		want []string
	}{
		{"key of 129", types.Tag{Key: aws.String(long + "k")}, []string{"1 to 128 characters", "129"}},
		{"empty key", types.Tag{Key: aws.String("")}, []string{"key"}},
		{"key outside the pattern", types.Tag{Key: aws.String("a*b")}, []string{`"a*b"`, "letters, digits, spaces and _ . : / = + - @"}},
		{"value of 257", types.Tag{Key: aws.String("k"), Value: aws.String(longValue + "v")}, []string{"at most 256 characters", "257"}},
		{"value outside the pattern", types.Tag{Key: aws.String("k"), Value: aws.String("a;b")}, []string{`"k"`, "letters, digits, spaces and _ . : / = + - @"}},
		{"reserved prefix", types.Tag{Key: aws.String("aws:owner")}, []string{"aws:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("fine"), Value: aws.String("1")}, tc.tag}})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)
			_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
				Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), Tags: []types.Tag{tc.tag},
			})
			dxsimtest.WantError(t, err, "DirectConnectClientException", tc.want...)
		})
	}
	if got := tagsOf(t, c, arn); got != want {
		t.Errorf("refused requests changed the tags: %q, want %q", got, want)
	}
	if got := dxsimtest.Counts(t, c); got != "1 connections, 0 LAGs" {
		t.Errorf("refused creates left %s", got)
	}

	_, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "at least one tag")
	_, err = c.UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"keep", strings.Repeat("k", 129)}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "1 to 128 characters")
	if got := tagsOf(t, c, arn); got != want {
		t.Errorf("refused UntagResource changed the tags: %q, want %q", got, want)
	}
}

func TestAtMost50Tags(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := tagLag(t, c, tagLagInput(1))
	for _, arn := range []string{
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId),
		tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", lag.LagId),
	} {
		_, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tagCount("k", 51)})
		dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags", "51")
		if got := tagsOf(t, c, arn); got != "" {
			t.Errorf("refused TagResource left tags %q", got)
		}
		tagResource(t, c, arn, tagCount("k", 49))
		_, err = c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tagList("x=1", "y=2")})
		dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags", "51")
		before := tagsOf(t, c, arn)
		if strings.Contains(before, "x=1") {
			t.Errorf("refused TagResource added x: %q", before)
		}
		tagResource(t, c, arn, tagList("x=1"))
		// Replacing values keeps the count; a 51st key does not fit.
		tagResource(t, c, arn, tagList("x=2", "k0=new"))
		_, err = c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: tagList("x=3", "z=1")})
		dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags")
		got := tagsOf(t, c, arn)
		if n := strings.Count(got, ",") + 1; n != 50 || !strings.Contains(got, "x=2") || !strings.Contains(got, "k0=new") {
			t.Errorf("%s: %d tags %q, want 50 with x=2 and k0=new", arn, n, got)
		}
	}

	_, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), Tags: tagCount("k", 51),
	})
	dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags")
	in := tagLagInput(2)
	in.Tags = tagCount("k", 51)
	_, err = c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags")
	in = tagLagInput(2)
	in.ChildConnectionTags = tagCount("k", 51)
	_, err = c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "TooManyTagsException", "at most 50 tags")
	if got := dxsimtest.Counts(t, c); got != "2 connections, 1 LAGs" {
		t.Errorf("refused creates left %s, want the 2 connections and 1 LAG from before", got)
	}
	// Exactly 50 on create is fine.
	created, err := c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), Tags: tagCount("k", 50),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(created.Tags) != 50 {
		t.Errorf("connection created with 50 tags has %d", len(created.Tags))
	}
}

func TestDuplicateTagKeys(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	arn := tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId)
	tagResource(t, c, arn, tagList("env=dev"))
	dup := tagList("env=prod", "team=net", "env=test")

	_, err := c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(arn), Tags: dup})
	dxsimtest.WantError(t, err, "DuplicateTagKeysException", `"env"`, "more than once")
	if got := tagsOf(t, c, arn); got != "env=dev" {
		t.Errorf("refused TagResource changed the tags to %q", got)
	}

	_, err = c.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("x"), Tags: dup,
	})
	dxsimtest.WantError(t, err, "DuplicateTagKeysException", `"env"`)
	in := tagLagInput(2)
	in.Tags = dup
	_, err = c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "DuplicateTagKeysException", `"env"`)
	in = tagLagInput(2)
	in.ChildConnectionTags = dup
	_, err = c.CreateLag(ctx, in)
	dxsimtest.WantError(t, err, "DuplicateTagKeysException", `"env"`)
	if got := dxsimtest.Counts(t, c); got != "1 connections, 0 LAGs" {
		t.Errorf("refused creates left %s", got)
	}
}

func TestTaggingOnlyTheCallersResources(t *testing.T) {
	w := dxsimtest.Start(t)
	c := w.Client()
	conn := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	lag := tagLag(t, c, tagLagInput(1))
	connARN := tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", conn.ConnectionId)
	lagARN := tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", lag.LagId)
	tagResource(t, c, connARN, tagList("env=prod"))
	tagResource(t, c, lagARN, tagList("env=prod"))
	gone := dxsimtest.CreateConnection(t, c, "EqDC2", "1Gbps")
	if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: gone.ConnectionId}); err != nil {
		t.Fatal(err)
	}

	other := w.ClientFor(dxsimtest.OtherAccount, dxsimtest.Region)
	west := w.ClientFor(dxsimtest.Account, "us-west-2")
	for _, tc := range []struct {
		name string
		c    *directconnect.Client
		arn  string
		want []string
	}{
		{"unknown connection", c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", aws.String("dxcon-zzzz9999")), []string{"does not exist"}},
		{"unknown LAG", c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxlag", aws.String("dxlag-zzzz9999")), []string{"does not exist"}},
		{"deleted connection", c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", gone.ConnectionId), []string{"does not exist"}},
		{"LAG ID under dxcon", c, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", lag.LagId), []string{"does not exist"}},
		{"ARN of another account", c, tagARN(dxsimtest.OtherAccount, dxsimtest.Region, "dxcon", conn.ConnectionId), []string{"does not exist"}},
		{"ARN of another Region", c, tagARN(dxsimtest.Account, "us-west-2", "dxcon", conn.ConnectionId), []string{"does not exist"}},
		{"another account's connection", other, connARN, []string{"does not exist", dxsimtest.OtherAccount}},
		{"another account's LAG", other, lagARN, []string{"does not exist", dxsimtest.OtherAccount}},
		{"caller in another Region", west, connARN, []string{"does not exist", "us-west-2"}},
		{"not an ARN", c, aws.ToString(conn.ConnectionId), []string{"not a Direct Connect resource ARN"}},
		{"ARN of another service", c, "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", []string{"not a Direct Connect resource ARN"}},
		{"ARN without a resource", c, "arn:aws:directconnect:us-east-1:111122223333:dxcon", []string{"not a Direct Connect resource ARN"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := append([]string{tc.arn}, tc.want...)
			_, err := tc.c.TagResource(ctx, &directconnect.TagResourceInput{ResourceArn: aws.String(tc.arn), Tags: tagList("env=hacked")})
			dxsimtest.WantError(t, err, "DirectConnectClientException", want...)
			_, err = tc.c.UntagResource(ctx, &directconnect.UntagResourceInput{ResourceArn: aws.String(tc.arn), TagKeys: []string{"env"}})
			dxsimtest.WantError(t, err, "DirectConnectClientException", want...)
			_, err = tc.c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{tc.arn}})
			dxsimtest.WantError(t, err, "DirectConnectClientException", want...)
		})
	}
	// One unknown ARN fails the whole DescribeTags.
	_, err := c.DescribeTags(ctx, &directconnect.DescribeTagsInput{ResourceArns: []string{connARN, tagARN(dxsimtest.Account, dxsimtest.Region, "dxcon", aws.String("dxcon-zzzz9999"))}})
	dxsimtest.WantError(t, err, "DirectConnectClientException", "dxcon-zzzz9999", "does not exist")

	for _, arn := range []string{connARN, lagARN} {
		if got := tagsOf(t, c, arn); got != "env=prod" {
			t.Errorf("refused requests changed %s's tags to %q", arn, got)
		}
	}
}
