package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// BeginBlocker closes the days the day-end hook left for later blocks and runs the payout and
// refund rounds, each bounded by its per-block parameter. It never halts the chain.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	blockhook.Run(sdkCtx, types.ModuleName, "close_days", k.CloseDueDays)
	blockhook.Run(sdkCtx, types.ModuleName, "payouts", k.ProcessPayouts)
	return nil
}
