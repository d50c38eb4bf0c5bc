package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// CloseDueDays closes the days due by the current day number, at most products_per_block.
func (k Keeper) CloseDueDays(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	day, err := k.currentDay(ctx)
	if err != nil {
		return err
	}
	_, err = k.DayQueue.Process(ctx, day, int(params.ProductsPerBlock), func(c context.Context, it queue.Item[uint64]) (bool, error) {
		return k.isolated(c, k.DayQueue, "days", it, day+1, func(cc context.Context) (bool, error) {
			return true, k.closeDay(cc, params, it.ID, it.Due)
		})
	})
	return err
}

// isolated runs one queue item's work in its own cache context: a failing item's changes are
// discarded, a failure event is emitted and the item is retried at retry, so that one bad
// product never holds up the others.
func (k Keeper) isolated(ctx context.Context, q queue.Queue[uint64], name string, it queue.Item[uint64], retry uint64,
	work func(context.Context) (bool, error),
) (bool, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cache, write := sdkCtx.CacheContext()
	done, err := work(cache)
	if err == nil {
		write()
		return done, nil
	}
	sdkCtx.Logger().Error("escrow queue item failed; retrying later", "queue", name, "product", it.ID, "err", err, "retry_day", retry)
	sdkCtx.EventManager().EmitEvent(sdk.NewEvent("dmex_escrow_item_failed", sdk.NewAttribute("queue", name),
		sdk.NewAttribute("product_id", fmt.Sprint(it.ID)), sdk.NewAttribute("error", err.Error())))
	return true, q.Push(ctx, retry, it.ID)
}

// closeDay is one product's day: the risk counters, then (if active) the release of
// remaining / days left to the miner, and the next day's place in the queue.
func (k Keeper) closeDay(ctx context.Context, params types.Params, id, day uint64) error {
	e, err := k.getEscrow(ctx, id)
	if err != nil {
		return err
	}
	if e.Status == types.ESCROW_STATUS_TERMINATED || e.Status == types.ESCROW_STATUS_EXPIRED {
		return nil
	}
	p, err := k.hashnft.GetProduct(ctx, id)
	if err != nil {
		return err
	}
	miner, err := k.addr("miner", e.Miner)
	if err != nil {
		return err
	}
	deposited := e.DepositedToday
	if deposited.IsZero() {
		e.MissedDaysInRow++
		e.MissedDays++
		rec, err := k.minerRecord(ctx, miner, e.Miner)
		if err != nil {
			return err
		}
		rec.MissedDays++
		if err := k.Miners.Set(ctx, miner, rec); err != nil {
			return err
		}
	} else {
		e.MissedDaysInRow = 0
	}
	below, err := k.belowMarket(ctx, params, e, p.Chain, p.PowerUnit)
	if err != nil {
		return err
	}
	if below {
		e.BelowMarketDaysInRow++
	} else {
		e.BelowMarketDaysInRow = 0
	}
	e.DepositedToday = math.ZeroInt()

	if e.Status == types.ESCROW_STATUS_ACTIVE {
		reason := ""
		switch {
		case e.MissedDaysInRow >= params.SuspendAfterDays:
			reason = fmt.Sprintf("no reward deposit for %d consecutive days", e.MissedDaysInRow)
		case e.BelowMarketDaysInRow >= params.SuspendAfterDays:
			reason = fmt.Sprintf("rewards more than %d bps below the market average for %d consecutive days", params.BelowMarketBps, e.BelowMarketDaysInRow)
		}
		if reason != "" {
			e.Status, e.StatusReason = types.ESCROW_STATUS_SUSPENDED, reason
			if err := k.emit(ctx, &types.EventEscrowSuspended{ProductId: id, Reason: reason, Automatic: true}); err != nil {
				return err
			}
		}
	}

	released := sdk.NewCoins()
	if e.Status == types.ESCROW_STATUS_ACTIVE {
		held, err := k.hashnft.GetEscrow(ctx, id)
		if err != nil {
			return err
		}
		left := int64(1)
		if e.TermDays > e.DaysElapsed {
			left = int64(e.TermDays - e.DaysElapsed)
		}
		// Rounded down: the escrow keeps the fraction until the last day releases the remainder.
		for _, c := range held.Held {
			if amt := c.Amount.QuoRaw(left); amt.IsPositive() {
				released = released.Add(sdk.NewCoin(c.Denom, amt))
			}
		}
		if err := k.hashnft.ReleaseEscrow(ctx, id, miner, released); err != nil {
			return err
		}
		e.Released = e.Released.Add(released...)
	}
	if e.DaysElapsed < e.TermDays {
		e.DaysElapsed++
	}
	if err := k.emit(ctx, &types.EventDayClosed{
		ProductId: id, Day: day, DaysElapsed: e.DaysElapsed, Released: released.String(), Deposited: deposited.String() + e.RewardDenom,
		MissedDaysInRow: e.MissedDaysInRow, BelowMarketDaysInRow: e.BelowMarketDaysInRow,
	}); err != nil {
		return err
	}
	if e.Status == types.ESCROW_STATUS_ACTIVE && e.DaysElapsed >= e.TermDays {
		e.Status, e.StatusReason = types.ESCROW_STATUS_EXPIRED, "the term ended; the escrow is empty"
		if err := k.emit(ctx, &types.EventEscrowExpired{ProductId: id, Released: e.Released.String()}); err != nil {
			return err
		}
	} else {
		// A suspended escrow past its term waits for the authority, still counting missed days.
		e.NextDay = day + 1
		if err := k.DayQueue.Push(ctx, e.NextDay, id); err != nil {
			return err
		}
	}
	return k.Escrows.Set(ctx, id, e)
}

// belowMarket reports whether the day's delivered reward per unit of power was more than
// below_market_bps below the oracle's market average; false when the oracle has no data.
// deposited·10000 < avg·(10000−bps)·power, multiplied out before any division.
func (k Keeper) belowMarket(ctx context.Context, params types.Params, e types.ProductEscrow, chain, unit string) (bool, error) {
	avg, ok, err := k.oracle.MarketAverage(ctx, chain, unit)
	if err != nil || !ok || e.TotalPower.IsZero() {
		return false, err
	}
	lhs := math.LegacyNewDecFromInt(e.DepositedToday.MulRaw(10_000))
	rhs := avg.MulInt64(int64(10_000 - params.BelowMarketBps)).MulInt(e.TotalPower)
	return lhs.LT(rhs), nil
}
