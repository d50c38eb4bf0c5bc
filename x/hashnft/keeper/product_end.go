// The end of a product: its term ending (the product queue), a termination by x/escrow
// (EndProduct, the cross-module API), undelivered sales cancelled and auctions called off.
package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

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
			Paid: b.Paid.String(), Refunded: amounts.Coins(refund, a.Reserve.Denom)}); err != nil {
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
		Refunded: amounts.Coins(refunded, a.Reserve.Denom), Undelivered: cancelled}); err != nil {
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
	return k.emit(ctx, &types.EventAuctionCancelled{AuctionId: a.Id, ProductId: a.ProductId, Reason: reason, Refunded: amounts.Coins(refunded, a.Reserve.Denom)})
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
