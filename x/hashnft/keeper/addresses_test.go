package keeper_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// upper is the all-uppercase bech32 spelling of an account: the same address (bech32 decodes it to
// the same bytes, and a transaction signed by the account may carry it), another string.
func upper(a *testutil.Account) string { return strings.ToUpper(a.Addr.String()) }

// Through the real app: addresses sent in their uppercase spelling are stored in the canonical
// one. A seller cannot buy its own listing by spelling its address in uppercase; a buyer who
// bought with the uppercase spelling owns the NFTs and can transfer them.
func TestUppercaseAddressesThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 3, NodePower: map[string]int64{"f01234": 1_000}})
	miner, alice, bob := e.Accounts[0], e.Accounts[1], e.Accounts[2]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	e.MustDeliver(miner, &types.MsgApplyProduct{
		Miner: upper(miner), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1000udmc"), Disclosure: disclosure(),
	})
	if a, _ := k.Applications.Get(e.Ctx(), 1); a.Miner != miner.Addr.String() {
		t.Fatalf("application's miner %q, want %s", a.Miner, miner.Addr)
	}
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: strings.ToUpper(auth.String()), ApplicationId: 1})
	if p, err := k.Products.Get(e.Ctx(), 1); err != nil || p.Miner != miner.Addr.String() {
		t.Fatalf("product %+v %v: want miner %s", p, err, miner.Addr)
	}

	e.MustDeliver(alice, &types.MsgBuyNFTs{Buyer: upper(alice), ProductId: 1, Quantity: 2, MaxUnitPrice: coin("1000udmc")})
	for _, id := range []uint64{1, 2} {
		if n, _ := k.GetNFT(e.Ctx(), id); n.Owner != alice.Addr.String() {
			t.Fatalf("NFT %d's owner %q, want %s", id, n.Owner, alice.Addr)
		}
	}
	// She transfers one in either spelling, and lists the other.
	e.MustDeliver(alice, &types.MsgTransferNFT{Sender: alice.Addr.String(), NftId: 1, Recipient: upper(bob)})
	if n, _ := k.GetNFT(e.Ctx(), 1); n.Owner != bob.Addr.String() {
		t.Fatalf("NFT 1's owner %q after the transfer, want %s", n.Owner, bob.Addr)
	}
	e.MustDeliver(bob, &types.MsgTransferNFT{Sender: upper(bob), NftId: 1, Recipient: alice.Addr.String()})
	e.MustDeliver(alice, &types.MsgListNFT{Owner: upper(alice), NftId: 2, Price: coin("5000udmc")})
	if l, err := k.Listings.Get(e.Ctx(), 2); err != nil || l.Seller != alice.Addr.String() {
		t.Fatalf("listing %+v %v: want seller %s", l, err, alice.Addr)
	}

	// Buying her own listing with the other spelling is a self-trade, whichever she listed with.
	snapshot := func() string {
		ctx := e.Ctx()
		gs, err := k.ExportGenesis(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s := gs.String()
		for _, a := range e.Accounts {
			s += e.App.BankKeeper.GetAllBalances(ctx, a.Addr).String()
		}
		return s
	}
	before := snapshot()
	for _, buyer := range []string{upper(alice), alice.Addr.String()} {
		r := e.Deliver(alice, &types.MsgBuyListing{Buyer: buyer, NftId: 2, MaxPrice: coin("5000udmc")})
		if r.Code != types.ErrSelfTrade.ABCICode() || r.Codespace != types.ModuleName {
			t.Fatalf("alice buying her own listing as %s: code %d %q %s", buyer, r.Code, r.Codespace, r.Log)
		}
	}
	if after := snapshot(); after != before {
		t.Fatalf("a refused self-trade changed state:\n%s\n%s", before, after)
	}
	e.MustDeliver(alice, &types.MsgCancelListing{Owner: alice.Addr.String(), NftId: 2})
	e.MustDeliver(miner, &types.MsgRetireUnsold{Miner: upper(miner), ProductId: 1})
	mp, err := keeper.NewQueryServerImpl(k).MinerPower(e.Ctx(), &types.QueryMinerPowerRequest{Miner: upper(miner)})
	if err != nil || mp.Powers[0].Power.Miner != miner.Addr.String() || !mp.Powers[0].Power.Power.Equal(i64(2)) {
		t.Fatalf("miner power %+v %v: want the 2 TiB sold, of %s", mp, err, miner.Addr)
	}
}

// Every address field of every message, sent in its uppercase spelling, is stored and compared
// in the canonical one: applications, products, NFTs (sale and auction), bids, listings.
func TestEveryAddressIsStoredCanonical(t *testing.T) {
	f := newFixture(t)
	up := f.fixedApp(5, "100uusdt")
	up.Miner = upper(f.miner)
	appID := f.apply(up)
	if a, _ := f.k.Applications.Get(f.ctx, appID); a.Miner != f.miner.Addr.String() {
		t.Fatalf("application miner %q", a.Miner)
	}
	res, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: strings.ToUpper(f.auth), ApplicationId: appID})
	if err != nil {
		t.Fatal(err)
	}
	fixed := res.ProductId
	if p := f.getProduct(fixed); p.Miner != f.miner.Addr.String() {
		t.Fatalf("product miner %q", p.Miner)
	}
	byMiner, err := f.query.Applications(f.ctx, &types.QueryApplicationsRequest{Miner: f.miner.Addr.String()})
	if err != nil || len(byMiner.Applications) != 1 {
		t.Fatalf("applications by miner %v %v", byMiner, err)
	}
	// The miner manages its sale in either spelling.
	if _, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: upper(f.miner), ProductId: fixed,
		SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("100uusdt")}); err != nil {
		t.Fatalf("relist by the miner's uppercase spelling: %v", err)
	}
	bought, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: upper(f.alice), ProductId: fixed, Quantity: 2, MaxUnitPrice: coin("100uusdt")})
	if err != nil {
		t.Fatal(err)
	}
	f.check()
	for _, id := range bought.NftIds {
		if n := f.getNFT(id); n.Owner != f.alice.Addr.String() {
			t.Fatalf("NFT %d owner %q", id, n.Owner)
		}
	}
	if _, err := f.msg.ListNFT(f.ctx, &types.MsgListNFT{Owner: upper(f.alice), NftId: bought.NftIds[0], Price: coin("300uusdt")}); err != nil {
		t.Fatal(err)
	}
	if l, _, _ := f.listingOf(bought.NftIds[0]); l.Seller != f.alice.Addr.String() {
		t.Fatalf("listing seller %q", l.Seller)
	}
	if _, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: upper(f.alice), NftId: bought.NftIds[0]}); err != nil {
		t.Fatalf("cancel by the uppercase spelling: %v", err)
	}
	f.list(f.alice, bought.NftIds[0], "300uusdt")
	if _, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: upper(f.bob), NftId: bought.NftIds[0], MaxPrice: coin("300uusdt")}); err != nil {
		t.Fatal(err)
	}
	if n := f.getNFT(bought.NftIds[0]); n.Owner != f.bob.Addr.String() {
		t.Fatalf("NFT owner %q after the sale", n.Owner)
	}
	if _, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: upper(f.bob), NftId: bought.NftIds[0], Recipient: upper(f.alice)}); err != nil {
		t.Fatalf("transfer by the uppercase spelling: %v", err)
	}
	if _, err := f.msg.RetireUnsold(f.ctx, &types.MsgRetireUnsold{Miner: upper(f.miner), ProductId: fixed}); err != nil {
		t.Fatalf("retire by the uppercase spelling: %v", err)
	}
	f.check()

	// An auction: the bid's bidder and the NFTs it wins.
	_, auction := f.product(f.auctionApp(2, "100uusdt", time.Minute))
	bid, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: upper(f.bob), AuctionId: auction, Quantity: 2, UnitPrice: coin("100uusdt")})
	if err != nil {
		t.Fatal(err)
	}
	a := f.auction(auction)
	if len(a.Bids) != 1 || a.Bids[0].Id != bid.BidId || a.Bids[0].Bidder != f.bob.Addr.String() {
		t.Fatalf("bids %+v", a.Bids)
	}
	f.block(time.Minute)
	if got := len(f.owned(f.bob)); got != 2 {
		t.Fatalf("bob holds %d NFTs after the auction, want 2", got)
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s := gs.String(); strings.Contains(s, "DMEX1") {
		t.Fatalf("an uppercase address is stored: %s", s)
	}
}

// Who owns the NFT is checked before anything else, on every path that moves or lists it: a
// non-owner is told it is not the owner, not that it "already owns the NFT" or that the NFT
// is not listed.
func TestOwnerIsCheckedFirst(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(5, "100uusdt"))
	ids := f.buy(f.alice, pid, 3, "100uusdt")
	free, listed, locked := ids[0], ids[1], ids[2]
	f.list(f.alice, listed, "500uusdt")
	if err := f.k.LockNFT(f.ctx, locked, f.alice.Addr, "lending"); err != nil {
		t.Fatal(err)
	}
	alice, bob := f.alice.Addr.String(), f.bob.Addr.String()
	module := authtypes.NewModuleAddress(modaccounts.HashnftEscrow).String()
	transfer := func(from string, id uint64, to string) func() error {
		return func() error {
			_, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: from, NftId: id, Recipient: to})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func() error
		want *errorsmod.Error
		says string
	}{
		{"non-owner sends to itself", transfer(bob, free, bob), types.ErrNotOwner, "NFT 1 belongs to " + alice + ", not " + bob},
		{"non-owner sends to itself, uppercase", transfer(upper(f.bob), free, upper(f.bob)), types.ErrNotOwner, "not " + bob},
		{"non-owner sends to the owner", transfer(bob, free, alice), types.ErrNotOwner, "belongs to"},
		{"non-owner sends to a module account", transfer(bob, free, module), types.ErrNotOwner, "belongs to"},
		{"non-owner sends a listed NFT", transfer(bob, listed, bob), types.ErrNotOwner, "belongs to"},
		{"non-owner sends a locked NFT", transfer(bob, locked, bob), types.ErrNotOwner, "belongs to"},
		{"owner sends to itself", transfer(alice, free, upper(f.alice)), types.ErrInvalidRecipient, "already owns"},
		{"other module's transfer by a non-owner to itself", func() error {
			return f.k.Transfer(f.ctx, free, f.bob.Addr, f.bob.Addr)
		}, types.ErrNotOwner, "belongs to"},
		{"non-owner lists", func() error {
			_, err := f.msg.ListNFT(f.ctx, &types.MsgListNFT{Owner: bob, NftId: listed, Price: coin("0uusdt")})
			return err
		}, types.ErrNotOwner, "belongs to"},
		{"non-owner cancels a listing", func() error {
			_, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: bob, NftId: listed})
			return err
		}, types.ErrNotOwner, "belongs to"},
		{"non-owner cancels what is not listed", func() error {
			_, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: bob, NftId: free})
			return err
		}, types.ErrNotOwner, "belongs to"},
		{"owner buys its NFT that is not listed", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: alice, NftId: free, MaxPrice: coin("1udmc")})
			return err
		}, types.ErrSelfTrade, "already owns NFT 1"},
		{"owner buys its listing in the wrong denom", func() error {
			_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: upper(f.alice), NftId: listed, MaxPrice: coin("1udmc")})
			return err
		}, types.ErrSelfTrade, "already owns NFT 2"},
		{"non-owner locks", func() error { return f.k.LockNFT(f.ctx, free, f.bob.Addr, "lending") }, types.ErrNotOwner, "belongs to"},
		{"non-owner locks a locked NFT", func() error { return f.k.LockNFT(f.ctx, locked, f.bob.Addr, "lending") }, types.ErrNotOwner, "belongs to"},
		{"unlock by another module", func() error { return f.k.UnlockNFT(f.ctx, locked, "someone") }, types.ErrNFTLocked, `locked by "lending", not "someone"`},
		{"unlock of an unknown NFT", func() error { return f.k.UnlockNFT(f.ctx, 99, "lending") }, types.ErrUnknownNFT, "NFT 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			ctx := f.ctx
			f.ctx, _ = ctx.CacheContext()
			err := tc.run()
			f.ctx = ctx
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
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

// The review's command through the app: `tx hashnft transfer 1 <own address> --from bob`, bob
// not owning NFT 1, answers that bob is not the owner.
func TestTransferToOneselfByANonOwnerThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 3, NodePower: map[string]int64{"f01234": 1_000}})
	miner, alice, bob := e.Accounts[0], e.Accounts[1], e.Accounts[2]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	e.MustDeliver(miner, &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1000udmc"), Disclosure: disclosure(),
	})
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	e.MustDeliver(alice, &types.MsgBuyNFTs{Buyer: alice.Addr.String(), ProductId: 1, Quantity: 1, MaxUnitPrice: coin("1000udmc")})
	r := e.Deliver(bob, &types.MsgTransferNFT{Sender: bob.Addr.String(), NftId: 1, Recipient: bob.Addr.String()})
	if r.Code != types.ErrNotOwner.ABCICode() || r.Codespace != types.ModuleName || !strings.Contains(r.Log, "NFT 1 belongs to "+alice.Addr.String()) {
		t.Fatalf("bob sending alice's NFT to himself: code %d %q %s", r.Code, r.Codespace, r.Log)
	}
}
