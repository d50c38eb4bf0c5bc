package keeper_test

import (
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

func TestFeeIsRoundedUpAndAddsUpToThePrice(t *testing.T) {
	for _, tc := range []struct {
		amount int64
		bps    uint32
		fee    int64
	}{
		{100, 200, 2}, {101, 200, 3}, {50, 200, 1}, {1, 200, 1}, {0, 200, 0}, {12345, 0, 0}, {12345, 10_000, 12345}, {99, 100, 1},
	} {
		if got := types.Fee(math.NewInt(tc.amount), tc.bps); got.Int64() != tc.fee {
			t.Errorf("fee of %d at %d bps: %s, want %d", tc.amount, tc.bps, got, tc.fee)
		}
	}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 10_000; i++ {
		amount := math.NewInt(r.Int63n(1_000_000_000_000))
		bps := uint32(r.Intn(10_001))
		fee := types.Fee(amount, bps)
		// fee ≥ exact share, and less than one unit above it.
		exact := amount.Mul(math.NewInt(int64(bps)))
		if fee.MulRaw(10_000).LT(exact) || fee.MulRaw(10_000).Sub(exact).GTE(math.NewInt(10_000)) || fee.GT(amount) {
			t.Fatalf("fee %s of %s at %d bps", fee, amount, bps)
		}
	}
}

func TestFixedPriceBuyMintsKNFTsAndSplitsThePayment(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(10, "1000001uusdt"))
	rev, credited := f.revenue("uusdt"), f.credited(modaccounts.SourceChannelFee, "uusdt")
	aliceBefore := f.balance(f.alice.Addr, "uusdt")

	ids := f.buy(f.alice, pid, 3, "1000001uusdt")
	if len(ids) != 3 || ids[0]+2 != ids[2] {
		t.Fatalf("bought %v", ids)
	}
	// 3 × 1,000,001 = 3,000,003; 2% = 60,000.06, rounded up to 60,001; the escrow gets the rest.
	eq(t, "alice paid", aliceBefore.Sub(f.balance(f.alice.Addr, "uusdt")), i64(3_000_003))
	eq(t, "channel fee", f.revenue("uusdt").Sub(rev), i64(60_001))
	eq(t, "escrow account", f.moduleBalance(modaccounts.HashnftEscrow, "uusdt"), i64(2_940_002))
	pr, err := f.query.Product(f.ctx, &types.QueryProductRequest{Id: pid})
	if err != nil {
		t.Fatal(err)
	}
	if !pr.Escrow.Held.Equal(sdk.NewCoins(coin("2940002uusdt"))) || !pr.Escrow.PaidIn.Equal(pr.Escrow.Held) || pr.Unsold != 7 || pr.Product.Sold != 3 {
		t.Fatalf("product %+v escrow %+v unsold %d", pr.Product, pr.Escrow, pr.Unsold)
	}
	// x/dmc's revenue ledger records the fee as a channel fee, and nothing as a trading fee.
	eq(t, "ledger's channel fees", f.credited(modaccounts.SourceChannelFee, "uusdt").Sub(credited), i64(60_001))
	eq(t, "ledger's trading fees", f.credited(modaccounts.SourceTradingFee, "uusdt"), math.ZeroInt())
	f.check()

	// Each NFT: its product, serial, power, term, node id, owner.
	p := f.getProduct(pid)
	for i, id := range ids {
		nft := f.getNFT(id)
		if nft.ProductId != pid || nft.Serial != uint64(i+1) || !nft.Power.Equal(i64(1)) || nft.MinerNodeId != "f01234" ||
			!nft.TermStart.Equal(p.TermStart) || !nft.TermEnd.Equal(p.TermEnd) || nft.Owner != f.alice.Addr.String() {
			t.Fatalf("NFT %d: %+v", id, nft)
		}
	}
	owned := f.owned(f.alice)
	if len(owned) != 3 || owned[0].PowerUnit != "TiB" || owned[0].Chain != "FIL" {
		t.Fatalf("alice's NFTs %+v", owned)
	}

	// The last 7; then the product is sold out and takes no purchase.
	f.buy(f.bob, pid, 7, "2000000uusdt")
	if p := f.getProduct(pid); p.Unsold() != 0 || p.SaleMode != types.SALE_MODE_UNSPECIFIED || p.Created != 10 {
		t.Fatalf("sold-out product %+v", p)
	}
	if _, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: f.bob.Addr.String(), ProductId: pid, Quantity: 1, MaxUnitPrice: coin("2000000uusdt")}); !types.ErrNotOnSale.Is(err) {
		t.Fatalf("buying a sold-out product: %v", err)
	}
}

func TestOwnerQueryPaginates(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(25, "1uusdt"))
	f.buy(f.alice, pid, 10, "1uusdt")
	f.buy(f.bob, pid, 5, "1uusdt")
	f.buy(f.alice, pid, 10, "1uusdt")
	var seen []uint64
	var key []byte
	for page := 0; ; page++ {
		res, err := f.query.NFTsByOwner(f.ctx, &types.QueryNFTsByOwnerRequest{Owner: f.alice.Addr.String(),
			Pagination: &query.PageRequest{Key: key, Limit: 7, CountTotal: page == 0}})
		if err != nil {
			t.Fatal(err)
		}
		if page == 0 && res.Pagination.Total != 20 {
			t.Fatalf("total %d, want 20", res.Pagination.Total)
		}
		for _, n := range res.Nfts {
			if n.Nft.Owner != f.alice.Addr.String() {
				t.Fatalf("NFT %d of %s in alice's page", n.Nft.Id, n.Nft.Owner)
			}
			seen = append(seen, n.Nft.Id)
		}
		key = res.Pagination.NextKey
		if key == nil {
			break
		}
	}
	if len(seen) != 20 || seen[0] != 1 || seen[9] != 10 || seen[10] != 16 || seen[19] != 25 {
		t.Fatalf("alice's NFTs %v", seen)
	}
}

// At the end of its term a product ends: the sale stops, unsold NFTs are retired, the miner's
// power is released; its NFTs remain as records.
func TestProductEndsAtTheEndOfItsTerm(t *testing.T) {
	f := newFixture(t)
	m := f.fixedApp(10, "1uusdt")
	m.TermDays = 1
	pid, _ := f.product(m)
	f.buy(f.alice, pid, 4, "1uusdt")
	f.block(24*time.Hour - time.Second)
	if p := f.getProduct(pid); p.Status != types.PRODUCT_STATUS_ACTIVE {
		t.Fatalf("ended early: %+v", p)
	}
	f.block(time.Second)
	p := f.getProduct(pid)
	if p.Status != types.PRODUCT_STATUS_ENDED || p.Retired != 6 || p.Sold != 4 || p.SaleMode != types.SALE_MODE_UNSPECIFIED {
		t.Fatalf("ended product %+v", p)
	}
	power, _ := f.query.MinerPower(f.ctx, &types.QueryMinerPowerRequest{Miner: f.miner.Addr.String()})
	if !power.Powers[0].Power.Power.IsZero() {
		t.Fatalf("miner power %+v after the term", power.Powers)
	}
	if _, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: f.bob.Addr.String(), ProductId: pid, Quantity: 1, MaxUnitPrice: coin("1uusdt")}); !types.ErrProductEnded.Is(err) {
		t.Fatalf("buying after the term: %v", err)
	}
	if len(f.owned(f.alice)) != 4 {
		t.Fatal("the NFTs are gone after the term")
	}
}

// The miner relists a fixed-price product at a new price, or moves its unsold NFTs to an auction.
func TestRelistChangesPriceOrMode(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(10, "100uusdt"))
	f.buy(f.alice, pid, 2, "100uusdt")
	if _, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("80udmc")}); err != nil {
		t.Fatal(err)
	}
	f.buy(f.bob, pid, 1, "80udmc")
	res, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_AUCTION, Price: coin("50uusdt"), AuctionDuration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	f.check()
	a := f.auction(res.AuctionId)
	if a.Auction.Supply != 7 || !a.Auction.Reserve.Equal(coin("50uusdt")) {
		t.Fatalf("auction %+v", a.Auction)
	}
	pr, _ := f.query.Product(f.ctx, &types.QueryProductRequest{Id: pid})
	if !pr.Escrow.Held.Equal(sdk.NewCoins(coin("196uusdt"), coin("78udmc"))) {
		t.Fatalf("escrow in two denoms: %s", pr.Escrow.Held)
	}
}

// x/escrow's termination ends a product early: an open auction is called off with every bid
// refunded, unsold NFTs are retired, the power is released, sold NFTs remain.
func TestEndProductEarly(t *testing.T) {
	f := newFixture(t)
	fixed, _ := f.product(f.fixedApp(10, "100uusdt"))
	ids := f.buy(f.alice, fixed, 3, "100uusdt")
	auctioned, aid := f.product(f.auctionApp(5, "100uusdt", time.Hour))
	before := f.balance(f.bob.Addr, "uusdt")
	f.bid(f.bob, aid, 2, "150uusdt")
	f.bid(f.bob, aid, 1, "120uusdt")
	for _, id := range []uint64{fixed, auctioned} {
		if err := f.k.EndProduct(f.ctx, id); err != nil {
			t.Fatal(err)
		}
		f.check()
	}
	eq(t, "bob refunded in full", f.balance(f.bob.Addr, "uusdt"), before)
	if a := f.auction(aid); a.Auction.Status != types.AUCTION_STATUS_CANCELLED || a.Auction.Sold != 0 {
		t.Fatalf("called-off auction %+v", a.Auction)
	}
	if p := f.getProduct(fixed); p.Status != types.PRODUCT_STATUS_ENDED || p.Retired != 7 || p.Sold != 3 {
		t.Fatalf("ended product %+v", p)
	}
	if p := f.getProduct(auctioned); p.Status != types.PRODUCT_STATUS_ENDED || p.Retired != 5 {
		t.Fatalf("ended auction product %+v", p)
	}
	power, _ := f.query.MinerPower(f.ctx, &types.QueryMinerPowerRequest{Miner: f.miner.Addr.String()})
	if !power.Powers[0].Power.Power.IsZero() {
		t.Fatalf("miner power %+v", power.Powers)
	}
	if len(f.owned(f.alice)) != len(ids) {
		t.Fatal("sold NFTs are gone")
	}
	if err := f.k.EndProduct(f.ctx, fixed); !types.ErrProductEnded.Is(err) {
		t.Fatalf("ending twice: %v", err)
	}
	if _, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: f.bob.Addr.String(), AuctionId: aid, Quantity: 1, UnitPrice: coin("200uusdt")}); !types.ErrAuctionClosed.Is(err) {
		t.Fatalf("bid after the call-off: %v", err)
	}
	// The queues have nothing left to do for them, and the books hold as blocks go by.
	f.block(time.Hour)
	f.block(400 * 24 * time.Hour)
}
