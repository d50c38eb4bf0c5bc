package simulation

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Default weights of x/dmc's user messages in the app simulation (simsx.ParamWeightSource keys).
const (
	WeightMsgStake   = 60
	WeightMsgUnstake = 30
	WeightMsgClaim   = 30
)

// Factories registers x/dmc's message factories: stake, unstake and claim, each valid when
// delivered (skipped when no farm, balance or position makes one possible). The authority
// messages (farms, params, revenue spending) go through the council and have no factory yet.
func Factories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_stake", WeightMsgStake), MsgStakeFactory(k))
	reg.Add(w.Get("msg_unstake", WeightMsgUnstake), MsgUnstakeFactory(k))
	reg.Add(w.Get("msg_claim", WeightMsgClaim), MsgClaimFactory(k))
}

// MsgStakeFactory stakes part of an account's balance into a random open farm.
func MsgStakeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgStake] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgStake) {
		var open []types.Farm
		if err := k.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
			if !f.Closed && !f.IsNFT() { // NFT farms take NFTs: MsgStakeNFTFactory
				open = append(open, f)
			}
			return false, nil
		}); err != nil || len(open) == 0 {
			reporter.Skip("no open farm")
			return nil, nil
		}
		f := open[data.Rand().Intn(len(open))]
		from := data.AnyAccount(reporter, simsx.WithDenomBalance(f.Denom))
		amt := from.LiquidBalance().RandSubsetCoin(reporter, f.Denom)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgStake{Staker: from.AddressBech32, FarmId: f.Id, Amount: amt}
	}
}

// MsgUnstakeFactory takes part or all of a random position out of its farm.
func MsgUnstakeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnstake] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnstake) {
		p, f, ok := randomPosition(ctx, k, data)
		if !ok {
			reporter.Skip("no position")
			return nil, nil
		}
		from := data.GetAccount(reporter, p.Staker)
		if reporter.IsSkipped() {
			return nil, nil
		}
		amt := p.Amount
		if data.Rand().Bool() {
			amt = data.Rand().Amount(p.Amount)
		}
		if !amt.IsPositive() {
			amt = p.Amount
		}
		return []simsx.SimAccount{from}, &types.MsgUnstake{Staker: p.Staker, FarmId: f.Id, Amount: sdk.NewCoin(f.Denom, amt)}
	}
}

// MsgClaimFactory claims the rewards of one position, or of all of a staker's positions.
func MsgClaimFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaim] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaim) {
		p, _, ok := randomPosition(ctx, k, data)
		if !ok {
			reporter.Skip("no position")
			return nil, nil
		}
		from := data.GetAccount(reporter, p.Staker)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgClaim{Staker: p.Staker}
		if data.Rand().Bool() {
			msg.FarmId = p.FarmId
		}
		if !accepted(ctx, func(ctx sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).Claim(ctx, msg)
			return err
		}) {
			reporter.Skip("nothing to claim yet")
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}

// randomPosition picks a position with a positive amount held by a simulation account.
func randomPosition(ctx context.Context, k keeper.Keeper, data *simsx.ChainDataSource) (types.Position, types.Farm, bool) {
	var all []types.Position
	_ = k.Positions.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, uint64], p types.Position) (bool, error) {
		if p.Amount.IsPositive() && data.HasAccount(p.Staker) {
			all = append(all, p)
		}
		return len(all) >= 200, nil
	})
	if len(all) == 0 {
		return types.Position{}, types.Farm{}, false
	}
	p := all[data.Rand().Intn(len(all))]
	f, err := k.Farms.Get(ctx, p.FarmId)
	return p, f, err == nil
}

// accepted says whether run succeeds on a throw-away branch of the state: a factory asks it
// when validity depends on sums it would otherwise recompute (a pending reward).
func accepted(ctx context.Context, run func(sdk.Context) error) bool {
	cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return run(cache) == nil
}
