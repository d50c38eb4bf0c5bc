package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/jointmine/types"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// TestDefaultSuspendAndCompensate: the miner does not return the pledge by the term end plus
// grace: the pool defaults with its shortfall visible; the council suspends it (no redemption),
// then compensates the shortfall from the risk fund in two parts; the second starts the maturity
// rounds, bounded to one holder per block (settlements_per_block 1), while a holder's claim pays
// it at once and the round then skips it; every holder ends with its share-time part.
func TestDefaultSuspendAndCompensate(t *testing.T) {
	f := setup(t)
	e := f.e
	p := shortParams()
	p.SettlementsPerBlock = 1
	f.setParams(p)
	id := f.approved("f01234", 4)
	f.deposit(id, f.alice, ifil(50))
	f.deposit(id, f.bob, ifil(30))
	f.deposit(id, f.carol, ifil(20))
	e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(100)})
	e.MustDeliver(f.dave, &riskfundtypes.MsgDeposit{Sender: f.dave.Addr.String(), Amount: sdk.NewCoins(ifil(200))})

	v := f.pool(id)
	e.NextBlockAt(v.Pool.TermEnd.Add(time.Second))
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_MATURED {
		t.Fatalf("after the term: %s", s)
	}
	if !f.pool(id).Shortfall.IsZero() {
		t.Fatal("a shortfall before the grace ends")
	}
	e.NextBlockAt(v.Pool.GraceEnd.Add(time.Second))
	v = f.pool(id)
	if v.Pool.Status != types.PoolStatus_POOL_STATUS_DEFAULTED || !v.Shortfall.Equal(whole(100)) || !v.NetValue.IsZero() {
		t.Fatalf("after the grace: %s, shortfall %s, net value %s", v.Pool.Status, v.Shortfall, v.NetValue)
	}

	e.CouncilPropose(4, &types.MsgSetPoolSuspended{Authority: f.auth, PoolId: id, Suspended: true})
	if r := e.Deliver(f.alice, &types.MsgRedeem{Owner: f.alice.Addr.String(), PoolId: id, Shares: shares(id, whole(1))}); r.Code != types.ErrSuspended.ABCICode() {
		t.Fatalf("redeeming from a suspended pool: code %d %s", r.Code, r.Log)
	}

	e.CouncilPropose(4, &types.MsgCompensatePool{Authority: f.auth, PoolId: id, Amount: ifil(40)})
	v = f.pool(id)
	wantEq(t, "shortfall after the first compensation", v.Shortfall, whole(60))
	wantEq(t, "maturity fund", v.Pool.MaturityFund, whole(40))
	// Alice claims her part of the 40 at once; the rest waits for the full fund.
	a0 := f.bal(f.alice.Addr, "aifil")
	e.MustDeliver(f.alice, &types.MsgClaimMaturity{Holder: f.alice.Addr.String(), PoolId: id})
	firstClaim := f.bal(f.alice.Addr, "aifil").Sub(a0)
	if !firstClaim.IsPositive() {
		t.Fatal("alice's claim paid nothing")
	}

	before := map[string]math.Int{}
	for _, who := range []*testutil.Account{f.alice, f.bob, f.carol} {
		before[who.Addr.String()] = f.bal(who.Addr, "aifil")
	}
	e.CouncilPropose(4, &types.MsgCompensatePool{Authority: f.auth, PoolId: id, Amount: ifil(60)})
	for range 3 {
		e.NextBlock()
	}
	v = f.pool(id)
	if v.Pool.Status != types.PoolStatus_POOL_STATUS_SETTLED {
		t.Fatalf("after compensation and rounds: %s", v.Pool.Status)
	}
	// Each held from a block apart to the end: their parts follow their shares closely; in all the
	// 100 IFIL less the rounding dust.
	total := firstClaim
	for _, who := range []*testutil.Account{f.alice, f.bob, f.carol} {
		total = total.Add(f.bal(who.Addr, "aifil").Sub(before[who.Addr.String()]))
	}
	if d := whole(100).Sub(total); d.IsNegative() || d.GT(math.NewInt(10)) {
		t.Fatalf("holders received %s of the 100 IFIL compensated", total)
	}
	wantEq(t, "compensated", v.Pool.Compensated, whole(100))
	ha, hb := f.holder(id, f.alice), f.holder(id, f.bob)
	if !ha.Holder.MaturityPaid.GT(hb.Holder.MaturityPaid) {
		t.Fatalf("alice (50 shares) got %s, bob (30) %s", ha.Holder.MaturityPaid, hb.Holder.MaturityPaid)
	}
}

// TestRejectAndExpire: a rejected application's deposit goes to the risk fund and frees its node;
// an application nobody decides expires after application_ttl, its deposit back to the miner.
func TestRejectAndExpire(t *testing.T) {
	f := setup(t)
	e := f.e
	p := shortParams()
	p.ApplicationTtl = time.Minute
	f.setParams(p)
	rf := e.App.AccountKeeper.GetModuleAddress(riskfundtypes.ModuleName)
	r0 := f.bal(rf, "udmc")
	id := f.apply("f01", 4)
	e.CouncilPropose(4, &types.MsgRejectPool{Authority: f.auth, PoolId: id, Reason: "no audit"})
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_REJECTED {
		t.Fatalf("rejected: %s", s)
	}
	wantEq(t, "deposit to the risk fund", f.bal(rf, "udmc").Sub(r0), math.NewInt(100_000_000))
	again := f.apply("f01", 4)
	if again == id {
		t.Fatal("the node's second application reused the id")
	}
	m0 := f.bal(f.miner.Addr, "udmc")
	e.PassTime(2 * time.Minute)
	e.NextBlock()
	if s := f.pool(again).Pool.Status; s != types.PoolStatus_POOL_STATUS_EXPIRED {
		t.Fatalf("undecided after its ttl: %s", s)
	}
	wantEq(t, "deposit back at expiry", f.bal(f.miner.Addr, "udmc").Sub(m0), math.NewInt(100_000_000))
}

// TestNodeOwnerChecked: x/oracle attests f07 as the miner's: the miner's application is taken;
// once the oracle attests another owner, the council's approval fails and the pool stays pending.
func TestNodeOwnerChecked(t *testing.T) {
	f := setup(t)
	e := f.e
	id := f.apply("f07", 4)
	e.ReportNodePower("f07", 10, f.bob)
	e.CouncilPropose(4, &types.MsgApprovePool{Authority: f.auth, PoolId: id})
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_PENDING {
		t.Fatalf("approved against the oracle's owner: %s", s)
	}
	e.PassTime(24 * time.Hour) // the oracle's next day
	e.ReportNodePower("f07", 10, f.miner)
	e.CouncilPropose(4, &types.MsgApprovePool{Authority: f.auth, PoolId: id})
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_GENESIS {
		t.Fatalf("the owner's pool after approval: %s", s)
	}
}
