package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/types"
)

// 10,000 uusdt into 1,000,000 udmc / 4,000,000 uusdt at 0.3%: fee ceil(30) = 30, 9,970 after
// it, out floor(1,000,000 × 9,970 / 4,009,970) = 2,486 udmc. The pool keeps all 10,000.
func TestSwapExactInOneHop(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	bobDMC, bobUSDT := f.balance(f.bob, dmc), f.balance(f.bob, usdt)
	out := f.swapIn(f.bob, coin(usdt, 10_000), hop(1, dmc))
	if out.String() != "2486udmc" {
		t.Fatalf("out %s", out)
	}
	if !f.balance(f.bob, dmc).Sub(bobDMC).Equal(math.NewInt(2486)) || !bobUSDT.Sub(f.balance(f.bob, usdt)).Equal(math.NewInt(10_000)) {
		t.Fatal("bob's balances")
	}
	p := f.pool(1)
	if !p.ReserveA.Equal(math.NewInt(1_000_000-2486)) || !p.ReserveB.Equal(math.NewInt(4_010_000)) {
		t.Fatalf("reserves %s %s", p.ReserveA, p.ReserveB)
	}
	if len(f.revenue.fees[modaccounts.SourceSwapFee]) != 0 {
		t.Fatal("a protocol fee with protocol_fee_bps 0")
	}
	var swapEvents int
	for _, e := range f.ctx.EventManager().Events() {
		if e.Type == "dmex.amm.v1.EventSwap" {
			swapEvents++
			for _, a := range e.Attributes {
				if a.Key == "fee" && a.Value != `"30uusdt"` {
					t.Fatalf("event fee %s", a.Value)
				}
			}
		}
	}
	if swapEvents != 1 {
		t.Fatalf("%d swap events", swapEvents)
	}
	// The estimate is what the swap pays.
	est, err := f.q.EstimateSwapExactIn(f.ctx, &types.QueryEstimateSwapExactInRequest{Route: []types.SwapHop{hop(1, usdt)}, TokenIn: coin(dmc, 5000)})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.swapIn(f.bob, coin(dmc, 5000), hop(1, usdt)); !got.Equal(est.TokenOut) {
		t.Fatalf("estimate %s, swap %s", est.TokenOut, got)
	}
}

// Routes of 1, 2 and 3 hops, each hop's output checked against the formula written out in the
// test; no pool's x·y falls (fixture.swapIn checks it).
func TestSwapExactInRoutes(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000)) // 1: udmc/uusdt
	f.create(f.alice, coin(ht, 3_000_000), coin(usdt, 2_000_000))  // 2: uht/uusdt
	f.create(f.alice, coin(ifil, 5_000_000), coin(ht, 7_000_000))  // 3: aifil/uht
	in := int64(20_000)
	o1 := outGivenIn(1_000_000, 4_000_000, in, 30) // udmc -> uusdt
	o2 := outGivenIn(2_000_000, 3_000_000, o1, 30) // uusdt -> uht
	o3 := outGivenIn(7_000_000, 5_000_000, o2, 30) // uht -> aifil
	start := f.balance(f.bob, ifil)
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	out := f.swapIn(f.bob, coin(dmc, in), hop(1, usdt), hop(2, ht), hop(3, ifil))
	var pools []string
	for _, e := range f.ctx.EventManager().Events() {
		for _, a := range e.Attributes {
			if e.Type == "dmex.amm.v1.EventSwap" && a.Key == "pool_id" {
				pools = append(pools, a.Value)
			}
		}
	}
	if strings.Join(pools, ",") != `"1","2","3"` {
		t.Fatalf("swap events of pools %v", pools)
	}
	if !out.Equal(coin(ifil, o3)) || !f.balance(f.bob, ifil).Sub(start).Equal(math.NewInt(o3)) {
		t.Fatalf("3 hops paid %s, want %daifil", out, o3)
	}
	if p := f.pool(2); !p.ReserveB.Equal(math.NewInt(2_000_000+o1)) || !p.ReserveA.Equal(math.NewInt(3_000_000-o2)) {
		t.Fatalf("pool 2 after the middle hop: %s %s", p.ReserveA, p.ReserveB)
	}
	// Two hops back.
	p3, p2 := f.pool(3), f.pool(2)
	b1 := outGivenIn(p3.ReserveA.Int64(), p3.ReserveB.Int64(), 1000, 30)
	b2 := outGivenIn(p2.ReserveA.Int64(), p2.ReserveB.Int64(), b1, 30)
	if out := f.swapIn(f.carol, coin(ifil, 1000), hop(3, ht), hop(2, usdt)); !out.Equal(coin(usdt, b2)) {
		t.Fatalf("2 hops paid %s, want %duusdt", out, b2)
	}
}

// Exact out: exactly token_out, for the least input that pays it (one unit less pays less),
// computed backward and executed forward over 1 and 2 hops.
func TestSwapExactOut(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.create(f.alice, coin(ht, 3_000_000), coin(usdt, 2_000_000))
	// 2,000 udmc: after the fee ceil(4,000,000 × 2,000 / 998,000) = 8,017; in ceil(8,017 ×
	// 10,000 / 9,970) = 8,042 (fee 25).
	est, err := f.q.EstimateSwapExactOut(f.ctx, &types.QueryEstimateSwapExactOutRequest{Route: []types.SwapHop{hop(1, dmc)}, DenomIn: usdt, TokenOut: coin(dmc, 2000)})
	if err != nil || est.TokenIn.String() != "8042uusdt" {
		t.Fatalf("estimate %v %v", est, err)
	}
	before := f.snapshot()
	if less, err := f.k.EstimateExactIn(f.ctx, []types.SwapHop{hop(1, dmc)}, coin(usdt, 8041)); err != nil || !less.Amount.LT(math.NewInt(2000)) {
		t.Fatalf("8041uusdt pays %s (%v): the exact-out input is not the least", less, err)
	}
	if f.snapshot() != before {
		t.Fatal("an estimate wrote")
	}
	bob := f.bank.bal[f.bob.String()]
	r, err := f.msg.SwapExactOut(f.ctx, &types.MsgSwapExactOut{Sender: f.bob.String(), Route: []types.SwapHop{hop(1, dmc)}, DenomIn: usdt, MaxIn: math.NewInt(8042), TokenOut: coin(dmc, 2000)})
	if err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	after := f.bank.bal[f.bob.String()]
	if r.TokenIn.String() != "8042uusdt" || !after.AmountOf(dmc).Sub(bob.AmountOf(dmc)).Equal(math.NewInt(2000)) ||
		!bob.AmountOf(usdt).Sub(after.AmountOf(usdt)).Equal(math.NewInt(8042)) {
		t.Fatalf("exact out took %s", r.TokenIn)
	}

	// Two hops: uht -> uusdt (pool 2) -> udmc (pool 1), exactly 1,000 udmc, for the least uht
	// that pays it forward.
	route := []types.SwapHop{hop(2, usdt), hop(1, dmc)}
	need, err := f.k.EstimateExactOut(f.ctx, route, ht, coin(dmc, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.k.EstimateExactIn(f.ctx, route, need); err != nil || got.Amount.LT(math.NewInt(1000)) {
		t.Fatalf("%s forward pays %s (%v)", need, got, err)
	}
	if got, err := f.k.EstimateExactIn(f.ctx, route, need.SubAmount(math.OneInt())); err == nil && !got.Amount.LT(math.NewInt(1000)) {
		t.Fatalf("one unit less than %s still pays %s", need, got)
	}
	prods := f.products(route)
	bob = f.bank.bal[f.bob.String()]
	r, err = f.msg.SwapExactOut(f.ctx, &types.MsgSwapExactOut{Sender: f.bob.String(), Route: []types.SwapHop{hop(2, usdt), hop(1, dmc)}, DenomIn: ht, MaxIn: math.NewInt(1_000_000), TokenOut: coin(dmc, 1000)})
	if err != nil {
		t.Fatal(err)
	}
	f.checkProducts([]types.SwapHop{hop(2, usdt), hop(1, dmc)}, prods)
	f.checkBooks()
	after = f.bank.bal[f.bob.String()]
	if !r.TokenIn.Equal(need) || !after.AmountOf(dmc).Sub(bob.AmountOf(dmc)).Equal(math.NewInt(1000)) ||
		!bob.AmountOf(ht).Sub(after.AmountOf(ht)).Equal(r.TokenIn.Amount) || !after.AmountOf(usdt).Equal(bob.AmountOf(usdt)) {
		t.Fatalf("2-hop exact out: took %s (estimated %s), balances %s -> %s", r.TokenIn, need, bob, after)
	}
}

// With protocol_fee_bps 5000, half of each swap fee (rounded down) goes to revenue as swap_fee
// from the amm account; the pool keeps the rest on top of the input after the fee.
func TestProtocolFeeToRevenue(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	setParams(f, func(p *types.Params) { p.ProtocolFeeBps = 5000 })
	out := f.swapIn(f.bob, coin(usdt, 10_000), hop(1, dmc)) // fee 30, protocol 15
	if out.String() != "2486udmc" {
		t.Fatalf("out %s", out)
	}
	if got := f.revenue.fees[modaccounts.SourceSwapFee]; got.String() != "15uusdt" {
		t.Fatalf("protocol fee %s", got)
	}
	if p := f.pool(1); !p.ReserveB.Equal(math.NewInt(4_000_000 + 10_000 - 15)) {
		t.Fatalf("reserve %s", p.ReserveB)
	}
	// 3,333 in: fee ceil(9.999) = 10, protocol 5.
	f.swapIn(f.bob, coin(dmc, 3333), hop(1, usdt))
	if got := f.revenue.fees[modaccounts.SourceSwapFee]; got.String() != "5udmc,15uusdt" {
		t.Fatalf("protocol fees %s", got)
	}
}

// A deadline equal to the block time is met; one second before it is past.
func TestSwapDeadline(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.at(time.Hour)
	dl := t0.Add(time.Hour)
	if _, err := f.msg.SwapExactIn(f.ctx, &types.MsgSwapExactIn{Sender: f.bob.String(), Route: []types.SwapHop{hop(1, dmc)}, TokenIn: coin(usdt, 100), Deadline: &dl}); err != nil {
		t.Fatalf("at the deadline: %v", err)
	}
	early := dl.Add(-time.Second)
	_, err := f.msg.SwapExactOut(f.ctx, &types.MsgSwapExactOut{Sender: f.bob.String(), Route: []types.SwapHop{hop(1, dmc)}, DenomIn: usdt, MaxIn: math.NewInt(1000), TokenOut: coin(dmc, 10), Deadline: &early})
	if !types.ErrDeadlinePassed.Is(err) {
		t.Fatalf("after the deadline: %v", err)
	}
	f.checkBooks()
}

// The buyback's path: a module account pays and receives; a minimum out not met moves nothing.
func TestSwapExactInFromModule(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	buyback := modAddr(types.BuybackAccount)
	f.bank.give(buyback, sdk.NewCoins(coin(usdt, 10_000)))
	before := f.snapshot()
	_, err := f.k.SwapExactInFromModule(f.ctx, types.BuybackAccount, []types.SwapHop{hop(1, dmc)}, coin(usdt, 10_000), math.NewInt(2487))
	if !types.ErrMinOutNotMet.Is(err) || !strings.Contains(err.Error(), "out 2486udmc below the minimum 2487udmc: 0.2486 udmc per uusdt") {
		t.Fatalf("minimum not met: %v", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused module swap changed state")
	}
	out, err := f.k.SwapExactInFromModule(f.ctx, types.BuybackAccount, []types.SwapHop{hop(1, dmc)}, coin(usdt, 10_000), math.NewInt(2486))
	if err != nil || out.String() != "2486udmc" {
		t.Fatalf("module swap %s %v", out, err)
	}
	if got := f.bank.bal[buyback.String()]; got.String() != "2486udmc" {
		t.Fatalf("buyback account holds %s", got)
	}
	f.checkBooks()
	if _, err := f.k.SwapExactInFromModule(f.ctx, types.ModuleName, []types.SwapHop{hop(1, dmc)}, coin(usdt, 1), math.ZeroInt()); !types.ErrInvalidAddress.Is(err) {
		t.Fatalf("the amm account swapping with itself: %v", err)
	}
}
