package keeper_test

import (
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
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
	for _, m := range []string{types.ModuleName, types.EscrowAccount, modaccounts.Revenue, modaccounts.RiskFund} {
		s += f.e.App.BankKeeper.GetAllBalances(f.ctx, authtypes.NewModuleAddress(m)).String()
	}
	return s
}

// Every bad input of issue 4 (and more) is a clear error that changes nothing and locks no coin.
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

	apply := func(edit func(*types.MsgApplyProduct)) func() error {
		return func() error {
			m := f.fixedApp(1, "1uusdt")
			edit(m)
			_, err := f.msg.ApplyProduct(f.ctx, m)
			return err
		}
	}
	buy := func(product, qty uint64, max string) func() error {
		return func() error {
			_, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: bob, ProductId: product, Quantity: qty, MaxUnitPrice: coin(max)})
			return err
		}
	}
	bid := func(auction, qty uint64, price string) func() error {
		return func() error {
			_, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: alice, AuctionId: auction, Quantity: qty, UnitPrice: coin(price)})
			return err
		}
	}
	transfer := func(from string, id uint64, to string) func() error {
		return func() error {
			_, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: from, NftId: id, Recipient: to})
			return err
		}
	}
	list := func(owner string, id uint64, price string) func() error {
		return func() error {
			_, err := f.msg.ListNFT(f.ctx, &types.MsgListNFT{Owner: owner, NftId: id, Price: coin(price)})
			return err
		}
	}
	params := func(edit func(*types.Params)) func() error {
		return func() error {
			p, _ := f.k.Params.Get(f.ctx)
			edit(&p)
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}
	}

	for _, tc := range []struct {
		name string
		run  func() error
		want *errorsmod.Error
		says string // a part of the message that names the wrong value
	}{
		// Applications.
		{"term zero", apply(func(m *types.MsgApplyProduct) { m.TermDays = 0 }), types.ErrInvalidApplication, "term 0 days"},
		{"term too long", apply(func(m *types.MsgApplyProduct) { m.TermDays = 1801 }), types.ErrInvalidApplication, "term 1801 days"},
		{"over-long disclosure", apply(func(m *types.MsgApplyProduct) { m.Disclosure.Uri = strings.Repeat("x", 1024) }), types.ErrInvalidApplication, "disclosure is 1065 bytes, the maximum is 1024"},
		{"disclosure without a name", apply(func(m *types.MsgApplyProduct) { m.Disclosure.Name = " " }), types.ErrInvalidApplication, "name"},
		{"count zero", apply(func(m *types.MsgApplyProduct) { m.Count = 0 }), types.ErrInvalidApplication, "count 0"},
		{"count above the maximum", apply(func(m *types.MsgApplyProduct) { m.Count = 100_001 }), types.ErrInvalidApplication, "count 100001"},
		{"power zero", apply(func(m *types.MsgApplyProduct) { m.PowerPerNft = math.ZeroInt() }), types.ErrInvalidApplication, "power per NFT 0"},
		{"unknown chain", apply(func(m *types.MsgApplyProduct) { m.Chain = "DOGE" }), types.ErrInvalidApplication, `chain "DOGE"`},
		{"unit of another chain", apply(func(m *types.MsgApplyProduct) { m.PowerUnit = "TH/s" }), types.ErrInvalidApplication, `power unit "TH/s"`},
		{"node id with a space", apply(func(m *types.MsgApplyProduct) { m.NodeId = "f0 1234" }), types.ErrInvalidApplication, "node id"},
		{"no sale mode", apply(func(m *types.MsgApplyProduct) { m.SaleMode = types.SALE_MODE_UNSPECIFIED }), types.ErrInvalidApplication, "sale mode"},
		{"price zero", apply(func(m *types.MsgApplyProduct) { m.Price = coin("0uusdt") }), types.ErrInvalidPrice, "0uusdt"},
		{"price denom not accepted", apply(func(m *types.MsgApplyProduct) { m.Price = coin("5uht") }), types.ErrDenomNotAccepted, "uht"},
		{"auction without a duration", apply(func(m *types.MsgApplyProduct) { m.SaleMode = types.SALE_MODE_AUCTION }), types.ErrInvalidApplication, "auction duration 0s"},
		{"fixed price with a duration", apply(func(m *types.MsgApplyProduct) { m.AuctionDuration = time.Hour }), types.ErrInvalidApplication, "fixed-price"},
		{"over the power cap", apply(func(m *types.MsgApplyProduct) { m.Count = 100_000; m.PowerPerNft = math.NewInt(1) }), types.ErrPowerCapExceeded, "above the cap 10000"},
		{"deposit above the balance", apply(func(m *types.MsgApplyProduct) { m.Miner, m.NodeId = pauper, "f09993" }), sdkerrors.ErrInsufficientFunds, ""},
		{"bad miner address", apply(func(m *types.MsgApplyProduct) { m.Miner = "dmex1nope" }), types.ErrInvalidAddress, "dmex1nope"},
		{"approving twice", func() error {
			_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: approvedApp})
			return err
		}, types.ErrApplicationNotPending, "application 1 is already approved"},
		{"rejecting an approved application", func() error {
			_, err := f.msg.RejectApplication(f.ctx, &types.MsgRejectApplication{Authority: f.auth, ApplicationId: approvedApp})
			return err
		}, types.ErrApplicationNotPending, "already approved"},
		{"approving an unknown application", func() error {
			_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: 99})
			return err
		}, types.ErrUnknownApplication, "application 99"},
		{"approval by someone else", func() error {
			_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: miner, ApplicationId: pending})
			return err
		}, daotypes.ErrUnauthorized, ""},
		{"rejection by someone else", func() error {
			_, err := f.msg.RejectApplication(f.ctx, &types.MsgRejectApplication{Authority: alice, ApplicationId: pending})
			return err
		}, daotypes.ErrUnauthorized, ""},
		// Fixed-price sales.
		{"buying more than is left", buy(fixed, 3, "100uusdt"), types.ErrNotEnoughLeft, "buy 3 NFTs of product 1, 2 left"},
		{"paying in the wrong denom", buy(fixed, 1, "100udmc"), types.ErrWrongDenom, `priced in uusdt, not "udmc"`},
		{"price above the limit", buy(fixed, 1, "99uusdt"), types.ErrPriceAboveLimit, "costs 100uusdt per NFT, above the limit 99uusdt"},
		{"buying zero", buy(fixed, 0, "100uusdt"), types.ErrInvalidQuantity, ""},
		{"buying from an auction", buy(2, 1, "100uusdt"), types.ErrNotOnSale, "auction"},
		{"buying an unknown product", buy(77, 1, "100uusdt"), types.ErrUnknownProduct, "product 77"},
		{"buying above the balance", func() error {
			_, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: pauper, ProductId: fixed, Quantity: 1, MaxUnitPrice: coin("100uusdt")})
			return err
		}, sdkerrors.ErrInsufficientFunds, ""},
		// Auctions.
		{"bid below reserve", bid(open, 1, "90uusdt"), types.ErrBidTooLow, "bid 90uusdt below reserve 100uusdt"},
		{"bid after the end", bid(endedAuction, 1, "100uusdt"), types.ErrAuctionClosed, "auction 2 ended"},
		{"bid in the wrong denom", bid(open, 1, "100udmc"), types.ErrWrongDenom, "takes bids in uusdt"},
		{"bid for more than the supply", bid(open, 6, "100uusdt"), types.ErrInvalidQuantity, "auction 1 takes bids for 1 to 5 NFTs"},
		{"bid in an unknown auction", bid(42, 1, "100uusdt"), types.ErrUnknownAuction, "auction 42"},
		{"bid at a price beyond any bound", bid(open, 1, "340282366920938463463374607431768211456uusdt"), types.ErrInvalidPrice, "above 2^128-1"},
		{"bid above the balance", func() error {
			_, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: pauper, AuctionId: open, Quantity: 1, UnitPrice: coin("100uusdt")})
			return err
		}, sdkerrors.ErrInsufficientFunds, ""},
		// Miner's sale management.
		{"relist by someone else", func() error {
			_, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: alice, ProductId: fixed, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1uusdt")})
			return err
		}, types.ErrNotMiner, ""},
		{"relist during the auction", func() error {
			_, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: miner, ProductId: 2, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1uusdt")})
			return err
		}, types.ErrInvalidSale, "auction 1 is still open"},
		{"relist an auction past the term", func() error {
			_, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: miner, ProductId: short, SaleMode: types.SALE_MODE_AUCTION,
				Price: coin("1uusdt"), AuctionDuration: 48 * time.Hour})
			return err
		}, types.ErrInvalidSale, "would end after product 4's term"},
		{"relist with an auction too long", func() error {
			_, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: miner, ProductId: fixed, SaleMode: types.SALE_MODE_AUCTION,
				Price: coin("1uusdt"), AuctionDuration: 31 * 24 * time.Hour})
			return err
		}, types.ErrInvalidSale, "auction duration 744h0m0s is not between 1m0s and 720h0m0s"},
		{"retire by someone else", func() error {
			_, err := f.msg.RetireUnsold(f.ctx, &types.MsgRetireUnsold{Miner: bob, ProductId: fixed})
			return err
		}, types.ErrNotMiner, ""},
		// The registry and the secondary market.
		{"transfer of an NFT you do not own", transfer(bob, free, miner), types.ErrNotOwner, "belongs to"},
		{"transfer of a listed NFT", transfer(alice, ids[0], bob), types.ErrNFTListed, "listed at 500uusdt"},
		{"transfer of an NFT held as collateral", transfer(alice, ids[1], bob), types.ErrNFTLocked, "held as collateral by lending"},
		{"transfer to oneself", transfer(alice, free, alice), types.ErrInvalidRecipient, ""},
		{"transfer to a module account", transfer(alice, free, authtypes.NewModuleAddress(types.EscrowAccount).String()), types.ErrInvalidRecipient, "module account"},
		{"transfer of an unknown NFT", transfer(alice, 999, bob), types.ErrUnknownNFT, "NFT 999"},
		{"a second listing", list(alice, ids[0], "1uusdt"), types.ErrNFTListed, "NFT 1 is listed at 500uusdt"},
		{"listing someone else's NFT", list(bob, free, "1uusdt"), types.ErrNotOwner, ""},
		{"listing at zero", list(alice, free, "0uusdt"), types.ErrInvalidPrice, ""},
		{"listing in a denom not accepted", list(alice, free, "1uht"), types.ErrDenomNotAccepted, "uht"},
		{"cancelling someone else's listing", func() error {
			_, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: bob, NftId: ids[0]})
			return err
		}, types.ErrNotOwner, ""},
		{"cancelling what is not listed", func() error {
			_, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: alice, NftId: free})
			return err
		}, types.ErrNotListed, ""},
		{"buying a listing above the limit", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: bob, NftId: ids[0], MaxPrice: coin("499uusdt")})
			return err
		}, types.ErrPriceAboveLimit, "listed at 500uusdt"},
		{"buying a listing in the wrong denom", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: bob, NftId: ids[0], MaxPrice: coin("500udmc")})
			return err
		}, types.ErrWrongDenom, ""},
		{"buying one's own listing", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: alice, NftId: ids[0], MaxPrice: coin("500uusdt")})
			return err
		}, types.ErrSelfTrade, ""},
		{"buying what is not listed", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: bob, NftId: free, MaxPrice: coin("500uusdt")})
			return err
		}, types.ErrNotListed, ""},
		// Params.
		{"channel fee above 100%", params(func(p *types.Params) { p.ChannelFeeBps = 10_001 }), types.ErrInvalidParams, "channel_fee_bps 10001"},
		{"no accepted denom", params(func(p *types.Params) { p.AcceptedDenoms = nil }), types.ErrInvalidParams, "accepted_denoms"},
		{"bid cap zero", params(func(p *types.Params) { p.MaxBidsPerAuction = 0 }), types.ErrInvalidParams, "max_bids_per_auction"},
		{"minimum bid above the supply", params(func(p *types.Params) { p.MinBidShareBps = 10_001 }), types.ErrInvalidParams, "min_bid_share_bps 10001"},
		{"negative extension", params(func(p *types.Params) { p.AuctionExtension = -time.Second }), types.ErrInvalidParams, "auction_extension -1s"},
		{"extension above the longest auction", params(func(p *types.Params) { p.AuctionExtension = 31 * 24 * time.Hour }), types.ErrInvalidParams, "auction_extension 744h0m0s"},
		{"too many extensions", params(func(p *types.Params) { p.MaxAuctionExtensions = 10_001 }), types.ErrInvalidParams, "max_auction_extensions 10001"},
		{"params by someone else", func() error {
			p, _ := f.k.Params.Get(f.ctx)
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: miner, Params: p})
			return err
		}, daotypes.ErrUnauthorized, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			// A message runs in a cache context that is dropped on error, as in a transaction.
			ctx := f.ctx
			f.ctx, _ = ctx.CacheContext()
			err := tc.run()
			f.ctx = ctx
			wantCode(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %q does not say %q", err, tc.says)
			}
			if after := f.snapshot(); after != before {
				t.Fatal("state changed")
			}
		})
	}
	f.check()
}
