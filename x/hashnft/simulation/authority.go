package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// Default weights of x/hashnft's authority messages, each sent in a council proposal.
const (
	WeightMsgApproveApplication = 20
	WeightMsgRejectApplication  = 4
	WeightMsgUpdateParams       = 2
)

// CouncilFactories registers x/hashnft's authority messages, each sent as a council decision
// (daosim.CouncilFactory over the app's x/dao and x/group keepers).
func CouncilFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_approve_application", WeightMsgApproveApplication), daosim.CouncilFactory(dk, gk, ApproveApplicationMsg(k)))
	reg.Add(w.Get("msg_reject_application", WeightMsgRejectApplication), daosim.CouncilFactory(dk, gk, RejectApplicationMsg(k)))
	reg.Add(w.Get("msg_hashnft_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
}

// pendingApplications returns up to MaxVisits pending applications, oldest first (the status index).
func pendingApplications(ctx context.Context, k keeper.Keeper) []types.Application {
	it, err := k.Applications.Indexes.Status.MatchExact(ctx, int32(types.APPLICATION_STATUS_PENDING))
	if err != nil {
		return nil
	}
	defer it.Close()
	var out []types.Application
	for ; it.Valid() && len(out) < MaxVisits; it.Next() {
		id, err := it.PrimaryKey()
		if err != nil {
			return out
		}
		a, err := k.Applications.Get(ctx, id)
		if err == nil {
			out = append(out, a)
		}
	}
	return out
}

// decide tries up to three random pending applications with build, and returns the first
// message the dry run accepts.
func decide[T sdk.Msg](ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter,
	build func(types.Application) T, run func(sdk.Context, T) error,
) T {
	var zero T
	pending := pendingApplications(ctx, k)
	if len(pending) == 0 {
		reporter.Skip("no pending application")
		return zero
	}
	var last error
	for try := 0; try < 3; try++ {
		msg := build(pending[data.Rand().Intn(len(pending))])
		if last = DryRun(ctx, func(c sdk.Context) error { return run(c, msg) }); last == nil {
			return msg
		}
	}
	reporter.Skipf("decision refused: %v", last)
	return zero
}

// ApproveApplicationMsg is the council's approval of a pending application (an AuthorityMsgFn
// for x/dao/simulation's CouncilFactory). Approval needs the node's power and owner attested by
// the oracle: applications for the simulation's nodes pass, others are skipped here.
func ApproveApplicationMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgApproveApplication] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgApproveApplication {
		return decide(ctx, k, data, reporter,
			func(a types.Application) *types.MsgApproveApplication {
				return &types.MsgApproveApplication{Authority: authority, ApplicationId: a.Id}
			},
			func(c sdk.Context, msg *types.MsgApproveApplication) error {
				_, err := keeper.NewMsgServerImpl(k).ApproveApplication(c, msg)
				return err
			})
	}
}

// RejectApplicationMsg is the council's rejection of a pending application (its deposit goes
// to the risk fund).
func RejectApplicationMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgRejectApplication] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgRejectApplication {
		return decide(ctx, k, data, reporter,
			func(a types.Application) *types.MsgRejectApplication {
				return &types.MsgRejectApplication{Authority: authority, ApplicationId: a.Id, Reason: "sim: " + data.Rand().StringN(12)}
			},
			func(c sdk.Context, msg *types.MsgRejectApplication) error {
				_, err := keeper.NewMsgServerImpl(k).RejectApplication(c, msg)
				return err
			})
	}
}

// UpdateParamsMsg is the council's change of x/hashnft's params: RandomizedParams, keeping the
// accepted denoms and the admitted chains (products already priced in a denom, or applied for in a
// chain, stay approvable) and a deposit the accounts can still pay (at most 100 DMC).
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil
		}
		p := RandomizedParams(data.Rand().Rand)
		p.AcceptedDenoms = cur.AcceptedDenoms
		p.ApplicationDeposit.Amount = p.ApplicationDeposit.Amount.QuoRaw(10)
		msg := &types.MsgUpdateParams{Authority: authority, Params: p}
		if err := DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).UpdateParams(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("params refused: %v", err)
			return nil
		}
		return msg
	}
}
