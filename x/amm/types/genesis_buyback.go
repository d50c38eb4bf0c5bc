package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// validateBuybacks checks the buyback part of a genesis: each buyback of a valid denom, once,
// with a unique id below next_buyback_id, a non-negative remaining, slices only while something
// remains, and a next slice a timestamp can carry; each month record once per (month >= 1,
// denom), its amounts non-negative and its burned + returned = bought.
func validateBuybacks(gs GenesisState) error {
	ids := make(map[uint64]bool, len(gs.Buybacks))
	denoms := make(map[string]bool, len(gs.Buybacks))
	for _, b := range gs.Buybacks {
		if err := sdk.ValidateDenom(b.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d denom %q: %v", b.Id, b.Denom, err)
		}
		if b.Id == 0 || b.Id >= gs.NextBuybackId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback of %s: id %d not in [1, next_buyback_id %d)", b.Denom, b.Id, gs.NextBuybackId)
		}
		if ids[b.Id] || denoms[b.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d of %s listed twice", b.Id, b.Denom)
		}
		ids[b.Id], denoms[b.Denom] = true, true
		if b.Remaining.IsNil() || b.Remaining.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d of %s: remaining %s", b.Id, b.Denom, b.Remaining)
		}
		if b.SlicesLeft > MaxBuybackSlices {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d of %s: %d slices left, at most %d", b.Id, b.Denom, b.SlicesLeft, MaxBuybackSlices)
		}
		if b.SlicesLeft > 0 && !b.Remaining.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d of %s: %d slices left with nothing remaining", b.Id, b.Denom, b.SlicesLeft)
		}
		if b.Month < 1 || b.NextSlice.Before(minTime) || b.NextSlice.After(maxTime) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback %d of %s: month %d, next slice %s", b.Id, b.Denom, b.Month, b.NextSlice)
		}
	}
	type key struct {
		month int64
		denom string
	}
	months := make(map[key]bool, len(gs.BuybackMonths))
	for _, m := range gs.BuybackMonths {
		if err := sdk.ValidateDenom(m.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback month %d denom %q: %v", m.Month, m.Denom, err)
		}
		if m.Month < 1 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback month %d of %s: months are month epoch numbers, from 1", m.Month, m.Denom)
		}
		k := key{m.Month, m.Denom}
		if months[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback month %d of %s listed twice", m.Month, m.Denom)
		}
		months[k] = true
		for _, a := range []struct {
			name string
			v    interface {
				IsNil() bool
				IsNegative() bool
			}
		}{{"set_aside", m.SetAside}, {"carried_in", m.CarriedIn}, {"spent", m.Spent}, {"bought", m.Bought}, {"burned", m.Burned}, {"returned", m.Returned}} {
			if a.v.IsNil() || a.v.IsNegative() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "buyback month %d of %s: %s is %v", m.Month, m.Denom, a.name, a.v)
			}
		}
		if !m.Burned.Add(m.Returned).Equal(m.Bought) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "buyback month %d of %s: burned %s + returned %s != bought %s", m.Month, m.Denom, m.Burned, m.Returned, m.Bought)
		}
	}
	return nil
}
