package keeper

import (
	"context"
	"fmt"
	"math/big"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// CloseDueDays closes the days due by the current day number, at most products_per_block. A
// product whose day close fails is confined to itself (dayPolicy).
func (k Keeper) CloseDueDays(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	day, err := k.currentDay(ctx)
	if err != nil {
		return err
	}
	_, err = k.DayQueue.ProcessIsolated(ctx, day, int(params.ProductsPerBlock), k.dayPolicy(day),
		func(c context.Context, it queue.Item[uint64]) (bool, error) {
			return true, k.closeDay(c, params, it.ID, it.Due)
		})
	return err
}

// dayPolicy: a failed day close is retried at the end of the next day, with the escrow's next_day
// moved there with it (a termination removes the entry at next_day, an export writes it); after
// MaxDayCloseFailures failures in a row it is parked (parkDayClose). The failed day is not closed:
// the retry closes the next day with both days' deposits, and the term lasts a day longer.
func (k Keeper) dayPolicy(day uint64) queue.Policy[uint64] {
	return queue.Policy[uint64]{
		Module: types.ModuleName,
		Retry: func(ctx context.Context, it queue.Item[uint64], failures uint32) (uint64, bool) {
			if failures >= types.MaxDayCloseFailures {
				return 0, false
			}
			retry := day + 1
			// Its changes were discarded, so the escrow is as it was before the attempt. An escrow
			// that cannot be read or written here is parked.
			e, err := k.getEscrow(ctx, it.ID)
			if err != nil {
				return 0, false
			}
			e.NextDay = retry
			if err := k.Escrows.Set(ctx, it.ID, e); err != nil {
				return 0, false
			}
			return retry, true
		},
		Park: k.parkDayClose,
	}
}

// parkDayClose takes a product whose day close keeps failing out of the day queue: its release
// stops (an active escrow is suspended, saying why) until the authority resumes it.
func (k Keeper) parkDayClose(ctx context.Context, it queue.Item[uint64], cause error) error {
	e, err := k.getEscrow(ctx, it.ID)
	if err != nil {
		return err
	}
	e.DayCloseParked, e.NextDay = true, 0
	if e.Status == types.ESCROW_STATUS_ACTIVE {
		e.Status = types.ESCROW_STATUS_SUSPENDED
		e.StatusReason = fmt.Sprintf("the day close failed %d days in a row (last: %v); the authority resumes it", it.Failures+1, cause)
		if err := k.emit(ctx, &types.EventEscrowSuspended{ProductId: e.ProductId, Reason: e.StatusReason, Automatic: true}); err != nil {
			return err
		}
	}
	return k.Escrows.Set(ctx, e.ProductId, e)
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

	// After the suspension: a day that suspends the release releases nothing, so it is no unpaid
	// day (its share stays in the escrow, refunded at a termination).
	if e.Status == types.ESCROW_STATUS_ACTIVE && (deposited.IsZero() || below) {
		e.UnpaidDays++
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
		ProductId: id, Day: day, DaysElapsed: e.DaysElapsed, Released: amounts.Coins(released, e.RewardDenom), Deposited: amounts.Coin(e.RewardDenom, deposited),
		MissedDaysInRow: e.MissedDaysInRow, BelowMarketDaysInRow: e.BelowMarketDaysInRow,
	}); err != nil {
		return err
	}
	if e.Status == types.ESCROW_STATUS_ACTIVE && e.DaysElapsed >= e.TermDays {
		e.Status, e.StatusReason = types.ESCROW_STATUS_EXPIRED, "the term ended; the escrow is empty"
		if err := k.emit(ctx, &types.EventEscrowExpired{ProductId: id, Released: amounts.Coins(e.Released, e.RewardDenom)}); err != nil {
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
// below_market_bps below the oracle's market average; false when the oracle has no data or its
// figure is out of range (negative, above MaxMarketAverage): a figure escrow cannot trust does
// not count a day against the miner. Compared exactly in integers, multiplied out before any
// division: deposited·10000·10^18 < avg·10^18·(10000−bps)·power.
func (k Keeper) belowMarket(ctx context.Context, params types.Params, e types.ProductEscrow, chain, unit string) (bool, error) {
	avg, ok, err := k.oracle.MarketAverage(ctx, chain, unit)
	if err != nil || !ok || e.TotalPower.IsZero() {
		return false, err
	}
	if avg.IsNil() || avg.IsNegative() || avg.GT(types.MaxMarketAverage) {
		sdk.UnwrapSDKContext(ctx).Logger().Error("market average out of range; treated as no market figure",
			"product", e.ProductId, "chain", chain, "unit", unit, "average", avg.String(), "max", types.MaxMarketAverage.String())
		return false, nil
	}
	lhs := new(big.Int).Mul(e.DepositedToday.BigInt(), big.NewInt(10_000))
	lhs.Mul(lhs, math.LegacyOneDec().BigInt())
	rhs := new(big.Int).Mul(avg.BigInt(), big.NewInt(int64(10_000-params.BelowMarketBps)))
	rhs.Mul(rhs, e.TotalPower.BigInt())
	return lhs.Cmp(rhs) < 0, nil
}
