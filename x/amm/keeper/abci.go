package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/amm/types"
)

const (
	// SliceRetry is how long after a failed slice (an error, not a refusal) it is tried again.
	SliceRetry = time.Hour
	// MaxSliceFailures: after this many failures in a row a buyback's schedule is parked; what it
	// holds stays set aside for the next month's schedule.
	MaxSliceFailures = 5
)

// BeginBlocker runs the buyback slices that are due, at most buyback_slices_per_block, through
// internal/blockhook (it never halts the chain).
func (k Keeper) BeginBlocker(ctx context.Context) error {
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "buyback_slices", k.ProcessSlices)
	return nil
}

// ProcessSlices runs the slice queue once: each due slice in its own cache context
// (ProcessIsolated), so one that fails is retried or parked (slicePolicy) and the others go on.
func (k Keeper) ProcessSlices(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	t := ctx.BlockTime()
	_, err = k.SliceQueue.ProcessIsolated(ctx, t, int(p.BuybackSlicesPerBlock), k.slicePolicy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return true, k.slice(c, it.ID, it.Due)
		})
	return err
}

// slicePolicy: a slice whose work failed is tried again SliceRetry later, with the buyback's
// next_slice moved there with it, MaxSliceFailures times; then it is parked: the buyback keeps
// what it holds, with no slices left, until the next month epoch gives it a new schedule.
func (k Keeper) slicePolicy(t time.Time) queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(ctx context.Context, it queue.Item[time.Time], failures uint32) (time.Time, bool) {
			if failures >= MaxSliceFailures {
				return time.Time{}, false
			}
			retry := t.Add(SliceRetry)
			// The failed work was discarded: the buyback is as it was before the attempt. One
			// that cannot be read or written here is parked.
			b, err := k.Buybacks.Get(ctx, it.ID)
			if err != nil {
				return time.Time{}, false
			}
			b.NextSlice = retry
			if err := k.Buybacks.Set(ctx, b.Id, b); err != nil {
				return time.Time{}, false
			}
			return retry, true
		},
		Park: k.parkSlices,
	}
}

// parkSlices ends a buyback's schedule whose slice keeps failing; the month record says why.
func (k Keeper) parkSlices(ctx context.Context, it queue.Item[time.Time], cause error) error {
	b, err := k.Buybacks.Get(ctx, it.ID)
	if err != nil {
		return err
	}
	b.SlicesLeft = 0
	if err := k.Buybacks.Set(ctx, b.Id, b); err != nil {
		return err
	}
	rec, err := k.buybackMonth(ctx, b.Month, b.Denom)
	if err != nil {
		return err
	}
	rec.LastRefusal = fmt.Sprintf("a slice failed %d times (last: %v): the schedule stops, %s waits for the next month",
		it.Failures+1, cause, sdk.NewCoin(b.Denom, b.Remaining))
	return k.BuybackMonths.Set(ctx, collections.Join(rec.Month, rec.Denom), rec)
}
