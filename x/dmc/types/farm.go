package types

import (
	"fmt"

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
		return fmt.Errorf("%w: id 0 is reserved", ErrInvalidFarm)
	}
	if !ValidProgram(f.Program) {
		return fmt.Errorf("%w: farm %d: unknown program %s", ErrInvalidFarm, f.Id, f.Program)
	}
	if err := sdk.ValidateDenom(f.Denom); err != nil {
		return fmt.Errorf("%w: farm %d: %v", ErrInvalidFarm, f.Id, err)
	}
	if f.Weight == 0 && !f.Closed {
		return fmt.Errorf("%w: farm %d: an open farm needs a positive weight", ErrInvalidFarm, f.Id)
	}
	for _, v := range []math.Int{f.TotalStaked, f.RewardIndex, f.IndexResidual, f.Minted, f.Paid} {
		if v.IsNil() || v.IsNegative() {
			return fmt.Errorf("%w: farm %d: amounts must be non-negative", ErrInvalidFarm, f.Id)
		}
	}
	if f.Paid.GT(f.Minted) {
		return fmt.Errorf("%w: farm %d paid %s, more than it minted %s", ErrInvalidFarm, f.Id, f.Paid, f.Minted)
	}
	return nil
}

// NewPosition is an empty position at the farm's current index.
func NewPosition(farm Farm, staker string) Position {
	return Position{FarmId: farm.Id, Staker: staker, Amount: math.ZeroInt(), EntryIndex: farm.RewardIndex, OwedScaled: math.ZeroInt()}
}
