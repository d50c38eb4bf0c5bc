package keeper_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	queuetypes "github.com/dmexchain/dmex/internal/queue/types"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
)

const bbDMC = types.DMCDenom

// bbReserve is each side of the test pools: 10^12, against which a slice of 200,000 moves the
// price by 0.00002%.
const bbReserve = "1000000000000"

func bbHop(id uint64, out string) types.SwapHop { return types.SwapHop{PoolId: id, DenomOut: out} }

// amountOf parses an event's coin string and checks its denom.
func amountOf(t *testing.T, s, denom string) math.Int {
	t.Helper()
	c, err := sdk.ParseCoinNormalized(s)
	if err != nil || c.Denom != denom {
		t.Fatalf("coin %q: %v (want a %s amount)", s, err, denom)
	}
	return c.Amount
}

// A month epoch sets aside floor(balance × 80%) of each revenue denom into the buyback account
// (recorded as the ledger's buyback use), the rest stays in revenue, and the denom's buyback gets a
// schedule of buyback_slices slices, the first at once. Another epoch identifier does nothing.
func TestMonthSetsAsideEightyPercentOfEachRevenueDenom(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000003uusdt")
	f.pay("50uht")
	f.advance(time.Hour)

	must(t, f.k.EpochHooks().AfterEpochEnd(f.ctx, "day", 7))
	if !f.revenue("uusdt").Equal(math.NewInt(1_000_003)) || !f.held("uusdt").IsZero() {
		t.Fatalf("a day epoch moved revenue: %s left, %s set aside", f.revenue("uusdt"), f.held("uusdt"))
	}
	must(t, f.k.EpochHooks().AfterEpochEnd(f.ctx, keeper.MonthEpoch, 3))
	f.check()

	for _, tc := range []struct {
		denom          string
		setAside, left int64
	}{{"uusdt", 800_002, 200_001}, {"uht", 40, 10}} {
		if got := f.revenue(tc.denom); !got.Equal(math.NewInt(tc.left)) {
			t.Errorf("%s revenue left %s, want %d", tc.denom, got, tc.left)
		}
		if got := f.held(tc.denom); !got.Equal(math.NewInt(tc.setAside)) {
			t.Errorf("%s set aside %s, want %d", tc.denom, got, tc.setAside)
		}
		if debit, _ := f.dmc.RevenueDebits.Get(f.ctx, collections.Join(tc.denom, modaccounts.UseBuyback)); !debit.Equal(math.NewInt(tc.setAside)) {
			t.Errorf("%s debited to the buyback: %s, want %d", tc.denom, debit, tc.setAside)
		}
		b := f.buyback(tc.denom)
		if !b.Remaining.Equal(math.NewInt(tc.setAside)) || b.Month != 3 || b.SlicesLeft != 4 || !b.NextSlice.Equal(f.ctx.BlockTime()) {
			t.Errorf("%s buyback %+v", tc.denom, b)
		}
		rec := f.record(3, tc.denom)
		if !rec.SetAside.Equal(math.NewInt(tc.setAside)) || !rec.CarriedIn.IsZero() || !rec.Spent.IsZero() || rec.SlicesDone != 0 {
			t.Errorf("%s month record %+v", tc.denom, rec)
		}
	}
	evs := bbEvents[*types.EventBuybackSetAside](f)
	if len(evs) != 2 || evs[0].Amount != "40uht" || evs[1].Amount != "800002uusdt" || evs[1].CarriedIn != "0uusdt" || evs[1].Month != 3 || evs[1].Slices != 4 {
		t.Fatalf("set-aside events %v", evs)
	}
	if f.buyback("uht").Id != 1 || f.buyback("uusdt").Id != 2 {
		t.Fatalf("buyback ids %d, %d: want 1 and 2, in denom order", f.buyback("uht").Id, f.buyback("uusdt").Id)
	}
}

// Slices one buyback_duration / buyback_slices apart buy DMC through the pool and burn it at
// once: the supply falls by exactly the burned total, which x/dmc's books record; each slice spends
// remaining / slices_left, the last what is left.
func TestSlicesBuyDMCAndBurnItOverTheDuration(t *testing.T) {
	f := newBuybackFixture(t)
	pool := f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000003uusdt")
	f.advance(2 * time.Hour)
	supply0, burned0 := f.supply(), f.burned()
	dmcR0, usdtR0 := f.reserves(pool) // denom_a is udmc, denom_b uusdt

	f.monthEnds(1)
	total := math.ZeroInt()
	for i, spent := range []int64{200_000, 200_000, 200_001, 200_001} {
		if i > 0 {
			// Not before the slice's time.
			f.block(30 * time.Minute)
			if n := len(bbEvents[*types.EventBuybackSlice](f)); n != 0 {
				t.Fatalf("slice %d ran half an hour early", i+1)
			}
			f.block(30 * time.Minute)
		}
		evs := bbEvents[*types.EventBuybackSlice](f)
		if len(evs) != 1 {
			t.Fatalf("slice %d: %d slice events", i+1, len(evs))
		}
		ev := evs[0]
		bought := amountOf(t, ev.Bought, bbDMC)
		if ev.Spent != fmt.Sprintf("%duusdt", spent) || ev.Burned != ev.Bought || ev.Returned != "0udmc" || ev.Month != 1 {
			t.Fatalf("slice %d: %v", i+1, ev)
		}
		// 1 uusdt buys 0.997 udmc less the price impact (the 0.3% fee)
		if lo, hi := math.NewInt(spent*9969/10000), math.NewInt(spent*997/1000); bought.LT(lo) || bought.GT(hi) {
			t.Fatalf("slice %d bought %s for %d, want between %s and %s", i+1, bought, spent, lo, hi)
		}
		// The TWAP is 1 but for the slices' own (tiny) moves of the price.
		if !strings.HasPrefix(ev.Price, "0.99") || (ev.Twap != "1" && !strings.HasPrefix(ev.Twap, "0.99999")) {
			t.Fatalf("slice %d price %s, twap %s", i+1, ev.Price, ev.Twap)
		}
		total = total.Add(bought)
		if b := f.buyback("uusdt"); b.SlicesLeft != uint32(3-i) {
			t.Fatalf("after slice %d: %d slices left", i+1, b.SlicesLeft)
		}
	}
	if got := supply0.Sub(f.supply()); !got.Equal(total) {
		t.Fatalf("supply fell by %s, the slices burned %s", got, total)
	}
	if got := f.burned().Sub(burned0); !got.Equal(total) {
		t.Fatalf("x/dmc's burned rose by %s, the slices burned %s", got, total)
	}
	dmcR, usdtR := f.reserves(pool)
	if !usdtR.Sub(usdtR0).Equal(math.NewInt(800_002)) || !dmcR0.Sub(dmcR).Equal(total) {
		t.Fatalf("pool reserves moved by %s udmc and %s uusdt", dmcR0.Sub(dmcR), usdtR.Sub(usdtR0))
	}
	rec := f.record(1, "uusdt")
	if !rec.Spent.Equal(math.NewInt(800_002)) || !rec.Bought.Equal(total) || !rec.Burned.Equal(total) || !rec.Returned.IsZero() ||
		rec.SlicesDone != 4 || rec.SlicesRefused != 0 || rec.LastRefusal != "" {
		t.Fatalf("month record %+v", rec)
	}
	b := f.buyback("uusdt")
	if !b.Remaining.IsZero() || b.SlicesLeft != 0 || !f.held("uusdt").IsZero() || !f.held(bbDMC).IsZero() {
		t.Fatalf("after the last slice: %+v, account holds %s", b, f.bank.GetAllBalances(f.ctx, authtypes.NewModuleAddress(types.BuybackAccount)))
	}
	f.block(time.Hour)
	if n := len(bbEvents[*types.EventBuybackSlice](f)) + len(bbEvents[*types.EventBuybackSliceRefused](f)); n != 0 {
		t.Fatalf("%d slice events after the schedule ended", n)
	}
}

// A slice whose price is worse than the TWAP by more than 3% (a trader bought DMC just before it)
// is refused: nothing is swapped, the amount stays set aside, the month record says why, and the
// next slice, once the TWAP has caught up, buys.
func TestSliceRefusedWhenThePriceIsOffTheTWAP(t *testing.T) {
	f := newBuybackFixture(t)
	pool := f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000000uusdt")
	f.advance(2 * time.Hour)
	f.swap("50000000000uusdt", bbHop(pool, bbDMC)) // 5% of the reserve: the spot moves about 10%
	f.advance(3 * time.Second)
	ra, rb := f.reserves(pool)
	supply := f.supply()

	f.monthEnds(1)
	refused := bbEvents[*types.EventBuybackSliceRefused](f)
	if len(refused) != 1 || refused[0].Amount != "200000uusdt" || refused[0].Month != 1 {
		t.Fatalf("refusals %v", refused)
	}
	reason := refused[0].Reason
	for _, want := range []string{"price 0.90", "udmc per uusdt is worse than the TWAP 0.9999", "over 1h0m0s by more than 300 bps", "below the minimum 1939"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q does not say %q", reason, want)
		}
	}
	if n := len(bbEvents[*types.EventBuybackSlice](f)) + len(bbEvents[*types.EventSwap](f)); n != 0 {
		t.Fatalf("a refused slice emitted %d slice or swap events", n)
	}
	if a, b := f.reserves(pool); !a.Equal(ra) || !b.Equal(rb) || !f.supply().Equal(supply) {
		t.Fatal("a refused slice moved the pool or the supply")
	}
	b := f.buyback("uusdt")
	if !b.Remaining.Equal(math.NewInt(800_000)) || b.SlicesLeft != 3 || !f.held("uusdt").Equal(math.NewInt(800_000)) {
		t.Fatalf("after the refusal: %+v, %s held", b, f.held("uusdt"))
	}
	rec := f.record(1, "uusdt")
	if rec.SlicesRefused != 1 || rec.SlicesDone != 0 || rec.LastRefusal != reason || !rec.Spent.IsZero() {
		t.Fatalf("month record %+v", rec)
	}

	// An hour later the last hour's TWAP is the new price: the next slice (800000/3) is bought.
	f.block(time.Hour)
	evs := bbEvents[*types.EventBuybackSlice](f)
	if len(evs) != 1 || evs[0].Spent != "266666uusdt" {
		t.Fatalf("the next slice: %v (refused: %v)", evs, bbEvents[*types.EventBuybackSliceRefused](f))
	}
	if rec := f.record(1, "uusdt"); rec.SlicesDone != 1 || rec.SlicesRefused != 1 || rec.LastRefusal != reason {
		t.Fatalf("month record after a bought slice %+v", rec)
	}
}

// A denom with no pool route to DMC stays set aside: every slice is refused, the schedule ends with
// everything remaining; once a pool exists, the next month carries it into the new schedule and
// buys it (after the pool has an hour of price history).
func TestNoRouteStaysSetAsideUntilAPoolExists(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000000uht")
	f.advance(time.Hour)
	f.monthEnds(1)
	for i := range 4 {
		if i > 0 {
			f.block(time.Hour)
		}
		refused := bbEvents[*types.EventBuybackSliceRefused](f)
		if len(refused) != 1 || refused[0].Reason != "no pool route from uht to udmc" {
			t.Fatalf("slice %d: %v", i+1, refused)
		}
	}
	b := f.buyback("uht")
	if !b.Remaining.Equal(math.NewInt(800_000)) || b.SlicesLeft != 0 || !f.held("uht").Equal(math.NewInt(800_000)) {
		t.Fatalf("after a month without a route: %+v", b)
	}
	if rec := f.record(1, "uht"); rec.SlicesRefused != 4 || rec.LastRefusal != "no pool route from uht to udmc" {
		t.Fatalf("month record %+v", rec)
	}
	f.block(time.Hour)
	if n := len(bbEvents[*types.EventBuybackSliceRefused](f)); n != 0 {
		t.Fatalf("%d refusals after the schedule ended: the buyback should wait for the month", n)
	}

	f.pool(bbReserve+"uht", bbReserve+bbDMC)
	f.advance(2 * time.Hour)
	supply := f.supply()
	f.monthEnds(2)
	rec := f.record(2, "uht")
	if !rec.CarriedIn.Equal(math.NewInt(800_000)) || !rec.SetAside.Equal(math.NewInt(160_000)) || rec.SlicesDone != 1 {
		t.Fatalf("month 2 record %+v", rec)
	}
	evs := bbEvents[*types.EventBuybackSetAside](f)
	if len(evs) != 1 || evs[0].Amount != "160000uht" || evs[0].CarriedIn != "800000uht" || evs[0].Month != 2 {
		t.Fatalf("set-aside events %v", evs)
	}
	slices := bbEvents[*types.EventBuybackSlice](f)
	if len(slices) != 1 || slices[0].Spent != "240000uht" || slices[0].Month != 2 {
		t.Fatalf("the first slice of month 2: %v", slices)
	}
	if got := supply.Sub(f.supply()); !got.Equal(amountOf(t, slices[0].Burned, bbDMC)) || !got.IsPositive() {
		t.Fatalf("supply fell by %s, the slice burned %s", got, slices[0].Burned)
	}
	if b := f.buyback("uht"); !b.Remaining.Equal(math.NewInt(720_000)) || b.Month != 2 || b.SlicesLeft != 3 {
		t.Fatalf("month 2 buyback %+v", b)
	}
}

// Without a direct pool, or when two hops pay more, a slice goes through one other accepted denom;
// the TWAP bound is the product of the hops' TWAPs.
func TestSliceTakesTheRouteThatPaysMost(t *testing.T) {
	f := newBuybackFixture(t)
	direct := f.pool(bbReserve+"uht", bbReserve+bbDMC) // 1 uht = 1 udmc
	first := f.pool(bbReserve+"uht", "2000000000000uusdt")
	second := f.pool(bbReserve+"uusdt", bbReserve+bbDMC) // 1 uht = 2 uusdt = 2 udmc
	f.pay("1000000uht")
	f.advance(2 * time.Hour)
	f.monthEnds(1)
	swaps := bbEvents[*types.EventSwap](f)
	if len(swaps) != 2 || swaps[0].PoolId != first || swaps[1].PoolId != second || swaps[0].TokenIn != "200000uht" {
		t.Fatalf("swaps %v, want pool %d then %d (not the direct pool %d)", swaps, first, second, direct)
	}
	evs := bbEvents[*types.EventBuybackSlice](f)
	if len(evs) != 1 || evs[0].Twap != "2" || evs[0].Bought != swaps[1].TokenOut {
		t.Fatalf("slice %v", evs)
	}
	// two 0.3% fees: 200000 × 2 × 0.997² less a little impact
	if bought := amountOf(t, evs[0].Bought, bbDMC); bought.LT(math.NewInt(397_600)) || bought.GT(math.NewInt(397_610)) {
		t.Fatalf("bought %s", bought)
	}
}

// The burn never takes the supply below x/dmc's floor: of a slice that buys more than the room,
// the room is burned and the rest credited back to revenue (source buyback_return); the next
// slice, with no room left, is refused before any swap and changes nothing but its record.
func TestBurnFloorReturnsWhatWouldCrossIt(t *testing.T) {
	f := newBuybackFixture(t)
	pool := f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000000uusdt")
	f.advance(2 * time.Hour)
	f.burnFloorAt(1_000)
	floor := f.supply().SubRaw(1_000)

	f.monthEnds(1)
	evs := bbEvents[*types.EventBuybackSlice](f)
	if len(evs) != 1 {
		t.Fatalf("slice events %v", evs)
	}
	bought := amountOf(t, evs[0].Bought, bbDMC)
	returned := bought.SubRaw(1_000)
	if evs[0].Burned != "1000udmc" || evs[0].Returned != returned.String()+bbDMC || !returned.IsPositive() {
		t.Fatalf("slice %v", evs[0])
	}
	if !f.supply().Equal(floor) {
		t.Fatalf("supply %s, the floor is %s", f.supply(), floor)
	}
	if !f.credited(bbDMC, modaccounts.SourceBuybackReturn).Equal(returned) || !f.revenue(bbDMC).Equal(returned) {
		t.Fatalf("revenue got %s back as buyback_return (balance %s), want %s", f.credited(bbDMC, modaccounts.SourceBuybackReturn), f.revenue(bbDMC), returned)
	}
	rec := f.record(1, "uusdt")
	if !rec.Bought.Equal(bought) || !rec.Burned.Equal(math.NewInt(1_000)) || !rec.Returned.Equal(returned) {
		t.Fatalf("month record %+v", rec)
	}

	ra, rb := f.reserves(pool)
	revenue, held, burned := f.revenue(bbDMC), f.held("uusdt"), f.burned()
	f.block(time.Hour)
	refused := bbEvents[*types.EventBuybackSliceRefused](f)
	if len(refused) != 1 || !strings.Contains(refused[0].Reason, "burn floor") {
		t.Fatalf("at the floor: %v", refused)
	}
	if a, b := f.reserves(pool); !a.Equal(ra) || !b.Equal(rb) || !f.supply().Equal(floor) || !f.revenue(bbDMC).Equal(revenue) ||
		!f.held("uusdt").Equal(held) || !f.burned().Equal(burned) || len(bbEvents[*types.EventSwap](f)) != 0 {
		t.Fatal("a slice at the floor moved something")
	}
}

// At a month epoch with the supply at the floor nothing is set aside: revenue keeps it all and the
// month record says why.
func TestMonthAtTheBurnFloorSetsNothingAside(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000000uusdt")
	f.burnFloorAt(0)
	f.advance(time.Hour)
	f.monthEnds(1)
	if !f.revenue("uusdt").Equal(math.NewInt(1_000_000)) || !f.held("uusdt").IsZero() {
		t.Fatalf("revenue %s, set aside %s", f.revenue("uusdt"), f.held("uusdt"))
	}
	if has, _ := f.k.BuybackByDenom.Has(f.ctx, "uusdt"); has {
		t.Fatal("a buyback was scheduled at the floor")
	}
	rec := f.record(1, "uusdt")
	if !rec.SetAside.IsZero() || !strings.Contains(rec.LastRefusal, "burn floor") || !strings.Contains(rec.LastRefusal, "800000uusdt stays in revenue") {
		t.Fatalf("month record %+v", rec)
	}
	if evs := bbEvents[*types.EventBuybackSetAside](f); len(evs) != 1 || evs[0].Amount != "0uusdt" || evs[0].Slices != 0 {
		t.Fatalf("set-aside events %v", evs)
	}
}

// udmc revenue takes the same path, and its slices burn it as it is: no swap.
func TestDMCRevenueIsBurnedDirectly(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000000udmc")
	f.advance(time.Hour)
	supply := f.supply()
	f.monthEnds(1)
	for i := range 4 {
		if i > 0 {
			f.block(time.Hour)
		}
		evs := bbEvents[*types.EventBuybackSlice](f)
		if len(evs) != 1 || evs[0].Spent != "200000udmc" || evs[0].Bought != "200000udmc" || evs[0].Burned != "200000udmc" || evs[0].Price != "1" {
			t.Fatalf("slice %d: %v", i+1, evs)
		}
		if n := len(bbEvents[*types.EventSwap](f)); n != 0 {
			t.Fatalf("slice %d swapped", i+1)
		}
	}
	if got := supply.Sub(f.supply()); !got.Equal(math.NewInt(800_000)) || !f.burned().Equal(math.NewInt(800_000)) {
		t.Fatalf("supply fell by %s, burned %s; want 800000", got, f.burned())
	}
	if !f.revenue(bbDMC).Equal(math.NewInt(200_000)) {
		t.Fatalf("revenue keeps %s udmc, want 200000", f.revenue(bbDMC))
	}
}

// A block runs at most buyback_slices_per_block slices (refusals count); the rest run next block.
func TestSlicesPerBlockAreBounded(t *testing.T) {
	f := newBuybackFixture(t)
	f.params(func(p *types.Params) { p.BuybackSlicesPerBlock = 2 })
	f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000udmc")
	f.pay("1000uht") // no route: refused, but a slice of the block's work all the same
	f.pay("1000uusdt")
	f.advance(2 * time.Hour)
	f.monthEnds(1)
	ran := func() int {
		return len(bbEvents[*types.EventBuybackSlice](f)) + len(bbEvents[*types.EventBuybackSliceRefused](f))
	}
	if n := ran(); n != 2 {
		t.Fatalf("%d slices in the first block, want 2", n)
	}
	// Due at the same time, by id: udmc (1), uht (2), then uusdt (3).
	if f.buyback(bbDMC).SlicesLeft != 3 || f.buyback("uht").SlicesLeft != 3 || f.buyback("uusdt").SlicesLeft != 4 {
		t.Fatalf("slices left %d, %d, %d", f.buyback(bbDMC).SlicesLeft, f.buyback("uht").SlicesLeft, f.buyback("uusdt").SlicesLeft)
	}
	f.block(3 * time.Second)
	if n := ran(); n != 1 || f.buyback("uusdt").SlicesLeft != 3 {
		t.Fatalf("next block: %d slices, uusdt has %d left", n, f.buyback("uusdt").SlicesLeft)
	}
}

// A slice whose work fails (an error, not a refusal) changes nothing, is retried an hour later with
// the buyback's next_slice moved along, and after 5 failures is parked: the schedule stops and what
// is set aside waits for the next month.
func TestFailingSliceIsRetriedThenParked(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000000udmc")
	f.advance(time.Hour)
	must(t, f.k.EpochHooks().AfterEpochEnd(f.ctx, keeper.MonthEpoch, 1))
	// The buyback claims ten times what its account holds: the burn of a slice fails.
	b := f.buyback(bbDMC)
	b.Remaining = b.Remaining.MulRaw(10)
	must(t, f.k.Buybacks.Set(f.ctx, b.Id, b))
	supply := f.supply()
	for i := 1; i <= keeper.MaxSliceFailures; i++ {
		if i > 1 {
			f.advance(keeper.SliceRetry)
		}
		must(t, f.k.BeginBlocker(f.ctx))
		failed := bbEvents[*queuetypes.EventItemFailed](f)
		if len(failed) != 1 || failed[0].Failures != uint32(i) || failed[0].Parked != (i == keeper.MaxSliceFailures) || !strings.Contains(failed[0].Error, "holds 800000udmc") {
			t.Fatalf("failure %d: %v", i, failed)
		}
		b := f.buyback(bbDMC)
		if i < keeper.MaxSliceFailures && (b.SlicesLeft != 4 || !b.NextSlice.Equal(f.ctx.BlockTime().Add(keeper.SliceRetry))) {
			t.Fatalf("after failure %d: %+v", i, b)
		}
		if n := len(bbEvents[*types.EventBuybackSlice](f)) + len(bbEvents[*types.EventBuybackSliceRefused](f)); n != 0 || !f.supply().Equal(supply) {
			t.Fatalf("failure %d left %d slice events, supply %s", i, n, f.supply())
		}
	}
	b = f.buyback(bbDMC)
	if b.SlicesLeft != 0 || !b.Remaining.Equal(math.NewInt(8_000_000)) {
		t.Fatalf("parked buyback %+v", b)
	}
	if rec := f.record(1, bbDMC); !strings.Contains(rec.LastRefusal, "failed 5 times") || rec.SlicesDone != 0 {
		t.Fatalf("month record %+v", rec)
	}
	n := 0
	must(t, f.k.SliceQueue.Walk(f.ctx, func(queue.Item[time.Time]) (bool, error) { n++; return false, nil }))
	if n != 0 {
		t.Fatalf("%d slices queued after parking", n)
	}
}

// CheckBuybackBooks catches each way the buyback's books can go wrong.
func TestCheckBuybackBooksCatchesAMismatch(t *testing.T) {
	f := newBuybackFixture(t)
	f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000000uusdt")
	f.advance(2 * time.Hour)
	f.monthEnds(1)
	b := f.buyback("uusdt")
	must(t, f.k.CheckBuybackBooks(f.ctx))

	for _, tc := range []struct {
		name    string
		corrupt func(ctx sdk.Context) error
	}{
		{"remaining above what the account holds", func(ctx sdk.Context) error {
			c := b
			c.Remaining = c.Remaining.AddRaw(1)
			return f.k.Buybacks.Set(ctx, c.Id, c)
		}},
		{"a coin no buyback holds", func(ctx sdk.Context) error {
			return f.bank.SendCoinsFromAccountToModule(ctx, f.lp, types.BuybackAccount, sdk.NewCoins(bbCoin("1uhusd")))
		}},
		{"DMC left in the account", func(ctx sdk.Context) error {
			return f.bank.SendCoinsFromAccountToModule(ctx, f.lp, types.BuybackAccount, sdk.NewCoins(bbCoin("1udmc")))
		}},
		{"a schedule not queued", func(ctx sdk.Context) error { return f.k.SliceQueue.Remove(ctx, b.NextSlice, b.Id) }},
		{"a queued slice of no schedule", func(ctx sdk.Context) error { return f.k.SliceQueue.Push(ctx, b.NextSlice.Add(time.Minute), b.Id) }},
		{"the denom index pointing elsewhere", func(ctx sdk.Context) error { return f.k.BuybackByDenom.Set(ctx, "uusdt", 99) }},
		{"an index entry of no buyback", func(ctx sdk.Context) error { return f.k.BuybackByDenom.Set(ctx, "uhusd", b.Id) }},
		{"an id at next_buyback_id", func(ctx sdk.Context) error { return f.k.NextBuybackID.Set(ctx, b.Id) }},
		{"bought is not burned + returned", func(ctx sdk.Context) error {
			rec := f.record(1, "uusdt")
			rec.Bought = rec.Bought.AddRaw(1)
			return f.k.BuybackMonths.Set(ctx, collections.Join(rec.Month, rec.Denom), rec)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := f.ctx.CacheContext()
			must(t, tc.corrupt(ctx))
			if err := f.k.CheckBuybackBooks(ctx); !errors.Is(err, types.ErrBooksMismatch) {
				t.Fatalf("books check: %v", err)
			}
		})
	}
}

// The buyback queries page by key: Buybacks by denom, BuybackMonths by month then denom.
func TestBuybackQueriesPageByKey(t *testing.T) {
	f := newBuybackFixture(t)
	var denoms, months []string
	for i := range 1_100 {
		denom := fmt.Sprintf("d%04d", i)
		must(t, f.k.Buybacks.Set(f.ctx, uint64(i+1), types.Buyback{Id: uint64(i + 1), Denom: denom, Month: 1, Remaining: math.NewInt(int64(i))}))
		must(t, f.k.BuybackByDenom.Set(f.ctx, denom, uint64(i+1)))
		denoms = append(denoms, denom)
		month, d := int64(i/10+1), fmt.Sprintf("m%02d", i%10)
		z := math.ZeroInt()
		must(t, f.k.BuybackMonths.Set(f.ctx, collections.Join(month, d), types.BuybackMonth{
			Month: month, Denom: d, SetAside: z, CarriedIn: z, Spent: z, Bought: z, Burned: z, Returned: z,
		}))
		months = append(months, fmt.Sprintf("%d/%s", month, d))
	}
	testutil.CheckPages(t, denoms, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
		res, err := f.q.Buybacks(f.ctx, &types.QueryBuybacksRequest{Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		out := make([]string, len(res.Buybacks))
		for i, b := range res.Buybacks {
			out[i] = b.Denom
		}
		return out, res.Pagination, nil
	})
	testutil.CheckPages(t, months, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
		res, err := f.q.BuybackMonths(f.ctx, &types.QueryBuybackMonthsRequest{Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		out := make([]string, len(res.Months))
		for i, m := range res.Months {
			out[i] = fmt.Sprintf("%d/%s", m.Month, m.Denom)
		}
		return out, res.Pagination, nil
	})
	if _, err := f.q.Buybacks(f.ctx, nil); err != nil {
		t.Fatalf("a nil request: %v", err)
	}
}

// An export in the middle of a schedule imports into a fresh keeper with the same buybacks,
// records and queued slice, and exports the same again.
func TestBuybackGenesisRoundTrip(t *testing.T) {
	f := newBuybackFixture(t)
	f.pool(bbReserve+"uusdt", bbReserve+bbDMC)
	f.pay("1000000uusdt")
	f.pay("1000uht")
	f.advance(2 * time.Hour)
	f.monthEnds(1)
	f.block(time.Hour)
	gs, err := f.k.ExportGenesis(f.ctx)
	must(t, err)
	if len(gs.Buybacks) != 2 || len(gs.BuybackMonths) != 2 || gs.NextBuybackId != 3 {
		t.Fatalf("export: %d buybacks, %d months, next id %d", len(gs.Buybacks), len(gs.BuybackMonths), gs.NextBuybackId)
	}
	must(t, gs.Validate())

	g := newBuybackFixture(t)
	must(t, g.k.InitGenesis(g.ctx, *gs))
	again, err := g.k.ExportGenesis(g.ctx)
	must(t, err)
	if gs.String() != again.String() {
		t.Fatalf("re-export differs:\n%v\n%v", gs, again)
	}
	for _, b := range gs.Buybacks {
		if queued, err := g.k.SliceQueue.Has(g.ctx, b.NextSlice, b.Id); err != nil || !queued {
			t.Fatalf("buyback %d of %s not queued at %s after import", b.Id, b.Denom, b.NextSlice)
		}
	}
}

// What a schedule left is rescheduled at the next month even when its denom has no revenue left
// to add (the authority spent it).
func TestLeftoverIsRescheduledWithoutNewRevenue(t *testing.T) {
	f := newBuybackFixture(t)
	f.pay("1000000uht")
	f.advance(time.Hour)
	f.monthEnds(1)
	for range 3 {
		f.block(time.Hour)
	}
	must(t, f.dmc.SpendRevenue(f.ctx, modaccounts.UseAuthoritySpend, f.lp, bbCoin("200000uht")))
	f.pool(bbReserve+"uht", bbReserve+bbDMC)
	f.advance(2 * time.Hour)
	f.monthEnds(2)
	rec := f.record(2, "uht")
	if !rec.SetAside.IsZero() || !rec.CarriedIn.Equal(math.NewInt(800_000)) || rec.SlicesDone != 1 {
		t.Fatalf("month 2 record %+v", rec)
	}
	if evs := bbEvents[*types.EventBuybackSlice](f); len(evs) != 1 || evs[0].Spent != "200000uht" {
		t.Fatalf("month 2's first slice: %v", evs)
	}
	if b := f.buyback("uht"); b.Month != 2 || b.SlicesLeft != 3 || !b.Remaining.Equal(math.NewInt(600_000)) {
		t.Fatalf("month 2 buyback %+v", b)
	}
}
