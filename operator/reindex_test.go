package operator_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/dxsim/dxsim/dxsimtest"
	"github.com/dxsim/dxsim/server"
	"github.com/dxsim/dxsim/store"
	"github.com/dxsim/dxsim/store/backend"
	"github.com/dxsim/dxsim/store/sqlite"
)

// TestOlderWorldIsReindexed opens a world whose LAG and gateway rows lack
// the keys their quotas count (as an older dxsim saved them): dxsim derives
// the keys when it opens the world, so the quotas still bind.
func TestOlderWorldIsReindexed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dxsim.db")
	open := func() *dxsimtest.World {
		w, err := dxsimtest.New(func(cfg *server.Config) {
			cfg.DataPath, cfg.OpenStore = path, backend.Open
			cfg.Service.LagsPerRegion = 2
		})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := open()
	c := w.Client()
	for range 2 {
		if _, err := c.CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 1, LagName: aws.String("l")}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(context.Background(), func(tx store.Tx) error {
		rows, err := tx.List(store.Query{Kind: store.Lags})
		if err != nil {
			return err
		}
		for _, r := range rows {
			r.Keys = nil
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		if err := tx.Delete(store.Settings, "row-keys"); !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	w = open()
	defer w.Close()
	_, err = w.Client().CreateLag(ctx, &directconnect.CreateLagInput{Location: aws.String("EqDC2"), ConnectionsBandwidth: aws.String("1Gbps"), NumberOfConnections: 1, LagName: aws.String("third")})
	if err == nil || !strings.Contains(err.Error(), "already has 2 LAGs") {
		t.Errorf("a third LAG under a quota of 2, in a world saved without keys: %v; want the quota refusal", err)
	}
}
