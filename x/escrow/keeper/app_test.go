package keeper_test

import (
	"errors"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

const day = 24 * time.Hour

// fixture is a real app with a miner, holders and one or more products approved by the council.
type fixture struct {
	t     *testing.T
	e     *testutil.Env
	auth  string
	miner *testutil.Account
	q     types.QueryServer
}

// nodePower is the power (TiB) the oracle finalized before genesis for the nodes the tests sell
// (x/hashnft approves a product only if its node's power covers it, SPEC §10).
var nodePower = map[string]int64{
	"f01234": 1_000, "f05678": 1_000, "f01111": 1_000, "f02222": 1_000, "f03333": 1_000, "f04444": 1_000,
}

func newFixture(t *testing.T) *fixture {
	e := testutil.New(t, testutil.Options{Accounts: 4, NodePower: nodePower})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, e: e, auth: auth.String(), miner: e.Accounts[0], q: keeper.NewQueryServerImpl(e.App.EscrowKeeper)}
}

// product applies for count NFTs of 4 TiB at 1,000,000udmc for termDays, and has the council approve it.
func (f *fixture) product(count uint64, termDays uint32, node string) uint64 {
	f.t.Helper()
	f.e.MustDeliver(f.miner, &hashnfttypes.MsgApplyProduct{
		Miner: f.miner.Addr.String(), Chain: "FIL", NodeId: node, PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: count,
		TermDays: termDays, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("udmc", 1_000_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	apps, err := f.e.App.HashnftKeeper.NextApplicationID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	f.e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: f.auth, ApplicationId: apps - 1})
	id, err := f.e.App.HashnftKeeper.NextProductID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	return id - 1
}

func (f *fixture) buy(who *testutil.Account, product, n uint64) {
	f.t.Helper()
	f.e.MustDeliver(who, &hashnfttypes.MsgBuyNFTs{Buyer: who.Addr.String(), ProductId: product, Quantity: n, MaxUnitPrice: sdk.NewInt64Coin("udmc", 1_000_000)})
}

func (f *fixture) deposit(product uint64, amt int64) {
	f.t.Helper()
	f.e.MustDeliver(f.miner, &types.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: product, Amount: sdk.NewInt64Coin("aifil", amt)})
}

func (f *fixture) bal(a *testutil.Account, denom string) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.e.Ctx(), a.Addr, denom).Amount
}

func (f *fixture) escrow(product uint64) *types.QueryEscrowResponse {
	f.t.Helper()
	r, err := f.q.Escrow(f.e.Ctx(), &types.QueryEscrowRequest{ProductId: product})
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// passDay moves the chain one day on and gives the payout rounds a few blocks.
func (f *fixture) passDay() {
	f.e.PassTime(day)
	for i := 0; i < 3; i++ {
		f.e.NextBlock()
	}
}

func eq(t *testing.T, what string, got, want math.Int) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s: %s, want %s", what, got, want)
	}
}

// The whole term through the real app, with every module's books checked after every block:
// sales fill the escrow; each day releases remaining / days left; the miner's deposits reach
// holders by power without a claim; a transfer settles to the previous holder; at the end the
// miner received exactly what was paid minus the channel fee, and the escrow is empty.
func TestTermReleasesAndRewards(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol := f.e.Accounts[1], f.e.Accounts[2], f.e.Accounts[3]
	p := f.product(10, 3, "f01234")
	f.buy(alice, p, 3)
	f.buy(bob, p, 2)

	r := f.escrow(p)
	eq(t, "paid in", r.PaidIn.AmountOf("udmc"), math.NewInt(4_900_000)) // 5 × 1,000,000 − 2%
	eq(t, "remaining", r.Remaining.AmountOf("udmc"), math.NewInt(4_900_000))
	if r.DaysLeft != 3 || r.Status != types.ESCROW_STATUS_ACTIVE {
		t.Fatalf("escrow at the start: %d days left, %s", r.DaysLeft, r.Status)
	}

	// 1,000 aifil over 20 TiB: alice's 12 TiB earn 600, bob's 8 TiB 400, paid within a few blocks.
	a0, b0 := f.bal(alice, "aifil"), f.bal(bob, "aifil")
	f.deposit(p, 1000)
	f.e.NextBlock()
	eq(t, "alice's payout", f.bal(alice, "aifil").Sub(a0), math.NewInt(600))
	eq(t, "bob's payout", f.bal(bob, "aifil").Sub(b0), math.NewInt(400))

	// 7 aifil does not divide: each NFT's fraction stays in its position, nothing is lost.
	f.deposit(p, 7)
	f.e.NextBlock()
	hr, err := f.q.HolderRewards(f.e.Ctx(), &types.QueryHolderRewardsRequest{Holder: alice.Addr.String()})
	if err != nil || len(hr.Nfts) != 3 {
		t.Fatalf("alice's rewards %v %v", hr, err)
	}
	eq(t, "alice's NFT earned", hr.Nfts[0].Earned.Amount, math.NewInt(201)) // 1007/5 = 201.4
	eq(t, "alice's NFT paid", hr.Nfts[0].Paid.Amount, math.NewInt(201))

	// A transfer: what the NFT earned before belongs to alice; after it, to carol.
	nft := hr.Nfts[0].NftId
	f.deposit(p, 500) // 100 per NFT, not yet paid out when the transfer goes in the next tx
	a1, c1 := f.bal(alice, "aifil"), f.bal(carol, "aifil")
	f.e.MustDeliver(alice, &hashnfttypes.MsgTransferNFT{Sender: alice.Addr.String(), NftId: nft, Recipient: carol.Addr.String()})
	if got := f.bal(alice, "aifil").Sub(a1); got.LT(math.NewInt(100)) {
		t.Fatalf("alice got %s by the payouts and the transfer, want at least the NFT's 100", got)
	}
	f.deposit(p, 500)
	f.e.NextBlock()
	eq(t, "carol earned after the transfer", f.bal(carol, "aifil").Sub(c1), math.NewInt(100))

	// Claims: nothing pending after the payouts is a clear error.
	res := f.e.Deliver(bob, &types.MsgClaimRewards{Holder: bob.Addr.String()})
	if res.Code != types.ErrNothingPending.ABCICode() {
		t.Fatalf("claim with nothing pending: code %d %s", res.Code, res.Log)
	}

	// Export, import into a fresh app and compare (testutil.RoundTrip); the test goes on on this chain.
	f.e.RoundTrip()

	// Three days: 4,900,000/3, then what is left /2, then the remainder.
	m0 := f.bal(f.miner, "udmc")
	f.passDay()
	eq(t, "day 1 release", f.bal(f.miner, "udmc").Sub(m0), math.NewInt(1_633_333))
	f.deposit(p, 10)
	f.passDay()
	eq(t, "day 2 release", f.bal(f.miner, "udmc").Sub(m0), math.NewInt(1_633_333+1_633_333))
	f.passDay()
	eq(t, "whole term", f.bal(f.miner, "udmc").Sub(m0), math.NewInt(4_900_000))
	r = f.escrow(p)
	if r.Status != types.ESCROW_STATUS_EXPIRED || !r.Remaining.IsZero() || r.DaysLeft != 0 {
		t.Fatalf("after the term: %s, remaining %s, %d days left", r.Status, r.Remaining, r.DaysLeft)
	}
	if res := f.e.Deliver(f.miner, &types.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 1)}); res.Code != types.ErrEscrowClosed.ABCICode() {
		t.Fatalf("deposit after the term: code %d %s", res.Code, res.Log)
	}
	mr, err := f.q.MinerRecord(f.e.Ctx(), &types.QueryMinerRecordRequest{Miner: f.miner.Addr.String()})
	if err != nil || mr.Record.Deposits != 5 || len(mr.Products) != 1 || mr.Record.MissedDays != 1 {
		t.Fatalf("miner record %+v %v", mr, err)
	}
}

// Seven days without a deposit suspend the release; the council resumes it; the council
// terminates it and every NFT's holder gets its share of the remainder through the payout
// rounds (here 1 payout per block), to the unit.
func TestSuspendResumeTerminate(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	p := f.product(10, 30, "f05678")
	f.buy(alice, p, 2)
	f.buy(bob, p, 1)
	f.deposit(p, 300)
	// Day 1 had the deposit; days 2..8 have none: the 7th of them suspends.
	for i := 0; i < 8; i++ {
		f.passDay()
	}
	r := f.escrow(p)
	if r.Status != types.ESCROW_STATUS_SUSPENDED || r.Reason == "" {
		t.Fatalf("after 7 days without deposits: %s (%q)", r.Status, r.Reason)
	}
	// From the suspension on, nothing is released.
	released := r.Released.AmountOf("udmc")
	f.passDay()
	eq(t, "released while suspended", f.escrow(p).Released.AmountOf("udmc"), released)

	f.e.CouncilPropose(4, &types.MsgResumeEscrow{Authority: f.auth, ProductId: p})
	if s := f.escrow(p).Status; s != types.ESCROW_STATUS_ACTIVE {
		t.Fatalf("after the council's resume: %s", s)
	}
	f.deposit(p, 3)
	f.passDay()
	if f.escrow(p).Released.AmountOf("udmc").LTE(released) {
		t.Fatal("no release after the resume")
	}

	params, _ := f.e.App.EscrowKeeper.Params.Get(f.e.Ctx())
	params.PayoutsPerBlock = 1
	f.e.CouncilPropose(4, &types.MsgUpdateParams{Authority: f.auth, Params: params})

	remaining := f.escrow(p).Remaining.AmountOf("udmc")
	a0, b0 := f.bal(alice, "udmc"), f.bal(bob, "udmc")
	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p, Reason: "node offline"})
	r = f.escrow(p)
	if r.Status != types.ESCROW_STATUS_TERMINATED || !r.Remaining.IsZero() {
		t.Fatalf("after termination: %s, remaining %s", r.Status, r.Remaining)
	}
	for i := 0; i < 4; i++ {
		f.e.NextBlock()
	}
	got := f.bal(alice, "udmc").Sub(a0).Add(f.bal(bob, "udmc").Sub(b0))
	eq(t, "refunds", got, remaining)
	// remaining / 3 each, the first remaining mod 3 serials one more: alice holds serials 1, 2.
	share := remaining.QuoRaw(3)
	eq(t, "bob's refund", f.bal(bob, "udmc").Sub(b0), share)
	if !f.escrow(p).Escrow.RefundDone {
		t.Fatal("refund round not done")
	}

	// Terminating twice, resuming a terminated product: clear errors, nothing changes.
	ms := keeper.NewMsgServerImpl(f.e.App.EscrowKeeper)
	ctx, _ := f.e.Ctx().CacheContext()
	if _, err := ms.TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p}); !errors.Is(err, types.ErrWrongStatus) {
		t.Fatalf("terminate twice: %v", err)
	}
	if _, err := ms.ResumeEscrow(ctx, &types.MsgResumeEscrow{Authority: f.auth, ProductId: p}); !errors.Is(err, types.ErrWrongStatus) {
		t.Fatalf("resume a terminated product: %v", err)
	}
	if _, err := ms.TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: alice.Addr.String(), ProductId: p}); err == nil {
		t.Fatal("terminate by a holder succeeded")
	}
}
