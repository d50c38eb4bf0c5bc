package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// InitGenesis stores the records, rebuilds the queues and the miners' power from them, and
// refuses a genesis whose module accounts (x/bank is initialized before this module) do not hold
// exactly what the records say they owe.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, a := range gs.Applications {
		if err := k.Applications.Set(ctx, a.Id, a); err != nil {
			return err
		}
		if a.Status != types.APPLICATION_STATUS_PENDING {
			continue
		}
		if err := k.ApplicationQueue.Push(ctx, a.ExpiresAt, a.Id); err != nil {
			return err
		}
		miner, err := k.addr("miner", a.Miner)
		if err != nil {
			return err
		}
		if err := k.addMinerPower(ctx, miner, a.Chain, a.PowerUnit, a.Power()); err != nil {
			return err
		}
	}
	for _, p := range gs.Products {
		if err := k.Products.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if p.Status != types.PRODUCT_STATUS_ACTIVE {
			continue
		}
		if err := k.ProductQueue.Push(ctx, p.TermEnd, p.Id); err != nil {
			return err
		}
		if err := k.addProductPower(ctx, p, p.CommittedPower()); err != nil {
			return err
		}
	}
	for _, e := range gs.Escrows {
		if err := k.Escrows.Set(ctx, e.ProductId, e); err != nil {
			return err
		}
	}
	for _, n := range gs.Nfts {
		if err := k.NFTs.Set(ctx, n.Id, n); err != nil {
			return err
		}
	}
	for _, l := range gs.Listings {
		if err := k.Listings.Set(ctx, l.NftId, l); err != nil {
			return err
		}
	}
	for _, a := range gs.Auctions {
		if err := k.Auctions.Set(ctx, a.Id, a); err != nil {
			return err
		}
		if a.Status != types.AUCTION_STATUS_SETTLED {
			if err := k.AuctionQueue.Push(ctx, a.EndTime, a.Id); err != nil {
				return err
			}
		}
	}
	for _, b := range gs.Bids {
		if err := k.Bids.Set(ctx, collections.Join(b.AuctionId, b.Id), b); err != nil {
			return err
		}
	}
	for _, c := range gs.Revenue {
		if err := k.Revenue.Set(ctx, c.Denom, c.Amount); err != nil {
			return err
		}
	}
	for _, s := range []struct {
		seq collections.Sequence
		v   uint64
	}{
		{k.NextApplicationID, gs.NextApplicationId}, {k.NextProductID, gs.NextProductId}, {k.NextNFTID, gs.NextNftId},
		{k.NextAuctionID, gs.NextAuctionId}, {k.NextBidID, gs.NextBidId},
	} {
		if err := s.seq.Set(ctx, s.v); err != nil {
			return err
		}
	}
	return k.checkAccounts(ctx)
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Applications, err = values(ctx, k.Applications); err != nil {
		return nil, err
	}
	if gs.Products, err = values(ctx, k.Products); err != nil {
		return nil, err
	}
	if gs.Escrows, err = values(ctx, k.Escrows); err != nil {
		return nil, err
	}
	if gs.Nfts, err = values(ctx, k.NFTs); err != nil {
		return nil, err
	}
	if gs.Listings, err = values(ctx, k.Listings); err != nil {
		return nil, err
	}
	if gs.Auctions, err = values(ctx, k.Auctions); err != nil {
		return nil, err
	}
	if gs.Bids, err = values(ctx, k.Bids); err != nil {
		return nil, err
	}
	err = k.Revenue.Walk(ctx, nil, func(denom string, amt math.Int) (bool, error) {
		gs.Revenue = append(gs.Revenue, sdk.NewCoin(denom, amt))
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range []struct {
		seq collections.Sequence
		v   *uint64
	}{
		{k.NextApplicationID, &gs.NextApplicationId}, {k.NextProductID, &gs.NextProductId}, {k.NextNFTID, &gs.NextNftId},
		{k.NextAuctionID, &gs.NextAuctionId}, {k.NextBidID, &gs.NextBidId},
	} {
		if *s.v, err = s.seq.Peek(ctx); err != nil {
			return nil, err
		}
	}
	return gs, nil
}

type iterable[K, V any] interface {
	Iterate(ctx context.Context, r collections.Ranger[K]) (collections.Iterator[K, V], error)
}

func values[K, V any](ctx context.Context, m iterable[K, V]) ([]V, error) {
	iter, err := m.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	return iter.Values()
}
