package keeper_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/runtime"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
	oraclekeeper "github.com/dmexchain/dmex/x/oracle/keeper"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// An application cannot be approved unless the oracle's latest finalized power of its node
// covers the power it sells (SPEC §10).
func TestApprovalNeedsOraclePower(t *testing.T) {
	f := newFixture(t)
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper, a.AccountKeeper, a.BankKeeper)
	k.SetPowerOracle(oraclekeeper.PowerOracle{K: a.OracleKeeper})
	f.k, f.msg, f.query = k, keeper.NewMsgServerImpl(k), keeper.NewQueryServerImpl(k)

	oracle := oraclekeeper.NewMsgServerImpl(a.OracleKeeper)
	feeder := f.bob.Addr.String()
	if _, err := oracle.SetFeeders(f.ctx, &oracletypes.MsgSetFeeders{Authority: f.auth, Feeders: []string{feeder}}); err != nil {
		t.Fatal(err)
	}
	report := func(tib int64) {
		t.Helper()
		day := oraclekeeper.Day(f.ctx)
		node := fmt.Sprintf("f01234:%d:1", tib<<40)
		if _, err := oracle.Report(f.ctx, &oracletypes.MsgReport{Feeder: feeder, Day: day, RewardPerTib: "1", Nodes: []string{node}}); err != nil {
			t.Fatal(err)
		}
	}
	id := f.apply(f.fixedApp(10, "1000000uusdt")) // 10 × 1 TiB on f01234
	approve := func() error {
		_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id})
		return err
	}
	for _, tc := range []struct {
		tib  int64 // 0: no report
		says string
	}{
		{0, "node f01234 on FIL has no finalized power in the oracle; the product sells 10 TiB"},
		{8, "node f01234 has 8 TiB (oracle, day"},
	} {
		if tc.tib > 0 {
			report(tc.tib)
		}
		before := f.snapshot()
		err := approve()
		if !errors.Is(err, types.ErrPowerNotVerified) || !strings.Contains(err.Error(), tc.says) {
			t.Fatalf("with %d TiB: %v", tc.tib, err)
		}
		if f.snapshot() != before {
			t.Fatal("a refused approval changed state")
		}
		f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(24 * time.Hour))
	}
	report(12)
	if err := approve(); err != nil {
		t.Fatalf("with 12 TiB: %v", err)
	}
	f.check()
}
