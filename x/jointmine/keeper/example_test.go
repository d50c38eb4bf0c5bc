package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// TestReadmeWorkedExample runs the README's worked example on exact block times (a day is 60 s)
// and checks its every number: the split, the redemption and its queue, the maturity parts
// (each within 2 aifil of the exact value, never above), the dust, the final value.
func TestReadmeWorkedExample(t *testing.T) {
	f := setup(t)
	e := f.e
	id := f.apply("f01234", 4)
	day := func(n int64) time.Duration { return time.Duration(n*daySeconds) * time.Second }
	tx := func(who *testutil.Account, msg sdk.Msg) []byte { return e.SignTx(who, msg) }

	// Day 0: the council's last vote executes the approval; alice and bob deposit in that block.
	prop := e.CouncilSubmit(3, &types.MsgApprovePool{Authority: f.auth, PoolId: id})
	t0 := f.now().Add(e.BlockTime)
	mustOK(t, e.NextBlockAt(t0,
		tx(e.Council[3], &group.MsgVote{ProposalId: prop, Voter: e.Council[3].Addr.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY}),
		tx(f.alice, &types.MsgDeposit{Depositor: f.alice.Addr.String(), PoolId: id, Amount: ifil(60)}),
		tx(f.bob, &types.MsgDeposit{Depositor: f.bob.Addr.String(), PoolId: id, Amount: ifil(40)}),
	).TxResults)
	p := f.pool(id)
	if !p.Pool.ApprovedAt.Equal(t0) || p.Pool.Status != types.PoolStatus_POOL_STATUS_GROWTH {
		t.Fatalf("day 0: approved at %s (want %s), %s", p.Pool.ApprovedAt, t0, p.Pool.Status)
	}
	e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})

	// Day 1: income 10.
	r0, m0 := f.bal(revenueAddr(), "aifil"), f.bal(f.miner.Addr, "aifil")
	mustOK(t, e.NextBlockAt(t0.Add(day(1)), tx(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(10)})).TxResults)
	wantEq(t, "revenue 0.5", f.bal(revenueAddr(), "aifil").Sub(r0), milli(500))
	wantEq(t, "miner keeps 2", m0.Sub(f.bal(f.miner.Addr, "aifil")), milli(8_000))
	if v := f.pool(id).ValuePerShare; !v.Equal(math.LegacyMustNewDecFromStr("1.075")) {
		t.Fatalf("value per share %s", v)
	}

	// Day 2: bob sends 20 to carol.
	mustOK(t, e.NextBlockAt(t0.Add(day(2)), tx(f.bob, banktypes.NewMsgSend(f.bob.Addr, f.carol.Addr, sdk.NewCoins(shares(id, whole(20)))))).TxResults)

	// Day 4: alice redeems 30: 32.25, fee 0.0645, 7.4355 now, 24.75 queued; half her share-time
	// (2.4 pool-days) forfeited.
	a0 := f.bal(f.alice.Addr, "aifil")
	mustOK(t, e.NextBlockAt(t0.Add(day(4)), tx(f.alice, &types.MsgRedeem{Owner: f.alice.Addr.String(), PoolId: id, Shares: shares(id, whole(30))})).TxResults)
	wantEq(t, "paid now", f.bal(f.alice.Addr, "aifil").Sub(a0), math.NewIntWithDecimal(74355, 14))
	q, err := f.q.Redemptions(e.Ctx(), &types.QueryRedemptionsRequest{PoolId: id})
	if err != nil || len(q.Redemptions) != 1 || q.Redemptions[0].Place != 1 || !q.Redemptions[0].AmountLeft.Amount.Equal(milli(24_750)) {
		t.Fatalf("queue: %+v %v", q, err)
	}
	if st := f.holder(id, f.alice).ShareTime; !st.Equal(math.LegacyNewDec(12 * daySeconds).QuoInt64(10)) {
		t.Fatalf("alice's share-time after forfeiting half: %s pool-seconds, want 1.2 days", st)
	}

	// Day 5: income 40; the next block pays alice.
	a0 = f.bal(f.alice.Addr, "aifil")
	mustOK(t, e.NextBlockAt(t0.Add(day(5)), tx(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(40)})).TxResults)
	e.NextBlock()
	wantEq(t, "the queue pays alice", f.bal(f.alice.Addr, "aifil").Sub(a0), milli(24_750))
	wantEq(t, "liquid", f.pool(id).Pool.Liquid, milli(5_250))

	// Day 10: the term ends; the miner returns 100; the rounds pay the parts.
	e.NextBlockAt(t0.Add(day(10)))
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_MATURED {
		t.Fatalf("day 10: %s", s)
	}
	want := map[*testutil.Account]string{f.alice: "42857142857142857142", f.bob: "33116883116883116883", f.carol: "24025974025974025974"}
	before := map[*testutil.Account]math.Int{}
	for who := range want {
		before[who] = f.bal(who.Addr, "aifil")
	}
	e.MustDeliver(f.miner, &types.MsgReturnPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})
	e.NextBlock()
	paid := math.ZeroInt()
	for who, w := range want {
		got := f.bal(who.Addr, "aifil").Sub(before[who])
		exact, _ := math.NewIntFromString(w)
		if got.GT(exact) || exact.Sub(got).GT(math.NewInt(2)) {
			t.Errorf("%s's part: %s, the example says %s", who.Addr, got, exact)
		}
		paid = paid.Add(got)
	}
	p = f.pool(id)
	if p.Pool.Status != types.PoolStatus_POOL_STATUS_SETTLED {
		t.Fatalf("after the rounds: %s", p.Pool.Status)
	}
	dust := whole(100).Sub(paid)
	wantEq(t, "liquid with the dust", p.Pool.Liquid, milli(5_250).Add(dust))

	// The rest redeems at the final value.
	c0 := f.bal(f.carol.Addr, "aifil")
	e.MustDeliver(f.carol, &types.MsgRedeem{Owner: f.carol.Addr.String(), PoolId: id, Shares: shares(id, whole(20))})
	value := p.Pool.Liquid.MulRaw(20).QuoRaw(70)
	wantEq(t, "carol's final redemption", f.bal(f.carol.Addr, "aifil").Sub(c0), value.Sub(types.RedemptionFee(value)))
}
