package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

var _ hashnfttypes.EarningsReader = Keeper{}

// NFTEarnings is what an NFT has earned, for x/hashnft's NFT queries: paid (to its holders so
// far), pending (owed to its holder now, in whole units) and earned = paid + pending, in the
// product's reward denom, and its termination refund. found=false for an NFT without a position.
func (k Keeper) NFTEarnings(ctx context.Context, n hashnfttypes.NFT) (hashnfttypes.NFTEarnings, bool, error) {
	pos, ok, err := k.position(ctx, n.Id)
	if err != nil || !ok {
		return hashnfttypes.NFTEarnings{}, false, err
	}
	e, err := k.getEscrow(ctx, n.ProductId)
	if err != nil {
		return hashnfttypes.NFTEarnings{}, false, err
	}
	pend, _ := pending(e, n, pos)
	return hashnfttypes.NFTEarnings{
		Earned:   sdk.NewCoin(e.RewardDenom, pos.Paid.Add(pend)),
		Paid:     sdk.NewCoin(e.RewardDenom, pos.Paid),
		Pending:  sdk.NewCoin(e.RewardDenom, pend),
		Refunded: pos.Refunded,
	}, true, nil
}

// ProductTerminated reports whether the authority has terminated a product's escrow, for
// x/lending (a terminated product's NFTs are not new collateral). A product with no escrow yet
// (no NFT sold) is not terminated.
func (k Keeper) ProductTerminated(ctx context.Context, productID uint64) (bool, error) {
	e, err := k.Escrows.Get(ctx, productID)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return e.Status == types.ESCROW_STATUS_TERMINATED, nil
}
