package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/types"
)

// The price accumulators. A pool's TwapRecord at time t holds cumulative_a = ∫ price_a dt and
// cumulative_b = ∫ price_b dt from the pool's creation to t (price_a = reserve_b / reserve_a, the
// price of one denom_a in denom_b; price_b its inverse; t in seconds). A record is written at the
// pool's first touch in a block (swap, join, exit), before that block changes the reserves, so
// the reserves a pool holds after a record's block held, unchanged, until the next record: the
// price between two records is constant, and after the last one it is the current spot price.
// The cumulative at any time t is read from the record at or before t and that price (O(1): one
// reverse and one forward iterator step), and the TWAP over [start, end] is
// (cumulative(end) - cumulative(start)) / (end - start).

// SpotPrices are the prices of one denom_a in denom_b and of one denom_b in denom_a.
func SpotPrices(p types.Pool) (a, b math.LegacyDec) {
	ra, rb := math.LegacyNewDecFromInt(p.ReserveA), math.LegacyNewDecFromInt(p.ReserveB)
	return rb.Quo(ra), ra.Quo(rb)
}

// integrate is price × d in seconds (multiplied by the nanoseconds, then divided).
func integrate(price math.LegacyDec, d time.Duration) math.LegacyDec {
	return price.MulInt64(d.Nanoseconds()).QuoInt64(int64(time.Second))
}

// startTwap writes a new pool's first record (zero cumulatives at its creation).
func (k Keeper) startTwap(ctx context.Context, p types.Pool) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	return k.TwapRecords.Set(ctx, collections.Join(p.Id, now), types.TwapRecord{
		PoolId: p.Id, Time: now, Height: sdkCtx.BlockHeight(), CumulativeA: math.LegacyZeroDec(), CumulativeB: math.LegacyZeroDec(),
	})
}

// touchPool is called before a block first changes pool p's reserves: once per pool and block it
// writes the record at the block time (p's reserves have held since the last record), then
// prunes at most 2 records older than the history kept.
func (k Keeper) touchPool(ctx context.Context, p types.Pool) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	if has, err := k.TwapRecords.Has(ctx, collections.Join(p.Id, now)); err != nil || has {
		return err
	}
	rec := types.TwapRecord{PoolId: p.Id, Time: now, Height: sdkCtx.BlockHeight(), CumulativeA: math.LegacyZeroDec(), CumulativeB: math.LegacyZeroDec()}
	last, found, err := k.recordAtOrBefore(ctx, p.Id, now)
	if err != nil {
		return err
	}
	if found {
		pa, pb := SpotPrices(p)
		d := now.Sub(last.Time)
		rec.CumulativeA, rec.CumulativeB = last.CumulativeA.Add(integrate(pa, d)), last.CumulativeB.Add(integrate(pb, d))
	}
	if err := k.TwapRecords.Set(ctx, collections.Join(p.Id, now), rec); err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	return k.pruneTwap(ctx, p.Id, now.Add(-params.TwapHistory))
}

// pruneTwap deletes at most 2 of pool id's records older than cutoff, always keeping the newest
// of those (a window that starts at the cutoff still finds the record before it).
func (k Keeper) pruneTwap(ctx context.Context, id uint64, cutoff time.Time) error {
	it, err := k.TwapRecords.Iterate(ctx, collections.NewPrefixedPairRange[uint64, time.Time](id).EndExclusive(cutoff))
	if err != nil {
		return err
	}
	var old []collections.Pair[uint64, time.Time]
	for ; it.Valid() && len(old) < 3; it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return err
		}
		old = append(old, key)
	}
	it.Close()
	for i := 0; i < len(old)-1 && i < 2; i++ {
		if err := k.TwapRecords.Remove(ctx, old[i]); err != nil {
			return err
		}
	}
	return nil
}

// firstRecord reads one record of pool id from a range: the first of its order.
func (k Keeper) firstRecord(ctx context.Context, r collections.Ranger[collections.Pair[uint64, time.Time]]) (types.TwapRecord, bool, error) {
	it, err := k.TwapRecords.Iterate(ctx, r)
	if err != nil {
		return types.TwapRecord{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.TwapRecord{}, false, nil
	}
	v, err := it.Value()
	return v, err == nil, err
}

func (k Keeper) recordAtOrBefore(ctx context.Context, id uint64, t time.Time) (types.TwapRecord, bool, error) {
	return k.firstRecord(ctx, collections.NewPrefixedPairRange[uint64, time.Time](id).EndInclusive(t).Descending())
}

func (k Keeper) recordAfter(ctx context.Context, id uint64, t time.Time) (types.TwapRecord, bool, error) {
	return k.firstRecord(ctx, collections.NewPrefixedPairRange[uint64, time.Time](id).StartExclusive(t))
}

func (k Keeper) oldestRecord(ctx context.Context, id uint64) (types.TwapRecord, bool, error) {
	return k.firstRecord(ctx, collections.NewPrefixedPairRange[uint64, time.Time](id))
}

// cumulativeAt is pool p's cumulative of denom_a's price (ofA) or denom_b's at t, which must be at
// or after its oldest record and at most the block time.
func (k Keeper) cumulativeAt(ctx context.Context, p types.Pool, t time.Time, ofA bool) (math.LegacyDec, error) {
	pick := func(r types.TwapRecord) math.LegacyDec {
		if ofA {
			return r.CumulativeA
		}
		return r.CumulativeB
	}
	r, found, err := k.recordAtOrBefore(ctx, p.Id, t)
	if err != nil {
		return math.LegacyDec{}, err
	}
	if !found {
		return math.LegacyDec{}, errorsmod.Wrapf(types.ErrTwapUnavailable, "pool %d has no price record at or before %s", p.Id, t.Format(time.RFC3339Nano))
	}
	if t.Equal(r.Time) {
		return pick(r), nil
	}
	next, found, err := k.recordAfter(ctx, p.Id, r.Time)
	if err != nil {
		return math.LegacyDec{}, err
	}
	if found {
		// the price held from r to next: (next - r) over their span, times t - r
		span := next.Time.Sub(r.Time).Nanoseconds()
		return pick(r).Add(pick(next).Sub(pick(r)).MulInt64(t.Sub(r.Time).Nanoseconds()).QuoInt64(span)), nil
	}
	pa, pb := SpotPrices(p)
	if !ofA {
		pa = pb
	}
	return pick(r).Add(integrate(pa, t.Sub(r.Time))), nil
}

// TWAP is the price of one base in quote (base and quote: the pool's two denoms, in either
// order), time-weighted over [start, end]. ErrTwapUnavailable when the window is empty, ends
// after the block time, or starts before the pool's oldest record (its creation, or the history
// kept: twap_history, pruned lazily).
func (k Keeper) TWAP(ctx context.Context, poolID uint64, base, quote string, start, end time.Time) (math.LegacyDec, error) {
	p, err := k.GetPool(ctx, poolID)
	if err != nil {
		return math.LegacyDec{}, err
	}
	ofA, err := baseIsA(p, base, quote)
	if err != nil {
		return math.LegacyDec{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if !start.Before(end) {
		return math.LegacyDec{}, errorsmod.Wrapf(types.ErrTwapUnavailable, "window from %s to %s is empty", start.Format(time.RFC3339Nano), end.Format(time.RFC3339Nano))
	}
	if end.After(now) {
		return math.LegacyDec{}, errorsmod.Wrapf(types.ErrTwapUnavailable, "window end %s is after the block time %s", end.Format(time.RFC3339Nano), now.Format(time.RFC3339Nano))
	}
	oldest, found, err := k.oldestRecord(ctx, p.Id)
	if err != nil {
		return math.LegacyDec{}, err
	}
	if !found || start.Before(oldest.Time) {
		since := "none"
		if found {
			since = oldest.Time.Format(time.RFC3339Nano)
		}
		return math.LegacyDec{}, errorsmod.Wrapf(types.ErrTwapUnavailable, "window start %s is before pool %d's price history (oldest record: %s)",
			start.Format(time.RFC3339Nano), p.Id, since)
	}
	cs, err := k.cumulativeAt(ctx, p, start, ofA)
	if err != nil {
		return math.LegacyDec{}, err
	}
	ce, err := k.cumulativeAt(ctx, p, end, ofA)
	if err != nil {
		return math.LegacyDec{}, err
	}
	return ce.Sub(cs).MulInt64(int64(time.Second)).QuoInt64(end.Sub(start).Nanoseconds()), nil
}

// baseIsA says whether base is the pool's denom_a and quote its denom_b (false: the reverse);
// any other pair is refused.
func baseIsA(p types.Pool, base, quote string) (bool, error) {
	switch {
	case base == p.DenomA && quote == p.DenomB:
		return true, nil
	case base == p.DenomB && quote == p.DenomA:
		return false, nil
	}
	return false, errorsmod.Wrapf(types.ErrInvalidDenom, "base %q and quote %q: pool %d holds %s and %s", base, quote, p.Id, p.DenomA, p.DenomB)
}
