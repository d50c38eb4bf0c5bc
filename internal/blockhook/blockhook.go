// Package blockhook runs DMEX's block and epoch hooks so that they never halt the chain: the
// work runs in a cache context and is written only if it succeeds; a failure (error or panic)
// is logged and emitted as an event, and the block goes on.
//
// One panic is not the hook's failure: running out of the caller's own gas. Inside a
// transaction (the x/group and x/gov hooks run in the message that triggers them) the gas the
// signer paid for is spent, so the transaction must abort with ErrOutOfGas and revert, as it
// would without the hook; Run re-panics it for BaseApp. A block's gas meter is infinite, so
// this never reaches Begin/EndBlock.
package blockhook

import (
	"fmt"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EventTypeHookFailed is the event a failed hook emits.
const EventTypeHookFailed = "dmex_block_hook_failed"

// Run runs fn(cacheCtx) for module's hook; it never returns an error, and never panics except
// when ctx's own gas meter runs out (see the package doc).
func Run(ctx sdk.Context, module, hook string, fn func(sdk.Context) error) {
	cacheCtx, write := ctx.CacheContext()
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				if callerOutOfGas(ctx, r) {
					panic(r)
				}
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return fn(cacheCtx)
	}()
	if err == nil {
		write()
		return
	}
	ctx.Logger().Error("block hook failed; its changes were discarded", "module", module, "hook", hook, "err", err)
	ctx.EventManager().EmitEvent(sdk.NewEvent(EventTypeHookFailed,
		sdk.NewAttribute("module", module), sdk.NewAttribute("hook", hook), sdk.NewAttribute("error", err.Error())))
}

// callerOutOfGas says whether r is a gas panic of ctx's own meter (the cache context shares it),
// not of a meter the hook set up for itself.
func callerOutOfGas(ctx sdk.Context, r any) bool {
	switch r.(type) {
	case storetypes.ErrorOutOfGas, storetypes.ErrorGasOverflow:
		return ctx.GasMeter().IsPastLimit()
	}
	return false
}
