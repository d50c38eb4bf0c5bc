package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
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
	if fee.IsPositive() {
		if from == nil {
			err = k.revenue.PayRevenueFromModule(ctx, modaccounts.SourceChannelFee, types.ModuleName, fee)
		} else {
			err = k.revenue.PayRevenueFromAccount(ctx, modaccounts.SourceChannelFee, from, fee)
		}
		if err != nil {
			return fee, toEscrow, err
		}
	}
	if toEscrow.IsPositive() {
		if from == nil {
			err = k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, modaccounts.HashnftEscrow, sdk.NewCoins(toEscrow))
		} else {
			err = k.bankKeeper.SendCoinsFromAccountToModule(ctx, from, modaccounts.HashnftEscrow, sdk.NewCoins(toEscrow))
		}
		if err != nil {
			return fee, toEscrow, err
		}
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
