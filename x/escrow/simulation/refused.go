package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
)

// WeightRefused is the default weight of each message the simulation sends to be refused.
const WeightRefused = 3

// refusedFactories registers the bad input: each message is delivered, must fail with its
// registered error, and must leave the escrow it names unchanged.
func refusedFactories(k keeper.Keeper, nfts hashnftkeeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_deposit_rewards_not_miner", WeightRefused), MsgDepositRewardsNotMinerFactory(k))
	reg.Add(w.Get("msg_claim_rewards_nothing", WeightRefused), MsgClaimRewardsNothingFactory(k, nfts))
}

func escrowState(ctx context.Context, k keeper.Keeper, id uint64) func() string {
	return func() string {
		e, err := k.Escrows.Get(ctx, id)
		return fmt.Sprintf("%v|%v", e, err)
	}
}

// MsgDepositRewardsNotMinerFactory has an account other than the product's miner deposit
// rewards: ErrNotMiner, the escrow unchanged.
func MsgDepositRewardsNotMinerFactory(k keeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgDepositRewards] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDepositRewards, simsx.SimDeliveryResultHandler) {
		r := data.Rand()
		e, ok := hashnftsim.PickOne(ctx, r, k.Escrows.Iterate, open)
		if !ok {
			reporter.Skip("no open escrow with NFTs")
			return nil, nil, nil
		}
		amt := sdk.NewCoin(e.RewardDenom, dailyReward(r, e.TotalPower))
		from := data.AnyAccount(reporter, simsx.ExcludeAddresses(e.Miner), simsx.WithLiquidBalanceGTE(amt))
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("no other account holds %s", amt)
			return nil, nil, nil
		}
		msg := &types.MsgDepositRewards{Miner: from.AddressBech32, ProductId: e.ProductId, Amount: amt}
		if !hashnftsim.ExpectRefusal(ctx, reporter, types.ErrNotMiner, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).DepositRewards(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		return []simsx.SimAccount{from}, msg, hashnftsim.Refused(types.ErrNotMiner, escrowState(ctx, k, e.ProductId))
	})
}

// MsgClaimRewardsNothingFactory has the holder of an NFT whose rewards were all paid claim for
// it: ErrNothingPending, the escrow unchanged.
func MsgClaimRewardsNothingFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgClaimRewards] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimRewards, simsx.SimDeliveryResultHandler) {
		e, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Escrows.Iterate, func(e types.ProductEscrow) bool { return e.Nfts > 0 })
		if !ok {
			reporter.Skip("no escrow with NFTs")
			return nil, nil, nil
		}
		n, ok := productNFT(ctx, nfts, data, e.ProductId)
		if !ok {
			reporter.Skip("no NFT of the product held by a simulation account")
			return nil, nil, nil
		}
		holder := data.GetAccount(reporter, n.Owner)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgClaimRewards{Holder: n.Owner, NftIds: []uint64{n.Id}}
		if !hashnftsim.ExpectRefusal(ctx, reporter, types.ErrNothingPending, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).ClaimRewards(c, msg)
			return err
		}) {
			return nil, nil, nil
		}
		return []simsx.SimAccount{holder}, msg, hashnftsim.Refused(types.ErrNothingPending, escrowState(ctx, k, e.ProductId))
	})
}
