package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/escrow/types"
)

// smallRounds has the council set payouts_per_block to n, so that a round over more NFTs takes
// several blocks.
func (f *fixture) smallRounds(n uint32) {
	f.t.Helper()
	params, err := f.e.App.EscrowKeeper.Params.Get(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	params.PayoutsPerBlock = n
	f.e.CouncilPropose(4, &types.MsgUpdateParams{Authority: f.auth, Params: params})
}

// Two deposits in a row on a product of 10 NFTs with 2 payouts per block: the second lands while
// the first's round runs, and the round ends on the day it was queued. The product must stay in
// the payout queue (the books check, run after every block, fails on a flag without its entry),
// every unit deposited reaches the holders without a claim, and a later termination's refund
// reaches every holder to the unit.
func TestDepositDuringRoundIsPaid(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	p := f.product(10, 30, "f01111")
	f.buy(alice, p, 6)
	f.buy(bob, p, 4)
	f.smallRounds(2)
	a0, b0 := f.bal(alice, "aifil"), f.bal(bob, "aifil")
	day0 := f.escrow(p).Escrow.NextDay

	f.deposit(p, 400) // 40 per NFT; the round starts in the next block's BeginBlock
	f.deposit(p, 400) // delivered after that block's round visited NFTs 1 and 2
	for i := 0; i < 6; i++ {
		f.e.NextBlock()
	}
	e := f.escrow(p).Escrow
	if e.NextDay != day0 {
		t.Fatalf("the test needs the round to end on the day it was queued: next day %d, was %d", e.NextDay, day0)
	}
	if !e.PayoutQueued {
		t.Fatal("the NFTs visited before the second deposit wait for no round")
	}
	// The follow-up round runs within a day.
	f.passDay()
	for i := 0; i < 6; i++ {
		f.e.NextBlock()
	}
	eq(t, "alice's payouts", f.bal(alice, "aifil").Sub(a0), math.NewInt(480))
	eq(t, "bob's payouts", f.bal(bob, "aifil").Sub(b0), math.NewInt(320))
	if e := f.escrow(p).Escrow; e.PayoutQueued || e.RoundOpen || !e.RewardsPaid.Equal(math.NewInt(800)) {
		t.Fatalf("after the rounds: queued %v, open %v, paid %s", e.PayoutQueued, e.RoundOpen, e.RewardsPaid)
	}

	// The same sequence again, then a termination: its refund reaches every holder.
	f.deposit(p, 400)
	f.deposit(p, 400)
	a1, b1 := f.bal(alice, "udmc"), f.bal(bob, "udmc")
	remaining := f.escrow(p).Remaining.AmountOf("udmc")
	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p, Reason: "node offline"})
	// The refund is the product's next round: within a day (the follow-up of the deposits may
	// already be queued for the day's end).
	f.passDay()
	for i := 0; i < 6; i++ {
		f.e.NextBlock()
	}
	e = f.escrow(p).Escrow
	if !e.RefundDone || e.PayoutQueued {
		t.Fatalf("refund done %v, still queued %v", e.RefundDone, e.PayoutQueued)
	}
	got := f.bal(alice, "udmc").Sub(a1).Add(f.bal(bob, "udmc").Sub(b1))
	eq(t, "refunds", got, remaining)
	eq(t, "bob's refund", f.bal(bob, "udmc").Sub(b1), remaining.QuoRaw(10).MulRaw(4))
	eq(t, "alice's payouts", f.bal(alice, "aifil").Sub(a0), math.NewInt(960))
	eq(t, "bob's payouts", f.bal(bob, "aifil").Sub(b0), math.NewInt(640))
}
