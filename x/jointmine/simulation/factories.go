// Package simulation has x/jointmine's message factories for the app simulation: applications,
// deposits in the genesis and growth periods, redemptions (paid or queued), the miner's pledge
// withdrawals, income and pledge returns, maturity claims, each valid when delivered (dry-run
// first, skipped when nothing in the state fits); the authority's decisions, suspensions and
// params (short days and terms, so pools mature, settle or default within a run), sent in council
// proposals (authority.go); and messages sent to be refused. x/bank's random sends move dToken
// too, through the module's send restriction. The module's books check runs after every block.
package simulation

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	"github.com/dmexchain/dmex/x/jointmine/keeper"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// Default weights of x/jointmine's user messages (simsx.ParamWeightSource keys).
const (
	WeightMsgApplyPool      = 5
	WeightMsgDeposit        = 30
	WeightMsgRedeem         = 15
	WeightMsgWithdrawPledge = 10
	WeightMsgDepositIncome  = 15
	WeightMsgReturnPledge   = 8
	WeightMsgClaimMaturity  = 5
	WeightRefused           = 3
	simMaxIFILMilli         = 50_000 // 0.001 to 50 IFIL
)

// Factories registers x/jointmine's user messages and the refused ones.
func Factories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_apply_pool", WeightMsgApplyPool), MsgApplyPoolFactory(k))
	reg.Add(w.Get("msg_deposit", WeightMsgDeposit), MsgDepositFactory(k))
	reg.Add(w.Get("msg_redeem", WeightMsgRedeem), MsgRedeemFactory(k))
	reg.Add(w.Get("msg_withdraw_pledge", WeightMsgWithdrawPledge), MsgWithdrawPledgeFactory(k))
	reg.Add(w.Get("msg_deposit_income", WeightMsgDepositIncome), MsgDepositIncomeFactory(k))
	reg.Add(w.Get("msg_return_pledge", WeightMsgReturnPledge), MsgReturnPledgeFactory(k))
	reg.Add(w.Get("msg_claim_maturity", WeightMsgClaimMaturity), MsgClaimMaturityFactory(k))
	reg.Add(w.Get("msg_redeem_too_much", WeightRefused), MsgRedeemTooMuchFactory(k))
	reg.Add(w.Get("msg_income_not_miner", WeightRefused), MsgIncomeNotMinerFactory(k))
}

func server(k keeper.Keeper) types.MsgServer { return keeper.NewMsgServerImpl(k) }

func randomIFIL(r *simsx.XRand, denom string) sdk.Coin {
	return sdk.NewCoin(denom, math.NewInt(1+r.Int63n(simMaxIFILMilli)).Mul(math.NewIntWithDecimal(1, 15)))
}

func pickPool(ctx context.Context, k keeper.Keeper, r *simsx.XRand, accept func(types.Pool) bool) (types.Pool, bool) {
	return hashnftsim.PickOne(ctx, r, k.Pools.Iterate, accept)
}

func status(s ...types.PoolStatus) func(types.Pool) bool {
	return func(p types.Pool) bool {
		for _, x := range s {
			if p.Status == x {
				return !p.Suspended
			}
		}
		return false
	}
}

// submit dry-runs msg and returns it with its signer, or skips.
func submit[T sdk.Msg](ctx context.Context, reporter simsx.SimulationReporter, from simsx.SimAccount, msg T, run func(sdk.Context) error) ([]simsx.SimAccount, T) {
	var zero T
	if err := hashnftsim.DryRun(ctx, run); err != nil {
		reporter.Skipf("%T refused: %v", msg, err)
		return nil, zero
	}
	return []simsx.SimAccount{from}, msg
}

// MsgApplyPoolFactory: an account holding the deposit applies for a pool for a fresh node.
func MsgApplyPoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApplyPool] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgApplyPool) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r := data.Rand()
		miner := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(p.ApplicationDeposit))
		if reporter.IsSkipped() || !miner.LiquidBalance().BlockAmount(p.ApplicationDeposit) {
			reporter.Skip("no account holds the application deposit")
			return nil, nil
		}
		msg := &types.MsgApplyPool{
			Miner: miner.AddressBech32, NodeId: fmt.Sprintf("fsim%d", r.Int63n(1_000_000)), TargetTib: uint64(1 + r.Intn(8)),
			Disclosure: "simulated miner", Deposit: p.ApplicationDeposit,
		}
		return submit(ctx, reporter, miner, msg, func(c sdk.Context) error { _, err := server(k).ApplyPool(c, msg); return err })
	}
}

// MsgDepositFactory: an account holding IFIL deposits into a genesis (at most the room left, a
// third of the time all of it) or growth pool.
func MsgDepositFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeposit] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDeposit) {
		r := data.Rand()
		pool, ok := pickPool(ctx, k, r, status(types.PoolStatus_POOL_STATUS_GENESIS, types.PoolStatus_POOL_STATUS_GROWTH))
		if !ok {
			reporter.Skip("no pool open to deposits")
			return nil, nil
		}
		amt := randomIFIL(r, pool.IfilDenom)
		// In the genesis period a third of the deposits fill the cap, so pools reach growth.
		if room := pool.Cap.Sub(pool.GenesisDeposited); pool.Status == types.PoolStatus_POOL_STATUS_GENESIS && (amt.Amount.GT(room) || r.Intn(3) == 0) {
			amt.Amount = room
		}
		from := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(amt))
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("no account holds %s", amt)
			return nil, nil
		}
		msg := &types.MsgDeposit{Depositor: from.AddressBech32, PoolId: pool.Id, Amount: amt}
		return submit(ctx, reporter, from, msg, func(c sdk.Context) error { _, err := server(k).Deposit(c, msg); return err })
	}
}

// holderOf picks a simulation account holding dToken of a pool that takes redemptions.
func holderOf(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) (types.Pool, simsx.SimAccount, bool) {
	r := data.Rand()
	pool, ok := pickPool(ctx, k, r, status(types.PoolStatus_POOL_STATUS_GROWTH, types.PoolStatus_POOL_STATUS_SETTLING,
		types.PoolStatus_POOL_STATUS_SETTLED, types.PoolStatus_POOL_STATUS_DEFAULTED))
	if !ok || !pool.Supply.IsPositive() {
		reporter.Skip("no pool with shares taking redemptions")
		return pool, simsx.SimAccount{}, false
	}
	from := data.AnyAccount(reporter, simsx.WithDenomBalance(pool.Denom))
	if reporter.IsSkipped() {
		return pool, from, false
	}
	return pool, from, true
}

// MsgRedeemFactory: a holder redeems part or all of its dToken (paid or queued).
func MsgRedeemFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRedeem] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRedeem) {
		pool, from, ok := holderOf(ctx, k, data, reporter)
		if !ok {
			return nil, nil
		}
		held := from.LiquidBalance().AmountOf(pool.Denom)
		if !held.IsPositive() {
			reporter.Skip("no spendable dToken")
			return nil, nil
		}
		amt := sdk.NewCoin(pool.Denom, held.MulRaw(int64(1+data.Rand().Intn(100))).QuoRaw(100))
		if !amt.IsPositive() || !from.LiquidBalance().BlockAmount(amt) {
			reporter.Skip("nothing to redeem")
			return nil, nil
		}
		msg := &types.MsgRedeem{Owner: from.AddressBech32, PoolId: pool.Id, Shares: amt}
		return submit(ctx, reporter, from, msg, func(c sdk.Context) error { _, err := server(k).Redeem(c, msg); return err })
	}
}

// minerOf picks a pool whose miner is a simulation account, in one of the statuses.
func minerOf(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter, s ...types.PoolStatus) (types.Pool, simsx.SimAccount, bool) {
	accept := status(s...)
	pool, ok := pickPool(ctx, k, data.Rand(), func(p types.Pool) bool { return accept(p) && data.HasAccount(p.Miner) })
	if !ok {
		reporter.Skipf("no pool of a simulation miner in %v", s)
		return pool, simsx.SimAccount{}, false
	}
	miner := data.GetAccount(reporter, pool.Miner)
	return pool, miner, !reporter.IsSkipped()
}

// MsgWithdrawPledgeFactory: the miner takes part of what the cap and the free cash allow.
func MsgWithdrawPledgeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdrawPledge] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgWithdrawPledge) {
		pool, miner, ok := minerOf(ctx, k, data, reporter, types.PoolStatus_POOL_STATUS_GENESIS, types.PoolStatus_POOL_STATUS_GROWTH)
		if !ok {
			return nil, nil
		}
		room := math.MinInt(pool.Cap.Sub(pool.Pledged), pool.Liquid.Sub(pool.Queued))
		if !room.IsPositive() {
			reporter.Skip("nothing to pledge")
			return nil, nil
		}
		amt := sdk.NewCoin(pool.IfilDenom, room.MulRaw(int64(1+data.Rand().Intn(100))).QuoRaw(100))
		if !amt.IsPositive() {
			reporter.Skip("nothing to pledge")
			return nil, nil
		}
		msg := &types.MsgWithdrawPledge{Miner: miner.AddressBech32, PoolId: pool.Id, Amount: amt}
		return submit(ctx, reporter, miner, msg, func(c sdk.Context) error { _, err := server(k).WithdrawPledge(c, msg); return err })
	}
}

// MsgDepositIncomeFactory: the miner brings income.
func MsgDepositIncomeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDepositIncome] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDepositIncome) {
		pool, miner, ok := minerOf(ctx, k, data, reporter, types.PoolStatus_POOL_STATUS_GENESIS, types.PoolStatus_POOL_STATUS_GROWTH,
			types.PoolStatus_POOL_STATUS_MATURED, types.PoolStatus_POOL_STATUS_SETTLING, types.PoolStatus_POOL_STATUS_DEFAULTED)
		if !ok {
			return nil, nil
		}
		amt := randomIFIL(data.Rand(), pool.IfilDenom)
		if !miner.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("the miner does not hold %s", amt)
			return nil, nil
		}
		msg := &types.MsgDepositIncome{Miner: miner.AddressBech32, PoolId: pool.Id, Amount: amt}
		return submit(ctx, reporter, miner, msg, func(c sdk.Context) error { _, err := server(k).DepositIncome(c, msg); return err })
	}
}

// MsgReturnPledgeFactory: the miner returns part or all of the owed pledge (more often after the
// term).
func MsgReturnPledgeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReturnPledge] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgReturnPledge) {
		pool, miner, ok := minerOf(ctx, k, data, reporter, types.PoolStatus_POOL_STATUS_GROWTH, types.PoolStatus_POOL_STATUS_MATURED,
			types.PoolStatus_POOL_STATUS_DEFAULTED)
		if !ok || !pool.PledgeOwed.IsPositive() {
			reporter.Skip("no pledge owed")
			return nil, nil
		}
		amt := pool.PledgeOwed
		if pool.Status == types.PoolStatus_POOL_STATUS_GROWTH || data.Rand().Intn(2) == 0 {
			amt = amt.MulRaw(int64(1 + data.Rand().Intn(100))).QuoRaw(100)
		}
		c := sdk.NewCoin(pool.IfilDenom, amt)
		if !c.IsPositive() || !miner.LiquidBalance().BlockAmount(c) {
			reporter.Skip("the miner cannot return it")
			return nil, nil
		}
		msg := &types.MsgReturnPledge{Miner: miner.AddressBech32, PoolId: pool.Id, Amount: c}
		return submit(ctx, reporter, miner, msg, func(c sdk.Context) error { _, err := server(k).ReturnPledge(c, msg); return err })
	}
}

// MsgClaimMaturityFactory: a holder of a matured pool claims its part now.
func MsgClaimMaturityFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimMaturity] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimMaturity) {
		pool, ok := pickPool(ctx, k, data.Rand(), func(p types.Pool) bool { return p.MaturityFund.GT(p.MaturityPaid) })
		if !ok {
			reporter.Skip("no maturity fund to claim")
			return nil, nil
		}
		from := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgClaimMaturity{Holder: from.AddressBech32, PoolId: pool.Id}
		return submit(ctx, reporter, from, msg, func(c sdk.Context) error { _, err := server(k).ClaimMaturity(c, msg); return err })
	}
}

func poolState(ctx context.Context, k keeper.Keeper, id uint64) func() string {
	return func() string {
		p, err := k.Pools.Get(ctx, id)
		return fmt.Sprintf("%v|%v", p, err)
	}
}

func refused[T sdk.Msg](ctx context.Context, reporter simsx.SimulationReporter, from simsx.SimAccount, msg T, want *errorsmod.Error,
	run func(sdk.Context) error, state func() string,
) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
	var zero T
	if !hashnftsim.ExpectRefusal(ctx, reporter, want, run) {
		return nil, zero, nil
	}
	return []simsx.SimAccount{from}, msg, hashnftsim.Refused(want, state)
}

// MsgRedeemTooMuchFactory: a holder redeems more than it holds: ErrInsufficientShares.
func MsgRedeemTooMuchFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgRedeem] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRedeem, simsx.SimDeliveryResultHandler) {
		pool, from, ok := holderOf(ctx, k, data, reporter)
		if !ok {
			return nil, nil, nil
		}
		held := k.BankBalance(ctx, from.Address, pool.Denom)
		msg := &types.MsgRedeem{Owner: from.AddressBech32, PoolId: pool.Id, Shares: sdk.NewCoin(pool.Denom, held.AddRaw(1))}
		return refused(ctx, reporter, from, msg, types.ErrInsufficientShares,
			func(c sdk.Context) error { _, err := server(k).Redeem(c, msg); return err }, poolState(ctx, k, pool.Id))
	})
}

// MsgIncomeNotMinerFactory: an account that is not the miner brings income: ErrNotMiner.
func MsgIncomeNotMinerFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgDepositIncome] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDepositIncome, simsx.SimDeliveryResultHandler) {
		pool, ok := pickPool(ctx, k, data.Rand(), status(types.PoolStatus_POOL_STATUS_GENESIS, types.PoolStatus_POOL_STATUS_GROWTH))
		if !ok {
			reporter.Skip("no approved pool")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter, simsx.ExcludeAddresses(pool.Miner))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgDepositIncome{Miner: from.AddressBech32, PoolId: pool.Id, Amount: sdk.NewCoin(pool.IfilDenom, math.NewInt(1))}
		return refused(ctx, reporter, from, msg, types.ErrNotMiner,
			func(c sdk.Context) error { _, err := server(k).DepositIncome(c, msg); return err }, poolState(ctx, k, pool.Id))
	})
}
