package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// x/escrow's termination while an auction that cleared is still creating its winners' NFTs in
// bounded batches: no NFT comes into being after it, the winners still owed NFTs get back their
// share of the escrow (as every NFT of a terminated product does), no coin is stuck, the power
// leaves the cap, and the books hold block after block.
func TestEndProductWhileAuctionSettles(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.MintBudgetPerBlock = 2 })
	pid, aid := f.product(f.auctionApp(6, "100uusdt", time.Hour))
	alice0, bob0 := f.balance(f.alice.Addr, "uusdt"), f.balance(f.bob.Addr, "uusdt")
	aliceBid := f.bid(f.alice, aid, 3, "150uusdt")
	bobBid := f.bid(f.bob, aid, 2, "120uusdt")
	f.block(time.Hour) // clears at 120: 5 of 6 sold, 600 paid, fee 12, escrow 588; alice's first 2 NFTs created

	p := f.getProduct(pid)
	if p.Sold != 5 || p.Created != 2 || p.SettlingAuctionId != aid {
		t.Fatalf("after the first batch: sold %d, created %d, settling %d", p.Sold, p.Created, p.SettlingAuctionId)
	}
	if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_SETTLING || a.Created != 2 {
		t.Fatalf("auction after the first batch %+v", a)
	}
	escrow0 := f.moduleBalance(modaccounts.HashnftEscrow, "uusdt")
	eq(t, "escrow after clearing", escrow0, i64(588))
	// The unsold NFT cannot go into another sale until the winners hold theirs.
	_, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("100uusdt")})
	if !types.ErrInvalidSale.Is(err) || !strings.Contains(err.Error(), "still creating its winners' NFTs") {
		t.Fatalf("relisting while the auction creates NFTs: %v", err)
	}

	if err := f.k.EndProduct(f.ctx, pid); err != nil {
		t.Fatal(err)
	}
	f.check()
	// Each of the 5 sold NFTs has a claim of 588/5 = 117.6 on the escrow: alice's 1 NFT not
	// created gets 117, bob's 2 get 235 (rounded down); the 236 left stay for the 2 NFTs that exist.
	eq(t, "alice paid 3 × 120, got 117 back", alice0.Sub(f.balance(f.alice.Addr, "uusdt")), i64(360-117))
	eq(t, "bob paid 2 × 120, got 235 back", bob0.Sub(f.balance(f.bob.Addr, "uusdt")), i64(240-235))
	eq(t, "escrow account", f.moduleBalance(modaccounts.HashnftEscrow, "uusdt"), i64(236))
	esc, err := f.k.GetEscrow(f.ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "escrow held", esc.Held.AmountOf("uusdt"), i64(236))
	eq(t, "escrow refunded to undelivered winners", esc.RefundedUndelivered.AmountOf("uusdt"), i64(352))
	eq(t, "hashnft account (no bid locked)", f.moduleBalance(types.ModuleName, "uusdt"), i64(0))

	a := f.auction(aid)
	if a.Auction.Status != types.AUCTION_STATUS_SETTLED || a.Auction.Created != 2 || a.Auction.Cancelled != 3 {
		t.Fatalf("auction after the termination %+v", a.Auction)
	}
	for _, b := range a.Bids {
		want := map[uint64][2]int64{aliceBid: {1, 117}, bobBid: {2, 235}}[b.Id]
		if b.Cancelled != uint64(want[0]) || !b.TerminationRefund.AmountOf("uusdt").Equal(i64(want[1])) {
			t.Fatalf("bid %d: cancelled %d, refund %s; want %v", b.Id, b.Cancelled, b.TerminationRefund, want)
		}
	}
	p = f.getProduct(pid)
	if p.Status != types.PRODUCT_STATUS_ENDED || p.Sold != 2 || p.Created != 2 || p.Retired != 4 || p.SettlingAuctionId != 0 {
		t.Fatalf("product after the termination %+v", p)
	}
	power, err := f.query.MinerPower(f.ctx, &types.QueryMinerPowerRequest{Miner: f.miner.Addr.String()})
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range power.Powers {
		if !pw.Power.Power.IsZero() {
			t.Fatalf("miner power after the termination %+v", power.Powers)
		}
	}

	// Blocks go by: the auction queue creates nothing more.
	for i := 0; i < 3; i++ {
		f.block(time.Hour)
	}
	if n := len(f.owned(f.alice)) + len(f.owned(f.bob)); n != 2 {
		t.Fatalf("%d NFTs exist after the termination, want 2", n)
	}
	if p := f.getProduct(pid); p.Created != 2 {
		t.Fatalf("product created %d after the termination", p.Created)
	}
	if err := f.k.EndProduct(f.ctx, pid); !types.ErrProductEnded.Is(err) {
		t.Fatalf("ending twice: %v", err)
	}
}

// A terminated product refuses a buy, with an error that says so, and nothing changes.
func TestBuyTerminatedProduct(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(10, "100uusdt"))
	f.buy(f.alice, pid, 2, "100uusdt")
	if err := f.k.EndProduct(f.ctx, pid); err != nil {
		t.Fatal(err)
	}
	f.check()
	before, p0 := f.balance(f.bob.Addr, "uusdt"), f.getProduct(pid)
	_, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: f.bob.Addr.String(), ProductId: pid, Quantity: 1, MaxUnitPrice: coin("100uusdt")})
	if !types.ErrProductEnded.Is(err) || !strings.Contains(err.Error(), "ended before its term") {
		t.Fatalf("buying a terminated product: %v", err)
	}
	eq(t, "bob's balance", f.balance(f.bob.Addr, "uusdt"), before)
	if p := f.getProduct(pid); p.Sold != p0.Sold || p.Created != 2 || p.Retired != 8 {
		t.Fatalf("product changed: %+v", p)
	}
	f.check()
}
