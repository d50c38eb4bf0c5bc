package keeper_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// rejected runs a bid that must fail with want (naming says) and checks that nothing changed.
func (f *fixture) rejected(a *testutil.Account, auctionID, qty uint64, price string, want error, says string) {
	f.t.Helper()
	before := f.snapshot()
	ctx := f.ctx
	f.ctx, _ = ctx.CacheContext()
	_, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: a.Addr.String(), AuctionId: auctionID, Quantity: qty, UnitPrice: coin(price)})
	f.ctx = ctx
	if !errors.Is(err, want) || !strings.Contains(err.Error(), says) {
		f.t.Fatalf("bid %d at %s: %v, want %v saying %q", qty, price, err, want, says)
	}
	if f.snapshot() != before {
		f.t.Fatal("a rejected bid changed the state")
	}
	f.check()
}

// Defect B: a full auction cannot be collapsed by snipers. Five bids of 10 cover the supply of
// 50; one-NFT bids just above them, placed before the end, would each push out a 10-NFT bid and
// the auction would sell a few NFTs. Under the rule a new bid in a full auction must leave at
// least as many NFTs sold for at least as much: the snipes are refused, a bid that brings as
// many NFTs at a better price is taken, and the auction sells its whole supply.
func TestSnipersCannotCollapseAFullAuction(t *testing.T) {
	f := newFixture(t)
	// No minimum quantity and no extension: the rule alone must hold.
	f.params(func(p *types.Params) { p.MaxBidsPerAuction, p.MinBidShareBps, p.AuctionExtension = 5, 0, 0 })
	pid, aid := f.product(f.auctionApp(50, "100uusdt", time.Hour))
	honest := []*testutil.Account{f.alice, f.bob, f.alice, f.bob, f.alice}
	for _, a := range honest {
		f.bid(a, aid, 10, "100uusdt")
	}
	sniper := f.e.Accounts[3]
	f.block(59 * time.Minute)
	for _, price := range []string{"101uusdt", "1000uusdt"} {
		f.rejected(sniper, aid, 1, price, types.ErrBidWorsensAuction, "would sell 41 NFTs for 4100uusdt instead of 50 for 5000uusdt")
	}
	// Undersubscribing the marginal bid's place is refused too (9 NFTs in place of 10).
	f.rejected(sniper, aid, 9, "200uusdt", types.ErrBidWorsensAuction, "would sell 49 NFTs")
	// At the lowest bid's price a new bid ranks below it (later): refused as today.
	f.rejected(sniper, aid, 10, "100uusdt", types.ErrBidTooLow, "must rank above the lowest")
	// As many NFTs at a better price: taken in place of the lowest-ranked bid.
	f.bid(sniper, aid, 10, "101uusdt")
	f.block(time.Minute)
	a := f.auction(aid).Auction
	if a.Status != types.AUCTION_STATUS_SETTLED || a.Sold != 50 || !a.ClearingPrice.Equal(coin("100uusdt")) {
		t.Fatalf("auction after the snipe attempts %+v", a)
	}
	if p := f.getProduct(pid); p.Sold != 50 {
		t.Fatalf("product sold %d", p.Sold)
	}
	if n := len(f.owned(sniper)); n != 10 {
		t.Fatalf("the better bid won %d NFTs, want 10", n)
	}
}

// In a full, oversubscribed auction a new bid that ranks above a losing bid always gets in (the
// supply stays covered, the clearing price cannot fall): price competition is unchanged.
func TestFullOversubscribedAuctionTakesBetterBids(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.MaxBidsPerAuction, p.MinBidShareBps = 3, 0 })
	_, aid := f.product(f.auctionApp(4, "100uusdt", time.Hour))
	f.bid(f.alice, aid, 4, "120uusdt")
	f.bid(f.bob, aid, 4, "110uusdt") // loses
	f.bid(f.bob, aid, 4, "105uusdt") // loses
	bob0 := f.balance(f.bob.Addr, "uusdt")
	f.bid(f.e.Accounts[3], aid, 1, "106uusdt") // a one-NFT bid in place of a losing bid
	eq(t, "the evicted losing bid refunded", f.balance(f.bob.Addr, "uusdt"), bob0.Add(i64(420)))
	if q := f.auction(aid); q.Auction.BidCount != 3 || !q.ClearingPrice.Equal(coin("120uusdt")) {
		t.Fatalf("auction %+v, clearing %s", q.Auction, q.ClearingPrice)
	}
}

// A bid must be for at least min_bid_share_bps of the supply (rounded up): dust bids cannot fill
// the bid cap of a large auction.
func TestMinimumBidQuantity(t *testing.T) {
	f := newFixture(t)
	_, aid := f.product(f.auctionApp(550, "100uusdt", time.Hour)) // 1% of 550: 6 NFTs
	f.rejected(f.alice, aid, 5, "100uusdt", types.ErrInvalidQuantity, "bid for 5 NFTs: auction 1 takes bids for 6 to 550")
	f.bid(f.alice, aid, 6, "100uusdt")
}

// Anti-sniping: a bid in the last auction_extension (10 minutes; a tenth of the auction's length
// if shorter) moves the end to that long after it, and the auction's queue entry with it; at most
// max_auction_extensions times.
func TestLateBidExtendsTheAuction(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.MaxAuctionExtensions = 2 })
	_, aid := f.product(f.auctionApp(10, "100uusdt", 2*time.Hour))
	end0 := f.auction(aid).Auction.EndTime
	f.block(90 * time.Minute)
	f.bid(f.alice, aid, 1, "100uusdt") // not late: the end stays
	if a := f.auction(aid).Auction; !a.EndTime.Equal(end0) || a.Extensions != 0 {
		t.Fatalf("an early bid moved the end: %+v", a)
	}
	f.block(25 * time.Minute)
	f.bid(f.bob, aid, 1, "100uusdt") // 5 minutes before the end
	a := f.auction(aid).Auction
	if want := f.ctx.BlockTime().Add(10 * time.Minute); !a.EndTime.Equal(want) || a.Extensions != 1 {
		t.Fatalf("end %s (%d extensions), want %s", a.EndTime, a.Extensions, want)
	}
	for due, want := range map[time.Time]bool{end0: false, a.EndTime: true} {
		if has, err := f.k.AuctionQueue.Has(f.ctx, due, aid); err != nil || has != want {
			t.Fatalf("queued at %s: %v (%v), want %v", due, has, err, want)
		}
	}
	f.block(6 * time.Minute) // past the first end: still open
	if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_OPEN {
		t.Fatalf("status %s after the original end", a.Status)
	}
	f.bid(f.alice, aid, 1, "100uusdt") // second extension
	f.block(9 * time.Minute)
	f.bid(f.bob, aid, 1, "100uusdt") // the bound is reached: no third extension
	a = f.auction(aid).Auction
	if a.Extensions != 2 {
		t.Fatalf("%d extensions, want at most 2", a.Extensions)
	}
	f.block(time.Minute)
	if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_SETTLED || a.Sold != 4 {
		t.Fatalf("auction %+v", a)
	}
}

// A short auction is extended by a tenth of its length, and a relisted auction's end never
// reaches the product's term end.
func TestExtensionIsBounded(t *testing.T) {
	f := newFixture(t)
	_, aid := f.product(f.auctionApp(10, "100uusdt", time.Minute))
	f.block(57 * time.Second)
	f.bid(f.alice, aid, 1, "100uusdt") // 3 s before the end of a 1-minute auction: 6 s more
	if a := f.auction(aid).Auction; a.Extensions != 1 || !a.EndTime.Equal(f.ctx.BlockTime().Add(6*time.Second)) {
		t.Fatalf("short auction %+v", a)
	}
	m := f.fixedApp(10, "100uusdt")
	m.NodeId, m.TermDays = "f09990", 1
	pid, _ := f.product(m)
	term := f.getProduct(pid).TermEnd
	res, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_AUCTION, Price: coin("100uusdt"), AuctionDuration: term.Sub(f.ctx.BlockTime()) - 5*time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	end := f.auction(res.AuctionId).Auction.EndTime
	f.block(end.Sub(f.ctx.BlockTime()) - time.Minute)
	f.bid(f.bob, res.AuctionId, 1, "100uusdt") // an extension would reach the term end
	if a := f.auction(res.AuctionId).Auction; a.Extensions != 0 || !a.EndTime.Equal(end) {
		t.Fatalf("relisted auction near the term end %+v (term end %s)", a, term)
	}
}

// The new bad inputs through the real app: the ABCI code and codespace of each registered error.
func TestBidRuleErrorsThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 4, NodePower: nodePower})
	miner, alice, bob := e.Accounts[0], e.Accounts[1], e.Accounts[2]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	p, _ := k.Params.Get(e.Ctx())
	p.AcceptedDenoms = append(p.AcceptedDenoms, "uusdt")
	p.MaxBidsPerAuction = 2
	e.CouncilPropose(4, &types.MsgUpdateParams{Authority: auth.String(), Params: p})
	e.MustDeliver(miner, &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 200,
		TermDays: 360, SaleMode: types.SALE_MODE_AUCTION, Price: coin("100uusdt"), AuctionDuration: time.Hour, Disclosure: disclosure(),
	})
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	bid := func(who *testutil.Account, qty uint64, price string) *types.MsgPlaceBid {
		return &types.MsgPlaceBid{Bidder: who.Addr.String(), AuctionId: 1, Quantity: qty, UnitPrice: coin(price)}
	}
	e.MustDeliver(alice, bid(alice, 100, "100uusdt"))
	e.MustDeliver(bob, bid(bob, 100, "100uusdt"))
	before := e.App.BankKeeper.GetBalance(e.Ctx(), alice.Addr, "uusdt")
	for _, tc := range []struct {
		name string
		msg  *types.MsgPlaceBid
		want uint32
	}{
		{"below the minimum quantity", bid(alice, 1, "500uusdt"), types.ErrInvalidQuantity.ABCICode()},
		{"a snipe in a full auction", bid(alice, 2, "500uusdt"), types.ErrBidWorsensAuction.ABCICode()},
	} {
		res := e.Deliver(alice, tc.msg)
		if res.Code != tc.want || res.Codespace != types.ModuleName {
			t.Fatalf("%s: code %d codespace %q (%s), want %d in %s", tc.name, res.Code, res.Codespace, res.Log, tc.want, types.ModuleName)
		}
	}
	after := e.App.BankKeeper.GetBalance(e.Ctx(), alice.Addr, "uusdt")
	if !after.Equal(before) {
		t.Fatalf("alice's uusdt %s after the refused bids, before %s", after, before)
	}
	q, err := k.Auctions.Get(e.Ctx(), 1)
	if err != nil || q.BidCount != 2 {
		t.Fatalf("auction after the refused bids %+v %v", q, err)
	}
}
