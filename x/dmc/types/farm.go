package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ValidProgram reports whether p is one of the three programs.
func ValidProgram(p Program) bool {
	return p == PROGRAM_BEHAVIORAL || p == PROGRAM_LIQUIDITY || p == PROGRAM_STAKED
}

// NewFarm is an open farm with nothing staked.
func NewFarm(id uint64, program Program, denom string, weight uint64) Farm {
	return Farm{
		Id: id, Program: program, Denom: denom, Weight: weight,
		TotalStaked: math.ZeroInt(), RewardIndex: math.ZeroInt(), IndexResidual: math.ZeroInt(),
		Minted: math.ZeroInt(), Paid: math.ZeroInt(),
	}
}

// Validate checks a farm's fields.
func (f Farm) Validate() error {
	if f.Id == 0 {
		return errorsmod.Wrap(ErrInvalidFarm, "id 0 is reserved")
	}
	if !ValidProgram(f.Program) {
		return errorsmod.Wrapf(ErrInvalidFarm, "farm %d: unknown program %s", f.Id, f.Program)
	}
	if err := sdk.ValidateDenom(f.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidFarm, "farm %d: %v", f.Id, err)
	}
	if f.Weight == 0 && !f.Closed {
		return errorsmod.Wrapf(ErrInvalidFarm, "farm %d: an open farm needs a positive weight", f.Id)
	}
	for _, v := range []math.Int{f.TotalStaked, f.RewardIndex, f.IndexResidual, f.Minted, f.Paid} {
		if v.IsNil() || v.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidFarm, "farm %d: amounts must be non-negative", f.Id)
		}
	}
	if f.Paid.GT(f.Minted) {
		return errorsmod.Wrapf(ErrInvalidFarm, "farm %d paid %s, more than it minted %s", f.Id, f.Paid, f.Minted)
	}
	return nil
}

// NewPosition is an empty position at the farm's current index.
func NewPosition(farm Farm, staker string) Position {
	return Position{FarmId: farm.Id, Staker: staker, Amount: math.ZeroInt(), EntryIndex: farm.RewardIndex, OwedScaled: math.ZeroInt()}
}
