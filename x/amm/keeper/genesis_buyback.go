package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/amm/types"
)

// initBuybacks imports the buybacks (and their slice queue entries: one for each buyback with
// slices left and something remaining, at its next slice) and the monthly records.
func (k Keeper) initBuybacks(ctx context.Context, gs types.GenesisState) error {
	if err := k.NextBuybackID.Set(ctx, max(gs.NextBuybackId, 1)); err != nil {
		return err
	}
	for _, b := range gs.Buybacks {
		if err := k.Buybacks.Set(ctx, b.Id, b); err != nil {
			return err
		}
		if err := k.BuybackByDenom.Set(ctx, b.Denom, b.Id); err != nil {
			return err
		}
		if b.SlicesLeft > 0 && b.Remaining.IsPositive() {
			if err := k.SliceQueue.Push(ctx, b.NextSlice, b.Id); err != nil {
				return err
			}
		}
	}
	for _, m := range gs.BuybackMonths {
		if err := k.BuybackMonths.Set(ctx, collections.Join(m.Month, m.Denom), m); err != nil {
			return err
		}
	}
	return nil
}

// exportBuybacks writes the buybacks (by id) and the monthly records (by month, then denom).
func (k Keeper) exportBuybacks(ctx context.Context, gs *types.GenesisState) error {
	next, err := k.NextBuybackID.Peek(ctx)
	if err != nil {
		return err
	}
	gs.NextBuybackId = next
	if err := k.Buybacks.Walk(ctx, nil, func(_ uint64, b types.Buyback) (bool, error) {
		gs.Buybacks = append(gs.Buybacks, b)
		return false, nil
	}); err != nil {
		return err
	}
	return k.BuybackMonths.Walk(ctx, nil, func(_ collections.Pair[int64, string], m types.BuybackMonth) (bool, error) {
		gs.BuybackMonths = append(gs.BuybackMonths, m)
		return false, nil
	})
}
