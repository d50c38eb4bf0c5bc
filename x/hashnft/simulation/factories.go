package simulation

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// Default weights of x/hashnft's user messages (simsx.ParamWeightSource keys msg_apply_product, …).
const (
	WeightMsgApplyProduct  = 25
	WeightMsgBuyNFTs       = 40
	WeightMsgPlaceBid      = 30
	WeightMsgRelistProduct = 8
	WeightMsgRetireUnsold  = 3
	WeightMsgTransferNFT   = 15
	WeightMsgListNFT       = 20
	WeightMsgCancelListing = 5
	WeightMsgBuyListing    = 15
)

// Factories registers x/hashnft's user messages, each valid when delivered (dry-run first,
// skipped when nothing in the state fits), and the refused ones (refused.go). The authority's
// messages go through the council: CouncilMsgs.
func Factories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_apply_product", WeightMsgApplyProduct), MsgApplyProductFactory(k))
	reg.Add(w.Get("msg_buy_nfts", WeightMsgBuyNFTs), MsgBuyNFTsFactory(k))
	reg.Add(w.Get("msg_place_bid", WeightMsgPlaceBid), MsgPlaceBidFactory(k))
	reg.Add(w.Get("msg_relist_product", WeightMsgRelistProduct), MsgRelistProductFactory(k))
	reg.Add(w.Get("msg_retire_unsold", WeightMsgRetireUnsold), MsgRetireUnsoldFactory(k))
	reg.Add(w.Get("msg_transfer_nft", WeightMsgTransferNFT), MsgTransferNFTFactory(k))
	reg.Add(w.Get("msg_list_nft", WeightMsgListNFT), MsgListNFTFactory(k))
	reg.Add(w.Get("msg_cancel_listing", WeightMsgCancelListing), MsgCancelListingFactory(k))
	reg.Add(w.Get("msg_buy_listing", WeightMsgBuyListing), MsgBuyListingFactory(k))
	refusedFactories(k, w, reg)
}

// MsgApplyProductFactory has a random account apply to sell a FIL product of one of its
// simulation nodes (now and then of a node nobody attested, which the council cannot approve):
// fixed price or auction in an accepted denom, 1 to 100 NFTs of 1 to 8 TiB, for 30 to 540 days
// or, one time in five, a short term of 1 to 5 days (so that terms end within a run). Figures
// stay within the current params.
func MsgApplyProductFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApplyProduct] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgApplyProduct) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		deposit := params.ApplicationDeposit
		from := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(deposit.Add(deposit)))
		// the deposit is held back from what the fees may take
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(deposit) {
			reporter.Skip("no account holds the application deposit")
			return nil, nil
		}
		r := data.Rand()
		node := SimNodeID(from.Address, r.Intn(SimNodesPerAccount))
		if r.Intn(10) == 0 {
			node = fmt.Sprintf("f0%d", 1000+r.Intn(100_000))
		}
		term := uint32(30 + r.Intn(511))
		if r.Intn(5) == 0 {
			term = uint32(1 + r.Intn(5))
		}
		msg := &types.MsgApplyProduct{
			Miner: from.AddressBech32, Chain: "FIL", NodeId: node,
			PowerUnit: "TiB", PowerPerNft: math.NewInt(int64(1 + r.Intn(8))),
			Count: min(uint64(1+r.Intn(100)), params.MaxNftsPerProduct), TermDays: min(term, params.MaxTermDays),
			SaleMode: types.SALE_MODE_FIXED_PRICE, Price: randomPrice(r, params),
			Disclosure: types.Disclosure{
				Name: "Sim Mining " + r.StringN(6), Registration: "SIM-" + r.StringN(4),
				Contact: "ops@sim.example", Uri: "https://sim.example",
			},
		}
		if r.Bool() {
			msg.SaleMode, msg.AuctionDuration = types.SALE_MODE_AUCTION, randomAuctionDuration(r, params)
		}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).ApplyProduct(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("application refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// randomPrice is a price in one of the accepted denoms: 1,000 to 1,000,000 base units (the
// simulation's denoms have 6 decimals).
func randomPrice(r *simsx.XRand, p types.Params) sdk.Coin {
	return sdk.NewInt64Coin(p.AcceptedDenoms[r.Intn(len(p.AcceptedDenoms))], int64(1_000+r.Intn(1_000_000)))
}

// randomAuctionDuration is 1 to 24 hours, within the params' bounds.
func randomAuctionDuration(r *simsx.XRand, p types.Params) time.Duration {
	d := time.Duration(1+r.Intn(24)) * time.Hour
	return max(p.MinAuctionDuration, min(d, p.MaxAuctionDuration))
}

func now(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

// onSale says whether a product takes purchases now.
func onSale(ctx context.Context, p types.Product) bool {
	return p.Status == types.PRODUCT_STATUS_ACTIVE && now(ctx).Before(p.TermEnd)
}

// MsgBuyNFTsFactory buys 1 to 10 NFTs (what is left, what the buyer can pay) of a fixed-price
// product on sale.
func MsgBuyNFTsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBuyNFTs] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBuyNFTs) {
		r := data.Rand()
		p, ok := PickOne(ctx, r, k.Products.Iterate, func(p types.Product) bool {
			return onSale(ctx, p) && p.SaleMode == types.SALE_MODE_FIXED_PRICE && p.Unsold() > 0
		})
		if !ok {
			reporter.Skip("no fixed-price product on sale")
			return nil, nil
		}
		buyer := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(p.Price))
		if reporter.IsSkipped() {
			return nil, nil
		}
		_, held := buyer.LiquidBalance().Find(p.Price.Denom)
		affordable := held.Amount.Quo(p.Price.Amount)
		qty := min(uint64(1+r.Intn(10)), p.Unsold())
		if affordable.IsUint64() {
			qty = min(qty, affordable.Uint64())
		}
		total := sdk.NewCoin(p.Price.Denom, p.Price.Amount.Mul(math.NewIntFromUint64(qty)))
		if qty == 0 || !buyer.LiquidBalance().BlockAmount(total) {
			reporter.Skipf("buyer cannot pay %s", total)
			return nil, nil
		}
		msg := &types.MsgBuyNFTs{Buyer: buyer.AddressBech32, ProductId: p.Id, Quantity: qty, MaxUnitPrice: p.Price}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).BuyNFTs(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("purchase refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{buyer}, msg
	}
}

// MsgPlaceBidFactory bids on an open auction: at least the minimum bid quantity, at the reserve
// up to twice it, for what the bidder can lock.
func MsgPlaceBidFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPlaceBid] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPlaceBid) {
		r := data.Rand()
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		a, ok := PickOne(ctx, r, k.Auctions.Iterate, func(a types.Auction) bool {
			return a.Status == types.AUCTION_STATUS_OPEN && now(ctx).Before(a.EndTime)
		})
		if !ok {
			reporter.Skip("no open auction")
			return nil, nil
		}
		least := params.MinBidQuantity(a.Supply)
		qty := least
		if a.Supply > least {
			qty += uint64(r.Int63n(int64(min(a.Supply-least, 20)) + 1))
		}
		price := a.Reserve.Amount.MulRaw(int64(100 + r.Intn(101))).QuoRaw(100)
		locked := sdk.NewCoin(a.Reserve.Denom, price.Mul(math.NewIntFromUint64(qty)))
		bidder := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(locked))
		if reporter.IsSkipped() || !bidder.LiquidBalance().BlockAmount(locked) {
			reporter.Skipf("no account can lock %s", locked)
			return nil, nil
		}
		msg := &types.MsgPlaceBid{Bidder: bidder.AddressBech32, AuctionId: a.Id, Quantity: qty, UnitPrice: sdk.NewCoin(a.Reserve.Denom, price)}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).PlaceBid(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("bid refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{bidder}, msg
	}
}

// relistable says whether a product's miner may relist or retire its unsold NFTs now.
func relistable(ctx context.Context, data *simsx.ChainDataSource, p types.Product) bool {
	return onSale(ctx, p) && p.SaleMode != types.SALE_MODE_AUCTION && p.SettlingAuctionId == 0 && p.Unsold() > 0 &&
		data.HasAccount(p.Miner)
}

// MsgRelistProductFactory has a miner put its product's unsold NFTs on sale again: a new fixed
// price, or an auction that ends before the term.
func MsgRelistProductFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRelistProduct] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRelistProduct) {
		r := data.Rand()
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		p, ok := PickOne(ctx, r, k.Products.Iterate, func(p types.Product) bool { return relistable(ctx, data, p) })
		if !ok {
			reporter.Skip("no product with unsold NFTs off auction")
			return nil, nil
		}
		miner := data.GetAccount(reporter, p.Miner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgRelistProduct{Miner: p.Miner, ProductId: p.Id, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: randomPrice(r, params)}
		if r.Bool() {
			msg.SaleMode, msg.AuctionDuration = types.SALE_MODE_AUCTION, randomAuctionDuration(r, params)
		}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).RelistProduct(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("relisting refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{miner}, msg
	}
}

// MsgRetireUnsoldFactory has a miner take its product's unsold NFTs off sale for good.
func MsgRetireUnsoldFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRetireUnsold] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRetireUnsold) {
		p, ok := PickOne(ctx, data.Rand(), k.Products.Iterate, func(p types.Product) bool { return relistable(ctx, data, p) })
		if !ok {
			reporter.Skip("no product with unsold NFTs off auction")
			return nil, nil
		}
		miner := data.GetAccount(reporter, p.Miner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgRetireUnsold{Miner: p.Miner, ProductId: p.Id}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).RetireUnsold(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("retirement refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{miner}, msg
	}
}

// movableNFT picks an NFT a simulation account holds that is neither listed nor locked.
func movableNFT(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource) (types.NFT, bool) {
	return PickOne(ctx, data.Rand(), k.NFTs.Iterate, func(n types.NFT) bool {
		if n.LockedBy != "" || !data.HasAccount(n.Owner) {
			return false
		}
		listed, err := k.Listings.Has(ctx, n.Id)
		return err == nil && !listed
	})
}

// MsgTransferNFTFactory has a holder give an NFT to another simulation account.
func MsgTransferNFTFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTransferNFT] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTransferNFT) {
		n, ok := movableNFT(ctx, k, data)
		if !ok {
			reporter.Skip("no movable NFT")
			return nil, nil
		}
		from := data.GetAccount(reporter, n.Owner)
		to := data.AnyAccount(reporter, simsx.ExcludeAccounts(from))
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgTransferNFT{Sender: n.Owner, NftId: n.Id, Recipient: to.AddressBech32}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).TransferNFT(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("transfer refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgListNFTFactory has a holder list an NFT on the secondary market in an accepted denom.
func MsgListNFTFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgListNFT] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgListNFT) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		n, ok := movableNFT(ctx, k, data)
		if !ok {
			reporter.Skip("no movable NFT")
			return nil, nil
		}
		from := data.GetAccount(reporter, n.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgListNFT{Owner: n.Owner, NftId: n.Id, Price: randomPrice(data.Rand(), params)}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).ListNFT(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("listing refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgCancelListingFactory has a seller take its listing down.
func MsgCancelListingFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelListing] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelListing) {
		l, ok := PickOne(ctx, data.Rand(), k.Listings.Iterate, func(l types.Listing) bool { return data.HasAccount(l.Seller) })
		if !ok {
			reporter.Skip("no listing")
			return nil, nil
		}
		from := data.GetAccount(reporter, l.Seller)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgCancelListing{Owner: l.Seller, NftId: l.NftId}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).CancelListing(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("cancellation refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgBuyListingFactory has an account other than the seller buy a listed NFT at its price.
func MsgBuyListingFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBuyListing] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBuyListing) {
		l, ok := PickOne(ctx, data.Rand(), k.Listings.Iterate, func(types.Listing) bool { return true })
		if !ok {
			reporter.Skip("no listing")
			return nil, nil
		}
		buyer := data.AnyAccount(reporter, simsx.ExcludeAddresses(l.Seller), simsx.WithLiquidBalanceGTE(l.Price))
		if reporter.IsSkipped() || !buyer.LiquidBalance().BlockAmount(l.Price) {
			reporter.Skipf("no account can pay %s", l.Price)
			return nil, nil
		}
		msg := &types.MsgBuyListing{Buyer: buyer.AddressBech32, NftId: l.NftId, MaxPrice: l.Price}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).BuyListing(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("purchase refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{buyer}, msg
	}
}
