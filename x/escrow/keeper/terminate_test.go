package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// The council terminates a product whose auction cleared and is still creating its winners' NFTs
// one per block: no NFT is created after the termination; every sold NFT, created or not, gets
// back the same share of the escrow (the winners still owed NFTs at once from x/hashnft, the
// holders by the refund round); the refunds add up to the escrow to the unit; a later buy is
// refused with a clear error. Every module's books are checked after every block.
func TestTerminateWhileAuctionCreatesNFTs(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	hk := f.e.App.HashnftKeeper
	params, err := hk.Params.Get(f.e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	params.MintBudgetPerBlock = 1
	f.e.CouncilPropose(4, &hashnfttypes.MsgUpdateParams{Authority: f.auth, Params: params})
	f.e.MustDeliver(f.miner, &hashnfttypes.MsgApplyProduct{
		Miner: f.miner.Addr.String(), Chain: "FIL", NodeId: "f04444", PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: 40,
		TermDays: 30, SaleMode: hashnfttypes.SALE_MODE_AUCTION, Price: sdk.NewInt64Coin("udmc", 100), AuctionDuration: time.Hour,
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	appID, err := hk.NextApplicationID.Peek(f.e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	f.e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: f.auth, ApplicationId: appID - 1})
	pid, err := hk.NextProductID.Peek(f.e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	pid--
	product := func() hashnfttypes.Product {
		p, err := hk.GetProduct(f.e.Ctx(), pid)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	aid := product().AuctionId
	a0, b0 := f.bal(alice, "udmc"), f.bal(bob, "udmc")
	f.e.MustDeliver(alice, &hashnfttypes.MsgPlaceBid{Bidder: alice.Addr.String(), AuctionId: aid, Quantity: 30, UnitPrice: sdk.NewInt64Coin("udmc", 150)})
	f.e.MustDeliver(bob, &hashnfttypes.MsgPlaceBid{Bidder: bob.Addr.String(), AuctionId: aid, Quantity: 10, UnitPrice: sdk.NewInt64Coin("udmc", 120)})
	f.e.PassTime(time.Hour) // clears at 120: 4,800 paid, fee 96, escrow 4,704; the first NFT is created
	if p := product(); p.Sold != 40 || p.Created == 0 || p.Created >= 40 || p.SettlingAuctionId != aid {
		t.Fatalf("after clearing: sold %d, created %d, settling %d", p.Sold, p.Created, p.SettlingAuctionId)
	}

	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: pid, Reason: "node offline"})
	p := product()
	created := p.Created
	if p.Status != hashnfttypes.PRODUCT_STATUS_ENDED || p.Sold != created || p.Retired != 40-created || p.SettlingAuctionId != 0 || created >= 30 {
		t.Fatalf("after the termination: %+v", p)
	}
	// Every sold NFT's share is 4,704 / 40 = 117.6: the 40 − created not created get 117 each
	// (rounded down per bid); the created ones share the rest.
	h, err := hk.GetEscrow(f.e.Ctx(), pid)
	if err != nil {
		t.Fatal(err)
	}
	aliceLeft, bobLeft := int64(30-created), int64(10)
	wantUndelivered := 4704*aliceLeft/40 + 4704*bobLeft/40
	eq(t, "refunded to the winners still owed NFTs", h.RefundedUndelivered.AmountOf("udmc"), math.NewInt(wantUndelivered))
	for i := 0; i < 5; i++ {
		f.e.NextBlock()
	}
	if p := product(); p.Created != created {
		t.Fatalf("%d NFTs created after the termination", p.Created-created)
	}
	r := f.escrow(pid)
	if r.Status != types.ESCROW_STATUS_TERMINATED || !r.Escrow.RefundDone || !r.Remaining.IsZero() {
		t.Fatalf("escrow after the refund round: %s, done %v, remaining %s", r.Status, r.Escrow.RefundDone, r.Remaining)
	}
	eq(t, "holders' refund", r.Escrow.RefundTotal.AmountOf("udmc"), math.NewInt(4704-wantUndelivered))
	// alice and bob paid 4,800 between them and got back all 4,704 the escrow held, to the unit:
	// they are out of pocket by the channel fee only.
	spent := a0.Sub(f.bal(alice, "udmc")).Add(b0.Sub(f.bal(bob, "udmc")))
	eq(t, "alice's and bob's net cost", spent, math.NewInt(96))
	eq(t, "bob (no NFT created) paid 1,200, got his 10 NFTs' share back", b0.Sub(f.bal(bob, "udmc")), math.NewInt(1200-4704*10/40))
	hr, err := f.q.HolderRewards(f.e.Ctx(), &types.QueryHolderRewardsRequest{Holder: alice.Addr.String()})
	if err != nil || uint64(len(hr.Nfts)) != created {
		t.Fatalf("alice's NFTs %v %v", hr, err)
	}
	for _, n := range hr.Nfts {
		if amt := n.Refunded.AmountOf("udmc"); amt.LT(math.NewInt(117)) {
			t.Fatalf("NFT %d refunded %s, less than its share", n.NftId, amt)
		}
	}

	res := f.e.Deliver(alice, &hashnfttypes.MsgBuyNFTs{Buyer: alice.Addr.String(), ProductId: pid, Quantity: 1, MaxUnitPrice: sdk.NewInt64Coin("udmc", 1_000)})
	if res.Code == 0 || !strings.Contains(res.Log, "ended before its term") {
		t.Fatalf("buy of a terminated product: code %d, %s", res.Code, res.Log)
	}
}

// The escrow's days are day epochs, so its last day can close (EXPIRED, empty) a little before
// the product's term ends. A sale in that window, a fixed-price buy or an auction that ends then,
// goes through: its NFTs are created and what it paid into the escrow reaches the miner at once;
// nothing stays in the escrow or in locked bids. The books hold after every block.
func TestSaleAfterTheEscrowsLastDay(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	hk := f.e.App.HashnftKeeper
	f.e.PassTime(30 * time.Minute) // the term starts 30 minutes into the day epoch
	p := f.product(10, 2, "f01234")
	f.buy(alice, p, 1)
	prod, err := hk.GetProduct(f.e.Ctx(), p)
	if err != nil {
		t.Fatal(err)
	}
	f.e.PassTime(47 * time.Hour)
	for i := 0; f.escrow(p).Status != types.ESCROW_STATUS_EXPIRED; i++ {
		if i > 120 {
			t.Fatal("the escrow did not expire")
		}
		f.e.NextBlockAt(f.e.Ctx().BlockTime().Add(time.Minute))
	}
	now := f.e.Ctx().BlockTime()
	if !now.Add(5 * time.Minute).Before(prod.TermEnd) {
		t.Fatalf("the escrow expired at %s, the term ends at %s: no window to test", now, prod.TermEnd)
	}

	// A fixed-price buy: 1,000,000udmc less the 2% fee reaches the miner at once.
	m0 := f.bal(f.miner, "udmc")
	f.buy(bob, p, 1)
	eq(t, "miner paid at once", f.bal(f.miner, "udmc").Sub(m0), math.NewInt(980_000))
	if r := f.escrow(p); !r.Remaining.IsZero() || r.Escrow.Nfts != 2 {
		t.Fatalf("after the late buy: remaining %s, %d NFTs", r.Remaining, r.Escrow.Nfts)
	}

	// An auction of the rest that ends before the term: it settles, nothing stays locked.
	f.e.MustDeliver(f.miner, &hashnfttypes.MsgRelistProduct{Miner: f.miner.Addr.String(), ProductId: p,
		SaleMode: hashnfttypes.SALE_MODE_AUCTION, Price: sdk.NewInt64Coin("udmc", 500_000), AuctionDuration: time.Minute})
	aid := func() uint64 {
		pr, err := hk.GetProduct(f.e.Ctx(), p)
		if err != nil {
			t.Fatal(err)
		}
		return pr.AuctionId
	}()
	f.e.MustDeliver(alice, &hashnfttypes.MsgPlaceBid{Bidder: alice.Addr.String(), AuctionId: aid, Quantity: 2, UnitPrice: sdk.NewInt64Coin("udmc", 500_000)})
	m0 = f.bal(f.miner, "udmc")
	f.e.PassTime(2 * time.Minute)
	f.e.NextBlock()
	a, err := hk.Auctions.Get(f.e.Ctx(), aid)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != hashnfttypes.AUCTION_STATUS_SETTLED || a.Created != 2 {
		t.Fatalf("late auction: %s, created %d", a.Status, a.Created)
	}
	eq(t, "miner paid the auction at once", f.bal(f.miner, "udmc").Sub(m0), math.NewInt(980_000))
	if !f.e.App.BankKeeper.GetBalance(f.e.Ctx(), authtypes.NewModuleAddress(hashnfttypes.ModuleName), "udmc").IsZero() {
		t.Fatal("coins left in the hashnft account")
	}
	if r := f.escrow(p); !r.Remaining.IsZero() || r.Escrow.Nfts != 4 {
		t.Fatalf("after the late auction: remaining %s, %d NFTs", r.Remaining, r.Escrow.Nfts)
	}
}
