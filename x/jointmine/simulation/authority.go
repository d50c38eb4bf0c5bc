package simulation

import (
	"context"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/jointmine/keeper"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// Default weights of x/jointmine's authority messages, each sent in a council proposal. x/jointmine
// is the app simulation's last module: x/simulation's operation draw never picks one unit of the
// last operation's weight, so none is below 2.
const (
	WeightMsgApprovePool      = 15
	WeightMsgRejectPool       = 2
	WeightMsgSetPoolSuspended = 2
	WeightMsgCompensatePool   = 2
	WeightMsgUpdateParams     = 3
)

// CouncilFactories registers x/jointmine's authority messages as council decisions.
func CouncilFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_approve_pool", WeightMsgApprovePool), daosim.CouncilFactory(dk, gk, approveMsg(k)))
	reg.Add(w.Get("msg_reject_pool", WeightMsgRejectPool), daosim.CouncilFactory(dk, gk, rejectMsg(k)))
	reg.Add(w.Get("msg_set_pool_suspended", WeightMsgSetPoolSuspended), daosim.CouncilFactory(dk, gk, suspendMsg(k)))
	reg.Add(w.Get("msg_compensate_pool", WeightMsgCompensatePool), daosim.CouncilFactory(dk, gk, compensateMsg(k)))
	reg.Add(w.Get("msg_jointmine_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
}

func dry(ctx context.Context, reporter simsx.SimulationReporter, run func(sdk.Context) error) bool {
	if err := dryRunCtx(ctx, run); err != nil {
		reporter.Skipf("refused: %v", err)
		return false
	}
	return true
}

func dryRunCtx(ctx context.Context, run func(sdk.Context) error) error {
	cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return run(cache)
}

func pendingPool(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) (types.Pool, bool) {
	pool, ok := pickPool(ctx, k, data.Rand(), func(p types.Pool) bool { return p.Status == types.PoolStatus_POOL_STATUS_PENDING })
	if !ok {
		reporter.Skip("no pending pool")
	}
	return pool, ok
}

func approveMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgApprovePool] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgApprovePool {
		pool, ok := pendingPool(ctx, k, data, reporter)
		if !ok {
			return nil
		}
		msg := &types.MsgApprovePool{Authority: authority, PoolId: pool.Id}
		if !dry(ctx, reporter, func(c sdk.Context) error { _, err := server(k).ApprovePool(c, msg); return err }) {
			return nil
		}
		return msg
	}
}

func rejectMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgRejectPool] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgRejectPool {
		pool, ok := pendingPool(ctx, k, data, reporter)
		if !ok {
			return nil
		}
		msg := &types.MsgRejectPool{Authority: authority, PoolId: pool.Id, Reason: "simulated rejection"}
		if !dry(ctx, reporter, func(c sdk.Context) error { _, err := server(k).RejectPool(c, msg); return err }) {
			return nil
		}
		return msg
	}
}

func suspendMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgSetPoolSuspended] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgSetPoolSuspended {
		pool, ok := pickPool(ctx, k, data.Rand(), types.Pool.Approved)
		if !ok {
			reporter.Skip("no approved pool")
			return nil
		}
		msg := &types.MsgSetPoolSuspended{Authority: authority, PoolId: pool.Id, Suspended: !pool.Suspended}
		if !dry(ctx, reporter, func(c sdk.Context) error { _, err := server(k).SetPoolSuspended(c, msg); return err }) {
			return nil
		}
		return msg
	}
}

func compensateMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgCompensatePool] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCompensatePool {
		pool, ok := pickPool(ctx, k, data.Rand(), func(p types.Pool) bool { return p.Status == types.PoolStatus_POOL_STATUS_DEFAULTED })
		if !ok {
			reporter.Skip("no defaulted pool")
			return nil
		}
		amt := pool.PledgeOwed.MulRaw(int64(1 + data.Rand().Intn(100))).QuoRaw(100)
		if !amt.IsPositive() {
			reporter.Skip("no shortfall")
			return nil
		}
		msg := &types.MsgCompensatePool{Authority: authority, PoolId: pool.Id, Amount: sdk.NewCoin(pool.IfilDenom, amt)}
		if !dry(ctx, reporter, func(c sdk.Context) error { _, err := server(k).CompensatePool(c, msg); return err }) {
			return nil
		}
		return msg
	}
}

// UpdateParamsMsg sets short days (1 to 600 s), terms of 1 to 20 days and graces of 0 to 5, so
// pools approved later mature, settle or default within a run; small per-block bounds exercise
// the queues' resumption.
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil
		}
		r := data.Rand()
		p := cur
		p.DaySeconds = uint64(1 + r.Intn(600))
		p.TermDays = uint32(1 + r.Intn(20))
		p.GraceDays = uint32(r.Intn(6))
		p.ApplicationTtl = time.Duration(1+r.Intn(48)) * time.Hour
		p.MinDeposit = math.NewIntWithDecimal(1, 15+r.Intn(3))
		p.RedemptionsPerBlock = uint32(1 + r.Intn(10))
		p.SettlementsPerBlock = uint32(1 + r.Intn(10))
		msg := &types.MsgUpdateParams{Authority: authority, Params: p}
		if !dry(ctx, reporter, func(c sdk.Context) error { _, err := server(k).UpdateParams(c, msg); return err }) {
			return nil
		}
		return msg
	}
}
