package keeper

import "context"

// TerminationHooks is x/riskfund's listener to x/escrow's termination of a product
// (x/escrow/types.TerminationHooks): it opens the claim run of the product's insured NFTs.
type TerminationHooks struct{ k Keeper }

// TerminationHooks returns the listener the app registers with x/escrow.
func (k Keeper) TerminationHooks() TerminationHooks { return TerminationHooks{k} }

func (h TerminationHooks) BeforeProductTerminated(ctx context.Context, productID uint64) error {
	return h.k.BeforeProductTerminated(ctx, productID)
}
