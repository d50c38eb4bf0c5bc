package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
)

// ValidateRevenueCoin bounds what the revenue ledger accepts or pays: a valid denom and a
// positive amount. what names the figure in the error.
func ValidateRevenueCoin(what string, c sdk.Coin) error {
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidRevenue, "%s: denom %q: %v", what, c.Denom, err)
	}
	if c.Amount.IsNil() || !c.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidRevenue, "%s: amount %v%s must be positive", what, c.Amount, c.Denom)
	}
	return nil
}

// RevenueBalances checks a ledger's credits (per denom and source) and debits (per denom and
// use): known names, positive amounts, valid denoms, no pair listed twice, and no denom spent
// beyond what came in. It returns the balance of each denom credited, in the order of credits.
func RevenueBalances(credits, debits []RevenueFlow) ([]sdk.Coin, error) {
	seen := map[[2]string]bool{}
	in := map[string]math.Int{}
	var denoms []string
	for i, f := range credits {
		if !modaccounts.IsRevenueSource(f.Name) {
			return nil, errorsmod.Wrapf(ErrInvalidRevenue, "revenue credit %d: unknown source %q (known: %v)", i, f.Name, modaccounts.RevenueSources)
		}
		if err := ValidateRevenueCoin("revenue credit "+f.Name, sdk.Coin{Denom: f.Denom, Amount: f.Amount}); err != nil {
			return nil, err
		}
		if seen[[2]string{f.Denom, f.Name}] {
			return nil, errorsmod.Wrapf(ErrInvalidRevenue, "revenue credit of %s from %s listed twice", f.Denom, f.Name)
		}
		seen[[2]string{f.Denom, f.Name}] = true
		if _, ok := in[f.Denom]; !ok {
			in[f.Denom] = math.ZeroInt()
			denoms = append(denoms, f.Denom)
		}
		in[f.Denom] = in[f.Denom].Add(f.Amount)
	}
	seen = map[[2]string]bool{}
	for i, f := range debits {
		if !modaccounts.IsRevenueUse(f.Name) {
			return nil, errorsmod.Wrapf(ErrInvalidRevenue, "revenue debit %d: unknown use %q (known: %v)", i, f.Name, modaccounts.RevenueUses)
		}
		if err := ValidateRevenueCoin("revenue debit "+f.Name, sdk.Coin{Denom: f.Denom, Amount: f.Amount}); err != nil {
			return nil, err
		}
		if seen[[2]string{f.Denom, f.Name}] {
			return nil, errorsmod.Wrapf(ErrInvalidRevenue, "revenue debit of %s for %s listed twice", f.Denom, f.Name)
		}
		seen[[2]string{f.Denom, f.Name}] = true
		bal, ok := in[f.Denom]
		if !ok {
			return nil, errorsmod.Wrapf(ErrRevenueOverdraw, "revenue debit of %s%s for %s, but no revenue came in in %s", f.Amount, f.Denom, f.Name, f.Denom)
		}
		if f.Amount.GT(bal) {
			return nil, errorsmod.Wrapf(ErrRevenueOverdraw, "revenue debits of %s exceed its credits by %s%s", f.Denom, f.Amount.Sub(bal), f.Denom)
		}
		in[f.Denom] = bal.Sub(f.Amount)
	}
	out := make([]sdk.Coin, 0, len(denoms))
	for _, d := range denoms {
		out = append(out, sdk.Coin{Denom: d, Amount: in[d]})
	}
	return out, nil
}
