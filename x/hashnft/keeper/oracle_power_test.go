package keeper_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dmexchain/dmex/x/hashnft/types"
	oraclekeeper "github.com/dmexchain/dmex/x/oracle/keeper"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// An application cannot be approved unless the oracle's latest finalized power of its node
// covers the power it sells (SPEC §10): the app's keeper has x/oracle's check installed.
func TestApprovalNeedsOraclePower(t *testing.T) {
	f := newFixture(t)
	a := f.e.App
	oracle := oraclekeeper.NewMsgServerImpl(a.OracleKeeper)
	feeder := f.bob.Addr.String()
	if _, err := oracle.SetFeeders(f.ctx, &oracletypes.MsgSetFeeders{Authority: f.auth, Feeders: []string{feeder}}); err != nil {
		t.Fatal(err)
	}
	report := func(tib int64) {
		t.Helper()
		day, err := a.OracleKeeper.Day(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		node := fmt.Sprintf("f08888:%d:1:%s", tib<<40, f.miner.Addr)
		if _, err := oracle.Report(f.ctx, &oracletypes.MsgReport{Feeder: feeder, Day: day, RewardPerTib: "1", Nodes: []string{node}}); err != nil {
			t.Fatal(err)
		}
	}
	m := f.fixedApp(10, "1000000uusdt") // 10 × 1 TiB on f08888, a node the oracle has no figures for
	m.NodeId = "f08888"
	id := f.apply(m)
	approve := func() error {
		_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id})
		return err
	}
	for _, tc := range []struct {
		tib  int64 // 0: no report
		says string
	}{
		{0, "node f08888 on FIL has no finalized power in the oracle; the product sells 10 TiB"},
		{8, "node f08888 has 8 TiB (oracle, day"},
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
