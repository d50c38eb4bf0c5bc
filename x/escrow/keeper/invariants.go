package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// CheckBooks is the x/escrow invariant (tests run it after every block): the escrow account
// holds exactly the rewards deposited and not paid plus the refunds not yet paid; the
// hashnftescrow account holds exactly what the escrows hold; each product's paid in equals held
// + released + refunded at termination (to the holders, and to an auction's winners whose NFTs
// were never created); each open escrow is in the day queue once, at its next_day (unless its day
// close is parked), each product waiting for a round once in the payout queue (and a round is
// open only while it waits), and no queue entry lacks its escrow. It walks every escrow: for
// tests, not blocks.
func (k Keeper) CheckBooks(ctx context.Context) error {
	dayQ, payQ := map[uint64][]uint64{}, map[uint64][]uint64{}
	for _, q := range []struct {
		q   queue.Queue[uint64]
		ids map[uint64][]uint64
	}{{k.DayQueue, dayQ}, {k.PayoutQueue, payQ}} {
		err := q.q.Walk(ctx, func(it queue.Item[uint64]) (bool, error) {
			if has, err := k.Escrows.Has(ctx, it.ID); err != nil || !has {
				return true, types.ErrBooksMismatch.Wrapf("product %d is in the %s at day %d without an escrow (%v)", it.ID, q.q.Name(), it.Due, err)
			}
			q.ids[it.ID] = append(q.ids[it.ID], it.Due)
			return false, nil
		})
		if err != nil {
			return err
		}
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
		if want := e.InDayQueue(); want != (len(dayQ[id]) > 0) || len(dayQ[id]) > 1 || (want && dayQ[id][0] != e.NextDay) {
			return true, types.ErrBooksMismatch.Wrapf("product %d is %s (day close parked %v, next day %d); in the day queue at days %v",
				id, e.Status, e.DayCloseParked, e.NextDay, dayQ[id])
		}
		if e.PayoutQueued != (len(payQ[id]) > 0) || len(payQ[id]) > 1 {
			return true, types.ErrBooksMismatch.Wrapf("product %d payout_queued %v; in the payout queue at days %v", id, e.PayoutQueued, payQ[id])
		}
		if (e.RoundOpen && !e.PayoutQueued) || (e.PayoutParked && e.PayoutQueued) {
			return true, types.ErrBooksMismatch.Wrapf("product %d: round open %v, payout parked %v, payout_queued %v", id, e.RoundOpen, e.PayoutParked, e.PayoutQueued)
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
	if got := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(modaccounts.HashnftEscrow)); !got.Equal(held) {
		return types.ErrBooksMismatch.Wrapf("the hashnftescrow account holds %q; the escrows hold %q", got, held)
	}
	return nil
}
