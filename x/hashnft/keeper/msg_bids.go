// Bids on auctions: placing one, the anti-snipe rules, and a bid replaced or dropped.
package keeper

import (
	"context"
	"sort"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// auctionBids returns an auction's bids, best first. An auction holds at most
// max_bids_per_auction bids, so this is bounded.
func (k Keeper) auctionBids(ctx context.Context, auctionID uint64) ([]types.Bid, error) {
	iter, err := k.Bids.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](auctionID))
	if err != nil {
		return nil, err
	}
	bids, err := iter.Values()
	if err != nil {
		return nil, err
	}
	sort.Slice(bids, func(i, j int) bool { return types.Ranks(bids[i], bids[j]) })
	return bids, nil
}

// maxBidPriceBits bounds a bid's unit price (2^128 - 1 units) before any arithmetic: with at most
// max_nfts_per_product NFTs and max_bids_per_auction bids, every product and sum stays far
// below math.Int's 256 bits.
const maxBidPriceBits = 128

func (m msgServer) PlaceBid(ctx context.Context, msg *types.MsgPlaceBid) (*types.MsgPlaceBidResponse, error) {
	bidder, bidderStr, err := m.account("bidder", msg.Bidder)
	if err != nil {
		return nil, err
	}
	a, err := m.getAuction(ctx, msg.AuctionId)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	if a.Status == types.AUCTION_STATUS_CANCELLED {
		return nil, errorsmod.Wrapf(types.ErrAuctionClosed, "auction %d was called off: %s", a.Id, a.CallOffReason)
	}
	if a.Status != types.AUCTION_STATUS_OPEN || !now.Before(a.EndTime) {
		return nil, errorsmod.Wrapf(types.ErrAuctionClosed, "auction %d ended at %s", a.Id, a.EndTime.UTC().Format(time.RFC3339))
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if least := params.MinBidQuantity(a.Supply); msg.Quantity < least || msg.Quantity > a.Supply {
		return nil, errorsmod.Wrapf(types.ErrInvalidQuantity, "bid for %d NFTs: auction %d takes bids for %d to %d NFTs", msg.Quantity, a.Id, least, a.Supply)
	}
	if msg.UnitPrice.Denom != a.Reserve.Denom {
		return nil, errorsmod.Wrapf(types.ErrWrongDenom, "auction %d takes bids in %s, not %q", a.Id, a.Reserve.Denom, msg.UnitPrice.Denom)
	}
	if msg.UnitPrice.Amount.IsNil() || msg.UnitPrice.Amount.LT(a.Reserve.Amount) {
		return nil, errorsmod.Wrapf(types.ErrBidTooLow, "bid %s below reserve %s", msg.UnitPrice, a.Reserve)
	}
	if msg.UnitPrice.Amount.BigIntMut().BitLen() > maxBidPriceBits {
		return nil, errorsmod.Wrapf(types.ErrInvalidPrice, "bid unit price %s is above 2^%d-1", msg.UnitPrice, maxBidPriceBits)
	}
	id, err := m.NextBidID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	bid := types.Bid{
		Id: id, AuctionId: a.Id, Bidder: bidderStr, Quantity: msg.Quantity, UnitPrice: msg.UnitPrice,
		Locked:   sdk.NewCoin(msg.UnitPrice.Denom, msg.UnitPrice.Amount.Mul(math.NewIntFromUint64(msg.Quantity))),
		Paid:     sdk.NewCoin(msg.UnitPrice.Denom, math.ZeroInt()),
		Refunded: sdk.NewCoin(msg.UnitPrice.Denom, math.ZeroInt()),
	}
	if a.BidCount >= params.MaxBidsPerAuction {
		lowest, err := m.replaceable(ctx, a, params, bid)
		if err != nil {
			return nil, err
		}
		if err := m.dropBid(ctx, lowest, bid.Id); err != nil {
			return nil, err
		}
		a.BidCount--
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, bidder, types.ModuleName, sdk.NewCoins(bid.Locked)); err != nil {
		return nil, errorsmod.Wrapf(err, "bid locks %s", bid.Locked)
	}
	if err := m.NextBidID.Set(ctx, id+1); err != nil {
		return nil, err
	}
	if err := m.Bids.Set(ctx, collections.Join(a.Id, id), bid); err != nil {
		return nil, err
	}
	a.BidCount++
	if err := m.extendIfLate(ctx, &a, params, id); err != nil {
		return nil, err
	}
	if err := m.Auctions.Set(ctx, a.Id, a); err != nil {
		return nil, err
	}
	return &types.MsgPlaceBidResponse{BidId: id}, m.emit(ctx, &types.EventBidPlaced{
		AuctionId: a.Id, BidId: id, Bidder: bidderStr, Quantity: msg.Quantity, UnitPrice: msg.UnitPrice.String(), Locked: bid.Locked.String(),
	})
}

// replaceable returns the bid a new bid takes the place of in a full auction: its lowest-ranked
// bid, which the new bid must rank above (a later bid at the same price ranks lower), and only if
// the outcome for the seller does not get worse: with the new bid in place of the lowest, the
// bids sell at least as many NFTs for at least as much (clearing price × NFTs sold). So a
// sniper's small bids cannot push large bids out, and dust cannot lock better bidders out: a bid
// with as many NFTs at a better price always gets in. Bounded: max_bids_per_auction bids.
func (k Keeper) replaceable(ctx context.Context, a types.Auction, params types.Params, bid types.Bid) (types.Bid, error) {
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return types.Bid{}, err
	}
	if len(bids) == 0 {
		return types.Bid{}, errorsmod.Wrapf(types.ErrBooksMismatch, "auction %d counts %d bids and holds none", a.Id, a.BidCount)
	}
	lowest := bids[len(bids)-1]
	if !types.Ranks(bid, lowest) {
		return lowest, errorsmod.Wrapf(types.ErrBidTooLow, "auction %d holds the maximum %d bids; a new bid must rank above the lowest, bid %d for %d at %s (bid %s)",
			a.Id, params.MaxBidsPerAuction, lowest.Id, lowest.Quantity, lowest.UnitPrice, bid.UnitPrice)
	}
	kept := make([]types.Bid, 0, len(bids))
	placed := false
	for _, b := range bids[:len(bids)-1] {
		if !placed && types.Ranks(bid, b) {
			kept, placed = append(kept, bid), true
		}
		kept = append(kept, b)
	}
	if !placed {
		kept = append(kept, bid)
	}
	_, c0, s0 := fills(bids, a.Supply)
	_, c1, s1 := fills(kept, a.Supply)
	p0, p1 := c0.Mul(math.NewIntFromUint64(s0)), c1.Mul(math.NewIntFromUint64(s1))
	if s1 < s0 || p1.LT(p0) {
		denom := a.Reserve.Denom
		return lowest, errorsmod.Wrapf(types.ErrBidWorsensAuction,
			"auction %d holds the maximum %d bids: in place of bid %d (%d at %s) this bid would sell %d NFTs for %s instead of %d for %s",
			a.Id, params.MaxBidsPerAuction, lowest.Id, lowest.Quantity, lowest.UnitPrice, s1, sdk.NewCoin(denom, p1), s0, sdk.NewCoin(denom, p0))
	}
	return lowest, nil
}

// extendIfLate is the anti-sniping rule: a bid accepted less than w before the auction's end
// moves the end to w after now, where w is auction_extension, or a tenth of the auction's length
// (end − start) if that is shorter, so that a one-minute auction is not stretched by ten minutes.
// At most max_auction_extensions times, and never to or past the product's term end. The caller
// saves the auction.
func (k Keeper) extendIfLate(ctx context.Context, a *types.Auction, params types.Params, bidID uint64) error {
	now := blockTime(ctx)
	window := min(params.AuctionExtension, a.EndTime.Sub(a.StartTime)/10)
	if window <= 0 || a.Extensions >= params.MaxAuctionExtensions || a.EndTime.Sub(now) >= window {
		return nil
	}
	p, err := k.getProduct(ctx, a.ProductId)
	if err != nil {
		return err
	}
	end := now.Add(window)
	// The first auction's end is the product's term start (no NFT exists yet): the term moves with it.
	moveTerm := p.Created == 0 && p.Sold == 0 && p.TermStart.Equal(a.EndTime)
	if !moveTerm && !end.Before(p.TermEnd) {
		return nil
	}
	if moveTerm {
		shift := end.Sub(a.EndTime)
		if err := k.ProductQueue.Remove(ctx, p.TermEnd, p.Id); err != nil {
			return err
		}
		p.TermStart, p.TermEnd = p.TermStart.Add(shift), p.TermEnd.Add(shift)
		if err := k.ProductQueue.Push(ctx, p.TermEnd, p.Id); err != nil {
			return err
		}
		if err := k.Products.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	if err := k.moveAuctionEnd(ctx, a, end); err != nil {
		return err
	}
	a.Extensions++
	return k.emit(ctx, &types.EventAuctionExtended{AuctionId: a.Id, BidId: bidID, EndTime: a.EndTime, Extensions: a.Extensions})
}

// moveAuctionEnd is the one place an open auction's end time changes: its queue entry moves with
// it. The caller saves the auction.
func (k Keeper) moveAuctionEnd(ctx context.Context, a *types.Auction, end time.Time) error {
	if err := k.AuctionQueue.Remove(ctx, a.EndTime, a.Id); err != nil {
		return err
	}
	a.EndTime = end
	return k.AuctionQueue.Push(ctx, end, a.Id)
}

// dropBid removes an outbid bid and refunds what it locked.
func (k Keeper) dropBid(ctx context.Context, b types.Bid, byBid uint64) error {
	bidder, err := k.addr("bidder", b.Bidder)
	if err != nil {
		return err
	}
	if err := k.Bids.Remove(ctx, collections.Join(b.AuctionId, b.Id)); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, bidder, sdk.NewCoins(b.Locked)); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBidOutbid{AuctionId: b.AuctionId, BidId: b.Id, Bidder: b.Bidder, Refunded: b.Locked.String(), ByBidId: byBid})
}
