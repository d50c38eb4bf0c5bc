package types

import (
	"fmt"

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
	}
}

// Validate checks that the figures are consistent: genesis + mining = max, burn floor below max.
func (p Params) Validate() error {
	for _, f := range []struct {
		name string
		v    math.Int
	}{{"max_supply", p.MaxSupply}, {"genesis_supply", p.GenesisSupply}, {"mining_cap", p.MiningCap}, {"burn_floor", p.BurnFloor}} {
		if f.v.IsNil() || f.v.IsNegative() {
			return fmt.Errorf("%w: %s must be a non-negative integer", ErrInvalidParams, f.name)
		}
	}
	if !p.GenesisSupply.Add(p.MiningCap).Equal(p.MaxSupply) {
		return fmt.Errorf("%w: genesis_supply %s + mining_cap %s must equal max_supply %s",
			ErrInvalidParams, p.GenesisSupply, p.MiningCap, p.MaxSupply)
	}
	if p.BurnFloor.GT(p.MaxSupply) {
		return fmt.Errorf("%w: burn_floor %s is above max_supply %s", ErrInvalidParams, p.BurnFloor, p.MaxSupply)
	}
	return nil
}
