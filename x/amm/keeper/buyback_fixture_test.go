package keeper_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/log"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// The buyback's fixture: the x/amm keeper on the real x/auth, x/bank and x/dmc keepers (the DMC
// supply books, the burn, the revenue ledger), each on its own store of one multistore, so that
// cache contexts (the slice queue's isolation, blockhook) discard all of a failed step.
// Names carry a bb prefix: the pools' fixture (fixture_test.go) has its own.

var bbStart = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

type bbAuthority struct{}

func (bbAuthority) CheckAuthority(context.Context, string) error {
	return fmt.Errorf("no authority in this fixture")
}

type bbFixture struct {
	t    *testing.T
	ctx  sdk.Context
	k    keeper.Keeper
	msg  types.MsgServer
	q    types.QueryServer
	bank bankkeeper.BaseKeeper
	dmc  dmckeeper.Keeper
	keys map[string]*storetypes.KVStoreKey
	// lp holds plenty of every denom: it makes the pools, trades and pays revenue.
	lp sdk.AccAddress
}

// bbParams: the default params, no pool creation fee (so that revenue holds only what a test
// pays in), 4 slices over 4 hours (one an hour), each within 3% of the hour's TWAP.
func bbParams() types.Params {
	p := types.DefaultParams()
	p.PoolCreationFee = sdk.NewCoin(types.DMCDenom, math.ZeroInt())
	p.BuybackSlices = 4
	p.BuybackDuration = 4 * time.Hour
	return p
}

// newBuybackFixture: 50,000,000 DMC in existence (x/dmc's genesis supply, the default burn
// floor 21,000,000 DMC), held by lp with 10^15 of each other denom; block time bbStart.
func newBuybackFixture(t *testing.T) *bbFixture {
	t.Helper()
	keys := storetypes.NewKVStoreKeys(authtypes.StoreKey, banktypes.StoreKey, dmctypes.StoreKey, types.StoreKey)
	ctx := sdktestutil.DefaultContextWithKeys(keys, map[string]*storetypes.TransientStoreKey{"t": storetypes.NewTransientStoreKey("t")}, nil)
	ctx = ctx.WithBlockTime(bbStart).WithBlockHeight(1).WithEventManager(sdk.NewEventManager())
	enc := moduletestutil.MakeTestEncodingConfig()
	authtypes.RegisterInterfaces(enc.InterfaceRegistry)
	banktypes.RegisterInterfaces(enc.InterfaceRegistry)
	prefix := sdk.GetConfig().GetBech32AccountAddrPrefix()
	gov := authtypes.NewModuleAddress("gov").String()
	ak := authkeeper.NewAccountKeeper(enc.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]), authtypes.ProtoBaseAccount,
		modaccounts.Permissions(), addresscodec.NewBech32Codec(prefix), prefix, gov)
	bk := bankkeeper.NewBaseKeeper(enc.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]), ak, map[string]bool{}, gov, log.NewNopLogger())
	dk := dmckeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[dmctypes.StoreKey]), bbAuthority{}, ak, bk)
	f := &bbFixture{t: t, ctx: ctx, bank: bk, dmc: dk, keys: keys, lp: sdk.AccAddress([]byte("buyback_lp__________"))}
	for _, name := range []string{types.ModuleName, types.BuybackAccount, modaccounts.Revenue, modaccounts.Dmc} {
		ak.GetModuleAccount(ctx, name) // created with its permissions
	}
	must(t, dk.Params.Set(ctx, dmctypes.DefaultParams()))
	must(t, dk.MintedByMining.Set(ctx, math.ZeroInt()))
	must(t, dk.Burned.Set(ctx, math.ZeroInt()))
	funds := sdk.NewCoins(sdk.NewCoin(types.DMCDenom, dmctypes.DefaultParams().GenesisSupply))
	for _, d := range []string{"aifil", "uhbtc", "uht", "uhusd", "uusdt"} {
		funds = funds.Add(sdk.NewInt64Coin(d, 1e15))
	}
	must(t, bk.MintCoins(ctx, modaccounts.Dmc, funds))
	must(t, bk.SendCoinsFromModuleToAccount(ctx, modaccounts.Dmc, f.lp, funds))

	f.k = keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[types.StoreKey]), bbAuthority{}, ak, bk, dk, dk)
	gs := types.DefaultGenesis()
	gs.Params = bbParams()
	must(t, f.k.InitGenesis(ctx, *gs))
	f.msg = keeper.NewMsgServerImpl(f.k)
	f.q = keeper.NewQueryServerImpl(f.k)
	f.check()
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func bbCoin(s string) sdk.Coin {
	c, err := sdk.ParseCoinNormalized(s)
	if err != nil {
		panic(err)
	}
	return c
}

// params edits x/amm's params (written directly: the fixture has no authority).
func (f *bbFixture) params(edit func(*types.Params)) {
	f.t.Helper()
	p, err := f.k.Params.Get(f.ctx)
	must(f.t, err)
	edit(&p)
	must(f.t, p.Validate())
	must(f.t, f.k.Params.Set(f.ctx, p))
}

// burnFloorAt sets x/dmc's burn floor so that exactly room udmc may still be burned.
func (f *bbFixture) burnFloorAt(room int64) {
	f.t.Helper()
	p, err := f.dmc.Params.Get(f.ctx)
	must(f.t, err)
	p.BurnFloor = f.supply().SubRaw(room)
	must(f.t, f.dmc.Params.Set(f.ctx, p))
}

// check runs every books check the buyback touches: the pools', the buyback's, x/dmc's supply
// (supply = genesis + minted - burned) and its revenue ledger.
func (f *bbFixture) check() {
	f.t.Helper()
	for name, check := range map[string]func(context.Context) error{
		"pools": f.k.CheckBooks, "buyback": f.k.CheckBuybackBooks, "dmc supply": f.dmc.CheckSupply, "revenue": f.dmc.CheckRevenue,
	} {
		if err := check(f.ctx); err != nil {
			f.t.Fatalf("%s books at %s: %v", name, f.ctx.BlockTime().Format(time.RFC3339), err)
		}
	}
}

// pool creates the pool of a and b from lp.
func (f *bbFixture) pool(a, b string) uint64 {
	f.t.Helper()
	r, err := f.msg.CreatePool(f.ctx, &types.MsgCreatePool{Creator: f.lp.String(), TokenA: bbCoin(a), TokenB: bbCoin(b)})
	must(f.t, err)
	return r.PoolId
}

// swap is lp's swap of in over the route (a trader moving the price).
func (f *bbFixture) swap(in string, route ...types.SwapHop) sdk.Coin {
	f.t.Helper()
	r, err := f.msg.SwapExactIn(f.ctx, &types.MsgSwapExactIn{Sender: f.lp.String(), Route: route, TokenIn: bbCoin(in), MinOut: math.OneInt()})
	must(f.t, err)
	return r.TokenOut
}

// pay puts coin into platform revenue (a channel fee paid by lp).
func (f *bbFixture) pay(coin string) {
	f.t.Helper()
	must(f.t, f.dmc.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, f.lp, bbCoin(coin)))
}

// advance moves to the next block, d later (fresh events), without running any hook.
func (f *bbFixture) advance(d time.Duration) {
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(d)).WithBlockHeight(f.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
}

// monthEnds ends month epoch n in the current block (x/epochs' hook), then runs the block's
// BeginBlocker, as x/epochs then x/amm do.
func (f *bbFixture) monthEnds(n int64) {
	f.t.Helper()
	must(f.t, f.k.EpochHooks().AfterEpochEnd(f.ctx, keeper.MonthEpoch, n))
	f.check()
	f.begin()
}

// begin runs x/amm's BeginBlocker in the current block and checks the books.
func (f *bbFixture) begin() {
	f.t.Helper()
	must(f.t, f.k.BeginBlocker(f.ctx))
	f.check()
}

// block is advance(d) then begin.
func (f *bbFixture) block(d time.Duration) {
	f.t.Helper()
	f.advance(d)
	f.begin()
}

func (f *bbFixture) supply() math.Int { return f.bank.GetSupply(f.ctx, types.DMCDenom).Amount }

func (f *bbFixture) burned() math.Int {
	f.t.Helper()
	b, err := f.dmc.Burned.Get(f.ctx)
	must(f.t, err)
	return b
}

func (f *bbFixture) revenue(denom string) math.Int {
	f.t.Helper()
	b, err := f.dmc.RevenueBalanceOf(f.ctx, denom)
	must(f.t, err)
	return b
}

func (f *bbFixture) credited(denom, source string) math.Int {
	f.t.Helper()
	v, err := f.dmc.RevenueCredits.Get(f.ctx, collections.Join(denom, source))
	if err != nil {
		return math.ZeroInt()
	}
	return v
}

func (f *bbFixture) held(denom string) math.Int {
	return f.bank.GetBalance(f.ctx, authtypes.NewModuleAddress(types.BuybackAccount), denom).Amount
}

func (f *bbFixture) buyback(denom string) types.Buyback {
	f.t.Helper()
	id, err := f.k.BuybackByDenom.Get(f.ctx, denom)
	must(f.t, err)
	b, err := f.k.Buybacks.Get(f.ctx, id)
	must(f.t, err)
	return b
}

func (f *bbFixture) record(month int64, denom string) types.BuybackMonth {
	f.t.Helper()
	m, err := f.k.BuybackMonths.Get(f.ctx, collections.Join(month, denom))
	must(f.t, err)
	return m
}

func (f *bbFixture) reserves(id uint64) (math.Int, math.Int) {
	f.t.Helper()
	p, err := f.k.GetPool(f.ctx, id)
	must(f.t, err)
	return p.ReserveA, p.ReserveB
}

// events are the current block's typed events of T's type.
func bbEvents[T proto.Message](f *bbFixture) []T {
	f.t.Helper()
	var out []T
	for _, ev := range f.ctx.EventManager().Events() {
		msg, err := sdk.ParseTypedEvent(abci.Event(ev))
		if err != nil {
			continue
		}
		if m, ok := msg.(T); ok {
			out = append(out, m)
		}
	}
	return out
}
