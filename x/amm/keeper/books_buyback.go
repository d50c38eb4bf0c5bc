package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/amm/types"
)

// CheckBuybackBooks is the buyback's books check (tests run it after every block; it walks every
// buyback, month record and queued slice, so it never runs in a block): the buyback account holds
// exactly the buybacks' remaining amounts per denom and nothing else (the DMC a slice buys is
// burned or returned within the slice); each buyback is under its id, below next_buyback_id, and
// BuybackByDenom names exactly the buybacks; every buyback with slices left and something
// remaining is queued at its next slice, and the queue holds nothing else; every month record has
// burned + returned = bought.
func (k Keeper) CheckBuybackBooks(ctx context.Context) error {
	next, err := k.NextBuybackID.Peek(ctx)
	if err != nil {
		return err
	}
	want := sdk.NewCoins()
	buybacks := 0
	if err := k.Buybacks.Walk(ctx, nil, func(id uint64, b types.Buyback) (bool, error) {
		buybacks++
		if b.Id != id || id == 0 || id >= next {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "buyback %d of %s stored under id %d (next id %d)", b.Id, b.Denom, id, next)
		}
		if b.Remaining.IsNil() || b.Remaining.IsNegative() {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "buyback %d of %s: remaining %v", id, b.Denom, b.Remaining)
		}
		if byDenom, err := k.BuybackByDenom.Get(ctx, b.Denom); err != nil || byDenom != id {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "buyback %d of %s: the denom index says %d (%v)", id, b.Denom, byDenom, err)
		}
		if b.SlicesLeft > 0 && b.Remaining.IsPositive() {
			if queued, err := k.SliceQueue.Has(ctx, b.NextSlice, id); err != nil || !queued {
				return true, errorsmod.Wrapf(types.ErrBooksMismatch, "buyback %d of %s has %d slices left but none queued at its next slice %s (%v)",
					id, b.Denom, b.SlicesLeft, b.NextSlice.Format(time.RFC3339Nano), err)
			}
		}
		want = want.Add(sdk.NewCoin(b.Denom, b.Remaining))
		return false, nil
	}); err != nil {
		return err
	}
	denoms := 0
	if err := k.BuybackByDenom.Walk(ctx, nil, func(string, uint64) (bool, error) { denoms++; return false, nil }); err != nil {
		return err
	}
	if denoms != buybacks {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "%d buybacks, %d denom index entries", buybacks, denoms)
	}
	if err := k.SliceQueue.Walk(ctx, func(it queue.Item[time.Time]) (bool, error) {
		b, err := k.Buybacks.Get(ctx, it.ID)
		if err != nil || !b.NextSlice.Equal(it.Due) || b.SlicesLeft == 0 || !b.Remaining.IsPositive() {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "slice of buyback %d queued at %s: the buyback has %d slices left, %s remaining, next at %s (%v)",
				it.ID, it.Due.Format(time.RFC3339Nano), b.SlicesLeft, b.Remaining, b.NextSlice.Format(time.RFC3339Nano), err)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.BuybackMonths.Walk(ctx, nil, func(key collections.Pair[int64, string], m types.BuybackMonth) (bool, error) {
		if m.Month != key.K1() || m.Denom != key.K2() || !m.Burned.Add(m.Returned).Equal(m.Bought) {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "buyback month %d of %s (stored as %d, %s): burned %s + returned %s, bought %s",
				m.Month, m.Denom, key.K1(), key.K2(), m.Burned, m.Returned, m.Bought)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if held := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(types.BuybackAccount)); !held.Equal(want) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "the %s account holds %s; the buybacks' remaining amounts are %s", types.BuybackAccount, held, want)
	}
	return nil
}
