package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// CheckBooks is the x/escrow invariant (tests run it after every block): the escrow account
// holds exactly the rewards deposited and not paid plus the refunds not yet paid; the
// hashnftescrow account holds exactly what the escrows hold; each product's paid in equals held
// + released + refunded at termination (to the holders, and to an auction's winners whose NFTs
// were never created); open escrows are in the day queue and products waiting
// for a round in the payout queue. It walks every escrow: for tests, not blocks.
func (k Keeper) CheckBooks(ctx context.Context) error {
	dayQ, payQ := map[uint64]bool{}, map[uint64]bool{}
	if err := k.DayQueue.Walk(ctx, func(it queue.Item[uint64]) (bool, error) { dayQ[it.ID] = true; return false, nil }); err != nil {
		return err
	}
	if err := k.PayoutQueue.Walk(ctx, func(it queue.Item[uint64]) (bool, error) { payQ[it.ID] = true; return false, nil }); err != nil {
		return err
	}
	owed := sdk.NewCoins()
	err := k.Escrows.Walk(ctx, nil, func(id uint64, e types.ProductEscrow) (bool, error) {
		unpaid := e.Deposited.Sub(e.RewardsPaid)
		if unpaid.IsNegative() {
			return true, types.ErrBooksMismatch.Wrapf("product %d paid %s rewards of %s deposited", id, e.RewardsPaid, e.Deposited)
		}
		owed = owed.Add(sdk.NewCoin(e.RewardDenom, unpaid))
		refundLeft, neg := e.RefundTotal.SafeSub(e.RefundPaid...)
		if neg {
			return true, types.ErrBooksMismatch.Wrapf("product %d refunded %s of %s", id, e.RefundPaid, e.RefundTotal)
		}
		if e.RefundDone && !refundLeft.IsZero() {
			return true, types.ErrBooksMismatch.Wrapf("product %d finished its refund with %s left", id, refundLeft)
		}
		owed = owed.Add(refundLeft...)
		h, err := k.hashnft.GetEscrow(ctx, id)
		if err != nil {
			return true, err
		}
		if sum := h.Held.Add(e.Released...).Add(e.RefundTotal...).Add(h.RefundedUndelivered...); !sum.Equal(h.PaidIn) {
			return true, types.ErrBooksMismatch.Wrapf("product %d: paid in %s, held %s + released %s + refunded %s + refunded to undelivered winners %s",
				id, h.PaidIn, h.Held, e.Released, e.RefundTotal, h.RefundedUndelivered)
		}
		open := e.Status == types.ESCROW_STATUS_ACTIVE || e.Status == types.ESCROW_STATUS_SUSPENDED
		if open != dayQ[id] {
			return true, types.ErrBooksMismatch.Wrapf("product %d is %s; in the day queue: %v", id, e.Status, dayQ[id])
		}
		if e.PayoutQueued != payQ[id] {
			return true, types.ErrBooksMismatch.Wrapf("product %d payout_queued %v; in the payout queue: %v", id, e.PayoutQueued, payQ[id])
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if got := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(types.ModuleName)); !got.Equal(owed) {
		return types.ErrBooksMismatch.Wrapf("the escrow account holds %q; unpaid rewards and refunds owe %q", got, owed)
	}
	held := sdk.NewCoins()
	if err := k.hashnft.WalkEscrows(ctx, func(e hashnfttypes.Escrow) (bool, error) { held = held.Add(e.Held...); return false, nil }); err != nil {
		return err
	}
	if got := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(hashnfttypes.EscrowAccount)); !got.Equal(held) {
		return types.ErrBooksMismatch.Wrapf("the hashnftescrow account holds %q; the escrows hold %q", got, held)
	}
	return nil
}
