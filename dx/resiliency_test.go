package dx_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dxsim/dxsim/dx"
)

func TestNewResiliencyGroupIDHasTheModelsForm(t *testing.T) {
	id := dx.NewResiliencyGroupID()
	if !regexp.MustCompile(`^dxrg-[0-9a-z]{17}$`).MatchString(id) {
		t.Fatalf("%q is not dxrg- and 17 lowercase letters and digits", id)
	}
	if got, err := dx.CheckResiliencyGroupID(id); err != nil || got != id {
		t.Errorf("CheckResiliencyGroupID(%q) = %q, %v", id, got, err)
	}
	arn := dx.ResiliencyGroupARN("111122223333", id)
	if !regexp.MustCompile(`^arn:aws:directconnect::[0-9]{12}:dx-resiliency-group/dxrg-[0-9a-z]{17}$`).MatchString(arn) {
		t.Errorf("ARN %q does not follow the model's pattern", arn)
	}
}

func TestCheckResiliencyGroupID(t *testing.T) {
	for _, tc := range []struct{ id, norm, want string }{
		{"dxrg-0123456789abcdefg", "dxrg-0123456789abcdefg", ""},
		{"DXRG-0123456789ABCDEFG", "dxrg-0123456789abcdefg", ""},
		{"dxrg-0123456789abcdef", "", "pattern"},   // 16 characters
		{"dxrg-0123456789abcdefgh", "", "pattern"}, // 18
		{"dxlag-0123456789abcdef", "", "pattern"},
		{"Dxrg-0123456789abcdefg", "", "pattern"},
		{"dxrg-0123456789abcdef_", "", "pattern"},
	} {
		got, err := dx.CheckResiliencyGroupID(tc.id)
		wantRule(t, err, dx.ClientException, tc.want)
		if got != tc.norm {
			t.Errorf("CheckResiliencyGroupID(%q) = %q, want %q", tc.id, got, tc.norm)
		}
	}
}

func TestCheckResiliencyGroupName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"prod-east_1", ""},
		{strings.Repeat("a", 255), ""},
		{"", "resiliencyGroupName"},
		{strings.Repeat("a", 256), "between 1 and 255"},
		{"has space", "^[a-zA-Z0-9_\\-]+$"},
		{"dot.ted", "letters, digits, hyphens and underscores"},
	} {
		wantRule(t, dx.CheckResiliencyGroupName(tc.name), dx.ClientException, tc.want)
	}
}

func TestCheckResiliencyModel(t *testing.T) {
	for _, m := range dx.ResiliencyModels {
		wantRule(t, dx.CheckResiliencyModel(m), dx.ClientException, "")
	}
	wantRule(t, dx.CheckResiliencyModel("Maximum-Resiliency"), dx.ClientException, "maximum-resiliency, high-resiliency, basic-resiliency")
}

func TestCheckClientToken(t *testing.T) {
	long, empty, ok := strings.Repeat("t", 129), "", strings.Repeat("t", 128)
	wantRule(t, dx.CheckClientToken(nil), dx.ClientException, "")
	wantRule(t, dx.CheckClientToken(&ok), dx.ClientException, "")
	wantRule(t, dx.CheckClientToken(&empty), dx.ClientException, "between 1 and 128")
	wantRule(t, dx.CheckClientToken(&long), dx.ClientException, "between 1 and 128")
}

func TestParseConnectionIdentifiers(t *testing.T) {
	arn := "arn:aws:directconnect:us-east-1:111122223333:dxcon/dxcon-abcdefgh"
	got, err := dx.ParseConnectionIdentifiers([]string{"dxcon-aaaaaaaa", arn})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].ID != "dxcon-aaaaaaaa" || got[0].Account != "" {
		t.Errorf("ID identifier parsed as %+v", got[0])
	}
	if got[1].ID != "dxcon-abcdefgh" || got[1].Account != "111122223333" || got[1].Region != "us-east-1" || got[1].Given != arn {
		t.Errorf("ARN identifier parsed as %+v", got[1])
	}
	many := make([]string, 51)
	for i := range many {
		many[i] = "dxcon-" + strings.Repeat(string(rune('a'+i%26)), 8)
	}
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{[]string{}, "between 1 and 50"},
		{many, "got 51"},
		{[]string{""}, "connectionIdentifiers.1.member"},
		{[]string{strings.Repeat("x", 1025)}, "between 1 and 1024"},
		{[]string{"arn:aws:directconnect:us-east-1:111122223333:dxlag/dxlag-abcdefgh"}, "neither a connection ID"},
		{[]string{"arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"}, "neither a connection ID"},
		{[]string{"dxcon-abcdefgh", arn}, "twice"},
	} {
		_, err := dx.ParseConnectionIdentifiers(tc.ids)
		wantRule(t, err, dx.ClientException, tc.want)
	}
}

func TestResiliencyStatesFollowTheClock(t *testing.T) {
	tm := dx.ResiliencyTimings{Setup: 20 * time.Second, Teardown: 5 * time.Second, Association: 5 * time.Second}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := &dx.ResiliencyGroupRecord{CreatedAt: t0}
	for _, tc := range []struct {
		at   time.Duration
		want string
	}{{0, dx.GroupPending}, {19 * time.Second, dx.GroupPending}, {20 * time.Second, dx.GroupAvailable}} {
		if got := tm.GroupState(g, t0.Add(tc.at)); got != tc.want {
			t.Errorf("group at +%v: %s, want %s", tc.at, got, tc.want)
		}
	}
	if !tm.DeletedAt(g).IsZero() {
		t.Errorf("a group not being deleted has a deletion time")
	}
	g.DeletingAt = t0.Add(time.Minute)
	if got := tm.GroupState(g, t0.Add(time.Minute)); got != dx.GroupDeleting {
		t.Errorf("group being deleted: %s, want deleting", got)
	}
	if got := tm.GroupState(g, tm.DeletedAt(g)); got != dx.GroupDeleted {
		t.Errorf("group at its deletion time: %s, want deleted", got)
	}

	a := dx.ResiliencyAssociation{AssociatedAt: t0}
	for _, tc := range []struct {
		a       dx.ResiliencyAssociation
		deleted time.Time
		at      time.Duration
		want    string
	}{
		{a, time.Time{}, 0, dx.Associating},
		{a, time.Time{}, 5 * time.Second, dx.Associated},
		{dx.ResiliencyAssociation{AssociatedAt: t0, DisassociatedAt: t0.Add(time.Minute)}, time.Time{}, time.Minute, dx.Disassociating},
		{dx.ResiliencyAssociation{AssociatedAt: t0, DisassociatedAt: t0.Add(time.Minute)}, time.Time{}, time.Minute + 5*time.Second, dx.Disassociated},
		{a, t0.Add(time.Second), 2 * time.Second, dx.Disassociated}, // its connection was deleted
	} {
		if got := tm.AssociationState(tc.a, tc.deleted, t0.Add(tc.at)); got != tc.want {
			t.Errorf("association %+v (connection deleted %v) at +%v: %s, want %s", tc.a, tc.deleted, tc.at, got, tc.want)
		}
	}
	if !dx.Member(dx.Associating) || !dx.Member(dx.Associated) || dx.Member(dx.Disassociating) || dx.Member(dx.Disassociated) {
		t.Errorf("Member must hold for associating and associated only")
	}
}

func TestCheckRequestBillingMode(t *testing.T) {
	for _, m := range []string{"PayAsYouGo", "FlatRateTier1", "FlatRateTier5"} {
		wantRule(t, dx.CheckRequestBillingMode(m), dx.ClientException, "")
	}
	wantRule(t, dx.CheckRequestBillingMode("PortPairFlatRateTier1"), dx.ClientException, "PayAsYouGo, FlatRateTier1")
	wantRule(t, dx.CheckRequestBillingMode("FlatRateTier6"), dx.ClientException, "billingMode")
	if dx.BillingModeOf("") != dx.PayAsYouGo || dx.BillingModeOf("FlatRateTier2") != "FlatRateTier2" {
		t.Errorf("BillingModeOf must default to PayAsYouGo and keep a chosen mode")
	}
}

func TestCheckBillingModeConnectionIDs(t *testing.T) {
	many := make([]string, 201)
	for i := range many {
		many[i] = "dxcon-" + strings.Repeat("a", 5) + string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + "a"
	}
	wantRule(t, dx.CheckBillingModeConnectionIDs(many[:200]), dx.ClientException, "")
	wantRule(t, dx.CheckBillingModeConnectionIDs(many), dx.ClientException, "between 1 and 200")
	wantRule(t, dx.CheckBillingModeConnectionIDs([]string{}), dx.ClientException, "got 0")
	wantRule(t, dx.CheckBillingModeConnectionIDs([]string{"dxcon-aaaaaaaa", "dxcon-aaaaaaaa"}), dx.ClientException, "twice")
}

func TestCheckBillingModeFor(t *testing.T) {
	dedicated := &dx.ConnectionRecord{ID: "dxcon-aaaaaaaa"}
	hosted := &dx.ConnectionRecord{ID: "dxcon-bbbbbbbb", HostedOn: "dxcon-cccccccc"}
	wantRule(t, dx.CheckBillingModeFor(dedicated, "FlatRateTier3"), dx.ClientException, "")
	wantRule(t, dx.CheckBillingModeFor(hosted, dx.PayAsYouGo), dx.ClientException, "")
	wantRule(t, dx.CheckBillingModeFor(hosted, "FlatRateTier1"), dx.ClientException, "dedicated connections only")
}
