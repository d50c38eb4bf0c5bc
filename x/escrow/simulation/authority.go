package simulation

import (
	"context"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
)

// Default weights of x/escrow's authority messages, each sent in a council proposal. A
// termination ends a product for good, so it is the rarest.
const (
	WeightMsgSuspendEscrow   = 4
	WeightMsgResumeEscrow    = 6
	WeightMsgTerminateEscrow = 2
	WeightMsgUpdateParams    = 2
)

// CouncilFactories registers x/escrow's authority messages, each sent as a council decision
// (daosim.CouncilFactory over the app's x/dao and x/group keepers).
func CouncilFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_suspend_escrow", WeightMsgSuspendEscrow), daosim.CouncilFactory(dk, gk, SuspendEscrowMsg(k)))
	reg.Add(w.Get("msg_resume_escrow", WeightMsgResumeEscrow), daosim.CouncilFactory(dk, gk, ResumeEscrowMsg(k)))
	reg.Add(w.Get("msg_terminate_escrow", WeightMsgTerminateEscrow), daosim.CouncilFactory(dk, gk, TerminateEscrowMsg(k)))
	reg.Add(w.Get("msg_escrow_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
}

// escrowDecision picks an escrow that fits, builds the message for it and dry-runs it.
func escrowDecision[T sdk.Msg](k keeper.Keeper, what string, fits func(types.ProductEscrow) bool,
	build func(authority string, e types.ProductEscrow, r *simsx.XRand) T, run func(types.MsgServer, sdk.Context, T) error,
) daosim.AuthorityMsgFn[T] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) T {
		var zero T
		e, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Escrows.Iterate, fits)
		if !ok {
			reporter.Skipf("no %s escrow", what)
			return zero
		}
		msg := build(authority, e, data.Rand())
		if err := hashnftsim.DryRun(ctx, func(c sdk.Context) error { return run(keeper.NewMsgServerImpl(k), c, msg) }); err != nil {
			reporter.Skipf("refused: %v", err)
			return zero
		}
		return msg
	}
}

// SuspendEscrowMsg suspends an active escrow's release.
func SuspendEscrowMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgSuspendEscrow] {
	return escrowDecision(k, "active",
		func(e types.ProductEscrow) bool { return e.Status == types.ESCROW_STATUS_ACTIVE },
		func(authority string, e types.ProductEscrow, r *simsx.XRand) *types.MsgSuspendEscrow {
			return &types.MsgSuspendEscrow{Authority: authority, ProductId: e.ProductId, Reason: "sim: " + r.StringN(12)}
		},
		func(s types.MsgServer, c sdk.Context, msg *types.MsgSuspendEscrow) error {
			_, err := s.SuspendEscrow(c, msg)
			return err
		})
}

// ResumeEscrowMsg resumes a suspended escrow (or one with parked work).
func ResumeEscrowMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgResumeEscrow] {
	return escrowDecision(k, "suspended or parked",
		func(e types.ProductEscrow) bool {
			return e.Status == types.ESCROW_STATUS_SUSPENDED || e.DayCloseParked || e.PayoutParked
		},
		func(authority string, e types.ProductEscrow, _ *simsx.XRand) *types.MsgResumeEscrow {
			return &types.MsgResumeEscrow{Authority: authority, ProductId: e.ProductId}
		},
		func(s types.MsgServer, c sdk.Context, msg *types.MsgResumeEscrow) error {
			_, err := s.ResumeEscrow(c, msg)
			return err
		})
}

// TerminateEscrowMsg terminates an active or suspended escrow: its product's sale ends and the
// holders are refunded what the escrow holds.
func TerminateEscrowMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgTerminateEscrow] {
	return escrowDecision(k, "active or suspended",
		func(e types.ProductEscrow) bool {
			return e.Status == types.ESCROW_STATUS_ACTIVE || e.Status == types.ESCROW_STATUS_SUSPENDED
		},
		func(authority string, e types.ProductEscrow, r *simsx.XRand) *types.MsgTerminateEscrow {
			return &types.MsgTerminateEscrow{Authority: authority, ProductId: e.ProductId, Reason: "sim: " + r.StringN(12)}
		},
		func(s types.MsgServer, c sdk.Context, msg *types.MsgTerminateEscrow) error {
			_, err := s.TerminateEscrow(c, msg)
			return err
		})
}

// UpdateParamsMsg sets random valid params, keeping the reward denoms (the open escrows' denoms).
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil
		}
		p := RandomizedParams(data.Rand().Rand)
		p.RewardDenoms = cur.RewardDenoms
		msg := &types.MsgUpdateParams{Authority: authority, Params: p}
		if err := hashnftsim.DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).UpdateParams(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("params refused: %v", err)
			return nil
		}
		return msg
	}
}

// RandomizedParams returns valid params with every figure drawn at random within its bounds
// (the reward denoms are the defaults').
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.PayoutsPerBlock = uint32(1 + r.Intn(200))
	p.ProductsPerBlock = uint32(1 + r.Intn(200))
	p.SuspendAfterDays = uint32(1 + r.Intn(14))
	p.BelowMarketBps = uint32(r.Intn(10_001))
	return p
}
