// Package blockhook runs DMEX's block and epoch hooks so that they never halt the chain: the
// work runs in a cache context and is written only if it succeeds; a failure (error or panic)
// is logged and emitted as an event, and the block goes on.
package blockhook

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EventTypeHookFailed is the event a failed hook emits.
const EventTypeHookFailed = "dmex_block_hook_failed"

// Run runs fn(cacheCtx) for module's hook; it never returns an error and never panics.
func Run(ctx sdk.Context, module, hook string, fn func(sdk.Context) error) {
	cacheCtx, write := ctx.CacheContext()
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
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
