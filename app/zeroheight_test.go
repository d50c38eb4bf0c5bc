package app_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// A chain exported for zero height and restarted at height 1 continues the halving schedule
// where it stopped: the same era, the same blocks left in it, the same minted total, and the
// next halving falls on the block it would have fallen on.
func TestZeroHeightExportContinuesHalvingSchedule(t *testing.T) {
	const halving = 40
	e := testutil.New(t, testutil.Options{})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.App.DmcKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	p.HalvingBlocks = halving
	p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps = 0, 0, 10_000
	e.CouncilPropose(4,
		&dmctypes.MsgUpdateParams{Authority: auth.String(), Params: p},
		&dmctypes.MsgCreateFarm{Authority: auth.String(), Program: dmctypes.PROGRAM_STAKED, Denom: "uusdt", Weight: 1},
	)
	staker := e.Accounts[0]
	e.MustDeliver(staker, &dmctypes.MsgStake{Staker: staker.Addr.String(), FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 1)})
	// Stop three blocks before the first halving: era 0 ends with height start + halving - 1.
	last := p.StartHeight + halving - 4
	if e.App.LastBlockHeight() >= last {
		t.Fatalf("setup took %d blocks, more than the test allows", e.App.LastBlockHeight())
	}
	for e.App.LastBlockHeight() < last {
		e.NextBlock()
	}
	q := dmckeeper.NewQueryServerImpl(e.App.DmcKeeper)
	before, err := q.Emission(e.Ctx(), &dmctypes.QueryEmissionRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if before.Era != 0 || before.BlocksLeftInEra != 3 || !before.BlockReward.Equal(dmctypes.DMC(5)) || !before.MintedByMining.IsPositive() {
		t.Fatalf("emission before the export: %v", before)
	}

	exported, err := e.App.ExportAppStateAndValidators(true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if exported.Height != 0 {
		t.Fatalf("zero-height export at height %d", exported.Height)
	}
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	params := *simtestutil.DefaultConsensusParams
	genesisTime := e.Ctx().BlockTime()
	if _, err := b.InitChain(&abci.RequestInitChain{
		ChainId: testutil.ChainID, Time: genesisTime, AppStateBytes: exported.AppState, ConsensusParams: &params,
		InitialHeight: exported.Height,
	}); err != nil {
		t.Fatal(err)
	}
	qb := dmckeeper.NewQueryServerImpl(b.DmcKeeper)
	ctxB := func() sdk.Context {
		return b.NewUncachedContext(false, cmtproto.Header{ChainID: testutil.ChainID, Height: b.LastBlockHeight(), Time: genesisTime})
	}
	// The imported state before block 1 (InitChain has not been committed yet).
	genesisCtx := b.NewContextLegacy(false, cmtproto.Header{ChainID: testutil.ChainID, Height: 0, Time: genesisTime})
	after, err := qb.Emission(genesisCtx, &dmctypes.QueryEmissionRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Era != before.Era || after.BlocksLeftInEra != before.BlocksLeftInEra || !after.BlockReward.Equal(before.BlockReward) ||
		!after.MintedByMining.Equal(before.MintedByMining) || !after.Remaining.Equal(before.Remaining) {
		t.Fatalf("emission after the import %v, want it to continue %v", after, before)
	}

	// Blocks 1-3 of the new chain end era 0 at 5 DMC; block 4 is the first of era 1, at 2.5 DMC.
	minted := before.MintedByMining
	for _, step := range []struct {
		height int64
		want   math.Int
		era    uint64
	}{{1, dmctypes.DMC(5), 0}, {2, dmctypes.DMC(5), 0}, {3, dmctypes.DMC(5), 0}, {4, math.NewInt(2_500_000), 1}, {5, math.NewInt(2_500_000), 1}} {
		genesisTime = genesisTime.Add(3 * time.Second)
		if _, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: step.height, Time: genesisTime}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		ctx := ctxB()
		now, err := b.DmcKeeper.MintedByMining.Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := now.Sub(minted); !got.Equal(step.want) {
			t.Fatalf("block %d after the import minted %s, want %s", step.height, got, step.want)
		}
		minted = now
		if err := b.DmcKeeper.CheckSupply(ctx); err != nil {
			t.Fatal(err)
		}
		if err := b.DmcKeeper.CheckMining(ctx); err != nil {
			t.Fatal(err)
		}
		if era, _ := mustParams(t, b, ctx).BlockReward(step.height); era != step.era {
			t.Fatalf("block %d after the import is in era %d, want %d", step.height, era, step.era)
		}
	}
}

func mustParams(t *testing.T, b *app.App, ctx sdk.Context) dmctypes.Params {
	t.Helper()
	p, err := b.DmcKeeper.Params.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
