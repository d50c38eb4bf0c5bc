package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// fixture is a real app with a cached context in which keeper calls run directly, as if in
// consecutive blocks.
type fixture struct {
	t     *testing.T
	e     *testutil.Env
	ctx   sdk.Context
	k     dmckeeper.Keeper
	msg   types.MsgServer
	query types.QueryServer
	auth  string
}

func newFixture(t *testing.T) *fixture {
	e := testutil.New(t, testutil.Options{})
	ctx, _ := e.Ctx().CacheContext()
	auth, err := e.App.DaoKeeper.GetAuthority(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, e: e, ctx: ctx, k: e.App.DmcKeeper, msg: dmckeeper.NewMsgServerImpl(e.App.DmcKeeper),
		query: dmckeeper.NewQueryServerImpl(e.App.DmcKeeper), auth: auth.String()}
}

func (f *fixture) params(edit func(*types.Params)) {
	f.t.Helper()
	p, _ := f.k.Params.Get(f.ctx)
	edit(&p)
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) farm(program types.Program, denom string, weight uint64) uint64 {
	f.t.Helper()
	res, err := f.msg.CreateFarm(f.ctx, &types.MsgCreateFarm{Authority: f.auth, Program: program, Denom: denom, Weight: weight})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.FarmId
}

func (f *fixture) stake(a *testutil.Account, farm uint64, coin string) {
	f.t.Helper()
	c, err := sdk.ParseCoinNormalized(coin)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: a.Addr.String(), FarmId: farm, Amount: c}); err != nil {
		f.t.Fatal(err)
	}
}

// mine runs the mining of the next block and returns what it minted.
func (f *fixture) mine() math.Int {
	f.t.Helper()
	before, _ := f.k.MintedByMining.Get(f.ctx)
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1)
	if err := f.k.Mine(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	f.check()
	after, _ := f.k.MintedByMining.Get(f.ctx)
	return after.Sub(before)
}

func (f *fixture) check() {
	f.t.Helper()
	if err := f.k.CheckMining(f.ctx); err != nil {
		f.t.Fatalf("mining books at height %d: %v", f.ctx.BlockHeight(), err)
	}
	if err := f.k.CheckSupply(f.ctx); err != nil {
		f.t.Fatalf("supply at height %d: %v", f.ctx.BlockHeight(), err)
	}
}

func (f *fixture) pending(a *testutil.Account) math.Int {
	f.t.Helper()
	res, err := f.query.Positions(f.ctx, &types.QueryPositionsRequest{Staker: a.Addr.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.TotalPending
}

func (f *fixture) udmc(a *testutil.Account) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.ctx, a.Addr, "udmc").Amount
}

func TestBlockRewardEras(t *testing.T) {
	p := types.DefaultParams()
	for _, tc := range []struct {
		height int64
		era    uint64
		reward int64
	}{
		{0, 0, 0}, // before start_height
		{1, 0, 5_000_000},
		{5_256_000, 0, 5_000_000},
		{5_256_001, 1, 2_500_000},
		{2*5_256_000 + 1, 2, 1_250_000},
		{22*5_256_000 + 1, 22, 1}, // 5,000,000 >> 22 = 1
		{23*5_256_000 + 1, 23, 0},
		{300*5_256_000 + 1, 300, 0},
	} {
		era, reward := p.BlockReward(tc.height)
		if era != tc.era || reward.Int64() != tc.reward {
			t.Errorf("height %d: era %d reward %s, want era %d reward %d", tc.height, era, reward, tc.era, tc.reward)
		}
	}
}

func TestMiningSplitsAmongProgramsFarmsAndStakers(t *testing.T) {
	f := newFixture(t)
	usdt := f.farm(types.PROGRAM_STAKED, "uusdt", 1)
	husd := f.farm(types.PROGRAM_STAKED, "uhusd", 3)
	f.farm(types.PROGRAM_LIQUIDITY, "amm/pool/1", 1) // no stake: gets and mints nothing
	a, b := f.e.Accounts[0], f.e.Accounts[1]

	if got := f.mine(); !got.IsZero() {
		t.Fatalf("minted %s with no stake anywhere, want 0", got)
	}
	f.stake(a, usdt, "100uusdt")
	f.stake(b, usdt, "300uusdt")
	// Only the uusdt farm has stake: 5 DMC × 10% × 1/4.
	if got := f.mine(); got.Int64() != 125_000 {
		t.Fatalf("minted %s, want 125000", got)
	}
	f.stake(a, husd, "5uhusd")
	if got := f.mine(); got.Int64() != 500_000 {
		t.Fatalf("minted %s with both staked farms, want 125000+375000", got)
	}
	// a: 1/4 of 2 × 125,000 + all of 375,000; b: 3/4 of 2 × 125,000.
	if pa, pb := f.pending(a), f.pending(b); pa.Int64() != 62_500+375_000 || pb.Int64() != 187_500 {
		t.Fatalf("pending a %s b %s, want 437500 and 187500", pa, pb)
	}
	// The forecast for b's stake matches what it earns per block.
	fc, err := f.query.Forecast(f.ctx, &types.QueryForecastRequest{FarmId: usdt, Amount: "300"})
	if err != nil {
		t.Fatal(err)
	}
	if fc.PerBlock.Int64() != 125_000*300/700 || fc.PerDay.Int64() != 125_000*300*28_800/700 {
		t.Fatalf("forecast %+v", fc)
	}

	// Claim pays exactly what was pending.
	before, want := f.udmc(b), f.pending(b)
	res, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: b.Addr.String()})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Claimed.Equal(want) || !f.udmc(b).Equal(before.Add(want)) {
		t.Fatalf("claimed %s (balance +%s), pending was %s", res.Claimed, f.udmc(b).Sub(before), want)
	}
	f.check()
	// Nothing pending now.
	if _, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: b.Addr.String()}); !types.ErrNothingToClaim.Is(err) {
		t.Fatalf("second claim: %v", err)
	}
}

func TestMiningStopsExactlyAtTheCap(t *testing.T) {
	f := newFixture(t)
	// A cap of 12 DMC, everything to the staked program: blocks mint 5, 5, 2, then nothing.
	f.params(func(p *types.Params) {
		p.MiningCap = types.DMC(12)
		p.MaxSupply = p.GenesisSupply.Add(p.MiningCap)
		p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps = 0, 0, 10_000
	})
	id := f.farm(types.PROGRAM_STAKED, "uusdt", 1)
	f.stake(f.e.Accounts[0], id, "3uusdt")
	f.stake(f.e.Accounts[1], id, "7uusdt")
	for i, want := range []int64{5_000_000, 5_000_000, 2_000_000, 0, 0, 0} {
		if got := f.mine(); got.Int64() != want {
			t.Fatalf("block %d minted %s, want %d", i, got, want)
		}
	}
	minted, _ := f.k.MintedByMining.Get(f.ctx)
	if !minted.Equal(types.DMC(12)) {
		t.Fatalf("minted %s, want the cap exactly", minted)
	}
	em, err := f.query.Emission(f.ctx, &types.QueryEmissionRequest{})
	if err != nil || !em.Remaining.IsZero() {
		t.Fatalf("emission %+v %v", em, err)
	}
	// Every staker claims; together they get what was minted, less at most a unit each.
	paid := math.ZeroInt()
	for _, a := range f.e.Accounts[:2] {
		res, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: a.Addr.String(), FarmId: id})
		if err != nil {
			t.Fatal(err)
		}
		paid = paid.Add(res.Claimed)
	}
	if paid.GT(minted) || minted.Sub(paid).GT(math.NewInt(2)) {
		t.Fatalf("paid %s of %s minted", paid, minted)
	}
	f.check()
}

func TestMiningHalvesAtEraBoundaries(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) {
		p.HalvingBlocks = 3
		p.StartHeight = f.ctx.BlockHeight() + 1
		p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps = 0, 0, 10_000
	})
	id := f.farm(types.PROGRAM_STAKED, "uusdt", 1)
	f.stake(f.e.Accounts[0], id, "1uusdt")
	for i, want := range []int64{5_000_000, 5_000_000, 5_000_000, 2_500_000, 2_500_000, 2_500_000, 1_250_000} {
		if got := f.mine(); got.Int64() != want {
			t.Fatalf("block %d minted %s, want %d", i, got, want)
		}
	}
}

func TestClosedFarmEarnsNothingAndReweighting(t *testing.T) {
	f := newFixture(t)
	a := f.farm(types.PROGRAM_STAKED, "uusdt", 1)
	b := f.farm(types.PROGRAM_STAKED, "uhusd", 1)
	f.stake(f.e.Accounts[0], a, "10uusdt")
	f.stake(f.e.Accounts[0], b, "10uhusd")
	if got := f.mine(); got.Int64() != 500_000 {
		t.Fatalf("minted %s", got)
	}
	if _, err := f.msg.SetFarmWeight(f.ctx, &types.MsgSetFarmWeight{Authority: f.auth, FarmId: b, Weight: 3}); err != nil {
		t.Fatal(err)
	}
	if got := f.mine(); got.Int64() != 125_000+375_000 {
		t.Fatalf("minted %s after reweighting", got)
	}
	if _, err := f.msg.CloseFarm(f.ctx, &types.MsgCloseFarm{Authority: f.auth, FarmId: b}); err != nil {
		t.Fatal(err)
	}
	// Farm a is alone in the program now: it gets the whole 10%.
	if got := f.mine(); got.Int64() != 500_000 {
		t.Fatalf("minted %s after closing", got)
	}
	// The closed farm's stakers can still unstake and claim.
	if _, err := f.msg.Unstake(f.ctx, &types.MsgUnstake{Staker: f.e.Accounts[0].Addr.String(), FarmId: b, Amount: sdk.NewInt64Coin("uhusd", 10)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: f.e.Accounts[0].Addr.String(), FarmId: b}); err != nil {
		t.Fatal(err)
	}
	f.check()
}
