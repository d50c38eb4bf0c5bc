package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

// Default weights of x/lending's authority messages, each sent in a council proposal. x/lending
// was the app simulation's last module (x/amm is now) and x/simulation's operation draw
// (`x <= weight`) never picks one unit of the last operation's weight: a weight-1 factory
// registered last would never run, so the refusal comes first and the params (weight 2) last.
const (
	WeightMsgUpdateParams               = 2
	WeightMsgUpdateParamsCollateralHeld = 2
)

// CouncilFactories registers x/lending's authority messages, each sent as a council decision
// (daosim.CouncilFactory over the app's x/dao and x/group keepers): random params, and a change
// of the collateral denom while IFIL is held, which the module refuses.
func CouncilFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_lending_update_params_collateral_held", WeightMsgUpdateParamsCollateralHeld),
		daosim.CouncilRefusalFactory(dk, gk, CollateralDenomChangeMsg(k), types.ErrInvalidParams,
			func(ctx context.Context) string { return paramsDigest(ctx, k) }))
	reg.Add(w.Get("msg_lending_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
}

// UpdateParamsMsg sets random valid params (RandomizedParams), keeping the collateral denom.
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil
		}
		p := RandomizedParams(data.Rand().Rand)
		p.CollateralDenom = cur.CollateralDenom
		msg := &types.MsgUpdateParams{Authority: authority, Params: p}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).UpdateParams(c, msg); return err }); err != nil {
			reporter.Skipf("params refused: %v", err)
			return nil
		}
		return msg
	}
}

// CollateralDenomChangeMsg moves the collateral denom to another valid denom while IFIL is held
// as collateral: ErrInvalidParams, the params unchanged.
func CollateralDenomChangeMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, _ *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil
		}
		b, err := k.Books.Get(ctx, cur.CollateralDenom)
		if err != nil || !b.Collateral.IsPositive() {
			reporter.Skipf("no %s held as collateral", cur.CollateralDenom)
			return nil
		}
		p := cur
		p.CollateralDenom = "u" + cur.CollateralDenom + "x"
		return &types.MsgUpdateParams{Authority: authority, Params: p}
	}
}

func paramsDigest(ctx context.Context, k keeper.Keeper) string {
	p, err := k.Params.Get(ctx)
	return fmt.Sprintf("%v|%v", p, err)
}
