package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// PayToModule pays coin from the fund's free balance (not owed, committed or reserved) to a
// module's account and books it, for a compensation another module's authority message decided
// (x/jointmine's MsgCompensatePool, which checks the authority first). The receiving module books
// the coin itself in the same step.
func (k Keeper) PayToModule(ctx context.Context, module string, coin sdk.Coin, use string) error {
	if !coin.IsValid() || !coin.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "payment %s to module %s must be a positive amount of a valid denom", coin, module)
	}
	b, err := k.books(ctx, coin.Denom)
	if err != nil {
		return err
	}
	if free := Free(b); free.LT(coin.Amount) {
		return errorsmod.Wrapf(types.ErrAboveFreeBalance, "payment %s to module %s above the free balance %s%s (balance %s, owed %s, committed %s, reserved %s)",
			coin, module, free, coin.Denom, b.Balance, b.Owed, b.Committed, b.Reserved)
	}
	b.Balance = b.Balance.Sub(coin.Amount)
	if err := k.Books.Set(ctx, coin.Denom, b); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, module, sdk.NewCoins(coin)); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventFundPaidToModule{Module: module, Use: use, Amount: coin.String()})
}
