package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// TestRedemptionQueueIsFirstInFirstOut: with the pledge out and nothing liquid, three
// redemptions queue in order; the query shows each one's place and amount left; income pays
// them in order, at most redemptions_per_block (here 1) per block, a partial payment keeping the
// head in place; a redemption made while others wait goes to the back even if cash is there.
func TestRedemptionQueueIsFirstInFirstOut(t *testing.T) {
	f := setup(t)
	e := f.e
	p := shortParams()
	p.RedemptionsPerBlock = 1
	f.setParams(p)
	id := f.approved("f01234", 4)
	f.deposit(id, f.alice, ifil(50))
	f.deposit(id, f.bob, ifil(30))
	f.deposit(id, f.carol, ifil(20))
	e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})

	// The value is 1 per share: each redemption owes its shares' worth (fee included).
	for _, who := range []*testutil.Account{f.alice, f.bob, f.carol} {
		e.MustDeliver(who, &types.MsgRedeem{Owner: who.Addr.String(), PoolId: id, Shares: shares(id, whole(10))})
	}
	queue := func() []types.RedemptionView {
		t.Helper()
		res, err := f.q.Redemptions(e.Ctx(), &types.QueryRedemptionsRequest{PoolId: id})
		if err != nil {
			t.Fatal(err)
		}
		return res.Redemptions
	}
	check := func(what string, want ...[2]any) {
		t.Helper()
		q := queue()
		if len(q) != len(want) {
			t.Fatalf("%s: %d queued, want %d: %+v", what, len(q), len(want), q)
		}
		for i, w := range want {
			if q[i].Redemption.Owner != w[0].(*testutil.Account).Addr.String() || q[i].Place != uint64(i+1) || !q[i].AmountLeft.Amount.Equal(w[1].(math.Int)) {
				t.Fatalf("%s: place %d is %s with %s left (place %d), want %s with %s", what, i+1, q[i].Redemption.Owner, q[i].AmountLeft, q[i].Place, w[0], w[1])
			}
		}
	}
	check("three queued", [2]any{f.alice, whole(10)}, [2]any{f.bob, whole(10)}, [2]any{f.carol, whole(10)})

	// Income of 20 IFIL: 15 to the pool. One payout per block: alice first (10), then bob (5 of 10).
	a0, b0 := f.bal(f.alice.Addr, "aifil"), f.bal(f.bob.Addr, "aifil")
	e.MustDeliver(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(20)})
	e.NextBlock()
	check("alice paid", [2]any{f.bob, whole(10)}, [2]any{f.carol, whole(10)})
	fee := types.RedemptionFee(whole(10))
	wantEq(t, "alice received", f.bal(f.alice.Addr, "aifil").Sub(a0), whole(10).Sub(fee))
	wantEq(t, "bob not yet", f.bal(f.bob.Addr, "aifil"), b0)

	// Dave buys in now (growth, cash in the pool while the queue waits) and redeems at once: he
	// goes to the back of the queue.
	f.deposit(id, f.dave, ifil(1))
	e.MustDeliver(f.dave, &types.MsgRedeem{Owner: f.dave.Addr.String(), PoolId: id, Shares: f.e.App.BankKeeper.GetBalance(e.Ctx(), f.dave.Addr, types.PoolDenom(id))})
	q := queue()
	if len(q) == 0 || q[len(q)-1].Redemption.Owner != f.dave.Addr.String() {
		t.Fatalf("dave's redemption is not at the back: %+v", q)
	}
	e.NextBlock()
	e.NextBlock()
	// 15 + dave's 1 = 16 in; alice 10, bob 6 so far (his 10 not yet whole): bob's payout kept
	// its place at the head while part-paid.
	left := queue()
	if len(left) == 0 || left[0].Redemption.Owner != f.bob.Addr.String() && left[0].Redemption.Owner != f.carol.Addr.String() {
		t.Fatalf("the head after partial payments: %+v", left)
	}
	paidBob := f.bal(f.bob.Addr, "aifil").Sub(b0)
	if !paidBob.IsPositive() {
		t.Fatal("bob got nothing")
	}
	for _, r := range left {
		if r.Redemption.Owner == f.bob.Addr.String() && !r.AmountLeft.Amount.Add(paidBob).Add(fee).Equal(whole(10)) {
			t.Fatalf("bob: paid %s, left %s, fee %s: want 10 IFIL in all", paidBob, r.AmountLeft, fee)
		}
	}

	// Enough income pays everyone, one per block, and the queue empties.
	e.MustDeliver(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(40)})
	for range 4 {
		e.NextBlock()
	}
	if q := queue(); len(q) != 0 {
		t.Fatalf("still queued: %+v", q)
	}
	v := f.pool(id)
	wantEq(t, "queued", v.Pool.Queued, math.ZeroInt())
	if v.Pool.RedemptionsPaid != v.Pool.RedemptionsQueued || v.Pool.RedemptionsQueued != 4 {
		t.Fatalf("redemptions queued %d, paid %d", v.Pool.RedemptionsQueued, v.Pool.RedemptionsPaid)
	}
}
