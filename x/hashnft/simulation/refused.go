package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// WeightRefused is the default weight of each message the simulation sends to be refused.
const WeightRefused = 3

// refusedFactories registers the bad input: each message is delivered, must fail with its
// registered error, and must leave the records it names unchanged.
func refusedFactories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_buy_nfts_sold_out", WeightRefused), MsgBuyNFTsSoldOutFactory(k))
	reg.Add(w.Get("msg_transfer_nft_not_owner", WeightRefused), MsgTransferNFTNotOwnerFactory(k))
	reg.Add(w.Get("msg_place_bid_below_reserve", WeightRefused), MsgPlaceBidBelowReserveFactory(k))
	reg.Add(w.Get("msg_buy_listing_own", WeightRefused), MsgBuyListingOwnFactory(k))
}

// describe is the state a refused message must not change: the records, as the store has them.
func describe(records ...func() (any, error)) func() string {
	return func() string {
		s := ""
		for _, rec := range records {
			v, err := rec()
			s += fmt.Sprintf("%v|%v;", v, err)
		}
		return s
	}
}

// MsgBuyNFTsSoldOutFactory buys more NFTs than a fixed-price product has left, or any of a
// product sold out (no longer on sale): ErrNotEnoughLeft or ErrNotOnSale; the product, its escrow
// and the NFT sequence stay as they were.
func MsgBuyNFTsSoldOutFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgBuyNFTs] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBuyNFTs, simsx.SimDeliveryResultHandler) {
		p, ok := PickOne(ctx, data.Rand(), k.Products.Iterate, func(p types.Product) bool {
			return onSale(ctx, p) && (p.SaleMode == types.SALE_MODE_FIXED_PRICE || p.Unsold() == 0)
		})
		if !ok {
			reporter.Skip("no fixed-price or sold-out product")
			return nil, nil, nil
		}
		buyer := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgBuyNFTs{Buyer: buyer.AddressBech32, ProductId: p.Id, Quantity: p.Unsold() + 1, MaxUnitPrice: p.Price}
		want := types.ErrNotEnoughLeft
		if p.Unsold() == 0 {
			want, msg.Quantity = types.ErrNotOnSale, 1
		}
		if !ExpectRefusal(ctx, reporter, want, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).BuyNFTs(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		state := describe(
			func() (any, error) { return k.Products.Get(ctx, p.Id) },
			func() (any, error) { return k.Escrows.Get(ctx, p.Id) },
			func() (any, error) { return k.NextNFTID.Peek(ctx) },
		)
		return []simsx.SimAccount{buyer}, msg, Refused(want, state)
	})
}

// MsgTransferNFTNotOwnerFactory has an account transfer an NFT it does not hold: ErrNotOwner,
// the NFT stays with its owner.
func MsgTransferNFTNotOwnerFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgTransferNFT] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTransferNFT, simsx.SimDeliveryResultHandler) {
		n, ok := PickOne(ctx, data.Rand(), k.NFTs.Iterate, func(types.NFT) bool { return true })
		if !ok {
			reporter.Skip("no NFT")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter, simsx.ExcludeAddresses(n.Owner))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgTransferNFT{Sender: from.AddressBech32, NftId: n.Id, Recipient: from.AddressBech32}
		if !ExpectRefusal(ctx, reporter, types.ErrNotOwner, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).TransferNFT(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		state := describe(func() (any, error) { return k.NFTs.Get(ctx, n.Id) })
		return []simsx.SimAccount{from}, msg, Refused(types.ErrNotOwner, state)
	})
}

// MsgPlaceBidBelowReserveFactory bids one unit below an open auction's reserve: ErrBidTooLow,
// the auction and the bid sequence stay as they were and nothing is locked.
func MsgPlaceBidBelowReserveFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgPlaceBid] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPlaceBid, simsx.SimDeliveryResultHandler) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil, nil
		}
		a, ok := PickOne(ctx, data.Rand(), k.Auctions.Iterate, func(a types.Auction) bool {
			return a.Status == types.AUCTION_STATUS_OPEN && now(ctx).Before(a.EndTime)
		})
		if !ok {
			reporter.Skip("no open auction")
			return nil, nil, nil
		}
		bidder := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgPlaceBid{
			Bidder: bidder.AddressBech32, AuctionId: a.Id, Quantity: params.MinBidQuantity(a.Supply),
			UnitPrice: sdk.NewCoin(a.Reserve.Denom, a.Reserve.Amount.Sub(math.OneInt())),
		}
		if !ExpectRefusal(ctx, reporter, types.ErrBidTooLow, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).PlaceBid(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		state := describe(
			func() (any, error) { return k.Auctions.Get(ctx, a.Id) },
			func() (any, error) { return k.NextBidID.Peek(ctx) },
		)
		return []simsx.SimAccount{bidder}, msg, Refused(types.ErrBidTooLow, state)
	})
}

// MsgBuyListingOwnFactory has a seller buy its own listing: ErrSelfTrade, the listing and the
// NFT stay.
func MsgBuyListingOwnFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgBuyListing] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBuyListing, simsx.SimDeliveryResultHandler) {
		l, ok := PickOne(ctx, data.Rand(), k.Listings.Iterate, func(l types.Listing) bool { return data.HasAccount(l.Seller) })
		if !ok {
			reporter.Skip("no listing")
			return nil, nil, nil
		}
		seller := data.GetAccount(reporter, l.Seller)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgBuyListing{Buyer: l.Seller, NftId: l.NftId, MaxPrice: l.Price}
		if !ExpectRefusal(ctx, reporter, types.ErrSelfTrade, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).BuyListing(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		state := describe(
			func() (any, error) { return k.Listings.Get(ctx, l.NftId) },
			func() (any, error) { return k.NFTs.Get(ctx, l.NftId) },
		)
		return []simsx.SimAccount{seller}, msg, Refused(types.ErrSelfTrade, state)
	})
}
