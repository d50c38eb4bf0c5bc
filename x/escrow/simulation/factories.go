// Package simulation has x/escrow's message factories for the app simulation: the miners' daily
// reward deposits and the holders' claims, each valid when delivered (dry-run first, skipped when
// nothing in the state fits); the authority's suspend, resume, terminate and params, sent in a
// council proposal (authority.go); and messages sent to be refused (refused.go).
package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// Default weights of x/escrow's user messages (simsx.ParamWeightSource keys).
const (
	WeightMsgDepositRewards = 40
	WeightMsgClaimRewards   = 20
)

// Factories registers x/escrow's user messages and the refused ones; nfts is x/hashnft's keeper
// (the NFTs a holder claims for).
func Factories(k keeper.Keeper, nfts hashnftkeeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_deposit_rewards", WeightMsgDepositRewards), MsgDepositRewardsFactory(k))
	reg.Add(w.Get("msg_claim_rewards", WeightMsgClaimRewards), MsgClaimRewardsFactory(k, nfts))
	refusedFactories(k, nfts, w, reg)
}

// open says whether an escrow takes deposits: active or suspended (a miner catching up), with NFTs.
func open(e types.ProductEscrow) bool {
	return (e.Status == types.ESCROW_STATUS_ACTIVE || e.Status == types.ESCROW_STATUS_SUSPENDED) && e.TotalPower.IsPositive()
}

// dailyReward is a day's mining reward of power TiB: 0.0005 to 0.002 FIL per TiB (in aifil,
// 18 decimals), about what a Filecoin sector earns.
func dailyReward(r *simsx.XRand, power math.Int) math.Int {
	perTiB := math.NewInt(500 + r.Int63n(1_501)).Mul(math.NewIntWithDecimal(1, 12))
	return power.Mul(perTiB)
}

// MsgDepositRewardsFactory has the miner of an open escrow deposit a day's rewards of its
// product's power, in the product's reward denom.
func MsgDepositRewardsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDepositRewards] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDepositRewards) {
		r := data.Rand()
		e, ok := hashnftsim.PickOne(ctx, r, k.Escrows.Iterate, func(e types.ProductEscrow) bool {
			return open(e) && data.HasAccount(e.Miner)
		})
		if !ok {
			reporter.Skip("no open escrow with NFTs")
			return nil, nil
		}
		miner := data.GetAccount(reporter, e.Miner)
		amt := sdk.NewCoin(e.RewardDenom, dailyReward(r, e.TotalPower))
		if reporter.IsSkipped() || !miner.LiquidBalance().BlockAmount(amt) {
			reporter.Skipf("miner cannot pay %s", amt)
			return nil, nil
		}
		msg := &types.MsgDepositRewards{Miner: e.Miner, ProductId: e.ProductId, Amount: amt}
		if err := hashnftsim.DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).DepositRewards(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("deposit refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{miner}, msg
	}
}

// productNFT picks an NFT of the product held by a simulation account (among its first MaxVisits).
func productNFT(ctx context.Context, nfts hashnftkeeper.Keeper, data *simsx.ChainDataSource, productID uint64) (hashnfttypes.NFT, bool) {
	it, err := nfts.NFTs.Indexes.Product.MatchExact(ctx, productID)
	if err != nil {
		return hashnfttypes.NFT{}, false
	}
	defer it.Close()
	var held []hashnfttypes.NFT
	for visited := 0; it.Valid() && visited < hashnftsim.MaxVisits; it.Next() {
		visited++
		id, err := it.PrimaryKey()
		if err != nil {
			break
		}
		if n, err := nfts.NFTs.Get(ctx, id); err == nil && data.HasAccount(n.Owner) {
			held = append(held, n)
		}
	}
	if len(held) == 0 {
		return hashnfttypes.NFT{}, false
	}
	return held[data.Rand().Intn(len(held))], true
}

// MsgClaimRewardsFactory has a holder of an NFT whose product has rewards not yet paid claim
// them: for that NFT, or for all its NFTs. Payout rounds pay holders within a block or a few, so
// a claim mostly finds something when many products wait for their rounds.
func MsgClaimRewardsFactory(k keeper.Keeper, nfts hashnftkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimRewards] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimRewards) {
		e, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Escrows.Iterate, func(e types.ProductEscrow) bool {
			return e.Deposited.GT(e.RewardsPaid)
		})
		if !ok {
			reporter.Skip("no escrow with rewards unpaid")
			return nil, nil
		}
		n, ok := productNFT(ctx, nfts, data, e.ProductId)
		if !ok {
			reporter.Skip("no NFT of the product held by a simulation account")
			return nil, nil
		}
		holder := data.GetAccount(reporter, n.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		msg := &types.MsgClaimRewards{Holder: n.Owner}
		if data.Rand().Bool() {
			msg.NftIds = []uint64{n.Id}
		}
		if err := hashnftsim.DryRun(ctx, func(c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(k).ClaimRewards(c, msg)
			return err
		}); err != nil {
			reporter.Skipf("claim refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{holder}, msg
	}
}
