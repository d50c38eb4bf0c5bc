package keeper

import (
	"context"
	"fmt"
	"sort"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

func termDuration(days uint32) time.Duration { return time.Duration(days) * 24 * time.Hour }

// openSale puts the product's unsold NFTs on sale: at a fixed price, or in a new auction that
// ends after duration. It returns the auction's id (0 for a fixed price). The caller saves the product.
func (k Keeper) openSale(ctx context.Context, p *types.Product, mode types.SaleMode, price sdk.Coin, duration time.Duration) (uint64, error) {
	now := blockTime(ctx)
	p.SaleMode, p.Price, p.AuctionId = mode, price, 0
	ev := &types.EventSaleOpened{ProductId: p.Id, SaleMode: mode, Price: price.String(), Quantity: p.Unsold()}
	if mode == types.SALE_MODE_AUCTION {
		id, err := k.NextAuctionID.Next(ctx)
		if err != nil {
			return 0, err
		}
		a := types.Auction{
			Id: id, ProductId: p.Id, Supply: p.Unsold(), Reserve: price, StartTime: now, EndTime: now.Add(duration),
			Status: types.AUCTION_STATUS_OPEN, ClearingPrice: sdk.NewCoin(price.Denom, math.ZeroInt()),
		}
		if err := k.Auctions.Set(ctx, id, a); err != nil {
			return 0, err
		}
		if err := k.AuctionQueue.Push(ctx, a.EndTime, id); err != nil {
			return 0, err
		}
		p.AuctionId = id
		ev.AuctionId, ev.EndTime = id, a.EndTime
	}
	return p.AuctionId, k.emit(ctx, ev)
}

// activeProduct returns the product if it takes purchases now.
func (k Keeper) activeProduct(ctx context.Context, id uint64) (types.Product, error) {
	p, err := k.getProduct(ctx, id)
	if err != nil {
		return p, err
	}
	now := blockTime(ctx)
	if p.Status != types.PRODUCT_STATUS_ACTIVE && now.Before(p.TermEnd) {
		return p, errorsmod.Wrapf(types.ErrProductEnded, "product %d was ended before its term (its escrow was terminated): it sells no more NFTs", p.Id)
	}
	if p.Status != types.PRODUCT_STATUS_ACTIVE || !now.Before(p.TermEnd) {
		return p, errorsmod.Wrapf(types.ErrProductEnded, "product %d's term ended at %s", p.Id, p.TermEnd.UTC().Format(time.RFC3339))
	}
	return p, nil
}

// payPrimary splits a primary sale's payment: the channel fee (rounded up) to platform revenue,
// the rest into the product's escrow. from is the buyer's account, or nil to pay out of the
// bids locked in the hashnft module account.
func (k Keeper) payPrimary(ctx context.Context, from sdk.AccAddress, productID uint64, total sdk.Coin, bps uint32) (fee, toEscrow sdk.Coin, err error) {
	fee = sdk.NewCoin(total.Denom, types.Fee(total.Amount, bps))
	toEscrow = total.Sub(fee)
	send := func(to string, amt sdk.Coin) error {
		if !amt.IsPositive() {
			return nil
		}
		if from == nil {
			return k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, to, sdk.NewCoins(amt))
		}
		return k.bankKeeper.SendCoinsFromAccountToModule(ctx, from, to, sdk.NewCoins(amt))
	}
	if err = send(dmctypes.RevenueAccount, fee); err != nil {
		return fee, toEscrow, err
	}
	if err = send(types.EscrowAccount, toEscrow); err != nil {
		return fee, toEscrow, err
	}
	if err = k.recordRevenue(ctx, fee); err != nil {
		return fee, toEscrow, err
	}
	return fee, toEscrow, k.creditEscrow(ctx, productID, toEscrow)
}

func (m msgServer) BuyNFTs(ctx context.Context, msg *types.MsgBuyNFTs) (*types.MsgBuyNFTsResponse, error) {
	buyer, buyerStr, err := m.account("buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	if msg.Quantity == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidQuantity, "quantity must be at least 1")
	}
	p, err := m.activeProduct(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if p.SaleMode != types.SALE_MODE_FIXED_PRICE {
		if p.SaleMode == types.SALE_MODE_AUCTION {
			return nil, errorsmod.Wrapf(types.ErrNotOnSale, "product %d is sold by auction %d; bid there", p.Id, p.AuctionId)
		}
		return nil, errorsmod.Wrapf(types.ErrNotOnSale, "product %d is not on sale", p.Id)
	}
	if left := p.Unsold(); msg.Quantity > left {
		return nil, errorsmod.Wrapf(types.ErrNotEnoughLeft, "buy %d NFTs of product %d, %d left", msg.Quantity, p.Id, left)
	}
	if msg.MaxUnitPrice.Denom != p.Price.Denom {
		return nil, errorsmod.Wrapf(types.ErrWrongDenom, "product %d is priced in %s, not %q", p.Id, p.Price.Denom, msg.MaxUnitPrice.Denom)
	}
	if msg.MaxUnitPrice.Amount.IsNil() || msg.MaxUnitPrice.Amount.LT(p.Price.Amount) {
		return nil, errorsmod.Wrapf(types.ErrPriceAboveLimit, "product %d costs %s per NFT, above the limit %s", p.Id, p.Price, msg.MaxUnitPrice)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	total := sdk.NewCoin(p.Price.Denom, p.Price.Amount.Mul(math.NewIntFromUint64(msg.Quantity)))
	fee, toEscrow, err := m.payPrimary(ctx, buyer, p.Id, total, params.ChannelFeeBps)
	if err != nil {
		return nil, err
	}
	p.Sold += msg.Quantity
	first, last, err := m.createNFTs(ctx, &p, buyer, buyerStr, msg.Quantity)
	if err != nil {
		return nil, err
	}
	if p.Unsold() == 0 {
		p.SaleMode = types.SALE_MODE_UNSPECIFIED
	}
	if err := m.Products.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	ids := make([]uint64, 0, msg.Quantity)
	for id := first; id <= last; id++ {
		ids = append(ids, id)
	}
	return &types.MsgBuyNFTsResponse{NftIds: ids, Paid: total}, m.emit(ctx, &types.EventNFTsBought{
		ProductId: p.Id, Buyer: buyerStr, Quantity: msg.Quantity, FirstNftId: first, LastNftId: last,
		Paid: total.String(), ChannelFee: fee.String(), ToEscrow: toEscrow.String(),
	})
}

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

// minersProduct returns the product if sender is its miner and it is active with no open auction.
func (k Keeper) minersProduct(ctx context.Context, sender string, productID uint64) (types.Product, error) {
	_, sender, err := k.account("miner", sender)
	if err != nil {
		return types.Product{}, err
	}
	p, err := k.activeProduct(ctx, productID)
	if err != nil {
		return p, err
	}
	if p.Miner != sender {
		return p, errorsmod.Wrapf(types.ErrNotMiner, "product %d is %s's, not %s's", p.Id, p.Miner, sender)
	}
	if p.SaleMode == types.SALE_MODE_AUCTION {
		return p, errorsmod.Wrapf(types.ErrInvalidSale, "product %d's auction %d is still open", p.Id, p.AuctionId)
	}
	// One auction at a time, until its winners hold their NFTs (a few blocks at most).
	if p.SettlingAuctionId != 0 {
		return p, errorsmod.Wrapf(types.ErrInvalidSale, "product %d's auction %d is still creating its winners' NFTs; try again in a few blocks", p.Id, p.SettlingAuctionId)
	}
	if p.Unsold() == 0 {
		return p, errorsmod.Wrapf(types.ErrNotEnoughLeft, "product %d has no unsold NFTs", p.Id)
	}
	return p, nil
}

func (m msgServer) RelistProduct(ctx context.Context, msg *types.MsgRelistProduct) (*types.MsgRelistProductResponse, error) {
	p, err := m.minersProduct(ctx, msg.Miner, msg.ProductId)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := validateSale(params, msg.SaleMode, msg.Price, msg.AuctionDuration, types.ErrInvalidSale); err != nil {
		return nil, err
	}
	if end := blockTime(ctx).Add(msg.AuctionDuration); msg.SaleMode == types.SALE_MODE_AUCTION && !end.Before(p.TermEnd) {
		return nil, errorsmod.Wrapf(types.ErrInvalidSale, "an auction ending at %s would end after product %d's term (%s)",
			end.UTC().Format(time.RFC3339), p.Id, p.TermEnd.UTC().Format(time.RFC3339))
	}
	auctionID, err := m.openSale(ctx, &p, msg.SaleMode, msg.Price, msg.AuctionDuration)
	if err != nil {
		return nil, err
	}
	return &types.MsgRelistProductResponse{AuctionId: auctionID}, m.Products.Set(ctx, p.Id, p)
}

func (m msgServer) RetireUnsold(ctx context.Context, msg *types.MsgRetireUnsold) (*types.MsgRetireUnsoldResponse, error) {
	p, err := m.minersProduct(ctx, msg.Miner, msg.ProductId)
	if err != nil {
		return nil, err
	}
	n, err := m.retireUnsold(ctx, &p)
	if err != nil {
		return nil, err
	}
	if err := m.Products.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgRetireUnsoldResponse{Retired: n}, m.emit(ctx, &types.EventUnsoldRetired{ProductId: p.Id, Quantity: n})
}

// retireUnsold takes the unsold NFTs of an active product off sale for good and releases their
// power from the miner's cap. The caller saves the product.
func (k Keeper) retireUnsold(ctx context.Context, p *types.Product) (uint64, error) {
	n := p.Unsold()
	if n == 0 {
		return 0, nil
	}
	if p.Status == types.PRODUCT_STATUS_ACTIVE {
		if err := k.addProductPower(ctx, *p, p.PowerPerNft.Mul(math.NewIntFromUint64(n)).Neg()); err != nil {
			return 0, err
		}
	}
	p.Retired += n
	p.SaleMode, p.AuctionId = types.SALE_MODE_UNSPECIFIED, 0
	return n, nil
}

// endProduct is the product queue's handler: at the end of its term a product stops selling,
// its unsold NFTs are retired and its power leaves the miner's cap. An auction still settling
// retires what it leaves unsold when it settles.
func (k Keeper) endProduct(ctx context.Context, id uint64) (bool, error) {
	p, err := k.getProduct(ctx, id)
	if err != nil {
		return false, err
	}
	if p.Status != types.PRODUCT_STATUS_ACTIVE {
		return true, nil
	}
	return true, k.end(ctx, p)
}

func (k Keeper) end(ctx context.Context, p types.Product) error {
	if err := k.addProductPower(ctx, p, p.CommittedPower().Neg()); err != nil {
		return err
	}
	p.Status = types.PRODUCT_STATUS_ENDED
	var retired uint64
	if p.SaleMode != types.SALE_MODE_AUCTION {
		var err error
		if retired, err = k.retireUnsold(ctx, &p); err != nil {
			return err
		}
	}
	if err := k.Products.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventProductEnded{ProductId: p.Id, Retired: retired})
}

// EndProduct ends a product before its term, for x/escrow's termination (SPEC §5): an open
// auction is called off and every bid refunded in full; an auction that cleared but is still
// creating its winners' NFTs creates no more (cancelUndelivered refunds them); the unsold NFTs are
// retired and the product's power leaves the miner's cap. The NFTs already created remain. A
// product whose term already ended only has its settling auction, if any, wound up.
func (k Keeper) EndProduct(ctx context.Context, productID uint64) error {
	p, err := k.getProduct(ctx, productID)
	if err != nil {
		return err
	}
	if p.Status != types.PRODUCT_STATUS_ACTIVE && p.SettlingAuctionId == 0 && p.SaleMode != types.SALE_MODE_AUCTION {
		return errorsmod.Wrapf(types.ErrProductEnded, "product %d has already ended", p.Id)
	}
	reason := fmt.Sprintf("product %d was ended before its term (its escrow was terminated)", p.Id)
	if p.Status != types.PRODUCT_STATUS_ACTIVE {
		reason = fmt.Sprintf("product %d's escrow was terminated after its term ended", p.Id)
	}
	if p.SettlingAuctionId != 0 {
		if err := k.cancelUndelivered(ctx, &p, reason); err != nil {
			return err
		}
	}
	// An auction still open (also one whose product's term ended while it waited in the queue)
	// is called off: every bid gets back what it locked.
	if p.SaleMode == types.SALE_MODE_AUCTION {
		a, err := k.getAuction(ctx, p.AuctionId)
		if err != nil {
			return err
		}
		if err := k.callOff(ctx, &a, reason); err != nil {
			return err
		}
		k.auctionGone(&p, a.Id)
	}
	if p.Status != types.PRODUCT_STATUS_ACTIVE {
		return k.Products.Set(ctx, p.Id, p)
	}
	if err := k.ProductQueue.Remove(ctx, p.TermEnd, p.Id); err != nil {
		return err
	}
	return k.end(ctx, p)
}

// cancelUndelivered winds up the product's settling auction at its termination: the NFTs won but
// not yet created are never created (nothing comes into being after the termination). Each
// winner still owed NFTs gets back, out of the product's escrow, the share of what the escrow
// holds that every sold NFT gets back at a termination: held × (its NFTs not created) / sold,
// rounded down (the remainder stays in the escrow and goes to the holders' refund, so not one
// unit is lost). The cancelled NFTs count as retired. Bounded: at most max_bids_per_auction bids.
// The caller saves the product.
func (k Keeper) cancelUndelivered(ctx context.Context, p *types.Product, reason string) error {
	a, err := k.getAuction(ctx, p.SettlingAuctionId)
	if err != nil {
		return err
	}
	if a.Status != types.AUCTION_STATUS_SETTLING {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "product %d's settling auction %d is %s", p.Id, a.Id, a.Status)
	}
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return err
	}
	esc, err := k.GetEscrow(ctx, p.Id)
	if err != nil {
		return err
	}
	// Every NFT sold, created or not, has the same claim on what the escrow holds.
	sold := math.NewIntFromUint64(p.Sold)
	var cancelled uint64
	refunded := sdk.NewCoins()
	for _, b := range bids {
		u := b.Filled - b.Created - b.Cancelled
		if u == 0 {
			continue
		}
		refund := sdk.NewCoins()
		for _, c := range esc.Held {
			if amt := c.Amount.Mul(math.NewIntFromUint64(u)).Quo(sold); amt.IsPositive() {
				refund = refund.Add(sdk.NewCoin(c.Denom, amt))
			}
		}
		bidder, err := k.addr("bidder", b.Bidder)
		if err != nil {
			return err
		}
		if err := k.refundUndelivered(ctx, p.Id, bidder, refund); err != nil {
			return err
		}
		b.Cancelled += u
		b.TerminationRefund = b.TerminationRefund.Add(refund...)
		cancelled += u
		refunded = refunded.Add(refund...)
		if err := k.Bids.Set(ctx, collections.Join(a.Id, b.Id), b); err != nil {
			return err
		}
		// A second EventBidSettled for the bid: filled is what it received in the end, refunded
		// what the escrow paid back for the rest.
		if err := k.emit(ctx, &types.EventBidSettled{AuctionId: a.Id, BidId: b.Id, Bidder: b.Bidder, Filled: b.Created,
			Paid: b.Paid.String(), Refunded: refund.String()}); err != nil {
			return err
		}
	}
	if cancelled != a.Sold-a.Created-a.Cancelled {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "auction %d: its bids leave %d NFTs to create, it counts %d", a.Id, cancelled, a.Sold-a.Created-a.Cancelled)
	}
	a.Cancelled += cancelled
	a.Status, a.CallOffReason = types.AUCTION_STATUS_SETTLED, reason
	if err := k.Auctions.Set(ctx, a.Id, a); err != nil {
		return err
	}
	if err := k.emit(ctx, &types.EventAuctionCancelled{AuctionId: a.Id, ProductId: p.Id, Reason: reason,
		Refunded: refunded.String(), Undelivered: cancelled}); err != nil {
		return err
	}
	// A retry may have moved the auction to another time; such a stale entry finds it settled.
	if err := k.AuctionQueue.Remove(ctx, a.EndTime, a.Id); err != nil {
		return err
	}
	if p.Status == types.PRODUCT_STATUS_ACTIVE {
		if err := k.addProductPower(ctx, *p, p.PowerPerNft.Mul(math.NewIntFromUint64(cancelled)).Neg()); err != nil {
			return err
		}
	}
	p.Sold -= cancelled
	p.Retired += cancelled
	p.SettlingAuctionId = 0
	return nil
}

// callOff ends an open auction without a sale: every bid gets back what it locked, and the
// auction is cancelled with its reason. The caller returns the product's NFTs (auctionGone).
func (k Keeper) callOff(ctx context.Context, a *types.Auction, reason string) error {
	if a.Status != types.AUCTION_STATUS_OPEN {
		return nil
	}
	bids, err := k.auctionBids(ctx, a.Id)
	if err != nil {
		return err
	}
	refunded := sdk.NewCoins()
	for _, b := range bids {
		bidder, err := k.addr("bidder", b.Bidder)
		if err != nil {
			return err
		}
		if b.Locked.IsPositive() {
			if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, bidder, sdk.NewCoins(b.Locked)); err != nil {
				return err
			}
			refunded = refunded.Add(b.Locked)
		}
		b.Refunded, b.Locked = b.Locked, sdk.NewCoin(b.Locked.Denom, math.ZeroInt())
		if err := k.Bids.Set(ctx, collections.Join(a.Id, b.Id), b); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.EventBidSettled{AuctionId: a.Id, BidId: b.Id, Bidder: b.Bidder,
			Paid: b.Paid.String(), Refunded: b.Refunded.String()}); err != nil {
			return err
		}
	}
	a.Status, a.CallOffReason = types.AUCTION_STATUS_CANCELLED, reason
	if err := k.Auctions.Set(ctx, a.Id, *a); err != nil {
		return err
	}
	// A retry may have moved the auction to another time; such a stale entry finds it cancelled.
	if err := k.AuctionQueue.Remove(ctx, a.EndTime, a.Id); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventAuctionCancelled{AuctionId: a.Id, ProductId: a.ProductId, Reason: reason, Refunded: refunded.String()})
}

// auctionGone takes a called-off auction off its product: the unsold NFTs return to the miner's
// control, or are retired if the product's term has ended. The caller saves the product.
func (k Keeper) auctionGone(p *types.Product, auctionID uint64) {
	if p.AuctionId != auctionID {
		return
	}
	p.SaleMode, p.AuctionId = types.SALE_MODE_UNSPECIFIED, 0
	if p.Status != types.PRODUCT_STATUS_ACTIVE {
		p.Retired += p.Unsold()
	}
}
