package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/accounts"
)

// DefaultGenesis has the SPEC params and no allocation yet (`dmexd genesis allocate` writes it).
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), MintedByMining: math.ZeroInt(), Burned: math.ZeroInt(), NextFarmId: 1}
}

// CategoryAmounts is what each allocation category must add up to (SPEC §2).
func CategoryAmounts() []struct {
	Category string
	Amount   math.Int
} {
	return []struct {
		Category string
		Amount   math.Int
	}{
		{CategoryTeam, TeamAllocation},
		{CategoryPrivatePlacement, PrivatePlacementAllocation},
		{CategoryRiskFund, RiskFundAllocation},
		{CategoryFoundation, FoundationAllocation},
	}
}

// Validate checks params, counters, and that the allocation adds up to the genesis supply with
// each category at its SPEC figure. An empty allocation is accepted only with empty counters
// (a chain whose genesis has not been allocated yet).
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.MintedByMining.IsNil() || gs.MintedByMining.IsNegative() || gs.MintedByMining.GT(gs.Params.MiningCap) {
		return errorsmod.Wrapf(ErrInvalidParams, "minted_by_mining %v must be between 0 and the mining cap %s", gs.MintedByMining, gs.Params.MiningCap)
	}
	if gs.Burned.IsNil() || gs.Burned.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidParams, "burned %v must be non-negative", gs.Burned)
	}
	if err := gs.validateFarms(ac); err != nil {
		return err
	}
	if _, err := RevenueBalances(gs.RevenueCredits, gs.RevenueDebits); err != nil {
		return err
	}
	return ValidateAllocation(ac, gs.Allocation, gs.Params.GenesisSupply)
}

// validateFarms checks farms and positions: unique ids below next_farm_id, positions of known
// farms adding up to each farm's total stake, and farms' minted adding up to minted_by_mining.
func (gs GenesisState) validateFarms(ac address.Codec) error {
	if gs.NextFarmId == 0 {
		return errorsmod.Wrap(ErrInvalidFarm, "next_farm_id must be at least 1")
	}
	farms := make(map[uint64]math.Int, len(gs.Farms))
	nftFarms := map[uint64]Farm{}
	minted := math.ZeroInt()
	for _, f := range gs.Farms {
		if err := f.Validate(); err != nil {
			return err
		}
		if _, dup := farms[f.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidFarm, "farm %d listed twice", f.Id)
		}
		if f.Id >= gs.NextFarmId {
			return errorsmod.Wrapf(ErrInvalidFarm, "farm %d is not below next_farm_id %d", f.Id, gs.NextFarmId)
		}
		farms[f.Id] = math.ZeroInt()
		if f.IsNFT() {
			nftFarms[f.Id] = f
		}
		minted = minted.Add(f.Minted)
	}
	if !minted.Equal(gs.MintedByMining) {
		return errorsmod.Wrapf(ErrSupplyMismatch, "farms minted %s, minted_by_mining says %s", minted, gs.MintedByMining)
	}
	seen := map[string]bool{}
	for _, p := range gs.Positions {
		staked, ok := farms[p.FarmId]
		if !ok {
			return errorsmod.Wrapf(ErrUnknownFarm, "position of %s in farm %d, which does not exist", p.Staker, p.FarmId)
		}
		if _, nft := nftFarms[p.FarmId]; nft || p.ProductId != 0 {
			return errorsmod.Wrapf(ErrInvalidFarm, "position of %s in farm %d belongs in nft_positions", p.Staker, p.FarmId)
		}
		bz, _, err := accounts.Parse(ac, ErrInvalidAddress, "position staker", p.Staker)
		if err != nil {
			return err
		}
		key := fmt.Sprintf("%d/%x", p.FarmId, bz)
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidFarm, "two positions of %s in farm %d", p.Staker, p.FarmId)
		}
		seen[key] = true
		for _, v := range []math.Int{p.Amount, p.EntryIndex, p.OwedScaled} {
			if v.IsNil() || v.IsNegative() {
				return errorsmod.Wrapf(ErrInvalidFarm, "position of %s in farm %d: amounts must be non-negative", p.Staker, p.FarmId)
			}
		}
		farms[p.FarmId] = staked.Add(p.Amount)
	}
	for _, f := range gs.Farms {
		if f.IsNFT() {
			continue // validateNFT
		}
		if !farms[f.Id].Equal(f.TotalStaked) {
			return errorsmod.Wrapf(ErrInvalidFarm, "farm %d total_staked %s, its positions add up to %s", f.Id, f.TotalStaked, farms[f.Id])
		}
	}
	return gs.validateNFT(ac, nftFarms)
}

// ValidateAllocation checks each line and the totals, and says which total is off and by how much.
func ValidateAllocation(ac address.Codec, lines []Allocation, genesisSupply math.Int) error {
	if len(lines) == 0 {
		return nil
	}
	byCategory := map[string]math.Int{}
	total := math.ZeroInt()
	vesting := map[string]bool{}
	for i, a := range lines {
		if a.Vesting {
			if vesting[a.Address] {
				return errorsmod.Wrapf(ErrInvalidAllocation, "line %d: vesting account %s is listed twice; merge its lines", i, a.Address)
			}
			vesting[a.Address] = true
		}
		if _, _, err := accounts.Parse(ac, ErrInvalidAllocation, fmt.Sprintf("line %d (%s): address", i, a.Category), a.Address); err != nil {
			return err
		}
		if a.Amount.IsNil() || !a.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidAllocation, "line %d (%s %s): amount must be positive", i, a.Category, a.Address)
		}
		if _, ok := byCategory[a.Category]; !ok {
			byCategory[a.Category] = math.ZeroInt()
		}
		byCategory[a.Category] = byCategory[a.Category].Add(a.Amount)
		total = total.Add(a.Amount)
	}
	known := map[string]bool{}
	for _, c := range CategoryAmounts() {
		known[c.Category] = true
		got, ok := byCategory[c.Category]
		if !ok {
			got = math.ZeroInt()
		}
		if !got.Equal(c.Amount) {
			return errorsmod.Wrapf(ErrInvalidAllocation, "%s adds up to %sudmc, SPEC §2 requires %sudmc", c.Category, got, c.Amount)
		}
	}
	for _, a := range lines {
		if !known[a.Category] {
			return errorsmod.Wrapf(ErrInvalidAllocation, "unknown category %q (want team, private_placement, risk_fund or foundation)", a.Category)
		}
	}
	if !total.Equal(genesisSupply) {
		return errorsmod.Wrapf(ErrInvalidAllocation, "allocation adds up to %sudmc, genesis supply is %sudmc", total, genesisSupply)
	}
	return nil
}
