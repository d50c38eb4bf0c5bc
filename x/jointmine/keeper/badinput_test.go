package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// TestBadInputs: the "Bad input" list and more, each a row checked by testutil.BadInputs
// (errors.Is, the ABCI code and codespace, the value named, every store unchanged), then the
// books checked.
//
// The state: pool 1 (f01, 4 TiB, cap 100) in growth, 60 of its cap withdrawn to pledge; pool 2
// (f02) pending; pool 3 (f03) in genesis with 10 deposited; pool 4 (f04, a 1-day term, no grace,
// 20 of 25 pledged) defaulted; pool 5 (f05, a 1-day term, 10 days of grace) matured.
func TestBadInputs(t *testing.T) {
	f := setup(t)
	e := f.e
	p1 := f.approved("f01", 4)
	p2 := f.apply("f02", 4)
	p3 := f.approved("f03", 4)
	f.deposit(p1, f.alice, ifil(60))
	f.deposit(p1, f.bob, ifil(40))
	f.deposit(p3, f.alice, ifil(10))
	e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: p1, Amount: ifil(60)})
	short := shortParams()
	var p4, p5 uint64
	for _, grace := range []uint32{0, 10} {
		short.TermDays, short.GraceDays = 1, grace
		f.setParams(short)
		id := f.approved(map[uint32]string{0: "f04", 10: "f05"}[grace], 1)
		f.deposit(id, f.alice, ifil(25))
		e.MustDeliver(f.miner, &types.MsgWithdrawPledge{Miner: f.miner.Addr.String(), PoolId: id, Amount: ifil(20)})
		if grace == 0 {
			p4 = id
		} else {
			p5 = id
		}
	}
	f.setParams(shortParams())
	e.PassTime(2 * daySeconds * time.Second)
	e.NextBlock()
	for id, want := range map[uint64]types.PoolStatus{
		p1: types.PoolStatus_POOL_STATUS_GROWTH, p2: types.PoolStatus_POOL_STATUS_PENDING, p3: types.PoolStatus_POOL_STATUS_GENESIS,
		p4: types.PoolStatus_POOL_STATUS_DEFAULTED, p5: types.PoolStatus_POOL_STATUS_MATURED,
	} {
		if got := f.pool(id).Pool.Status; got != want {
			t.Fatalf("fixture: pool %d is %s, want %s", id, got, want)
		}
	}
	if v := f.pool(p4); !v.Shortfall.Equal(whole(20)) {
		t.Fatalf("defaulted pool's shortfall %s", v.Shortfall)
	}

	miner, alice, bob := f.miner.Addr.String(), f.alice.Addr.String(), f.bob.Addr.String()
	dep := func(id uint64, c sdk.Coin) sdk.Msg { return &types.MsgDeposit{Depositor: alice, PoolId: id, Amount: c} }
	redeem := func(who string, id uint64, c sdk.Coin) sdk.Msg {
		return &types.MsgRedeem{Owner: who, PoolId: id, Shares: c}
	}
	withdraw := func(who string, id uint64, c sdk.Coin) sdk.Msg {
		return &types.MsgWithdrawPledge{Miner: who, PoolId: id, Amount: c}
	}
	income := func(who string, id uint64, c sdk.Coin) sdk.Msg {
		return &types.MsgDepositIncome{Miner: who, PoolId: id, Amount: c}
	}
	apply := func(node string, tib uint64, dep sdk.Coin, disclosure string) sdk.Msg {
		return &types.MsgApplyPool{Miner: miner, NodeId: node, TargetTib: tib, Disclosure: disclosure, Deposit: dep}
	}
	ok := sdk.NewInt64Coin("udmc", 100_000_000)
	huge := sdk.NewCoin("aifil", types.MaxAmount.AddRaw(1))
	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{
		// Deposits.
		{Name: "deposit of a wrong denom", Msg: dep(p1, sdk.NewInt64Coin("uusdt", 1_000_000)), Err: types.ErrWrongDenom, Says: "the pool takes aifil"},
		{Name: "deposit below the minimum", Msg: dep(p1, sdk.NewCoin("aifil", milli(1))), Err: types.ErrBelowMinimum, Says: "below the minimum 10000000000000000aifil"},
		{Name: "deposit above the genesis cap", Msg: dep(p3, ifil(91)), Err: types.ErrAboveCap, Says: "above the 90000000000000000000aifil left"},
		{Name: "deposit into a pending pool", Msg: dep(p2, ifil(1)), Err: types.ErrPoolClosed, Says: "pending"},
		{Name: "deposit into a matured pool", Msg: dep(p5, ifil(1)), Err: types.ErrPoolClosed, Says: "matured"},
		{Name: "deposit into a defaulted pool", Msg: dep(p4, ifil(1)), Err: types.ErrPoolClosed, Says: "defaulted"},
		{Name: "deposit into an unknown pool", Msg: dep(99, ifil(1)), Err: types.ErrPoolNotFound, Says: "pool 99"},
		{Name: "deposit above 2^128", Msg: dep(p1, huge), Err: types.ErrInvalidAmount, Says: "2^128"},
		{Name: "deposit from a bad address", Msg: &types.MsgDeposit{Depositor: "dmex1nope", PoolId: p1, Amount: ifil(1)}, Err: types.ErrInvalidAddress, Says: "dmex1nope"},
		// Redemptions.
		{Name: "redeem in the genesis period", Msg: redeem(alice, p3, shares(p3, whole(1))), Err: types.ErrPoolClosed, Says: "genesis period"},
		{Name: "redeem more than held", Msg: redeem(bob, p1, shares(p1, whole(41))), Err: types.ErrInsufficientShares, Says: "holds 40000000000000000000jointmine/pool/"},
		{Name: "redeem another pool's dToken", Msg: redeem(alice, p1, shares(p3, whole(1))), Err: types.ErrWrongDenom, Says: "jointmine/pool/"},
		{Name: "redeem in a matured pool", Msg: redeem(alice, p5, shares(p5, whole(1))), Err: types.ErrPoolClosed, Says: "pledge's return"},
		{Name: "redeem zero", Msg: redeem(alice, p1, shares(p1, math.ZeroInt())), Err: types.ErrInvalidAmount, Says: "positive"},
		// The miner's pledge and income.
		{Name: "withdraw above the cap", Msg: withdraw(miner, p1, ifil(41)), Err: types.ErrAboveCap, Says: "above its cap 100000000000000000000aifil"},
		{Name: "withdraw the same 60 twice", Msg: withdraw(miner, p1, ifil(60)), Err: types.ErrAboveCap, Says: "already withdrawn 60000000000000000000aifil"},
		{Name: "withdraw by another", Msg: withdraw(alice, p1, ifil(1)), Err: types.ErrNotMiner, Says: "is not pool"},
		{Name: "withdraw above the liquid balance", Msg: withdraw(miner, p3, ifil(11)), Err: types.ErrInsufficientLiquid, Says: "10000000000000000000aifil liquid"},
		{Name: "withdraw after the term", Msg: withdraw(miner, p5, ifil(1)), Err: types.ErrPoolClosed, Says: "matured"},
		{Name: "income by anyone but the miner", Msg: income(alice, p1, ifil(1)), Err: types.ErrNotMiner, Says: alice},
		{Name: "income of a wrong denom", Msg: income(miner, p1, sdk.NewInt64Coin("uusdt", 1)), Err: types.ErrWrongDenom, Says: "uusdt"},
		{Name: "income into a pending pool", Msg: income(miner, p2, ifil(1)), Err: types.ErrPoolClosed, Says: "pending"},
		{Name: "return above what is owed", Msg: &types.MsgReturnPledge{Miner: miner, PoolId: p1, Amount: ifil(61)}, Err: types.ErrAboveOwed, Says: "owed 60000000000000000000aifil"},
		{Name: "return by another", Msg: &types.MsgReturnPledge{Miner: bob, PoolId: p1, Amount: ifil(1)}, Err: types.ErrNotMiner, Says: bob},
		// Applications.
		{Name: "a second pool for the same node", Msg: apply("f01", 4, ok, "again"), Err: types.ErrNodeTaken, Says: "node f01 already has pool"},
		{Name: "a second application for a pending node", Msg: apply("f02", 4, ok, "again"), Err: types.ErrNodeTaken, Says: "f02"},
		{Name: "a node the oracle says is another's", Msg: &types.MsgApplyPool{Miner: bob, NodeId: "f07", TargetTib: 4, Disclosure: "x", Deposit: ok}, Err: types.ErrNotNodeOwner, Says: "node f07 is owned by " + miner},
		{Name: "a bad node id", Msg: apply("f 01", 4, ok, "x"), Err: types.ErrInvalidApplication, Says: "node id"},
		{Name: "no target", Msg: apply("f09", 0, ok, "x"), Err: types.ErrInvalidApplication, Says: "target 0 TiB"},
		{Name: "no disclosure", Msg: apply("f09", 4, ok, "  "), Err: types.ErrInvalidApplication, Says: "disclosure"},
		{Name: "a deposit below the minimum", Msg: apply("f09", 4, sdk.NewInt64Coin("udmc", 1), "x"), Err: types.ErrBelowMinimum, Says: "below the application deposit 100000000udmc"},
		{Name: "a deposit of a wrong denom", Msg: apply("f09", 4, ifil(1), "x"), Err: types.ErrWrongDenom, Says: "udmc"},
		// Decisions and the authority's messages.
		{Name: "approval by anyone", Msg: &types.MsgApprovePool{Authority: alice, PoolId: p2}, Err: daotypes.ErrUnauthorized, Says: alice},
		{Name: "approval of an approved pool", Msg: &types.MsgApprovePool{Authority: f.auth, PoolId: p1}, Err: types.ErrPoolNotPending, Says: "already growth"},
		{Name: "rejection of an approved pool", Msg: &types.MsgRejectPool{Authority: f.auth, PoolId: p1}, Err: types.ErrPoolNotPending, Says: "pool 1"},
		{Name: "compensation of a pool not in default", Msg: &types.MsgCompensatePool{Authority: f.auth, PoolId: p1, Amount: ifil(1)}, Err: types.ErrPoolClosed, Says: "growth"},
		{Name: "compensation above the shortfall", Msg: &types.MsgCompensatePool{Authority: f.auth, PoolId: p4, Amount: ifil(21)}, Err: types.ErrAboveOwed, Says: "shortfall 20000000000000000000aifil"},
		{Name: "suspension by anyone", Msg: &types.MsgSetPoolSuspended{Authority: bob, PoolId: p1, Suspended: true}, Err: daotypes.ErrUnauthorized, Says: bob},
		{Name: "resuming a pool not suspended", Msg: &types.MsgSetPoolSuspended{Authority: f.auth, PoolId: p1}, Err: types.ErrPoolClosed, Says: "not suspended"},
		{Name: "params by anyone", Msg: &types.MsgUpdateParams{Authority: alice, Params: shortParams()}, Err: daotypes.ErrUnauthorized, Says: alice},
		{Name: "params without a day", Msg: &types.MsgUpdateParams{Authority: f.auth, Params: func() types.Params { p := shortParams(); p.DaySeconds = 0; return p }()}, Err: types.ErrInvalidParams, Says: "day_seconds 0"},
		// Claims.
		{Name: "claim with nothing due", Msg: &types.MsgClaimMaturity{Holder: bob, PoolId: p1}, Err: types.ErrNothingToClaim, Says: bob},
		{Name: "claim from a pending pool", Msg: &types.MsgClaimMaturity{Holder: bob, PoolId: p2}, Err: types.ErrPoolClosed, Says: "pending"},
	})
	e.CheckInvariants()
}
