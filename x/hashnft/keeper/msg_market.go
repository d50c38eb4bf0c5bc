package keeper

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

func (m msgServer) TransferNFT(ctx context.Context, msg *types.MsgTransferNFT) (*types.MsgTransferNFTResponse, error) {
	from, err := m.addr("sender", msg.Sender)
	if err != nil {
		return nil, err
	}
	to, err := m.addressCodec.StringToBytes(msg.Recipient)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidRecipient, "recipient %q: %v", msg.Recipient, err)
	}
	return &types.MsgTransferNFTResponse{}, m.Transfer(ctx, msg.NftId, from, to)
}

func (m msgServer) ListNFT(ctx context.Context, msg *types.MsgListNFT) (*types.MsgListNFTResponse, error) {
	if _, err := m.addr("owner", msg.Owner); err != nil {
		return nil, err
	}
	n, err := m.movable(ctx, msg.NftId, msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := msg.Price.Validate(); err != nil || !msg.Price.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidPrice, "price %s must be a positive amount of a valid denom", msg.Price)
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !p.Accepts(msg.Price.Denom) {
		return nil, errorsmod.Wrapf(types.ErrDenomNotAccepted, "price denom %s is not accepted (accepted: %s)", msg.Price.Denom, strings.Join(p.AcceptedDenoms, ", "))
	}
	l := types.Listing{NftId: n.Id, ProductId: n.ProductId, Seller: msg.Owner, Price: msg.Price, ListedAt: blockTime(ctx)}
	if err := m.Listings.Set(ctx, n.Id, l); err != nil {
		return nil, err
	}
	return &types.MsgListNFTResponse{}, m.emit(ctx, &types.EventNFTListed{NftId: n.Id, Seller: msg.Owner, Price: msg.Price.String()})
}

func (m msgServer) listing(ctx context.Context, id uint64) (types.Listing, error) {
	l, ok, err := m.listed(ctx, id)
	if err != nil {
		return l, err
	}
	if !ok {
		if _, err := m.GetNFT(ctx, id); err != nil {
			return l, err
		}
		return l, errorsmod.Wrapf(types.ErrNotListed, "NFT %d is not listed", id)
	}
	return l, nil
}

func (m msgServer) CancelListing(ctx context.Context, msg *types.MsgCancelListing) (*types.MsgCancelListingResponse, error) {
	if _, err := m.addr("owner", msg.Owner); err != nil {
		return nil, err
	}
	l, err := m.listing(ctx, msg.NftId)
	if err != nil {
		return nil, err
	}
	if l.Seller != msg.Owner {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "NFT %d is listed by %s, not %s", l.NftId, l.Seller, msg.Owner)
	}
	if err := m.Listings.Remove(ctx, l.NftId); err != nil {
		return nil, err
	}
	return &types.MsgCancelListingResponse{}, m.emit(ctx, &types.EventListingCancelled{NftId: l.NftId, Seller: l.Seller})
}

// BuyListing pays the listing's price: the trading fee (rounded up) to platform revenue and the
// rest to the seller, in this transaction; then the NFT moves to the buyer through the
// transfer hook.
func (m msgServer) BuyListing(ctx context.Context, msg *types.MsgBuyListing) (*types.MsgBuyListingResponse, error) {
	buyer, err := m.addr("buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	l, err := m.listing(ctx, msg.NftId)
	if err != nil {
		return nil, err
	}
	if l.Seller == msg.Buyer {
		return nil, errorsmod.Wrapf(types.ErrSelfTrade, "%s listed NFT %d; cancel the listing instead", msg.Buyer, l.NftId)
	}
	if msg.MaxPrice.Denom != l.Price.Denom {
		return nil, errorsmod.Wrapf(types.ErrWrongDenom, "NFT %d is listed in %s, not %q", l.NftId, l.Price.Denom, msg.MaxPrice.Denom)
	}
	if msg.MaxPrice.Amount.IsNil() || msg.MaxPrice.Amount.LT(l.Price.Amount) {
		return nil, errorsmod.Wrapf(types.ErrPriceAboveLimit, "NFT %d is listed at %s, above the limit %s", l.NftId, l.Price, msg.MaxPrice)
	}
	seller, err := m.addr("seller", l.Seller)
	if err != nil {
		return nil, err
	}
	n, err := m.GetNFT(ctx, l.NftId)
	if err != nil {
		return nil, err
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	fee := sdk.NewCoin(l.Price.Denom, types.Fee(l.Price.Amount, p.TradingFeeBps))
	toSeller := l.Price.Sub(fee)
	if fee.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, buyer, dmctypes.RevenueAccount, sdk.NewCoins(fee)); err != nil {
			return nil, errorsmod.Wrapf(err, "trading fee %s", fee)
		}
		if err := m.recordRevenue(ctx, fee); err != nil {
			return nil, err
		}
	}
	if toSeller.IsPositive() {
		if err := m.bankKeeper.SendCoins(ctx, buyer, seller, sdk.NewCoins(toSeller)); err != nil {
			return nil, errorsmod.Wrapf(err, "payment %s to the seller", toSeller)
		}
	}
	if err := m.Listings.Remove(ctx, l.NftId); err != nil {
		return nil, err
	}
	if err := m.move(ctx, n, buyer); err != nil {
		return nil, err
	}
	return &types.MsgBuyListingResponse{Paid: l.Price}, m.emit(ctx, &types.EventListingSold{
		NftId: l.NftId, Seller: l.Seller, Buyer: msg.Buyer, Price: l.Price.String(), TradingFee: fee.String(), ToSeller: toSeller.String(),
	})
}
