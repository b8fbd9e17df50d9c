package operator

import (
	"testing"

	"github.com/dxsim/dxsim/store"
)

// TestImportChecksEveryResourceKind keeps the import check in step with the
// kinds an export holds.
func TestImportChecksEveryResourceKind(t *testing.T) {
	for _, k := range store.ResourceKinds {
		if records[k] == nil {
			t.Errorf("an export holds %s rows, which an import cannot check", k)
		}
	}
	if len(records) != len(store.ResourceKinds) {
		t.Errorf("imports check %d kinds, exports hold %d", len(records), len(store.ResourceKinds))
	}
}
