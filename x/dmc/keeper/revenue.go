package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// The platform revenue ledger (SPEC §7). Every fee path pays through PayRevenueFromAccount or
// PayRevenueFromModule (the modaccounts.RevenueLedger interface); every spend goes through
// SpendRevenue or SpendRevenueToModule. Each call moves the coin and records it in one step.
//
// What is recorded: credits per (denom, source), what came in; debits per (denom, use), what
// went out; and per denom the balance = credits - debits, which is exactly what the revenue
// account holds (CheckRevenue). A spend is not attributed to sources: revenue is fungible
// within a denom, and the credits stay the history of what each source paid in.
var _ modaccounts.RevenueLedger = Keeper{}

// PayRevenueFromAccount moves fee from payer into the revenue account and credits it to source.
func (k Keeper) PayRevenueFromAccount(ctx context.Context, source string, payer sdk.AccAddress, fee sdk.Coin) error {
	if len(payer) == 0 {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "%s of %s: no payer", source, fee)
	}
	if err := checkCredit(source, fee); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, payer, modaccounts.Revenue, sdk.NewCoins(fee)); err != nil {
		return errorsmod.Wrapf(err, "%s %s", source, fee)
	}
	return k.credit(ctx, source, payer, "", fee)
}

// PayRevenueFromModule moves fee from a module account into the revenue account and credits it
// to source.
func (k Keeper) PayRevenueFromModule(ctx context.Context, source, module string, fee sdk.Coin) error {
	if module == "" || module == modaccounts.Revenue {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "%s of %s: paying module %q", source, fee, module)
	}
	if err := checkCredit(source, fee); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, module, modaccounts.Revenue, sdk.NewCoins(fee)); err != nil {
		return errorsmod.Wrapf(err, "%s %s from %s", source, fee, module)
	}
	return k.credit(ctx, source, k.authKeeper.GetModuleAddress(module), module, fee)
}

// SpendRevenue pays amt out of the ledger to an account, recorded under use; it refuses to take
// a denom's balance below zero.
func (k Keeper) SpendRevenue(ctx context.Context, use string, to sdk.AccAddress, amt sdk.Coin) error {
	if len(to) == 0 {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "%s of %s: no recipient", use, amt)
	}
	if err := k.debit(ctx, use, to, "", amt); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, modaccounts.Revenue, to, sdk.NewCoins(amt))
}

// SpendRevenueToModule pays amt out of the ledger to a module account (the buyback's), recorded
// under use; it refuses to take a denom's balance below zero.
func (k Keeper) SpendRevenueToModule(ctx context.Context, use, module string, amt sdk.Coin) error {
	if module == "" || module == modaccounts.Revenue {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "%s of %s: recipient module %q", use, amt, module)
	}
	if err := k.debit(ctx, use, k.authKeeper.GetModuleAddress(module), module, amt); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToModule(ctx, modaccounts.Revenue, module, sdk.NewCoins(amt))
}

// RevenueBalanceOf is the ledger's balance of denom (zero if none came in).
func (k Keeper) RevenueBalanceOf(ctx context.Context, denom string) (math.Int, error) {
	return getOrZero(ctx, k.RevenueBalance, denom)
}

func checkCredit(source string, fee sdk.Coin) error {
	if !modaccounts.IsRevenueSource(source) {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "unknown revenue source %q (known: %v)", source, modaccounts.RevenueSources)
	}
	return types.ValidateRevenueCoin(source, fee)
}

func (k Keeper) credit(ctx context.Context, source string, payer sdk.AccAddress, module string, fee sdk.Coin) error {
	key := collections.Join(fee.Denom, source)
	in, err := getOrZero(ctx, k.RevenueCredits, key)
	if err != nil {
		return err
	}
	if err := k.RevenueCredits.Set(ctx, key, in.Add(fee.Amount)); err != nil {
		return err
	}
	bal, err := k.RevenueBalanceOf(ctx, fee.Denom)
	if err != nil {
		return err
	}
	bal = bal.Add(fee.Amount)
	if err := k.RevenueBalance.Set(ctx, fee.Denom, bal); err != nil {
		return err
	}
	payerStr, err := k.addressCodec.BytesToString(payer)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventRevenueCredited{
		Source: source, Payer: payerStr, PayerModule: module,
		Amount: fee.String(), Balance: sdk.Coin{Denom: fee.Denom, Amount: bal}.String(),
	})
}

func (k Keeper) debit(ctx context.Context, use string, to sdk.AccAddress, module string, amt sdk.Coin) error {
	if !modaccounts.IsRevenueUse(use) {
		return errorsmod.Wrapf(types.ErrInvalidRevenue, "unknown revenue use %q (known: %v)", use, modaccounts.RevenueUses)
	}
	if err := types.ValidateRevenueCoin(use, amt); err != nil {
		return err
	}
	bal, err := k.RevenueBalanceOf(ctx, amt.Denom)
	if err != nil {
		return err
	}
	if amt.Amount.GT(bal) {
		return errorsmod.Wrapf(types.ErrRevenueOverdraw, "%s of %s exceeds the revenue balance %s%s", use, amt, bal, amt.Denom)
	}
	key := collections.Join(amt.Denom, use)
	out, err := getOrZero(ctx, k.RevenueDebits, key)
	if err != nil {
		return err
	}
	if err := k.RevenueDebits.Set(ctx, key, out.Add(amt.Amount)); err != nil {
		return err
	}
	bal = bal.Sub(amt.Amount)
	if err := k.RevenueBalance.Set(ctx, amt.Denom, bal); err != nil {
		return err
	}
	toStr, err := k.addressCodec.BytesToString(to)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventRevenueDebited{
		Use: use, Recipient: toStr, RecipientModule: module,
		Amount: amt.String(), Balance: sdk.Coin{Denom: amt.Denom, Amount: bal}.String(),
	})
}

func getOrZero[K any](ctx context.Context, m collections.Map[K, math.Int], key K) (math.Int, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// CheckRevenue is the revenue ledger's books check (tests run it after every block): each
// denom's balance is its credits minus its debits, and the revenue account holds exactly the
// balances, no more denoms and no other amounts. The revenue account is blocked from bank sends,
// so only the ledger moves its coins.
func (k Keeper) CheckRevenue(ctx context.Context) error {
	credits, err := k.revenueFlows(ctx, k.RevenueCredits)
	if err != nil {
		return err
	}
	debits, err := k.revenueFlows(ctx, k.RevenueDebits)
	if err != nil {
		return err
	}
	derived, err := types.RevenueBalances(credits, debits)
	if err != nil {
		return errorsmod.Wrap(types.ErrRevenueMismatch, err.Error())
	}
	want := sdk.NewCoins()
	for _, c := range derived {
		stored, err := k.RevenueBalanceOf(ctx, c.Denom)
		if err != nil {
			return err
		}
		if !stored.Equal(c.Amount) {
			return errorsmod.Wrapf(types.ErrRevenueMismatch, "revenue balance of %s is %s, credits - debits = %s", c.Denom, stored, c.Amount)
		}
		want = want.Add(c)
	}
	n, err := countKeys(ctx, k.RevenueBalance)
	if err != nil {
		return err
	}
	if n != len(derived) {
		return errorsmod.Wrapf(types.ErrRevenueMismatch, "%d revenue balances recorded, %d denoms credited", n, len(derived))
	}
	if held := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(modaccounts.Revenue)); !held.Equal(want) {
		return errorsmod.Wrapf(types.ErrRevenueMismatch, "the revenue account holds %q, the ledger's balances are %q", held, want)
	}
	return nil
}

// revenueFlows lists a ledger map as flows, in key order (denom, then name).
func (k Keeper) revenueFlows(ctx context.Context, m collections.Map[collections.Pair[string, string], math.Int]) ([]types.RevenueFlow, error) {
	var out []types.RevenueFlow
	err := m.Walk(ctx, nil, func(key collections.Pair[string, string], amt math.Int) (bool, error) {
		out = append(out, types.RevenueFlow{Denom: key.K1(), Name: key.K2(), Amount: amt})
		return false, nil
	})
	return out, err
}

func countKeys(ctx context.Context, m collections.Map[string, math.Int]) (int, error) {
	n := 0
	err := m.Walk(ctx, nil, func(string, math.Int) (bool, error) { n++; return false, nil })
	return n, err
}

// RevenueBalances is the ledger's positive balances in denom order, at most limit of them (the
// buyback sets aside from these at each month epoch). Denoms whose balance went back to zero are
// skipped: there is one per denom that ever came in, a handful.
func (k Keeper) RevenueBalances(ctx context.Context, limit int) (sdk.Coins, error) {
	out := sdk.NewCoins()
	if limit <= 0 {
		return out, nil
	}
	err := k.RevenueBalance.Walk(ctx, nil, func(denom string, bal math.Int) (bool, error) {
		if bal.IsPositive() {
			out = append(out, sdk.Coin{Denom: denom, Amount: bal})
		}
		return len(out) >= limit, nil
	})
	return out, err
}
