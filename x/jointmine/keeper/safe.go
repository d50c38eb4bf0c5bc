package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// runSafely runs fn in a cache context written only on success (internal/blockhook): a failure
// is logged and emitted, never returned.
func runSafely(ctx sdk.Context, hook string, fn func(sdk.Context) error) {
	blockhook.Run(ctx, types.ModuleName, hook, fn)
}
