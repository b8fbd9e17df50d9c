package dx

import (
	"reflect"
	"testing"
)

func TestParsePartnerAccounts(t *testing.T) {
	got, err := ParsePartnerAccounts(" 111122223333, 444455556666:v2 ,777788889999:v1,")
	want := []Partner{{Account: "111122223333"}, {Account: "444455556666", Gigabit: true}, {Account: "777788889999"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParsePartnerAccounts = %+v, %v; want %+v", got, err, want)
	}
	if got[1].NniPartnerType() != "v2" || got[0].NniPartnerType() != "v1" || got[0].DisplayName() != "Partner 111122223333" {
		t.Errorf("partner types/names: %s %s %q", got[1].NniPartnerType(), got[0].NniPartnerType(), got[0].DisplayName())
	}
	for _, bad := range []string{"12345", "111122223333:v3", "abcdefghijkl"} {
		if _, err := ParsePartnerAccounts(bad); err == nil {
			t.Errorf("ParsePartnerAccounts(%q) accepted it", bad)
		}
	}
	if got, err := ParsePartnerAccounts(""); err != nil || len(got) != 0 {
		t.Errorf("empty flag: %+v, %v", got, err)
	}
}
