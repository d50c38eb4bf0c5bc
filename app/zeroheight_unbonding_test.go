package app_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
)

// An unbonding that is in progress when the chain is exported for zero height can still be
// cancelled on the restarted chain, at the creation height the new chain reports for it.
// Found by TestAppSimulationAfterImport: the export reset the creation heights to 0, a height
// MsgCancelUnbondingDelegation refuses ("invalid height"), so such an unbonding could not be
// cancelled at all.
func TestZeroHeightExportKeepsUnbondingsCancellable(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	vals, err := e.App.StakingKeeper.GetAllValidators(e.Ctx())
	if err != nil || len(vals) == 0 {
		t.Fatalf("validators %v, %v", vals, err)
	}
	valAddr := vals[0].OperatorAddress
	d := e.Accounts[1]
	amount := sdk.NewInt64Coin(app.BondDenom, 5_000_000)
	e.MustDeliver(d, &stakingtypes.MsgDelegate{DelegatorAddress: d.Addr.String(), ValidatorAddress: valAddr, Amount: amount})
	e.MustDeliver(d, &stakingtypes.MsgUndelegate{DelegatorAddress: d.Addr.String(), ValidatorAddress: valAddr, Amount: amount})

	exported, err := e.App.ExportAppStateAndValidators(true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	params := *simtestutil.DefaultConsensusParams
	genesisTime := e.Ctx().BlockTime()
	if _, err := b.InitChain(&abci.RequestInitChain{
		ChainId: testutil.ChainID, Time: genesisTime, AppStateBytes: exported.AppState, ConsensusParams: &params,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1, Time: genesisTime}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	ctx := b.NewUncachedContext(false, cmtproto.Header{ChainID: testutil.ChainID, Height: 2, Time: genesisTime})
	val, err := sdk.ValAddressFromBech32(valAddr)
	if err != nil {
		t.Fatal(err)
	}
	ubd, err := b.StakingKeeper.GetUnbondingDelegation(ctx, d.Addr, val)
	if err != nil || len(ubd.Entries) != 1 {
		t.Fatalf("unbonding after the import: %v, %v", ubd, err)
	}
	entry := ubd.Entries[0]
	_, err = stakingkeeper.NewMsgServerImpl(b.StakingKeeper).CancelUnbondingDelegation(ctx, &stakingtypes.MsgCancelUnbondingDelegation{
		DelegatorAddress: d.Addr.String(), ValidatorAddress: valAddr, Amount: amount, CreationHeight: entry.CreationHeight,
	})
	if err != nil {
		t.Fatalf("cancel the unbonding created at height %d after the import: %v", entry.CreationHeight, err)
	}
	del, err := b.StakingKeeper.GetDelegation(ctx, d.Addr, val)
	if err != nil || del.Shares.IsZero() {
		t.Fatalf("delegation after the cancel: %v, %v", del, err)
	}
}
