package keeper_test

import (
	"math/big"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/testutil"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/jointmine/keeper"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// stModel is share-time computed independently of the keeper, in exact rationals: each second
// from approval to the term end is split among that second's holders by shares; a redemption
// before the term end gives up the redeemed part of the account's share-time.
type stModel struct {
	last, end time.Time
	shares    map[string]int64 // whole IFIL-sized shares (the test's amounts are whole)
	st        map[string]*big.Rat
	total     *big.Rat
}

func newModel(start, end time.Time) *stModel {
	return &stModel{last: start, end: end, shares: map[string]int64{}, st: map[string]*big.Rat{}, total: new(big.Rat)}
}

func (m *stModel) advance(to time.Time) {
	if to.After(m.end) {
		to = m.end
	}
	dt := int64(to.Sub(m.last) / time.Second)
	if dt <= 0 {
		return
	}
	var supply int64
	for _, s := range m.shares {
		supply += s
	}
	if supply > 0 {
		for a, s := range m.shares {
			if m.st[a] == nil {
				m.st[a] = new(big.Rat)
			}
			m.st[a].Add(m.st[a], big.NewRat(s*dt, supply))
		}
		m.total.Add(m.total, big.NewRat(dt, 1))
	}
	m.last = m.last.Add(time.Duration(dt) * time.Second)
}

func (m *stModel) change(at time.Time, who string, delta int64) {
	m.advance(at)
	m.shares[who] += delta
}

func (m *stModel) redeem(at time.Time, who string, amt int64) {
	m.advance(at)
	if m.st[who] != nil && m.shares[who] > 0 {
		forfeit := new(big.Rat).Mul(m.st[who], big.NewRat(amt, m.shares[who]))
		m.st[who].Sub(m.st[who], forfeit)
		m.total.Sub(m.total, forfeit)
	}
	m.shares[who] -= amt
}

// payout is fund × the account's share-time / the total, rounded down.
func (m *stModel) payout(who string, fund math.Int) math.Int {
	r := new(big.Rat).Mul(new(big.Rat).SetInt(fund.BigInt()), m.st[who])
	r.Quo(r, m.total)
	return math.NewIntFromBigInt(new(big.Int).Quo(r.Num(), r.Denom()))
}

// TestPoolLifeThroughTheApp is the story through the real app: the council approves a
// 4 TiB pool (cap 100 IFIL); alice and bob deposit until the cap (1:1) and the growth period
// starts; the miner withdraws the cap to pledge; income is split 20/5/75 to the unit; bob sends
// half his dToken to carol (its share-time follows from then on); alice redeems part (paid what
// the liquid balance holds, the rest queued and paid by the queue when income arrives); the pool
// matures, the miner returns the pledge and the maturity rounds pay every holder its share-time
// part, as the independent model computes it; the rest redeems at the final value.
func TestPoolLifeThroughTheApp(t *testing.T) {
	f := setup(t)
	e := f.e
	miner0 := f.bal(f.miner.Addr, "udmc")
	id := f.approved("f01234", 4)
	p := f.pool(id)
	wantEq(t, "cap", p.Pool.Cap, whole(100))
	wantEq(t, "deposit back at approval", f.bal(f.miner.Addr, "udmc"), miner0)
	if d := p.Pool.TermEnd.Sub(p.Pool.ApprovedAt); d != 10*daySeconds*time.Second {
		t.Fatalf("term %s", d)
	}
	m := newModel(p.Pool.ApprovedAt, p.Pool.TermEnd)
	alice, bob, carol := f.alice.Addr.String(), f.bob.Addr.String(), f.carol.Addr.String()

	// Genesis period: 1:1, growth at the cap.
	f.deposit(id, f.alice, ifil(60))
	m.change(f.now(), alice, 60)
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_GENESIS {
		t.Fatalf("below the cap: %s", s)
	}
	res := e.MustDeliver(f.bob, &types.MsgDeposit{Depositor: bob, PoolId: id, Amount: ifil(40)})
	m.change(f.now(), bob, 40)
	if testutil.EventAttr(res.Events, "dmex.jointmine.v1.EventGrowthStarted", "pool_id") == "" {
		t.Fatal("no EventGrowthStarted at the cap")
	}
	wantEq(t, "alice's dToken", f.bal(f.alice.Addr, types.PoolDenom(id)), whole(60))
	wantEq(t, "bob's dToken", f.bal(f.bob.Addr, types.PoolDenom(id)), whole(40))
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_GROWTH {
		t.Fatalf("at the cap: %s", s)
	}

	// The miner pledges the cap: the net value does not move (liquid down, owed up).
	e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})
	p = f.pool(id)
	wantEq(t, "liquid after the pledge", p.Pool.Liquid, math.ZeroInt())
	wantEq(t, "net value after the pledge", p.NetValue, whole(100))

	// Income 10 IFIL: 2 stay with the miner, 0.5 to revenue, 7.5 to the pool.
	m0, r0 := f.bal(f.miner.Addr, "aifil"), f.bal(revenueAddr(), "aifil")
	e.MustDeliver(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(10)})
	wantEq(t, "miner pays", m0.Sub(f.bal(f.miner.Addr, "aifil")), milli(8_000))
	wantEq(t, "revenue", f.bal(revenueAddr(), "aifil").Sub(r0), milli(500))
	wantEq(t, "pool liquid", f.pool(id).Pool.Liquid, milli(7_500))

	// Bob sends half to carol: the beneficial shares follow the bank transfer.
	e.MustDeliver(f.bob, banktypes.NewMsgSend(f.bob.Addr, f.carol.Addr, sdk.NewCoins(shares(id, whole(20)))))
	m.change(f.now(), bob, -20)
	m.change(f.now(), carol, 20)
	wantEq(t, "bob's booked shares", f.holder(id, f.bob).Holder.Shares, whole(20))
	wantEq(t, "carol's booked shares", f.holder(id, f.carol).Holder.Shares, whole(20))

	// Alice redeems 30 at 107.5/100: 32.25 IFIL less the fee 0.0645; the 7.5 liquid pays the fee
	// and 7.4355 now, 24.75 waits in the queue.
	a0 := f.bal(f.alice.Addr, "aifil")
	r0 = f.bal(revenueAddr(), "aifil")
	e.MustDeliver(f.alice, &types.MsgRedeem{Owner: alice, PoolId: id, Shares: shares(id, whole(30))})
	m.redeem(f.now(), alice, 30)
	wantEq(t, "alice paid now", f.bal(f.alice.Addr, "aifil").Sub(a0), math.NewIntWithDecimal(74355, 14))
	wantEq(t, "redemption fee to revenue", f.bal(revenueAddr(), "aifil").Sub(r0), math.NewIntWithDecimal(645, 14))
	q, err := f.q.Redemptions(e.Ctx(), &types.QueryRedemptionsRequest{PoolId: id})
	if err != nil || len(q.Redemptions) != 1 || q.Redemptions[0].Place != 1 || !q.Redemptions[0].AmountLeft.Amount.Equal(milli(24_750)) {
		t.Fatalf("queue after alice's redemption: %+v %v", q, err)
	}

	// Income 40: the pool's 30 pays the queue at the next block's start, 5.25 stays liquid.
	a0 = f.bal(f.alice.Addr, "aifil")
	e.MustDeliver(f.miner, &types.MsgDepositIncome{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(40)})
	e.NextBlock()
	wantEq(t, "alice paid by the queue", f.bal(f.alice.Addr, "aifil").Sub(a0), milli(24_750))
	p = f.pool(id)
	wantEq(t, "liquid after the queue", p.Pool.Liquid, milli(5_250))
	wantEq(t, "queued", p.Pool.Queued, math.ZeroInt())
	if p.Pool.RedemptionsPaid != 1 {
		t.Fatalf("redemptions paid %d", p.Pool.RedemptionsPaid)
	}

	// Mid-life export and import: the chain goes on the same.
	e = e.RoundTrip()
	f.e, f.q = e, keeper.NewQueryServerImpl(e.App.JointmineKeeper)

	// The term ends: matured, the pledge owed.
	e.NextBlockAt(p.Pool.TermEnd.Add(time.Second))
	p = f.pool(id)
	if p.Pool.Status != types.PoolStatus_POOL_STATUS_MATURED || p.DaysLeft != 0 {
		t.Fatalf("after the term: %s, %d days left", p.Pool.Status, p.DaysLeft)
	}
	m.advance(p.Pool.TermEnd)

	// The miner returns the pledge: the rounds pay each holder its share-time part.
	before := map[string]math.Int{}
	for _, who := range []*testutil.Account{f.alice, f.bob, f.carol} {
		before[who.Addr.String()] = f.bal(who.Addr, "aifil")
	}
	e.MustDeliver(f.miner, &types.MsgReturnPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})
	e.NextBlock()
	p = f.pool(id)
	if p.Pool.Status != types.PoolStatus_POOL_STATUS_SETTLED {
		t.Fatalf("after the rounds: %s", p.Pool.Status)
	}
	sum := math.ZeroInt()
	for _, who := range []*testutil.Account{f.alice, f.bob, f.carol} {
		a := who.Addr.String()
		got := f.bal(who.Addr, "aifil").Sub(before[a])
		want := m.payout(a, whole(100))
		if d := got.Sub(want).Abs(); d.GT(math.NewInt(10)) {
			t.Errorf("%s's maturity payout %s, the model says %s", a, got, want)
		}
		wantEq(t, a+"'s recorded payout", f.holder(id, who).Holder.MaturityPaid, got)
		sum = sum.Add(got)
	}
	dust := whole(100).Sub(sum)
	if dust.IsNegative() || dust.GT(math.NewInt(10)) {
		t.Fatalf("paid %s of the 100 IFIL pledge", sum)
	}
	wantEq(t, "liquid with the dust", p.Pool.Liquid, milli(5_250).Add(dust))
	if carolPart := m.payout(carol, whole(100)); !carolPart.IsPositive() || !m.payout(bob, whole(100)).GT(carolPart) {
		t.Fatalf("bob held 40 then 20, carol 20 from the transfer: bob %s, carol %s", m.payout(bob, whole(100)), carolPart)
	}

	// Then the rest redeems at the final value: bob's 20 of 70 shares of the liquid balance.
	b0 := f.bal(f.bob.Addr, "aifil")
	e.MustDeliver(f.bob, &types.MsgRedeem{Owner: bob, PoolId: id, Shares: shares(id, whole(20))})
	value := p.Pool.Liquid.MulRaw(20).QuoRaw(70)
	wantEq(t, "bob's final redemption", f.bal(f.bob.Addr, "aifil").Sub(b0), value.Sub(types.RedemptionFee(value)))
}

// TestStakedDTokenKeepsItsShareTime: dToken staked in a behavioral farm (x/dmc) keeps accruing
// share-time to its staker, who earns DMC from the 30% behavioral share meanwhile; the farm's
// account never becomes a holder.
func TestStakedDTokenKeepsItsShareTime(t *testing.T) {
	f := setup(t)
	e := f.e
	id := f.approved("f01234", 4)
	f.deposit(id, f.alice, ifil(50))
	f.deposit(id, f.bob, ifil(50))
	e.CouncilPropose(4, &dmctypes.MsgCreateFarm{Authority: f.auth, Program: dmctypes.PROGRAM_BEHAVIORAL, Denom: types.PoolDenom(id), Weight: 1})
	farm := uint64(0)
	_ = e.App.DmcKeeper.Farms.Walk(e.Ctx(), nil, func(fid uint64, fm dmctypes.Farm) (bool, error) {
		if fm.Denom == types.PoolDenom(id) {
			farm = fid
		}
		return false, nil
	})
	if farm == 0 {
		t.Fatal("no behavioral farm for the pool's dToken")
	}
	e.MustDeliver(f.alice, &dmctypes.MsgStake{Staker: f.alice.Addr.String(), FarmId: farm, Amount: shares(id, whole(40))})
	wantEq(t, "alice's balance while staked", f.bal(f.alice.Addr, types.PoolDenom(id)), whole(10))
	wantEq(t, "alice's booked shares while staked", f.holder(id, f.alice).Holder.Shares, whole(50))
	a0, b0 := f.holder(id, f.alice).ShareTime, f.holder(id, f.bob).ShareTime
	for range 5 {
		e.NextBlock()
	}
	da, db := f.holder(id, f.alice).ShareTime.Sub(a0), f.holder(id, f.bob).ShareTime.Sub(b0)
	if !da.IsPositive() || !da.Equal(db) {
		t.Fatalf("alice (40 of 50 staked) gained %s, bob (50 held) %s: equal shares, equal share-time", da, db)
	}
	dmc0 := f.bal(f.alice.Addr, "udmc")
	e.MustDeliver(f.alice, &dmctypes.MsgClaim{Staker: f.alice.Addr.String(), FarmId: farm})
	if !f.bal(f.alice.Addr, "udmc").GT(dmc0) {
		t.Fatal("alice earned no DMC from the behavioral farm")
	}
	e.MustDeliver(f.alice, &dmctypes.MsgUnstake{Staker: f.alice.Addr.String(), FarmId: farm, Amount: shares(id, whole(40))})
	wantEq(t, "alice's booked shares after unstaking", f.holder(id, f.alice).Holder.Shares, whole(50))
	stake := e.App.AccountKeeper.GetModuleAddress("dmcstake")
	if _, err := f.q.Holder(e.Ctx(), &types.QueryHolderRequest{PoolId: id, Address: stake.String()}); err != nil {
		t.Fatal(err)
	} else if h := f.holder(id, &testutil.Account{Addr: stake}); !h.Holder.Shares.IsZero() {
		t.Fatalf("the farm's account holds %s booked shares", h.Holder.Shares)
	}
}
