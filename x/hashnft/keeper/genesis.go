package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/dmexchain/dmex/internal/queue"
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
		if a.Status == types.AUCTION_STATUS_OPEN || a.Status == types.AUCTION_STATUS_SETTLING {
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
	if err := k.restoreRetries(ctx, gs.QueueRetries); err != nil {
		return err
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
	if gs.QueueRetries, err = k.queueRetries(ctx); err != nil {
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

func (k Keeper) queues() []queue.Queue[time.Time] {
	return []queue.Queue[time.Time]{k.ApplicationQueue, k.AuctionQueue, k.ProductQueue}
}

// queueRetries lists the queue items whose work has failed (the rest follow from the records).
func (k Keeper) queueRetries(ctx context.Context) ([]types.QueueRetry, error) {
	var out []types.QueueRetry
	for _, q := range k.queues() {
		err := q.Walk(ctx, func(it queue.Item[time.Time]) (bool, error) {
			if it.Failures > 0 {
				out = append(out, types.QueueRetry{Queue: q.Name(), Id: it.ID, Due: it.Due, Failures: it.Failures})
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// restoreRetries puts the failed items back at their retry due with their failure counts, in
// place of the entries InitGenesis rebuilt from the records.
func (k Keeper) restoreRetries(ctx context.Context, retries []types.QueueRetry) error {
	for _, r := range retries {
		var (
			q       queue.Queue[time.Time]
			natural time.Time
		)
		switch r.Queue {
		case k.ApplicationQueue.Name():
			a, err := k.getApplication(ctx, r.Id)
			if err != nil {
				return err
			}
			q, natural = k.ApplicationQueue, a.ExpiresAt
		case k.AuctionQueue.Name():
			a, err := k.getAuction(ctx, r.Id)
			if err != nil {
				return err
			}
			q, natural = k.AuctionQueue, a.EndTime
		case k.ProductQueue.Name():
			p, err := k.getProduct(ctx, r.Id)
			if err != nil {
				return err
			}
			q, natural = k.ProductQueue, p.TermEnd
		default:
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "queue retry of %d in unknown queue %q", r.Id, r.Queue)
		}
		if err := q.Remove(ctx, natural, r.Id); err != nil {
			return err
		}
		if err := q.PushItem(ctx, queue.Item[time.Time]{Due: r.Due, ID: r.Id, Failures: r.Failures}); err != nil {
			return err
		}
	}
	return nil
}
