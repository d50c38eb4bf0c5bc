package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/lending/types"
)

// BeginBlocker forecloses the loans whose grace ended and closes the offers and requests that
// expired, each queue at most its per-block number, through internal/blockhook (never halts).
func (k Keeper) BeginBlocker(ctx context.Context) error {
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "queues", k.ProcessQueues)
	return nil
}

// ProcessQueues runs the three bounded queues once.
func (k Keeper) ProcessQueues(ctx sdk.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	t := ctx.BlockTime()
	if _, err := k.MaturityQueue.ProcessIsolated(ctx, t, int(p.ForeclosuresPerBlock), k.foreclosurePolicy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return true, k.foreclose(c, it.ID, it.Due)
		}); err != nil {
		return err
	}
	if _, err := k.OfferExpiryQueue.ProcessIsolated(ctx, t, int(p.ExpiriesPerBlock), expiryPolicy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return true, k.expireOffer(c, it.ID, it.Due)
		}); err != nil {
		return err
	}
	_, err = k.RequestExpiryQueue.ProcessIsolated(ctx, t, int(p.ExpiriesPerBlock), expiryPolicy(t),
		func(c context.Context, it queue.Item[time.Time]) (bool, error) {
			return true, k.expireRequest(c, it.ID, it.Due)
		})
	return err
}

// foreclosurePolicy: a failed foreclosure is tried again an hour later, MaxForeclosureFailures
// times, then parked: the loan is marked FORECLOSURE_PARKED with its collateral still locked
// (README: what is missing), so nothing moves half-way.
func (k Keeper) foreclosurePolicy(t time.Time) queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[time.Time], failures uint32) (time.Time, bool) {
			return t.Add(types.ForeclosureRetry), failures < types.MaxForeclosureFailures
		},
		Park: func(ctx context.Context, it queue.Item[time.Time], cause error) error {
			l, err := k.getLoan(ctx, it.ID)
			if err != nil {
				return err
			}
			if l.Status != types.LoanStatus_LOAN_STATUS_ACTIVE {
				return nil
			}
			l.Status = types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED
			if err := k.Loans.Set(ctx, l.Id, l); err != nil {
				return err
			}
			return k.emit(ctx, &types.EventForeclosureParked{Id: l.Id, Error: cause.Error()})
		},
	}
}

// expiryPolicy: a failed expiry is tried again an hour later, a few times, then parked; the
// offer or request stays open and its owner can still cancel it, so nothing is locked for ever.
func expiryPolicy(t time.Time) queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[time.Time], failures uint32) (time.Time, bool) {
			return t.Add(types.ForeclosureRetry), failures < types.MaxForeclosureFailures
		},
	}
}

func (k Keeper) expireOffer(ctx context.Context, id uint64, due time.Time) error {
	o, err := k.Offers.Get(ctx, id)
	if err != nil || o.Expiry.After(due) {
		return nil //nolint:nilerr // gone or rescheduled: nothing is due
	}
	return k.closeOffer(ctx, o, "expired")
}

func (k Keeper) expireRequest(ctx context.Context, id uint64, due time.Time) error {
	r, err := k.Requests.Get(ctx, id)
	if err != nil || r.Expiry.After(due) {
		return nil //nolint:nilerr // gone or rescheduled: nothing is due
	}
	return k.removeRequest(ctx, r, "expired", true)
}
