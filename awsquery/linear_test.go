package awsquery

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// The shapes of an EC2 create call's tags: TagSpecification.N.Tag.M.Key.
type tagSpec struct {
	ResourceType string `query:"ResourceType"`
	Tags         []kv   `query:"Tag"`
}

type kv struct {
	Key   string `query:"Key"`
	Value string `query:"Value"`
}

type taggedInput struct {
	CidrBlock string    `query:"CidrBlock"`
	Specs     []tagSpec `query:"TagSpecification"`
}

// tagForm is specs TagSpecification parameters of tags tags each, every
// tag a key of pad bytes (and no value, so that 9,000 tags stay within
// net/url's 10,000 parameters): the form of an EC2 call that tags heavily.
func tagForm(specs, tags, pad int) string {
	var b strings.Builder
	b.WriteString("Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16")
	k := strings.Repeat("k", pad)
	for s := 1; s <= specs; s++ {
		fmt.Fprintf(&b, "&TagSpecification.%d.ResourceType=vpc", s)
		for t := 1; t <= tags; t++ {
			fmt.Fprintf(&b, "&TagSpecification.%d.Tag.%d.Key=%s%d", s, t, k, t)
		}
	}
	return b.String()
}

// oneMiB is a 1 MiB body of 9 tag specifications of 1,000 tags.
func oneMiB() string { return tagForm(9, 1000, 81) }

func decodeWork(t testing.TB, body string) (int, *taggedInput) {
	t.Helper()
	form, err := url.ParseQuery(body)
	if err != nil {
		t.Fatal(err)
	}
	var in taggedInput
	work, err := decodeCounting(form, &in)
	if err != nil {
		t.Fatal(err)
	}
	return work, &in
}

// TestDecodeWorkIsLinearInTheListItems decodes forms of n and 4n list
// items and compares the work the decoder did (names' segments read and
// tree nodes looked up), not the time: four times the items is at most
// about four times the work. Scanning the form for each item, as the
// decoder once did, is sixteen times.
func TestDecodeWorkIsLinearInTheListItems(t *testing.T) {
	small, in := decodeWork(t, tagForm(9, 100, 8))
	if len(in.Specs) != 9 || len(in.Specs[8].Tags) != 100 || in.Specs[8].Tags[99].Key != "kkkkkkkk100" {
		t.Fatalf("decoded %d specs", len(in.Specs))
	}
	large, in := decodeWork(t, tagForm(9, 400, 8))
	if len(in.Specs) != 9 || len(in.Specs[8].Tags) != 400 {
		t.Fatalf("decoded %d specs", len(in.Specs))
	}
	if ratio := float64(large) / float64(small); ratio > 4.1 {
		t.Errorf("work for 9x100 tags: %d; for 9x400: %d (%.1f times); want at most about 4 times", small, large, ratio)
	}
}

// TestDecodeWorkIsBoundedPerParameter: a 1 MiB body of list members costs
// a few steps per parameter.
func TestDecodeWorkIsBoundedPerParameter(t *testing.T) {
	body := oneMiB()
	if len(body) < 1<<20-1<<14 || len(body) > 1<<20 {
		t.Fatalf("the body is %d bytes; the test wants about 1 MiB", len(body))
	}
	form, _ := url.ParseQuery(body)
	work, in := decodeWork(t, body)
	if len(in.Specs) != 9 || len(in.Specs[0].Tags) != 1000 {
		t.Fatalf("decoded %d specs", len(in.Specs))
	}
	if perParam := float64(work) / float64(len(form)); perParam > 10 {
		t.Errorf("%d parameters took %d steps, %.1f each; want at most 10", len(form), work, perParam)
	}
}

// BenchmarkDecodeLists decodes a 1 MiB EC2 body of 9 tag specifications of
// 1,000 tags each.
func BenchmarkDecodeLists(b *testing.B) {
	body := oneMiB()
	form, err := url.ParseQuery(body)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var in taggedInput
		if err := Decode(form, &in); err != nil {
			b.Fatal(err)
		}
	}
}
