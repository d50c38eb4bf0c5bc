package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Through the real app: the council opens a farm, users stake by transactions, blocks mine
// (the books are checked after every block), and an exported chain re-imported continues with
// every position and accumulator intact.
func TestMiningThroughTheAppSurvivesExportImport(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 3})
	auth, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	e.CouncilPropose(4, &types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
	farms, err := e.App.DmcKeeper.Farms.Iterate(e.Ctx(), nil)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := farms.Values()
	if len(all) != 1 {
		t.Fatalf("%d farms after the council's proposal, want 1", len(all))
	}
	id := all[0].Id
	e.MustDeliver(e.Accounts[0], &types.MsgStake{Staker: e.Accounts[0].Addr.String(), FarmId: id, Amount: sdk.NewInt64Coin("uusdt", 3_000)})
	e.MustDeliver(e.Accounts[1], &types.MsgStake{Staker: e.Accounts[1].Addr.String(), FarmId: id, Amount: sdk.NewInt64Coin("uusdt", 7_000)})
	for i := 0; i < 5; i++ {
		e.NextBlock()
	}
	before := e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[0].Addr, "udmc").Amount
	res := e.MustDeliver(e.Accounts[0], &types.MsgClaim{Staker: e.Accounts[0].Addr.String()})
	if res.Code != 0 {
		t.Fatal(res.Log)
	}
	if after := e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[0].Addr, "udmc").Amount; !after.GT(before) {
		t.Fatalf("claim paid nothing: %s -> %s", before, after)
	}
	e.NextBlock()

	// Export, import and the next block on both chains: same height, same time, same mining, and
	// the same state (testutil.RoundTrip).
	imported := e.RoundTrip()
	ctxA, ctxB := e.Ctx(), imported.Ctx()
	for _, acc := range e.Accounts[:2] {
		pa, err := dmckeeper.NewQueryServerImpl(e.App.DmcKeeper).Positions(ctxA, &types.QueryPositionsRequest{Staker: acc.Addr.String()})
		if err != nil {
			t.Fatal(err)
		}
		pb, err := dmckeeper.NewQueryServerImpl(imported.App.DmcKeeper).Positions(ctxB, &types.QueryPositionsRequest{Staker: acc.Addr.String()})
		if err != nil {
			t.Fatal(err)
		}
		if pa.String() != pb.String() || !pa.TotalPending.IsPositive() {
			t.Fatalf("positions diverged after import:\n%v\n%v", pa, pb)
		}
	}
	fa, _ := e.App.DmcKeeper.Farms.Get(ctxA, id)
	fb, _ := imported.App.DmcKeeper.Farms.Get(ctxB, id)
	if fa.String() != fb.String() {
		t.Fatalf("farm diverged after import:\n%v\n%v", fa, fb)
	}
}
