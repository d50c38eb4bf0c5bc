package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// RetryDelay is how long a queued item whose handling failed waits before it is tried again.
const RetryDelay = time.Hour

// EndBlocker works through the module's three queues: auctions that ended, applications that
// expired, products whose term ended. Each queue handles at most queue_items_per_block items per
// block, and auction settlement creates at most mint_budget_per_block NFTs; the rest resumes
// next block. It never halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	blockhook.Run(sdkCtx, types.ModuleName, "settle_auctions", k.SettleDueAuctions)
	blockhook.Run(sdkCtx, types.ModuleName, "expire_applications", func(c sdk.Context) error {
		return k.processQueue(c, k.ApplicationQueue, "applications", k.expireApplication)
	})
	blockhook.Run(sdkCtx, types.ModuleName, "end_products", func(c sdk.Context) error {
		return k.processQueue(c, k.ProductQueue, "products", k.endProduct)
	})
	return nil
}

// SettleDueAuctions settles the auctions whose end time has come, within the block's budgets.
func (k Keeper) SettleDueAuctions(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	budget := uint64(p.MintBudgetPerBlock)
	return k.processQueue(ctx, k.AuctionQueue, "auctions", func(c context.Context, id uint64) (bool, error) {
		return k.settleAuction(c, id, &budget)
	})
}

// processQueue runs handle on the queue's due items, each in its own cache context: a failing
// item's changes are discarded, a failure event is emitted, and the item is retried after
// RetryDelay, so that one bad item never holds up the others.
func (k Keeper) processQueue(ctx sdk.Context, q queue.Queue[time.Time], name string, handle func(context.Context, uint64) (bool, error)) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := ctx.BlockTime()
	_, err = q.Process(ctx, now, int(p.QueueItemsPerBlock), func(c context.Context, it queue.Item[time.Time]) (bool, error) {
		cache, write := sdk.UnwrapSDKContext(c).CacheContext()
		done, err := handle(cache, it.ID)
		if err == nil {
			write()
			return done, nil
		}
		retry := now.Add(RetryDelay)
		ctx.Logger().Error("hashnft queue item failed; retrying later", "queue", name, "id", it.ID, "err", err, "retry_at", retry)
		if err := k.emit(c, &types.EventQueueItemFailed{Queue: name, Id: it.ID, Error: err.Error(), RetryAt: retry}); err != nil {
			return false, err
		}
		return true, q.Push(c, retry, it.ID)
	})
	return err
}
