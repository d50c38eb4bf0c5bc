package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

type bidCase struct {
	who      int // index into the fixture's bidders
	qty      uint64
	price    int64
	filled   uint64
	refunded int64
}

// The uniform-price auction of SPEC §4, case by case: the highest unit prices fill the supply
// (ties: the earlier bid first), every winner pays the lowest winning unit price and gets the
// difference back, a partly filled marginal bid pays for what it gets, losers are refunded in full.
func TestUniformPriceAuction(t *testing.T) {
	for _, tc := range []struct {
		name     string
		supply   uint64
		bids     []bidCase
		clearing int64
		unsold   uint64
	}{
		{"oversubscribed, tie broken by time, marginal bid partly filled", 10, []bidCase{
			{0, 4, 150, 4, 120}, // pays 4 × 120
			{1, 3, 120, 3, 0},   // first at 120: filled in full
			{2, 5, 120, 3, 240}, // second at 120: gets the 3 left, pays 3 × 120
			{0, 2, 110, 0, 220}, // loses
			{1, 1, 100, 0, 100}, // loses
		}, 120, 0},
		{"undersubscribed: all win at the lowest bid", 10, []bidCase{
			{0, 3, 200, 3, 150}, // pays 3 × 150
			{1, 2, 150, 2, 0},
		}, 150, 5},
		{"exactly subscribed", 4, []bidCase{
			{0, 2, 130, 2, 20},
			{1, 2, 120, 2, 0},
		}, 120, 0},
		{"one bid takes everything", 3, []bidCase{{2, 3, 101, 3, 0}}, 101, 0},
		{"no bids", 5, nil, 0, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			bidders := []*testutil.Account{f.alice, f.bob, f.e.Accounts[3]}
			pid, aid := f.product(f.auctionApp(tc.supply, "100uusdt", time.Hour))
			before := make([]math.Int, len(bidders))
			for i, b := range bidders {
				before[i] = f.balance(b.Addr, "uusdt")
			}
			var ids []uint64
			for _, b := range tc.bids {
				ids = append(ids, f.bid(bidders[b.who], aid, b.qty, math.NewInt(b.price).String()+"uusdt"))
				f.block(time.Second)
			}
			// The query shows the clearing price before the end.
			if q := f.auction(aid); q.ClearingPrice.Amount.Int64() != tc.clearing || q.Auction.Status != types.AUCTION_STATUS_OPEN {
				t.Fatalf("clearing price before the end %s (status %s), want %d", q.ClearingPrice, q.Auction.Status, tc.clearing)
			}
			rev, escrow := f.revenue("uusdt"), f.moduleBalance(modaccounts.HashnftEscrow, "uusdt")
			channel := f.credited(modaccounts.SourceChannelFee, "uusdt")
			f.block(time.Hour)

			q := f.auction(aid)
			if q.Auction.Status != types.AUCTION_STATUS_SETTLED || q.Auction.ClearingPrice.Amount.Int64() != tc.clearing {
				t.Fatalf("auction %+v", q.Auction)
			}
			total := int64(0)
			spent := make([]int64, len(bidders))
			won := make([]int, len(bidders))
			for i, b := range tc.bids {
				var got types.Bid
				for _, qb := range q.Bids {
					if qb.Id == ids[i] {
						got = qb
					}
				}
				if got.Filled != b.filled || got.Refunded.Amount.Int64() != b.refunded || got.Paid.Amount.Int64() != int64(b.filled)*tc.clearing {
					t.Fatalf("bid %d: filled %d paid %s refunded %s, want filled %d refunded %d", i, got.Filled, got.Paid, got.Refunded, b.filled, b.refunded)
				}
				total += got.Paid.Amount.Int64()
				spent[b.who] += got.Paid.Amount.Int64()
				won[b.who] += int(b.filled)
			}
			for i, b := range bidders {
				eq(t, "bidder balance", before[i].Sub(f.balance(b.Addr, "uusdt")), math.NewInt(spent[i]))
				if got := len(f.owned(b)); got != won[i] {
					t.Fatalf("bidder %d holds %d NFTs, won %d", i, got, won[i])
				}
			}
			fee := types.Fee(math.NewInt(total), 200)
			eq(t, "channel fee", f.revenue("uusdt").Sub(rev), fee)
			eq(t, "ledger's channel fees", f.credited(modaccounts.SourceChannelFee, "uusdt").Sub(channel), fee)
			eq(t, "escrow", f.moduleBalance(modaccounts.HashnftEscrow, "uusdt").Sub(escrow), math.NewInt(total).Sub(fee))
			eq(t, "nothing left locked", f.moduleBalance(types.ModuleName, "uusdt"), math.ZeroInt())
			p := f.getProduct(pid)
			if p.Unsold() != tc.unsold || p.SaleMode != types.SALE_MODE_UNSPECIFIED || p.AuctionId != 0 {
				t.Fatalf("product after the auction %+v (unsold %d, want %d)", p, p.Unsold(), tc.unsold)
			}
			// The best bid's NFTs come first.
			if len(tc.bids) > 0 && tc.bids[0].filled > 0 {
				if n := f.getNFT(f.owned(bidders[tc.bids[0].who])[0].Nft.Id); n.Serial != 1 {
					t.Fatalf("the best bid's first NFT has serial %d", n.Serial)
				}
			}
		})
	}
}

func TestAuctionTermStartsAtItsEndAndUnsoldCanBeRelisted(t *testing.T) {
	f := newFixture(t)
	approvedAt := f.ctx.BlockTime()
	pid, aid := f.product(f.auctionApp(5, "100uusdt", 2*time.Hour))
	p := f.getProduct(pid)
	if !p.TermStart.Equal(approvedAt.Add(2*time.Hour)) || !p.TermEnd.Equal(p.TermStart.Add(360*24*time.Hour)) {
		t.Fatalf("term %s..%s, approved at %s", p.TermStart, p.TermEnd, approvedAt)
	}
	// The miner cannot relist or retire while the auction runs.
	if _, err := f.msg.RetireUnsold(f.ctx, &types.MsgRetireUnsold{Miner: f.miner.Addr.String(), ProductId: pid}); !types.ErrInvalidSale.Is(err) {
		t.Fatalf("retire during the auction: %v", err)
	}
	f.bid(f.alice, aid, 2, "100uusdt")
	f.block(2 * time.Hour)
	if p := f.getProduct(pid); p.Unsold() != 3 || p.SaleMode != types.SALE_MODE_UNSPECIFIED {
		t.Fatalf("after the auction %+v", p)
	}
	if _, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("90uusdt")}); err != nil {
		t.Fatal(err)
	}
	ids := f.buy(f.bob, pid, 3, "90uusdt")
	if n := f.getNFT(ids[2]); n.Serial != 5 || !n.TermStart.Equal(p.TermStart) {
		t.Fatalf("relisted NFT %+v", n)
	}
}

// A full auction takes a new bid only if it beats the lowest-ranked one, which is refunded.
func TestBidCapReplacesTheLowestBid(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.MaxBidsPerAuction = 3 })
	_, aid := f.product(f.auctionApp(10, "100uusdt", time.Hour))
	f.bid(f.alice, aid, 1, "100uusdt")
	low := f.bid(f.bob, aid, 1, "100uusdt") // same price, later: the lowest-ranked
	f.bid(f.alice, aid, 1, "120uusdt")
	bobBefore := f.balance(f.bob.Addr, "uusdt")
	// Equal to the lowest is not enough: a later bid at the same price ranks below it.
	if _, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: f.e.Accounts[3].Addr.String(), AuctionId: aid, Quantity: 1, UnitPrice: coin("100uusdt")}); !types.ErrBidTooLow.Is(err) {
		t.Fatalf("a bid equal to the lowest in a full auction: %v", err)
	}
	f.bid(f.e.Accounts[3], aid, 1, "101uusdt")
	q := f.auction(aid)
	if q.Auction.BidCount != 3 || len(q.Bids) != 3 {
		t.Fatalf("%d bids (count %d), want 3", len(q.Bids), q.Auction.BidCount)
	}
	for _, b := range q.Bids {
		if b.Id == low {
			t.Fatal("the outbid bid is still there")
		}
	}
	eq(t, "outbid bidder refunded", f.balance(f.bob.Addr, "uusdt"), bobBefore.Add(i64(100)))
}

// A large auction creates its winners' NFTs over several blocks within the mint budget, and a
// block settles at most queue_items_per_block auctions: the rest wait for the next block.
func TestSettlementIsBoundedPerBlock(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.MintBudgetPerBlock = 4; p.QueueItemsPerBlock = 2 })
	pid, aid := f.product(f.auctionApp(10, "100uusdt", time.Hour))
	f.bid(f.alice, aid, 6, "100uusdt")
	f.bid(f.bob, aid, 4, "100uusdt")
	var empty []uint64
	for i := 0; i < 3; i++ {
		m := f.auctionApp(1, "100uusdt", time.Hour)
		m.NodeId = "f0999" + string(rune('0'+i))
		_, a := f.product(m)
		empty = append(empty, a)
	}
	created := []uint64{}
	for i := 0; i < 3; i++ {
		if i == 0 {
			f.block(time.Hour)
		} else {
			f.block(3 * time.Second)
		}
		created = append(created, f.getProduct(pid).Created)
	}
	// Cleared at once (payments and refunds), NFTs 4 + 4 + 2 over three blocks.
	if created[0] != 4 || created[1] != 8 || created[2] != 10 {
		t.Fatalf("NFTs created per block %v, want 4, 8, 10", created)
	}
	if q := f.auction(aid); q.Auction.Status != types.AUCTION_STATUS_SETTLED {
		t.Fatalf("status %s", q.Auction.Status)
	}
	// The big auction was at the head of the queue, so the empty ones waited for it: in its
	// last block only one more item fitted (2 per block).
	settled := 0
	for _, a := range empty {
		if f.auction(a).Auction.Status == types.AUCTION_STATUS_SETTLED {
			settled++
		}
	}
	if settled != 1 {
		t.Fatalf("%d of the 3 empty auctions settled, want 1", settled)
	}
	f.block(3 * time.Second)
	for _, a := range empty {
		if s := f.auction(a).Auction.Status; s != types.AUCTION_STATUS_SETTLED {
			t.Fatalf("auction %d %s", a, s)
		}
	}
}
