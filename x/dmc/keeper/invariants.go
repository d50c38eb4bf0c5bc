package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// CheckMining is the mining books check, for tests and the simulation (it walks every position,
// so it never runs in a block): for each farm, minted = paid + still owed (exactly, scaled by
// 10^27, with the carried residual), its positions add up to its stake; the farms' minted adds
// up to minted_by_mining; the module accounts hold what is staked and what is owed.
func (k Keeper) CheckMining(ctx context.Context) error {
	farms := map[uint64]*types.Farm{}
	var ids []uint64
	mintedTotal, unpaid := math.ZeroInt(), math.ZeroInt()
	staked := sdk.NewCoins()
	err := k.Farms.Walk(ctx, nil, func(id uint64, f types.Farm) (bool, error) {
		fc := f
		farms[id] = &fc
		ids = append(ids, id)
		mintedTotal = mintedTotal.Add(f.Minted)
		unpaid = unpaid.Add(f.Minted.Sub(f.Paid))
		if !f.IsNFT() { // an NFT farm's stake is power, its NFTs stay in x/hashnft (CheckNFTBooks)
			staked = staked.Add(sdk.NewCoin(f.Denom, f.TotalStaked))
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	owed := map[uint64]math.Int{}
	stakes := map[uint64]math.Int{}
	err = k.Positions.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, uint64], p types.Position) (bool, error) {
		f, ok := farms[p.FarmId]
		if !ok {
			return true, errorsmod.Wrapf(types.ErrSupplyMismatch, "position of %s in unknown farm %d", p.Staker, p.FarmId)
		}
		o := rewards.Settle(p.Amount, p.EntryIndex, f.RewardIndex, p.OwedScaled)
		owed[p.FarmId] = orZero(owed[p.FarmId]).Add(o)
		stakes[p.FarmId] = orZero(stakes[p.FarmId]).Add(p.Amount)
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.NFTPositions.Walk(ctx, nil, func(_ collections.Triple[sdk.AccAddress, uint64, uint64], p types.Position) (bool, error) {
		f, ok := farms[p.FarmId]
		if !ok || !f.IsNFT() {
			return true, errorsmod.Wrapf(types.ErrSupplyMismatch, "NFT position of %s in farm %d, not an NFT farm", p.Staker, p.FarmId)
		}
		sub, err := k.nftProduct(ctx, p.FarmId, p.ProductId)
		if err != nil {
			return true, err
		}
		o := rewards.Settle(p.Amount, p.EntryIndex, sub.Index(*f), p.OwedScaled)
		owed[p.FarmId] = orZero(owed[p.FarmId]).Add(o)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		f := farms[id]
		lhs := f.Minted.Mul(rewards.Precision)
		rhs := f.Paid.Mul(rewards.Precision).Add(orZero(owed[id])).Add(f.IndexResidual)
		if !lhs.Equal(rhs) {
			return errorsmod.Wrapf(types.ErrSupplyMismatch, "farm %d: minted %s but paid + owed + residual = %s/10^27", id, f.Minted, rhs)
		}
		if !f.IsNFT() && !orZero(stakes[id]).Equal(f.TotalStaked) {
			return errorsmod.Wrapf(types.ErrSupplyMismatch, "farm %d: total staked %s, positions add up to %s", id, f.TotalStaked, orZero(stakes[id]))
		}
	}
	minted, err := k.MintedByMining.Get(ctx)
	if err != nil {
		return err
	}
	if !minted.Equal(mintedTotal) {
		return errorsmod.Wrapf(types.ErrSupplyMismatch, "minted_by_mining %s, farms minted %s", minted, mintedTotal)
	}
	if held := k.bankKeeper.GetBalance(ctx, k.authKeeper.GetModuleAddress(types.ModuleName), types.Denom).Amount; !held.Equal(unpaid) {
		return errorsmod.Wrapf(types.ErrSupplyMismatch, "x/dmc holds %s%s, farms owe %s%s", held, types.Denom, unpaid, types.Denom)
	}
	stakeAddr := k.authKeeper.GetModuleAddress(modaccounts.DmcStake)
	for _, c := range staked {
		if held := k.bankKeeper.GetBalance(ctx, stakeAddr, c.Denom); !held.Amount.Equal(c.Amount) {
			return errorsmod.Wrapf(types.ErrSupplyMismatch, "stake account holds %s, farms record %s", held, c)
		}
	}
	return nil
}

func orZero(v math.Int) math.Int {
	if v.IsNil() {
		return math.ZeroInt()
	}
	return v
}
