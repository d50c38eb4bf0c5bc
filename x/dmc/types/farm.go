package types

import (
	"fmt"

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
	if f.NftScope != nil {
		if f.Denom != "" {
			return errorsmod.Wrapf(ErrInvalidFarm, "NFT farm %d has a denom %q (an NFT farm takes NFTs only)", f.Id, f.Denom)
		}
		if f.Program != PROGRAM_STAKED {
			return errorsmod.Wrapf(ErrInvalidFarm, "NFT farm %d is in %s; NFT farms are in PROGRAM_STAKED", f.Id, f.Program)
		}
		if err := f.NftScope.Validate(); err != nil {
			return errorsmod.Wrapf(err, "farm %d", f.Id)
		}
	} else if err := sdk.ValidateDenom(f.Denom); err != nil {
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

// IsNFT reports whether the farm takes hashrate NFTs.
func (f Farm) IsNFT() bool { return f.NftScope != nil }

// NewNFTFarm is an open NFT farm with no power staked.
func NewNFTFarm(id uint64, program Program, scope NFTScope, weight uint64) Farm {
	f := NewFarm(id, program, "", weight)
	f.NftScope = &scope
	return f
}

// Validate checks that the scope names exactly what its kind says.
func (s NFTScope) Validate() error {
	switch s.Kind {
	case NFT_SCOPE_KIND_PRODUCT:
		if s.ProductId == 0 || s.MinerNodeId != "" || s.Chain != "" {
			return errorsmod.Wrapf(ErrInvalidFarm, "a product scope names a product id and nothing else (got %s)", s.Describe())
		}
	case NFT_SCOPE_KIND_MINER:
		if s.MinerNodeId == "" || s.ProductId != 0 || s.Chain != "" || len(s.MinerNodeId) > 128 {
			return errorsmod.Wrapf(ErrInvalidFarm, "a miner scope names a miner node id (at most 128 characters) and nothing else (got %s)", s.Describe())
		}
	case NFT_SCOPE_KIND_CHAIN:
		if s.Chain == "" || s.ProductId != 0 || s.MinerNodeId != "" || len(s.Chain) > 32 {
			return errorsmod.Wrapf(ErrInvalidFarm, "a chain scope names a chain (at most 32 characters) and nothing else (got %s)", s.Describe())
		}
	default:
		return errorsmod.Wrapf(ErrInvalidFarm, "unknown NFT scope kind %s (want NFT_SCOPE_KIND_PRODUCT, NFT_SCOPE_KIND_MINER or NFT_SCOPE_KIND_CHAIN)", s.Kind)
	}
	return nil
}

// Describe is the scope in words, for errors.
func (s NFTScope) Describe() string {
	switch s.Kind {
	case NFT_SCOPE_KIND_PRODUCT:
		return fmt.Sprintf("product %d", s.ProductId)
	case NFT_SCOPE_KIND_MINER:
		return fmt.Sprintf("miner node %q", s.MinerNodeId)
	case NFT_SCOPE_KIND_CHAIN:
		return fmt.Sprintf("chain %q", s.Chain)
	case NFT_SCOPE_KIND_UNSPECIFIED:
	}
	return fmt.Sprintf("%s (product %d, node %q, chain %q)", s.Kind, s.ProductId, s.MinerNodeId, s.Chain)
}

// Matches reports whether an NFT of the product (its id, miner node and chain) is in the scope.
func (s NFTScope) Matches(productID uint64, nodeID, chain string) bool {
	switch s.Kind {
	case NFT_SCOPE_KIND_PRODUCT:
		return s.ProductId == productID
	case NFT_SCOPE_KIND_MINER:
		return s.MinerNodeId == nodeID
	case NFT_SCOPE_KIND_CHAIN:
		return s.Chain == chain
	case NFT_SCOPE_KIND_UNSPECIFIED:
	}
	return false
}

// NewNFTProductStake is an empty, earning sub-total.
func NewNFTProductStake(farmID, productID uint64) NFTProductStake {
	return NFTProductStake{FarmId: farmID, ProductId: productID, Power: math.ZeroInt(), FrozenIndex: math.ZeroInt()}
}

// Index is the reward index the sub-total's positions earn up to: the farm's, or the one it was
// frozen at when the product retired.
func (s NFTProductStake) Index(f Farm) math.Int {
	if s.Retired {
		return s.FrozenIndex
	}
	return f.RewardIndex
}
