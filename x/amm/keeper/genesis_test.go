package keeper_test

import (
	"testing"
	"time"

	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
)

// Export, import into a fresh store over the same balances, export again: the same genesis, the
// books balance, and the imported chain answers the TWAP and swaps as the first would.
func TestGenesisRoundTrip(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.create(f.alice, coin(ht, 3_000_000), coin(usdt, 2_000_000))
	f.at(time.Minute)
	f.swapIn(f.bob, coin(dmc, 10_000), hop(1, usdt), hop(2, ht))
	f.at(3 * time.Minute)
	f.swapIn(f.bob, coin(ht, 10_000), hop(2, usdt))
	f.at(5 * time.Minute)
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs.Pools) != 2 || gs.NextPoolId != 3 || len(gs.TwapRecords) != 5 {
		t.Fatalf("export: %d pools, next %d, %d records", len(gs.Pools), gs.NextPoolId, len(gs.TwapRecords))
	}
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	js := cdc.MustMarshalJSON(gs)
	var back types.GenesisState
	cdc.MustUnmarshalJSON(js, &back)

	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t2")).Ctx.WithBlockTime(f.ctx.BlockTime()).WithBlockHeight(f.ctx.BlockHeight())
	k2 := keeper.NewKeeper(moduletestutil.MakeTestEncodingConfig().Codec, runtime.NewKVStoreService(key), fakeAuth{}, fakeAccounts{}, f.bank, f.revenue, fakeDMC{})
	if err := k2.InitGenesis(ctx, back); err != nil {
		t.Fatal(err)
	}
	if err := k2.CheckBooks(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := k2.ExportGenesis(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if string(cdc.MustMarshalJSON(again)) != string(js) {
		t.Fatalf("round trip changed the genesis:\n%s\n%s", js, cdc.MustMarshalJSON(again))
	}
	for _, base := range []string{ht, usdt} {
		quote := map[string]string{ht: usdt, usdt: ht}[base]
		want, err := f.k.TWAP(f.ctx, 2, base, quote, t0, f.ctx.BlockTime())
		if err != nil {
			t.Fatal(err)
		}
		got, err := k2.TWAP(ctx, 2, base, quote, t0, ctx.BlockTime())
		if err != nil || !got.Equal(want) {
			t.Fatalf("TWAP after import %s (%v), before %s", got, err, want)
		}
	}
	want, err := f.k.EstimateExactIn(f.ctx, []types.SwapHop{hop(1, usdt)}, coin(dmc, 777))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k2.EstimateExactIn(ctx, []types.SwapHop{hop(1, usdt)}, coin(dmc, 777)); err != nil || !got.Equal(want) {
		t.Fatalf("estimate after import %s (%v), before %s", got, err, want)
	}
	// A new pool after the import takes the next id.
	r, err := keeper.NewMsgServerImpl(k2).CreatePool(ctx, &types.MsgCreatePool{Creator: f.carol.String(), TokenA: coin(ifil, 5000), TokenB: coin(dmc, 5000)})
	if err != nil || r.PoolId != 3 {
		t.Fatalf("pool after import: %v %v", r, err)
	}
}

// InitGenesis refuses an invalid genesis.
func TestInitGenesisValidates(t *testing.T) {
	f := setup(t)
	gs := types.DefaultGenesis()
	gs.NextPoolId = 0
	if err := f.k.InitGenesis(f.ctx, *gs); !types.ErrInvalidGenesis.Is(err) {
		t.Fatalf("next_pool_id 0: %v", err)
	}
}
