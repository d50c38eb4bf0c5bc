package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// Default weights of x/riskfund's authority messages, each sent in a council proposal. A
// compensation needs a terminated product, which the council makes rarely.
const (
	WeightMsgCompensate       = 5
	WeightMsgCompensateActive = 2
	WeightMsgUpdateParams     = 2
	// WeightMsgTerminateInsured: x/escrow's own termination factory picks any escrow, and seldom
	// one with policies; this one ends an insured product, so that claim runs happen.
	WeightMsgTerminateInsured = 2
)

// maxCompensation bounds one compensation (10^9 of the base denom), so that the council does
// not reserve the whole fund and leave no capacity for policies.
const maxCompensation = 1_000_000_000

// CouncilFactories registers x/riskfund's authority messages, each sent as a council decision
// (daosim.CouncilFactory over the app's x/dao and x/group keepers): compensations of terminated
// products, params, and a compensation of an active product, which the fund refuses.
func CouncilFactories(k keeper.Keeper, escrows escrowkeeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_compensate", WeightMsgCompensate), daosim.CouncilFactory(dk, gk, CompensateMsg(k, escrows, escrowtypes.ESCROW_STATUS_TERMINATED)))
	reg.Add(w.Get("msg_riskfund_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
	reg.Add(w.Get("msg_terminate_insured_escrow", WeightMsgTerminateInsured), daosim.CouncilFactory(dk, gk, TerminateInsuredMsg(k, escrows)))
	reg.Add(w.Get("msg_compensate_active", WeightMsgCompensateActive),
		daosim.CouncilRefusalFactory(dk, gk, CompensateMsg(k, escrows, escrowtypes.ESCROW_STATUS_ACTIVE), types.ErrNotTerminated,
			func(ctx context.Context) string { return booksDigest(ctx, k) }))
}

// CompensateMsg compensates the holders of a product whose escrow has the status (terminated;
// active for the refused one) and NFTs: 1 to maxCompensation of a denom the fund has a free
// balance of. It is not dry-run here: the council factory dry-runs the whole proposal.
func CompensateMsg(k keeper.Keeper, escrows escrowkeeper.Keeper, status escrowtypes.EscrowStatus) daosim.AuthorityMsgFn[*types.MsgCompensate] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCompensate {
		r := data.Rand()
		e, ok := hashnftsim.PickOne(ctx, r, escrows.Escrows.Iterate, func(e escrowtypes.ProductEscrow) bool {
			return e.Status == status && e.Nfts > 0
		})
		if !ok {
			reporter.Skipf("no %s escrow with NFTs", status)
			return nil
		}
		var free []sdk.Coin
		_ = k.Books.Walk(ctx, nil, func(denom string, b types.Books) (bool, error) {
			if f := keeper.Free(b); f.IsPositive() {
				free = append(free, sdk.NewCoin(denom, f))
			}
			return false, nil
		})
		if len(free) == 0 {
			reporter.Skip("the fund has no free balance")
			return nil
		}
		c := free[r.Intn(len(free))]
		amt := math.NewInt(1 + r.Int63n(maxCompensation))
		if amt.GT(c.Amount) {
			amt = c.Amount
		}
		return &types.MsgCompensate{Authority: authority, ProductId: e.ProductId, Amount: sdk.NewCoin(c.Denom, amt)}
	}
}

// UpdateParamsMsg sets random valid params (RandomizedParams).
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		if _, err := k.Params.Get(ctx); err != nil {
			reporter.Skip("no params")
			return nil
		}
		return &types.MsgUpdateParams{Authority: authority, Params: RandomizedParams(data.Rand().Rand)}
	}
}

// TerminateInsuredMsg is x/escrow's MsgTerminateEscrow for an active or suspended product with a
// policy: the fund's termination hook opens a claim run, whose rounds record and pay the claims.
func TerminateInsuredMsg(k keeper.Keeper, escrows escrowkeeper.Keeper) daosim.AuthorityMsgFn[*escrowtypes.MsgTerminateEscrow] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *escrowtypes.MsgTerminateEscrow {
		open := func(withCover bool) func(types.Policy) bool {
			return func(p types.Policy) bool {
				e, err := escrows.Escrows.Get(ctx, p.ProductId)
				return err == nil && (e.Status == escrowtypes.ESCROW_STATUS_ACTIVE || e.Status == escrowtypes.ESCROW_STATUS_SUSPENDED) &&
					(!withCover || e.UnpaidDays > p.UnpaidDaysAtStart)
			}
		}
		// First a product unpaid since its policy's cover started (a claim with cover), else any.
		p, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Policies.Iterate, open(true))
		if !ok {
			p, ok = hashnftsim.PickOne(ctx, data.Rand(), k.Policies.Iterate, open(false))
		}
		if !ok {
			reporter.Skip("no policy of an active or suspended product")
			return nil
		}
		return &escrowtypes.MsgTerminateEscrow{Authority: authority, ProductId: p.ProductId, Reason: "sim: insured " + data.Rand().StringN(8)}
	}
}
