package keeper

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/types"
)

// The monthly buyback and burn (SPEC §7). At each month epoch SetAside moves buyback_bps of each
// revenue denom's balance into the buyback account and schedules it in buyback_slices slices over
// buyback_duration; the slice queue (BeginBlocker) buys each slice into DMC through the pools,
// refusing a price worse than the route's TWAP by more than buyback_max_deviation_bps, and burns
// what it bought at once, as far as x/dmc's burn floor allows (the rest goes back to revenue).
// A refused slice's amount stays set aside: a later slice, or the next month's schedule, tries it
// again. Every step is recorded in the month's BuybackMonth of the denom.

// revenueDenomsLimit bounds the revenue denoms a month epoch reads (the accepted denoms and as
// many others).
const revenueDenomsLimit = types.MaxAcceptedDenoms * 2

// SetAside is the month epoch's step: for each revenue denom (and each denom with a buyback left
// over from before), in denom order, its set-aside and new schedule, each denom isolated from the
// others (blockhook: one that fails changes nothing and the others go on). If the DMC supply is at
// the burn floor nothing is set aside; the month records say so.
func (k Keeper) SetAside(ctx sdk.Context, month int64) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	room, err := k.dmc.BurnRoom(ctx)
	if err != nil {
		return err
	}
	balances, err := k.revenue.RevenueBalances(ctx, revenueDenomsLimit)
	if err != nil {
		return err
	}
	denoms := make([]string, 0, len(balances))
	for _, c := range balances {
		denoms = append(denoms, c.Denom)
	}
	// A buyback whose schedule ended with something left (no route, refused slices) gets a new
	// schedule even if its denom has no revenue this month. One buyback per denom ever set aside.
	if err := k.Buybacks.Walk(ctx, nil, func(_ uint64, b types.Buyback) (bool, error) {
		if b.Remaining.IsPositive() {
			denoms = append(denoms, b.Denom)
		}
		return false, nil
	}); err != nil {
		return err
	}
	slices.Sort(denoms)
	denoms = slices.Compact(denoms)
	for _, denom := range denoms {
		bal := balances.AmountOf(denom)
		blockhook.Run(ctx, types.ModuleName, "buyback_set_aside", func(c sdk.Context) error {
			return k.setAsideDenom(c, p, month, denom, bal, room)
		})
	}
	return nil
}

// setAsideDenom sets aside floor(balance × buyback_bps / 10000) of denom and gives its buyback
// (made at the denom's first month) a new schedule of buyback_slices slices, the first at once;
// what the buyback still held is carried into it.
func (k Keeper) setAsideDenom(ctx sdk.Context, p types.Params, month int64, denom string, bal, room math.Int) error {
	amount := bal.MulRaw(int64(p.BuybackBps)).QuoRaw(types.MaxBps)
	b, found, err := k.buybackOf(ctx, denom)
	if err != nil {
		return err
	}
	carried := math.ZeroInt()
	if found {
		carried = b.Remaining
	}
	if !amount.IsPositive() && !carried.IsPositive() {
		return nil
	}
	rec, err := k.buybackMonth(ctx, month, denom)
	if err != nil {
		return err
	}
	rec.CarriedIn = carried
	if !room.IsPositive() {
		// Nothing could be burned: the revenue stays in the ledger, and what is carried waits.
		rec.LastRefusal = fmt.Sprintf("the DMC supply is at the burn floor: nothing set aside (%s stays in revenue)", amounts.Coin(denom, amount))
		if err := k.BuybackMonths.Set(ctx, collections.Join(month, denom), rec); err != nil {
			return err
		}
		return k.emit(ctx, &types.EventBuybackSetAside{Month: month, Amount: amounts.Coin(denom, math.ZeroInt()), CarriedIn: amounts.Coin(denom, carried)})
	}
	if amount.IsPositive() {
		if err := k.revenue.SpendRevenueToModule(ctx, modaccounts.UseBuyback, types.BuybackAccount, sdk.NewCoin(denom, amount)); err != nil {
			return err
		}
	}
	if !found {
		id, err := k.NextBuybackID.Next(ctx)
		if err != nil {
			return err
		}
		b = types.Buyback{Id: id, Denom: denom, Remaining: math.ZeroInt()}
		if err := k.BuybackByDenom.Set(ctx, denom, id); err != nil {
			return err
		}
	}
	// The old schedule's next slice, if it had one, gives way to the new schedule.
	if err := k.SliceQueue.Remove(ctx, b.NextSlice, b.Id); err != nil {
		return err
	}
	b.Remaining = b.Remaining.Add(amount)
	b.Month, b.SlicesLeft, b.NextSlice = month, p.BuybackSlices, ctx.BlockTime()
	if err := k.Buybacks.Set(ctx, b.Id, b); err != nil {
		return err
	}
	if err := k.SliceQueue.Push(ctx, b.NextSlice, b.Id); err != nil {
		return err
	}
	rec.SetAside = rec.SetAside.Add(amount)
	if err := k.BuybackMonths.Set(ctx, collections.Join(month, denom), rec); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBuybackSetAside{
		Month: month, Amount: amounts.Coin(denom, amount), CarriedIn: amounts.Coin(denom, carried), Slices: p.BuybackSlices,
	})
}

// buybackOf is denom's buyback, if it has one.
func (k Keeper) buybackOf(ctx context.Context, denom string) (types.Buyback, bool, error) {
	id, err := k.BuybackByDenom.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Buyback{}, false, nil
	}
	if err != nil {
		return types.Buyback{}, false, err
	}
	b, err := k.Buybacks.Get(ctx, id)
	return b, err == nil, err
}

// buybackMonth is the (month, denom) record, or a new one with zero amounts.
func (k Keeper) buybackMonth(ctx context.Context, month int64, denom string) (types.BuybackMonth, error) {
	rec, err := k.BuybackMonths.Get(ctx, collections.Join(month, denom))
	if errors.Is(err, collections.ErrNotFound) {
		z := math.ZeroInt()
		return types.BuybackMonth{Month: month, Denom: denom, SetAside: z, CarriedIn: z, Spent: z, Bought: z, Burned: z, Returned: z}, nil
	}
	return rec, err
}

// sliceOutcome is what a slice did: spent of the buyback's denom bought udmc, of which burned
// was burned and returned credited back to revenue; price is bought per spent, twap the bound's.
type sliceOutcome struct {
	spent, bought, burned, returned math.Int
	price, twap                     math.LegacyDec
}

// sliceAmount is what the next slice of b spends: an equal part of what remains over the slices
// left (all of it at the last slice, or when the part rounds to zero), at most MaxAmount.
func sliceAmount(b types.Buyback) math.Int {
	amount := b.Remaining.QuoRaw(int64(b.SlicesLeft))
	if b.SlicesLeft == 1 || amount.IsZero() {
		amount = b.Remaining
	}
	return math.MinInt(amount, types.MaxAmount)
}

// slice runs the slice of buyback id due at due (the slice queue's handler). An entry that no
// longer matches the buyback (its schedule was replaced) does nothing. A refusal is recorded
// and the slice counts as done; only an error (the item's work discarded) is a failure.
func (k Keeper) slice(ctx context.Context, id uint64, due time.Time) error {
	b, err := k.Buybacks.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !b.NextSlice.Equal(due) || b.SlicesLeft == 0 || !b.Remaining.IsPositive() {
		return nil
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	rec, err := k.buybackMonth(ctx, b.Month, b.Denom)
	if err != nil {
		return err
	}
	amount := sliceAmount(b)
	out, refusal, err := k.buySlice(ctx, p, b.Denom, amount)
	if err != nil {
		return err
	}
	if refusal != "" {
		rec.SlicesRefused++
		rec.LastRefusal = refusal
		if err := k.emit(ctx, &types.EventBuybackSliceRefused{Month: b.Month, Amount: amounts.Coin(b.Denom, amount), Reason: refusal}); err != nil {
			return err
		}
	} else {
		b.Remaining = b.Remaining.Sub(out.spent)
		rec.SlicesDone++
		rec.Spent = rec.Spent.Add(out.spent)
		rec.Bought = rec.Bought.Add(out.bought)
		rec.Burned = rec.Burned.Add(out.burned)
		rec.Returned = rec.Returned.Add(out.returned)
		if err := k.emit(ctx, &types.EventBuybackSlice{
			Month: b.Month, Spent: amounts.Coin(b.Denom, out.spent), Bought: amounts.Coin(types.DMCDenom, out.bought),
			Burned: amounts.Coin(types.DMCDenom, out.burned), Returned: amounts.Coin(types.DMCDenom, out.returned),
			Price: FormatPrice(out.price), Twap: FormatPrice(out.twap),
		}); err != nil {
			return err
		}
	}
	b.SlicesLeft--
	if !b.Remaining.IsPositive() {
		b.SlicesLeft = 0
	}
	if b.SlicesLeft > 0 {
		b.NextSlice = b.NextSlice.Add(sliceInterval(p))
		if err := k.SliceQueue.Push(ctx, b.NextSlice, b.Id); err != nil {
			return err
		}
	}
	if err := k.Buybacks.Set(ctx, b.Id, b); err != nil {
		return err
	}
	return k.BuybackMonths.Set(ctx, collections.Join(rec.Month, rec.Denom), rec)
}

// sliceInterval is the time between two slices of a schedule: buyback_duration / buyback_slices,
// at least a second.
func sliceInterval(p types.Params) time.Duration {
	return max(p.BuybackDuration/time.Duration(p.BuybackSlices), time.Second)
}

// buySlice buys amount of denom into DMC and burns it, or says why not (refusal; nothing moved).
// udmc itself is burned as it is. Burned is at most x/dmc's burn room; the rest of what was bought
// goes back to revenue (source buyback_return). With no room at all the slice is refused before
// anything is swapped.
func (k Keeper) buySlice(ctx context.Context, p types.Params, denom string, amount math.Int) (sliceOutcome, string, error) {
	room, err := k.dmc.BurnRoom(ctx)
	if err != nil {
		return sliceOutcome{}, "", err
	}
	if !room.IsPositive() {
		return sliceOutcome{}, "the DMC supply is at the burn floor: nothing can be burned", nil
	}
	out := sliceOutcome{spent: amount, price: math.LegacyOneDec(), twap: math.LegacyOneDec()}
	if denom == types.DMCDenom {
		out.bought = amount
	} else {
		var refusal string
		out.bought, out.price, out.twap, refusal, err = k.swapSlice(ctx, p, denom, amount)
		if err != nil || refusal != "" {
			return sliceOutcome{}, refusal, err
		}
	}
	out.burned = math.MinInt(out.bought, room)
	out.returned = out.bought.Sub(out.burned)
	if err := k.dmc.BurnFromModule(ctx, types.BuybackAccount, out.burned); err != nil {
		return sliceOutcome{}, "", err
	}
	if out.returned.IsPositive() {
		if err := k.revenue.PayRevenueFromModule(ctx, modaccounts.SourceBuybackReturn, types.BuybackAccount,
			sdk.NewCoin(types.DMCDenom, out.returned)); err != nil {
			return sliceOutcome{}, "", err
		}
	}
	return out, "", nil
}

// swapSlice swaps amount of denom into udmc over the route that pays the most, for at least the
// route's TWAP less buyback_max_deviation_bps. A refusal (no route, no TWAP, a price too far from
// it) moves nothing.
func (k Keeper) swapSlice(ctx context.Context, p types.Params, denom string, amount math.Int) (bought math.Int, price, twap math.LegacyDec, refusal string, err error) {
	tokenIn := sdk.NewCoin(denom, amount)
	route, est, refusal, err := k.bestRoute(ctx, p, tokenIn)
	if err != nil || refusal != "" {
		return math.Int{}, math.LegacyDec{}, math.LegacyDec{}, refusal, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	twap, refusal, err = k.routeTWAP(ctx, route, denom, now.Add(-p.BuybackTwapWindow), now)
	if err != nil || refusal != "" {
		return math.Int{}, math.LegacyDec{}, math.LegacyDec{}, refusal, err
	}
	minOut, ok := minOutAt(amount, twap, p.BuybackMaxDeviationBps)
	price = ratio(est.Amount, amount)
	if !ok {
		return math.Int{}, math.LegacyDec{}, math.LegacyDec{}, fmt.Sprintf(
			"the TWAP %s %s per %s over %s asks more than any pool holds for %s", FormatPrice(twap), types.DMCDenom, denom, p.BuybackTwapWindow, tokenIn), nil
	}
	// Its own cache: a refused swap leaves no trace, not even its events.
	cc, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	got, err := k.SwapExactInFromModule(cc, types.BuybackAccount, route, tokenIn, minOut)
	if errors.Is(err, types.ErrMinOutNotMet) {
		return math.Int{}, math.LegacyDec{}, math.LegacyDec{}, fmt.Sprintf(
			"price %s %s per %s is worse than the TWAP %s over %s by more than %d bps: out %s below the minimum %s",
			FormatPrice(price), types.DMCDenom, denom, FormatPrice(twap), p.BuybackTwapWindow, p.BuybackMaxDeviationBps,
			est, amounts.Coin(types.DMCDenom, minOut)), nil
	}
	if err != nil {
		return math.Int{}, math.LegacyDec{}, math.LegacyDec{}, "", err
	}
	write()
	return got.Amount, ratio(got.Amount, amount), twap, "", nil
}

// minOutAt is ceil(amount × twap × (10000 - deviation_bps) / 10000), computed exactly on the
// TWAP's 18 decimals; ok is false when it exceeds MaxAmount (no pool could pay it).
func minOutAt(amount math.Int, twap math.LegacyDec, deviationBps uint32) (math.Int, bool) {
	num := new(big.Int).Mul(amount.BigInt(), twap.BigInt())
	num.Mul(num, big.NewInt(int64(types.MaxBps-deviationBps)))
	den := new(big.Int).Mul(big.NewInt(types.MaxBps), math.LegacyOneDec().BigInt())
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	if q.Cmp(types.MaxAmount.BigInt()) > 0 {
		return math.Int{}, false
	}
	return math.NewIntFromBigInt(q), true
}

// routeCandidate is a route to udmc and its pool ids (for ties).
type routeCandidate struct {
	route []types.SwapHop
	ids   []uint64
}

// bestRoute is the route from tokenIn's denom to udmc that pays the most for it now, and what it
// pays: the direct pool, or two hops through one other accepted denom (at most one pool per
// other denom, so at most MaxAcceptedDenoms candidates); ties go to the lower pool ids. A route
// that cannot take the amount (it pays nothing, or would overfill a reserve) is passed over.
func (k Keeper) bestRoute(ctx context.Context, p types.Params, tokenIn sdk.Coin) ([]types.SwapHop, sdk.Coin, string, error) {
	denom := tokenIn.Denom
	var cands []routeCandidate
	if direct, ok, err := k.PoolOfPair(ctx, denom, types.DMCDenom); err != nil {
		return nil, sdk.Coin{}, "", err
	} else if ok {
		cands = append(cands, routeCandidate{[]types.SwapHop{{PoolId: direct.Id, DenomOut: types.DMCDenom}}, []uint64{direct.Id}})
	}
	// Point reads for each accepted intermediate, never a walk of the denom's pools: a denom may
	// be in any number of pools of denoms no longer accepted (or imported at genesis).
	for _, x := range p.AcceptedDenoms {
		if x == denom || x == types.DMCDenom {
			continue
		}
		first, ok, err := k.PoolOfPair(ctx, denom, x)
		if err != nil {
			return nil, sdk.Coin{}, "", err
		}
		if !ok {
			continue
		}
		second, ok, err := k.PoolOfPair(ctx, x, types.DMCDenom)
		if err != nil {
			return nil, sdk.Coin{}, "", err
		}
		if ok {
			cands = append(cands, routeCandidate{
				[]types.SwapHop{{PoolId: first.Id, DenomOut: x}, {PoolId: second.Id, DenomOut: types.DMCDenom}},
				[]uint64{first.Id, second.Id},
			})
		}
	}
	if len(cands) == 0 {
		return nil, sdk.Coin{}, fmt.Sprintf("no pool route from %s to %s", denom, types.DMCDenom), nil
	}
	var (
		best    *routeCandidate
		bestOut sdk.Coin
		lastErr error
	)
	for i := range cands {
		c := &cands[i]
		out, err := k.EstimateExactIn(ctx, c.route, tokenIn)
		if errorsmod.IsOf(err, types.ErrInvalidAmount, types.ErrInsufficientLiquidity) {
			lastErr = err
			continue
		}
		if err != nil {
			return nil, sdk.Coin{}, "", err
		}
		if best == nil || out.Amount.GT(bestOut.Amount) || (out.Amount.Equal(bestOut.Amount) && slices.Compare(c.ids, best.ids) < 0) {
			best, bestOut = c, out
		}
	}
	if best == nil {
		return nil, sdk.Coin{}, fmt.Sprintf("no pool route from %s to %s takes %s: %v", denom, types.DMCDenom, tokenIn, lastErr), nil
	}
	return best.route, bestOut, "", nil
}

// routeTWAP is the route's time-weighted price of one denomIn in udmc over [start, end]: the
// product of its hops' TWAPs. A hop without one (a pool younger than the window, or whose history
// is gone) refuses the slice, and so does a TWAP that rounds to zero (no bound at all).
func (k Keeper) routeTWAP(ctx context.Context, route []types.SwapHop, denomIn string, start, end time.Time) (math.LegacyDec, string, error) {
	twap := math.LegacyOneDec()
	in := denomIn
	for _, h := range route {
		t, err := k.TWAP(ctx, h.PoolId, in, h.DenomOut, start, end)
		if errors.Is(err, types.ErrTwapUnavailable) {
			return math.LegacyDec{}, fmt.Sprintf("no TWAP of %s in %s over %s: %v", in, h.DenomOut, end.Sub(start), err), nil
		}
		if err != nil {
			return math.LegacyDec{}, "", err
		}
		// Each hop's price is at most MaxAmount (a ratio of two reserves), so the product of two
		// or three stays within LegacyDec's range only while it is bounded: cap it at MaxAmount,
		// above which no pool could pay anyway.
		twap = twap.Mul(t)
		if twap.GT(math.LegacyNewDecFromInt(types.MaxAmount)) {
			twap = math.LegacyNewDecFromInt(types.MaxAmount)
		}
		in = h.DenomOut
	}
	if !twap.IsPositive() {
		return math.LegacyDec{}, fmt.Sprintf("the TWAP of %s in %s over %s rounds to zero", denomIn, types.DMCDenom, end.Sub(start)), nil
	}
	return twap, "", nil
}
