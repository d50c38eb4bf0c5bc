package app_test

import (
	"errors"
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/app/upgrades"
	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

// The council schedules v2; the binary built without it (upgrades.Through unset) refuses the
// block at v2's height with x/upgrade's "UPGRADE NEEDED" error and commits nothing; the binary
// built with Through=v2, started on the same database, applies v2 at that height (x/escrow's
// bounds raised, the upgrade recorded as done, the plan gone) and goes on producing blocks.
func TestUpgradeV2HaltsOldBinaryAndNewBinaryMigrates(t *testing.T) {
	defer func(was string) { upgrades.Through = was }(upgrades.Through)
	upgrades.Through = ""
	db := dbm.NewMemDB()
	e := testutil.New(t, testutil.Options{DB: db})
	council, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	height := e.App.LastBlockHeight() + 12
	e.CouncilPropose(4, &daotypes.MsgScheduleUpgrade{Authority: council.String(), Name: "v2", Height: height, Info: "test"})
	if plan, err := e.App.UpgradeKeeper.GetUpgradePlan(e.Ctx()); err != nil || plan.Name != "v2" || plan.Height != height {
		t.Fatalf("the council's schedule: plan %+v, %v", plan, err)
	}
	for e.App.LastBlockHeight() < height-1 {
		e.NextBlock()
	}
	before, _ := e.App.EscrowKeeper.Params.Get(e.Ctx())
	if before.PayoutsPerBlock >= upgrades.V2EscrowBound {
		t.Fatalf("payouts_per_block %d already at v2's bound before the upgrade", before.PayoutsPerBlock)
	}

	// The old binary halts: FinalizeBlock at the height fails, nothing is committed.
	next := e.Ctx().BlockTime().Add(e.BlockTime)
	_, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: height, Time: next})
	if err == nil || !strings.Contains(err.Error(), `UPGRADE "v2" NEEDED at height`) {
		t.Fatalf("the old binary at the upgrade height: %v, want UPGRADE \"v2\" NEEDED", err)
	}
	if e.App.LastBlockHeight() != height-1 {
		t.Fatalf("the old binary committed height %d", e.App.LastBlockHeight())
	}

	// The new binary on the same database.
	upgrades.Through = "v2"
	b := app.New(log.NewNopLogger(), db, nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	if b.LastBlockHeight() != height-1 {
		t.Fatalf("the new binary loaded height %d, want %d", b.LastBlockHeight(), height-1)
	}
	for i := int64(0); i < 3; i++ {
		if _, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: height + i, Time: next}); err != nil {
			t.Fatalf("the new binary at height %d: %v", height+i, err)
		}
		if _, err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		next = next.Add(e.BlockTime)
	}
	ctx := b.NewUncachedContext(false, cmtproto.Header{ChainID: testutil.ChainID, Height: b.LastBlockHeight(), Time: next})
	after, _ := b.EscrowKeeper.Params.Get(ctx)
	if after.PayoutsPerBlock != upgrades.V2EscrowBound || after.ProductsPerBlock != upgrades.V2EscrowBound {
		t.Fatalf("escrow bounds after v2: payouts %d products %d, want %d", after.PayoutsPerBlock, after.ProductsPerBlock, upgrades.V2EscrowBound)
	}
	if after.SuspendAfterDays != before.SuspendAfterDays || after.BelowMarketBps != before.BelowMarketBps {
		t.Fatalf("v2 changed other escrow params: %+v -> %+v", before, after)
	}
	if done, _ := b.UpgradeKeeper.GetDoneHeight(ctx, "v2"); done != height {
		t.Fatalf("v2 done at %d, want %d", done, height)
	}
	if _, err := b.UpgradeKeeper.GetUpgradePlan(ctx); !errors.Is(err, upgradetypes.ErrNoUpgradePlanFound) {
		t.Fatalf("plan still scheduled after v2: %v", err)
	}
	for _, check := range b.BooksChecks() {
		if err := check.Run(ctx); err != nil {
			t.Fatalf("%s %s after v2: %v", check.Module, check.Name, err)
		}
	}
}

// v2 keeps a bound the authority set above its own.
func TestV2KeepsHigherEscrowBounds(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	ctx := e.Ctx()
	p, _ := e.App.EscrowKeeper.Params.Get(ctx)
	p.PayoutsPerBlock = 500
	if err := e.App.EscrowKeeper.Params.Set(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := upgrades.MigrateEscrowBounds(ctx, e.App.EscrowKeeper); err != nil {
		t.Fatal(err)
	}
	got, _ := e.App.EscrowKeeper.Params.Get(ctx)
	if got.PayoutsPerBlock != 500 || got.ProductsPerBlock != upgrades.V2EscrowBound {
		t.Fatalf("payouts %d products %d, want 500 and %d", got.PayoutsPerBlock, got.ProductsPerBlock, upgrades.V2EscrowBound)
	}
}
