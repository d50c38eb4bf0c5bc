package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"

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
// times, then parked: the loan is marked FORECLOSURE_PARKED with its collateral still locked, so
// nothing moves half-way; MsgRetryForeclosure (retryForeclosure) tries it again.
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
			if err := k.setLoan(ctx, l); err != nil {
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

// retryForeclosure retries a parked loan's foreclosure (anyone may: the collateral can only go to
// the lender, as the queue would have sent it). It runs foreclose itself, the queue's handler, in
// a cache context in which the loan is active again at its grace end, so success closes the loan
// exactly as the queue would; a failure discards the cache and changes nothing.
func (k Keeper) retryForeclosure(ctx context.Context, msg *types.MsgRetryForeclosure) error {
	_, signer, err := k.addr("signer", msg.Signer)
	if err != nil {
		return err
	}
	l, err := k.getLoan(ctx, msg.LoanId)
	if err != nil {
		return err
	}
	if l.Status != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		return errorsmod.Wrapf(types.ErrNotParked, "loan %d is %s, not %s", l.Id, l.Status, types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED)
	}
	cc, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	l.Status = types.LoanStatus_LOAN_STATUS_ACTIVE
	if err := k.setLoan(cc, l); err != nil {
		return err
	}
	if err := k.foreclose(cc, l.Id, l.GraceEnd); err != nil {
		return errorsmod.Wrapf(types.ErrForeclosureFailed, "loan %d stays parked: %v", l.Id, err)
	}
	done, err := k.getLoan(cc, l.Id)
	if err != nil {
		return err
	}
	if done.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		return errorsmod.Wrapf(types.ErrForeclosureFailed, "loan %d stays parked: foreclosure left it %s", l.Id, done.Status)
	}
	if err := k.emit(cc, &types.EventForeclosureRetried{Id: l.Id, Signer: signer}); err != nil {
		return err
	}
	write()
	return nil
}
