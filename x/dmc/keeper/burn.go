package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// Burning DMC for another module (x/amm's buyback, SPEC §7): BurnRoom says how much may still go,
// BurnFromModule burns and records it in one step, so the supply books (supply = genesis +
// minted - burned) hold after every burn and the supply never goes below burn_floor.

// BurnRoom is how much udmc may still be burned: the bank supply less burn_floor, zero when the
// supply is at or below the floor.
func (k Keeper) BurnRoom(ctx context.Context) (math.Int, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	room := k.bankKeeper.GetSupply(ctx, types.Denom).Amount.Sub(p.BurnFloor)
	if room.IsNegative() {
		return math.ZeroInt(), nil
	}
	return room, nil
}

// BurnFromModule burns amount udmc held by module (an account with the Burner permission) and
// adds it to the books' burned total. It refuses, changing nothing, a non-positive amount, a
// module that may not burn or holds less, and a burn that would take the supply below burn_floor.
func (k Keeper) BurnFromModule(ctx context.Context, module string, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "burn of %s%s from %q: want a positive amount", amount, types.Denom, module)
	}
	addr := k.authKeeper.GetModuleAddress(module)
	if addr == nil {
		return errorsmod.Wrapf(types.ErrBurnRefused, "%q is not a module account", module)
	}
	// The bank panics on a burn by an account without the permission: check it first.
	acc, ok := k.authKeeper.GetAccount(ctx, addr).(sdk.ModuleAccountI)
	if !ok || !acc.HasPermission(authtypes.Burner) {
		return errorsmod.Wrapf(types.ErrBurnRefused, "module %q may not burn (no %s permission)", module, authtypes.Burner)
	}
	if held := k.bankKeeper.GetBalance(ctx, addr, types.Denom).Amount; held.LT(amount) {
		return errorsmod.Wrapf(types.ErrBurnRefused, "burn of %s%s from %s, which holds %s%s", amount, types.Denom, module, held, types.Denom)
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	supply := k.bankKeeper.GetSupply(ctx, types.Denom).Amount
	if after := supply.Sub(amount); after.LT(p.BurnFloor) {
		return errorsmod.Wrapf(types.ErrBurnRefused, "burn of %s%s would take the supply from %s%s to %s%s, below the burn floor %s%s",
			amount, types.Denom, supply, types.Denom, after, types.Denom, p.BurnFloor, types.Denom)
	}
	if err := k.bankKeeper.BurnCoins(ctx, module, sdk.NewCoins(sdk.NewCoin(types.Denom, amount))); err != nil {
		return errorsmod.Wrapf(err, "burn of %s%s from %s", amount, types.Denom, module)
	}
	return k.RecordBurn(ctx, amount)
}
