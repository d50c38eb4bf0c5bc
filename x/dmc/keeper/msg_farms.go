package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/dmc/types"
)

func (k Keeper) getFarm(ctx context.Context, id uint64) (types.Farm, error) {
	f, err := k.Farms.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return f, errorsmod.Wrapf(types.ErrUnknownFarm, "farm %d does not exist", id)
	}
	return f, err
}

func (m msgServer) CreateFarm(ctx context.Context, msg *types.MsgCreateFarm) (*types.MsgCreateFarmResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if !types.ValidProgram(msg.Program) {
		return nil, errorsmod.Wrapf(types.ErrInvalidFarm, "unknown program %s (want PROGRAM_BEHAVIORAL, PROGRAM_LIQUIDITY or PROGRAM_STAKED)", msg.Program)
	}
	if err := sdk.ValidateDenom(msg.Denom); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidFarm, "denom %q: %v", msg.Denom, err)
	}
	if msg.Weight == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidFarm, "weight must be positive")
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	open := uint32(0)
	err = m.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
		if f.Closed {
			return false, nil
		}
		open++
		if f.Program == msg.Program && f.Denom == msg.Denom {
			return true, errorsmod.Wrapf(types.ErrInvalidFarm, "farm %d already takes %s in %s", f.Id, f.Denom, f.Program)
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if open >= p.MaxFarms {
		return nil, errorsmod.Wrapf(types.ErrTooManyFarms, "%d open farms, the maximum is %d", open, p.MaxFarms)
	}
	id, err := m.NextFarmID.Next(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, id, types.NewFarm(id, msg.Program, msg.Denom, msg.Weight)); err != nil {
		return nil, err
	}
	return &types.MsgCreateFarmResponse{FarmId: id}, m.emit(ctx,
		&types.EventFarmCreated{FarmId: id, Program: msg.Program, Denom: msg.Denom, Weight: msg.Weight})
}

func (m msgServer) SetFarmWeight(ctx context.Context, msg *types.MsgSetFarmWeight) (*types.MsgSetFarmWeightResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	f, err := m.getFarm(ctx, msg.FarmId)
	if err != nil {
		return nil, err
	}
	if f.Closed {
		return nil, errorsmod.Wrapf(types.ErrFarmClosed, "farm %d is closed", f.Id)
	}
	if msg.Weight == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidFarm, "weight must be positive (a program's weights cannot sum to zero); close the farm instead")
	}
	f.Weight = msg.Weight
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	return &types.MsgSetFarmWeightResponse{}, m.emit(ctx, &types.EventFarmWeightSet{FarmId: f.Id, Weight: f.Weight})
}

func (m msgServer) CloseFarm(ctx context.Context, msg *types.MsgCloseFarm) (*types.MsgCloseFarmResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	f, err := m.getFarm(ctx, msg.FarmId)
	if err != nil {
		return nil, err
	}
	if f.Closed {
		return nil, errorsmod.Wrapf(types.ErrFarmClosed, "farm %d is already closed", f.Id)
	}
	f.Closed = true
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	return &types.MsgCloseFarmResponse{}, m.emit(ctx, &types.EventFarmClosed{FarmId: f.Id})
}

// stakeArgs checks what stake and unstake share: a valid staker (returned canonical), a known
// farm, its denom, a positive amount.
func (m msgServer) stakeArgs(ctx context.Context, staker string, farmID uint64, amount sdk.Coin) (sdk.AccAddress, string, types.Farm, error) {
	addr, canonical, err := m.addr("staker", staker)
	if err != nil {
		return nil, "", types.Farm{}, err
	}
	f, err := m.getFarm(ctx, farmID)
	if err != nil {
		return nil, "", f, err
	}
	if f.IsNFT() {
		return nil, "", f, errorsmod.Wrapf(types.ErrWrongDenom, "farm %d is an NFT farm: stake NFTs into it (MsgStakeNFT), not %q", f.Id, amount.Denom)
	}
	if amount.Denom != f.Denom {
		return nil, "", f, errorsmod.Wrapf(types.ErrWrongDenom, "farm %d takes %s, not %q", f.Id, f.Denom, amount.Denom)
	}
	if amount.Amount.IsNil() || !amount.Amount.IsPositive() {
		return nil, "", f, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %s must be positive", amount)
	}
	return addr, canonical, f, nil
}

func (m msgServer) position(ctx context.Context, staker sdk.AccAddress, f types.Farm, stakerStr string) (types.Position, error) {
	p, err := m.Positions.Get(ctx, collections.Join(staker, f.Id))
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewPosition(f, stakerStr), nil
	}
	return p, err
}

func (m msgServer) Stake(ctx context.Context, msg *types.MsgStake) (*types.MsgStakeResponse, error) {
	staker, stakerStr, f, err := m.stakeArgs(ctx, msg.Staker, msg.FarmId, msg.Amount)
	if err != nil {
		return nil, err
	}
	if f.Closed {
		return nil, errorsmod.Wrapf(types.ErrFarmClosed, "farm %d is closed to new stake", f.Id)
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, staker, modaccounts.DmcStake, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	p, err := m.position(ctx, staker, f, stakerStr)
	if err != nil {
		return nil, err
	}
	p = settle(f, p)
	p.Amount = p.Amount.Add(msg.Amount.Amount)
	f.TotalStaked = f.TotalStaked.Add(msg.Amount.Amount)
	if err := m.Positions.Set(ctx, collections.Join(staker, f.Id), p); err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	return &types.MsgStakeResponse{}, m.emit(ctx, &types.EventStaked{Staker: stakerStr, FarmId: f.Id, Amount: msg.Amount.String()})
}

func (m msgServer) Unstake(ctx context.Context, msg *types.MsgUnstake) (*types.MsgUnstakeResponse, error) {
	staker, stakerStr, f, err := m.stakeArgs(ctx, msg.Staker, msg.FarmId, msg.Amount)
	if err != nil {
		return nil, err
	}
	p, err := m.position(ctx, staker, f, stakerStr)
	if err != nil {
		return nil, err
	}
	if msg.Amount.Amount.GT(p.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientStake, "unstake %s from farm %d, staked %s%s", msg.Amount, f.Id, p.Amount, f.Denom)
	}
	p = settle(f, p)
	p.Amount = p.Amount.Sub(msg.Amount.Amount)
	f.TotalStaked = f.TotalStaked.Sub(msg.Amount.Amount)
	if err := m.savePosition(ctx, staker, p); err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, modaccounts.DmcStake, staker, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	return &types.MsgUnstakeResponse{}, m.emit(ctx, &types.EventUnstaked{Staker: stakerStr, FarmId: f.Id, Amount: msg.Amount.String()})
}

// savePosition stores a position, or deletes it once it holds neither stake nor reward.
func (k Keeper) savePosition(ctx context.Context, staker sdk.AccAddress, p types.Position) error {
	key := collections.Join(staker, p.FarmId)
	if p.Amount.IsZero() && p.OwedScaled.IsZero() {
		return k.Positions.Remove(ctx, key)
	}
	return k.Positions.Set(ctx, key, p)
}

func (m msgServer) Claim(ctx context.Context, msg *types.MsgClaim) (*types.MsgClaimResponse, error) {
	staker, stakerStr, err := m.addr("staker", msg.Staker)
	if err != nil {
		return nil, err
	}
	var positions, nftPositions []types.Position
	if msg.FarmId != 0 {
		f, err := m.getFarm(ctx, msg.FarmId)
		if err != nil {
			return nil, err
		}
		if f.IsNFT() {
			// One position per product of the staker's NFTs in the farm.
			iter, err := m.NFTPositions.Iterate(ctx, collections.NewSuperPrefixedTripleRange[sdk.AccAddress, uint64, uint64](staker, f.Id))
			if err != nil {
				return nil, err
			}
			if nftPositions, err = iter.Values(); err != nil {
				return nil, err
			}
			if len(nftPositions) == 0 {
				return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has no position in farm %d", stakerStr, msg.FarmId)
			}
		}
	}
	if msg.FarmId != 0 && len(nftPositions) == 0 {
		p, err := m.Positions.Get(ctx, collections.Join(staker, msg.FarmId))
		if errors.Is(err, collections.ErrNotFound) {
			return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has no position in farm %d", stakerStr, msg.FarmId)
		} else if err != nil {
			return nil, err
		}
		positions = append(positions, p)
	} else if msg.FarmId == 0 {
		// A staker has at most one position per farm: bounded by max_farms.
		iter, err := m.Positions.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](staker))
		if err != nil {
			return nil, err
		}
		if positions, err = iter.Values(); err != nil {
			return nil, err
		}
		nftIter, err := m.NFTPositions.Iterate(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, uint64, uint64](staker))
		if err != nil {
			return nil, err
		}
		if nftPositions, err = nftIter.Values(); err != nil {
			return nil, err
		}
	}
	total := math.ZeroInt()
	for _, p := range nftPositions {
		pay, err := m.claimNFT(ctx, staker, p)
		if err != nil {
			return nil, err
		}
		total = total.Add(pay)
	}
	for _, p := range positions {
		f, err := m.getFarm(ctx, p.FarmId)
		if err != nil {
			return nil, err
		}
		p = settle(f, p)
		pay, keep := rewards.Payable(p.OwedScaled)
		if !pay.IsPositive() {
			continue
		}
		p.OwedScaled = keep
		f.Paid = f.Paid.Add(pay)
		if err := m.savePosition(ctx, staker, p); err != nil {
			return nil, err
		}
		if err := m.Farms.Set(ctx, f.Id, f); err != nil {
			return nil, err
		}
		total = total.Add(pay)
		if err := m.emit(ctx, &types.EventRewardsClaimed{Staker: stakerStr, FarmId: f.Id, Amount: amounts.Coin(types.Denom, pay)}); err != nil {
			return nil, err
		}
	}
	if !total.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has no mining reward pending", stakerStr)
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, staker, sdk.NewCoins(sdk.NewCoin(types.Denom, total))); err != nil {
		return nil, err
	}
	return &types.MsgClaimResponse{Claimed: total}, nil
}
