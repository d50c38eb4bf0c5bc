package types

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// DMC converts whole DMC into udmc.
func DMC(n int64) math.Int { return math.NewInt(n).Mul(math.NewInt(1_000_000)) }

// Allocation amounts of SPEC §2, in udmc.
var (
	TeamAllocation             = DMC(10_000_000)
	PrivatePlacementAllocation = DMC(20_000_000)
	RiskFundAllocation         = DMC(10_000_000)
	FoundationAllocation       = DMC(10_000_000)
)

// DefaultParams are the SPEC §2 figures.
func DefaultParams() Params {
	return Params{
		MaxSupply:     DMC(100_000_000),
		GenesisSupply: DMC(50_000_000),
		MiningCap:     DMC(50_000_000),
		BurnFloor:     DMC(21_000_000),

		InitialBlockReward: DMC(5),
		HalvingBlocks:      5_256_000,
		StartHeight:        1,
		BehavioralShareBps: 3_000,
		LiquidityShareBps:  6_000,
		StakedShareBps:     1_000,
		BlocksPerDay:       28_800,
		MaxFarms:           100,
		MaxNftFarms:        8,
	}
}

// ShareBps is the program's share of each block reward, in basis points.
func (p Params) ShareBps(program Program) uint32 {
	switch program {
	case PROGRAM_BEHAVIORAL:
		return p.BehavioralShareBps
	case PROGRAM_LIQUIDITY:
		return p.LiquidityShareBps
	case PROGRAM_STAKED:
		return p.StakedShareBps
	default:
		return 0
	}
}

// Validate checks that the figures are consistent: genesis + mining = max, burn floor below max.
func (p Params) Validate() error {
	for _, f := range []struct {
		name string
		v    math.Int
	}{{"max_supply", p.MaxSupply}, {"genesis_supply", p.GenesisSupply}, {"mining_cap", p.MiningCap}, {"burn_floor", p.BurnFloor}, {"initial_block_reward", p.InitialBlockReward}} {
		if f.v.IsNil() || f.v.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be a non-negative integer", f.name)
		}
	}
	if !p.GenesisSupply.Add(p.MiningCap).Equal(p.MaxSupply) {
		return errorsmod.Wrapf(ErrInvalidParams, "genesis_supply %s + mining_cap %s must equal max_supply %s", p.GenesisSupply, p.MiningCap, p.MaxSupply)
	}
	if p.BurnFloor.GT(p.MaxSupply) {
		return errorsmod.Wrapf(ErrInvalidParams, "burn_floor %s is above max_supply %s", p.BurnFloor, p.MaxSupply)
	}
	if sum := uint64(p.BehavioralShareBps) + uint64(p.LiquidityShareBps) + uint64(p.StakedShareBps); sum != 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "program shares add up to %d bps (behavioral %d + liquidity %d + staked %d), must be 10000 (100%%)", sum, p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps)
	}
	if p.HalvingBlocks == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "halving_blocks must be positive")
	}
	// start_height may be negative: a chain restarted from a zero-height export continues a
	// schedule that began before its first block (see ContinueAtHeight).
	if p.BlocksPerDay == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "blocks_per_day must be positive")
	}
	if p.MaxFarms == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_farms must be positive")
	}
	if p.MaxNftFarms > p.MaxFarms {
		return errorsmod.Wrapf(ErrInvalidParams, "max_nft_farms %d is above max_farms %d (NFT farms are farms)", p.MaxNftFarms, p.MaxFarms)
	}
	return nil
}

// blocksSinceStart is height - start_height for a height at or after start_height. It is
// computed in uint64, where it is exact for any two int64 values (the difference is below 2^64),
// so a very negative start_height cannot overflow it.
func (p Params) blocksSinceStart(height int64) uint64 { return uint64(height) - uint64(p.StartHeight) } //nolint:gosec // G115: two's-complement difference on purpose, see above

// BlockReward is the mining reward of a block at height, before the cap: initial >> era, with
// era = (height - start_height) / halving_blocks. Blocks before start_height mint nothing.
func (p Params) BlockReward(height int64) (era uint64, reward math.Int) {
	if height < p.StartHeight {
		return 0, math.ZeroInt()
	}
	era = p.blocksSinceStart(height) / p.HalvingBlocks
	if era >= 256 {
		return era, math.ZeroInt()
	}
	return era, math.NewIntFromBigInt(new(big.Int).Rsh(p.InitialBlockReward.BigInt(), uint(era)))
}

// BlocksLeftInEra counts the blocks of height's era from height on, height included; before
// start_height, the blocks until mining starts.
func (p Params) BlocksLeftInEra(height int64) uint64 {
	if height < p.StartHeight {
		return uint64(p.StartHeight) - uint64(height) //nolint:gosec // G115: exact for height < start_height, as blocksSinceStart
	}
	return p.HalvingBlocks - p.blocksSinceStart(height)%p.HalvingBlocks
}

// ContinueAtHeight returns the params with start_height moved so that the schedule continues
// at firstHeight (a restarted chain's first block) exactly where it stood at nextHeight (the
// block the old chain would have produced next): same era, same blocks left in it. Used by
// a zero-height export, where the new chain starts again at height 1.
func (p Params) ContinueAtHeight(nextHeight, firstHeight int64) Params {
	p.StartHeight -= nextHeight - firstHeight
	return p
}
