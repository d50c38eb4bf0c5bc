package keeper_test

import (
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	queuetypes "github.com/dmexchain/dmex/internal/queue/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// noRewardDenoms makes every first NFT creation of a product fail: x/escrow has no reward denom
// for the product's chain, so the NFTs cannot join a reward index (AfterNFTsCreated fails).
func (f *fixture) noRewardDenoms() {
	f.t.Helper()
	ek := f.e.App.EscrowKeeper
	p, err := ek.Params.Get(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	p.RewardDenoms = nil
	if err := ek.Params.Set(f.ctx, p); err != nil {
		f.t.Fatal(err)
	}
}

func typedEvents[T any](t *testing.T, ctx sdk.Context, name string) []*T {
	t.Helper()
	var out []*T
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type != name {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abciEvent(ev))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, any(msg).(*T))
	}
	return out
}

// Defect A: an auction whose settlement fails every time is tried 24 times, an hour apart
// (keeper.SettleTries, keeper.RetryDelay), and then parked: every bid gets back exactly what it
// locked, the auction is cancelled and says why, the unsold NFTs return to the miner's control,
// and the books hold after every block.
func TestAuctionThatCannotSettleRefundsItsBids(t *testing.T) {
	f := newFixture(t)
	pid, aid := f.product(f.auctionApp(10, "100uusdt", time.Hour))
	alice0, bob0 := f.balance(f.alice.Addr, "uusdt"), f.balance(f.bob.Addr, "uusdt")
	f.bid(f.alice, aid, 4, "150uusdt")
	f.bid(f.bob, aid, 3, "120uusdt")
	f.bid(f.bob, aid, 5, "101uusdt")
	f.noRewardDenoms()
	f.block(time.Hour) // the first try fails
	for try := 2; try <= 24; try++ {
		if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_OPEN {
			t.Fatalf("after %d tries the auction is %s", try-1, a.Status)
		}
		eq(t, "bids locked while retried", f.moduleBalance(types.ModuleName, "uusdt"), i64(4*150+3*120+5*101))
		if try == 24 {
			f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
		}
		f.block(time.Hour)
	}
	q := f.auction(aid)
	if q.Auction.Status != types.AUCTION_STATUS_CANCELLED || q.Auction.Sold != 0 || !strings.Contains(q.Auction.CallOffReason, "24 tries") ||
		!strings.Contains(q.Auction.CallOffReason, "no reward denom") {
		t.Fatalf("parked auction %+v", q.Auction)
	}
	for _, b := range q.Bids {
		if !b.Locked.IsZero() || !b.Paid.IsZero() || !b.Refunded.Amount.Equal(b.UnitPrice.Amount.Mul(math.NewIntFromUint64(b.Quantity))) {
			t.Fatalf("bid after parking %+v", b)
		}
	}
	eq(t, "alice refunded to the unit", f.balance(f.alice.Addr, "uusdt"), alice0)
	eq(t, "bob refunded to the unit", f.balance(f.bob.Addr, "uusdt"), bob0)
	eq(t, "nothing locked", f.moduleBalance(types.ModuleName, "uusdt"), math.ZeroInt())
	if p := f.getProduct(pid); p.SaleMode != types.SALE_MODE_UNSPECIFIED || p.AuctionId != 0 || p.Unsold() != 10 || p.Sold != 0 {
		t.Fatalf("product after parking %+v", p)
	}
	failed := typedEvents[queuetypes.EventItemFailed](t, f.ctx, "dmex.queue.v1.EventItemFailed")
	if len(failed) != 1 || !failed[0].Parked || failed[0].Failures != 24 || failed[0].Queue != "auction_queue" || failed[0].ParkError != "" {
		t.Fatalf("queue events of the last try: %+v", failed)
	}
	cancelled := typedEvents[types.EventAuctionCancelled](t, f.ctx, "dmex.hashnft.v1.EventAuctionCancelled")
	if len(cancelled) != 1 || cancelled[0].AuctionId != aid || cancelled[0].Refunded != "1465uusdt" {
		t.Fatalf("cancel events: %+v", cancelled)
	}
	// The miner can sell again; nothing more happens to the parked auction.
	f.block(time.Hour)
	if _, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("100uusdt")}); err != nil {
		t.Fatal(err)
	}
}

// Defect C: the product's term ends while its auction waits in the queue (its settlement failed
// once and waits for its retry); then x/escrow terminates the product. The termination calls the
// auction off at once: every bid refunded in full, the unsold NFTs retired; no coin stays locked
// and the auction's stale queue entry finds it cancelled.
func TestTerminationAfterTermEndWhileAuctionWaits(t *testing.T) {
	f := newFixture(t)
	m := f.auctionApp(5, "100uusdt", time.Hour)
	m.TermDays = 1
	pid, first := f.product(m)
	f.block(time.Hour) // the first auction ends without bids
	if a := f.auction(first).Auction; a.Status != types.AUCTION_STATUS_SETTLED {
		t.Fatalf("first auction %s", a.Status)
	}
	res, err := f.msg.RelistProduct(f.ctx, &types.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: pid,
		SaleMode: types.SALE_MODE_AUCTION, Price: coin("100uusdt"), AuctionDuration: 23*time.Hour + 30*time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	aid := res.AuctionId
	alice0, bob0 := f.balance(f.alice.Addr, "uusdt"), f.balance(f.bob.Addr, "uusdt")
	f.bid(f.alice, aid, 2, "150uusdt")
	f.bid(f.bob, aid, 1, "120uusdt")
	f.noRewardDenoms()
	f.block(23*time.Hour + 30*time.Minute) // settlement fails; retried in an hour
	f.block(40 * time.Minute)              // the term ends first
	p := f.getProduct(pid)
	if p.Status != types.PRODUCT_STATUS_ENDED || p.SaleMode != types.SALE_MODE_AUCTION || f.auction(aid).Auction.Status != types.AUCTION_STATUS_OPEN {
		t.Fatalf("before the termination: product %+v, auction %s", p, f.auction(aid).Auction.Status)
	}
	if err := f.k.EndProduct(f.ctx, pid); err != nil {
		t.Fatalf("terminating a product whose term ended with its auction waiting: %v", err)
	}
	f.check()
	eq(t, "alice refunded", f.balance(f.alice.Addr, "uusdt"), alice0)
	eq(t, "bob refunded", f.balance(f.bob.Addr, "uusdt"), bob0)
	eq(t, "nothing locked", f.moduleBalance(types.ModuleName, "uusdt"), math.ZeroInt())
	if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_CANCELLED || a.Sold != 0 {
		t.Fatalf("auction after the termination %+v", a)
	}
	if p := f.getProduct(pid); p.SaleMode != types.SALE_MODE_UNSPECIFIED || p.AuctionId != 0 || p.Retired != 5 || p.Unsold() != 0 {
		t.Fatalf("product after the termination %+v", p)
	}
	for i := 0; i < 3; i++ {
		f.block(time.Hour)
	}
	if a := f.auction(aid).Auction; a.Status != types.AUCTION_STATUS_CANCELLED {
		t.Fatalf("auction later %s", a.Status)
	}
	if err := f.k.EndProduct(f.ctx, pid); !types.ErrProductEnded.Is(err) {
		t.Fatalf("ending twice: %v", err)
	}
}

func abciEvent(ev sdk.Event) abci.Event { return abci.Event(ev) }
