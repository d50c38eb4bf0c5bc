package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

const (
	// RetryDelay is how long a queued item whose handling failed waits before it is tried again.
	RetryDelay = time.Hour
	// SettleTries is how many times an item of any of the three queues is tried (at its due, then
	// RetryDelay apart: about a day) before it is parked. A parked auction refunds its bids.
	SettleTries = 24
	// ParkedRetryDelay is how often an application expiry or a product term end that failed
	// SettleTries times is tried again (those two are never parked).
	ParkedRetryDelay = 24 * time.Hour
)

// EndBlocker works through the module's three queues: auctions that ended, applications that
// expired, products whose term ended. Each queue handles at most queue_items_per_block items per
// block, and auction settlement creates at most mint_budget_per_block NFTs; the rest resumes
// next block. Each item runs through queue.ProcessIsolated: a failing item changes nothing and is
// retried RetryDelay later; after SettleTries failures an auction is parked (its bids refunded),
// an application expiry or a product term end is tried daily. It never halts the chain.
func (k Keeper) EndBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	blockhook.Run(sdkCtx, types.ModuleName, "settle_auctions", k.SettleDueAuctions)
	blockhook.Run(sdkCtx, types.ModuleName, "expire_applications", func(c sdk.Context) error {
		return k.processQueue(c, k.ApplicationQueue, nil, func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return k.expireApplication(c, it.ID)
		})
	})
	blockhook.Run(sdkCtx, types.ModuleName, "end_products", func(c sdk.Context) error {
		return k.processQueue(c, k.ProductQueue, nil, func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return k.endProduct(c, it.ID)
		})
	})
	return nil
}

// SettleDueAuctions settles the auctions whose end time has come, within the block's budgets. An
// auction that fails SettleTries times is parked: parkAuction refunds it.
func (k Keeper) SettleDueAuctions(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	budget := uint64(p.MintBudgetPerBlock)
	return k.processQueue(ctx, k.AuctionQueue, k.parkAuction, func(c context.Context, it queue.Item[time.Time]) (bool, error) {
		// A failed try's NFTs were discarded with its changes: the budget is spent only by success.
		left := budget
		done, err := k.settleAuction(c, it.ID, &left)
		if err == nil {
			budget = left
		}
		return done, err
	})
}

// processQueue is the one policy of the three queues: an item whose work fails is retried
// RetryDelay after the block it failed in; at its SettleTries-th failure an auction is parked
// (park runs), while a queue without a park action goes on trying daily.
func (k Keeper) processQueue(ctx sdk.Context, q queue.Queue[time.Time], park func(context.Context, queue.Item[time.Time], error) error,
	handle queue.Handler[time.Time],
) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := ctx.BlockTime()
	policy := queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[time.Time], failures uint32) (time.Time, bool) {
			if park == nil {
				// An application's expiry or a product's term end locks nothing while it waits,
				// and parking it would leave a pending application or an active product out of
				// its queue: it is never parked, only tried less often (daily) after SettleTries.
				if failures >= SettleTries {
					return now.Add(ParkedRetryDelay), true
				}
				return now.Add(RetryDelay), true
			}
			return now.Add(RetryDelay), failures < SettleTries
		},
		Park: park,
	}
	_, err = q.ProcessIsolated(ctx, now, int(p.QueueItemsPerBlock), policy, handle)
	return err
}

// parkAuction winds up an auction whose settlement failed SettleTries times, so that no coin
// stays locked: an open auction is called off (every bid refunded what it locked); an auction
// that cleared but cannot create its winners' NFTs cancels those still owed, as a termination
// does (cancelUndelivered: the winners get their share of the escrow back).
func (k Keeper) parkAuction(ctx context.Context, it queue.Item[time.Time], cause error) error {
	a, err := k.getAuction(ctx, it.ID)
	if err != nil {
		return err
	}
	reason := errorsmod.Wrapf(cause, "settlement failed %d tries", it.Failures+1).Error()
	switch a.Status {
	case types.AUCTION_STATUS_OPEN:
		p, err := k.getProduct(ctx, a.ProductId)
		if err != nil {
			return err
		}
		if err := k.callOff(ctx, &a, reason); err != nil {
			return err
		}
		k.auctionGone(&p, a.Id)
		return k.Products.Set(ctx, p.Id, p)
	case types.AUCTION_STATUS_SETTLING:
		p, err := k.getProduct(ctx, a.ProductId)
		if err != nil {
			return err
		}
		if p.SettlingAuctionId != a.Id {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "auction %d is settling, product %d's settling auction is %d", a.Id, p.Id, p.SettlingAuctionId)
		}
		if err := k.cancelUndelivered(ctx, &p, reason); err != nil {
			return err
		}
		return k.Products.Set(ctx, p.Id, p)
	default:
		return nil
	}
}
