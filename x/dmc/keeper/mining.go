package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// BeginBlocker mints the block's mining reward into the farms. It never halts the chain: a
// failure discards the block's mining and is logged and emitted as an event.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	// Term ends first: a product whose term ended by this block's time earns nothing in it.
	blockhook.Run(sdkCtx, types.ModuleName, "retire_nfts", k.RetireDue)
	blockhook.Run(sdkCtx, types.ModuleName, "mine", k.Mine)
	return nil
}

// emission is what this block's reward is and how it splits: O(number of farms).
type emission struct {
	params  types.Params
	era     uint64
	reward  math.Int // after the cap
	weights map[types.Program]uint64
	farms   []types.Farm
}

func (k Keeper) emission(ctx context.Context, height int64) (emission, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return emission{}, err
	}
	minted, err := k.MintedByMining.Get(ctx)
	if err != nil {
		return emission{}, err
	}
	era, reward := p.BlockReward(height)
	remaining := p.MiningCap.Sub(minted)
	if supplyRoom := p.MaxSupply.Sub(k.bankKeeper.GetSupply(ctx, types.Denom).Amount); supplyRoom.LT(remaining) {
		remaining = supplyRoom
	}
	if !remaining.IsPositive() {
		remaining = math.ZeroInt()
	}
	e := emission{params: p, era: era, reward: math.MinInt(reward, remaining), weights: map[types.Program]uint64{}}
	iter, err := k.Farms.Iterate(ctx, nil)
	if err != nil {
		return emission{}, err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		f, err := iter.Value()
		if err != nil {
			return emission{}, err
		}
		if f.Closed {
			continue
		}
		e.weights[f.Program] += f.Weight
		e.farms = append(e.farms, f)
	}
	return e, nil
}

// part is the farm's share of the block reward: reward × program share × weight / program
// weights, multiplied out before the one division and rounded down (in the protocol's favour).
func (e emission) part(f types.Farm) math.Int {
	total := e.weights[f.Program]
	if f.Closed || total == 0 || !e.reward.IsPositive() {
		return math.ZeroInt()
	}
	num := e.reward.Mul(math.NewInt(int64(e.params.ShareBps(f.Program)))).Mul(math.NewIntFromUint64(f.Weight))
	return num.Quo(math.NewIntFromUint64(total).MulRaw(10_000))
}

// Mine mints this block's reward: each open farm with stake gets its part into its reward
// index; farms without stake get nothing and their part is not minted. The total never takes
// mining past its cap nor the supply past its maximum.
func (k Keeper) Mine(ctx sdk.Context) error {
	e, err := k.emission(ctx, ctx.BlockHeight())
	if err != nil || !e.reward.IsPositive() {
		return err
	}
	total := math.ZeroInt()
	for _, f := range e.farms {
		part := e.part(f)
		if !part.IsPositive() || !f.TotalStaked.IsPositive() {
			continue
		}
		f.RewardIndex, f.IndexResidual = rewards.Accrue(f.RewardIndex, f.IndexResidual, part, f.TotalStaked)
		f.Minted = f.Minted.Add(part)
		if err := k.Farms.Set(ctx, f.Id, f); err != nil {
			return err
		}
		total = total.Add(part)
	}
	if !total.IsPositive() {
		return nil
	}
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, sdk.NewCoins(sdk.NewCoin(types.Denom, total))); err != nil {
		return err
	}
	minted, err := k.MintedByMining.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.MintedByMining.Set(ctx, minted.Add(total)); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBlockMined{Height: ctx.BlockHeight(), Era: e.era, Minted: amounts.Coin(types.Denom, total)})
}

// settle brings a position up to its farm's index.
func settle(f types.Farm, p types.Position) types.Position {
	p.OwedScaled = rewards.Settle(p.Amount, p.EntryIndex, f.RewardIndex, p.OwedScaled)
	p.EntryIndex = f.RewardIndex
	return p
}

// Pending is what a claim of the position would pay now.
func Pending(f types.Farm, p types.Position) math.Int {
	pay, _ := rewards.Payable(settle(f, p).OwedScaled)
	return pay
}
