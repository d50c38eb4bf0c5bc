package types

import "context"

// TerminationHooks listen to the DMEX authority's termination of a product (MsgTerminate).
// BeforeProductTerminated runs before x/escrow takes what the product's escrow still holds for
// the refund to its NFTs and before the escrow's status changes, so that a listener may still
// move escrowed funds (x/hashnft stops the sale and pays back the winners of an auction still
// creating NFTs). An error aborts the termination.
type TerminationHooks interface {
	BeforeProductTerminated(ctx context.Context, productID uint64) error
}

// MultiTerminationHooks runs several listeners in registration order (x/hashnft ends the
// product's sale today; lending, the risk fund and insurance will listen). The first error aborts
// the termination, and with it the message: the authority's decision takes effect in every module
// or in none, never with a product terminated here and still open in a listener.
type MultiTerminationHooks []TerminationHooks

func (m MultiTerminationHooks) BeforeProductTerminated(ctx context.Context, productID uint64) error {
	for _, h := range m {
		if err := h.BeforeProductTerminated(ctx, productID); err != nil {
			return err
		}
	}
	return nil
}
