package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/lending/types"
)

// earnedNow is what each NFT has earned so far (x/escrow's NFTEarnings.earned), for a loan's
// record at its start; an NFT without a reward record has no entry.
func (k Keeper) earnedNow(ctx context.Context, ids []uint64) ([]types.NFTEarned, error) {
	var out []types.NFTEarned
	for _, id := range ids {
		n, err := k.nfts.GetNFT(ctx, id)
		if err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d: %v", id, err)
		}
		e, found, err := k.products.NFTEarnings(ctx, n)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		if err := e.Earned.Validate(); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "NFT %d: earnings %s: %v", id, e.Earned, err)
		}
		out = append(out, types.NFTEarned{NftId: id, Earned: e.Earned})
	}
	return out, nil
}

// earnedSinceStart is, per collateral NFT of an active or parked loan, what it earned at the
// loan's start, now, and the difference, with the differences summed per denom. A closed loan
// reports nothing: its NFTs are no longer its collateral, so "now" would count earnings after it
// closed.
func (k Keeper) earnedSinceStart(ctx context.Context, l types.Loan) ([]types.NFTEarnedSince, sdk.Coins, error) {
	if l.Status != types.LoanStatus_LOAN_STATUS_ACTIVE && l.Status != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		return nil, nil, nil
	}
	atStart := map[uint64]sdk.Coin{}
	for _, e := range l.EarnedAtStart {
		atStart[e.NftId] = e.Earned
	}
	now, err := k.earnedNow(ctx, l.NftIds)
	if err != nil {
		return nil, nil, err
	}
	nowOf := map[uint64]sdk.Coin{}
	for _, e := range now {
		nowOf[e.NftId] = e.Earned
	}
	var out []types.NFTEarnedSince
	total := sdk.NewCoins()
	for _, id := range l.NftIds {
		start, hadStart := atStart[id]
		cur, hasNow := nowOf[id]
		switch {
		case !hasNow && !hadStart:
			continue
		case !hadStart:
			start = sdk.Coin{Denom: cur.Denom, Amount: math.ZeroInt()}
		case !hasNow:
			cur = sdk.Coin{Denom: start.Denom, Amount: start.Amount}
		}
		if cur.Denom != start.Denom || cur.Amount.LT(start.Amount) {
			return nil, nil, errorsmod.Wrapf(types.ErrBooksMismatch, "loan %d: NFT %d had earned %s at the start and %s now", l.Id, id, start, cur)
		}
		since := sdk.Coin{Denom: cur.Denom, Amount: cur.Amount.Sub(start.Amount)}
		out = append(out, types.NFTEarnedSince{NftId: id, AtStart: start, Now: cur, Since: since})
		if since.IsPositive() {
			total = total.Add(since)
		}
	}
	return out, total, nil
}
