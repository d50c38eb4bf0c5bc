package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
)

// Default weights of x/amm's authority messages, each sent in a council proposal. x/amm is the
// app simulation's last module and x/simulation's operation draw (`x <= weight`) never picks the
// last unit of the last operation's weight, so the last one here has one unit more.
const (
	WeightMsgUpdateParamsInvalid = 3
	WeightMsgUpdateParams        = 4
)

// CouncilFactories registers x/amm's authority messages, each sent as a council decision
// (daosim.CouncilFactory over the app's x/dao and x/group keepers): random params, and params
// out of their bounds, which the module refuses.
func CouncilFactories(k keeper.Keeper, dk daokeeper.Keeper, gk daosim.GroupKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_amm_update_params_invalid", WeightMsgUpdateParamsInvalid),
		daosim.CouncilRefusalFactory(dk, gk, InvalidParamsMsg(), types.ErrInvalidParams,
			func(ctx context.Context) string { return paramsDigest(ctx, k) }))
	reg.Add(w.Get("msg_amm_update_params", WeightMsgUpdateParams), daosim.CouncilFactory(dk, gk, UpdateParamsMsg(k)))
}

// UpdateParamsMsg sets random valid params (RandomizedParams). Pools of a denom no longer
// accepted stay, and keep their swap fee.
func UpdateParamsMsg(k keeper.Keeper) daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgUpdateParams {
		msg := &types.MsgUpdateParams{Authority: authority, Params: RandomizedParams(data.Rand().Rand)}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).UpdateParams(c, msg); return err }); err != nil {
			reporter.Skipf("params refused: %v", err)
			return nil
		}
		return msg
	}
}

// InvalidParamsMsg is random params with one of them out of its bounds: a pool's share denom
// accepted, a swap fee above 10%, a TWAP window longer than the history kept, or no slices.
// The module refuses them (ErrInvalidParams) and its params stay.
func InvalidParamsMsg() daosim.AuthorityMsgFn[*types.MsgUpdateParams] {
	return func(_ context.Context, authority string, data *simsx.ChainDataSource, _ simsx.SimulationReporter) *types.MsgUpdateParams {
		r := data.Rand()
		p := RandomizedParams(r.Rand)
		switch r.Intn(4) {
		case 0:
			p.AcceptedDenoms = append(p.AcceptedDenoms, types.ShareDenom(uint64(1+r.Intn(20))))
		case 1:
			p.MaxSwapFeeBps = types.MaxSwapFeeBps + 1 + uint32(r.Intn(1_000))
		case 2:
			p.BuybackTwapWindow = p.TwapHistory + 1
		default:
			p.BuybackSlices = 0
		}
		return &types.MsgUpdateParams{Authority: authority, Params: p}
	}
}

func paramsDigest(ctx context.Context, k keeper.Keeper) string {
	p, err := k.Params.Get(ctx)
	return fmt.Sprintf("%v|%v", p, err)
}
