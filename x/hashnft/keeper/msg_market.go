package keeper

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

func (m msgServer) TransferNFT(ctx context.Context, msg *types.MsgTransferNFT) (*types.MsgTransferNFTResponse, error) {
	from, _, err := m.account("sender", msg.Sender)
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
	_, owner, err := m.account("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	n, err := m.movable(ctx, msg.NftId, owner)
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
	l := types.Listing{NftId: n.Id, ProductId: n.ProductId, Seller: owner, Price: msg.Price, ListedAt: blockTime(ctx)}
	if err := m.Listings.Set(ctx, n.Id, l); err != nil {
		return nil, err
	}
	return &types.MsgListNFTResponse{}, m.emit(ctx, &types.EventNFTListed{NftId: n.Id, Seller: owner, Price: msg.Price.String()})
}

// listing returns the NFT's listing, or ErrNotListed.
func (m msgServer) listing(ctx context.Context, n types.NFT) (types.Listing, error) {
	l, ok, err := m.listed(ctx, n.Id)
	if err != nil {
		return l, err
	}
	if !ok {
		return l, errorsmod.Wrapf(types.ErrNotListed, "NFT %d is not listed", n.Id)
	}
	return l, nil
}

func (m msgServer) CancelListing(ctx context.Context, msg *types.MsgCancelListing) (*types.MsgCancelListingResponse, error) {
	_, owner, err := m.account("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	// Who owns the NFT first: a non-owner learns that, whether the NFT is listed or not.
	n, err := m.GetNFT(ctx, msg.NftId)
	if err != nil {
		return nil, err
	}
	if n.Owner != owner {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "NFT %d belongs to %s, not %s", n.Id, n.Owner, owner)
	}
	l, err := m.listing(ctx, n)
	if err != nil {
		return nil, err
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
	buyer, buyerStr, err := m.account("buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	// Who owns the NFT first: its owner cannot buy it, listed or not.
	n, err := m.GetNFT(ctx, msg.NftId)
	if err != nil {
		return nil, err
	}
	if n.Owner == buyerStr {
		return nil, errorsmod.Wrapf(types.ErrSelfTrade, "%s already owns NFT %d; a seller takes its NFT off sale by cancelling the listing", buyerStr, n.Id)
	}
	l, err := m.listing(ctx, n)
	if err != nil {
		return nil, err
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
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	fee := sdk.NewCoin(l.Price.Denom, types.Fee(l.Price.Amount, p.TradingFeeBps))
	toSeller := l.Price.Sub(fee)
	if fee.IsPositive() {
		if err := m.revenue.PayRevenueFromAccount(ctx, modaccounts.SourceTradingFee, buyer, fee); err != nil {
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
		NftId: l.NftId, Seller: l.Seller, Buyer: buyerStr, Price: l.Price.String(), TradingFee: fee.String(), ToSeller: toSeller.String(),
	})
}
