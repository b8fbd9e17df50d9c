package operator_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/dxsim/dxsim/core"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
)

// TestFaultCountFollowsEveryWriter: the count of fault records kept with
// the world's settings, from which reads learn that a world has no faults
// without a statement of their own (core.AnyFaults), is the number of
// fault records whichever process wrote them, after an outage starts and
// ends, in a world an older dxsim saved without a count, after reset and
// import, and after the purge removes the faults of what it removes; and
// the states the processes answer follow the faults.
func TestFaultCountFollowsEveryWriter(t *testing.T) {
	purgeBackends(t, func(t *testing.T, data func(*testing.T) string) {
		shared := data(t)
		open := func() *dxsimtest.World { return sharedWorld(t, shared) }
		a, b := open(), open()
		raw, err := backend.Open(shared)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
		// wantCount checks the saved count against the fault records.
		wantCount := func(step string, want int) {
			t.Helper()
			err := a.Server.Controls().View(ctx, func(tx *core.Txn) error {
				n, err := tx.Count(store.Query{Kind: store.Faults})
				if err != nil {
					return err
				}
				r, err := tx.Get(store.Settings, "faults")
				if err != nil {
					return err
				}
				var saved struct{ Count int }
				if err := json.Unmarshal(r.Body, &saved); err != nil {
					return err
				}
				anyFaults, err := core.AnyFaults(tx)
				if n != want || saved.Count != n || anyFaults != (n > 0) {
					t.Errorf("%s: %d fault records, %d counted, any %v; want %d", step, n, saved.Count, anyFaults, want)
				}
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		forget := func() { // as a world an older dxsim saved
			t.Helper()
			if err := raw.Update(ctx, func(tx store.Tx) error { return tx.Delete(store.Settings, "faults") }); err != nil {
				t.Fatal(err)
			}
		}
		c := a.Client()
		conn := dxsimtest.ReadyConnection(t, c, "EqDC2", "10Gbps").ConnectionId
		a.Provision()
		wantCount("a new world", 0)
		dxsimtest.WantConnectionState(t, c, conn, types.ConnectionStateAvailable)

		// Another process takes the link down, and up.
		dxsimtest.Admin(t, b, http.MethodPost, "/_dxsim/links/"+*conn+"/down", "")
		wantCount("down", 1)
		dxsimtest.WantConnectionState(t, c, conn, types.ConnectionStateDown)
		dxsimtest.Admin(t, b, http.MethodPost, "/_dxsim/links/"+*conn+"/up", "")
		wantCount("up", 1)
		dxsimtest.WantConnectionState(t, c, conn, types.ConnectionStateAvailable)

		// A world without a count: the first fault counts them all; a
		// read asks the store; a process that opens it counts them.
		forget()
		dxsimtest.Admin(t, a, http.MethodPost, "/_dxsim/links/"+*conn+"/down", "")
		wantCount("down in a world without a count", 2)
		forget()
		dxsimtest.WantConnectionState(t, c, conn, types.ConnectionStateDown)
		open()
		wantCount("opened", 2)

		// Reset and import.
		export := dxsimtest.Admin(t, a, http.MethodGet, "/_dxsim/export", "")
		dxsimtest.Admin(t, a, http.MethodPost, "/_dxsim/reset", "")
		wantCount("reset", 0)
		dxsimtest.Admin(t, b, http.MethodPost, "/_dxsim/import", string(export))
		wantCount("import", 2)
		dxsimtest.WantConnectionState(t, c, conn, types.ConnectionStateDown)

		// The purge removes the faults of a connection it removes.
		if _, err := c.DeleteConnection(ctx, &directconnect.DeleteConnectionInput{ConnectionId: conn}); err != nil {
			t.Fatal(err)
		}
		a.Clock.Advance(2 * retention)
		if _, err := a.Server.Controls().Purge(ctx); err != nil {
			t.Fatal(err)
		}
		wantCount("purge", 0)
	})
}
