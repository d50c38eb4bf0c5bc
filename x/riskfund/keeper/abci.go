package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// BeginBlocker runs the fund's bounded rounds (owed cover, claims, compensations, expiry sweep)
// through internal/blockhook: a failure is logged and rolled back, never halts the chain.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "rounds", func(c sdk.Context) error { return k.ProcessRounds(c) })
	return nil
}
