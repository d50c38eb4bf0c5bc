package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	ammkeeper "github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
)

// appPool reads pool id on the chain's last committed state.
func appPool(t *testing.T, e *testutil.Env, id uint64) types.Pool {
	t.Helper()
	p, err := e.App.AmmKeeper.GetPool(e.Ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func appBalance(e *testutil.Env, who *testutil.Account, denom string) math.Int {
	return e.App.BankKeeper.GetBalance(e.Ctx(), who.Addr, denom).Amount
}

// Through the real app, every module's books checked after every block: the only provider of a
// pool exits all its shares. The pool keeps the part of each reserve the locked minimum holds
// (shares = locked shares, none of them in anyone's hands), the chain exports and imports, and a
// new provider joins at the pool's ratio.
func TestLastProviderExitsEverything(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	alice := e.Accounts[0]
	e.MustDeliver(alice, &types.MsgCreatePool{
		Creator: alice.Addr.String(), TokenA: sdk.NewInt64Coin("udmc", 1_000_000), TokenB: sdk.NewInt64Coin("uusdt", 4_000_000),
	})
	// floor(sqrt(4×10^12)) = 2,000,000 shares, 1,000 locked: alice holds 1,999,000 and exits them
	// all for floor(1,999,000 × 10^6 / 2×10^6) = 999,500udmc and 3,998,000uusdt.
	usdt0 := appBalance(e, alice, "uusdt")
	e.MustDeliver(alice, &types.MsgExitPool{Sender: alice.Addr.String(), PoolId: 1, Shares: math.NewInt(1_999_000)})
	if got := appBalance(e, alice, "uusdt").Sub(usdt0); !got.Equal(math.NewInt(3_998_000)) {
		t.Fatalf("alice's exit paid %suusdt, want 3998000", got)
	}
	p := appPool(t, e, 1)
	if !p.ReserveA.Equal(math.NewInt(500)) || !p.ReserveB.Equal(math.NewInt(2_000)) || !p.Shares.Equal(math.NewInt(1_000)) || !p.LockedShares.Equal(math.NewInt(1_000)) {
		t.Fatalf("pool after the last exit: %v", p)
	}
	if s := e.App.BankKeeper.GetSupply(e.Ctx(), types.ShareDenom(1)); !s.IsZero() {
		t.Fatalf("share supply after the last exit: %s", s)
	}
	e = e.RoundTrip()
	bob := e.Accounts[1]
	// 1,000udmc and 4,000uusdt buy min(1000×1000/500, 4000×1000/2000) = 2,000 shares at the ratio.
	e.MustDeliver(bob, &types.MsgJoinPool{
		Sender: bob.Addr.String(), PoolId: 1, MaxA: sdk.NewInt64Coin("udmc", 1_000), MaxB: sdk.NewInt64Coin("uusdt", 4_000), MinShares: math.NewInt(2_000),
	})
	if got := appBalance(e, bob, types.ShareDenom(1)); !got.Equal(math.NewInt(2_000)) {
		t.Fatalf("bob's shares after joining the emptied pool: %s", got)
	}
}

// The pool formulas of the README, written again here so that the app's results are checked
// against them, not against the keeper's own math.

func modelCeil(n, d math.Int) math.Int {
	q := n.Quo(d)
	if !q.Mul(d).Equal(n) {
		q = q.AddRaw(1)
	}
	return q
}

// modelFee is ceil(in × bps / 10000).
func modelFee(in math.Int, bps int64) math.Int { return modelCeil(in.MulRaw(bps), math.NewInt(10_000)) }

// modelOut is floor(rout × (in − fee) / (rin + in − fee)) and its fee.
func modelOut(rin, rout, in math.Int, bps int64) (math.Int, math.Int) {
	fee := modelFee(in, bps)
	after := in.Sub(fee)
	return rout.Mul(after).Quo(rin.Add(after)), fee
}

// modelIn is the least input (fee included) that pays out: after_fee = ceil(rin × out / (rout −
// out)), then the least in with in − fee(in) >= after_fee, found by counting up from below.
func modelIn(rin, rout, out math.Int, bps int64) (math.Int, math.Int) {
	after := modelCeil(rin.Mul(out), rout.Sub(out))
	in := math.MaxInt(after, after.MulRaw(10_000).QuoRaw(10_000-bps).SubRaw(2))
	for in.Sub(modelFee(in, bps)).LT(after) {
		in = in.AddRaw(1)
	}
	return in, modelFee(in, bps)
}

// modelPool is what a pool must hold: its reserves and shares.
type modelPool struct {
	denomA, denomB string
	a, b, shares   math.Int
}

func (m *modelPool) reserves(denomIn string) (*math.Int, *math.Int) {
	if denomIn == m.denomA {
		return &m.a, &m.b
	}
	return &m.b, &m.a
}

func (m modelPool) check(t *testing.T, e *testutil.Env, id uint64) {
	t.Helper()
	p := appPool(t, e, id)
	if p.DenomA != m.denomA || p.DenomB != m.denomB || !p.ReserveA.Equal(m.a) || !p.ReserveB.Equal(m.b) || !p.Shares.Equal(m.shares) {
		t.Fatalf("pool %d holds %s%s, %s%s and %s shares; want %s%s, %s%s and %s shares",
			id, p.ReserveA, p.DenomA, p.ReserveB, p.DenomB, p.Shares, m.a, m.denomA, m.b, m.denomB, m.shares)
	}
}

func appAuthority(t *testing.T, e *testutil.Env) string {
	t.Helper()
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return auth.String()
}

// appSetParams has the council (4 of 7) change x/amm's params and checks they were applied.
func appSetParams(t *testing.T, e *testutil.Env, edit func(*types.Params)) {
	t.Helper()
	p, err := e.App.AmmKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	edit(&p)
	e.CouncilPropose(4, &types.MsgUpdateParams{Authority: appAuthority(t, e), Params: p})
	got, err := e.App.AmmKeeper.Params.Get(e.Ctx())
	if err != nil || got.String() != p.String() {
		t.Fatalf("params after the council's vote: %v (%v), want %v", got, err, p)
	}
}

func appRevenue(t *testing.T, e *testutil.Env, denom string) math.Int {
	t.Helper()
	r, err := e.App.DmcKeeper.RevenueBalanceOf(e.Ctx(), denom)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// appAmmHolds checks that the amm account holds exactly the model pools' reserves.
func appAmmHolds(t *testing.T, e *testutil.Env, pools ...modelPool) {
	t.Helper()
	want := sdk.NewCoins()
	for _, m := range pools {
		want = want.Add(sdk.NewCoin(m.denomA, m.a), sdk.NewCoin(m.denomB, m.b))
	}
	if held := e.App.BankKeeper.GetAllBalances(e.Ctx(), e.App.AccountKeeper.GetModuleAddress(types.ModuleName)); !held.Equal(want) {
		t.Fatalf("the amm account holds %s, want %s", held, want)
	}
}

// Through the real app, every module's books (x/amm's pools and buyback checks among them)
// checked after every block by testutil: alice opens udmc/uusdt and uhusd/uusdt, bob joins the
// first, carol swaps exact in uhusd → uusdt → udmc and exact out udmc → uusdt → uhusd, and the
// providers exit (alice all of the second pool). Every reserve, every payment and the revenue
// ledger (two creation fees, and 10% of each swap fee with protocol_fee_bps 1000) are exactly
// what the README's formulas give.
func TestPoolsSwapsAndExitsThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	alice, bob, carol := e.Accounts[0], e.Accounts[1], e.Accounts[2]
	var names []string
	for _, c := range e.App.BooksChecks() {
		if c.Module == types.ModuleName {
			names = append(names, c.Name)
		}
	}
	if len(names) != 2 || names[0] != "pools" || names[1] != "buyback" {
		t.Fatalf("x/amm's books checks run after every block: %v, want pools and buyback", names)
	}
	appSetParams(t, e, func(p *types.Params) { p.ProtocolFeeBps = 1_000 })
	const bps, protocolBps = 30, 1_000
	protocol := func(fee math.Int) math.Int { return fee.MulRaw(protocolBps).QuoRaw(10_000) }
	rev0 := map[string]math.Int{}
	for _, d := range []string{"udmc", "uusdt", "uhusd"} {
		rev0[d] = appRevenue(t, e, d)
	}
	revenue := map[string]math.Int{"udmc": math.ZeroInt(), "uusdt": math.ZeroInt(), "uhusd": math.ZeroInt()}

	// Pool 1: the tokens given in either order; floor(sqrt(10^8 × 2×10^8)) = 141,421,356 shares,
	// 1,000 locked. Alice pays both amounts and 100 DMC of creation fee.
	dmc0 := appBalance(e, alice, "udmc")
	e.MustDeliver(alice, &types.MsgCreatePool{Creator: alice.Addr.String(), TokenA: sdk.NewInt64Coin("uusdt", 200_000_000), TokenB: sdk.NewInt64Coin("udmc", 100_000_000)})
	p1 := modelPool{denomA: "udmc", denomB: "uusdt", a: math.NewInt(100_000_000), b: math.NewInt(200_000_000), shares: math.NewInt(141_421_356)}
	p1.check(t, e, 1)
	if spent := dmc0.Sub(appBalance(e, alice, "udmc")); !spent.Equal(math.NewInt(200_000_000)) {
		t.Fatalf("alice spent %sudmc, want 100000000 in the pool and 100000000 of creation fee", spent)
	}
	if got := appBalance(e, alice, types.ShareDenom(1)); !got.Equal(math.NewInt(141_420_356)) {
		t.Fatalf("alice's shares of pool 1: %s", got)
	}
	e.MustDeliver(alice, &types.MsgCreatePool{Creator: alice.Addr.String(), TokenA: sdk.NewInt64Coin("uhusd", 300_000_000), TokenB: sdk.NewInt64Coin("uusdt", 300_000_000)})
	p2 := modelPool{denomA: "uhusd", denomB: "uusdt", a: math.NewInt(300_000_000), b: math.NewInt(300_000_000), shares: math.NewInt(300_000_000)}
	p2.check(t, e, 2)
	revenue["udmc"] = math.NewInt(200_000_000)
	appAmmHolds(t, e, p1, p2)

	// Bob joins pool 1 with at most 10 DMC and 25 USDT: min(10^7 × S / 10^8, 2.5×10^7 × S /
	// 2×10^8) shares, paying each side rounded up.
	bobShares := math.MinInt(math.NewInt(10_000_000).Mul(p1.shares).Quo(p1.a), math.NewInt(25_000_000).Mul(p1.shares).Quo(p1.b))
	paidA, paidB := modelCeil(bobShares.Mul(p1.a), p1.shares), modelCeil(bobShares.Mul(p1.b), p1.shares)
	bobDmc, bobUsdt := appBalance(e, bob, "udmc"), appBalance(e, bob, "uusdt")
	e.MustDeliver(bob, &types.MsgJoinPool{
		Sender: bob.Addr.String(), PoolId: 1, MaxA: sdk.NewInt64Coin("udmc", 10_000_000), MaxB: sdk.NewInt64Coin("uusdt", 25_000_000), MinShares: bobShares,
	})
	if got := appBalance(e, bob, types.ShareDenom(1)); !got.Equal(bobShares) {
		t.Fatalf("bob's shares %s, want %s", got, bobShares)
	}
	if !bobDmc.Sub(appBalance(e, bob, "udmc")).Equal(paidA) || !bobUsdt.Sub(appBalance(e, bob, "uusdt")).Equal(paidB) {
		t.Fatalf("bob paid %sudmc and %suusdt, want %s and %s", bobDmc.Sub(appBalance(e, bob, "udmc")), bobUsdt.Sub(appBalance(e, bob, "uusdt")), paidA, paidB)
	}
	p1.a, p1.b, p1.shares = p1.a.Add(paidA), p1.b.Add(paidB), p1.shares.Add(bobShares)
	p1.check(t, e, 1)

	// Carol: exactly 1,000,000uhusd in over pool 2 then pool 1, for at least what the formulas
	// give (the minimum is met exactly). Each pool keeps its input less the protocol's part.
	hopIn := func(m *modelPool, denomIn string, in math.Int) math.Int {
		rin, rout := m.reserves(denomIn)
		out, fee := modelOut(*rin, *rout, in, bps)
		*rin, *rout = rin.Add(in).Sub(protocol(fee)), rout.Sub(out)
		revenue[denomIn] = revenue[denomIn].Add(protocol(fee))
		return out
	}
	mid := hopIn(&p2, "uhusd", math.NewInt(1_000_000))
	out := hopIn(&p1, "uusdt", mid)
	c0 := appBalance(e, carol, "udmc")
	e.MustDeliver(carol, &types.MsgSwapExactIn{
		Sender: carol.Addr.String(), Route: []types.SwapHop{{PoolId: 2, DenomOut: "uusdt"}, {PoolId: 1, DenomOut: "udmc"}},
		TokenIn: sdk.NewInt64Coin("uhusd", 1_000_000), MinOut: out,
	})
	if got := appBalance(e, carol, "udmc").Sub(c0); !got.Equal(out) {
		t.Fatalf("carol received %sudmc for 1000000uhusd, want %s", got, out)
	}
	p1.check(t, e, 1)
	p2.check(t, e, 2)

	// Carol: exactly 500,000uhusd out, paying udmc over pool 1 then pool 2, computed backward:
	// each hop takes the least input that pays the next hop's input.
	rin2, rout2 := p2.reserves("uusdt")
	hop2In, fee2 := modelIn(*rin2, *rout2, math.NewInt(500_000), bps)
	rin1, rout1 := p1.reserves("udmc")
	hop1In, fee1 := modelIn(*rin1, *rout1, hop2In, bps)
	for _, h := range []struct {
		m       *modelPool
		denomIn string
		in, fee math.Int
		out     math.Int
	}{{&p1, "udmc", hop1In, fee1, hop2In}, {&p2, "uusdt", hop2In, fee2, math.NewInt(500_000)}} {
		rin, rout := h.m.reserves(h.denomIn)
		*rin, *rout = rin.Add(h.in).Sub(protocol(h.fee)), rout.Sub(h.out)
		revenue[h.denomIn] = revenue[h.denomIn].Add(protocol(h.fee))
	}
	cDmc, cHusd := appBalance(e, carol, "udmc"), appBalance(e, carol, "uhusd")
	e.MustDeliver(carol, &types.MsgSwapExactOut{
		Sender: carol.Addr.String(), Route: []types.SwapHop{{PoolId: 1, DenomOut: "uusdt"}, {PoolId: 2, DenomOut: "uhusd"}},
		DenomIn: "udmc", MaxIn: hop1In, TokenOut: sdk.NewInt64Coin("uhusd", 500_000),
	})
	if paid, got := cDmc.Sub(appBalance(e, carol, "udmc")), appBalance(e, carol, "uhusd").Sub(cHusd); !paid.Equal(hop1In) || !got.Equal(math.NewInt(500_000)) {
		t.Fatalf("carol paid %sudmc for %suhusd, want %s for 500000", paid, got, hop1In)
	}
	p1.check(t, e, 1)
	p2.check(t, e, 2)

	// Exits pay floor(shares × reserve / S): bob all of his, alice half of hers in pool 1 and all
	// of hers in pool 2 (which then keeps only its locked shares).
	exit := func(who *testutil.Account, m *modelPool, id uint64, shares math.Int) {
		t.Helper()
		outA, outB := shares.Mul(m.a).Quo(m.shares), shares.Mul(m.b).Quo(m.shares)
		a0, b0 := appBalance(e, who, m.denomA), appBalance(e, who, m.denomB)
		e.MustDeliver(who, &types.MsgExitPool{Sender: who.Addr.String(), PoolId: id, Shares: shares, MinA: outA, MinB: outB})
		if gotA, gotB := appBalance(e, who, m.denomA).Sub(a0), appBalance(e, who, m.denomB).Sub(b0); !gotA.Equal(outA) || !gotB.Equal(outB) {
			t.Fatalf("exit of %s shares of pool %d paid %s%s and %s%s, want %s and %s", shares, id, gotA, m.denomA, gotB, m.denomB, outA, outB)
		}
		m.a, m.b, m.shares = m.a.Sub(outA), m.b.Sub(outB), m.shares.Sub(shares)
		m.check(t, e, id)
	}
	exit(bob, &p1, 1, bobShares)
	exit(alice, &p1, 1, math.NewInt(141_420_356/2))
	exit(alice, &p2, 2, math.NewInt(299_999_000))
	if !p2.shares.Equal(math.NewInt(1_000)) {
		t.Fatalf("pool 2 after its last provider left: %s shares, want the 1000 locked", p2.shares)
	}
	appAmmHolds(t, e, p1, p2)
	for d, want := range revenue {
		if got := appRevenue(t, e, d).Sub(rev0[d]); !got.Equal(want) {
			t.Fatalf("revenue ledger gained %s%s, want %s", got, d, want)
		}
	}
	if revenue["uhusd"].IsZero() || revenue["uusdt"].IsZero() {
		t.Fatalf("the protocol's part of the swap fees reached no revenue: %v", revenue)
	}
}

// buybackChain is a chain whose revenue ledger holds a creation fee (100 DMC) and, from one swap
// with the whole swap fee to revenue, 30,000uusdt; then the council sets the protocol's part
// back to 0 and the buyback to 4 slices over 4 hours. It returns the chain and the revenue held.
func buybackChain(t *testing.T) (*testutil.Env, math.Int, math.Int) {
	t.Helper()
	e := testutil.New(t, testutil.Options{})
	alice, bob := e.Accounts[0], e.Accounts[1]
	appSetParams(t, e, func(p *types.Params) { p.ProtocolFeeBps = 10_000 })
	e.MustDeliver(alice, &types.MsgCreatePool{Creator: alice.Addr.String(), TokenA: sdk.NewInt64Coin("udmc", 200_000_000), TokenB: sdk.NewInt64Coin("uusdt", 400_000_000)})
	// 10 USDT in: a fee of ceil(10^7 × 30 / 10^4) = 30,000uusdt, all of it to revenue.
	e.MustDeliver(bob, &types.MsgSwapExactIn{
		Sender: bob.Addr.String(), Route: []types.SwapHop{{PoolId: 1, DenomOut: "udmc"}}, TokenIn: sdk.NewInt64Coin("uusdt", 10_000_000), MinOut: math.OneInt(),
	})
	appSetParams(t, e, func(p *types.Params) {
		p.ProtocolFeeBps, p.BuybackSlices, p.BuybackDuration = 0, 4, 4*time.Hour
	})
	revDmc, revUsdt := appRevenue(t, e, "udmc"), appRevenue(t, e, "uusdt")
	if !revDmc.Equal(math.NewInt(100_000_000)) || !revUsdt.Equal(math.NewInt(30_000)) {
		t.Fatalf("revenue before the month: %sudmc and %suusdt, want 100000000 and 30000", revDmc, revUsdt)
	}
	return e, revDmc, revUsdt
}

// monthEnd is the first block time after x/epochs' current month (its end time is still in it).
func monthEnd(t *testing.T, e *testutil.Env) time.Time {
	t.Helper()
	info, err := e.App.EpochsKeeper.GetEpochInfo(e.Ctx(), ammkeeper.MonthEpoch)
	if err != nil {
		t.Fatal(err)
	}
	return info.CurrentEpochStartTime.Add(info.Duration).Add(time.Second)
}

func appMonth(t *testing.T, e *testutil.Env, month int64, denom string) types.BuybackMonth {
	t.Helper()
	rec, err := e.App.AmmKeeper.BuybackMonths.Get(e.Ctx(), collections.Join(month, denom))
	if err != nil {
		t.Fatalf("month %d record of %s: %v", month, denom, err)
	}
	return rec
}

// dmcBooks are x/dmc's supply figures: the udmc bank supply, the burned and the mined totals.
type dmcBooks struct{ supply, burned, mined math.Int }

func appDMCBooks(t *testing.T, e *testutil.Env) dmcBooks {
	t.Helper()
	ctx := e.Ctx()
	burned, err := e.App.DmcKeeper.Burned.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mined, err := e.App.DmcKeeper.MintedByMining.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return dmcBooks{supply: e.App.BankKeeper.GetSupply(ctx, "udmc").Amount, burned: burned, mined: mined}
}

// checkBuybackDone checks month 1 after its 4 slices: 80% of each revenue denom was set aside
// and spent, the udmc as it was and the uusdt through the pool; everything bought was burned;
// x/dmc's burned total rose by exactly that and the udmc supply fell by it (less what mining
// minted meanwhile); the revenue ledger keeps the other 20%; the pool took the uusdt and paid
// the udmc bought.
func checkBuybackDone(t *testing.T, e *testutil.Env, revDmc, revUsdt math.Int, before dmcBooks, pool types.Pool) {
	t.Helper()
	dmcRec, usdtRec := appMonth(t, e, 1, "udmc"), appMonth(t, e, 1, "uusdt")
	for _, c := range []struct {
		rec types.BuybackMonth
		rev math.Int
	}{{dmcRec, revDmc}, {usdtRec, revUsdt}} {
		setAside := c.rev.MulRaw(8_000).QuoRaw(10_000)
		if r := c.rec; !r.SetAside.Equal(setAside) || !r.Spent.Equal(setAside) || r.SlicesDone != 4 || r.SlicesRefused != 0 ||
			!r.Bought.IsPositive() || !r.Burned.Equal(r.Bought) || !r.Returned.IsZero() {
			t.Fatalf("month 1 of %s: %+v; want %s set aside and spent in 4 slices, all of it bought and burned", r.Denom, r, setAside)
		}
		if kept := appRevenue(t, e, c.rec.Denom); !kept.Equal(c.rev.Sub(setAside)) {
			t.Fatalf("the revenue ledger keeps %s%s, want 20%%: %s", kept, c.rec.Denom, c.rev.Sub(setAside))
		}
	}
	if !dmcRec.Bought.Equal(dmcRec.Spent) {
		t.Fatalf("udmc revenue is burned as it is: bought %s of %s spent", dmcRec.Bought, dmcRec.Spent)
	}
	burned := dmcRec.Burned.Add(usdtRec.Burned)
	after := appDMCBooks(t, e)
	if got := after.burned.Sub(before.burned); !got.Equal(burned) {
		t.Fatalf("x/dmc's burned total rose by %s, the month records burned %s", got, burned)
	}
	if fell, want := before.supply.Sub(after.supply), burned.Sub(after.mined.Sub(before.mined)); !fell.Equal(want) {
		t.Fatalf("the udmc supply fell by %s, want the %s burned less %s mined", fell, burned, after.mined.Sub(before.mined))
	}
	p := appPool(t, e, 1)
	if !pool.ReserveB.Add(usdtRec.Spent).Equal(p.ReserveB) || !pool.ReserveA.Sub(usdtRec.Bought).Equal(p.ReserveA) {
		t.Fatalf("pool 1 went from %s/%s to %s/%s; the slices spent %suusdt and bought %sudmc",
			pool.ReserveA, pool.ReserveB, p.ReserveA, p.ReserveB, usdtRec.Spent, usdtRec.Bought)
	}
	if held := e.App.BankKeeper.GetAllBalances(e.Ctx(), e.App.AccountKeeper.GetModuleAddress(types.BuybackAccount)); !held.IsZero() {
		t.Fatalf("the buyback account still holds %s", held)
	}
}

// The buyback end to end through the real app, every module's books checked after every block:
// the month epoch ends (the block jumps past it), 80% of each revenue denom is set aside, and
// its 4 slices run over the following blocks, one an hour, the first in the epoch's own block.
func TestBuybackThroughTheApp(t *testing.T) {
	e, revDmc, revUsdt := buybackChain(t)
	pool, before := appPool(t, e, 1), appDMCBooks(t, e)
	e.NextBlockAt(monthEnd(t, e))
	if r := appMonth(t, e, 1, "uusdt"); r.SlicesDone != 1 || !r.SetAside.Equal(math.NewInt(24_000)) {
		t.Fatalf("the month's block: %+v, want 24000uusdt set aside and its first slice bought", r)
	}
	for i := 0; i < 3; i++ {
		e.PassTime(time.Hour)
		if r := appMonth(t, e, 1, "udmc"); r.SlicesDone != uint32(i+2) {
			t.Fatalf("%d h after the month: %d slices done, want %d", i+1, r.SlicesDone, i+2)
		}
	}
	checkBuybackDone(t, e, revDmc, revUsdt, before, pool)
}

// The export/import round trip (testutil.Env.RoundTrip: every module's export byte for byte) of
// a chain with a pool, its price records and a buyback in progress (3 of its 4 slices left in
// the queue); the imported chain then finishes the buyback as the original does.
func TestRoundTripWithABuybackInProgress(t *testing.T) {
	e, revDmc, revUsdt := buybackChain(t)
	pool, before := appPool(t, e, 1), appDMCBooks(t, e)
	end := monthEnd(t, e)
	e.NextBlockAt(end)
	// The slice's swap wrote a record and pruned the creation's (beyond the 48 h kept), keeping
	// the swap's, the newest before the cut-off.
	var times []time.Time
	if err := e.App.AmmKeeper.TwapRecords.Walk(e.Ctx(), nil, func(k collections.Pair[uint64, time.Time], _ types.TwapRecord) (bool, error) {
		times = append(times, k.K2())
		return false, nil
	}); err != nil || len(times) != 2 || !times[1].Equal(end) || !times[0].Before(end.Add(-48*time.Hour)) {
		t.Fatalf("price records at %v (%v), want the swap's and the slice's at %s", times, err, end)
	}
	if b, err := e.App.AmmKeeper.Buybacks.Get(e.Ctx(), 2); err != nil || b.SlicesLeft != 3 || !b.Remaining.IsPositive() {
		t.Fatalf("uusdt's buyback after its first slice: %+v (%v)", b, err)
	}
	imported := e.RoundTrip()
	for _, c := range []*testutil.Env{e, imported} {
		for i := 0; i < 3; i++ {
			c.PassTime(time.Hour)
		}
		checkBuybackDone(t, c, revDmc, revUsdt, before, pool)
	}
	for _, d := range []string{"udmc", "uusdt"} {
		if a, b := appMonth(t, e, 1, d), appMonth(t, imported, 1, d); a.String() != b.String() {
			t.Fatalf("month 1 of %s: %v on the original chain, %v on the imported one", d, a, b)
		}
	}
}
