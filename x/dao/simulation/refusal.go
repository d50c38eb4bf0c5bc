package simulation

import (
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
)

// ExpectRefusal is the delivery result handler of a factory that sends a message the module
// must refuse: it accepts only an error that wraps want (a registered error, so its code and
// codespace reach the client), and checks that state, a digest of what the message would have
// changed, reads as it did when the factory ran. Pass it from a
// simsx.NewSimMsgFactoryWithDeliveryResultHandler factory, with state reading the block's
// context the factory was given.
func ExpectRefusal(want *errorsmod.Error, state func() string) simsx.SimDeliveryResultHandler {
	before := state()
	return func(err error) error {
		if err == nil {
			return fmt.Errorf("accepted a message that must be refused with %q (%s code %d)", want.Error(), want.Codespace(), want.ABCICode())
		}
		codespace, code, _ := errorsmod.ABCIInfo(err, false)
		if !errors.Is(err, want) || codespace != want.Codespace() || code != want.ABCICode() {
			return fmt.Errorf("refused with %s code %d (%w), want %q (%s code %d)", codespace, code, err, want.Error(), want.Codespace(), want.ABCICode())
		}
		if after := state(); after != before {
			return fmt.Errorf("refused message changed the state: %s, was %s", after, before)
		}
		return nil
	}
}
