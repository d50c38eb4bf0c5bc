package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// snapshot is the state a rejected message must leave as it was: the module's whole genesis
// and every balance it could have moved.
func (f *fixture) snapshot() string {
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	s := gs.String()
	for _, a := range f.e.Accounts {
		s += f.e.App.BankKeeper.GetAllBalances(f.ctx, a.Addr).String()
	}
	for _, m := range []string{types.ModuleName, modaccounts.HashnftEscrow, modaccounts.Revenue, modaccounts.RiskFund} {
		s += f.e.App.BankKeeper.GetAllBalances(f.ctx, authtypes.NewModuleAddress(m)).String()
	}
	return s
}

// Every bad input of issue 4 (and more) is a registered error, with its ABCI code, naming the
// wrong value, and changes no store: nothing is locked and no coin moves (testutil.BadInputs).
func TestBadInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	miner, alice, bob := f.miner.Addr.String(), f.alice.Addr.String(), f.bob.Addr.String()
	fixed, _ := f.product(f.fixedApp(5, "100uusdt"))
	approvedApp := uint64(1)
	_, open := f.product(f.auctionApp(5, "100uusdt", time.Hour))
	ended, _ := f.product(f.auctionApp(5, "100uusdt", time.Minute))
	_, endedAuction := ended, uint64(2)
	f.block(time.Minute) // the second auction has ended
	pending := f.apply(f.fixedApp(1, "1uusdt"))
	ids := f.buy(f.alice, fixed, 3, "100uusdt")
	f.list(f.alice, ids[0], "500uusdt")
	if err := f.k.LockNFT(f.ctx, ids[1], f.alice.Addr, "lending"); err != nil {
		t.Fatal(err)
	}
	f.bid(f.bob, open, 1, "100uusdt")
	free := ids[2]
	pauper := sdk.AccAddress("an account, no coins").String()
	shortTerm := f.fixedApp(1, "1uusdt")
	shortTerm.TermDays = 1
	short, _ := f.product(shortTerm)

	apply := func(edit func(*types.MsgApplyProduct)) *types.MsgApplyProduct {
		m := f.fixedApp(1, "1uusdt")
		edit(m)
		return m
	}
	buy := func(product, qty uint64, max string) *types.MsgBuyNFTs {
		return &types.MsgBuyNFTs{Buyer: bob, ProductId: product, Quantity: qty, MaxUnitPrice: coin(max)}
	}
	bid := func(auction, qty uint64, price string) *types.MsgPlaceBid {
		return &types.MsgPlaceBid{Bidder: alice, AuctionId: auction, Quantity: qty, UnitPrice: coin(price)}
	}
	transfer := func(from string, id uint64, to string) *types.MsgTransferNFT {
		return &types.MsgTransferNFT{Sender: from, NftId: id, Recipient: to}
	}
	list := func(owner string, id uint64, price string) *types.MsgListNFT {
		return &types.MsgListNFT{Owner: owner, NftId: id, Price: coin(price)}
	}
	params := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p, err := f.k.Params.Get(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		edit(&p)
		return &types.MsgUpdateParams{Authority: f.auth, Params: p}
	}

	testutil.BadInputs(t, f.e.App, f.ctx, []testutil.BadInput{
		// Applications.
		{Name: "term zero", Msg: apply(func(m *types.MsgApplyProduct) { m.TermDays = 0 }), Err: types.ErrInvalidApplication, Says: "term 0 days"},
		{Name: "term too long", Msg: apply(func(m *types.MsgApplyProduct) { m.TermDays = 1801 }), Err: types.ErrInvalidApplication, Says: "term 1801 days"},
		{Name: "over-long disclosure", Msg: apply(func(m *types.MsgApplyProduct) { m.Disclosure.Uri = strings.Repeat("x", 1024) }), Err: types.ErrInvalidApplication, Says: "disclosure is 1065 bytes, the maximum is 1024"},
		{Name: "disclosure without a name", Msg: apply(func(m *types.MsgApplyProduct) { m.Disclosure.Name = " " }), Err: types.ErrInvalidApplication, Says: "name"},
		{Name: "count zero", Msg: apply(func(m *types.MsgApplyProduct) { m.Count = 0 }), Err: types.ErrInvalidApplication, Says: "count 0"},
		{Name: "count above the maximum", Msg: apply(func(m *types.MsgApplyProduct) { m.Count = 100_001 }), Err: types.ErrInvalidApplication, Says: "count 100001"},
		{Name: "power zero", Msg: apply(func(m *types.MsgApplyProduct) { m.PowerPerNft = math.ZeroInt() }), Err: types.ErrInvalidApplication, Says: "power per NFT 0"},
		{Name: "unknown chain", Msg: apply(func(m *types.MsgApplyProduct) { m.Chain = "DOGE" }), Err: types.ErrInvalidApplication, Says: `chain "DOGE"`},
		{Name: "unit of another chain", Msg: apply(func(m *types.MsgApplyProduct) { m.PowerUnit = "TH/s" }), Err: types.ErrInvalidApplication, Says: `power unit "TH/s"`},
		{Name: "node id with a space", Msg: apply(func(m *types.MsgApplyProduct) { m.NodeId = "f0 1234" }), Err: types.ErrInvalidApplication, Says: "node id"},
		{Name: "no sale mode", Msg: apply(func(m *types.MsgApplyProduct) { m.SaleMode = types.SALE_MODE_UNSPECIFIED }), Err: types.ErrInvalidApplication, Says: "sale mode"},
		{Name: "price zero", Msg: apply(func(m *types.MsgApplyProduct) { m.Price = coin("0uusdt") }), Err: types.ErrInvalidPrice, Says: "0uusdt"},
		{Name: "price denom not accepted", Msg: apply(func(m *types.MsgApplyProduct) { m.Price = coin("5uht") }), Err: types.ErrDenomNotAccepted, Says: "uht"},
		{Name: "auction without a duration", Msg: apply(func(m *types.MsgApplyProduct) { m.SaleMode = types.SALE_MODE_AUCTION }), Err: types.ErrInvalidApplication, Says: "auction duration 0s"},
		{Name: "fixed price with a duration", Msg: apply(func(m *types.MsgApplyProduct) { m.AuctionDuration = time.Hour }), Err: types.ErrInvalidApplication, Says: "fixed-price"},
		{Name: "over the power cap", Msg: apply(func(m *types.MsgApplyProduct) { m.Count = 100_000; m.PowerPerNft = math.NewInt(1) }), Err: types.ErrPowerCapExceeded, Says: "above the cap 10000"},
		{Name: "deposit above the balance", Msg: apply(func(m *types.MsgApplyProduct) { m.Miner, m.NodeId = pauper, "f09993" }), Err: sdkerrors.ErrInsufficientFunds},
		{Name: "bad miner address", Msg: apply(func(m *types.MsgApplyProduct) { m.Miner = "dmex1nope" }), Err: types.ErrInvalidAddress, Says: "dmex1nope"},
		{Name: "approving twice", Msg: &types.MsgApproveApplication{Authority: f.auth, ApplicationId: approvedApp}, Err: types.ErrApplicationNotPending, Says: "application 1 is already approved"},
		{Name: "rejecting an approved application", Msg: &types.MsgRejectApplication{Authority: f.auth, ApplicationId: approvedApp}, Err: types.ErrApplicationNotPending, Says: "already approved"},
		{Name: "approving an unknown application", Msg: &types.MsgApproveApplication{Authority: f.auth, ApplicationId: 99}, Err: types.ErrUnknownApplication, Says: "application 99"},
		{Name: "approval by someone else", Msg: &types.MsgApproveApplication{Authority: miner, ApplicationId: pending}, Err: daotypes.ErrUnauthorized},
		{Name: "rejection by someone else", Msg: &types.MsgRejectApplication{Authority: alice, ApplicationId: pending}, Err: daotypes.ErrUnauthorized},
		// Fixed-price sales.
		{Name: "buying more than is left", Msg: buy(fixed, 3, "100uusdt"), Err: types.ErrNotEnoughLeft, Says: "buy 3 NFTs of product 1, 2 left"},
		{Name: "paying in the wrong denom", Msg: buy(fixed, 1, "100udmc"), Err: types.ErrWrongDenom, Says: `priced in uusdt, not "udmc"`},
		{Name: "price above the limit", Msg: buy(fixed, 1, "99uusdt"), Err: types.ErrPriceAboveLimit, Says: "costs 100uusdt per NFT, above the limit 99uusdt"},
		{Name: "buying zero", Msg: buy(fixed, 0, "100uusdt"), Err: types.ErrInvalidQuantity},
		{Name: "buying from an auction", Msg: buy(2, 1, "100uusdt"), Err: types.ErrNotOnSale, Says: "auction"},
		{Name: "buying an unknown product", Msg: buy(77, 1, "100uusdt"), Err: types.ErrUnknownProduct, Says: "product 77"},
		{Name: "buying above the balance", Msg: &types.MsgBuyNFTs{Buyer: pauper, ProductId: fixed, Quantity: 1, MaxUnitPrice: coin("100uusdt")}, Err: sdkerrors.ErrInsufficientFunds},
		// Auctions.
		{Name: "bid below reserve", Msg: bid(open, 1, "90uusdt"), Err: types.ErrBidTooLow, Says: "bid 90uusdt below reserve 100uusdt"},
		{Name: "bid after the end", Msg: bid(endedAuction, 1, "100uusdt"), Err: types.ErrAuctionClosed, Says: "auction 2 ended"},
		{Name: "bid in the wrong denom", Msg: bid(open, 1, "100udmc"), Err: types.ErrWrongDenom, Says: "takes bids in uusdt"},
		{Name: "bid for more than the supply", Msg: bid(open, 6, "100uusdt"), Err: types.ErrInvalidQuantity, Says: "auction 1 takes bids for 1 to 5 NFTs"},
		{Name: "bid in an unknown auction", Msg: bid(42, 1, "100uusdt"), Err: types.ErrUnknownAuction, Says: "auction 42"},
		{Name: "bid at a price beyond any bound", Msg: bid(open, 1, "340282366920938463463374607431768211456uusdt"), Err: types.ErrInvalidPrice, Says: "above 2^128-1"},
		{Name: "bid above the balance", Msg: &types.MsgPlaceBid{Bidder: pauper, AuctionId: open, Quantity: 1, UnitPrice: coin("100uusdt")}, Err: sdkerrors.ErrInsufficientFunds},
		// Miner's sale management.
		{Name: "relist by someone else", Msg: &types.MsgRelistProduct{Miner: alice, ProductId: fixed, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1uusdt")}, Err: types.ErrNotMiner},
		{Name: "relist during the auction", Msg: &types.MsgRelistProduct{Miner: miner, ProductId: 2, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1uusdt")}, Err: types.ErrInvalidSale, Says: "auction 1 is still open"},
		{Name: "relist an auction past the term", Msg: &types.MsgRelistProduct{Miner: miner, ProductId: short, SaleMode: types.SALE_MODE_AUCTION,
			Price: coin("1uusdt"), AuctionDuration: 48 * time.Hour}, Err: types.ErrInvalidSale, Says: "would end after product 4's term"},
		{Name: "relist with an auction too long", Msg: &types.MsgRelistProduct{Miner: miner, ProductId: fixed, SaleMode: types.SALE_MODE_AUCTION,
			Price: coin("1uusdt"), AuctionDuration: 31 * 24 * time.Hour}, Err: types.ErrInvalidSale, Says: "auction duration 744h0m0s is not between 1m0s and 720h0m0s"},
		{Name: "retire by someone else", Msg: &types.MsgRetireUnsold{Miner: bob, ProductId: fixed}, Err: types.ErrNotMiner},
		// The registry and the secondary market.
		{Name: "transfer of an NFT you do not own", Msg: transfer(bob, free, miner), Err: types.ErrNotOwner, Says: "belongs to"},
		{Name: "transfer of a listed NFT", Msg: transfer(alice, ids[0], bob), Err: types.ErrNFTListed, Says: "listed at 500uusdt"},
		{Name: "transfer of an NFT held as collateral", Msg: transfer(alice, ids[1], bob), Err: types.ErrNFTLocked, Says: "held as collateral by lending"},
		{Name: "transfer to oneself", Msg: transfer(alice, free, alice), Err: types.ErrInvalidRecipient},
		{Name: "transfer to a module account", Msg: transfer(alice, free, authtypes.NewModuleAddress(modaccounts.HashnftEscrow).String()), Err: types.ErrInvalidRecipient, Says: "module account"},
		{Name: "transfer of an unknown NFT", Msg: transfer(alice, 999, bob), Err: types.ErrUnknownNFT, Says: "NFT 999"},
		{Name: "a second listing", Msg: list(alice, ids[0], "1uusdt"), Err: types.ErrNFTListed, Says: "NFT 1 is listed at 500uusdt"},
		{Name: "listing someone else's NFT", Msg: list(bob, free, "1uusdt"), Err: types.ErrNotOwner},
		{Name: "listing at zero", Msg: list(alice, free, "0uusdt"), Err: types.ErrInvalidPrice},
		{Name: "listing in a denom not accepted", Msg: list(alice, free, "1uht"), Err: types.ErrDenomNotAccepted, Says: "uht"},
		{Name: "cancelling someone else's listing", Msg: &types.MsgCancelListing{Owner: bob, NftId: ids[0]}, Err: types.ErrNotOwner},
		{Name: "cancelling what is not listed", Msg: &types.MsgCancelListing{Owner: alice, NftId: free}, Err: types.ErrNotListed},
		{Name: "buying a listing above the limit", Msg: &types.MsgBuyListing{Buyer: bob, NftId: ids[0], MaxPrice: coin("499uusdt")}, Err: types.ErrPriceAboveLimit, Says: "listed at 500uusdt"},
		{Name: "buying a listing in the wrong denom", Msg: &types.MsgBuyListing{Buyer: bob, NftId: ids[0], MaxPrice: coin("500udmc")}, Err: types.ErrWrongDenom},
		{Name: "buying one's own listing", Msg: &types.MsgBuyListing{Buyer: alice, NftId: ids[0], MaxPrice: coin("500uusdt")}, Err: types.ErrSelfTrade},
		{Name: "buying what is not listed", Msg: &types.MsgBuyListing{Buyer: bob, NftId: free, MaxPrice: coin("500uusdt")}, Err: types.ErrNotListed},
		// Params.
		{Name: "channel fee above 100%", Msg: params(func(p *types.Params) { p.ChannelFeeBps = 10_001 }), Err: types.ErrInvalidParams, Says: "channel_fee_bps 10001"},
		{Name: "no accepted denom", Msg: params(func(p *types.Params) { p.AcceptedDenoms = nil }), Err: types.ErrInvalidParams, Says: "accepted_denoms"},
		{Name: "bid cap zero", Msg: params(func(p *types.Params) { p.MaxBidsPerAuction = 0 }), Err: types.ErrInvalidParams, Says: "max_bids_per_auction"},
		{Name: "minimum bid above the supply", Msg: params(func(p *types.Params) { p.MinBidShareBps = 10_001 }), Err: types.ErrInvalidParams, Says: "min_bid_share_bps 10001"},
		{Name: "negative extension", Msg: params(func(p *types.Params) { p.AuctionExtension = -time.Second }), Err: types.ErrInvalidParams, Says: "auction_extension -1s"},
		{Name: "extension above the longest auction", Msg: params(func(p *types.Params) { p.AuctionExtension = 31 * 24 * time.Hour }), Err: types.ErrInvalidParams, Says: "auction_extension 744h0m0s"},
		{Name: "too many extensions", Msg: params(func(p *types.Params) { p.MaxAuctionExtensions = 10_001 }), Err: types.ErrInvalidParams, Says: "max_auction_extensions 10001"},
		{Name: "params by someone else", Msg: &types.MsgUpdateParams{Authority: miner, Params: params(func(*types.Params) {}).Params}, Err: daotypes.ErrUnauthorized},
	})
	f.check()
}
