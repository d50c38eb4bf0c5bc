package app

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"

	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// dmcBurnBooks is the bank keeper that x/gov and x/staking get: the bank's own, except that the
// DMC they burn (vetoed or unfunded proposal deposits, slashed stake) is recorded in x/dmc's books,
// whose invariant is supply = genesis + minted - burned.
type dmcBurnBooks struct {
	bankkeeper.BaseKeeper
	dmc *dmckeeper.Keeper // set once the app has built x/dmc
}

func (b dmcBurnBooks) BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error {
	if err := b.BaseKeeper.BurnCoins(ctx, moduleName, amt); err != nil {
		return err
	}
	return b.dmc.RecordBurn(ctx, amt.AmountOf(dmctypes.Denom))
}
