package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/types"
)

// A pool of 1,000,000 udmc and 4,000,000 uusdt (given in the other order): denom_a is udmc;
// shares floor(sqrt(4×10^12)) = 2,000,000, of which 1,000 locked (never minted) and 1,999,000
// the creator's; the creation fee goes to revenue; the first price record is written.
func TestCreatePool(t *testing.T) {
	f := setup(t)
	before := f.balance(f.alice, dmc)
	r, err := f.msg.CreatePool(f.ctx, &types.MsgCreatePool{Creator: f.alice.String(), TokenA: coin(usdt, 4_000_000), TokenB: coin(dmc, 1_000_000)})
	if err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if r.PoolId != 1 || r.Shares.String() != "1999000amm/pool/1" {
		t.Fatalf("response %v", r)
	}
	p := f.pool(1)
	if p.DenomA != dmc || p.DenomB != usdt || !p.ReserveA.Equal(math.NewInt(1_000_000)) || !p.ReserveB.Equal(math.NewInt(4_000_000)) ||
		!p.Shares.Equal(math.NewInt(2_000_000)) || !p.LockedShares.Equal(math.NewInt(1000)) || p.SwapFeeBps != 30 ||
		p.Creator != f.alice.String() || p.CreatedHeight != 10 {
		t.Fatalf("pool %v", p)
	}
	if got := f.balance(f.alice, "amm/pool/1"); !got.Equal(math.NewInt(1_999_000)) {
		t.Fatalf("alice holds %s shares", got)
	}
	if got := f.bank.supply.AmountOf("amm/pool/1"); !got.Equal(math.NewInt(1_999_000)) {
		t.Fatalf("share supply %s", got)
	}
	if spent := before.Sub(f.balance(f.alice, dmc)); !spent.Equal(math.NewInt(101_000_000)) {
		t.Fatalf("alice spent %s udmc, want 1000000 in the pool and 100000000 of fee", spent)
	}
	if got := f.revenue.fees[modaccounts.SourcePoolCreationFee]; got.String() != "100000000udmc" {
		t.Fatalf("creation fee in revenue: %s", got)
	}
	rec, err := f.k.TwapRecords.Get(f.ctx, collections.Join(uint64(1), t0))
	if err != nil || !rec.CumulativeA.IsZero() || !rec.CumulativeB.IsZero() || rec.Height != 10 {
		t.Fatalf("first price record %v (%v)", rec, err)
	}
	evs := f.ctx.EventManager().Events()
	if len(evs) == 0 || evs[len(evs)-1].Type != "dmex.amm.v1.EventPoolCreated" {
		t.Fatalf("events %v", evs)
	}
	// A named fee inside the bounds is kept.
	r2, err := f.msg.CreatePool(f.ctx, &types.MsgCreatePool{Creator: f.bob.String(), TokenA: coin(ht, 10_000), TokenB: coin(dmc, 10_000), SwapFeeBps: 100})
	if err != nil || f.pool(r2.PoolId).SwapFeeBps != 100 {
		t.Fatalf("pool with a named fee: %v", err)
	}
	f.checkBooks()
}

// Join at the pool's ratio (the smaller of the two share counts, amounts rounded up), then exit
// all: never more out than in, whatever the amounts.
func TestJoinExitRoundTrip(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	// max 10,000 udmc buys 20,000 shares, max 50,000 uusdt 25,000: 20,000 shares for 10,000
	// udmc and 40,000 uusdt.
	r, err := f.msg.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: 1, MaxA: coin(dmc, 10_000), MaxB: coin(usdt, 50_000), MinShares: math.NewInt(20_000)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Shares.String() != "20000amm/pool/1" || r.Paid.String() != "10000udmc,40000uusdt" {
		t.Fatalf("join %v", r)
	}
	f.checkBooks()
	x, err := f.msg.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.bob.String(), PoolId: 1, Shares: math.NewInt(20_000), MinA: math.NewInt(10_000), MinB: math.NewInt(40_000)})
	if err != nil {
		t.Fatal(err)
	}
	if x.Out.String() != "10000udmc,40000uusdt" {
		t.Fatalf("exit %v", x)
	}
	f.checkBooks()

	// Odd amounts: each join and exit rounds in the pool's favour.
	start := f.bank.bal[f.carol.String()]
	for i, m := range []struct{ a, b int64 }{{7, 29}, {1, 1_000_003}, {333_333, 1_333_331}, {999, 3_999}, {12_345, 49_999}} {
		r, err := f.msg.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.carol.String(), PoolId: 1, MaxA: coin(dmc, m.a), MaxB: coin(usdt, m.b)})
		if err != nil {
			t.Fatalf("join %d: %v", i, err)
		}
		if r.Paid.AmountOf(dmc).GT(math.NewInt(m.a)) || r.Paid.AmountOf(usdt).GT(math.NewInt(m.b)) {
			t.Fatalf("join %d paid %s, more than %d and %d", i, r.Paid, m.a, m.b)
		}
		f.checkBooks()
	}
	shares := f.balance(f.carol, "amm/pool/1")
	for shares.IsPositive() {
		part := math.MinInt(shares, math.NewInt(9_999))
		if _, err := f.msg.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.carol.String(), PoolId: 1, Shares: part}); err != nil {
			t.Fatal(err)
		}
		shares = shares.Sub(part)
		f.checkBooks()
	}
	end := f.bank.bal[f.carol.String()]
	for _, d := range []string{dmc, usdt} {
		if end.AmountOf(d).GT(start.AmountOf(d)) {
			t.Fatalf("carol ends with %s%s, started with %s: an exit paid more than was deposited", end.AmountOf(d), d, start.AmountOf(d))
		}
	}
	if !start.AmountOf(dmc).Sub(end.AmountOf(dmc)).IsPositive() && !start.AmountOf(usdt).Sub(end.AmountOf(usdt)).IsPositive() {
		t.Fatal("no rounding at all in the pool's favour: the test amounts are too even")
	}
}

// The first-depositor inflation attack: the attacker creates the pool with the least liquidity
// it may (1,001 shares, 1 of them its own), then inflates the share price with a donation of
// 1,000,000 of each denom (impossible on the chain, where the amm account is blocked from bank
// sends; here written straight into the reserves and the account, books still balanced). The
// victim's deposit rounds by at most one share, and the attacker loses nearly all it donated
// to the locked shares.
func TestLockedMinimumDefeatsShareInflation(t *testing.T) {
	f := setup(t)
	id := f.create(f.alice, coin(dmc, 1001), coin(usdt, 1001))
	if got := f.balance(f.alice, "amm/pool/1"); !got.Equal(math.OneInt()) {
		t.Fatalf("attacker holds %s shares", got)
	}
	// the donation
	p := f.pool(id)
	p.ReserveA, p.ReserveB = p.ReserveA.AddRaw(1_000_000), p.ReserveB.AddRaw(1_000_000)
	if err := f.k.Pools.Set(f.ctx, id, p); err != nil {
		t.Fatal(err)
	}
	if err := f.bank.send(f.alice, ammAddr, sdk.NewCoins(coin(dmc, 1_000_000), coin(usdt, 1_000_000))); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()

	victimStart := f.bank.bal[f.bob.String()]
	r, err := f.msg.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: id, MaxA: coin(dmc, 1_000_000), MaxB: coin(usdt, 1_000_000)})
	if err != nil {
		t.Fatal(err)
	}
	// 1,000,000 × 1,001 / 1,001,001 = 999.999: 999 shares, paid ceil(999 × 1,001,001 / 1,001) = 999,001 each.
	if !r.Shares.Amount.Equal(math.NewInt(999)) || r.Paid.String() != "999001udmc,999001uusdt" {
		t.Fatalf("victim's join %v", r)
	}
	if _, err := f.msg.ExitPool(f.ctx, &types.MsgExitPool{Sender: f.bob.String(), PoolId: id, Shares: r.Shares.Amount}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	shareValue := f.pool(id).ReserveA.Quo(f.pool(id).Shares).AddRaw(1)
	for _, d := range []string{dmc, usdt} {
		loss := victimStart.AmountOf(d).Sub(f.balance(f.bob, d))
		if loss.IsNegative() || loss.GT(shareValue) {
			t.Fatalf("victim lost %s%s; at most one share's worth (%s) may round away", loss, d, shareValue)
		}
	}
	// The attacker's one share is worth a thousandth of the pool.
	out, _ := types.CoinsForExit(f.pool(id).ReserveA, f.pool(id).ReserveB, f.pool(id).Shares, math.OneInt())
	if donated := int64(1_001_000); out.GT(math.NewInt(donated / 1000)) {
		t.Fatalf("the attacker's share pays back %s of the %d it put in", out, donated)
	}

	// And a pool cannot start at or below the locked minimum.
	_, err = f.msg.CreatePool(f.ctx, &types.MsgCreatePool{Creator: f.alice.String(), TokenA: coin(ht, 1000), TokenB: coin(usdt, 1000)})
	if !types.ErrLiquidityTooLow.Is(err) {
		t.Fatalf("a pool of 1000 shares: %v", err)
	}
}

func TestPoolsOfDenomAndPair(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.create(f.alice, coin(ht, 1_000_000), coin(usdt, 1_000_000))
	f.create(f.alice, coin(ifil, 1_000_000), coin(ht, 2_000_000))
	f.create(f.alice, coin(ifil, 1_000_000), coin(dmc, 2_000_000))
	for denom, want := range map[string][]uint64{usdt: {1, 2}, ht: {2, 3}, dmc: {1, 4}, ifil: {3, 4}, "uhusd": nil} {
		pools, err := f.k.PoolsOfDenom(f.ctx, denom)
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for _, p := range pools {
			ids = append(ids, p.Id)
		}
		if len(ids) != len(want) || (len(want) > 0 && (ids[0] != want[0] || ids[1] != want[1])) {
			t.Fatalf("pools of %s: %v, want %v", denom, ids, want)
		}
	}
	for _, pair := range [][2]string{{usdt, ht}, {ht, usdt}} {
		p, found, err := f.k.PoolOfPair(f.ctx, pair[0], pair[1])
		if err != nil || !found || p.Id != 2 {
			t.Fatalf("pool of %v: %v %v %v", pair, p.Id, found, err)
		}
	}
	if _, found, err := f.k.PoolOfPair(f.ctx, usdt, ifil); err != nil || found {
		t.Fatalf("no pool of uusdt/aifil: %v %v", found, err)
	}
	if _, err := f.k.GetPool(f.ctx, 9); !types.ErrPoolNotFound.Is(err) {
		t.Fatalf("pool 9: %v", err)
	}
}

// The spot price of one base in quote is reserve_quote / reserve_base: both orders against the
// hand-computed numbers (Osmosis #3715 reversed them).
func TestSpotPriceBothOrders(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(usdt, 4_000_000), coin(dmc, 1_000_000))
	for _, c := range []struct {
		base, quote, want string
	}{{dmc, usdt, "4.000000000000000000"}, {usdt, dmc, "0.250000000000000000"}} {
		r, err := f.q.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: 1, BaseDenom: c.base, QuoteDenom: c.quote})
		if err != nil {
			t.Fatal(err)
		}
		if r.Price.String() != c.want {
			t.Fatalf("price of one %s in %s: %s, want %s", c.base, c.quote, r.Price, c.want)
		}
	}
	for _, bad := range [][2]string{{dmc, dmc}, {dmc, ht}, {"", usdt}} {
		if _, err := f.q.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: 1, BaseDenom: bad[0], QuoteDenom: bad[1]}); !types.ErrInvalidDenom.Is(err) {
			t.Fatalf("spot price %v: %v", bad, err)
		}
	}
	if _, err := f.q.SpotPrice(f.ctx, &types.QuerySpotPriceRequest{PoolId: 2, BaseDenom: dmc, QuoteDenom: usdt}); !types.ErrPoolNotFound.Is(err) {
		t.Fatalf("spot price of pool 2: %v", err)
	}
}
