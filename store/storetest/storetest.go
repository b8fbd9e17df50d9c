// Package storetest is the suite every store backend must pass.
package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/dxsim/dxsim/store"
)

// errRefused is a rule refusing an update in the races below.
var errRefused = errors.New("refused by the rule under test")

// ctx is the context of every Update and View of the suite.
var ctx = context.Background()

// tests is the contract every backend passes, one named check a row, each
// run on a fresh store. A check that needs more than one store sets
// runOpen instead of run and opens its own.
var tests = []struct {
	name    string
	run     func(t *testing.T, s store.Store)
	runOpen func(t *testing.T, open func(t *testing.T) store.Store)
}{
	{name: "InsertGetPutDelete", run: testInsertGetPutDelete},
	{name: "FailedUpdateChangesNothing", run: testFailedUpdateChangesNothing},
	{name: "ListFiltersAndPages", run: testListFiltersAndPages},
	{name: "KeysFindAndCount", run: testKeysFindAndCount},
	{name: "PortsLowestFreeFirst", run: testPortsLowestFreeFirst},
	{name: "ClearAndHoldPorts", run: testClearAndHoldPorts},
	{name: "MissingIsNotFound", run: testMissingIsNotFound},
	{name: "PortsAreFinite", run: testPortsAreFinite},
	{name: "DumpRestoreRoundTrip", runOpen: testDumpRestoreRoundTrip},
	{name: "RaceNoLostUpdate", run: testRaceNoLostUpdate},
	{name: "RaceQuotaHolds", run: testRaceQuotaHolds},
	{name: "RaceUniqueByList", run: testRaceUniqueByList},
	{name: "RacePortsNeverShared", run: testRacePortsNeverShared},
	{name: "EachWalksEveryPage", run: testEachWalksEveryPage},
	{name: "PanicInUpdateReachesItsCallerAndWritesNothing", run: testPanicInUpdateReachesItsCallerAndWritesNothing},
	{name: "UpdateAfterCloseFails", run: testUpdateAfterCloseFails},
	{name: "CanceledUpdateLeavesOthersWhole", run: testCanceledUpdateLeavesOthersWhole},
	{name: "ConcurrentInsertsAllKept", run: testConcurrentInsertsAllKept},
}

// Run runs the suite against stores made by open, one fresh store a test.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.runOpen != nil {
				tc.runOpen(t, open)
				return
			}
			tc.run(t, open(t))
		})
	}
}

// row is a connection of account with parent, whose body holds its ID.
func row(id, account, parent string) store.Row {
	return store.Row{Kind: store.Connections, ID: id, Account: account, Region: "us-east-1", Parent: parent, Body: []byte(`{"id":"` + id + `"}`)}
}
