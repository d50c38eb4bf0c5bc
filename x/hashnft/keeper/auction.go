package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// fills is the uniform-price clearing of SPEC §4: bids, best first, fill the supply; a partly
// filled marginal bid gets what is left. It returns each bid's fill (in the bids' order), the
// clearing unit price (the lowest winning unit price; zero when nothing is won) and the total won.
func fills(bids []types.Bid, supply uint64) ([]uint64, math.Int, uint64) {
	out := make([]uint64, len(bids))
	clearing := math.ZeroInt()
	left := supply
	for i, b := range bids {
		if left == 0 {
			break
		}
		f := min(b.Quantity, left)
		out[i] = f
		left -= f
		clearing = b.UnitPrice.Amount
	}
	return out, clearing, supply - left
}

// ClearingPrice is what the auction's winners would pay per NFT if it ended now, and the NFTs
// bid for in total.
func (k Keeper) ClearingPrice(ctx context.Context, a types.Auction) (sdk.Coin, uint64, error) {
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return sdk.Coin{}, 0, err
	}
	var demand uint64
	for _, b := range bids {
		demand += b.Quantity
	}
	if a.Status != types.AUCTION_STATUS_OPEN {
		return a.ClearingPrice, demand, nil
	}
	_, clearing, _ := fills(bids, a.Supply)
	return sdk.NewCoin(a.Reserve.Denom, clearing), demand, nil
}

// settleAuction is the auction queue's handler. The first time (the auction is open and its end
// time has come) it clears: winners pay the clearing price, the difference and losing bids are
// refunded, the proceeds go to the channel fee and the escrow, and what is unsold returns to
// the miner. Then it creates the winners' NFTs, best bid first, at most *budget of them in this
// block; done once every winner holds its NFTs.
func (k Keeper) settleAuction(ctx context.Context, id uint64, budget *uint64) (bool, error) {
	a, err := k.getAuction(ctx, id)
	if err != nil {
		return false, err
	}
	// A stale entry (an auction called off or wound up after a failed try) has nothing to do.
	if a.Status == types.AUCTION_STATUS_SETTLED || a.Status == types.AUCTION_STATUS_CANCELLED {
		return true, nil
	}
	if a.Status == types.AUCTION_STATUS_OPEN {
		if err := k.clearAuction(ctx, &a); err != nil {
			return false, err
		}
	}
	if a.Status == types.AUCTION_STATUS_SETTLING {
		if err := k.createWinnersNFTs(ctx, &a, budget); err != nil {
			return false, err
		}
	}
	if err := k.Auctions.Set(ctx, a.Id, a); err != nil {
		return false, err
	}
	return a.Status == types.AUCTION_STATUS_SETTLED, nil
}

func (k Keeper) clearAuction(ctx context.Context, a *types.Auction) error {
	p, err := k.getProduct(ctx, a.ProductId)
	if err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return err
	}
	filled, clearing, sold := fills(bids, a.Supply)
	total := math.ZeroInt()
	for i, b := range bids {
		bidder, err := k.addr("bidder", b.Bidder)
		if err != nil {
			return err
		}
		paid := clearing.Mul(math.NewIntFromUint64(filled[i]))
		refund := b.Locked.Amount.Sub(paid)
		if refund.IsPositive() {
			if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, bidder, sdk.NewCoins(sdk.NewCoin(b.Locked.Denom, refund))); err != nil {
				return err
			}
		}
		b.Filled = filled[i]
		b.Paid = sdk.NewCoin(b.Locked.Denom, paid)
		b.Refunded = sdk.NewCoin(b.Locked.Denom, refund)
		b.Locked = sdk.NewCoin(b.Locked.Denom, math.ZeroInt())
		if err := k.Bids.Set(ctx, collections.Join(a.Id, b.Id), b); err != nil {
			return err
		}
		total = total.Add(paid)
		if err := k.emit(ctx, &types.EventBidSettled{AuctionId: a.Id, BidId: b.Id, Bidder: b.Bidder, Filled: b.Filled,
			Paid: b.Paid.String(), Refunded: b.Refunded.String()}); err != nil {
			return err
		}
	}
	paid := sdk.NewCoin(a.Reserve.Denom, total)
	fee, toEscrow, err := k.payPrimary(ctx, nil, p.Id, paid, params.ChannelFeeBps)
	if err != nil {
		return err
	}
	a.ClearingPrice = sdk.NewCoin(a.Reserve.Denom, clearing)
	a.Sold = sold
	a.Status = types.AUCTION_STATUS_SETTLING
	if sold == 0 {
		a.Status = types.AUCTION_STATUS_SETTLED
	} else {
		p.SettlingAuctionId = a.Id
	}
	// The unsold NFTs go back to the miner's control to relist; after the term they are retired.
	p.Sold += sold
	p.SaleMode, p.AuctionId = types.SALE_MODE_UNSPECIFIED, 0
	unsold := p.Unsold()
	if p.Status == types.PRODUCT_STATUS_ENDED {
		p.Retired += unsold
	}
	if err := k.Products.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventAuctionSettled{
		AuctionId: a.Id, ProductId: p.Id, ClearingPrice: a.ClearingPrice.String(), Sold: sold, Unsold: unsold,
		Paid: paid.String(), ChannelFee: fee.String(), ToEscrow: toEscrow.String(),
	})
}

func (k Keeper) createWinnersNFTs(ctx context.Context, a *types.Auction, budget *uint64) error {
	p, err := k.getProduct(ctx, a.ProductId)
	if err != nil {
		return err
	}
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return err
	}
	for _, b := range bids {
		if *budget == 0 {
			break
		}
		n := min(b.Filled-b.Created, *budget)
		if n == 0 {
			continue
		}
		owner, err := k.addr("bidder", b.Bidder)
		if err != nil {
			return err
		}
		first, last, err := k.createNFTs(ctx, &p, owner, b.Bidder, n)
		if err != nil {
			return err
		}
		b.Created += n
		a.Created += n
		*budget -= n
		if err := k.Bids.Set(ctx, collections.Join(a.Id, b.Id), b); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.EventNFTsCreated{AuctionId: a.Id, BidId: b.Id, Owner: b.Bidder, FirstNftId: first, LastNftId: last}); err != nil {
			return err
		}
	}
	if a.Created == a.Sold {
		a.Status = types.AUCTION_STATUS_SETTLED
		p.SettlingAuctionId = 0
	}
	return k.Products.Set(ctx, p.Id, p)
}
