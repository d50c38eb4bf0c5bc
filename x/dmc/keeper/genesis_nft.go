package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// initNFT stores the NFT farms' books (validated with the genesis). That each staked NFT is
// locked by "dmc" in x/hashnft, which is initialized after x/dmc, is CheckNFTBooks' to say.
func (k Keeper) initNFT(ctx context.Context, gs types.GenesisState) error {
	for _, s := range gs.NftProductStakes {
		if err := k.NFTProducts.Set(ctx, collections.Join(s.FarmId, s.ProductId), s); err != nil {
			return err
		}
	}
	for _, st := range gs.NftStakes {
		staker, canonical, err := k.addr("NFT staker", st.Staker)
		if err != nil {
			return err
		}
		st.Staker = canonical
		if err := k.NFTStakes.Set(ctx, st.NftId, st); err != nil {
			return err
		}
		if err := k.NFTStakerIndex.Set(ctx, collections.Join(staker, st.NftId)); err != nil {
			return err
		}
	}
	for _, p := range gs.NftPositions {
		staker, canonical, err := k.addr("NFT position staker", p.Staker)
		if err != nil {
			return err
		}
		p.Staker = canonical
		if err := k.NFTPositions.Set(ctx, collections.Join3(staker, p.FarmId, p.ProductId), p); err != nil {
			return err
		}
	}
	for _, q := range gs.NftTermEnds {
		if err := k.NFTTermEnds.PushItem(ctx, queue.Item[time.Time]{Due: q.TermEnd, ID: q.ProductId, Failures: q.Failures}); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) exportNFT(ctx context.Context, gs *types.GenesisState) error {
	subs, err := k.NFTProducts.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	if gs.NftProductStakes, err = subs.Values(); err != nil {
		return err
	}
	stakes, err := k.NFTStakes.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	if gs.NftStakes, err = stakes.Values(); err != nil {
		return err
	}
	positions, err := k.NFTPositions.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	if gs.NftPositions, err = positions.Values(); err != nil {
		return err
	}
	return k.NFTTermEnds.Walk(ctx, func(it queue.Item[time.Time]) (bool, error) {
		gs.NftTermEnds = append(gs.NftTermEnds, types.NFTTermEnd{TermEnd: it.Due, ProductId: it.ID, Failures: it.Failures})
		return false, nil
	})
}
