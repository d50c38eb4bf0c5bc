package keeper

import (
	"errors"

	"github.com/dmexchain/dmex/x/escrow/types"
)

// wiring holds the listeners other modules register with x/escrow once its keeper exists (they
// are built on it, or on x/hashnft, which x/escrow is built on). The keeper holds it by pointer,
// so a registration reaches every copy of the keeper whenever the copy was taken. CheckWiring,
// which the app calls at the end of New, says what required registration is missing and closes
// the registrations.
type wiring struct {
	termination types.MultiTerminationHooks
	sealed      bool
}

// RegisterTerminationHooks adds a listener to the termination of a product; listeners run in
// registration order and the first error aborts the termination (types.MultiTerminationHooks).
// Required: at least one, x/hashnft's (its ProductEndHooks stop the product's sale before the
// escrow's remainder is refunded to the NFTs that exist).
func (k Keeper) RegisterTerminationHooks(h types.TerminationHooks) {
	if k.wiring.sealed {
		panic("x/escrow: RegisterTerminationHooks after the app's wiring was checked")
	}
	k.wiring.termination = append(k.wiring.termination, h)
}

// CheckWiring returns an error naming each required registration that is missing, and closes
// the registrations. The app calls it at the end of New and panics on an error.
func (k Keeper) CheckWiring() error {
	k.wiring.sealed = true
	if len(k.wiring.termination) == 0 {
		return errors.New("x/escrow: no termination hooks registered (RegisterTerminationHooks: x/hashnft must stop a terminated product's sale before its escrow is refunded)")
	}
	return nil
}
