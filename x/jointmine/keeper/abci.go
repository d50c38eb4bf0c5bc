package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

const (
	// queueRetry and maxQueueFailures: a failed item is tried again an hour later, then parked.
	// Parking locks nothing: every message on a pool brings it up to date itself (livePool), cash
	// arriving schedules its payouts again, and holders can claim their maturity part.
	queueRetry       = time.Hour
	maxQueueFailures = 24
	// expiriesPerBlock bounds the application expiries and term changes per block.
	expiriesPerBlock = 100
)

// BeginBlocker runs the four bounded queues through internal/blockhook (never halts): expired
// applications, term ends and grace ends, queued redemptions of pools that received cash (at most
// redemptions_per_block payouts in all), and maturity rounds (at most settlements_per_block
// holders in all).
func (k Keeper) BeginBlocker(ctx context.Context) error {
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "queues", k.ProcessQueues)
	return nil
}

func policy(t time.Time) queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[time.Time], failures uint32) (time.Time, bool) {
			return t.Add(queueRetry), failures < maxQueueFailures
		},
	}
}

// ProcessQueues runs the queues once.
func (k Keeper) ProcessQueues(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	t := ctx.BlockTime()
	if _, err := k.ApplicationQueue.ProcessIsolated(ctx, t, expiriesPerBlock, policy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) { return true, k.expire(c, it.ID) }); err != nil {
		return err
	}
	if _, err := k.TermQueue.ProcessIsolated(ctx, t, expiriesPerBlock, policy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			pool, err := k.getPool(c, it.ID)
			if err != nil || !pool.Approved() {
				return true, err
			}
			if err := k.advance(c, &pool); err != nil {
				return true, err
			}
			return true, k.Pools.Set(c, pool.Id, pool)
		}); err != nil {
		return err
	}
	budget := int(p.RedemptionsPerBlock)
	if _, err := k.PayQueue.ProcessIsolated(ctx, t, budget, policy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) { return k.payQueue(c, it.ID, &budget) }); err != nil {
		return err
	}
	rounds := int(p.SettlementsPerBlock)
	_, err = k.SettleQueue.ProcessIsolated(ctx, t, rounds, policy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return k.settleRound(c, it.ID, &rounds)
		})
	return err
}
