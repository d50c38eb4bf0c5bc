package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

type hashnftNFT = hashnfttypes.NFT

func (k Keeper) position(ctx context.Context, id uint64) (types.Position, bool, error) {
	p, err := k.Positions.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, false, nil
	}
	return p, err == nil, err
}
