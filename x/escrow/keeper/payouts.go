package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// pending is what an NFT's position has earned and not been paid, in whole units, and the
// position settled to the product's index (the caller saves it if it pays).
func pending(e types.ProductEscrow, n hashnfttypes.NFT, pos types.Position) (math.Int, types.Position) {
	owed := rewards.Settle(n.Power, pos.Entry, e.Index, pos.OwedScaled)
	pay, keep := rewards.Payable(owed)
	pos.Entry, pos.OwedScaled = e.Index, keep
	return pay, pos
}

// payRewards settles an NFT and pays what it earned to holder (rounded down: fractions stay in
// the position). The caller saves e.
func (k Keeper) payRewards(ctx context.Context, e *types.ProductEscrow, n hashnfttypes.NFT, holder sdk.AccAddress, how string) (math.Int, error) {
	pos, err := k.Positions.Get(ctx, n.Id)
	if err != nil {
		return math.ZeroInt(), err
	}
	pay, pos := pending(*e, n, pos)
	if !pay.IsPositive() {
		return pay, nil
	}
	pos.Paid = pos.Paid.Add(pay)
	if err := k.Positions.Set(ctx, n.Id, pos); err != nil {
		return pay, err
	}
	e.RewardsPaid = e.RewardsPaid.Add(pay)
	coin := sdk.NewCoin(e.RewardDenom, pay)
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, holder, sdk.NewCoins(coin)); err != nil {
		return pay, err
	}
	return pay, k.emit(ctx, &types.EventRewardsPaid{NftId: n.Id, Holder: n.Owner, Amount: coin.String(), How: how})
}

// refundShare is an NFT's part of a terminated product's refund: total / nfts each, and the
// first total mod nfts serials one unit more, so the parts add up to the total exactly.
func refundShare(total sdk.Coins, nfts, serial uint64) sdk.Coins {
	out := sdk.NewCoins()
	if nfts == 0 {
		return out
	}
	n := math.NewIntFromUint64(nfts)
	for _, c := range total {
		amt := c.Amount.Quo(n)
		if math.NewIntFromUint64(serial).LTE(c.Amount.Sub(amt.Mul(n))) {
			amt = amt.AddRaw(1)
		}
		if amt.IsPositive() {
			out = out.Add(sdk.NewCoin(c.Denom, amt))
		}
	}
	return out
}

// ProcessPayouts runs the payout and refund rounds due, visiting at most payouts_per_block NFTs.
// A product whose round fails is confined to itself (payoutPolicy).
func (k Keeper) ProcessPayouts(ctx sdk.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	day, err := k.currentDay(ctx)
	if err != nil {
		return err
	}
	budget := int(params.PayoutsPerBlock)
	_, err = k.PayoutQueue.ProcessIsolated(ctx, day, budget, payoutPolicy(k, day), func(c context.Context, it queue.Item[uint64]) (bool, error) {
		return k.runRound(c, it, day, &budget)
	})
	return err
}

// payoutPolicy: a failed round is retried at the end of the next day (its changes discarded: the
// round resumes from the cursor it had, payout_queued stays true); after MaxPayoutFailures
// failures in a row it is parked (parkPayout).
func payoutPolicy(k Keeper, day uint64) queue.Policy[uint64] {
	return queue.Policy[uint64]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[uint64], failures uint32) (uint64, bool) {
			return day + 1, failures < types.MaxPayoutFailures
		},
		Park: k.parkPayout,
	}
}

// parkPayout takes a product whose round keeps failing out of the payout queue. Nothing is lost:
// holders can claim their rewards, and the next deposit or MsgResumeEscrow queues a new round
// (which pays what is pending and the refunds not yet paid).
func (k Keeper) parkPayout(ctx context.Context, it queue.Item[uint64], _ error) error {
	e, err := k.getEscrow(ctx, it.ID)
	if err != nil {
		return err
	}
	e.PayoutQueued, e.RoundOpen, e.PayoutParked = false, false, true
	return k.Escrows.Set(ctx, e.ProductId, e)
}

// runRound visits a product's NFTs from its round cursor while the budget lasts: each NFT is
// paid what it earned and, for a terminated product, its refund. done=false leaves the product
// at the head of the queue for the next block.
func (k Keeper) runRound(ctx context.Context, it queue.Item[uint64], day uint64, budget *int) (bool, error) {
	id := it.ID
	e, err := k.getEscrow(ctx, id)
	if err != nil {
		return false, err
	}
	refunding := e.Status == types.ESCROW_STATUS_TERMINATED && !e.RefundDone
	if !e.RoundOpen {
		e.RoundOpen, e.RoundCursor, e.RoundIndex = true, 0, e.Index
	}
	finished := true
	err = k.hashnft.WalkProductNFTs(ctx, id, e.RoundCursor, func(n hashnfttypes.NFT) (bool, error) {
		if *budget <= 0 {
			finished = false
			return true, nil
		}
		*budget--
		holder, err := k.addr("holder", n.Owner)
		if err != nil {
			return true, err
		}
		if _, err := k.payRewards(ctx, &e, n, holder, "payout"); err != nil {
			return true, err
		}
		if refunding {
			if err := k.payRefund(ctx, &e, n); err != nil {
				return true, err
			}
		}
		e.RoundCursor = n.Id
		return false, nil
	})
	if err != nil {
		return false, err
	}
	if !finished {
		return false, k.Escrows.Set(ctx, id, e)
	}
	e.RoundOpen, e.PayoutQueued = false, false
	if refunding {
		e.RefundDone = true
	}
	if err := k.emit(ctx, &types.EventRoundDone{ProductId: id, Refund: refunding}); err != nil {
		return false, err
	}
	// A deposit during the round: the NFTs visited before it are paid in another round, queued
	// behind the products already waiting. Never at the item's own key: the queue removes that key
	// once this round is done, and the product would keep payout_queued with no entry.
	if !e.Index.Equal(e.RoundIndex) {
		e.PayoutQueued = true
		if err := k.PayoutQueue.Push(ctx, followUpDay(it.Due, day), id); err != nil {
			return false, err
		}
	}
	return true, k.Escrows.Set(ctx, id, e)
}

// followUpDay is when a follow-up round runs: at once (today) if the round was queued on an
// earlier day, otherwise at the end of the next day, so at most one day after the round that
// saw the deposit and behind every product queued before it.
func followUpDay(due, today uint64) uint64 {
	if today > due {
		return today
	}
	return due + 1
}

// payRefund pays an NFT its share of the refund through x/hashnft's PayNFTHolder: to its owner,
// or, for an NFT held as collateral of an active loan, to the custodian (x/lending), which keeps
// it with the loan.
func (k Keeper) payRefund(ctx context.Context, e *types.ProductEscrow, n hashnfttypes.NFT) error {
	pos, err := k.Positions.Get(ctx, n.Id)
	if err != nil {
		return err
	}
	if !pos.Refunded.IsZero() {
		return nil
	}
	amt := refundShare(e.RefundTotal, e.Nfts, n.Serial)
	if amt.IsZero() {
		return nil
	}
	pos.Refunded = amt
	if err := k.Positions.Set(ctx, n.Id, pos); err != nil {
		return err
	}
	e.RefundPaid = e.RefundPaid.Add(amt...)
	payee, err := k.hashnft.PayeeOf(ctx, n)
	if err != nil {
		return err
	}
	if err := k.hashnft.PayNFTHolder(ctx, n.Id, payee, amt, k.sendFromEscrow); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventRefundPaid{NftId: n.Id, Holder: payee, Amount: amt.String()})
}

// sendFromEscrow is x/escrow's payment path for x/hashnft's PayNFTHolder.
func (k Keeper) sendFromEscrow(ctx context.Context, to sdk.AccAddress, toModule string, coins sdk.Coins) error {
	if toModule != "" {
		return k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, toModule, coins)
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins)
}
